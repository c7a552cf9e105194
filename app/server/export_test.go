package server_test

// The static export (README, "Static hosting"): what a static host is given. The export runs on
// the fixture events with a small stand-in for the wasm (brotli 11 of the real one
// takes 20 s; the browser tests in app/e2e export the real one and serve it through nginx).

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/frontend"
	"eventcard/app/internal/fixtures"
	"eventcard/app/server"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/brotli"
)

// exportBase is the public origin the export is made for: no other origin may appear.
const exportBase = "https://cards.example.org"

// exportTree is the fixture tree with a stand-in wasm: its magic number, then something that
// compresses.
func exportTree(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fixtures.Tree(t)
	m["web/app.wasm"] = &fstest.MapFile{Data: append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("eventcard wasm "), 4096)...), Mode: 0o644}
	return m
}

// siteFile reads a file of the exported site as a static host finds it for address p
// (try_files $uri $uri/index.html); ok false if there is none.
func siteFile(dir, p string) (body []byte, name string, ok bool) {
	name = strings.TrimPrefix(p, "/")
	for _, n := range []string{name, path.Join(name, "index.html")} {
		if n == "" || strings.HasSuffix(n, "/") {
			continue
		}
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && !st.IsDir() {
			b, err := os.ReadFile(filepath.Join(dir, n))
			return b, n, err == nil
		}
	}
	return nil, "", false
}

var (
	originRE   = regexp.MustCompile(`(?i)\b(?:https?:)?//(?:localhost|127\.0\.0\.1|\[::1\]|example\.com)\b[^"'\s<)]*`)
	sameSiteRE = regexp.MustCompile(`(?i)\s(?:href|src|content)="(` + regexp.QuoteMeta(exportBase) + `[^"]*|/[^/"][^"]*|/)"`)
)

func TestExport(t *testing.T) {
	m := exportTree(t)
	srv, err := server.New(m, server.Config{BaseURL: exportBase})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	out, err := srv.Export(dir)
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	for name := range m {
		if strings.HasPrefix(name, "events/") && path.Ext(name) == ".toml" {
			events = append(events, strings.TrimSuffix(path.Base(name), ".toml"))
		}
	}
	slices.Sort(events)
	if !slices.Contains(events, eventID) {
		t.Fatalf("events %v lack %s", events, eventID)
	}

	// Every file in the folder: the originals, then their siblings.
	var files, siblings []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if ext := path.Ext(rel); ext == ".gz" || ext == ".br" {
			siblings = append(siblings, rel)
		} else {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	if !slices.Equal(files, out.Files) {
		t.Errorf("Export says it wrote %d files, the folder has %d:\n%v\n%v", len(out.Files), len(files), out.Files, files)
	}
	read := func(t *testing.T, name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var pages []string // every HTML file
	for _, f := range files {
		if path.Ext(f) == ".html" {
			pages = append(pages, f)
		}
	}

	t.Run("every page and file", func(t *testing.T) {
		want := []string{"index.html", "404.html", "embed.js", "app.js", "wasm_exec.js", "app.css", "app-worker.js",
			"manifest.webmanifest", "demo/index.html", "events/" + eventID + "/index.html", "embed/" + eventID + "/index.html"}
		for _, id := range events {
			want = append(want, "events/"+id+"/index.html", "embed/"+id+"/index.html")
			for _, l := range langs {
				want = append(want, l+"/events/"+id+"/index.html", l+"/embed/"+id+"/index.html")
			}
		}
		for _, l := range langs {
			want = append(want, l+"/index.html", l+"/embed/-/index.html")
		}
		// web/ as it is, the wasm included, and robots.txt at the root. (The build's
		// precompressed siblings, web/app.wasm.br, are the wasm's encodings, not files; the
		// sources in web/src are exported built, below.)
		want = append(want, "web/card.js", "web/card.css")
		for name := range m {
			if rest, ok := strings.CutPrefix(name, "web/"); ok && !strings.HasSuffix(rest, ".br") && !strings.HasSuffix(rest, ".gz") &&
				!frontend.IsSource(rest) && !strings.HasPrefix(rest, "templates/") {
				want = append(want, "web/"+rest)
				if rest == "robots.txt" {
					want = append(want, "robots.txt")
				}
			}
		}
		for _, w := range want {
			if !slices.Contains(files, w) {
				t.Errorf("no %s", w)
			}
		}
		// The loader, card.js and card.css are the server's, built, with their facts and titles;
		// their sources are not in the folder.
		for _, p := range []string{"/embed.js", "/web/card.js", "/web/card.css"} {
			if r := serve(srv, p); read(t, p[1:]) != r.body {
				t.Errorf("%s differs from the server's", p[1:])
			}
		}
		for _, f := range files {
			if strings.HasPrefix(f, "web/"+frontend.Sources+"/") {
				t.Errorf("exported the source %s", f)
			}
		}
		if read(t, "web/app.wasm") != string(m["web/app.wasm"].Data) {
			t.Errorf("web/app.wasm differs from the tree's")
		}
	})

	// What other routes answer (oEmbed, calendars, per-language manifests): where the server
	// has it, the folder has it, the same.
	t.Run("the other routes' files", func(t *testing.T) {
		var known []string
		for _, id := range events {
			known = append(known, "/events/"+id+".ics")
			for _, l := range langs {
				known = append(known, "/"+l+"/events/"+id+".ics", "/oembed/"+l+"/"+id+".json")
			}
		}
		for _, l := range langs {
			known = append(known, "/"+l+"/manifest.webmanifest", "/"+l+"/events.atom", "/"+l+"/events.ics")
		}
		known = append(known, "/events.ics", "/sitemap.xml")
		for _, p := range known {
			r := serve(srv, p)
			if r.code != http.StatusOK {
				continue
			}
			t.Logf("%s: served, %d bytes", p, len(r.body))
			if b, _, ok := siteFile(dir, p); !ok {
				t.Errorf("the server answers %s; the export has no such file", p)
			} else if string(b) != r.body {
				t.Errorf("%s differs from the server's", p)
			}
		}
	})

	// Every same-origin address a page, a manifest or the worker names is a file of the folder.
	t.Run("every address resolves", func(t *testing.T) {
		for _, f := range pages {
			for _, ref := range sameSiteRE.FindAllStringSubmatch(read(t, f), -1) {
				u, err := url.Parse(strings.ReplaceAll(ref[1], "&amp;", "&"))
				if err != nil {
					t.Errorf("%s: %q: %v", f, ref[1], err)
					continue
				}
				if _, _, ok := siteFile(dir, u.Path); !ok {
					t.Errorf("%s names %s: no such file", f, ref[1])
				}
			}
		}
		var manifest struct{ Icons []struct{ Src string } }
		decodeJSON(t, "manifest.webmanifest", []byte(read(t, "manifest.webmanifest")), &manifest)
		if len(manifest.Icons) == 0 {
			t.Error("the manifest has no icons")
		}
		for _, icon := range manifest.Icons {
			if _, _, ok := siteFile(dir, icon.Src); !ok {
				t.Errorf("manifest icon %s: no such file", icon.Src)
			}
		}
		// go-app's worker stores its list at install, all or nothing.
		list := regexp.MustCompile(`resourcesToCache = (\[[^\]]*\])`).FindStringSubmatch(read(t, "app-worker.js"))
		if list == nil {
			t.Fatal("app-worker.js: no resourcesToCache")
		}
		var cached []string
		decodeJSON(t, "app-worker.js", []byte(list[1]), &cached)
		for _, c := range cached {
			if _, _, ok := siteFile(dir, c); !ok {
				t.Errorf("the worker caches %s: no such file", c)
			}
		}
	})

	t.Run("compressed siblings", func(t *testing.T) {
		compressible := map[string]bool{".html": true, ".js": true, ".css": true, ".json": true, ".webmanifest": true,
			".svg": true, ".ics": true, ".txt": true, ".xml": true, ".wasm": true, ".atom": true}
		n := 0
		for _, f := range files {
			if !compressible[path.Ext(f)] {
				if slices.Contains(siblings, f+".gz") || slices.Contains(siblings, f+".br") {
					t.Errorf("%s is compressed", f)
				}
				continue
			}
			n++
			orig := read(t, f)
			zr, err := gzip.NewReader(strings.NewReader(read(t, f+".gz")))
			if err != nil {
				t.Errorf("%s.gz: %v", f, err)
				continue
			}
			if b, err := io.ReadAll(zr); err != nil || string(b) != orig {
				t.Errorf("%s.gz does not decompress to %s (%v)", f, f, err)
			}
			if !zr.ModTime.IsZero() || zr.Name != "" {
				t.Errorf("%s.gz names a file or a time: not reproducible", f)
			}
			if b, err := io.ReadAll(brotli.NewReader(strings.NewReader(read(t, f+".br")))); err != nil || string(b) != orig {
				t.Errorf("%s.br does not decompress to %s (%v)", f, f, err)
			}
		}
		if len(siblings) != 2*n || out.Compressed != n {
			t.Errorf("%d siblings for %d compressible files (Export says %d)", len(siblings), n, out.Compressed)
		}
		// The wasm is what compression is for.
		if wasm, gz := len(read(t, "web/app.wasm")), len(read(t, "web/app.wasm.gz")); gz*10 > wasm {
			t.Errorf("app.wasm %d bytes, gzip %d", wasm, gz)
		}
		if out.GzipBytes <= 0 || out.BrotliBytes <= 0 || out.BrotliBytes >= out.Bytes {
			t.Errorf("sizes: %d bytes, %d gzip, %d brotli", out.Bytes, out.GzipBytes, out.BrotliBytes)
		}
	})

	// The export asked its server on the base URL: no loopback, no test host, no render
	// parameter in any file.
	t.Run("no other origin", func(t *testing.T) {
		for _, f := range files {
			if ext := path.Ext(f); ext == ".wasm" || ext == ".png" || ext == ".jpg" || ext == ".avif" {
				continue
			}
			body := read(t, f)
			if leak := originRE.FindString(body); leak != "" {
				t.Errorf("%s names %s", f, leak)
			}
		}
	})

	t.Run("pages for a static host", func(t *testing.T) {
		for _, f := range pages {
			body := read(t, f)
			if f == "demo/index.html" {
				continue // the partner's page
			}
			// No server picked the language: web/card.js does.
			if strings.Contains(body, "eventcard:negotiated") {
				t.Errorf("%s says a server negotiated its language", f)
			}
			h := head(t, body)
			for _, l := range tags(h, "link") {
				if rel := l.attrs["rel"]; (rel == "canonical" || rel == "alternate") && !strings.HasPrefix(l.attrs["href"], exportBase+"/") {
					t.Errorf("%s: <link rel=%s href=%q> is not on %s", f, rel, l.attrs["href"], exportBase)
				}
			}
			if og := metaProperty(t, h, "og:url"); !strings.HasPrefix(og, exportBase+"/") {
				t.Errorf("%s: og:url %q is not on %s", f, og, exportBase)
			}
		}
		// A page's canonical address is the standalone page in its language.
		for _, l := range langs {
			for _, kind := range []string{"events", "embed"} {
				f := l + "/" + kind + "/" + eventID + "/index.html"
				body := read(t, f)
				if got := htmlLang(t, body); got != l {
					t.Errorf("%s: <html lang=%q>", f, got)
				}
				if got := canonical(t, body); got != exportBase+"/"+l+"/events/"+eventID+"/" {
					t.Errorf("%s: canonical %q", f, got)
				}
			}
		}
		// An address without a language is the event's own language, and names the others.
		own := eventLanguage(t, m, eventID)
		for _, f := range []string{"events/" + eventID + "/index.html", "embed/" + eventID + "/index.html"} {
			body := read(t, f)
			if got := htmlLang(t, body); got != own {
				t.Errorf("%s: <html lang=%q>, want the event's own %q", f, got, own)
			}
			if got := canonical(t, body); got != exportBase+"/"+own+"/events/"+eventID+"/" {
				t.Errorf("%s: canonical %q", f, got)
			}
			var alts []string
			for _, l := range tags(head(t, body), "link") {
				if l.attrs["rel"] == "alternate" && l.attrs["hreflang"] != "" && l.attrs["hreflang"] != "x-default" {
					alts = append(alts, l.attrs["hreflang"])
				}
			}
			if !slices.Equal(alts, langs) {
				t.Errorf("%s: alternates %v, want %v", f, alts, langs)
			}
		}
	})

	// 404.html, which the host serves for any address it has no file for: the unknown-event
	// card in the source language, naming itself in the other languages so that web/card.js
	// can show it in the visitor's, each of which is a page of the folder.
	t.Run("404.html", func(t *testing.T) {
		body := read(t, "404.html")
		if got := htmlLang(t, body); got != langs[0] {
			t.Errorf("404.html: <html lang=%q>, want the source language %q", got, langs[0])
		}
		if got, want := h1(t, body), uiMessage(t, langs[0], "UnknownEventTitle"); got != want {
			t.Errorf("404.html: <h1> %q, want %q", got, want)
		}
		h := head(t, body)
		var alts []string
		for _, l := range tags(h, "link") {
			if l.attrs["rel"] == "alternate" {
				alts = append(alts, l.attrs["hreflang"])
				if want := exportBase + "/" + l.attrs["hreflang"] + "/embed/-/"; l.attrs["href"] != want {
					t.Errorf("404.html: alternate %s → %s, want %s", l.attrs["hreflang"], l.attrs["href"], want)
				}
			}
		}
		if !slices.Equal(alts, langs) {
			t.Errorf("404.html: alternates %v, want %v", alts, langs)
		}
		// Before card.js, which reads them as it runs.
		if i, j := strings.Index(h, `rel="alternate"`), strings.Index(h, `/web/card.js"`); i < 0 || j < 0 || i > j {
			t.Errorf("404.html: the alternates are not before card.js")
		}
		for _, l := range langs {
			page := read(t, l+"/embed/-/index.html")
			if got, want := h1(t, page), uiMessage(t, l, "UnknownEventTitle"); htmlLang(t, page) != l || got != want {
				t.Errorf("%s/embed/-/: <h1> %q, want %q", l, got, want)
			}
		}
	})

	t.Run("into a folder with files", func(t *testing.T) {
		if _, err := srv.Export(dir); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("Export into a full folder: %v, want an error", err)
		}
	})
}

// serve asks srv for p, in process, as a visitor would.
func serve(srv http.Handler, p string) response {
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, exportBase+p, nil))
	return response{code: rec.Code, header: rec.Header(), body: rec.Body.String()}
}

func canonical(t *testing.T, page string) string {
	t.Helper()
	for _, l := range tags(head(t, page), "link") {
		if l.attrs["rel"] == "canonical" {
			return l.attrs["href"]
		}
	}
	t.Fatal("no canonical link")
	return ""
}

// eventLanguage is an event's own language, from its file in m.
func eventLanguage(t *testing.T, m fstest.MapFS, id string) string {
	t.Helper()
	var e struct{ Language string }
	if _, err := toml.Decode(string(m["events/"+id+".toml"].Data), &e); err != nil {
		t.Fatal(err)
	}
	return e.Language
}
