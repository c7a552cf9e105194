package server_test

// Tests of the widget's HTTP server, through real HTTP (httptest.NewServer and an http.Client)
// against the fixture events (fixtures.TreeWithWasm: the project's web/ with its built wasm and
// its interface texts, and the fixture events, one of each kind and status). They assert what a
// visitor, a partner page or a cache sees: status, headers and the prerendered HTML. The
// expected texts are read from the fixtures' message files and locales/ui, never copied into
// the tests. The project's own events are checked by loading them only (TestNewOnTheProjectTree),
// so adding or changing one changes no test.
//
// TestMain builds the server once and every test shares it; tests that need a server of their
// own (a fresh page cache, another tree) build it.

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/server"
	"eventcard/app/views"

	nethtml "golang.org/x/net/html"
)

// root is the project's root: its README, and the tree the binary embeds.
var root = fixtures.Root()

const (
	// eventID is the fixture event of the seed's shape: a past webinar with its recording.
	eventID = fixtures.PastWebinar
	// baseURL is server.Config's default BaseURL: the origin every canonical URL must use.
	baseURL = "http://127.0.0.1:8000"
)

// langs are the card's languages in the switcher's order (locales/languages.toml).
var langs = []string{"es", "en", "pt", "fr"}

var (
	tree   fstest.MapFS // what the shared server serves: never written into
	set    *views.Set   // the same events, for the facts a test expects
	widget *server.Server
	srv    *httptest.Server
	// client does not follow redirects: a test sees exactly what the server answered.
	client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
)

func TestMain(m *testing.M) {
	tree = fixtures.TreeWithWasm(setup{})
	var err error
	if set, err = views.Load(tree, nil); err != nil {
		fmt.Fprintln(os.Stderr, "views.Load on the fixtures:", err)
		os.Exit(1)
	}
	if widget, err = server.New(tree, server.Config{}); err != nil {
		fmt.Fprintln(os.Stderr, "server.New on the fixtures:", err)
		os.Exit(1)
	}
	srv = httptest.NewServer(widget)
	code := m.Run()
	srv.Close()
	os.Exit(code)
}

// setup is the testing.TB the fixtures are read with in TestMain, before any test: they call
// Helper, and Fatal or Fatalf when a file is missing, which ends the run.
type setup struct{ testing.TB }

func (setup) Helper()           {}
func (setup) Fatal(args ...any) { fmt.Fprintln(os.Stderr, args...); os.Exit(1) }
func (setup) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// ---- requests ----

type response struct {
	code   int
	header http.Header
	body   string
}

// get requests path from the shared test server. hdr holds request headers; "Host" sets the
// request's Host header (the connection still goes to the test server).
func get(t *testing.T, path string, hdr map[string]string) response {
	t.Helper()
	return getFrom(t, srv, path, hdr)
}

func getFrom(t *testing.T, s *httptest.Server, path string, hdr map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return response{code: res.StatusCode, header: res.Header, body: string(body)}
}

// serverOf is a server of its own on tree m, quiet, closed at the test's end.
func serverOf(t *testing.T, m fstest.MapFS) *httptest.Server {
	t.Helper()
	s, err := server.New(m, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ws := httptest.NewServer(s)
	t.Cleanup(ws.Close)
	return ws
}

// timedWebinar is the fixtures with the webinar at a time, 14:00 to 15:30 in Asunción on
// 1 October 2026 (UTC−3), titled title in lang.
func timedWebinar(t *testing.T, lang, title string) fstest.MapFS {
	t.Helper()
	m := fixtures.Tree(t)
	projecttree.Replace(t, m, "events/"+eventID+".toml", "date = 2020-09-14", "date = 2026-10-01\ntime = \"14:00\"\nduration = \"1h30m\"")
	projecttree.Replace(t, m, "locales/events/"+eventID+"/active."+lang+".toml", `Title = "`+eventMessage(t, lang, "Title")+`"`, `Title = "`+title+`"`)
	return m
}

// versionTag reports whether etag is the build's version, as the tag of a file of the build in
// one of its encodings ("v", "v-gzip", "v-br").
func versionTag(etag string) bool {
	v := widget.Version()
	return etag == `"`+v+`"` || etag == `"`+v+`-gzip"` || etag == `"`+v+`-br"`
}

// ---- the expected texts and facts, from the fixtures' files ----

// message reads one message from a go-i18n TOML file of the tree: either `id = "text"` or a
// table with an `other` key.
func message(t *testing.T, file, id string) string {
	t.Helper()
	return fixtures.Message(t, tree, file, id)
}

// eventMessage is one of event eventID's messages in lang.
func eventMessage(t *testing.T, lang, id string) string {
	t.Helper()
	return messageOf(t, eventID, lang, id)
}

// messageOf is one of event event's messages in lang.
func messageOf(t *testing.T, event, lang, id string) string {
	t.Helper()
	return message(t, "locales/events/"+event+"/active."+lang+".toml", id)
}

func uiMessage(t *testing.T, lang, id string) string {
	t.Helper()
	return message(t, "locales/ui/active."+lang+".toml", id)
}

// siteMessage is message id of the site's texts (its branding) in lang.
func siteMessage(t *testing.T, lang, id string) string {
	t.Helper()
	return message(t, "locales/site/active."+lang+".toml", id)
}

// fixtureEvent is event id as content reads it from the fixtures.
func fixtureEvent(t *testing.T, id string) *content.Event {
	t.Helper()
	f, ok := set.Facts(id, "es")
	if !ok {
		t.Fatalf("no fixture event %s", id)
	}
	return f.Event
}

// speakers are the names of the event's people, from its event file.
func speakers(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, p := range fixtureEvent(t, eventID).People {
		names = append(names, p.Name)
	}
	if len(names) != 3 {
		t.Fatalf("events/%s.toml: %d people, the tests expect 3", eventID, len(names))
	}
	return names
}

// localizer writes dates and names countries in lang, as the card does (app/i18n checks its
// formats against ICU).
func localizer(t *testing.T, lang string) *i18n.Localizer {
	t.Helper()
	c, err := i18n.Load(tree)
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.For(lang, "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fullDate is the event's day in lang.
func fullDate(t *testing.T, lang string) string {
	t.Helper()
	return localizer(t, lang).FullDate(fixtureEvent(t, eventID).When.Start())
}

// ---- HTML, read with golang.org/x/net/html as a browser parses it ----

// tag is one start tag: its attributes, and the tag as written back, for messages.
type tag struct {
	attrs map[string]string
	raw   string
}

// nodes lists the elements named name in the HTML s (a page or a piece of one), in document
// order.
func nodes(s, name string) []*nethtml.Node {
	doc, err := nethtml.Parse(strings.NewReader(s))
	if err != nil {
		panic(err) // the parser reads any input; only the reader can fail
	}
	var out []*nethtml.Node
	for n := range doc.Descendants() {
		if n.Type == nethtml.ElementNode && n.Data == name {
			out = append(out, n)
		}
	}
	return out
}

// tags lists the start tags named name in s, in document order. go-app writes attributes in
// no fixed order, so a test never depends on it.
func tags(s, name string) []tag {
	var out []tag
	for _, n := range nodes(s, name) {
		t := tag{attrs: map[string]string{}}
		raw := "<" + n.Data
		for _, a := range n.Attr {
			t.attrs[a.Key] = a.Val
			raw += " " + a.Key + `="` + html.EscapeString(a.Val) + `"`
		}
		t.raw = raw + ">"
		out = append(out, t)
	}
	return out
}

// elements returns the inner HTML of each element named name whose start tag has the attribute
// attr="value" (any attr when attr is "").
func elements(s, name, attr, value string) []string {
	var out []string
	for _, n := range nodes(s, name) {
		if attr != "" && !slices.ContainsFunc(n.Attr, func(a nethtml.Attribute) bool { return a.Key == attr && a.Val == value }) {
			continue
		}
		var b strings.Builder
		for c := range n.ChildNodes() {
			nethtml.Render(&b, c)
		}
		out = append(out, b.String())
	}
	return out
}

func head(t *testing.T, page string) string {
	t.Helper()
	i, j := strings.Index(page, "<head>"), strings.Index(page, "</head>")
	if i < 0 || j < i {
		t.Fatalf("no <head> in the page:\n%.500s", page)
	}
	return page[i:j]
}

// htmlLang is the page's <html lang>.
func htmlLang(t *testing.T, page string) string {
	t.Helper()
	h := tags(page, "html")
	if len(h) != 1 {
		t.Fatalf("want one <html> tag, got %d", len(h))
	}
	return h[0].attrs["lang"]
}

func h1(t *testing.T, page string) string {
	t.Helper()
	hs := elements(page, "h1", "", "")
	if len(hs) != 1 {
		t.Fatalf("want one <h1>, got %d", len(hs))
	}
	return strings.TrimSpace(hs[0])
}

func metaProperty(t *testing.T, page, prop string) string {
	t.Helper()
	for _, m := range tags(page, "meta") {
		if m.attrs["property"] == prop || m.attrs["name"] == prop {
			return m.attrs["content"]
		}
	}
	t.Fatalf("no <meta %s>", prop)
	return ""
}

// checkLanguage asserts that a page is the event's, in lang: <html lang>, Content-Language,
// and the event's title in that language in the <h1>.
func checkLanguage(t *testing.T, r response, lang string) {
	t.Helper()
	checkPage(t, r, lang, eventMessage(t, lang, "Title"))
}

// checkPage asserts that a page is in lang and titled title.
func checkPage(t *testing.T, r response, lang, title string) {
	t.Helper()
	if got := r.header.Get("Content-Language"); got != lang {
		t.Errorf("Content-Language %q, want %q", got, lang)
	}
	if got := htmlLang(t, r.body); got != lang {
		t.Errorf("<html lang=%q>, want %q", got, lang)
	}
	if got, want := h1(t, r.body), html.EscapeString(title); got != want {
		t.Errorf("<h1> %q, want the %s title %q", got, lang, want)
	}
}

// The addresses of the card's pages (see card.Path): the language in the path, directory style.
// embedPath and eventPath are what the switcher links and a static host serve; loaderPath is
// what web/embed.js asks for (no language in the path: the server negotiates, from data-lang).
func embedPath(lang string) string  { return "/" + lang + "/embed/" + eventID + "/" }
func eventPath(lang string) string  { return "/" + lang + "/events/" + eventID + "/" }
func loaderPath(lang string) string { return "/embed/" + eventID + "?lang=" + lang }

// ---- 1. The prerendered card, per language ----

func TestEmbedPrerenderedPerLanguage(t *testing.T) {
	names := speakers(t)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			r := get(t, embedPath(lang), nil)
			if r.code != http.StatusOK {
				t.Fatalf("status %d, want 200", r.code)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q, want text/html", ct)
			}
			checkLanguage(t, r, lang)
			checkNoVary(t, r)
			// What the loader asks for, negotiated from its data-lang: the same page.
			if l := get(t, loaderPath(lang), nil); l.code != http.StatusOK || l.body != r.body {
				t.Errorf("GET %s: status %d, and not the page of %s", loaderPath(lang), l.code, embedPath(lang))
			}

			// The full date, inside <time datetime="2020-09-14">.
			times := tags(r.body, "time")
			dates := elements(r.body, "time", "datetime", "2020-09-14")
			if len(times) != 1 || len(dates) != 1 {
				t.Errorf("want one <time datetime=\"2020-09-14\">, got %d <time> tags, %d with that datetime", len(times), len(dates))
			} else if got, want := strings.TrimSpace(dates[0]), html.EscapeString(fullDate(t, lang)); got != want {
				t.Errorf("<time> %q, want %q", got, want)
			}

			// Every speaker, by name.
			people := elements(r.body, "section", "class", "card-section card-people")
			if len(people) != 1 {
				t.Fatalf("%d sections of people, want 1", len(people))
			}
			text := html.UnescapeString(strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(people[0], " ")), " "))
			for _, name := range names {
				if !strings.Contains(text, name) {
					t.Errorf("speaker %q missing from the card's people: %q", name, text)
				}
			}

			checkRecordingLink(t, r.body)
			checkSwitcher(t, r.body, lang, embedPath)
			checkData(t, r.body)
			checkHeadLinks(t, r.body, baseURL+embedPath(lang), baseURL+eventPath(lang), embedPath, "/embed/"+eventID+"/")
		})
	}
}

// checkRecordingLink: a past event's one action is its recording, opened in a new tab without
// giving it a handle on the partner's page. Every link that opens a tab has noopener.
func checkRecordingLink(t *testing.T, page string) {
	t.Helper()
	var buttons []tag
	for _, a := range tags(page, "a") {
		if slices.Contains(strings.Fields(a.attrs["class"]), "card-button") {
			buttons = append(buttons, a)
		}
		if a.attrs["target"] == "_blank" && !slices.Contains(strings.Fields(a.attrs["rel"]), "noopener") {
			t.Errorf("link opens a new tab without rel=noopener: %s", a.raw)
		}
	}
	if len(buttons) != 1 {
		t.Fatalf("want one action (a.card-button), the recording, got %d", len(buttons))
	}
	a := buttons[0]
	if want := fixtureEvent(t, eventID).Recording.URL; a.attrs["href"] != want || !slices.Contains(strings.Fields(a.attrs["class"]), "card-button--recording") {
		t.Errorf("the action %s, want the recording at %s", a.raw, want)
	}
	if a.attrs["target"] != "_blank" {
		t.Errorf("recording target %q, want _blank", a.attrs["target"])
	}
	if !slices.Contains(strings.Fields(a.attrs["rel"]), "noopener") {
		t.Errorf("recording rel %q, want noopener", a.attrs["rel"])
	}
}

// checkSwitcher: one link per language, in order, each a real link to the page in that
// language (href(lang)) with hreflang and lang, and exactly one marked as the current page: the
// page's language.
func checkSwitcher(t *testing.T, page, current string, href func(lang string) string) {
	t.Helper()
	for i, a := range switcher(t, page, current) {
		if l := langs[i]; a.attrs["href"] != href(l) {
			t.Errorf("switcher link %d: %s, want href=%q", i, a.raw, href(l))
		}
	}
}

// switcher checks the switcher's links but for their addresses, and returns them.
func switcher(t *testing.T, page, current string) []tag {
	t.Helper()
	navs := elements(page, "nav", "class", "card-langs")
	if len(navs) != 1 {
		t.Fatalf("want one nav.card-langs, got %d", len(navs))
	}
	links := tags(navs[0], "a")
	if len(links) != len(langs) {
		t.Fatalf("switcher has %d links, want %d", len(links), len(langs))
	}
	currents := 0
	for i, a := range links {
		l := langs[i]
		if a.attrs["hreflang"] != l || a.attrs["lang"] != l {
			t.Errorf("switcher link %d: %s, want hreflang=%q lang=%q", i, a.raw, l, l)
		}
		if v, ok := a.attrs["aria-current"]; ok {
			currents++
			if v != "page" || l != current {
				t.Errorf("aria-current=%q on the %s link of the %s page: %s", v, l, current, a.raw)
			}
		}
	}
	if currents != 1 {
		t.Errorf("%d switcher links carry aria-current, want exactly 1", currents)
	}
	if n := strings.Count(page, `aria-current=`); n != 1 {
		t.Errorf("aria-current appears %d times in the page, want 1", n)
	}
	return links
}

var dataRE = regexp.MustCompile(`(?s)<script\b([^>]*)>(.*?)</script>`)

// pageData returns the page's data block, parsed as the wasm parses it.
func pageData(t *testing.T, page string) *card.Bundle {
	t.Helper()
	var blocks []string
	for _, m := range dataRE.FindAllStringSubmatch(page, -1) {
		a := tags("<x "+m[1]+">", "x")[0].attrs
		if a["id"] == card.DataElementID {
			if a["type"] != "application/json" {
				t.Errorf("data block type %q, want application/json", a["type"])
			}
			blocks = append(blocks, m[2])
		}
	}
	if len(blocks) != 1 {
		t.Fatalf(`want one <script type="application/json" id=%q>, got %d`, card.DataElementID, len(blocks))
	}
	b, err := card.ParseData(blocks[0])
	if err != nil {
		t.Fatalf("card.ParseData: %v", err)
	}
	return b
}

func checkData(t *testing.T, page string) {
	t.Helper()
	b := pageData(t, page)
	if b.Event != eventID || b.Default != "es" {
		t.Errorf("data: event %q default %q, want %q and es", b.Event, b.Default, eventID)
	}
	if len(b.Views) != len(langs) {
		t.Errorf("data: %d views, want %d", len(b.Views), len(langs))
	}
	for _, l := range langs {
		v, ok := b.Views[l]
		if !ok {
			t.Errorf("data: no %s view", l)
			continue
		}
		if v.Lang != l || v.Title != eventMessage(t, l, "Title") || v.Card == nil || v.Card.When.Text != fullDate(t, l) {
			t.Errorf("data: %s view has lang %q, title %q, card %+v", l, v.Lang, v.Title, v.Card)
		}
	}
	var codes []string
	for _, l := range b.Languages {
		codes = append(codes, l.Code)
	}
	if !slices.Equal(codes, langs) {
		t.Errorf("data: languages %v, want %v", codes, langs)
	}
}

func TestStandalonePrerenderedPerLanguage(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			r := get(t, eventPath(lang), nil)
			if r.code != http.StatusOK {
				t.Fatalf("status %d, want 200", r.code)
			}
			checkLanguage(t, r, lang)
			// The language is the address's: one page per URL, nothing for a cache to vary on.
			checkNoVary(t, r)
			checkSwitcher(t, r.body, lang, eventPath)
			checkData(t, r.body)
			checkHeadLinks(t, r.body, baseURL+eventPath(lang), baseURL+eventPath(lang), eventPath, "/events/"+eventID+"/")
			// Without the trailing slash: the same page.
			if r2 := get(t, strings.TrimSuffix(eventPath(lang), "/"), nil); r2.code != http.StatusOK || r2.body != r.body {
				t.Errorf("GET %s: status %d, and not the page of %s", strings.TrimSuffix(eventPath(lang), "/"), r2.code, eventPath(lang))
			}
		})
	}
}

// The home page in a language, with several events: the list of them; its canonical address
// is the home page's own.
func TestHomePerLanguage(t *testing.T) {
	home := func(lang string) string { return "/" + lang + "/" }
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			r := get(t, home(lang), map[string]string{"Accept-Language": "de"})
			if r.code != http.StatusOK {
				t.Fatalf("status %d, want 200", r.code)
			}
			checkIndex(t, r, lang)
			checkNoVary(t, r)
			if b := pageData(t, r.body); b.Event != "" || b.View(lang).Index == nil || len(b.View(lang).Index.Events) != len(fixtures.IDs) {
				t.Errorf("the home page's data is not the list of events")
			}
			// Each event, linked in the page's language.
			for _, id := range fixtures.IDs {
				if len(elements(r.body, "a", "href", "/"+lang+"/events/"+id+"/")) != 1 {
					t.Errorf("the index does not link %s once", id)
				}
			}
			checkHeadLinks(t, r.body, baseURL+home(lang), baseURL+home(lang), home, "/")
		})
	}
}

// checkIndex asserts that a page is the list of events in lang: <html lang>,
// Content-Language, and the list's title in that language in the <h1>.
func checkIndex(t *testing.T, r response, lang string) {
	t.Helper()
	checkPage(t, r, lang, uiMessage(t, lang, "EventsIndex"))
}

// With one event, the home page is its card, standalone, in every language: its data, its
// structured data, its oEmbed and its social card, under the home page's address.
func TestHomeOfOneEvent(t *testing.T) {
	m := fixtures.Tree(t)
	for name := range m {
		for _, id := range fixtures.IDs {
			if id != eventID && (name == "events/"+id+".toml" || strings.HasPrefix(name, "events/"+id+"/") || strings.HasPrefix(name, "locales/events/"+id+"/")) {
				delete(m, name)
			}
		}
	}
	ws := serverOf(t, m)
	home := func(lang string) string { return "/" + lang + "/" }
	for _, lang := range langs {
		r := getFrom(t, ws, home(lang), map[string]string{"Accept-Language": "de"})
		if r.code != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", lang, r.code)
		}
		checkLanguage(t, r, lang)
		if pageData(t, r.body).Event != eventID {
			t.Errorf("%s: the home page's data is not the only event's", lang)
		}
		checkHeadLinks(t, r.body, baseURL+home(lang), baseURL+home(lang), home, "/")
		h := head(t, r.body)
		if lds := jsonLD(t, h); len(lds) != 1 || lds[0]["name"] != eventMessage(t, lang, "Title") {
			t.Errorf("%s: JSON-LD %v, want the event's", lang, lds)
		}
		if links := discovery(t, r.body); len(links) != 1 || links[0].attrs["title"] != eventMessage(t, lang, "Title") {
			t.Errorf("%s: oEmbed links %v, want the event's", lang, links)
		}
		if got := metaProperty(t, h, "twitter:title"); got != eventMessage(t, lang, "Title") {
			t.Errorf("%s: twitter:title %q", lang, got)
		}
	}
	// The bare address: the event's own language.
	if r := getFrom(t, ws, "/", nil); htmlLang(t, r.body) != fixtureEvent(t, eventID).Language {
		t.Errorf("/: <html lang=%q>, want the event's own language", htmlLang(t, r.body))
	}
}

// checkHeadLinks: og:url is the page's canonical path address (ogURL); <link rel=canonical> is
// the standalone page in the page's language (canonical), absolute on the configured origin;
// one <link rel=alternate hreflang> per language (alternate(lang)) and x-default (the address
// without a language, unlocalized), all absolute on the configured origin.
func checkHeadLinks(t *testing.T, page, ogURL, canonical string, alternate func(string) string, unlocalized string) {
	t.Helper()
	h := head(t, page)
	if got := metaProperty(t, h, "og:url"); got != ogURL {
		t.Errorf("og:url %q, want %q", got, ogURL)
	}
	var canonicals []string
	alternates := map[string]string{}
	var order []string
	for _, l := range tags(h, "link") {
		switch {
		case l.attrs["rel"] == "canonical":
			canonicals = append(canonicals, l.attrs["href"])
		case l.attrs["rel"] == "alternate" && l.attrs["hreflang"] != "":
			if _, dup := alternates[l.attrs["hreflang"]]; dup {
				t.Errorf("two alternates for hreflang %s", l.attrs["hreflang"])
			}
			alternates[l.attrs["hreflang"]] = l.attrs["href"]
			order = append(order, l.attrs["hreflang"])
		}
	}
	if len(canonicals) != 1 || canonicals[0] != canonical {
		t.Errorf("<link rel=canonical> %q, want one: %q", canonicals, canonical)
	}
	if want := append(slices.Clone(langs), "x-default"); !slices.Equal(order, want) {
		t.Errorf("alternates for %v, want %v", order, want)
	}
	for _, l := range langs {
		if got, want := alternates[l], baseURL+alternate(l); got != want {
			t.Errorf("alternate %s: %q, want %q", l, got, want)
		}
	}
	if got, want := alternates["x-default"], baseURL+unlocalized; got != want {
		t.Errorf("alternate x-default: %q, want %q", got, want)
	}
}

// checkNoVary: a page whose address names its language varies on nothing but its encoding.
func checkNoVary(t *testing.T, r response) {
	t.Helper()
	for _, v := range r.header.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if !strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				t.Errorf("Vary %q on a page whose address names its language", r.header.Values("Vary"))
			}
		}
	}
}

// The server negotiated the language of every page it rendered: the page says so, and card.js,
// which redirects on a static host, leaves it alone.
func TestNegotiatedMarker(t *testing.T) {
	for _, path := range []string{"/", "/events/" + eventID, eventPath("fr"), embedPath("pt"), loaderPath("en"), "/embed/nope"} {
		r := get(t, path, nil)
		n := 0
		for _, m := range tags(head(t, r.body), "meta") {
			if m.attrs["name"] == "eventcard:negotiated" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("GET %s: %d <meta name=eventcard:negotiated>, want 1", path, n)
		}
	}
}

// ---- 2. Language negotiation ----

func TestNegotiation(t *testing.T) {
	embed := "/embed/" + eventID
	event := "/events/" + eventID
	cases := []struct {
		name, path, accept, want string
	}{
		// Embed: the partner's data-lang (lang), then the host page's language (hl), then the
		// browser's Accept-Language, then the event's language.
		{"embed lang beats hl and Accept-Language", embed + "?lang=en&hl=fr", "pt", "en"},
		{"embed hl beats Accept-Language", embed + "?hl=fr", "pt", "fr"},
		{"embed lang pt-BR", embed + "?lang=pt-BR", "", "pt"},
		{"embed lang fr-CA", embed + "?lang=fr-CA", "", "fr"},
		{"embed lang es-PY", embed + "?lang=es-PY", "en", "es"},
		{"embed lang gn (Guaraní)", embed + "?lang=gn", "", "es"},
		{"embed lang de: the event's language", embed + "?lang=de", "", "es"},
		{"embed hl de: the event's language", embed + "?hl=de", "", "es"},
		{"embed Accept-Language de: the event's language", embed, "de", "es"},
		{"embed garbage lang falls through to hl", embed + "?lang=%3Cscript%3E&hl=fr", "en", "fr"},
		{"embed garbage lang falls through to Accept-Language", embed + "?lang=%3Cscript%3E", "en", "en"},
		{"embed garbage lang and hl fall through to Accept-Language", embed + "?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E&hl=%22%3E%3Cscript%3E", "fr-CA", "fr"},
		{"embed garbage lang alone: the event's language", embed + "?lang=%3Cscript%3E", "", "es"},
		{"embed empty lang is no preference", embed + "?lang=&hl=pt", "", "pt"},
		{"embed hl alone", embed + "?hl=en", "", "en"},
		{"embed Accept-Language alone", embed, "pt-BR,pt;q=0.9", "pt"},
		{"embed Accept-Language weights", embed, "de;q=1, fr;q=0.8, en;q=0.5", "fr"},
		{"embed nothing", embed, "", "es"},
		// Standalone: ?lang=, then Accept-Language; hl means nothing there.
		{"standalone lang beats Accept-Language", event + "?lang=fr", "en", "fr"},
		{"standalone ignores hl", event + "?hl=en", "", "es"},
		{"standalone ignores hl, uses Accept-Language", event + "?hl=en", "pt-BR,pt;q=0.9", "pt"},
		{"standalone Accept-Language", event, "en-US,en;q=0.9", "en"},
		{"standalone nothing", event, "", "es"},
		{"standalone garbage lang falls through", event + "?lang=%3Cscript%3E", "fr", "fr"},
		// The home page lists the events.
		{"home", "/", "", "es"},
		{"home lang", "/?lang=en", "fr", "en"},
		{"home Accept-Language", "/", "fr-CA,fr;q=0.9", "fr"},
		{"home ignores hl", "/?hl=pt", "", "es"},
		// The directory-style addresses (what a static host serves) negotiate the same way.
		{"embed/ hl", embed + "/?hl=fr", "en", "fr"},
		{"embed/ Accept-Language", embed + "/", "pt-BR", "pt"},
		{"events/ lang", event + "/?lang=en", "fr", "en"},
		{"events/ Accept-Language", event + "/", "fr-CA,fr;q=0.9", "fr"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := map[string]string{}
			if c.accept != "" {
				hdr["Accept-Language"] = c.accept
			}
			r := get(t, c.path, hdr)
			if r.code != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200", c.path, r.code)
			}
			checkVary(t, r)
			if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, `"><script>`) {
				t.Errorf("GET %s: the query is reflected into the page", c.path)
			}
			if strings.HasPrefix(c.path, "/?") || c.path == "/" {
				checkIndex(t, r, c.want)
				return
			}
			checkLanguage(t, r, c.want)
			if pageData(t, r.body).Event != eventID {
				t.Errorf("GET %s: data block is not the event's", c.path)
			}
		})
	}
}

func checkVary(t *testing.T, r response) {
	t.Helper()
	var fields []string
	for _, v := range r.header.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			fields = append(fields, strings.ToLower(strings.TrimSpace(f)))
		}
	}
	if !slices.Contains(fields, "accept-language") {
		t.Errorf("Vary %q, want it to name Accept-Language", r.header.Values("Vary"))
	}
}

// Every page response whose language the server picked, found or not, carries Vary:
// Accept-Language (a cache in front must key on it). 304s too: a cache updates its stored
// headers from them.
func TestVaryOnEveryNegotiatedPage(t *testing.T) {
	paths := []string{"/", "/?lang=en", "/events/" + eventID, "/events/" + eventID + "/", "/embed/" + eventID + "?hl=fr",
		"/embed/" + eventID + "/", "/embed/nope", "/events/nope?lang=pt",
		// A language the card does not have: the 404 is in the negotiated language.
		"/de/events/" + eventID + "/", "/de/embed/" + eventID + "/", "/de/"}
	for _, path := range paths {
		r := get(t, path, map[string]string{"Accept-Language": "en"})
		checkVary(t, r)
		if etag := r.header.Get("ETag"); etag != "" && r.code == http.StatusOK {
			checkVary(t, get(t, path, map[string]string{"Accept-Language": "en", "If-None-Match": etag}))
		}
	}
}

// The language in the path beats everything the request says: ?lang=, hl, Accept-Language.
func TestPathLanguageWins(t *testing.T) {
	for _, lang := range langs {
		other := langs[(slices.Index(langs, lang)+1)%len(langs)]
		for _, path := range []string{
			eventPath(lang) + "?lang=" + other,
			embedPath(lang) + "?lang=" + other + "&hl=" + other,
			"/" + lang + "/?lang=" + other,
		} {
			r := get(t, path, map[string]string{"Accept-Language": other})
			if r.code != http.StatusOK {
				t.Errorf("GET %s: status %d, want 200", path, r.code)
				continue
			}
			if strings.HasPrefix(path, "/"+lang+"/?") {
				checkIndex(t, r, lang)
			} else {
				checkLanguage(t, r, lang)
			}
			checkNoVary(t, r)
		}
	}
}

// A language the card does not have, in the path: a 404, the localized "no such event" card in
// the language negotiated for the request (Accept-Language, else the source language).
func TestUnavailableLanguageInPath(t *testing.T) {
	cases := []struct{ path, accept, want string }{
		{"/de/events/" + eventID + "/", "", "es"},
		{"/de/events/" + eventID + "/", "fr-CA", "fr"},
		{"/de/embed/" + eventID + "/", "en", "en"},
		{"/de/embed/" + eventID + "/?hl=pt", "", "pt"},
		{"/it/events/" + eventID, "pt-BR", "pt"},
		{"/de/", "en", "en"},
	}
	for _, c := range cases {
		r := get(t, c.path, map[string]string{"Accept-Language": c.accept})
		if r.code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", c.path, r.code)
			continue
		}
		if got := htmlLang(t, r.body); got != c.want {
			t.Errorf("GET %s (Accept-Language %q): <html lang=%q>, want %q", c.path, c.accept, got, c.want)
		}
		if got := r.header.Get("Content-Language"); got != c.want {
			t.Errorf("GET %s: Content-Language %q, want %q", c.path, got, c.want)
		}
		msg := html.EscapeString(uiMessage(t, c.want, "UnknownEvent"))
		if errs := elements(r.body, "p", "class", "card-missing"); len(errs) != 1 || strings.TrimSpace(errs[0]) != msg {
			t.Errorf("GET %s: error paragraphs %q, want one with %q", c.path, errs, msg)
		}
		checkVary(t, r)
		checkNoLeak(t, r.body)
		if b := pageData(t, r.body); b.Event != "" {
			t.Errorf("GET %s: the page carries event %q's data", c.path, b.Event)
		}
		// No canonical address for a page that does not exist.
		for _, l := range tags(head(t, r.body), "link") {
			if l.attrs["rel"] == "canonical" {
				t.Errorf("GET %s: %s", c.path, l.raw)
			}
		}
	}
}

// ---- 3. Caching ----

func TestETagPerLanguage(t *testing.T) {
	// One URL, four languages (Accept-Language decides): four ETags.
	path := "/embed/" + eventID
	etags := map[string]string{}
	bodies := map[string]string{}
	for _, lang := range langs {
		r := get(t, path, map[string]string{"Accept-Language": lang})
		if r.code != http.StatusOK {
			t.Fatalf("%s: status %d", lang, r.code)
		}
		checkLanguage(t, r, lang)
		if cc := r.header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache", lang, cc)
		}
		etag := r.header.Get("ETag")
		if !regexp.MustCompile(`^"[^"]+"$`).MatchString(etag) {
			t.Fatalf("%s: ETag %q, want a quoted entity tag", lang, etag)
		}
		for other, e := range etags {
			if e == etag {
				t.Errorf("%s and %s pages of %s share the ETag %s", lang, other, path, etag)
			}
		}
		etags[lang], bodies[lang] = etag, r.body
		// Stable: the same request gets the same ETag (else revalidation never hits).
		if again := get(t, path, map[string]string{"Accept-Language": lang}).header.Get("ETag"); again != etag {
			t.Errorf("%s: ETag changed between two identical requests: %s, %s", lang, etag, again)
		}
	}

	// The address in a language is the same page as the negotiated one: same body, same ETag
	// (a 304 on one is right for the other).
	for _, lang := range langs {
		r := get(t, embedPath(lang), nil)
		if r.header.Get("ETag") != etags[lang] || r.body != bodies[lang] {
			t.Errorf("%s: ETag %s, want the negotiated page's %s (and its body)", embedPath(lang), r.header.Get("ETag"), etags[lang])
		}
		if nm := get(t, embedPath(lang), map[string]string{"If-None-Match": etags[lang]}); nm.code != http.StatusNotModified {
			t.Errorf("%s with its ETag: status %d, want 304", embedPath(lang), nm.code)
		}
	}

	for i, lang := range langs {
		// The right ETag: 304, no body.
		r := get(t, path, map[string]string{"Accept-Language": lang, "If-None-Match": etags[lang]})
		if r.code != http.StatusNotModified {
			t.Errorf("%s with its own ETag: status %d, want 304", lang, r.code)
		}
		if r.body != "" {
			t.Errorf("%s: 304 with a body of %d bytes", lang, len(r.body))
		}
		if r.header.Get("ETag") != etags[lang] {
			t.Errorf("%s: 304 with ETag %q, want %q", lang, r.header.Get("ETag"), etags[lang])
		}

		// Another language's ETag (what a cache holds after serving someone else): the full
		// page, in the right language.
		other := langs[(i+1)%len(langs)]
		r = get(t, path, map[string]string{"Accept-Language": lang, "If-None-Match": etags[other]})
		if r.code != http.StatusOK {
			t.Errorf("%s with the %s ETag: status %d, want 200", lang, other, r.code)
			continue
		}
		checkLanguage(t, r, lang)
		if r.body != bodies[lang] {
			t.Errorf("%s with the %s ETag: a different body than the plain request", lang, other)
		}
	}
}

func TestCacheControlOnPages(t *testing.T) {
	for _, path := range []string{"/", "/en/", "/events/" + eventID + "?lang=fr", eventPath("fr"), embedPath("pt"), loaderPath("pt"), "/embed/nope", "/de/events/" + eventID + "/", "/demo", "/embed.js"} {
		if cc := get(t, path, nil).header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache", path, cc)
		}
	}
}

// A Host header is the client's word: it must never reach a page (a shared cache would serve
// the poisoned page to everyone). og:url is the configured origin.
func TestHostileHostNeverInPage(t *testing.T) {
	const evil = "evil.example"
	cases := []struct{ path, ogURL string }{
		{"/", baseURL + "/es/"},
		{"/events/" + eventID + "?lang=en", baseURL + eventPath("en")},
		{eventPath("pt"), baseURL + eventPath("pt")},
		{embedPath("fr"), baseURL + embedPath("fr")},
		{loaderPath("fr"), baseURL + embedPath("fr")},
		{"/embed/nope?lang=pt", ""},
		{"/events/nope", ""},
		{"/demo", ""},
		// The other answers that name the widget's address.
		{"/en/events/" + eventID + ".ics", ""},
		{"/fr/manifest.webmanifest", ""},
		{"/oembed?url=" + url.QueryEscape(baseURL+eventPath("pt")), ""},
		{"/oembed/es/" + eventID + ".json", ""},
	}
	for _, c := range cases {
		for _, host := range []string{evil, evil + ":8443"} {
			r := get(t, c.path, map[string]string{"Host": host})
			if strings.Contains(strings.ToLower(r.body), evil) {
				t.Errorf("GET %s with Host %s: the host is in the page", c.path, host)
			}
			for k, vs := range r.header {
				for _, v := range vs {
					if strings.Contains(v, evil) {
						t.Errorf("GET %s with Host %s: the host is in header %s: %s", c.path, host, k, v)
					}
				}
			}
			if c.ogURL != "" {
				if got := metaProperty(t, r.body, "og:url"); got != c.ogURL {
					t.Errorf("GET %s with Host %s: og:url %q, want %q", c.path, host, got, c.ogURL)
				}
			}
		}
	}
}

// ---- 4. Unknown events and hostile ids ----

// An address with "//", "/./" or "/../" is redirected to its clean form, never answered as
// the page it names.
func TestUncleanAddressesRedirect(t *testing.T) {
	for path, clean := range map[string]string{
		"/embed/./" + eventID:               "/embed/" + eventID,
		"/embed/x/../" + eventID:            "/embed/" + eventID,
		"//embed/" + eventID:                "/embed/" + eventID,
		"/es/events/" + eventID + "/./":     "/es/events/" + eventID + "/",
		"/embed/" + eventID + "/..?lang=en": "/embed?lang=en",
	} {
		r := get(t, path, nil)
		if r.code/100 != 3 || r.header.Get("Location") != clean {
			t.Errorf("GET %s: %d, Location %q; want a redirect to %s", path, r.code, r.header.Get("Location"), clean)
		}
	}
}

func TestUnknownEvent(t *testing.T) {
	for _, root := range []string{"/embed/", "/events/"} {
		for _, lang := range langs {
			t.Run(root+lang, func(t *testing.T) {
				r := get(t, root+"nope?lang="+lang, nil)
				if r.code != http.StatusNotFound {
					t.Fatalf("status %d, want 404", r.code)
				}
				// The same page at the address in the language.
				if r2 := get(t, "/"+lang+root+"nope/", map[string]string{"Accept-Language": "de"}); r2.code != http.StatusNotFound || r2.body != r.body {
					t.Errorf("GET /%s%snope/: status %d, and not the page of %snope?lang=%s", lang, root, r2.code, root, lang)
				}
				if got := htmlLang(t, r.body); got != lang {
					t.Errorf("<html lang=%q>, want %q", got, lang)
				}
				if got := r.header.Get("Content-Language"); got != lang {
					t.Errorf("Content-Language %q, want %q", got, lang)
				}
				msg := html.EscapeString(uiMessage(t, lang, "UnknownEvent"))
				if errs := elements(r.body, "p", "class", "card-missing"); len(errs) != 1 || strings.TrimSpace(errs[0]) != msg {
					t.Errorf("error paragraphs %q, want one with %q", errs, msg)
				}
				if got, want := h1(t, r.body), html.EscapeString(uiMessage(t, lang, "UnknownEventTitle")); got != want {
					t.Errorf("<h1> %q, want %q", got, want)
				}
				// Each language's link is the page of the same kind in that language: again
				// the localized "no such event" card.
				for i, a := range switcher(t, r.body, lang) {
					l, href := langs[i], a.attrs["href"]
					if !regexp.MustCompile(`^/` + l + root + `[^/?#]+/$`).MatchString(href) {
						t.Errorf("switcher link %d: href %q, want /%s%s…/", i, href, l, root)
						continue
					}
					if f := get(t, href, nil); f.code != http.StatusNotFound || htmlLang(t, f.body) != l {
						t.Errorf("switcher link %s: status %d, lang %q; want 404 in %s", href, f.code, htmlLang(t, f.body), l)
					}
				}
				checkNoLeak(t, r.body)
				if b := pageData(t, r.body); b.Event != "" {
					t.Errorf("the unknown-event page carries event %q's data", b.Event)
				}
				// No canonical address, no alternates: the page is not one to index.
				for _, l := range tags(head(t, r.body), "link") {
					if l.attrs["rel"] == "canonical" || l.attrs["hreflang"] != "" {
						t.Errorf("the unknown-event page has %s", l.raw)
					}
				}
			})
		}
	}
	// Negotiated as for any page: Accept-Language, else the source language.
	r := get(t, "/embed/nope", map[string]string{"Accept-Language": "fr-CA"})
	if r.code != http.StatusNotFound || htmlLang(t, r.body) != "fr" {
		t.Errorf("/embed/nope with Accept-Language fr-CA: status %d, lang %q; want 404 in fr", r.code, htmlLang(t, r.body))
	}
	r = get(t, "/events/nope", nil)
	if r.code != http.StatusNotFound || htmlLang(t, r.body) != "es" {
		t.Errorf("/events/nope: status %d, lang %q; want 404 in es", r.code, htmlLang(t, r.body))
	}
}

// checkNoLeak: no Go stack trace or error text in a page.
func checkNoLeak(t *testing.T, body string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "panic", ".go:", "runtime/", "Internal Server Error"} {
		if strings.Contains(body, s) {
			t.Errorf("the page contains %q", s)
		}
	}
}

func TestHostileIDs(t *testing.T) {
	long := strings.Repeat("a", 10<<10)
	// card: the id is one path segment once decoded, so the address is a card page's and the
	// answer the localized "no such event" card; else the address is no page's: a plain 404.
	ids := []struct {
		name, escaped, raw string
		card               bool
	}{
		{"dot-dot escaped", "..%2F..%2Fevents%2F" + eventID + ".toml", "../../events/" + eventID + ".toml", false},
		{"dot-dot in an id", "..%2F" + eventID, "../" + eventID, false},
		{"NUL", "%00", "\x00", true},
		{"NUL after a real id", eventID + "%00", eventID + "\x00", true},
		{"script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>", false},
		{"script without a slash", "%3Cscript%3Ealert(1)%3C", "<script>alert(1)<", true},
		{"quote and script", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", `"><script>alert(1)</script>`, false},
		{"quote and tag", "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", `"><img src=x onerror=alert(1)>`, true},
		{"10 KB", long, long, true},
		{"upper case", strings.ToUpper(eventID), strings.ToUpper(eventID), true},
		{"sub path", eventID + "/x", eventID + "/x", false},
	}
	for _, root := range []string{"/embed/", "/events/", "/en/embed/", "/en/events/"} {
		for _, id := range ids {
			t.Run(root+id.name, func(t *testing.T) {
				r := get(t, root+id.escaped+"?lang=en", nil)
				if r.code != http.StatusNotFound {
					t.Errorf("status %d, want 404", r.code)
				}
				if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "alert(1)") {
					t.Errorf("the id is reflected into the page")
				}
				if len(id.raw) > 100 && strings.Contains(r.body, id.raw[:100]) {
					t.Errorf("the long id is reflected into the page")
				}
				checkNoLeak(t, r.body)
				if r.code == http.StatusNotFound && id.card {
					if got := htmlLang(t, r.body); got != "en" {
						t.Errorf("<html lang=%q>, want en", got)
					}
					if !strings.Contains(r.body, html.EscapeString(uiMessage(t, "en", "UnknownEvent"))) {
						t.Errorf("no localized unknown-event message")
					}
				}
			})
		}
		// A literal ../ is cleaned by the router (a redirect, then nothing there): never a
		// page of the event, never a 5xx.
		t.Run(root+"literal dot-dot", func(t *testing.T) {
			path := root + "../../events/" + eventID + ".toml"
			r := get(t, path, nil)
			for hops := 0; r.code >= 300 && r.code < 400 && hops < 5; hops++ {
				loc := r.header.Get("Location")
				if loc == "" || strings.Contains(loc, "://") {
					t.Fatalf("redirect to %q", loc)
				}
				r = get(t, loc, nil)
			}
			if r.code != http.StatusNotFound {
				t.Errorf("GET %s: ended at status %d, want 404", path, r.code)
			}
			if strings.Contains(r.body, "hashtag") || strings.Contains(r.body, "timezone") {
				t.Errorf("GET %s: the event file is served", path)
			}
		})
	}
}

// ---- 5. Zoom, the loading overlay, no third party ----

func TestViewportAllowsZoom(t *testing.T) {
	for _, path := range []string{"/", "/fr/", embedPath("en"), loaderPath("es"), eventPath("pt"), "/events/" + eventID + "?lang=pt", "/embed/nope?lang=fr", "/de/events/" + eventID + "/"} {
		r := get(t, path, nil)
		var vp []string
		for _, m := range tags(r.body, "meta") {
			if m.attrs["name"] == "viewport" {
				vp = append(vp, m.attrs["content"])
			}
		}
		if len(vp) != 1 {
			t.Errorf("%s: %d viewport tags, want 1", path, len(vp))
			continue
		}
		c := strings.ReplaceAll(vp[0], " ", "")
		if strings.Contains(c, "user-scalable=0") || strings.Contains(c, "user-scalable=no") || strings.Contains(c, "maximum-scale=1") {
			t.Errorf("%s: viewport %q blocks zoom", path, vp[0])
		}
		if !strings.Contains(c, "width=device-width") {
			t.Errorf("%s: viewport %q lost width=device-width", path, vp[0])
		}
	}
}

func TestLoadingOverlayHidden(t *testing.T) {
	r := get(t, embedPath("es"), nil)
	if n := len(elements(r.body, "aside", "id", "app-wasm-loader")); n != 1 {
		t.Errorf("%d go-app loaders (aside#app-wasm-loader) in the page, want 1 (app.js expects it)", n)
	}
	// The page links the stylesheet that hides it ...
	linked := false
	for _, l := range tags(head(t, r.body), "link") {
		if l.attrs["rel"] == "stylesheet" && strings.HasSuffix(l.attrs["href"], "/web/card.css") { // under the build's version
			linked = true
		}
	}
	if !linked {
		t.Errorf("the page does not link /web/card.css as a stylesheet")
	}
	// ... and the stylesheet, as served, hides it.
	css := get(t, "/web/card.css", nil)
	if css.code != http.StatusOK || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
		t.Fatalf("/web/card.css: status %d, Content-Type %q", css.code, css.header.Get("Content-Type"))
	}
	if !regexp.MustCompile(`#app-wasm-loader\s*\{[^}]*display\s*:\s*none`).MatchString(css.body) {
		t.Errorf("/web/card.css does not hide #app-wasm-loader")
	}
}

// No page makes the visitor's browser call a third party: every resource in <head> and every
// image or script in the page is on the widget's origin, by a relative URL. (Links that load
// nothing, the canonical address and its alternates, are absolute on the configured origin.)
func TestNoThirdPartyResources(t *testing.T) {
	for _, path := range []string{"/", embedPath("fr"), loaderPath("pt"), eventPath("es"), "/events/" + eventID + "?lang=en", "/embed/nope"} {
		r := get(t, path, nil)
		if strings.Contains(r.body, "raw.githubusercontent.com") || strings.Contains(r.body, "githubusercontent") {
			t.Errorf("%s: references GitHub-hosted files", path)
		}
		h := head(t, r.body)
		check := func(where, name, attr string) {
			for _, el := range tags(where, name) {
				u, ok := el.attrs[attr]
				if !ok {
					continue
				}
				if rel := el.attrs["rel"]; name == "link" && (rel == "canonical" || rel == "alternate") {
					if !strings.HasPrefix(u, baseURL+"/") {
						t.Errorf("%s: %s is not on the configured origin %s", path, el.raw, baseURL)
					}
					continue
				}
				if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
					t.Errorf("%s: %s is not a same-origin relative URL", path, el.raw)
				}
			}
		}
		check(h, "link", "href")
		check(h, "script", "src")
		check(h, "img", "src")
		check(r.body, "script", "src")
		check(r.body, "img", "src")
		check(r.body, "link", "href")
		check(r.body, "iframe", "src")
		if n := len(tags(h, "script")); n == 0 {
			t.Errorf("%s: no scripts in <head>: the check above checked nothing", path)
		}
	}
	// Nor does the service worker, which precaches what it lists.
	w := get(t, "/app-worker.js", nil)
	if w.code != http.StatusOK {
		t.Fatalf("/app-worker.js: status %d", w.code)
	}
	for _, u := range regexp.MustCompile(`https?://[^\s"'`+"`"+`)]+`).FindAllString(w.body, -1) {
		t.Errorf("/app-worker.js references %s", u)
	}
}

// ---- 9. Concurrency ----

// Fifty visitors at once, in four languages, on a server that has rendered nothing yet: each
// gets its own language (the page cache and go-app's prerender are shared).
func TestConcurrentLanguages(t *testing.T) {
	fresh, err := server.New(tree, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(fresh)
	defer s.Close()

	titles := map[string]string{}
	for _, l := range langs {
		titles[l] = html.EscapeString(eventMessage(t, l, "Title"))
	}
	type result struct {
		i    int
		err  error
		want string
	}
	const n = 50
	results := make(chan result, n)
	for i := range n {
		go func() {
			lang := langs[i%len(langs)]
			path, hdr := embedPath(lang), map[string]string{}
			switch i % 5 {
			case 1:
				path = "/events/" + eventID + "?lang=" + lang
			case 2:
				path = "/embed/" + eventID
				hdr["Accept-Language"] = lang
			case 3:
				path = eventPath(lang)
			case 4:
				path = loaderPath(lang)
			}
			res := result{i: i, want: lang}
			req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
			for k, v := range hdr {
				req.Header.Set(k, v)
			}
			resp, err := client.Do(req)
			if err != nil {
				res.err = err
				results <- res
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case err != nil:
				res.err = err
			case resp.StatusCode != http.StatusOK:
				res.err = fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
			case resp.Header.Get("Content-Language") != lang:
				res.err = fmt.Errorf("GET %s (%s): Content-Language %q", path, lang, resp.Header.Get("Content-Language"))
			case !strings.Contains(string(body), `<html lang="`+lang+`">`):
				res.err = fmt.Errorf("GET %s (%s): wrong <html lang>", path, lang)
			case !strings.Contains(string(body), titles[lang]):
				res.err = fmt.Errorf("GET %s (%s): the title is not the %s one", path, lang, lang)
			}
			results <- res
		}()
	}
	for range n {
		if r := <-results; r.err != nil {
			t.Errorf("request %d: %v", r.i, r.err)
		}
	}
}

// decodeJSON is json.Unmarshal that fails the test.
func decodeJSON(t *testing.T, what string, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v\n%.300s", what, err, data)
	}
}

// Every first render of a page succeeds. go-app prints attributes in map order, so anything the
// server does to its HTML must not depend on that order: render every page of several cold
// servers (each render is a new draw of the order).
func TestColdRendersNeverFail(t *testing.T) {
	var paths []string
	for _, l := range langs {
		paths = append(paths, embedPath(l), eventPath(l), "/"+l+"/", loaderPath(l), "/events/"+eventID+"?lang="+l, "/embed/nope?lang="+l, "/events/nope?lang="+l, "/"+l+"/events/nope/")
	}
	for i := range 8 {
		fresh, err := server.New(tree, server.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			rec := httptest.NewRecorder()
			fresh.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code >= 500 {
				t.Errorf("server %d, first GET %s: status %d %q", i, path, rec.Code, strings.TrimSpace(rec.Body.String()))
			}
		}
	}
}
