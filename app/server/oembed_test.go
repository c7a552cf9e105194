package server_test

// oEmbed (https://oembed.com): the endpoint, its static files, and the frame it answers with,
// which must be the README's ("From a CMS"), in JSON and in XML.

import (
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/readme"
	"eventcard/app/meta"
	"eventcard/app/views"
)

type oembedJSON struct {
	XMLName         xml.Name `json:"-" xml:"oembed"`
	Version         string   `json:"version" xml:"version"`
	Type            string   `json:"type" xml:"type"`
	ProviderName    string   `json:"provider_name" xml:"provider_name"`
	ProviderURL     string   `json:"provider_url" xml:"provider_url"`
	Title           string   `json:"title" xml:"title"`
	CacheAge        int      `json:"cache_age" xml:"cache_age"`
	HTML            string   `json:"html" xml:"html"`
	Width           int      `json:"width" xml:"width"`
	Height          int      `json:"height" xml:"height"`
	ThumbnailURL    string   `json:"thumbnail_url" xml:"thumbnail_url"`
	ThumbnailWidth  int      `json:"thumbnail_width" xml:"thumbnail_width"`
	ThumbnailHeight int      `json:"thumbnail_height" xml:"thumbnail_height"`
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
// rich response from this provider with its thumbnail, to keep a day.
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
	if o.Version != "1.0" || o.Type != "rich" || o.ProviderURL != baseURL+"/" || o.CacheAge != 86400 {
		t.Errorf("GET %s: version %q type %q provider_url %q cache_age %d", path, o.Version, o.Type, o.ProviderURL, o.CacheAge)
	}
	// The event's social image (TestOEmbedPerLanguage fetches it).
	if !socialImageRE.MatchString(o.ThumbnailURL) || o.ThumbnailWidth != 1200 || o.ThumbnailHeight != 630 {
		t.Errorf("GET %s: thumbnail %q %dx%d, want a social image, 1200×630", path, o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight)
	}
	return o, r
}

// frameTags reads an oEmbed answer's html: the hidden quote with its link (attributes and
// text), then the frame (its attributes), and nothing else.
type frameTags struct {
	quote, a map[string]string
	text     string
	iframe   map[string]string
}

var frameRE = regexp.MustCompile(`^<blockquote ([^>]*)><a ([^>]*)>([^<]*)</a></blockquote>\n<iframe ([^>]*)></iframe>$`)

func parseFrame(t *testing.T, s string) frameTags {
	t.Helper()
	m := frameRE.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("not a frame (<blockquote …><a …>title</a></blockquote>, newline, <iframe …></iframe>): %q", s)
	}
	return frameTags{quote: tags("<blockquote "+m[1]+">", "blockquote")[0].attrs, a: tags("<a "+m[2]+">", "a")[0].attrs,
		text: html.UnescapeString(m[3]), iframe: tags("<iframe "+m[4]+">", "iframe")[0].attrs}
}

// readmeFrame is the README's oEmbed answer ("From a CMS": its html block), its event and
// language.
func readmeFrame(t *testing.T) (f frameTags, event, lang string) {
	t.Helper()
	f = parseFrame(t, strings.TrimSuffix(readme.MustBlock(t, root, "### From a CMS: paste the event's address", "html"), "\n"))
	src, _, _ := strings.Cut(f.iframe["src"], "?")
	p, ok := card.ParsePath(strings.TrimPrefix(src, baseURL))
	if !ok || p.Kind != card.EmbedPage {
		t.Fatalf("README, From a CMS: the frame's address %q is not a card's frame", f.iframe["src"])
	}
	return f, p.Event, p.Lang
}

// frameTitleOf is the title the card's frame gives itself in lang (its page's <title>): the
// frame element's title.
func frameTitleOf(t *testing.T, id, lang string) string {
	t.Helper()
	r := get(t, card.Path{Kind: card.EmbedPage, Lang: lang, Event: id}.String(), nil)
	m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(r.body)
	if r.code != http.StatusOK || m == nil {
		t.Fatalf("the frame of %s in %s: %d, no title", id, lang, r.code)
	}
	return html.UnescapeString(m[1])
}

// The README's answer is the endpoint's, for the README's event and language: the same markup,
// attribute for attribute, with the fixture event's id, address and titles.
func TestOEmbedIsTheREADMEFrame(t *testing.T) {
	readme, readmeEvent, lang := readmeFrame(t)
	o, _ := getOEmbed(t, oembedPath(baseURL+eventPath(lang)))
	got := parseFrame(t, o.HTML)
	want := readme
	for _, m := range []map[string]string{want.a, want.iframe} {
		for k, v := range m {
			m[k] = strings.Replace(v, readmeEvent, eventID, 1)
		}
	}
	want.text, want.iframe["title"] = eventMessage(t, lang, "Title"), frameTitleOf(t, eventID, lang)
	// The README's heights are its event's fold: the fixture event's here, in the same places.
	fold := strconv.Itoa(foldOf(t, eventID, lang).Full)
	want.iframe["src"] = strings.Replace(want.iframe["src"], "fold="+want.iframe["height"], "fold="+fold, 1)
	want.iframe["height"] = fold
	if !mapsEqual(got.quote, want.quote) || !mapsEqual(got.a, want.a) || got.text != want.text || !mapsEqual(got.iframe, want.iframe) {
		t.Errorf("the answer's html\n%+v\nthe README's (with the fixture event)\n%+v", got, want)
	}
}

// An address without a language: the frame without one either (the card picks the visitor's),
// the title in the event's own language. The home page's is the featured event's.
func TestOEmbedWithoutALanguage(t *testing.T) {
	for _, c := range []struct{ target, id string }{
		{baseURL + "/events/" + eventID, eventID},
		{baseURL + "/events/" + eventID + "/", eventID},
		{baseURL + "/", set.Featured()},
		{baseURL, set.Featured()},
	} {
		o, _ := getOEmbed(t, oembedPath(c.target, "format", "json"))
		f := parseFrame(t, o.HTML)
		lang := fixtureEvent(t, c.id).Language
		title := messageOf(t, c.id, lang, "Title")
		if o.Title != title || f.text != title || f.iframe["title"] != frameTitleOf(t, c.id, lang) {
			t.Errorf("%s: title %q, link text %q, frame title %q; want the titles in the event's own language %q", c.target, o.Title, f.text, f.iframe["title"], title)
		}
		if f.iframe["src"] != baseURL+"/embed/"+c.id+"/?fold="+strconv.Itoa(foldOf(t, c.id, "").Full) || f.a["href"] != baseURL+"/events/"+c.id+"/" {
			t.Errorf("%s: the frame at %q, the link to %q; want the event's, without a language", c.target, f.iframe["src"], f.a["href"])
		}
		if _, hidden := f.quote["hidden"]; !hidden || len(f.quote) != 1 || f.iframe["frameborder"] != "0" || len(f.iframe) != 5 {
			t.Errorf("%s: %q", c.target, o.HTML)
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
			if site, _ := set.Site(lang); o.Title != title || o.ProviderName != site.Name || site.Name == "" {
				t.Errorf("%s: title %q provider %q, want %q and the site's name in %s, %q", target, o.Title, o.ProviderName, title, lang, site.Name)
			}
			// The exact markup: escaped, attributes in order; the frame in the address's
			// language, titled as the card's frame titles itself.
			fold := strconv.Itoa(foldOf(t, eventID, lang).Full)
			want := `<blockquote hidden><a href="` + baseURL + eventPath(lang) + `">` + html.EscapeString(title) + "</a></blockquote>\n" +
				`<iframe src="` + baseURL + "/" + lang + "/embed/" + eventID + `/?fold=` + fold + `" width="100%" height="` + fold + `" title="` +
				html.EscapeString(frameTitleOf(t, eventID, lang)) + `" frameborder="0"></iframe>`
			if o.HTML != want {
				t.Errorf("%s: html\n%s\nwant\n%s", target, o.HTML, want)
			}
			if o.Width != 768 || strconv.Itoa(o.Height) != fold {
				t.Errorf("%s: %dx%d, want 768x%s", target, o.Width, o.Height, fold)
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
		if f := parseFrame(t, o.HTML); f.iframe["src"] != baseURL+"/"+lang+"/embed/"+set.Featured()+"/?fold="+strconv.Itoa(foldOf(t, set.Featured(), lang).Full) || o.Title != messageOf(t, set.Featured(), lang, "Title") {
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

// maxwidth and maxheight bound the answer's size. The frame fills its column whatever the
// width; its height is the event's fold, the compact card's when the full fold does not fit,
// maxheight itself below that (the card scrolls in its frame); the card folds at it.
func TestOEmbedSize(t *testing.T) {
	target := baseURL + eventPath("en")
	fold := foldOf(t, eventID, "en")
	if fold.Compact <= 300 || fold.Compact > fold.Full {
		t.Fatalf("the fixture event's fold %+v: want a compact fold between 300 px and the full one", fold)
	}
	full, below := strconv.Itoa(fold.Full), strconv.Itoa(fold.Full-1)
	cases := []struct {
		params        []string
		width, height int
		compact       bool
	}{
		{nil, 768, fold.Full, false},
		{[]string{"maxwidth", "500"}, 500, fold.Full, false},
		{[]string{"maxwidth", "280"}, 280, fold.Full, false},
		{[]string{"maxwidth", "1200"}, 768, fold.Full, false},
		{[]string{"maxwidth", "-5"}, 768, fold.Full, false},
		{[]string{"maxwidth", "wide"}, 768, fold.Full, false},
		{[]string{"maxwidth", "600", "maxheight", "2000"}, 600, fold.Full, false},
		{[]string{"maxwidth", "600", "maxheight", full}, 600, fold.Full, false},
		// The full fold does not fit: the compact card, at its own fold (at most maxheight).
		{[]string{"maxwidth", "600", "maxheight", below}, 600, min(fold.Compact, fold.Full-1), true},
		// Nor does the compact one: the frame is maxheight high.
		{[]string{"maxheight", "300"}, 768, 300, true},
		// WordPress asks for its content width and one and a half times it (1000 at most).
		{[]string{"maxwidth", "500", "maxheight", "750"}, 500, fold.Full, false},
	}
	for _, c := range cases {
		for _, format := range []string{"json", "xml"} {
			o := getOEmbedIn(t, format, oembedPath(target, append([]string{"format", format}, c.params...)...))
			if o.Width != c.width || o.Height != c.height {
				t.Errorf("%s %v: %dx%d, want %dx%d", format, c.params, o.Width, o.Height, c.width, c.height)
			}
			f := parseFrame(t, o.HTML)
			if f.iframe["width"] != "100%" || f.iframe["height"] != strconv.Itoa(c.height) {
				t.Errorf("%s %v: the frame is %s×%s, want 100%%×%d", format, c.params, f.iframe["width"], f.iframe["height"], c.height)
			}
			if compact := strings.Contains(f.iframe["src"], "?compact=1&"); compact != c.compact || !strings.HasSuffix(f.iframe["src"], "fold="+strconv.Itoa(c.height)) {
				t.Errorf("%s %v: the frame at %s, compact %v", format, c.params, f.iframe["src"], c.compact)
			}
		}
	}
}

// getOEmbedIn requests path, whose answer is in format (json or xml): its type, and its fields
// as getOEmbed checks them.
func getOEmbedIn(t *testing.T, format, path string) oembedJSON {
	t.Helper()
	if format == "json" {
		o, _ := getOEmbed(t, path)
		return o
	}
	r := get(t, path, nil)
	if r.code != http.StatusOK || r.header.Get("Content-Type") != "text/xml; charset=utf-8" {
		t.Fatalf("GET %s: %d, Content-Type %q", path, r.code, r.header.Get("Content-Type"))
	}
	if !strings.HasPrefix(r.body, `<?xml version="1.0" encoding="utf-8" standalone="yes"?>`+"\n<oembed>") {
		t.Errorf("GET %s: %.100q", path, r.body)
	}
	var o oembedJSON
	if err := xml.Unmarshal([]byte(r.body), &o); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return o
}

// The XML answer is the JSON answer, field for field (the specification's two formats).
func TestOEmbedXML(t *testing.T) {
	for _, lang := range langs {
		j, _ := getOEmbed(t, oembedPath(baseURL+eventPath(lang)))
		x := getOEmbedIn(t, "xml", oembedPath(baseURL+eventPath(lang), "format", "xml"))
		j.XMLName, x.XMLName = xml.Name{}, xml.Name{}
		if j != x {
			t.Errorf("%s: XML\n%+v\nJSON\n%+v", lang, x, j)
		}
		if r := get(t, oembedPath(baseURL+eventPath(lang), "format", "xml"), nil); r.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: the XML answer has no Access-Control-Allow-Origin: *", lang)
		}
	}
}

// Anything that is not a standalone page of this widget is a 404; a format other than JSON and
// XML is a 501. Nothing of the request is reflected.
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
	for _, format := range []string{"XML", "JSON", "jsonp", "html", "<script>"} {
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

// foldOf is the fold of event id's card in an oEmbed frame, in lang ("": any), as the server
// computes it: the narrowest place's, with its pictures (set has none; a banner takes its
// place in the fold).
func foldOf(t *testing.T, id, lang string) card.Fold {
	t.Helper()
	b := pictured.bundle(t, id)
	if lang == "" {
		return card.FoldOf(b)[0]
	}
	return card.FoldIn(b, lang)[0]
}

// foldsOf are the folds of event id's card at every width, in any language.
func foldsOf(t *testing.T, id string) card.Folds {
	t.Helper()
	return card.FoldOf(pictured.bundle(t, id))
}

var pictured picturedSet

type picturedSet struct {
	sync.Once
	set *views.Set
	err error
}

func (p *picturedSet) bundle(t *testing.T, id string) *card.Bundle {
	t.Helper()
	p.Do(func() {
		p.set, p.err = views.Load(tree, func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
			return &card.Picture{}, nil
		})
	})
	if p.err != nil {
		t.Fatal(p.err)
	}
	b, ok := p.set.Bundle(id)
	if !ok {
		t.Fatalf("no event %s", id)
	}
	return b
}
