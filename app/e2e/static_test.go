package e2e

// The static export behind a real static host: the site as `make static` writes it,
// served by Debian's nginx with the README's own server block, embedded by a partner page on
// another site and opened on its own. No server of ours runs: what works here works on any
// host that serves a folder.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventcard/app/i18n"
	"eventcard/app/nginxtest"
	"eventcard/app/server"
)

// staticSite is the exported folder and the nginx that serves it.
type staticSite struct {
	dir    string // the exported folder
	origin string // http://127.0.0.1:port: nginx, and the export's BASE_URL
}

func TestStaticSite(t *testing.T) {
	st := exportAndServe(t)
	// The README's snippet, pointing at the static host.
	snippet := readmeSnippet(t)

	t.Run("embed", func(t *testing.T) {
		s := newSite(t, siteOptions{Widget: st.origin})
		ctx := chromiumTab(t)
		probe(t, ctx)
		open(t, ctx, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
		if src := eval[string](t, ctx, `document.querySelector("iframe").src`); !strings.HasPrefix(src, st.origin+"/embed/"+eventID) {
			t.Fatalf("the loader from the static host made a frame for %s", src)
		}
		f := frame(t, ctx, st.origin)
		// Readable before the wasm, then the wasm takes over.
		waitFor(t, f, `document.querySelector("h1")`)
		checkCard(t, eval[cardText](t, f, readCard), "es")
		waitFor(t, f, wasmStarted)
		checkCard(t, eval[cardText](t, f, readCard), "es")
		if where := eval[string](t, f, compiledWhere); where != "worker" {
			t.Errorf("on the static host the wasm was compiled in the %s, want in a worker", where)
		}
		fits(t, ctx, f, "static host, after load")

		// Languages switch in place: no reload, no navigation of the frame.
		eval[bool](t, f, `(window.__mark = true)`)
		before := eval[string](t, f, `location.href`)
		for _, lang := range []string{"en", "pt", "fr", "es"} {
			eval[bool](t, f, fmt.Sprintf(`(document.querySelector('.card-langs a[hreflang=%q]').click(), true)`, lang))
			waitFor(t, f, fmt.Sprintf(`document.documentElement.lang === %q`, lang))
			checkCard(t, eval[cardText](t, f, readCard), lang)
			if !eval[bool](t, f, `window.__mark === true`) || eval[string](t, f, `location.href`) != before {
				t.Fatalf("%s: the frame reloaded or navigated", lang)
			}
			waitFor(t, ctx, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, lang)))
			fits(t, ctx, f, "static host, after switching to "+lang)
		}
		if p := readProbe(t, ctx); len(p.Errors) > 0 || len(p.Warnings) > 0 {
			t.Errorf("the partner's page: errors %q, warnings %q", p.Errors, p.Warnings)
		}
	})

	// No server reads data-lang on a static host: the card's script goes, before the first
	// paint, from the address without a language to the page in French.
	t.Run("data-lang", func(t *testing.T) {
		s := newSite(t, siteOptions{Widget: st.origin})
		ctx := chromiumTab(t)
		open(t, ctx, s.page("/article", pageOptions{Snippet: strings.Replace(snippet, "<script ", `<script data-lang="fr" `, 1), Plain: true}))
		f := frame(t, ctx, st.origin+"/fr/embed/")
		waitFor(t, f, wasmStarted+` && document.documentElement.lang === "fr"`)
		checkCard(t, eval[cardText](t, f, readCard), "fr")
		if p := eval[string](t, f, `location.pathname`); p != "/fr/embed/"+eventID+"/" {
			t.Errorf("the frame is at %s", p)
		}
		// The partner's parameters survive the move: the card still reports to its page.
		if o := eval[string](t, f, `new URLSearchParams(location.search).get("origin")`); o != s.host {
			t.Errorf("the frame lost the partner's origin: %q", o)
		}
		waitFor(t, ctx, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "fr")))
		fits(t, ctx, f, "static host, data-lang=fr")
	})

	t.Run("standalone", func(t *testing.T) {
		ctx := chromiumTab(t)
		open(t, ctx, st.origin+"/fr/events/"+eventID+"/")
		checkStandaloneSwitch(t, ctx, "/en/events/"+eventID+"/")
		// The address it shows is a page of the host, in that language.
		open(t, ctx, st.origin+"/en/events/"+eventID+"/")
		waitFor(t, ctx, `document.querySelector("h1")`)
		checkCard(t, eval[cardText](t, ctx, readCard), "en")
	})

	// A wrong data-event: nginx answers 404.html, the "no such event" card in the source
	// language, which the card's script moves to the partner's language.
	t.Run("unknown event", func(t *testing.T) {
		s := newSite(t, siteOptions{Widget: st.origin})
		ctx := chromiumTab(t)
		open(t, ctx, s.page("/article", pageOptions{Lang: "fr", Snippet: strings.ReplaceAll(snippet, eventID, "no-such-event"), Plain: true}))
		f := frame(t, ctx, st.origin)
		waitFor(t, f, wasmStarted+` && document.documentElement.lang === "fr"`)
		got := eval[[]string](t, f, `[document.documentElement.lang, document.querySelector("h1")?.textContent, document.querySelector(".card-missing")?.textContent,
		  location.pathname, document.body.innerHTML.slice(0, 600)]`)
		if got[0] != "fr" || got[1] != ui(t, "fr", i18n.UnknownEventTitle) || got[2] != ui(t, "fr", i18n.UnknownEvent) {
			t.Errorf("unknown event: lang %q, h1 %q, message %q at %s:\n%s", got[0], got[1], got[2], got[3], got[4])
		}
		// The French not-found card has an address of its own, which the move went to.
		if got[3] != "/fr/embed/-/" {
			t.Errorf("the frame is at %s, want /fr/embed/-/", got[3])
		}
		fits(t, ctx, f, "static host, unknown event")
		if r := get(t, st.origin+"/embed/no-such-event?hl=fr", ""); r.code != http.StatusNotFound || !strings.Contains(r.body, `class="card card--missing"`) {
			t.Errorf("nginx answers a wrong event with %d: %.200s", r.code, r.body)
		}
	})

	// What nginx sends, as the README configures it.
	t.Run("nginx", func(t *testing.T) {
		for _, c := range []struct{ path, ctype string }{
			{"/", "text/html; charset=utf-8"},
			{"/embed/" + eventID, "text/html; charset=utf-8"}, // the loader's address: no redirect
			{"/fr/embed/" + eventID + "/", "text/html; charset=utf-8"},
			{"/embed.js", "application/javascript; charset=utf-8"},
			{"/web/card.js", "application/javascript; charset=utf-8"},
			{"/app.css", "text/css; charset=utf-8"},
			{"/web/app.wasm", "application/wasm"},
			{"/manifest.webmanifest", "application/manifest+json; charset=utf-8"},
			{"/web/icon-192.png", "image/png"},
		} {
			for _, enc := range []string{"", "gzip", "br"} {
				r := get(t, st.origin+c.path, enc)
				if r.code != http.StatusOK || r.header.Get("Content-Type") != c.ctype {
					t.Errorf("%s (Accept-Encoding %q): %d, Content-Type %q; want 200, %q", c.path, enc, r.code, r.header.Get("Content-Type"), c.ctype)
					continue
				}
				if c.ctype == "image/png" {
					continue
				}
				// The precompressed sibling, as written: nothing compressed on the fly.
				name := strings.TrimPrefix(c.path, "/")
				if name == "" || strings.HasSuffix(name, "/") || !strings.Contains(path.Base(name), ".") {
					name = path.Join(name, "index.html")
				}
				file := filepath.Join(st.dir, filepath.FromSlash(name))
				if enc == "gzip" {
					file += ".gz"
				} else if enc == "br" {
					file += ".br"
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if got := r.header.Get("Content-Encoding"); got != enc || r.body != string(want) {
					t.Errorf("%s (Accept-Encoding %q): Content-Encoding %q, %d bytes; want %s as written", c.path, enc, got, len(r.body), filepath.Base(file))
				}
			}
		}
		// Whatever else the export holds (calendars, oEmbed answers, manifests per language).
		types := map[string]string{".ics": "text/calendar; charset=utf-8", ".json": "application/json; charset=utf-8",
			".webmanifest": "application/manifest+json; charset=utf-8", ".svg": "image/svg+xml; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
		err := filepath.WalkDir(st.dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || types[filepath.Ext(p)] == "" {
				return err
			}
			rel, _ := filepath.Rel(st.dir, p)
			if r := get(t, st.origin+"/"+filepath.ToSlash(rel), "gzip"); r.code != http.StatusOK || r.header.Get("Content-Type") != types[filepath.Ext(p)] || r.header.Get("Content-Encoding") != "gzip" {
				t.Errorf("/%s: %d, Content-Type %q, Content-Encoding %q; want 200, %q, gzip", rel, r.code, r.header.Get("Content-Type"), r.header.Get("Content-Encoding"), types[filepath.Ext(p)])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The pages name web/'s files under the build's version: kept a year (README's
		// location /v/); everything else revalidates.
		if built, _ := filepath.Glob(filepath.Join(st.dir, "v", "*", "web", "card.js")); len(built) != 1 {
			t.Errorf("the export has %d versioned card.js", len(built))
		} else {
			rel, _ := filepath.Rel(st.dir, built[0])
			r := get(t, st.origin+"/"+filepath.ToSlash(rel), "br")
			if r.code != http.StatusOK || r.header.Get("Cache-Control") != "public, max-age=31536000, immutable" || r.header.Get("Content-Encoding") != "br" {
				t.Errorf("/%s: %d, Cache-Control %q, Content-Encoding %q; want 200, immutable, br", rel, r.code, r.header.Get("Cache-Control"), r.header.Get("Content-Encoding"))
			}
		}
		for _, p := range []string{"/embed.js", "/embed/" + eventID + "/", "/web/card.js", "/app.js"} {
			if cc := get(t, st.origin+p, "").header.Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("%s: Cache-Control %q, want no-cache", p, cc)
			}
		}
		nf, err := os.ReadFile(filepath.Join(st.dir, "404.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/embed/nope/", "/events/nope", "/nope.js"} {
			if r := get(t, st.origin+p, ""); r.code != http.StatusNotFound || r.body != string(nf) {
				t.Errorf("%s: %d, want 404 and 404.html", p, r.code)
			}
		}
	})
}

// exportAndServe exports the fixture tree for a static host on a free loopback port, then
// serves it there with nginx, for the test.
func exportAndServe(t *testing.T) staticSite {
	t.Helper()
	return exportAndServeFor(t, "")
}

// exportAndServeFor is exportAndServe for a site exported for baseURL, served under another
// name ("": nginx's own origin).
func exportAndServeFor(t *testing.T, baseURL string) staticSite {
	t.Helper()
	// The port first: the export names its origin.
	port := nginxtest.FreePort(t)
	st := staticSite{origin: "http://127.0.0.1:" + strconv.Itoa(port)}

	tmp := t.TempDir()
	st.dir = filepath.Join(tmp, "dist")
	if baseURL == "" {
		baseURL = st.origin
	}
	srv, err := server.New(fixtureTree(t), server.Config{BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := srv.Export(st.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exported %d files, %d bytes (gzip %d, brotli %d) in %s", len(out.Files), out.Bytes, out.GzipBytes, out.BrotliBytes, time.Since(start).Round(time.Millisecond))
	// The README's server block, on the test's port and folder, in a configuration whose
	// every path is in the test's own folder.
	block := readmeBlock(t, "### Static hosting", "nginx")
	for _, r := range [][2]string{
		{"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port)},
		{"root /srv/eventcard/dist;", "root " + st.dir + ";"},
		{"include mime.types;", "include /etc/nginx/mime.types;"},
	} {
		if strings.Count(block, r[0]) != 1 {
			t.Fatalf("README, Static hosting: the nginx block has no %q", r[0])
		}
		block = strings.Replace(block, r[0], r[1], 1)
	}
	nginxtest.Start(t, tmp, block, port)
	return st
}

type answer struct {
	code   int
	header http.Header
	body   string
}

// get asks nginx for url, accepting the encoding enc ("" for none), and does not decompress.
func get(t *testing.T, url, enc string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	c := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, string(body)}
}
