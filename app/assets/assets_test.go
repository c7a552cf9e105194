package assets

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

var quiet = slog.New(slog.DiscardHandler)

// standIn is a body unique to the test (no other test of the process encoded it before) that
// compresses well.
func standIn(t *testing.T, n int) []byte {
	return append([]byte("\x00asm\x01\x00\x00\x00"+t.Name()), bytes.Repeat([]byte("eventcard wasm "), n)...)
}

// tree is a web/ folder holding app.wasm and, if siblings, its .gz and .br as the build writes
// them, beside a stylesheet.
func tree(t *testing.T, wasm []byte, siblings bool) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{"app.wasm": {Data: wasm}, "card.css": {Data: []byte("body { color: #1f1b24; } " + t.Name())}}
	if siblings {
		gz, br, err := Encode(wasm)
		if err != nil {
			t.Fatal(err)
		}
		m["app.wasm.gz"] = &fstest.MapFile{Data: gz}
		m["app.wasm.br"] = &fstest.MapFile{Data: br}
	}
	return m
}

func get(a *Asset, method, accept string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/x", nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	rec := httptest.NewRecorder()
	a.Serve(rec, req, http.StatusOK)
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader = rec.Body
	switch rec.Header().Get("Content-Encoding") {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A lazy asset is compressed once, when first asked for in an encoding, however many requests
// ask at the same time; a request that takes identity compresses nothing.
func TestLazyEncodedOnce(t *testing.T) {
	body := standIn(t, 2000)
	var compressed atomic.Int32
	a := NewLazy("text/html; charset=utf-8", body, `"p"`, func() (gz, br []byte, err error) {
		compressed.Add(1)
		return Encode(body)
	})
	if rec := get(a, "GET", ""); !bytes.Equal(rec.Body.Bytes(), body) || compressed.Load() != 0 {
		t.Fatalf("identity: %d bytes, %d compressions", rec.Body.Len(), compressed.Load())
	}
	var wg sync.WaitGroup
	for range 20 {
		for _, accept := range []string{"br", "gzip", "gzip, deflate, br"} {
			wg.Go(func() {
				if rec := get(a, "GET", accept); !bytes.Equal(decode(t, rec), body) {
					t.Errorf("%s: the body does not decode to the page", accept)
				}
			})
		}
	}
	wg.Wait()
	if n := compressed.Load(); n != 1 {
		t.Errorf("60 requests compressed the body %d times, want 1", n)
	}
}

// Each encoding has its own tag; net/http's conditional handling answers 304 to its tag only.
func TestETagPerEncoding(t *testing.T) {
	body := standIn(t, 500)
	gz, br, _ := Encode(body)
	a := New("text/css", body, `"v1"`, gz, br)
	tags := map[string]string{}
	for _, accept := range []string{"", "br", "gzip"} {
		rec := get(a, "GET", accept)
		tags[accept] = rec.Header().Get("ETag")
		if rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%q: Vary %q", accept, rec.Header().Get("Vary"))
		}
	}
	if tags[""] != `"v1"` || tags["br"] != `"v1-br"` || tags["gzip"] != `"v1-gzip"` {
		t.Fatalf("tags %v", tags)
	}
	for _, c := range []struct {
		accept, inm string
		want        int
	}{{"br", `"v1-br"`, 304}, {"br", `"v1-gzip"`, 200}, {"gzip", `W/"v1-gzip"`, 304}, {"", `"v1", "x"`, 304}, {"", `*`, 304}, {"", `"v1-br"`, 200}} {
		req := httptest.NewRequest("GET", "/x", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		req.Header.Set("If-None-Match", c.inm)
		rec := httptest.NewRecorder()
		a.Serve(rec, req, http.StatusOK)
		if rec.Code != c.want {
			t.Errorf("%q If-None-Match %s: %d, want %d", c.accept, c.inm, rec.Code, c.want)
		}
		if rec.Code == 304 && (rec.Body.Len() != 0 || rec.Header().Get("Content-Encoding") != "") {
			t.Errorf("%q: a 304 with a body or an encoding", c.accept)
		}
	}
	// A not-found page keeps its status and its body; a HEAD has no body.
	req := httptest.NewRequest("GET", "/x", nil)
	rec := httptest.NewRecorder()
	a.Serve(rec, req, http.StatusNotFound)
	if rec.Code != 404 || !bytes.Equal(rec.Body.Bytes(), body) {
		t.Errorf("404: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}

// The build's siblings are sent as they are; stale ones are not.
func TestBuildSiblings(t *testing.T) {
	wasm := standIn(t, 4096)
	fresh := tree(t, wasm, true)
	files, err := NewFiles(fresh, nil, "v1", false, quiet)
	if err != nil {
		t.Fatal(err)
	}
	a, cacheControl, ok := files.Lookup("/v/v1/web/app.wasm")
	if !ok || cacheControl[0] != CacheImmutable[0] {
		t.Fatalf("the versioned wasm: %v %v", ok, cacheControl)
	}
	for enc, name := range map[string]string{"br": "app.wasm.br", "gzip": "app.wasm.gz"} {
		if got, _ := a.Encoded(enc); !bytes.Equal(got, fresh[name].Data) {
			t.Errorf("%s: the served wasm is not the build's sibling", enc)
		}
	}
	// The siblings are the wasm's encodings, not files of their own.
	for _, p := range []string{"/web/app.wasm.br", "/v/v1/web/app.wasm.gz"} {
		if _, _, ok := files.Lookup(p); ok {
			t.Errorf("%s is served as a file", p)
		}
	}
	// Another build's version is served, revalidated.
	if _, cacheControl, ok := files.Lookup("/v/v0/web/card.css"); !ok || cacheControl[0] != CacheRevalidate[0] {
		t.Errorf("an older build's address: %v %v", ok, cacheControl)
	}

	stale := tree(t, wasm, true)
	stale["app.wasm"] = &fstest.MapFile{Data: append(wasm, "rebuilt"...)}
	files, err = NewFiles(stale, nil, "v2", false, quiet)
	if err != nil {
		t.Fatal(err)
	}
	a, _, _ = files.Lookup("/web/app.wasm")
	for _, accept := range []string{"br", "gzip"} {
		if got := decode(t, get(a, "GET", accept)); !bytes.Equal(got, stale["app.wasm"].Data) {
			t.Errorf("%s: the stale sibling was served", accept)
		}
	}
}

// In the binary, a large file is sent from the binary's own copy with the siblings the build
// wrote, checked at start, never copied into memory; stale siblings are not used.
func TestLargeFilesInPlace(t *testing.T) {
	wasm := append(standIn(t, 10), bytes.Repeat([]byte("more of the wasm "), 80_000)...) // 1.4 MB
	m := tree(t, wasm, true)
	files, err := NewFiles(m, nil, "v1", true, quiet)
	if err != nil {
		t.Fatal(err)
	}
	a := files.Get("/web/app.wasm")
	for _, e := range a.encodings {
		if e.body != nil || e.file.name == "" {
			t.Errorf("encoding %q is in memory", e.name)
		}
	}
	for accept, want := range map[string][]byte{"br": m["app.wasm.br"].Data, "gzip": m["app.wasm.gz"].Data, "": wasm} {
		rec := get(a, "GET", accept)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) || rec.Header().Get("Content-Length") != strconv.Itoa(len(want)) {
			t.Errorf("%q: %d, %d bytes (Content-Length %s), want the file's %d", accept, rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"), len(want))
		}
		rec = get(a, "HEAD", accept)
		if rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != strconv.Itoa(len(want)) {
			t.Errorf("%q HEAD: %d bytes, Content-Length %s", accept, rec.Body.Len(), rec.Header().Get("Content-Length"))
		}
		if got, ok := a.Encoded(map[string]string{"br": "br", "gzip": "gzip", "": ""}[accept]); !ok || !bytes.Equal(got, want) {
			t.Errorf("%q: Encoded is not the file", accept)
		}
	}

	// Stale siblings: compressed at start, in memory, as without them.
	m["app.wasm"] = &fstest.MapFile{Data: append(wasm, "rebuilt"...)}
	files, err = NewFiles(m, nil, "v2", true, quiet)
	if err != nil {
		t.Fatal(err)
	}
	br, _ := files.Get("/web/app.wasm").Encoded("br")
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, m["app.wasm"].Data) {
		t.Errorf("stale siblings served (%v)", err)
	}
}

// web/'s sources and templates are not files to serve; a made file is.
func TestSourcesNotServed(t *testing.T) {
	m := fstest.MapFS{"src/card.js": {Data: []byte("x")}, "templates/page.html": {Data: []byte("<p>")}, "icon.svg": {Data: []byte("<svg/>")}}
	files, err := NewFiles(m, []File{{Addr: "/app.js", ContentType: "text/javascript", Body: []byte("go()")}}, "v1", false, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if got := files.Addresses(); len(got) != 2 || got[0] != "/app.js" || got[1] != "/web/icon.svg" {
		t.Errorf("addresses %q, want /app.js and /web/icon.svg", got)
	}
}

func TestAcceptQ(t *testing.T) {
	for _, c := range []struct {
		accept, coding string
		q              float64
	}{
		{"", "br", 0},
		{"", "identity", 1},
		{"br", "br", 1},
		{"BR", "br", 1},
		{" gzip ; q=0.5 , br;q=0.25", "gzip", 0.5},
		{" gzip ; q=0.5 , br;q=0.25", "br", 0.25},
		{"gzip;q=0", "gzip", 0},
		{"*;q=0.3", "br", 0.3},
		{"*;q=0.3, br", "br", 1},
		{"*;q=0", "identity", 0},
		{"identity;q=0", "identity", 0},
		{"x-gzip", "gzip", 1},
		{"gzip;q=2", "gzip", 0},   // out of range: no acceptance
		{"gzip;q=abc", "gzip", 0}, // malformed
		{"gzip;level=1", "gzip", 1},
	} {
		if got := acceptQ([]string{c.accept}, c.coding); got != c.q {
			t.Errorf("acceptQ(%q, %s) = %v, want %v", c.accept, c.coding, got, c.q)
		}
	}
}
