package server_test

// Hostile input: every row is a request someone may send on purpose, sent as raw
// bytes to a real http.Server configured as the binary configures it (its header limit, its
// timeouts). Each row asserts a safe and clear answer: the status it should get, never a 5xx;
// nothing of the payload reflected as markup in the body or the headers; no panic (the server's
// log has no error line); and nothing served to anyone else changes: a set of fixed pages has
// the same bytes and ETag before and after every row.
//
// Rows that need a browser (spoofed postMessage data into the card's frame) are in
// app/e2e/security_test.go (TestSpoofedMessagesChangeNothing); event files with script or a
// javascript: link are refused at load, here (TestHostileContentRefusedAtLoad) and field by
// field in app/content (TestParseRejects).

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/server"
)

// captured keeps a server's log records, to find a panic or an error among them.
type captured struct {
	mu      sync.Mutex
	records []slog.Record
}

func (c *captured) Enabled(context.Context, slog.Level) bool { return true }
func (c *captured) Handle(_ context.Context, r slog.Record) error {
	c.mu.Lock()
	c.records = append(c.records, r.Clone())
	c.mu.Unlock()
	return nil
}
func (c *captured) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *captured) WithGroup(string) slog.Handler      { return c }

// since returns the records from n on, as text.
func (c *captured) since(n int) (lines []string, errors []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.records[n:] {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		r.Attrs(func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s=%q", a.Key, a.Value.String())
			return true
		})
		lines = append(lines, b.String())
		if r.Level >= slog.LevelError {
			errors = append(errors, b.String())
		}
	}
	return lines, errors
}

func (c *captured) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.records)
}

// hostileServer is the widget behind an http.Server made by HTTPServer with the default
// limits, as in the binary, on a loopback port; its log is captured.
func hostileServer(t *testing.T) (addr string, logs *captured) {
	t.Helper()
	logs = &captured{}
	log := slog.New(logs)
	s, err := server.New(tree, server.Config{BaseURL: baseURL, Log: log, RequestLog: log})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := server.HTTPServer(s, server.DefaultLimits(), log)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String(), logs
}

// rawResponse is what came back for raw request bytes.
type rawResponse struct {
	code   int
	header http.Header
	body   string
}

// sendRaw writes req as is on a new connection and reads one answer.
func sendRaw(t *testing.T, addr, req string) (rawResponse, error) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	// Write and read at once: the server may answer (431) before reading all of a huge request.
	go io.WriteString(conn, req)
	method, _, _ := strings.Cut(req, " ")
	res, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return rawResponse{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return rawResponse{}, err
	}
	return rawResponse{code: res.StatusCode, header: res.Header, body: string(body)}, nil
}

// request is a raw HTTP/1.1 request: method target, then header lines, then the body.
func request(method, target string, headers ...string) string {
	var b strings.Builder
	b.WriteString(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n")
	body := ""
	for _, h := range headers {
		if b, ok := strings.CutPrefix(h, "\r\n"); ok {
			body = b
			continue
		}
		b.WriteString(h + "\r\n")
	}
	if body != "" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("Connection: close\r\n\r\n" + body)
	return b.String()
}

func get1(target string, headers ...string) string { return request("GET", target, headers...) }

// fixedPages are what other visitors get; a row must change none of them.
var fixedPages = []string{
	"/embed/" + eventID, "/en/embed/" + eventID + "/", "/events/" + eventID + "?lang=fr", "/pt/events/" + eventID + "/",
	"/", "/embed/", "/embed.js", "/demo", "/web/card.js", "/embed/nope", "/events/" + eventID + ".ics",
}

// snapshot is the status, ETag and body hash of every fixed page.
func snapshot(t *testing.T, addr string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range fixedPages {
		r, err := sendRaw(t, addr, get1(p))
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		sum := sha256.Sum256([]byte(r.body))
		out[p] = fmt.Sprintf("%d %s %s", r.code, r.header.Get("ETag"), hex.EncodeToString(sum[:8]))
	}
	return out
}

// markup are pieces of the payloads below that must never come back from the server, escaped
// or not (the pages' own <script src> and <img> are not among them).
var markup = []string{"<script>alert", "alert(1)", "<svg", "<img src=x", "onerror=", "onload=", "javascript:", "\x00", "<x>", "%3cx%3e", "evil.example"}

// Nothing in the body or headers of an answer may reflect a payload.
func checkNotReflected(t *testing.T, r rawResponse) {
	t.Helper()
	body := strings.ToLower(r.body)
	for _, m := range markup {
		if strings.Contains(body, strings.ToLower(m)) {
			i := strings.Index(body, strings.ToLower(m))
			t.Errorf("the body reflects %q: …%s…", m, r.body[max(0, i-60):min(len(r.body), i+60)])
		}
		for k, vs := range r.header {
			for _, v := range vs {
				if strings.Contains(strings.ToLower(v), strings.ToLower(m)) {
					t.Errorf("header %s reflects %q: %s", k, m, v)
				}
			}
		}
	}
	if c := r.header.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("Set-Cookie %q", c)
	}
	checkNoLeak(t, r.body)
}

func TestHostileInput(t *testing.T) {
	addr, logs := hostileServer(t)
	fixed := snapshot(t, addr)
	id := eventID
	long := strings.Repeat("a", 10<<10)
	// The page a hostile option must leave exactly as it is: the option is ignored.
	plainEmbed := "/embed/" + id
	type row struct {
		name   string
		req    string
		status []int  // acceptable statuses (3xx are followed within the site)
		same   string // if set, the body must be this plain page's
	}
	rows := []row{
		// Event ids.
		{"id ../ escaped", get1("/embed/..%2F..%2Fevents%2F" + id + ".toml"), []int{404}, ""},
		{"id ../ literal", get1("/embed/../events/" + id + ".toml"), []int{404}, ""},
		{"id ../ in the language path", get1("/en/events/..%2f" + id), []int{404}, ""},
		{"id NUL", get1("/embed/%00"), []int{404}, ""},
		{"id NUL after the real id", get1("/events/" + id + "%00"), []int{404}, ""},
		{"id NUL in the calendar file", get1("/events/" + id + "%00.ics"), []int{404}, ""},
		{"id raw NUL byte", get1("/embed/\x00"), []int{400}, ""},
		{"id Greek omicron", get1("/embed/" + url.PathEscape(strings.Replace(fixtures.Workshop, "o", "ο", 1))), []int{404}, ""},
		{"id Cyrillic a", get1("/events/" + url.PathEscape(strings.Replace(id, "a", "а", 1))), []int{404}, ""},
		{"id fullwidth p", get1("/embed/" + url.PathEscape("ｐ"+id[1:])), []int{404}, ""},
		{"id fullwidth hyphen", get1("/embed/" + url.PathEscape(strings.Replace(id, "-", "－", 1))), []int{404}, ""},
		{"id U+2010 hyphens", get1("/embed/" + url.PathEscape(strings.ReplaceAll(id, "-", "‐"))), []int{404}, ""},
		{"id zero-width space", get1("/embed/" + url.PathEscape(id+"\u200b")), []int{404}, ""},
		{"id combining mark", get1("/events/" + url.PathEscape(strings.Replace(id, "e", "e\u0301", 1))), []int{404}, ""},
		{"id upper case", get1("/embed/" + strings.ToUpper(id)), []int{404}, ""},
		{"id 10 KB", get1("/embed/" + long), []int{404}, ""},
		{"id 10 KB, calendar", get1("/fr/events/" + long + ".ics"), []int{404}, ""},
		{"id 10 KB, oEmbed", get1("/oembed?format=json&url=" + url.QueryEscape(baseURL+"/events/"+long)), []int{404}, ""},
		{"id markup", get1("/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E"), []int{404}, ""},
		{"id markup in the language path", get1("/en/embed/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/"), []int{404}, ""},

		// Options with HTML and JavaScript: ignored, the page is the plain one.
		{"lang script", get1(plainEmbed + "?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), []int{200}, plainEmbed},
		{"lang attribute break", get1(plainEmbed + "?lang=%22%3E%3Csvg%20onload%3Dalert(1)%3E"), []int{200}, plainEmbed},
		{"lang NUL", get1(plainEmbed + "?lang=es%00"), []int{200}, plainEmbed},
		{"lang 10 KB", get1(plainEmbed + "?lang=" + long), []int{200}, plainEmbed},
		{"lang CRLF header injection", get1(plainEmbed + "?lang=es%0D%0ASet-Cookie:%20x=1"), []int{200}, plainEmbed},
		{"lang twice, the first hostile", get1(plainEmbed + "?lang=%3Cx%3E&lang=en"), []int{200}, plainEmbed},
		{"hl script", get1(plainEmbed + "?hl=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), []int{200}, plainEmbed},
		{"theme script", get1(plainEmbed + "?theme=dark%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"), []int{200}, plainEmbed},
		{"accent CSS and javascript:", get1(plainEmbed + "?accent=red;background:url(javascript:alert(1))"), []int{200}, plainEmbed},
		{"compact markup", get1(plainEmbed + "?compact=%3Cx%3E"), []int{200}, plainEmbed},
		{"origin javascript:", get1(plainEmbed + "?origin=javascript:alert(1)"), []int{200}, plainEmbed},
		{"origin markup", get1(plainEmbed + "?origin=https://evil.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"), []int{200}, plainEmbed},
		{"every option at once", get1(plainEmbed + "?lang=%3Cx%3E&hl=%3Cx%3E&theme=%3Cx%3E&accent=%3Cx%3E&compact=%3Cx%3E&origin=%3Cx%3E&src=%3Cx%3E"), []int{200}, plainEmbed},
		{"standalone lang script", get1("/events/" + id + "?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), []int{200}, "/events/" + id},
		{"builder options", get1("/embed/?event=%3Cscript%3Ealert(1)%3C%2Fscript%3E&accent=%3Cx%3E"), []int{200}, "/embed/"},
		{"oEmbed javascript: url", get1("/oembed?format=json&url=javascript:alert(1)"), []int{404}, ""},
		{"oEmbed markup url", get1("/oembed?format=json&url=" + url.QueryEscape(baseURL+"/events/<script>alert(1)</script>")), []int{404}, ""},
		{"oEmbed markup maxwidth", get1("/oembed?format=json&maxwidth=%3Cx%3E&url=" + url.QueryEscape(baseURL+"/events/"+id)), []int{200}, ""},
		{"oEmbed markup format", get1("/oembed?format=%3Cscript%3Ealert(1)%3C%2Fscript%3E&url=" + url.QueryEscape(baseURL+"/events/"+id)), []int{501}, ""},

		// Accept-Language: huge, malformed.
		{"Accept-Language 10 KB", get1(plainEmbed, "Accept-Language: "+strings.Repeat("en;q=0.5,", 10<<10/9)), []int{200}, plainEmbed},
		{"Accept-Language 400 tags", get1(plainEmbed, "Accept-Language: "+strings.Repeat("zz,", 400)+"en"), []int{200}, plainEmbed},
		{"Accept-Language bad weight", get1(plainEmbed, "Accept-Language: en;q=abc"), []int{200}, plainEmbed},
		{"Accept-Language weight 2", get1(plainEmbed, "Accept-Language: fr;q=2"), []int{200}, ""},
		{"Accept-Language negative weight", get1(plainEmbed, "Accept-Language: fr;q=-1"), []int{200}, ""},
		{"Accept-Language only separators", get1(plainEmbed, "Accept-Language: ;;;,,,;q="), []int{200}, plainEmbed},
		{"Accept-Language markup", get1(plainEmbed, "Accept-Language: <script>alert(1)</script>"), []int{200}, plainEmbed},
		{"Accept-Language control bytes", get1(plainEmbed, "Accept-Language: \x01\x02en"), []int{200, 400}, ""},
		{"Accept-Language extensions", get1(plainEmbed, "Accept-Language: en-US-u-rg-zzzz-u-co-pinyin-x-private-a-b-c-d-e-f, *;q=0.1"), []int{200}, ""},
		{"Accept-Language grandfathered", get1(plainEmbed, "Accept-Language: i-klingon, x-pig-latin, zh-min-nan"), []int{200}, ""},
		{"Accept-Language twice", get1(plainEmbed, "Accept-Language: <x>", "Accept-Language: pt"), []int{200}, ""},
		{"Accept-Language 20 KB", get1(plainEmbed, "Accept-Language: "+strings.Repeat("en;q=0.5,", 20<<10/9)), []int{431}, ""},

		// Oversized heads: the configured limit (16 KB), answered 431 before any handler runs.
		{"a 64 KB header", get1("/", "X-Pad: "+strings.Repeat("a", 64<<10)), []int{431}, ""},
		{"5000 headers", get1("/", strings.Repeat("X-A: b\r\n", 5000)+"X-B: c"), []int{431}, ""},
		{"a 100 KB path", get1("/embed/" + strings.Repeat("a", 100<<10)), []int{431}, ""},
		{"a 12 KB cookie", get1("/", "Cookie: a="+strings.Repeat("b", 12<<10)), []int{200}, ""},
		{"a 1 MB Referer", get1("/", "Referer: https://evil.example/"+strings.Repeat("a", 1<<20)), []int{431}, ""},

		// Paths out of the asset folder (web/), to the event files, the translations, the code.
		{"/web/../ literal", get1("/web/../events/" + id + ".toml"), []int{404}, ""},
		{"/web/%2e%2e/", get1("/web/%2e%2e/events/" + id + ".toml"), []int{404}, ""},
		{"/web/..%2f", get1("/web/..%2fevents%2f" + id + ".toml"), []int{400, 404}, ""},
		{"/web/%2e%2e%2f", get1("/web/%2e%2e%2fevents%2f" + id + ".toml"), []int{400, 404}, ""},
		{"/web/ double-encoded", get1("/web/%252e%252e/events/" + id + ".toml"), []int{404}, ""},
		{"/web/ backslashes", get1("/web/..\\events\\" + id + ".toml"), []int{400, 404}, ""},
		{"/web/ backslashes encoded", get1("/web/..%5cevents%5c" + id + ".toml"), []int{400, 404}, ""},
		{"/web/....//", get1("/web/....//events/" + id + ".toml"), []int{404}, ""},
		{"/web/./../locales", get1("/web/./../locales/ui/active.es.toml"), []int{404}, ""},
		{"/web//etc/passwd", get1("/web//etc/passwd"), []int{404}, ""},
		{"/web/%2fetc%2fpasswd", get1("/web/%2fetc%2fpasswd"), []int{400, 404}, ""},
		{"/web/ NUL extension", get1("/web/card.js%00.toml"), []int{400, 404}, ""},
		{"/web/..;/", get1("/web/..;/events/" + id + ".toml"), []int{404}, ""},
		{"//web/../../", get1("//web/../../main.go"), []int{404}, ""},
		{"/app.js/../", get1("/app.js/../events/" + id + ".toml"), []int{404}, ""},
		{"/events/ to the code", get1("/events/..%2f..%2fmain.go"), []int{404}, ""},
		{"absolute-form target", get1("http://evil.example/web/../events/" + id + ".toml"), []int{404}, ""},
		{"/locales/ directly", get1("/locales/ui/active.es.toml"), []int{404}, ""},
		{"/events/ directly", get1("/events/" + id + ".toml"), []int{404}, ""},
		{"/web/ the listing", get1("/web/"), []int{404}, ""},

		// Methods: GET and HEAD only.
		{"POST", request("POST", "/", "Content-Type: application/x-www-form-urlencoded", "\r\na=1"), []int{405}, ""},
		{"PUT the loader", request("PUT", "/embed.js", "\r\nalert(1)"), []int{405}, ""},
		{"DELETE", request("DELETE", "/embed/"+id), []int{405}, ""},
		{"PATCH", request("PATCH", "/web/card.js", "\r\nx"), []int{405}, ""},
		{"OPTIONS", request("OPTIONS", "/embed/"+id, "Origin: https://evil.example", "Access-Control-Request-Method: GET"), []int{405}, ""},
		{"OPTIONS *", request("OPTIONS", "*"), []int{405, 400}, ""},
		{"TRACE", request("TRACE", "/", "X-Echo: <script>alert(1)</script>"), []int{405}, ""},
		{"PROPFIND", request("PROPFIND", "/web/"), []int{405}, ""},
		{"CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n", []int{405, 400}, ""},
		{"lower-case get", request("get", "/"), []int{405}, ""},
		{"a made-up method", request("FOO", "/healthz"), []int{405}, ""},
		{"a 1 KB method", request(strings.Repeat("A", 1<<10), "/"), []int{405}, ""},
		{"HEAD", request("HEAD", "/embed/"+id), []int{200}, ""},

		// Hosts.
		{"Host markup", "GET / HTTP/1.1\r\nHost: <script>alert(1)</script>\r\nConnection: close\r\n\r\n", []int{400}, ""},
		{"Host elsewhere", "GET /embed/" + id + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", []int{200}, plainEmbed},
		{"two Hosts", "GET / HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", []int{400}, ""},
	}
	plain := map[string]string{}
	for _, r := range rows {
		if r.same != "" && plain[r.same] == "" {
			res, err := sendRaw(t, addr, get1(r.same))
			if err != nil || res.code != http.StatusOK {
				t.Fatalf("GET %s: %v (status %d)", r.same, err, res.code)
			}
			plain[r.same] = res.body
		}
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			n := logs.len()
			res, err := sendRaw(t, addr, r.req)
			if err != nil {
				t.Fatalf("no answer: %v", err)
			}
			// Redirects (a cleaned path) stay on the site; follow them to the end.
			for hops := 0; res.code >= 300 && res.code < 400 && hops < 3; hops++ {
				loc := res.header.Get("Location")
				if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "\\") {
					t.Fatalf("redirect to %q", loc)
				}
				if res, err = sendRaw(t, addr, get1(loc)); err != nil {
					t.Fatalf("following %s: %v", loc, err)
				}
			}
			t.Logf("status %d, %d bytes", res.code, len(res.body))
			if res.code >= 500 && !(len(r.status) == 1 && r.status[0] == res.code) {
				t.Errorf("status %d", res.code)
			}
			ok := false
			for _, s := range r.status {
				ok = ok || s == res.code
			}
			if !ok {
				t.Errorf("status %d, want one of %v", res.code, r.status)
			}
			if res.code == http.StatusMethodNotAllowed && res.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("405 with Allow %q", res.header.Get("Allow"))
			}
			checkNotReflected(t, res)
			for _, secret := range []string{"timezone =", "[[people]]", "package main", "root:x:0:0", `hash = "sha1-`} {
				if strings.Contains(res.body, secret) {
					t.Errorf("the answer serves a file it must not (%q)", secret)
				}
			}
			if r.same != "" && res.body != plain[r.same] {
				t.Errorf("the page differs from %s's: the hostile value changed it", r.same)
			}
			if _, errs := logs.since(n); len(errs) > 0 {
				t.Errorf("the server logged errors:\n%s", strings.Join(errs, "\n"))
			}
			if after := snapshot(t, addr); fmt.Sprint(after) != fmt.Sprint(fixed) {
				for _, p := range fixedPages {
					if after[p] != fixed[p] {
						t.Errorf("what everyone gets at %s changed: %s, was %s", p, after[p], fixed[p])
					}
				}
			}
		})
	}
	// The request log kept no query string (the paths are kept, quoted by slog), no header.
	lines, _ := logs.since(0)
	for _, l := range lines {
		for _, m := range []string{"javascript:", "evil.example", "origin", "Set-Cookie", "onload", "klingon", "Referer", "bbbbbbbb"} {
			if strings.Contains(l, m) {
				t.Errorf("the log keeps %q: %.300s", m, l)
			}
		}
	}
}

// Event files with script in a speaker's name or a javascript: link never load: the server
// refuses to start, naming the file and the field. Translations carrying markup load (they are
// text) and come out inert, escaped, in every place the page prints them.
func TestHostileContentRefusedAtLoad(t *testing.T) {
	eventFile := "events/" + eventID + ".toml"
	for _, c := range []struct{ name, old, new, field string }{
		{"script in a speaker's name", `name = "Bruno Silva"`, `name = "Bruno<script>alert(1)</script>"`, "people[1].name"},
		{"an event handler in a speaker's name", `name = "Bruno Silva"`, `name = "Bruno <img src=x onerror=alert(1)>"`, "people[1].name"},
		{"a javascript: recording", `url = "https://video.example.org/webinar"`, `url = "javascript:alert(1)"`, "recording.url"},
		{"a javascript: document", `url = "https://comision.example.org/informe"`, `url = "JavaScript:alert(1)"`, "documents[0].url"},
		{"a javascript: speaker's page", `url = "https://bruno.example.org/"`, `url = "javascript:alert(1)"`, "people[1].url"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := fixtureTree(t)
			projecttree.Replace(t, m, eventFile, c.old, c.new)
			s, err := server.New(m, quiet)
			if err == nil {
				t.Fatalf("server.New accepted it (version %s)", s.Version())
			}
			if !strings.Contains(err.Error(), eventFile) || !strings.Contains(err.Error(), c.field) {
				t.Errorf("error %q does not name %s and %s", err, eventFile, c.field)
			}
		})
	}

	t.Run("markup in a translation", func(t *testing.T) {
		m := fixtureTree(t)
		enEvent := "locales/events/" + eventID + "/active.en.toml"
		projecttree.Replace(t, m, enEvent, `Title = "`+eventMessage(t, "en", "Title")+`"`,
			`Title = "Where is the data?</title><script>alert(1)</script><img src=x onerror=alert(1)>"`)
		s, err := server.New(m, quiet)
		if err != nil {
			t.Skipf("refused at load, which is safe too: %v", err)
		}
		rec := serve(s, embedPath("en"))
		if rec.code != http.StatusOK {
			t.Fatalf("status %d", rec.code)
		}
		// The text is the translator's, so it is in the page: as text (escaped), or inside a
		// double-quoted attribute value (go-app quotes attributes and escapes no < in them; the
		// catalog refuses the " that could end one), where it is inert. Never as markup.
		for _, m := range []string{"<script>alert", "<img src=x", "</title><script"} {
			for i := strings.Index(rec.body, m); i >= 0; {
				j := strings.LastIndex(rec.body[:i], `"`)
				if j < 1 || rec.body[j] != '"' || rec.body[j-1] != '=' {
					t.Errorf("the translation's %q is markup in the page: …%s…", m, rec.body[max(0, i-80):i+len(m)])
				}
				next := strings.Index(rec.body[i+1:], m)
				if next < 0 {
					break
				}
				i += 1 + next
			}
		}
		if strings.Count(rec.body, "<script>alert") == 0 && strings.Count(rec.body, "&lt;script&gt;alert") == 0 && !strings.Contains(rec.body, `\u003cscript\u003ealert`) {
			t.Errorf("the translation is nowhere in the page: the check checked nothing")
		}
	})
}
