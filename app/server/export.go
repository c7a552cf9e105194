package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"eventcard/app/card"
)

// The static export (README, "Static hosting"): the whole site as files, for a host that serves
// a folder as is and runs nothing. The exporter asks this server for every page and file, in
// process, through ServeHTTP, as a visitor would ask it on the base URL, and writes the answers.
// It starts from what it can name (every page of every event in every language, go-app's files,
// web/) and follows every same-origin address those answers name (HTML attributes, JSON
// strings, CSS url(), the service worker's list), so a new route the pages link to is exported
// without changing this file. go-app's own GenerateStaticWebsite is not used: it copies no
// assets, writes its temporary address into og:url and cannot tell a static page from a
// negotiated one (see /work/shared/NOTES.md).

// staticHost marks the exporter's requests (a context value: no client can set it). Their pages
// are rendered for a static host (pageKey.static): no server will pick the language of an
// address without one, so web/card.js does it in the browser.
type staticHost struct{}

func forStaticHost(r *http.Request) bool {
	v, _ := r.Context().Value(staticHost{}).(bool)
	return v
}

// Exported is what Export wrote.
type Exported struct {
	Files       []string // written, slash-separated, relative to the folder; no compressed siblings
	Bytes       int64    // their size
	Compressed  int      // files with .gz and .br siblings
	GzipBytes   int64    // the .gz siblings' size
	BrotliBytes int64    // the .br siblings' size
}

// notFoundPage is the static host's not-found page, what it serves for any address it has no
// file for: the unknown-event card, in the source language (web/card.js localizes it).
const notFoundPage = "404.html"

// compressible are the extensions that get .gz and .br siblings (gzip_static, brotli_static):
// text, and the wasm, which compresses to a quarter.
var compressible = []string{".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".ics", ".txt", ".xml", ".map", ".wasm"}

// Export writes the site into dir, which must be empty or absent: every page, directory style
// (/fr/events/{id}/ → fr/events/{id}/index.html), every other file at its own path, 404.html,
// and beside each text file and the wasm a .gz (gzip -9) and a .br (brotli 11). Addresses
// without a language are in the event's own language; canonical URLs use the base URL.
func (s *Server) Export(dir string) (Exported, error) {
	var out Exported
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return out, fmt.Errorf("export: %s is not empty: remove it first", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return out, fmt.Errorf("export: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, fmt.Errorf("export: %w", err)
	}
	x := &exporter{s: s, origin: s.base.Scheme + "://" + s.base.Host, files: map[string]*exportFile{}, asked: map[string]bool{}}
	if err := x.crawl(); err != nil {
		return out, fmt.Errorf("export: %w", err)
	}
	if err := x.write(dir, &out); err != nil {
		return out, fmt.Errorf("export: %w", err)
	}
	return out, nil
}

type exporter struct {
	s      *Server
	origin string // scheme://host of the base URL
	queue  []fetch
	asked  map[string]bool        // paths requested
	files  map[string]*exportFile // by name in the folder
}

// fetch is one address to ask for. optional: a 404 means there is nothing to export there.
type fetch struct {
	path, from string
	optional   bool
	name       string // where to write it; "" for the address's own place (see fileName)
}

type exportFile struct {
	name, from string
	body       []byte
}

// seeds are the addresses the exporter can name: every page, go-app's files, the loader, web/,
// the demo, the files go-app and the server serve at the root if web/ has them, and the
// addresses other routes are known to answer, when they do.
func (x *exporter) seeds() error {
	langs := append([]string{""}, x.s.cards.Languages()...)
	var pages []card.Path
	for _, l := range langs {
		pages = append(pages, card.Path{Kind: card.HomePage, Lang: l}, card.Path{Kind: card.BuilderPage, Lang: l})
	}
	for _, id := range x.s.cards.IDs() {
		for _, l := range langs {
			pages = append(pages, card.Path{Kind: card.EventPage, Event: id, Lang: l}, card.Path{Kind: card.EmbedPage, Event: id, Lang: l})
		}
	}
	for _, p := range pages {
		x.add(fetch{path: p.String(), from: "the pages"})
	}
	// The host's not-found page: the unknown-event card in a frame, where a wrong data-event
	// lands; web/card.js reports its height from any address.
	x.add(fetch{path: card.Path{Kind: card.EmbedPage, Event: unknownEvent}.String(), from: "the not-found page", name: notFoundPage})
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest", "/embed.js", "/demo"} {
		x.add(fetch{path: p, from: "the server's files"})
	}
	// web/'s files and those built from web/src, as the server has them (static.go).
	for _, p := range slices.Sorted(maps.Keys(x.s.static.files)) {
		if strings.HasPrefix(p, "/web/") {
			x.add(fetch{path: p, from: "web/"})
		}
	}
	optional := []string{"/robots.txt", "/sitemap.xml", "/ads.txt", "/favicon.ico"}
	for _, id := range x.s.cards.IDs() {
		optional = append(optional, "/events/"+id+".ics")
		for _, l := range x.s.cards.Languages() {
			optional = append(optional, "/"+l+"/events/"+id+".ics", "/oembed/"+l+"/"+id+".json")
		}
	}
	for _, l := range x.s.cards.Languages() {
		optional = append(optional, "/"+l+"/manifest.webmanifest")
	}
	for _, p := range optional {
		x.add(fetch{path: p, from: "the known routes", optional: true})
	}
	return nil
}

func (x *exporter) add(f fetch) {
	key := f.path
	if f.name != "" {
		key = f.name + " " + f.path
	}
	if x.asked[key] {
		return
	}
	x.asked[key] = true
	x.queue = append(x.queue, f)
}

func (x *exporter) crawl() error {
	if err := x.seeds(); err != nil {
		return err
	}
	for len(x.queue) > 0 {
		f := x.queue[0]
		x.queue = x.queue[1:]
		if err := x.get(f); err != nil {
			return err
		}
	}
	return x.localizeNotFound()
}

// get asks the server for f.path as a visitor of the base URL would, for a static host.
func (x *exporter) get(f fetch) error {
	u := *x.s.base
	u.Path, u.RawPath, u.RawQuery, u.Fragment = f.path, "", "", ""
	req := httptest.NewRequest(http.MethodGet, u.String(), nil)
	req = req.WithContext(context.WithValue(req.Context(), staticHost{}, true))
	rec := httptest.NewRecorder()
	x.s.ServeHTTP(rec, req)

	switch {
	case rec.Code == http.StatusOK:
	case rec.Code == http.StatusNotFound && f.optional:
		return nil
	case rec.Code == http.StatusNotFound && isNotFoundCard(f.path):
		// The unknown-event card at an address of its own (/fr/embed/-/, where the card's
		// language links lead): a static host serves it there.
	default:
		return fmt.Errorf("GET %s (named by %s): %d %s", f.path, f.from, rec.Code, http.StatusText(rec.Code))
	}
	ctype := rec.Header().Get("Content-Type")
	name := f.name
	if name == "" {
		var err error
		if name, err = fileName(f.path, ctype); err != nil {
			return fmt.Errorf("GET %s (named by %s): %w", f.path, f.from, err)
		}
	}
	body := rec.Body.Bytes()
	if prev, ok := x.files[name]; ok {
		if !bytes.Equal(prev.body, body) {
			return fmt.Errorf("%s and %s both are %s, with different contents", prev.from, f.path, name)
		}
		return nil
	}
	x.files[name] = &exportFile{name: name, from: f.path, body: body}
	for _, link := range x.links(f.path, ctype, body) {
		x.add(fetch{path: link, from: f.path})
	}
	return nil
}

// isNotFoundCard reports whether p is a card page for no event: the one id that names none.
func isNotFoundCard(p string) bool {
	cp, ok := card.ParsePath(p)
	return ok && cp.Event == unknownEvent
}

// fileName is where a static host looks for the answer to p: a page, directory style, at
// index.html in its folder (so /fr/events/{id}/, and /demo, are served by any host); any other
// file at its own path.
func fileName(p, ctype string) (string, error) {
	mt, _, _ := mime.ParseMediaType(ctype)
	name := strings.TrimPrefix(p, "/")
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		name += "index.html"
	case mt == "text/html" && path.Ext(name) == "":
		name += "/index.html"
	}
	if !fs.ValidPath(name) {
		return "", fmt.Errorf("%q is not a file name", name)
	}
	return name, nil
}

// ---- following addresses ----

var (
	htmlTagRE  = regexp.MustCompile(`(?is)<(?:a|area|link|script|img|iframe|source|track|video|audio|embed|meta|object)\b[^>]*>`)
	htmlAttrRE = regexp.MustCompile(`(?is)\s(href|src|srcset|poster|data|content)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	cssURLRE   = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)`)
	// go-app's service worker stores this list at install, all or nothing: every entry must exist.
	workerListRE = regexp.MustCompile(`resourcesToCache\s*=\s*(\[[^\]]*\])`)
)

// links are the same-origin paths an answer names.
func (x *exporter) links(from, ctype string, body []byte) []string {
	mt, _, _ := mime.ParseMediaType(ctype)
	var raw []string
	switch {
	case mt == "text/html":
		raw = htmlLinks(string(body))
	case mt == "text/css":
		for _, m := range cssURLRE.FindAllStringSubmatch(string(body), -1) {
			raw = append(raw, m[1]+m[2]+m[3])
		}
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		var v any
		if json.Unmarshal(body, &v) == nil {
			raw = jsonLinks(v, raw)
		}
	case strings.HasSuffix(mt, "javascript"):
		if m := workerListRE.FindSubmatch(body); m != nil {
			var list []string
			if json.Unmarshal(m[1], &list) == nil {
				raw = append(raw, list...)
			}
		}
	}
	var out []string
	for _, r := range raw {
		if p, ok := x.sameOrigin(from, r); ok {
			out = append(out, p)
		}
	}
	return out
}

func htmlLinks(doc string) []string {
	var out []string
	for _, tag := range htmlTagRE.FindAllString(doc, -1) {
		for _, a := range htmlAttrRE.FindAllStringSubmatch(tag, -1) {
			v := html.UnescapeString(a[2] + a[3])
			switch strings.ToLower(a[1]) {
			case "srcset":
				for _, c := range strings.Split(v, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, f[0])
					}
				}
			case "content": // <meta property="og:image" content="…">: only what is an address
				if strings.HasPrefix(v, "/") || strings.Contains(v, "://") {
					out = append(out, v)
				}
			default:
				out = append(out, v)
			}
		}
	}
	return out
}

// jsonLinks collects a JSON document's strings that are addresses (a manifest's icons, an
// oEmbed answer's thumbnail) or HTML (an oEmbed answer's html).
func jsonLinks(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		switch {
		case strings.HasPrefix(v, "/") || strings.Contains(v, "://") && !strings.ContainsAny(v, " <"):
			out = append(out, v)
		case strings.Contains(v, "<"):
			out = append(out, htmlLinks(v)...)
		}
	case []any:
		for _, e := range v {
			out = jsonLinks(e, out)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = jsonLinks(v[k], out)
		}
	}
	return out
}

// sameOrigin resolves ref against the page at from on the base URL: the path, if it is on the
// widget's origin. A query is dropped (a static host serves a file whatever the query: the file
// at the path must answer it), and so is a fragment.
func (x *exporter) sameOrigin(from, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return "", false
	}
	page, err := url.Parse(x.origin + from)
	if err != nil {
		return "", false
	}
	u, err := page.Parse(ref)
	if err != nil || u.Scheme+"://"+u.Host != x.origin {
		return "", false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if clean := path.Clean(p); clean != p && clean+"/" != p {
		return "", false // dot segments: not an address this site writes
	}
	return p, true
}

// localizeNotFound lets web/card.js put the not-found page in the visitor's language. The host
// serves it at any address, so the page cannot name itself; card.js picks among a page's
// hreflang alternates, and the unknown-event card, rendered for a server, has none (a server
// answers it already localized). Added here unless the page already has them.
func (x *exporter) localizeNotFound() error {
	f := x.files[notFoundPage]
	if f == nil {
		return errors.New("no not-found page")
	}
	if bytes.Contains(f.body, []byte(`rel="alternate" hreflang=`)) {
		return nil
	}
	var links bytes.Buffer
	for _, l := range x.s.cards.Languages() {
		p := card.Path{Kind: card.EmbedPage, Event: unknownEvent, Lang: l}.String()
		if x.files[strings.TrimPrefix(p, "/")+"index.html"] == nil {
			return fmt.Errorf("the not-found page in %s (%s) was not exported", l, p)
		}
		fmt.Fprintf(&links, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">\n", l, html.EscapeString(x.origin+p))
	}
	head := notFoundHeadRE.FindIndex(f.body)
	if head == nil {
		return errors.New("the not-found page has no <head>")
	}
	f.body = slices.Concat(f.body[:head[1]], links.Bytes(), f.body[head[1]:])
	return nil
}

// notFoundHeadRE: where the alternates go, before the page's scripts (card.js reads them as it
// runs): right after <head> and its charset.
var notFoundHeadRE = regexp.MustCompile(`(?i)<head>\s*(?:<meta charset="[^"]*">\s*)?`)

// ---- writing ----

func (x *exporter) write(dir string, out *Exported) error {
	names := make([]string, 0, len(x.files))
	for name := range x.files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		body := x.files[name].body
		if err := writeFile(dir, name, body); err != nil {
			return err
		}
		out.Files = append(out.Files, name)
		out.Bytes += int64(len(body))
	}

	// Compressing is most of the export's time (brotli 11 of the wasm): in parallel, the
	// largest first, so that the wasm starts at once and the rest fit beside it.
	slices.SortStableFunc(names, func(a, b string) int { return len(x.files[b].body) - len(x.files[a].body) })
	names = slices.DeleteFunc(names, func(name string) bool { return !slices.Contains(compressible, path.Ext(name)) })
	var mu sync.Mutex
	return inParallel(names, func(name string) error {
		gz, br, err := x.s.encodeForExport(x.files[name].body)
		if err == nil {
			err = errors.Join(writeFile(dir, name+".gz", gz), writeFile(dir, name+".br", br))
		}
		mu.Lock()
		out.Compressed++
		out.GzipBytes += int64(len(gz))
		out.BrotliBytes += int64(len(br))
		mu.Unlock()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
}

func writeFile(dir, name string, body []byte) error {
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}
