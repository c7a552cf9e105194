package server_test

// ---- Compression and caching (README, "Performance") ----
//
// What a browser and a cache see: the wasm, the loader, the style sheets, the scripts and the
// pages in brotli or gzip as Accept-Encoding asks, with Vary: Accept-Encoding and an ETag per
// encoding; 304 and HEAD right in every encoding; web/'s files under the build's version,
// immutable for a year, and everything else revalidated. (That nothing is compressed per
// request is checked inside the package: compress_internal_test.go.)

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// rawClient sends Accept-Encoding only when a test sets it, and never decompresses.
var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// fetch asks the shared server for path with method and headers, as sent and answered.
func fetch(t *testing.T, method, path string, hdr map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{code: res.StatusCode, header: res.Header, body: string(body)}
}

// decode undoes Content-Encoding.
func decode(t *testing.T, r response) string {
	t.Helper()
	var rd io.Reader
	switch enc := r.header.Get("Content-Encoding"); enc {
	case "":
		return r.body
	case "br":
		rd = brotli.NewReader(strings.NewReader(r.body))
	case "gzip":
		zr, err := gzip.NewReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func varies(r response, field string) bool {
	for _, v := range r.header.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), field) {
				return true
			}
		}
	}
	return false
}

var versionedRE = regexp.MustCompile(`(?:href|src)="(/v/[^"/]+/web/[^"]+)"`)

// builtAddresses are what a card page names: web/'s files under the build's version (the
// wasm's through app.js), go-app's scripts and style sheet, the loader and the pages.
func builtAddresses(t *testing.T) (versioned, revalidated []string) {
	t.Helper()
	page := get(t, embedPath("es"), nil).body
	for _, m := range versionedRE.FindAllStringSubmatch(page, -1) {
		if !slices.Contains(versioned, m[1]) {
			versioned = append(versioned, m[1])
		}
	}
	appJS := get(t, "/app.js", nil).body
	wasm := regexp.MustCompile(`"(/v/[^"/]+/web/app\.wasm)"`).FindStringSubmatch(appJS)
	if wasm == nil {
		t.Fatalf("app.js names no versioned wasm")
	}
	versioned = append(versioned, wasm[1])
	for _, want := range []string{"/web/card.css", "/web/card.js", "/web/app.wasm"} {
		if !slices.ContainsFunc(versioned, func(v string) bool { return strings.HasSuffix(v, want) }) {
			t.Fatalf("the page and app.js name no versioned %s: %v", want, versioned)
		}
	}
	revalidated = []string{"/embed.js", "/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js",
		embedPath("es"), "/embed/" + eventID + "?origin=https%3A%2F%2Fpartner.example", eventPath("fr")}
	return versioned, revalidated
}

func TestCompressedByAcceptEncoding(t *testing.T) {
	versioned, revalidated := builtAddresses(t)
	for _, p := range append(versioned, revalidated...) {
		t.Run(p, func(t *testing.T) {
			plain := fetch(t, "GET", p, nil)
			if strings.HasSuffix(p, ".png") {
				// Compressed already: sent as it is, whatever the request accepts.
				r := fetch(t, "GET", p, map[string]string{"Accept-Encoding": "br, gzip"})
				if r.code != http.StatusOK || r.header.Get("Content-Encoding") != "" || varies(r, "Accept-Encoding") || r.body != plain.body {
					t.Errorf("%d, Content-Encoding %q, Vary %q", r.code, r.header.Get("Content-Encoding"), r.header.Values("Vary"))
				}
				return
			}
			if plain.code != http.StatusOK || plain.header.Get("Content-Encoding") != "" {
				t.Fatalf("without Accept-Encoding: %d, Content-Encoding %q", plain.code, plain.header.Get("Content-Encoding"))
			}
			etags := map[string]string{"": plain.header.Get("ETag")}
			for _, c := range []struct{ accept, want string }{
				{"gzip, deflate, br, zstd", "br"}, // Chromium's
				{"br", "br"},
				{"gzip", "gzip"},
				{"x-gzip", "gzip"},
				{"br;q=0.5, gzip", "gzip"},
				{"*", "br"},
				{"identity", ""},
				{"deflate", ""},
				{"br;q=0, gzip;q=0", ""},
				{"gzip;q=0.8, identity", ""}, // identity has q=1
			} {
				r := fetch(t, "GET", p, map[string]string{"Accept-Encoding": c.accept})
				if got := r.header.Get("Content-Encoding"); r.code != http.StatusOK || got != c.want {
					t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q; want %q", c.accept, r.code, got, c.want)
					continue
				}
				if decode(t, r) != plain.body {
					t.Errorf("Accept-Encoding %q: the body decodes to something else", c.accept)
				}
				if cl := r.header.Get("Content-Length"); cl != strconv.Itoa(len(r.body)) {
					t.Errorf("Accept-Encoding %q: Content-Length %s for %d bytes", c.accept, cl, len(r.body))
				}
				if !varies(r, "Accept-Encoding") {
					t.Errorf("Accept-Encoding %q: Vary %q", c.accept, r.header.Values("Vary"))
				}
				if prev, ok := etags[c.want]; ok && prev != r.header.Get("ETag") {
					t.Errorf("%q: two ETags for one encoding: %s, %s", c.want, prev, r.header.Get("ETag"))
				}
				etags[c.want] = r.header.Get("ETag")
			}
			if !varies(plain, "Accept-Encoding") {
				t.Errorf("without Accept-Encoding: Vary %q, want Accept-Encoding (caches key on it)", plain.header.Values("Vary"))
			}
			// The wasm compresses to a fifth, a page to a fifth, the loader to a half.
			br := fetch(t, "GET", p, map[string]string{"Accept-Encoding": "br"})
			gz := fetch(t, "GET", p, map[string]string{"Accept-Encoding": "gzip"})
			if len(br.body) >= len(gz.body) || len(gz.body)*10 > len(plain.body)*7 {
				t.Errorf("sizes: %d plain, %d gzip, %d br", len(plain.body), len(gz.body), len(br.body))
			}
			if etags[""] == "" || etags["br"] == etags[""] || etags["gzip"] == etags[""] || etags["br"] == etags["gzip"] {
				t.Errorf("ETags %q: want one per encoding", etags)
			}
		})
	}
}

func TestRevalidationPerEncoding(t *testing.T) {
	versioned, revalidated := builtAddresses(t)
	for _, p := range append(versioned[:1], revalidated...) {
		for _, enc := range []string{"br", "gzip", "identity"} {
			first := fetch(t, "GET", p, map[string]string{"Accept-Encoding": enc})
			etag := first.header.Get("ETag")
			// Its own tag, alone, in a list, weak: 304, with the headers a cache updates.
			for _, inm := range []string{etag, `"other", ` + etag, "W/" + etag, "*"} {
				r := fetch(t, "GET", p, map[string]string{"Accept-Encoding": enc, "If-None-Match": inm})
				if r.code != http.StatusNotModified || r.body != "" {
					t.Errorf("%s (%s) If-None-Match %s: %d, %d bytes; want 304", p, enc, inm, r.code, len(r.body))
				}
				if r.header.Get("ETag") != etag || r.header.Get("Cache-Control") != first.header.Get("Cache-Control") || !varies(r, "Accept-Encoding") {
					t.Errorf("%s (%s) 304: ETag %s, Cache-Control %q, Vary %q", p, enc, r.header.Get("ETag"), r.header.Get("Cache-Control"), r.header.Values("Vary"))
				}
			}
			// Another encoding's tag: the full answer in this one (a 304 would hand the cache a
			// body it cannot decode, or a larger one than it asked for).
			for _, other := range []string{"br", "gzip", "identity"} {
				if other == enc {
					continue
				}
				tag := fetch(t, "GET", p, map[string]string{"Accept-Encoding": other}).header.Get("ETag")
				r := fetch(t, "GET", p, map[string]string{"Accept-Encoding": enc, "If-None-Match": tag})
				if r.code != http.StatusOK || r.body != first.body {
					t.Errorf("%s (%s) with %s's ETag: %d; want 200 and the body", p, enc, other, r.code)
				}
			}
			// HEAD: the GET's headers, no body.
			h := fetch(t, "HEAD", p, map[string]string{"Accept-Encoding": enc})
			for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Length", "ETag", "Cache-Control", "Vary"} {
				if h.header.Get(k) != first.header.Get(k) {
					t.Errorf("%s (%s) HEAD: %s %q, GET has %q", p, enc, k, h.header.Get(k), first.header.Get(k))
				}
			}
			if h.code != http.StatusOK || h.body != "" {
				t.Errorf("%s (%s) HEAD: %d, %d bytes", p, enc, h.code, len(h.body))
			}
		}
	}
}

func TestImmutableUnderTheVersion(t *testing.T) {
	versioned, revalidated := builtAddresses(t)
	prefix := "/v/" + widget.Version() + "/"
	for _, p := range versioned {
		if !strings.HasPrefix(p, prefix) {
			t.Errorf("%s is not under this build's version %s", p, prefix)
		}
		r := fetch(t, "GET", p, map[string]string{"Accept-Encoding": "br"})
		if cc := r.header.Get("Cache-Control"); r.code != http.StatusOK || cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, Cache-Control %q; want immutable for a year", p, r.code, cc)
		}
		// The same file at its plain address and under another build's version: the same
		// bytes, revalidated (a page or a worker from before a deploy still gets its files).
		for _, other := range []string{strings.TrimPrefix(p, strings.TrimSuffix(prefix, "/")), strings.Replace(p, widget.Version(), "0123456789abcdef", 1)} {
			o := fetch(t, "GET", other, map[string]string{"Accept-Encoding": "br"})
			if o.code != http.StatusOK || o.body != r.body || o.header.Get("Cache-Control") != "no-cache" {
				t.Errorf("%s: %d, Cache-Control %q, same body %v; want 200, no-cache, the same", other, o.code, o.header.Get("Cache-Control"), o.body == r.body)
			}
		}
	}
	for _, p := range revalidated {
		r := fetch(t, "GET", p, nil)
		if cc := r.header.Get("Cache-Control"); cc != "no-cache" || r.header.Get("ETag") == "" {
			t.Errorf("%s: Cache-Control %q, ETag %q; want no-cache and an ETag", p, cc, r.header.Get("ETag"))
		}
	}
	// Nothing outside web/ is under the version, and the precompressed siblings are no files.
	for _, p := range []string{prefix + "app.js", prefix + "events/" + eventID + ".toml", prefix + "web/app.wasm.br", "/web/app.wasm.br", "/web/app.wasm.gz"} {
		if r := fetch(t, "GET", p, nil); r.code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, r.code)
		}
	}
}

// The pages name web/ only under the version; the service worker stores those addresses.
func TestPagesNameVersionedFiles(t *testing.T) {
	plainWeb := regexp.MustCompile(`(?:href|src)="/web/`)
	for _, p := range []string{embedPath("es"), eventPath("pt"), "/", "/embed/nope"} {
		if m := plainWeb.FindString(get(t, p, nil).body); m != "" {
			t.Errorf("%s names web/ without the version: %s", p, m)
		}
	}
	worker := get(t, "/app-worker.js", nil).body
	for _, f := range []string{"card.css", "card.js", "app.wasm"} {
		if !strings.Contains(worker, `"/v/`+widget.Version()+`/web/`+f+`"`) {
			t.Errorf("the worker does not store the versioned %s", f)
		}
	}
}
