package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"eventcard/app/internal/readme"
	"eventcard/app/server"
)

// ---- 10. Security headers (README, "Security") ----

// do sends method path to s with hdr, and reads the answer.
func do(t *testing.T, s *httptest.Server, method, path string, hdr map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{code: res.StatusCode, header: res.Header, body: string(body)}
}

// directives splits a CSP into its directives: name → sources.
func directives(t *testing.T, policy string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		if _, dup := out[f[0]]; dup {
			t.Errorf("CSP %q: %s twice (the browser ignores the second)", policy, f[0])
		}
		out[f[0]] = f[1:]
	}
	return out
}

// wantPagePolicy is the widget's policy, directive by directive: anything looser fails. What a
// card in WordPress's sandbox loads names the widget's origin besides 'self', which WebKit
// matches to nothing in an opaque origin.
var wantPagePolicy = map[string][]string{
	"default-src":  {"'none'"},
	"script-src":   {"'self'", baseURL, "'wasm-unsafe-eval'"},
	"style-src":    {"'self'", baseURL},
	"img-src":      {"'self'", baseURL, "data:"},
	"connect-src":  {"'self'", baseURL},
	"manifest-src": {"'self'"},
	"worker-src":   {"'self'"},
	"frame-src":    {"'self'"},
	"base-uri":     {"'none'"},
	"form-action":  {"'none'"},
	// No frame-ancestors: anyone may frame the card, a sandboxed page (an opaque origin,
	// which "frame-ancestors *" refuses) included.
}

func checkPolicy(t *testing.T, what, policy string, want map[string][]string) {
	t.Helper()
	got := directives(t, policy)
	for name, sources := range want {
		if !slices.Equal(got[name], sources) {
			t.Errorf("%s: CSP %s %q, want %q", what, name, got[name], sources)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: CSP has %s %q, which the tests do not expect", what, name, got[name])
		}
	}
	if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "'unsafe-eval'") {
		t.Errorf("%s: CSP allows inline code or eval: %s", what, policy)
	}
}

// checkHeaders asserts the headers every answer carries.
func checkHeaders(t *testing.T, what string, r response, hsts bool) {
	t.Helper()
	h := r.header
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s (status %d): %s %q, want %q", what, r.code, k, got, want)
		}
	}
	pp := h.Get("Permissions-Policy")
	for _, want := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "clipboard-write=(self)"} {
		if !slices.Contains(strings.Split(pp, ", "), want) {
			t.Errorf("%s: Permissions-Policy %q lacks %s", what, pp, want)
		}
	}
	if len(h.Values("Content-Security-Policy")) != 1 {
		t.Errorf("%s (status %d): %d Content-Security-Policy headers, want 1", what, r.code, len(h.Values("Content-Security-Policy")))
	}
	if strings.Contains(pp, "web-share=()") {
		t.Errorf("%s: Permissions-Policy %q denies the card's Share button", what, pp)
	}
	if c := h.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("%s: sets cookies %q", what, c)
	}
	if got := h.Get("Strict-Transport-Security"); hsts != (got != "") {
		t.Errorf("%s: Strict-Transport-Security %q, want it %v", what, got, hsts)
	} else if hsts && got != "max-age=31536000" {
		t.Errorf("%s: Strict-Transport-Security %q", what, got)
	}
}

// Every kind of answer: pages, assets, the loader, errors, 304s, the health check.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	type req struct {
		method, path string
		hdr          map[string]string
		code         int
	}
	reqs := []req{
		{"GET", "/", nil, 200},
		{"GET", embedPath("es"), nil, 200},
		{"GET", loaderPath("pt") + "&origin=https%3A%2F%2Fpartner.example&theme=dark", nil, 200},
		{"GET", eventPath("fr"), nil, 200},
		{"GET", "/en/embed/", nil, 200},
		{"GET", "/embed/nope", nil, 404},
		{"GET", "/de/events/" + eventID + "/", nil, 404},
		{"GET", "/embed.js", nil, 200},
		{"GET", "/web/card.js", nil, 200},
		{"GET", "/web/card.css", nil, 200},
		{"GET", "/web/icon-192.png", nil, 200},
		{"HEAD", "/web/app.wasm", nil, 200},
		{"GET", "/app.js", nil, 200},
		{"GET", "/wasm_exec.js", nil, 200},
		{"GET", "/app.css", nil, 200},
		{"GET", "/app-worker.js", nil, 200},
		{"GET", "/manifest.webmanifest", nil, 200},
		{"GET", "/fr/manifest.webmanifest", nil, 200},
		{"GET", "/events/" + eventID + ".ics", nil, 200},
		{"GET", "/oembed?format=json&url=" + url.QueryEscape(baseURL+eventPath("en")), nil, 200},
		{"GET", "/oembed?url=nope", nil, 404},
		{"GET", "/healthz", nil, 200},
		{"HEAD", "/healthz", nil, 200},
		{"GET", "/nope", nil, 404},
		{"GET", "/web/nope.css", nil, 404},
		{"POST", "/", nil, 405},
		{"DELETE", "/embed.js", nil, 405},
		{"OPTIONS", "/embed/" + eventID, nil, 405},
	}
	// The 304s: each revalidated with the ETag it was served with.
	for _, path := range []string{"/embed.js", embedPath("en"), "/web/card.js", "/app.js"} {
		r := get(t, path, nil)
		etag := r.header.Get("ETag")
		if etag == "" {
			t.Errorf("%s: no ETag", path)
			continue
		}
		reqs = append(reqs, req{"GET", path, map[string]string{"If-None-Match": etag}, 304})
	}
	for _, q := range reqs {
		what := q.method + " " + q.path
		r := do(t, srv, q.method, q.path, q.hdr)
		if r.code != q.code {
			t.Errorf("%s: status %d, want %d", what, r.code, q.code)
		}
		checkHeaders(t, what, r, false)
		checkPolicy(t, what, r.header.Get("Content-Security-Policy"), wantPagePolicy)
		if r.code == http.StatusMethodNotAllowed && r.header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q, want GET, HEAD", what, r.header.Get("Allow"))
		}
	}
}

// /demo plays a partner's page: its own policy, the one the README tells partners to use, and
// inline styles (a partner's page has them).
func TestDemoPolicy(t *testing.T) {
	u, _ := url.Parse(srv.URL)
	r := get(t, "/demo", map[string]string{"Host": "127.0.0.1:" + u.Port()})
	checkHeaders(t, "/demo", r, false)
	widget := "http://localhost:" + u.Port()
	checkDemo := func(policy string) {
		d := directives(t, policy)
		for name, want := range map[string][]string{
			"default-src": {"'none'"}, "script-src": {widget}, "frame-src": {widget}, "style-src": {"'unsafe-inline'"},
			"img-src": {"'self'"}, "base-uri": {"'none'"}, "form-action": {"'none'"}, "frame-ancestors": {"*"},
		} {
			if !slices.Equal(d[name], want) {
				t.Errorf("/demo: CSP %s %q, want %q", name, d[name], want)
			}
		}
		if len(d) != 8 {
			t.Errorf("/demo: CSP %q", policy)
		}
	}
	checkDemo(r.header.Get("Content-Security-Policy"))
	// The same lines as the README's, for the widget's origin.
	lines := readme.Line(t, root, "### Content-Security-Policy", "Content-Security-Policy: ")
	for _, want := range []string{"script-src " + "https://cards.example.org", "frame-src " + "https://cards.example.org"} {
		if !strings.Contains(lines, want) {
			t.Errorf("README's CSP lines %q lack %q: the demo no longer shows what partners are told", lines, want)
		}
	}
	// A forged Host never reaches the policy.
	r = get(t, "/demo", map[string]string{"Host": "evil.example"})
	if p := r.header.Get("Content-Security-Policy"); strings.Contains(p, "evil") || !strings.Contains(p, "script-src "+baseURL+";") {
		t.Errorf("/demo with Host evil.example: CSP %q", p)
	}
}

// HSTS only where visitors arrive over TLS: the server's own, or a TLS proxy's (an https base
// URL).
func TestHSTSOnlyOverTLS(t *testing.T) {
	quietLog := slog.New(slog.DiscardHandler)
	behindProxy, err := server.New(tree, server.Config{BaseURL: "https://cards.example.org", Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	ownTLS, err := server.New(tree, server.Config{Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(behindProxy)
	defer proxy.Close()
	tlsSrv := httptest.NewTLSServer(ownTLS)
	defer tlsSrv.Close()
	for _, path := range []string{embedPath("es"), "/embed.js", "/nope", "/healthz"} {
		checkHeaders(t, "behind a TLS proxy: "+path, do(t, proxy, "GET", path, nil), true)
		checkHeaders(t, "over TLS: "+path, do(t, tlsSrv, "GET", path, nil), true)
		checkHeaders(t, "plain HTTP: "+path, get(t, path, nil), false)
	}
}

// The frame-ancestors allowlist: the origins given, and the widget's own (the builder frames
// the card).
func TestFrameAncestorsAllowlist(t *testing.T) {
	s, err := server.New(tree, server.Config{Log: slog.New(slog.DiscardHandler),
		FrameAncestors: []string{"https://partner.example.org", "https://*.example.net:8443"}})
	if err != nil {
		t.Fatal(err)
	}
	ws := httptest.NewServer(s)
	defer ws.Close()
	want := map[string][]string{}
	for k, v := range wantPagePolicy {
		want[k] = v
	}
	want["frame-ancestors"] = []string{"'self'", "https://partner.example.org", "https://*.example.net:8443"}
	for _, path := range []string{embedPath("es"), "/embed/", eventPath("en"), "/embed.js", "/nope"} {
		checkPolicy(t, path, do(t, ws, "GET", path, nil).header.Get("Content-Security-Policy"), want)
	}
	if p := do(t, ws, "GET", "/demo", nil).header.Get("Content-Security-Policy"); !strings.HasSuffix(p, "; frame-ancestors 'self' https://partner.example.org https://*.example.net:8443") {
		t.Errorf("/demo: CSP %q", p)
	}
	// A list the header could not carry safely is refused at start.
	for _, bad := range [][]string{{"https://a.example; script-src *"}, {"javascript:alert(1)"}, {"https://a.example/path"}, {"*", "https://a.example"}, {"'unsafe-inline'"}} {
		if _, err := server.New(tree, server.Config{Log: slog.New(slog.DiscardHandler), FrameAncestors: bad}); err == nil {
			t.Errorf("server.New accepted frame ancestors %q", bad)
		}
	}
}

func TestHealthz(t *testing.T) {
	r := get(t, "/healthz", nil)
	if r.code != http.StatusOK || r.header.Get("Content-Type") != "application/json" || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("/healthz: status %d, Content-Type %q, Cache-Control %q", r.code, r.header.Get("Content-Type"), r.header.Get("Cache-Control"))
	}
	var h struct {
		Status, Version string
		LastReload      struct {
			At time.Time
			OK bool
		}
	}
	decodeJSON(t, "/healthz", []byte(r.body), &h)
	if h.Status != "ok" || h.Version != widget.Version() {
		t.Errorf("/healthz: %+v, want ok and version %s", h, widget.Version())
	}
	// The shared server never reloads: no reload, or one that worked.
	if !h.LastReload.At.IsZero() && !h.LastReload.OK {
		t.Errorf("/healthz: the last reload %+v failed", h.LastReload)
	}
	if len(r.body) > 256 {
		t.Errorf("/healthz: %d bytes, for a check every few seconds", len(r.body))
	}
	// Always fresh, even to a client that offers an ETag.
	if r := get(t, "/healthz", map[string]string{"If-None-Match": `"` + widget.Version() + `"`}); r.code != http.StatusOK {
		t.Errorf("/healthz with an ETag: status %d", r.code)
	}
}
