package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"eventcard/app/server"
)

// siteOptions say what a test's widget and partner site are made of. The zero value is the
// widget as it ships, showing the fixture events.
type siteOptions struct {
	// Tree holds the widget's web/ (with the wasm), locales/ and events/; nil: the fixture tree
	// (fixtureTree).
	Tree fs.FS
	// Wrap goes around the widget's handler: a fault, a delay, a probe. Nil: none.
	Wrap func(http.Handler) http.Handler
	// FrameAncestors is the widget's allowlist of partner pages; "{{host}}" in it is this
	// site's partner origin.
	FrameAncestors []string
	// Widget is the origin of a widget served elsewhere (a static host, another site's
	// widget): none is started, and the partner's pages embed that one.
	Widget string
}

// A site is a widget and a partner's site on two origins of two sites: the widget on
// 127.0.0.1, the partner on localhost, each on its own port. The browser treats them as
// strangers, as on the web: the card is in a cross-site frame.
type site struct {
	widget string // http://127.0.0.1:port
	host   string // http://localhost:port

	opts    siteOptions
	handler atomic.Pointer[http.Handler] // what answers on the widget's address
	stopped func()                       // closes the widget's server

	mu    sync.Mutex
	files map[string]servedFile // the partner's, by path
}

type servedFile struct {
	body   string
	header http.Header
}

// newSite starts a partner's site and, unless o.Widget names one, a widget; both stop with
// the test.
func newSite(t *testing.T, o siteOptions) *site {
	t.Helper()
	s := &site{opts: o, files: map[string]servedFile{}}
	// The partner first: the widget's allowlist may name its origin.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.host = "http://localhost:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	partner := &http.Server{Handler: http.HandlerFunc(s.servePartner)}
	go partner.Serve(l)
	t.Cleanup(func() { partner.Close() })

	if o.Widget != "" {
		s.widget = o.Widget
		return s
	}
	tree := o.Tree
	if tree == nil {
		tree = fixtureTree(t)
	}
	l, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.widget = "http://" + l.Addr().String()
	s.rebuild(t, tree)
	widget := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*s.handler.Load()).ServeHTTP(w, r)
	})}
	go widget.Serve(l)
	s.stopped = func() { widget.Close() }
	t.Cleanup(s.stopped)
	return s
}

// rebuild puts a widget built from tree at the widget's address, as a deploy of a new
// version does; its base URL is its own address (canonical links, oEmbed discovery).
func (s *site) rebuild(t *testing.T, tree fs.FS) {
	t.Helper()
	cfg := server.Config{BaseURL: s.widget, Log: slog.New(slog.DiscardHandler)}
	for _, a := range s.opts.FrameAncestors {
		cfg.FrameAncestors = append(cfg.FrameAncestors, strings.ReplaceAll(a, "{{host}}", s.host))
	}
	srv, err := server.New(tree, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	if s.opts.Wrap != nil {
		h = s.opts.Wrap(h)
	}
	s.handler.Store(&h)
}

// stopWidget closes the widget's server: the network is gone.
func (s *site) stopWidget() { s.stopped() }

// page publishes the partner's page made of p at path and returns its address.
func (s *site) page(path string, p pageOptions) string {
	return s.serve(path, "text/html; charset=utf-8", partnerPage(p), p.Header)
}

// serve publishes any file on the partner's site, sent with header (may be nil), and returns
// its address. {{widget}} and {{host}} in body become the widget's and the partner's origins.
func (s *site) serve(path, contentType, body string, header http.Header) string {
	h := header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Content-Type", contentType)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = servedFile{strings.NewReplacer("{{widget}}", s.widget, "{{host}}", s.host).Replace(body), h}
	return s.host + path
}

func (s *site) servePartner(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	for k, v := range f.header {
		w.Header()[k] = v
	}
	fmt.Fprint(w, f.body)
}

// pageOptions say what a partner's page is made of.
type pageOptions struct {
	// Lang is the page's <html lang>; "es" when empty.
	Lang string
	// Snippet is what the partner pasted, between the page's paragraphs.
	Snippet string
	// Head is more markup for the page's <head>.
	Head string
	// Plain gives the page a plain stylesheet (margins, a serif font) instead of the
	// heavy-handed theme.
	Plain bool
	// Probe puts the probe (probeJS) first in the page, before any other script.
	Probe bool
	// Header is sent with the page (a Content-Security-Policy, say).
	Header http.Header
}

// heavyTheme is a heavy-handed stylesheet like many WordPress themes have: it uppercases
// everything and forces its own size, border and display on every iframe.
const heavyTheme = `
  body { margin: 0; font: 18px/1.6 Georgia, serif; background: #fff; }
  * { text-transform: uppercase; box-sizing: content-box; }
  p { margin: 12px; }
  iframe { height: 150px !important; width: 50% !important; border: 10px solid red !important; display: inline !important; }
  a.eventcard { color: #8a1538; }
`

const plainStyle = `body { margin: 0; font: 20px serif; } p { margin: 1em; }`

// partnerPage is a partner's article with the snippet between paragraphs: text that a layout
// shift would move.
func partnerPage(p pageOptions) string {
	lang, style := p.Lang, heavyTheme
	if lang == "" {
		lang = "es"
	}
	if p.Plain {
		style = plainStyle
	}
	var head strings.Builder
	if p.Probe {
		head.WriteString("<script>" + probeJS + "</script>\n")
	}
	// No icon of its own: a browser would ask for /favicon.ico and log the 404.
	head.WriteString(`<meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,">` + "\n<style>" + style + "</style>\n" + p.Head)
	return `<!DOCTYPE html><html lang="` + lang + `"><head>` + head.String() + `</head><body>
<p id="before">Una organización aliada cuenta sus actividades.</p>
` + p.Snippet + `
<p id="after">Este párrafo está debajo de la tarjeta y no debe moverse.</p>
<p id="after2">Ni este.</p>
</body></html>`
}

// noWasm wraps a widget so that its wasm fails (500): the card as a visitor gets it when the
// wasm cannot load.
func noWasm(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			http.Error(w, "broken on purpose", http.StatusInternalServerError)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// probePath is where withProbe serves the probe.
const probePath = "/e2e-probe.js"

// withProbe wraps a widget so that each of its pages runs the probe (probeJS) before any
// other script: the card's own console, in every engine, WebKit's included.
func withProbe(h http.Handler) http.Handler { return withScript(h, probePath, probeJS) }

// withScript wraps a widget so that each of its pages runs js, served at path on the widget's
// own origin (its pages' policy allows scripts from 'self'), before any other script.
func withScript(h http.Handler, path, js string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			fmt.Fprint(w, js)
			return
		}
		r = r.Clone(r.Context())
		r.Header.Del("Accept-Encoding") // the page as text, to add the script to
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			body = bytes.Replace(body, []byte("<head>"), []byte(`<head><script src="`+path+`"></script>`), 1)
			rec.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}
