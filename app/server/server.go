// Package server is the widget's HTTP layer: it builds the site from a file system (the
// binary's embedded web/, locales/ and events/), routes each address to what answers it, and
// wraps the routes in the middleware every response goes through.
package server

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"eventcard/app/assets"
	"eventcard/app/card"
	"eventcard/app/export"
	"eventcard/app/middleware"
	"eventcard/app/pages"
	"eventcard/app/views"
)

// Config is what the server needs to know about where it runs.
type Config struct {
	// BaseURL is the widget's public origin, for canonical URLs; default http://127.0.0.1:8000.
	BaseURL string
	// Log receives one line per problem worth an operator's attention; default slog.Default().
	Log *slog.Logger
	// RequestLog receives one line per request; nil: none.
	RequestLog *slog.Logger
	// FrameAncestors are the origins that may frame the widget's pages (ParseFrameAncestors):
	// empty or ["*"] for anyone.
	FrameAncestors []string
}

// Server is the widget's HTTP handler. What it serves is a site built from its content; Reload
// builds the site again from the content as it is now and swaps it in at once, or keeps the one
// it has when the new content has a problem. Each request is answered by one site from its
// start to its end: never a page of two versions.
type Server struct {
	fsys      fs.FS
	base      *url.URL
	log       *slog.Logger
	ancestors []string
	site      atomic.Pointer[site]
	handler   http.Handler

	mu         sync.Mutex // Reload's: one at a time
	lastReload reloadReport
}

// site is everything the server serves, built from one version of the content.
type site struct {
	set     *views.Set
	base    *url.URL
	version string
	log     *slog.Logger
	files   *assets.Files // web/, go-app's files, the loader, manifests, calendars, oEmbed files, images
	pages   *pages.Cache
	feeds   *calendarFeeds
	social  *socialImages
	content fs.FS // the events' files: their images
	demo    *template.Template
	routes  http.Handler
}

// New loads and checks every event and translation in fsys (every problem, each naming its
// file), then builds the site: every file it serves but the pages, which are rendered when
// first asked for.
func New(fsys fs.FS, cfg Config) (*Server, error) {
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
	s := &Server{fsys: fsys, base: base, log: cfg.Log}
	// Checked again here for callers other than the binary (tests, tools): the header must
	// never carry what the list parser would refuse.
	if len(cfg.FrameAncestors) > 0 {
		if s.ancestors, err = ParseFrameAncestors(strings.Join(cfg.FrameAncestors, " ")); err != nil {
			return nil, fmt.Errorf("frame ancestors: %v", err)
		}
	}
	st, err := build(fsys, base, cfg.Log)
	if err != nil {
		return nil, err
	}
	s.site.Store(st)
	s.lastReload = reloadReport{At: time.Now(), OK: true, Version: st.version}

	widgetPolicy := middleware.WidgetPolicy(base.Scheme+"://"+base.Host, s.ancestors)
	// /healthz, else the site's routes (their own ServeMux): a second mux in front of it cost
	// every request a pattern match.
	mux := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			s.serveHealth(w, r)
			return
		}
		s.site.Load().routes.ServeHTTP(w, r)
	})
	s.handler = middleware.RequestLog(cfg.RequestLog, cfg.Log)(
		middleware.Secure(middleware.Headers{
			CSP: func(r *http.Request) string {
				if r.URL.Path == "/demo" {
					return middleware.PartnerPolicy(demoWidget(r, base), s.ancestors)
				}
				return widgetPolicy
			},
			HSTS: base.Scheme == "https",
		})(middleware.GetAndHead(mux)))
	return s, nil
}

// build makes the site of the content in fsys.
func build(fsys fs.FS, base *url.URL, log *slog.Logger) (*site, error) {
	pictures := &eventImages{fsys: fsys, seen: map[string]bool{}}
	set, err := views.Load(fsys, pictures.picture)
	if err != nil {
		return nil, err
	}
	s := &site{set: set, base: base, log: log, content: fsys}
	if s.version, err = hashFS(fsys); err != nil {
		return nil, err
	}
	web, err := fs.Sub(fsys, "web")
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(web, "app.wasm"); err != nil {
		log.Warn("web/app.wasm is missing: the card is served prerendered only (run make build)")
	}
	if s.demo, err = template.ParseFS(web, DemoTemplate); err != nil {
		return nil, fmt.Errorf("web/%s: %w", DemoTemplate, err)
	}
	made, err := s.madeFiles(web)
	if err != nil {
		return nil, err
	}
	made = append(made, pictures.files...)
	_, inPlace := fsys.(embed.FS) // the binary's own files: the wasm is sent from there
	if s.files, err = assets.NewFiles(web, made, s.version, inPlace, log); err != nil {
		return nil, err
	}
	renderer, err := pages.NewRenderer(set, base, web, assets.StaticPrefix(s.version))
	if err != nil {
		return nil, err
	}
	s.pages = pages.NewCache(renderer.Render)
	s.feeds = &calendarFeeds{s: s, stamp: time.Now()}
	s.social = &socialImages{s: s}
	s.routes = s.mux()
	// Building read every file (twice: the version's hash) and compressed some: hand that
	// memory back to the system now, not minutes from now.
	debug.FreeOSMemory()
	return s, nil
}

// Version identifies what the server serves: a hash of every file of the site, so it changes
// with any of them.
func (s *Server) Version() string { return s.site.Load().version }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Export writes the site as it is now for a static host (site.Export).
func (s *Server) Export(dir string) (export.Result, error) { return s.site.Load().Export(dir) }

// mux routes the site's addresses: a file of the site (web/, go-app's, the loader, the
// manifests, the calendars, the oEmbed files), else a card page (see card.Path), else the few
// addresses of their own (the demo, oEmbed, images, calendar feeds). Files and card pages, nearly
// every request, are answered before the ServeMux: its catch-all pattern cost each of them
// three allocations. No file or card page has one of the others' addresses; a path the ServeMux
// would clean (with "//", "/./" or "/../") goes to it, which redirects it.
func (s *site) mux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /demo", s.serveDemo)
	mux.HandleFunc("GET /oembed", s.serveOEmbed)
	mux.HandleFunc("GET /images/{id}/{file}", s.serveImage)
	s.routeCalendarFeeds(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a, cacheControl, ok := s.files.Lookup(r.URL.Path); ok {
			w.Header()["Cache-Control"] = cacheControl
			allowSandboxedFetch(w.Header(), r.URL.Path)
			a.Serve(w, r, http.StatusOK)
			return
		}
		if path, ok := card.ParsePath(r.URL.Path); ok && !strings.Contains(r.URL.Path, "/.") {
			s.servePage(w, r, path)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// servePage answers a card page's address with the page prerendered in the language the
// address names or, without one, the language negotiated for this request. An unknown event,
// or a language the card does not have, gets the localized "no such event" card and a 404.
func (s *site) servePage(w http.ResponseWriter, r *http.Request, path card.Path) {
	key, found := pages.Resolve(s.set, path, pages.Request{
		Lang:           queryValue(r.URL.RawQuery, "lang"),
		HostLang:       queryValue(r.URL.RawQuery, "hl"),
		AcceptLanguage: r.Header.Get("Accept-Language"),
	}, time.Now())
	p, err := s.pages.Get(key)
	if err != nil {
		s.log.Error("rendering page", "path", key.Path.String(), "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h["Content-Language"] = p.Lang
	if path.Lang == "" || key.Path.Lang != path.Lang {
		// The language came from the request: a cache must key on it, and the ETag (a hash of
		// the body) differs per language, so a 304 never serves one language for another.
		h["Vary"] = varyLanguage
	}
	// Revalidated: the page changes with the build and the event's date, under one address.
	h["Cache-Control"] = assets.CacheRevalidate
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
	}
	p.Serve(w, r, status)
}

var varyLanguage = []string{"Accept-Language"}

// queryValue is url.Values.Get of the query's key, without building the map: the pages are
// the server's hot path. Same rules as url.ParseQuery: pairs split on "&", a pair with ";"
// ignored, keys and values unescaped, the first match wins.
func queryValue(raw, key string) string {
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if k != key {
			if !strings.ContainsAny(k, "%+") {
				continue
			}
			if u, err := url.QueryUnescape(k); err != nil || u != key {
				continue
			}
		}
		if !strings.ContainsAny(v, "%+") {
			return v
		}
		if u, err := url.QueryUnescape(v); err == nil {
			return u
		}
	}
	return ""
}

// servedDirs are the folders of the file system the server reads.
var servedDirs = []string{"web", "locales", "events", "site"}

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
