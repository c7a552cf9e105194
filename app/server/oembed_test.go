package server_test

// oEmbed (https://oembed.com): the endpoint, its static files, and the snippet it answers with,
// which must be the README's.

import (
	"html"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"eventcard/app/card"
	"eventcard/app/meta"
)

type oembedJSON struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	Title           string `json:"title"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

var socialImageRE = regexp.MustCompile(`^` + regexp.QuoteMeta(baseURL) + `/images/[a-z0-9-]+/social\.[a-z]{2,3}\.(png|jpg)$`)

func oembedPath(target string, extra ...string) string {
	q := url.Values{"url": {target}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return "/oembed?" + q.Encode()
}

// getOEmbed requests path and checks what every answer has: status 200, JSON, version 1.0, a
// rich response from this provider with its thumbnail.
func getOEmbed(t *testing.T, path string) (oembedJSON, response) {
	t.Helper()
	r := get(t, path, nil)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: status %d %q", path, r.code, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	var o oembedJSON
	decodeJSON(t, path, []byte(r.body), &o)
	if o.Version != "1.0" || o.Type != "rich" || o.ProviderURL != baseURL+"/" {
		t.Errorf("GET %s: version %q type %q provider_url %q", path, o.Version, o.Type, o.ProviderURL)
	}
	// The event's social image (TestOEmbedPerLanguage fetches it).
	if !socialImageRE.MatchString(o.ThumbnailURL) || o.ThumbnailWidth != 1200 || o.ThumbnailHeight != 630 {
		t.Errorf("GET %s: thumbnail %q %dx%d, want a social image, 1200×630", path, o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight)
	}
	return o, r
}

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
	data, err := os.ReadFile(root + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\n## Embed\n.*?```html\n(.*?)\n```").FindSubmatch(data)
	if m == nil {
		t.Fatalf("README.md: no html block in the Embed section")
	}
	return parseSnippet(t, string(m[1]))
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

// The event's address without a language: the README's snippet (the card then picks the
// visitor's language), for the event: the README's, with the event's id, address and title in
// its own language. The home page's is the featured event's.
func TestOEmbedIsTheREADMESnippet(t *testing.T) {
	readme := readmeSnippet(t)
	readmeEvent := readme.script["data-event"]
	for _, c := range []struct{ target, id string }{
		{baseURL + "/events/" + eventID, eventID},
		{baseURL + "/events/" + eventID + "/", eventID},
		{baseURL + "/", set.Featured()},
		{baseURL, set.Featured()},
	} {
		o, _ := getOEmbed(t, oembedPath(c.target, "format", "json"))
		got := parseSnippet(t, o.HTML)
		title := messageOf(t, c.id, fixtureEvent(t, c.id).Language, "Title")
		if o.Title != title || got.text != title {
			t.Errorf("%s: title %q, link text %q; want the title in the event's own language %q", c.target, o.Title, got.text, title)
		}
		if want := strings.Replace(readme.a["href"], readmeEvent, c.id, 1); !samePage(got.a["href"], want) {
			t.Errorf("%s: link to %q, the README's would be %q", c.target, got.a["href"], want)
		}
		delete(got.a, "href")
		ra := map[string]string{}
		for k, v := range readme.a {
			if k != "href" {
				ra[k] = v
			}
		}
		if !mapsEqual(got.a, ra) {
			t.Errorf("%s: link attributes %v, the README's %v", c.target, got.a, ra)
		}
		rs := map[string]string{}
		for k, v := range readme.script {
			rs[k] = v
		}
		rs["data-event"] = c.id
		if !mapsEqual(got.script, rs) {
			t.Errorf("%s: script attributes %v, the README's %v", c.target, got.script, rs)
		}
		if o.Width != 768 || o.Height != 720 || readme.a["style"] != "display:block;height:720px" {
			t.Errorf("%s: %dx%d, want 768x720 (the README reserves %q)", c.target, o.Width, o.Height, readme.a["style"])
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The address in a language: the snippet pins it (data-lang), the title is in it.
func TestOEmbedPerLanguage(t *testing.T) {
	for _, lang := range langs {
		for _, target := range []string{
			baseURL + eventPath(lang),
			strings.TrimSuffix(baseURL+eventPath(lang), "/"),
			baseURL + "/events/" + eventID + "/?lang=" + lang, // the standalone page takes ?lang=
		} {
			o, r := getOEmbed(t, oembedPath(target))
			title := eventMessage(t, lang, "Title")
			if o.Title != title || o.ProviderName != uiMessage(t, lang, "AppName") {
				t.Errorf("%s: title %q provider %q, want %q and the %s app name", target, o.Title, o.ProviderName, title, lang)
			}
			s := parseSnippet(t, o.HTML)
			wantA := map[string]string{"class": "eventcard", "href": baseURL + eventPath(lang), "style": "display:block;height:720px"}
			wantScript := map[string]string{"async": "", "src": baseURL + "/embed.js", "data-event": eventID, "data-lang": lang}
			if !mapsEqual(s.a, wantA) || s.text != title || !mapsEqual(s.script, wantScript) {
				t.Errorf("%s: snippet %q, want <a %v>%s</a> <script %v>", target, o.HTML, wantA, title, wantScript)
			}
			// The exact markup: html/template's escaping of the title, attributes in order.
			want := `<a class="eventcard" href="` + baseURL + eventPath(lang) + `" style="display:block;height:720px">` + html.EscapeString(title) + "</a>\n" +
				`<script async src="` + baseURL + `/embed.js" data-event="` + eventID + `" data-lang="` + lang + `"></script>`
			if o.HTML != want {
				t.Errorf("%s: html\n%s\nwant\n%s", target, o.HTML, want)
			}
			if o.Width != 768 || o.Height != 720 {
				t.Errorf("%s: %dx%d, want 768x720", target, o.Width, o.Height)
			}
			if want := baseURL + meta.SocialImagePath(eventID, lang, false); o.ThumbnailURL != want {
				t.Errorf("%s: thumbnail %q, want the event's social image in %s, %s", target, o.ThumbnailURL, lang, want)
			}
			if r.header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("%s: no Access-Control-Allow-Origin: *", target)
			}
		}
		// The home page in the language: the featured event's card, in it.
		o, _ := getOEmbed(t, oembedPath(baseURL+"/"+lang+"/"))
		if s := parseSnippet(t, o.HTML); s.script["data-event"] != set.Featured() || s.script["data-lang"] != lang || o.Title != messageOf(t, set.Featured(), lang, "Title") {
			t.Errorf("/%s/: %q, want the featured event in %s", lang, o.HTML, lang)
		}
		// The static host's file: the same answer as for the page in the language.
		o, _ = getOEmbed(t, oembedPath(baseURL+eventPath(lang)))
		checkImage(t, o.ThumbnailURL, 1200, 630)
		f, _ := getOEmbed(t, "/oembed/"+lang+"/"+eventID+".json")
		if f != o {
			t.Errorf("/oembed/%s/%s.json differs from the endpoint's answer:\n%+v\n%+v", lang, eventID, f, o)
		}
	}
}

func TestOEmbedSize(t *testing.T) {
	target := baseURL + eventPath("en")
	cases := []struct {
		params        []string
		width, height int
		compact       bool
	}{
		{nil, 768, 720, false},
		{[]string{"maxwidth", "500"}, 500, 720, false},
		{[]string{"maxwidth", "280"}, 280, 720, false},
		{[]string{"maxwidth", "1200"}, 768, 720, false},
		{[]string{"maxwidth", "-5"}, 768, 720, false},
		{[]string{"maxwidth", "wide"}, 768, 720, false},
		{[]string{"maxwidth", "600", "maxheight", "2000"}, 600, 720, false},
		// The full fold does not fit: the compact card, whose fold is 440 px.
		{[]string{"maxwidth", "600", "maxheight", "500"}, 600, 440, true},
	}
	for _, c := range cases {
		o, _ := getOEmbed(t, oembedPath(target, c.params...))
		if o.Width != c.width || o.Height != c.height {
			t.Errorf("%v: %dx%d, want %dx%d", c.params, o.Width, o.Height, c.width, c.height)
		}
		s := parseSnippet(t, o.HTML)
		if want := "display:block;height:" + strconv.Itoa(c.height) + "px"; s.a["style"] != want {
			t.Errorf("%v: the placeholder reserves %q, want %q", c.params, s.a["style"], want)
		}
		if _, compact := s.script["data-compact"]; compact != c.compact {
			t.Errorf("%v: data-compact %v, want %v", c.params, compact, c.compact)
		}
	}
}

// Anything that is not a standalone page of this widget is a 404; a format other than JSON
// is a 501. Nothing of the request is reflected.
func TestOEmbedRefuses(t *testing.T) {
	notFound := []string{
		"http://evil.example/events/" + eventID + "/",
		"http://127.0.0.1:8001/events/" + eventID + "/", // another port: another origin
		"http://localhost:8000/events/" + eventID + "/",
		baseURL + "/events/nope/",
		baseURL + "/de/events/" + eventID + "/",
		baseURL + "/de/",
		baseURL + "/embed/" + eventID + "/", // a frame, not a page to paste
		baseURL + "/en/embed/" + eventID + "/",
		baseURL + "/embed/", // the snippet builder
		baseURL + "/events/" + eventID + ".ics",
		baseURL + "/events/" + eventID + "/x",
		baseURL + "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
		"/events/" + eventID + "/", // relative
		"//127.0.0.1:8000/events/", // scheme-relative
		"javascript:alert(1)//127.0.0.1:8000/events/" + eventID,
		"ftp://127.0.0.1:8000/events/" + eventID + "/",
		"http://user:pass@127.0.0.1:8000/events/" + eventID + "/",
		"http://127.0.0.1:8000%zz/events/" + eventID,
		"%%%",
		"",
		baseURL + "/events/" + strings.Repeat("a", 5000),
	}
	for _, target := range notFound {
		r := get(t, oembedPath(target, "format", "json"), nil)
		if r.code != http.StatusNotFound {
			t.Errorf("url=%q: status %d, want 404", target, r.code)
		}
		if strings.Contains(r.body, "evil") || strings.Contains(r.body, "<script") || strings.Contains(r.body, "alert") {
			t.Errorf("url=%q: the request is reflected: %q", target, r.body)
		}
	}
	if r := get(t, "/oembed", nil); r.code != http.StatusNotFound {
		t.Errorf("no url: status %d, want 404", r.code)
	}
	for _, format := range []string{"xml", "XML", "jsonp", "<script>"} {
		r := get(t, oembedPath(baseURL+eventPath("en"), "format", format), nil)
		if r.code != http.StatusNotImplemented {
			t.Errorf("format=%q: status %d, want 501", format, r.code)
		}
		if strings.Contains(r.body, "<script") {
			t.Errorf("format=%q: reflected", format)
		}
	}
	for _, path := range []string{"/oembed/de/" + eventID + ".json", "/oembed/en/nope.json", "/oembed/en/" + eventID, "/oembed/en/" + eventID + ".xml", "/oembed/en/" + eventID + ".json/x"} {
		if r := get(t, path, nil); r.code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, r.code)
		}
	}
}

// A hostile url parameter that still names the event (its query, its fragment, the host's
// case): the answer is the event's, and nothing of the parameter gets into the snippet.
func TestOEmbedHostileURL(t *testing.T) {
	want, _ := getOEmbed(t, oembedPath(baseURL+eventPath("fr")))
	for _, target := range []string{
		baseURL + eventPath("fr") + `?x="><script>alert(1)</script>`,
		baseURL + eventPath("fr") + `#"><img src=x onerror=alert(1)>`,
		baseURL + eventPath("fr") + `?lang=en`, // the path's language wins
		"HTTP://127.0.0.1:8000" + eventPath("fr"),
		"https://127.0.0.1:8000" + eventPath("fr"),
	} {
		o, _ := getOEmbed(t, oembedPath(target))
		if o != want {
			t.Errorf("url=%q: the answer differs from the page's:\n%+v\n%+v", target, o, want)
		}
	}
	// With a hostile Host header: the configured origin, never the header's.
	r := get(t, oembedPath(baseURL+eventPath("fr")), map[string]string{"Host": "evil.example"})
	if r.code != http.StatusOK || strings.Contains(r.body, "evil") {
		t.Errorf("Host evil.example: status %d, body %q", r.code, r.body)
	}
	if r := get(t, oembedPath("http://evil.example"+eventPath("fr")), map[string]string{"Host": "evil.example"}); r.code != http.StatusNotFound {
		t.Errorf("a URL on the request's Host (not the configured one): status %d, want 404", r.code)
	}
}

// The answer follows the build: revalidated with its version.
func TestOEmbedCaching(t *testing.T) {
	path := oembedPath(baseURL + eventPath("pt"))
	_, r := getOEmbed(t, path)
	etag := r.header.Get("ETag")
	if etag != `"`+widget.Version()+`"` || r.header.Get("Cache-Control") != "no-cache" {
		t.Errorf("ETag %s Cache-Control %q", etag, r.header.Get("Cache-Control"))
	}
	if nm := get(t, path, map[string]string{"If-None-Match": etag}); nm.code != http.StatusNotModified {
		t.Errorf("with its ETag: status %d, want 304", nm.code)
	}
}
