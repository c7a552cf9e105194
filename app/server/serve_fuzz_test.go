package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The server's request handling, whatever the request: method, path, query and headers are the
// client's. Never a 5xx (but oEmbed's 501, which its spec requires for a format other than
// json), never a panic (the fuzzer reports one as a crash); the security
// headers on every answer; GET and HEAD only; and the options a partner passes the frame
// (theme, accent, compact, origin) never change the page (card.js reads them; the server keeps
// them out of the HTML and out of its cache).
//
// The loader's message protocol (web/embed.js ↔ web/card.js) has no Go side to fuzz: the frame
// handles setLang in JavaScript, and the server sees only the frame's address. That address is
// fuzzed here; the messages are sprayed at the frame in a browser (app/e2e, TestSpoofedMessages…).
func FuzzServeHTTP(f *testing.F) {
	id := eventID
	for _, s := range []struct{ method, path, query, lang, host string }{
		{"GET", "/embed/" + id, "lang=pt&origin=https%3A%2F%2Fpartner.example&theme=dark&accent=0b5394&compact=1", "", ""},
		{"GET", "/en/events/" + id + "/", "", "fr-CA", ""},
		{"HEAD", "/", "", "gn", ""},
		{"GET", "/embed/", "", "pt-BR,pt;q=0.9", ""},
		{"GET", "/embed.js", "", "", ""},
		{"GET", "/web/card.js", "", "", ""},
		{"GET", "/oembed", "format=json&url=" + url.QueryEscape(baseURL+"/events/"+id), "", ""},
		{"GET", "/events/" + id + ".ics", "", "", ""},
		{"GET", "/fr/manifest.webmanifest", "", "", ""},
		{"GET", "/demo", "", "", "127.0.0.1:8000"},
		{"GET", "/healthz", "", "", ""},
		{"POST", "/", "a=1", "", ""},
		{"GET", "/web/../events/" + id + ".toml", "", "", ""},
		{"GET", "/embed/\x00", "lang=%3Cscript%3E", "<script>", "evil.example"},
		{"GET", "/embed/" + id, "lang=" + strings.Repeat("a", 300), strings.Repeat("en;q=0.5,", 40), ""},
		{"GET", "/de/events/" + id + "/", "hl=xx", "", ""},
	} {
		f.Add(s.method, s.path, s.query, s.lang, s.host)
	}
	f.Fuzz(func(t *testing.T, method, path, query, lang, host string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path // what net/http hands a handler (but for CONNECT and "*")
		}
		req := &http.Request{
			Method: method, URL: &url.URL{Path: path, RawQuery: query}, RequestURI: path,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Host: host,
			Header: http.Header{"Accept-Language": {lang}},
		}
		req = req.WithContext(t.Context())
		rec := httptest.NewRecorder()
		widget.ServeHTTP(rec, req)
		// The one 5xx by design: oEmbed's 501 for a format it does not speak (oembed.com, 2.3.5).
		oembed501 := rec.Code == http.StatusNotImplemented && strings.TrimSuffix(path, "/") == "/oembed" && strings.Contains(query, "format=")
		if rec.Code >= 500 && !oembed501 {
			t.Fatalf("%s %s?%s (Accept-Language %q, Host %q): status %d: %.200s", method, path, query, lang, host, rec.Code, rec.Body.String())
		}
		h := rec.Header()
		if h.Get("Content-Security-Policy") == "" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || len(h.Values("Set-Cookie")) > 0 {
			t.Errorf("%s %s: headers %v", method, path, h)
		}
		if method != http.MethodGet && method != http.MethodHead && (rec.Code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD") {
			t.Errorf("%s %s: status %d, Allow %q; want 405 with GET, HEAD", method, path, rec.Code, h.Get("Allow"))
		}
		if method != http.MethodGet || rec.Code != http.StatusOK || !strings.HasPrefix(path, "/embed/"+id) {
			return
		}
		// The card's frame: the partner's options do not reach the page.
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		for _, k := range []string{"theme", "accent", "compact", "origin"} {
			q.Del(k)
		}
		plain := &http.Request{Method: "GET", URL: &url.URL{Path: path, RawQuery: q.Encode()}, RequestURI: path,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Host: host, Header: http.Header{"Accept-Language": {lang}}}
		again := httptest.NewRecorder()
		widget.ServeHTTP(again, plain.WithContext(t.Context()))
		if again.Body.String() != rec.Body.String() {
			t.Errorf("GET %s?%s: the page differs from the one without the frame's options", path, query)
		}
	})
}
