// Package server serves the card: the prerendered pages (standalone and embed) through go-app's
// Handler, the partner loader /embed.js, the demo partner page, and the static assets, all from
// one file system (the binary's embedded copy of web/, locales/ and events/).
package server

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"sort"
	"strings"

	"eventcard/app/card"
	"eventcard/app/cards"
	"eventcard/app/frontend"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Config is what the server needs to know about where it runs.
type Config struct {
	// BaseURL is the widget's public origin, for canonical URLs (og:url); default
	// http://127.0.0.1:8000.
	BaseURL string
	// Log receives one line per problem worth an operator's attention; default slog.Default().
	Log *slog.Logger
	// RequestLog receives one line per request (requestlog.go); nil: none (the binary logs
	// them, with Log).
	RequestLog *slog.Logger
	// FrameAncestors are the origins that may frame the widget's pages (ParseFrameAncestors):
	// empty or ["*"] for anyone (security.go).
	FrameAncestors []string
}

// Server is the widget's HTTP handler.
type Server struct {
	cards   *cards.Set
	base    *url.URL
	version string
	log     *slog.Logger
	goapp   *app.Handler
	source  string // this server's key among the card's sources (card.SourceParam)
	pages   *pageCache
	loader  *asset       // /embed.js, with its localized labels, compressed (loader.go)
	static  *staticFiles // the build's files, sent from memory, compressed (static.go)
	web     fs.FS
	mux     *http.ServeMux
	handler http.Handler // mux inside the middleware (see middleware.go)
	// The security headers' policy (security.go): the frame ancestors allowed, and the CSP of
	// the widget's pages built from them.
	ancestors []string
	policy    string
	requests  *slog.Logger // the request log (requestlog.go), or nil
}

// New loads and checks every event and translation in fsys (a missing one is an error naming
// its file), then builds the handler.
func New(fsys fs.FS, cfg Config) (*Server, error) {
	set, err := cards.Load(fsys)
	if err != nil {
		return nil, err
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:8000"
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("base URL %q: want http(s)://host[:port]", cfg.BaseURL)
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	version, err := hashFS(fsys)
	if err != nil {
		return nil, err
	}
	web, err := fs.Sub(fsys, "web")
	if err != nil {
		return nil, err
	}
	raw := web // with the build's precompressed siblings, web/app.wasm.br… (static.go), and web/src
	web = withoutSiblings(web)
	if _, err := fs.Stat(web, "app.wasm"); err != nil {
		cfg.Log.Warn("web/app.wasm is missing: the card is served prerendered only (run make build)")
	}

	s := &Server{cards: set, base: base, version: version, log: cfg.Log, requests: cfg.RequestLog, web: web}
	// Checked again here for callers other than the binary (tests, tools): the header must
	// never carry what the list parser would refuse.
	if len(cfg.FrameAncestors) > 0 {
		if s.ancestors, err = ParseFrameAncestors(strings.Join(cfg.FrameAncestors, " ")); err != nil {
			return nil, fmt.Errorf("frame ancestors: %v", err)
		}
	}
	s.policy = contentSecurityPolicy(s.ancestors)
	s.source = card.Route(set)
	s.goapp = newGoApp(validNames{web}, version) // a file name no file has: 404, not 500 (security.go)
	_, inPlace := fsys.(embed.FS)                // the binary's own files: the wasm is sent from there
	// card.js, card.css and the loader, built from web/src.
	bundled, err := frontend.Build(raw, frameTitles(set))
	if err != nil {
		return nil, err
	}
	if s.static, err = newStaticFiles(raw, bundled, s.goapp, version, inPlace, cfg.Log); err != nil {
		return nil, err
	}
	s.pages = newPageCache(s.renderPage)
	if s.loader, err = loader(bundled["/embed.js"], version); err != nil {
		return nil, err
	}
	s.routes()
	s.handler = s.middleware(s.mux)
	// Starting read every file (twice: the version's hash) and compressed some: hand that
	// memory back to the system now, not minutes from now (README, "Performance": RSS).
	debug.FreeOSMemory()
	return s, nil
}

// Version identifies the build: a hash of every file served, so it changes with any of them.
func (s *Server) Version() string { return s.version }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /embed.js", s.serveLoader)
	s.mux.HandleFunc("GET /demo", s.serveDemo)
	s.mux.HandleFunc("GET /healthz", s.serveHealth) // for load balancers (health.go)
	// go-app answers these three by fetching them from "http://" + the request's Host header
	// and caching the answer for everyone: a forged Host would make the server fetch from any
	// host and serve what it got. Served from web/ here, or 404.
	for _, name := range []string{"robots.txt", "sitemap.xml", "ads.txt"} {
		s.mux.HandleFunc("GET /"+name, s.serveWebFile(name))
	}
	// The manifest in each language, before go-app's own, which has one (see manifest.go).
	s.mux.HandleFunc("GET /manifest.webmanifest", s.serveManifest)
	s.mux.HandleFunc("GET /{lang}/manifest.webmanifest", s.serveManifest)
	// oEmbed: the endpoint, and its files for a static host (see oembed.go).
	s.mux.HandleFunc("GET /oembed", s.serveOEmbed)
	s.mux.HandleFunc("GET /oembed/{lang}/{file}", s.serveOEmbedFile)
	// The card pages (see card.Path), and go-app's own files: app.js, wasm_exec.js, app.css,
	// app-worker.js, the manifest, /web/.
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		// The calendar files, /events/{id}.ics and /{lang}/events/{id}.ics (see ics.go).
		if lang, id, ok := parseCalendarPath(r.URL.Path); ok {
			s.serveCalendar(w, r, lang, id)
			return
		}
		if path, ok := card.ParsePath(r.URL.Path); ok {
			s.servePage(w, r, path)
			return
		}
		s.goapp.ServeHTTP(w, r)
	})
}

// serveWebFile serves web/name at the site's root, or 404.
func (s *Server) serveWebFile(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, s.web, name)
	}
}

// servedDirs are the folders of the file system the server reads.
var servedDirs = []string{"web", "locales", "events"}

// hashFS hashes the files the server serves, in a stable order.
func hashFS(fsys fs.FS) (string, error) {
	var names []string
	for _, dir := range servedDirs {
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, name)
			}
			return err
		})
		if err != nil {
			return "", err
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
