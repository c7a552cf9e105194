package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"eventcard/app/server"
)

// ---- 6. The partner loader and the demo page ----

// titlesRE finds the frame titles in the minified loader: {es:"…",en:"…",…}.
var (
	titlesRE = regexp.MustCompile(`\{(?:[a-z]{2,3}:"(?:[^"\\]|\\.)*",?){2,}\}`)
	entryRE  = regexp.MustCompile(`([a-z]{2,3}):("(?:[^"\\]|\\.)*")`)
	jsByteRE = regexp.MustCompile(`\\x([0-9A-Fa-f]{2})`)
)

// jsTitles decodes the titles object: JavaScript string escapes are Go's, but for \xHH, which
// is a code point in JavaScript and a byte in Go.
func jsTitles(t *testing.T, obj string) (map[string]string, []string) {
	t.Helper()
	titles := map[string]string{}
	var order []string
	for _, m := range entryRE.FindAllStringSubmatch(obj, -1) {
		v, err := strconv.Unquote(jsByteRE.ReplaceAllString(m[2], `\u00$1`))
		if err != nil {
			t.Fatalf("title %s: %v", m[2], err)
		}
		titles[m[1]] = v
		order = append(order, m[1])
	}
	return titles, order
}

func TestLoader(t *testing.T) {
	r := get(t, "/embed.js", nil)
	if r.code != http.StatusOK {
		t.Fatalf("/embed.js: status %d", r.code)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") && !strings.HasPrefix(ct, "application/javascript") {
		t.Errorf("/embed.js: Content-Type %q, want JavaScript", ct)
	}
	if strings.Contains(r.body, "/*TITLES*/") || strings.Contains(r.body, "TITLES") {
		t.Errorf("/embed.js: the titles marker is left in")
	}
	obj := titlesRE.FindString(r.body)
	if obj == "" {
		t.Fatalf("/embed.js: no titles object {es:\"…\",…}")
	}
	titles, order := jsTitles(t, obj)
	// In the switcher's order: the first is the fallback, the source language.
	if !slices.Equal(order, langs) {
		t.Errorf("/embed.js titles for %v, want %v", order, langs)
	}
	// The frame's name before the card has loaded and told its own: the generic card title,
	// in each language, from locales/ui.
	for _, l := range langs {
		if want := uiMessage(t, l, "CardTitle"); titles[l] != want {
			t.Errorf("/embed.js %s title %q, want %q", l, titles[l], want)
		}
	}

	// Revalidation.
	etag := r.header.Get("ETag")
	if etag == "" {
		t.Fatalf("/embed.js: no ETag")
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("/embed.js: Cache-Control %q, want no-cache", cc)
	}
	nm := get(t, "/embed.js", map[string]string{"If-None-Match": etag})
	if nm.code != http.StatusNotModified || nm.body != "" {
		t.Errorf("/embed.js with its ETag: status %d, %d bytes; want 304, none", nm.code, len(nm.body))
	}
	other := get(t, "/embed.js", map[string]string{"If-None-Match": `"stale"`})
	if other.code != http.StatusOK || other.body != r.body {
		t.Errorf("/embed.js with a stale ETag: status %d; want 200 and the loader", other.code)
	}
	// The build's version, and the encoding's (the client asks for gzip).
	if etag != `"`+widget.Version()+`-gzip"` {
		t.Errorf("/embed.js ETag %s, want the build's version %q, gzip's", etag, widget.Version())
	}
}

var snippetRE = regexp.MustCompile(`<script\b[^>]*\bsrc="([^"]*)"[^>]*\bdata-event="([^"]*)"[^>]*></script>`)

func TestDemo(t *testing.T) {
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	cases := []struct{ host, widget string }{
		{"127.0.0.1:" + port, "http://localhost:" + port},
		{"localhost:" + port, "http://127.0.0.1:" + port},
		{"evil.example", baseURL},
		{"evil.example:" + port, baseURL},
		{"localhost", baseURL}, // no port: nothing to swap to
	}
	for _, c := range cases {
		r := get(t, "/demo", map[string]string{"Host": c.host})
		if r.code != http.StatusOK {
			t.Fatalf("/demo (Host %s): status %d", c.host, r.code)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("/demo: Content-Type %q", ct)
		}
		m := snippetRE.FindAllStringSubmatch(r.body, -1)
		if len(m) != 1 {
			t.Fatalf("/demo (Host %s): %d embed snippets, want 1", c.host, len(m))
		}
		if m[0][2] != set.Featured() {
			t.Errorf("/demo: data-event=%q, want the featured event %q", m[0][2], set.Featured())
		}
		if want := c.widget + "/embed.js"; m[0][1] != want {
			t.Errorf("/demo (Host %s): snippet src %q, want %q", c.host, m[0][1], want)
		}
		if strings.Contains(r.body, "evil.example") {
			t.Errorf("/demo (Host %s): the Host header is in the page", c.host)
		}
	}
}

// ---- 7. go-app's own files, self-hosted ----

func TestGoAppFiles(t *testing.T) {
	files := []struct{ path, ctype, contains string }{
		{"/app.js", "javascript", "wasm"},
		{"/wasm_exec.js", "javascript", "Go"},
		{"/app.css", "text/css", "goapp"},
		{"/app-worker.js", "javascript", "cache"},
		{"/manifest.webmanifest", "manifest+json", "icons"},
		{"/web/card.js", "javascript", "postMessage"},
		{"/web/card.css", "text/css", "app-wasm-loader"},
	}
	for _, f := range files {
		r := get(t, f.path, nil)
		if r.code != http.StatusOK {
			t.Errorf("%s: status %d, want 200", f.path, r.code)
			continue
		}
		if ct := r.header.Get("Content-Type"); !strings.Contains(ct, f.ctype) {
			t.Errorf("%s: Content-Type %q, want %s", f.path, ct, f.ctype)
		}
		if !strings.Contains(r.body, f.contains) {
			t.Errorf("%s: does not contain %q", f.path, f.contains)
		}
	}

	// The manifest's icons are ours, and are there.
	r := get(t, "/manifest.webmanifest", nil)
	var manifest struct {
		StartURL string `json:"start_url"`
		Icons    []struct{ Src, Type string }
	}
	decodeJSON(t, "/manifest.webmanifest", []byte(r.body), &manifest)
	if len(manifest.Icons) == 0 {
		t.Fatalf("the manifest lists no icons")
	}
	var srcs []string
	for _, icon := range manifest.Icons {
		srcs = append(srcs, icon.Src)
		if !strings.HasPrefix(icon.Src, "/web/") {
			t.Errorf("manifest icon %q is not self-hosted under /web/", icon.Src)
			continue
		}
		ir := get(t, icon.Src, nil)
		if ir.code != http.StatusOK {
			t.Errorf("%s: status %d", icon.Src, ir.code)
		}
		if ct := ir.header.Get("Content-Type"); ct != icon.Type {
			t.Errorf("%s: Content-Type %q, the manifest says %q", icon.Src, ct, icon.Type)
		}
		if icon.Type == "image/png" && !strings.HasPrefix(ir.body, "\x89PNG\r\n\x1a\n") {
			t.Errorf("%s: not a PNG", icon.Src)
		}
	}
	for _, want := range []string{"/web/icon-192.png", "/web/icon-512.png", "/web/icon-maskable-512.png"} {
		if !slices.Contains(srcs, want) {
			t.Errorf("the manifest's icons %v lack %s", srcs, want)
		}
	}
	// And the page's own icon links resolve (the standalone page's: it has every kind).
	page := get(t, eventPath("es"), nil)
	for _, l := range tags(head(t, page.body), "link") {
		if rel := l.attrs["rel"]; rel == "icon" || rel == "apple-touch-icon" || rel == "manifest" || rel == "stylesheet" {
			if r := get(t, l.attrs["href"], nil); r.code != http.StatusOK {
				t.Errorf("<link rel=%s href=%s>: status %d", rel, l.attrs["href"], r.code)
			}
		}
	}
	for _, s := range tags(head(t, page.body), "script") {
		if _, ok := s.attrs["src"]; !ok {
			continue // a data block (JSON-LD)
		}
		if r := get(t, s.attrs["src"], nil); r.code != http.StatusOK {
			t.Errorf("<script src=%s>: status %d", s.attrs["src"], r.code)
		}
	}
}

// web/src holds the sources of card.js, card.css and the loader: they are served built, at
// their own addresses, never as they are (a module alone would not run, and reads as a leak).
func TestSourcesAreNotServed(t *testing.T) {
	for _, p := range []string{"/web/src/card.js", "/web/src/card/fold.js", "/web/src/embed.js", "/web/src/", "/web/src",
		"/v/" + widget.Version() + "/web/src/card.css", "/v/" + widget.Version() + "/web/src/card/frame.js"} {
		if r := get(t, p, nil); r.code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.code)
		}
	}
}

// A client's Host header must never make the server fetch from that host. go-app's Handler
// serves /robots.txt, /sitemap.xml and /ads.txt by fetching "http://" + r.Host + "/web/…" and
// caching the answer for every later visitor; the server hands it every path it does not route.
func TestHostHeaderNeverFetched(t *testing.T) {
	var hits atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<script>alert('poisoned')</script>"))
	}))
	defer evil.Close()
	evilHost := strings.TrimPrefix(evil.URL, "http://")

	// A server of its own: what this test may poison stays here.
	s, err := server.New(tree, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ws := httptest.NewServer(s)
	defer ws.Close()

	for _, path := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		r := getFrom(t, ws, path, map[string]string{"Host": evilHost})
		if strings.Contains(r.body, "poisoned") {
			t.Errorf("GET %s with Host %s: served the other host's answer (status %d)", path, evilHost, r.code)
		}
		// Then an ordinary visitor.
		if r := getFrom(t, ws, path, nil); strings.Contains(r.body, "poisoned") {
			t.Errorf("GET %s: a later visitor gets the answer fetched from %s", path, evilHost)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server made %d request(s) to the host named in a Host header", n)
	}

	// Unrouted paths: a plain 404, never a page, never a 5xx.
	for _, path := range []string{"/nope", "/events", "/en/events", "/en/nope/", "/web/nope.css", "/" + url.PathEscape("<script>")} {
		r := getFrom(t, ws, path, map[string]string{"Host": "evil.example"})
		if r.code >= 500 {
			t.Errorf("GET %s: status %d", path, r.code)
		}
		if r.code == http.StatusOK {
			t.Errorf("GET %s: status 200", path)
		}
		if strings.Contains(r.body, "evil.example") || strings.Contains(r.body, "<script>") {
			t.Errorf("GET %s: the request is reflected: %.200s", path, r.body)
		}
	}
}
