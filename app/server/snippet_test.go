package server_test

// The snippet partners paste (README, "Embed"), as the builder, the demo and the README give it
// (card.Snippet), and what a host with a strict style policy adds for it (README,
// "Content-Security-Policy").

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"eventcard/app/card"
	"eventcard/app/internal/readme"
)

// snippetTags reads an embed snippet: the placeholder link (its attributes and text) and the
// script (its attributes), and nothing else.
type snippetTags struct {
	a      map[string]string
	text   string
	script map[string]string
}

var snippetRE2 = regexp.MustCompile(`^<a ([^>]*)>([^<]*)</a>\n<script ([^>]*)></script>$`)

func parseSnippet(t *testing.T, s string) snippetTags {
	t.Helper()
	m := snippetRE2.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("not a snippet (<a …>title</a>, newline, <script …></script>): %q", s)
	}
	return snippetTags{a: tags("<a "+m[1]+">", "a")[0].attrs, text: html.UnescapeString(m[2]), script: tags("<script "+m[3]+">", "script")[0].attrs}
}

// readmeSnippet is the README's embed snippet (its "Embed" section's first html block).
func readmeSnippet(t *testing.T) snippetTags {
	t.Helper()
	return parseSnippet(t, strings.TrimSuffix(readme.MustBlock(t, root, "## Embed", "html"), "\n"))
}

func samePage(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || ua.Host != ub.Host || ua.Scheme != ub.Scheme {
		return false
	}
	pa, ok1 := card.ParsePath(ua.Path)
	pb, ok2 := card.ParsePath(ub.Path)
	return ok1 && ok2 && pa == pb
}

// The README's snippet is card.Snippet's for its event (the event's id, address and title in its
// own language, here the fixture event's), attribute for attribute.
func TestREADMESnippetIsTheBuilders(t *testing.T) {
	readme := readmeSnippet(t)
	readmeEvent := readme.script["data-event"]
	lang := fixtureEvent(t, eventID).Language
	title := eventMessage(t, lang, "Title")
	got := parseSnippet(t, card.Snippet(baseURL, card.Embed{Event: eventID, Title: title, Fold: foldsOf(t, eventID)}))
	if got.text != title {
		t.Errorf("link text %q, want the title %q", got.text, title)
	}
	if want := strings.Replace(readme.a["href"], readmeEvent, eventID, 1); !samePage(got.a["href"], want) {
		t.Errorf("link to %q, the README's would be %q", got.a["href"], want)
	}
	delete(got.a, "href")
	ra := map[string]string{}
	for k, v := range readme.a {
		if k != "href" {
			ra[k] = v
		}
	}
	if !mapsEqual(got.a, ra) {
		t.Errorf("link attributes %v, the README's %v", got.a, ra)
	}
	rs := map[string]string{}
	for k, v := range readme.script {
		rs[k] = v
	}
	rs["data-event"] = eventID
	if !mapsEqual(got.script, rs) {
		t.Errorf("script attributes %v, the README's %v", got.script, rs)
	}
}

// styleHashes are the CSP hashes of the README snippet's style attribute, as card.Snippet
// writes it for its event.
func styleHashes(t *testing.T) []string {
	t.Helper()
	s := parseSnippet(t, card.Snippet(baseURL, card.Embed{Event: eventID, Title: "x", Fold: foldsOf(t, eventID)}))
	sum := sha256.Sum256([]byte(s.a["style"]))
	return []string{"'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}
}

// The README tells a host whose policy limits styles the hash of exactly the snippet's style
// attribute (the browser test shows the page does not move under that policy).
func TestREADMEStyleHashesAreTheSnippets(t *testing.T) {
	line := readme.Line(t, root, "### Content-Security-Policy", "Content-Security-Policy: style-src ")
	if want := "Content-Security-Policy: style-src 'unsafe-hashes' " + strings.Join(styleHashes(t), " "); line != want {
		t.Errorf("README's style-src:\n%s\nthe snippet's:\n%s", line, want)
	}
}
