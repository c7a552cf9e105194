package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/internal/projecttree"

	"github.com/andybalholm/brotli"
)

// quietConfig: trees without the real wasm make the server warn; these tests want that.
var quietConfig = Config{Log: slog.New(slog.DiscardHandler)}

// treeWithWasm is the project's tree with a stand-in wasm (the real one's brotli 11 takes 20 s)
// and, if siblings, its .gz and .br as `make` writes them.
func treeWithWasm(t *testing.T, wasm []byte, siblings bool) fstest.MapFS {
	t.Helper()
	m := projecttree.Copy(t, "../..", "web", "locales", "events")
	delete(m, "web/app.wasm.gz")
	delete(m, "web/app.wasm.br")
	m["web/app.wasm"] = &fstest.MapFile{Data: wasm}
	if siblings {
		gz, br, err := encode(wasm)
		if err != nil {
			t.Fatal(err)
		}
		m["web/app.wasm.gz"] = &fstest.MapFile{Data: gz}
		m["web/app.wasm.br"] = &fstest.MapFile{Data: br}
	}
	return m
}

// standInWasm is unique to the test (so no other server of the process encoded it before) and
// compresses well.
func standInWasm(t *testing.T) []byte {
	return append([]byte("\x00asm\x01\x00\x00\x00"+t.Name()), bytes.Repeat([]byte("eventcard wasm "), 4096)...)
}

func send(s *Server, method, path, accept string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// A page is compressed once, when first rendered, however many requests and encodings follow;
// the build's files, at start only.
func TestCompressedOnceNeverPerRequest(t *testing.T) {
	s, err := New(treeWithWasm(t, standInWasm(t), false), quietConfig)
	if err != nil {
		t.Fatal(err)
	}
	before := compressions.Load()
	page := "/pt/embed/where-are-the-women-2020/"
	for i := range 20 {
		for _, accept := range []string{"br", "gzip", "", "gzip, deflate, br"} {
			if rec := send(s, "GET", page, accept); rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", page, rec.Code)
			}
			if rec := send(s, "GET", "/v/"+s.Version()+"/web/app.wasm", accept); rec.Code != http.StatusOK {
				t.Fatalf("wasm: %d", rec.Code)
			}
			for _, p := range []string{"/embed.js", "/app.js", "/web/card.css"} {
				send(s, "GET", p, accept)
			}
		}
		if i == 0 && compressions.Load()-before != 1 {
			t.Errorf("the first requests compressed %d bodies, want 1 (the page, when rendered)", compressions.Load()-before)
		}
	}
	if n := compressions.Load() - before; n != 1 {
		t.Errorf("80 requests for a page and the build's files compressed %d bodies, want 1", n)
	}
}

// The wasm's siblings, written at build time, are sent as they are; stale ones are not.
func TestBuildSiblings(t *testing.T) {
	t.Run("fresh", func(t *testing.T) {
		wasm := standInWasm(t)
		m := treeWithWasm(t, wasm, true)
		s, err := New(m, quietConfig)
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range []string{"br", "gzip"} {
			rec := send(s, "GET", "/v/"+s.Version()+"/web/app.wasm", enc)
			if want := m["web/app.wasm."+map[string]string{"br": "br", "gzip": "gz"}[enc]].Data; !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("%s: the served wasm is not the build's sibling", enc)
			}
		}
		// Start-up compressed the other files (or found them done before).
		for _, f := range []string{"card.css", "card.js", "icon.svg"} {
			if _, ok := encodedFiles.Load(sha256.Sum256(send(s, "GET", "/web/"+f, "").Body.Bytes())); !ok {
				t.Errorf("web/%s has no encodings", f)
			}
		}
		// The siblings are the wasm's encodings, not files of their own: not served, not
		// exported as files (the export writes them as the wasm's siblings).
		for _, p := range []string{"/web/app.wasm.br", "/v/" + s.Version() + "/web/app.wasm.gz"} {
			if rec := send(s, "GET", p, ""); rec.Code != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", p, rec.Code)
			}
		}
		dir := filepath.Join(t.TempDir(), "dist")
		out, err := s.Export(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Files {
			if strings.HasSuffix(f, ".br") || strings.HasSuffix(f, ".gz") {
				t.Errorf("exported %s as a file", f)
			}
		}
		for _, name := range []string{"web/app.wasm.br", "web/app.wasm.gz"} {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil || !bytes.Equal(got, m[name].Data) {
				t.Errorf("the export's %s is not the build's (%v)", name, err)
			}
		}
	})

	t.Run("stale", func(t *testing.T) {
		wasm := standInWasm(t)
		m := treeWithWasm(t, wasm, true)
		m["web/app.wasm"] = &fstest.MapFile{Data: append(wasm, "rebuilt"...)} // siblings of the old one
		s, err := New(m, quietConfig)
		if err != nil {
			t.Fatal(err)
		}
		rec := send(s, "GET", "/web/app.wasm", "br")
		b, err := io.ReadAll(brotli.NewReader(rec.Body))
		if err != nil || !bytes.Equal(b, m["web/app.wasm"].Data) {
			t.Errorf("the stale sibling was served (%v)", err)
		}
		rec = send(s, "GET", "/web/app.wasm", "gzip")
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if b, err := io.ReadAll(zr); err != nil || !bytes.Equal(b, m["web/app.wasm"].Data) {
			t.Errorf("the stale gzip sibling was served (%v)", err)
		}
	})
}

// The static export writes the encodings the server made: a page rendered for it is compressed
// once, not twice.
func TestExportReusesEncodings(t *testing.T) {
	s, err := New(treeWithWasm(t, standInWasm(t), true), quietConfig)
	if err != nil {
		t.Fatal(err)
	}
	before := compressions.Load()
	out, err := s.Export(filepath.Join(t.TempDir(), "dist"))
	if err != nil {
		t.Fatal(err)
	}
	// Every page is rendered (and compressed) once; the files that are neither pages nor the
	// build's (manifests, calendars, oEmbed answers) are compressed by the export; the build's
	// files not again.
	var pages int
	for _, f := range out.Files {
		if strings.HasSuffix(f, ".html") {
			pages++
		}
	}
	others := out.Compressed - pages
	if n := compressions.Load() - before; n > int64(pages+others) || n < int64(pages) {
		t.Errorf("the export compressed %d bodies for %d compressed files (%d pages)", n, out.Compressed, pages)
	}
	t.Logf("%d files, %d compressed (%d pages): %d compressions", len(out.Files), out.Compressed, pages, compressions.Load()-before)
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

// In the binary, the wasm is sent from the binary's own copy with the siblings the build wrote,
// checked at start, never copied into memory; stale siblings are not used.
func TestLargeFilesInPlace(t *testing.T) {
	wasm := append(standInWasm(t), bytes.Repeat([]byte("more of the wasm "), 80_000)...) // 1.4 MB
	m := treeWithWasm(t, wasm, true)
	web, err := fs.Sub(m, "web")
	if err != nil {
		t.Fatal(err)
	}
	goapp := newGoApp(withoutSiblings(web), "v1")
	st, err := newStaticFiles(web, nil, goapp, "v1", true, quietConfig.Log)
	if err != nil {
		t.Fatal(err)
	}
	a := st.files["/web/app.wasm"]
	for _, e := range a.encodings {
		if e.body != nil || e.file.name == "" {
			t.Errorf("encoding %q is in memory", e.name)
		}
	}
	s := &Server{static: st, pages: newPageCache(nil)}
	for accept, want := range map[string][]byte{"br": m["web/app.wasm.br"].Data, "gzip": m["web/app.wasm.gz"].Data, "": wasm} {
		req := httptest.NewRequest("GET", "/v/v1/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		s.compress(http.NotFoundHandler()).ServeHTTP(rec, req)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) || rec.Header().Get("Content-Length") != strconv.Itoa(len(want)) {
			t.Errorf("%q: %d, %d bytes (Content-Length %s), want the file's %d", accept, rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"), len(want))
		}
		req.Method = "HEAD"
		rec = httptest.NewRecorder()
		s.compress(http.NotFoundHandler()).ServeHTTP(rec, req)
		if rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != strconv.Itoa(len(want)) {
			t.Errorf("%q HEAD: %d bytes, Content-Length %s", accept, rec.Body.Len(), rec.Header().Get("Content-Length"))
		}
	}
	// The export writes the build's siblings, read from where they are.
	before := compressions.Load()
	gz, br, err := s.encodeForExport(wasm)
	if err != nil || !bytes.Equal(gz, m["web/app.wasm.gz"].Data) || !bytes.Equal(br, m["web/app.wasm.br"].Data) || compressions.Load() != before {
		t.Errorf("the export's encodings of the wasm are not the build's (%v)", err)
	}

	// Stale siblings: compressed at start, in memory, as without them.
	m["web/app.wasm"] = &fstest.MapFile{Data: append(wasm, "rebuilt"...)}
	web, _ = fs.Sub(m, "web")
	st, err = newStaticFiles(web, nil, goapp, "v2", true, quietConfig.Log)
	if err != nil {
		t.Fatal(err)
	}
	br, _ = st.files["/web/app.wasm"].encoded("br")
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, m["web/app.wasm"].Data) {
		t.Errorf("stale siblings served (%v)", err)
	}
}

// queryValue reads a query as url.ParseQuery does.
func TestQueryValue(t *testing.T) {
	for _, raw := range []string{"", "lang=fr", "hl=pt&lang=fr", "lang=fr&lang=en", "lang=", "lang", "l%61ng=pt", "lang=p%74", "lang=fr+CA",
		"lang=%zz&lang=en", "lang=a;b&lang=es", "x=1&&lang=en&hl=es", "hl=en%2DUS", "%zz=1&hl=fr", "lang=%", "origin=http%3A%2F%2Flocalhost&hl=es"} {
		q, _ := url.ParseQuery(raw)
		for _, key := range []string{"lang", "hl"} {
			if got, want := queryValue(raw, key), q.Get(key); got != want {
				t.Errorf("queryValue(%q, %s) = %q, url.Values.Get: %q", raw, key, got, want)
			}
		}
	}
}
