package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"eventcard/app/card"
)

// A page request, reduced to what its HTML depends on. Everything else in the URL (the partner
// page's origin, a cache-buster) stays out of the render and out of the cache key.
type pageKey struct {
	embedded bool
	event    string // "" for an event that does not exist
	lang     string
	upcoming bool // the badge changes when the event ends; the key with it
}

// page is a rendered response.
type page struct {
	body []byte
	etag string
}

func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) {
	s.servePage(w, r, false, s.cards.Featured())
}

func (s *Server) serveEvent(w http.ResponseWriter, r *http.Request) {
	s.servePage(w, r, false, r.PathValue("id"))
}

func (s *Server) serveEmbed(w http.ResponseWriter, r *http.Request) {
	s.servePage(w, r, true, r.PathValue("id"))
}

// servePage answers with the card of event id, prerendered in the language negotiated for this
// request. An unknown id gets the localized "no such event" card and a 404.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, embedded bool, id string) {
	b, ok := s.cards.Bundle(id)
	key := pageKey{embedded: embedded, lang: s.negotiate(r, id, embedded)}
	if ok {
		key.event = id
		key.upcoming = b.View(key.lang).Upcoming(time.Now())
	}
	p, err := s.pages.get(key)
	if err != nil {
		s.log.Error("rendering page", "event", key.event, "lang", key.lang, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}

	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", key.lang)
	// The language can come from Accept-Language: a cache must key on it, and the ETag (a hash
	// of the body) differs per language, so a 304 never serves one language for another.
	h.Set("Vary", "Accept-Language")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", p.etag)
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		w.Write(p.body)
		return
	}
	if r.Header.Get("If-None-Match") == p.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(p.body)
}

// negotiate picks the page's language. Embed: the partner's data-lang (lang), the host page's
// <html lang> (hl), then the browser's Accept-Language. Standalone: ?lang=, then
// Accept-Language. Then the event's original language. (The visitor's earlier choice, kept in
// the browser's storage, is applied by the wasm: the server cannot see it.)
func (s *Server) negotiate(r *http.Request, id string, embedded bool) string {
	m := s.cards.Matcher(id)
	q := r.URL.Query()
	if lang, ok := m.Tag(q.Get("lang")); ok {
		return lang
	}
	if embedded {
		if lang, ok := m.Tag(q.Get("hl")); ok {
			return lang
		}
	}
	if lang, ok := m.AcceptLanguage(r.Header.Get("Accept-Language")); ok {
		return lang
	}
	return m.Fallback()
}

// renderPage renders key through go-app's Handler, which prerenders the card component for the
// canonical URL: /events/{id}?lang=xx or /embed/{id}?lang=xx, on the configured base URL (so no
// request's Host header ever reaches a cached page).
func (s *Server) renderPage(key pageKey) (*page, error) {
	root := card.EventPathRoot
	if key.embedded {
		root = card.EmbedPathRoot
	}
	id := key.event
	if id == "" {
		id = "-" // not an id (ids are [a-z0-9-] without leading hyphen): the unknown-event card
	}
	u := *s.base
	u.Path = root + id
	u.RawQuery = url.Values{"lang": {key.lang}, card.SourceParam: {s.source}}.Encode()

	req := httptest.NewRequest(http.MethodGet, u.String(), nil)
	rec := httptest.NewRecorder()
	s.goapp.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return nil, &renderError{code: rec.Code, body: rec.Body.String()}
	}
	body, err := allowZoom(rec.Body.Bytes())
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	return &page{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}, nil
}

// go-app v9.8.0 writes a viewport that forbids pinch-zoom (WCAG 1.4.4) and has no option to
// change it. The page is rendered once per key, so the fix costs nothing per request. go-app
// prints attributes in map order, hence the two forms; if a go-app upgrade changes the tag,
// rendering fails loudly instead of shipping the old one.
var (
	goappViewport = regexp.MustCompile(`<meta (?:name="viewport" content="[^"]*"|content="[^"]*" name="viewport")>`)
	cardViewport  = []byte(`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`)
)

func allowZoom(html []byte) ([]byte, error) {
	if n := len(goappViewport.FindAllIndex(html, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's viewport tag changed (%d found): update allowZoom", n)
	}
	return goappViewport.ReplaceAllLiteral(html, cardViewport), nil
}

type renderError struct {
	code int
	body string
}

func (e *renderError) Error() string {
	return "go-app answered " + http.StatusText(e.code) + ": " + strings.TrimSpace(e.body)
}

// pageCache keeps each rendered page: there are at most events × languages × 2 × 2 of them,
// and the card only changes with the build.
type pageCache struct {
	render func(pageKey) (*page, error)
	mu     sync.Mutex
	pages  map[pageKey]*page
}

func newPageCache(render func(pageKey) (*page, error)) *pageCache {
	return &pageCache{render: render, pages: map[pageKey]*page{}}
}

func (c *pageCache) get(key pageKey) (*page, error) {
	c.mu.Lock()
	p := c.pages[key]
	c.mu.Unlock()
	if p != nil {
		return p, nil
	}
	p, err := c.render(key)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.pages[key] = p
	c.mu.Unlock()
	return p, nil
}
