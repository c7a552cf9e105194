package server

import (
	"bytes"
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
	path     card.Path // canonical: the language set; the event "" when it does not exist
	upcoming bool      // the badge changes when the event ends; the key with it
	days     string    // so does the countdown ("In 5 days") of an upcoming event, each day
	static   bool      // for a static host: no server picks the language of an address without one
}

// page is a rendered page: its body with its encodings, made once (asset.go), and its
// language as a header value.
type page struct {
	*asset
	body []byte // as rendered (the asset's identity encoding)
	sum  [sha256.Size]byte
	lang []string // Content-Language
}

// servePage answers a card page's address (see card.Path) with the page prerendered in the
// language the address names or, without one, the language negotiated for this request. An
// unknown event, or a language the card does not have, gets the localized "no such event" card
// and a 404.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, path card.Path) {
	key, found := s.resolve(r, path)
	p, err := s.pages.get(key)
	if err != nil {
		s.log.Error("rendering page", "path", key.path.String(), "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}

	h := w.Header()
	h["Content-Language"] = p.lang
	if path.Lang == "" || key.path.Lang != path.Lang {
		// The language came from the request: a cache must key on it, and the ETag (a hash of
		// the body) differs per language, so a 304 never serves one language for another.
		// (Also when the address names a language the card lacks: /de/events/{id}/ is a 404
		// in the negotiated language.)
		h["Vary"] = varyLanguage
	}
	// Revalidated: the page changes with the build and the event's date, under one address.
	h["Cache-Control"] = cacheRevalidate
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
	}
	p.serve(w, r, status) // in the encoding the request accepts, or a 304 (asset.go)
}

var varyLanguage = []string{"Accept-Language"}

// resolve turns a requested address into the page to render: the event checked (the home page
// shows the featured one) and the language decided.
func (s *Server) resolve(r *http.Request, path card.Path) (key pageKey, found bool) {
	key.static = forStaticHost(r) // the exporter's request (see export.go)
	id := path.Event
	if path.Kind == card.HomePage {
		id = s.cards.Featured()
	}
	b, found := s.cards.Bundle(id)
	lang := path.Lang
	if lang != "" && !b.Has(lang) {
		found, lang = false, "" // /de/events/{id}/: no such page
	}
	if lang == "" {
		lang = s.negotiate(r, id, path.Kind == card.EmbedPage)
	}
	key.path = path.In(lang)
	if !found {
		key.path.Event = unknownEvent
		if key.path.Kind == card.HomePage {
			key.path.Kind = card.EventPage
		}
		return key, false
	}
	now := time.Now()
	key.upcoming, key.days = b.View(lang).Upcoming(now), b.View(lang).CountdownAt(now)
	return key, true
}

// unknownEvent stands for every id that names no event: one page renders them all, and the
// cache holds one per language. Not an id (ids do not start with a hyphen).
const unknownEvent = "-"

// negotiate picks the page's language. Embed: the partner's data-lang (lang), the host page's
// <html lang> (hl), then the browser's Accept-Language. Standalone: ?lang=, then
// Accept-Language. Then the event's original language. (The visitor's earlier choice, kept in
// the browser's storage, is applied by the wasm: the server cannot see it.)
func (s *Server) negotiate(r *http.Request, id string, embedded bool) string {
	m := s.cards.Matcher(id)
	if lang, ok := m.Tag(queryValue(r.URL.RawQuery, "lang")); ok {
		return lang
	}
	if embedded {
		if lang, ok := m.Tag(queryValue(r.URL.RawQuery, "hl")); ok {
			return lang
		}
	}
	if lang, ok := m.AcceptLanguage(r.Header.Get("Accept-Language")); ok {
		return lang
	}
	return m.Fallback()
}

// queryValue is url.Values.Get of the query's key, without building the map: the pages are
// the server's hot path (README, "Performance"). Same rules as url.ParseQuery: pairs split on
// "&", a pair with ";" ignored, keys and values unescaped, the first match wins.
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

// renderPage renders key through go-app's Handler, which prerenders the card component at the
// page's canonical address on the configured base URL (so no request's Host header ever
// reaches a cached page), then completes the page's <head> (see head.go).
func (s *Server) renderPage(key pageKey) (*page, error) {
	u := *s.base
	u.Path = key.path.String()
	u.RawQuery = url.Values{card.SourceParam: {s.source}}.Encode()

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
	// go-app writes the page's address (og:url) with http: whatever the base URL's scheme.
	body = bytes.ReplaceAll(body, []byte(`"http://`+s.base.Host+`/`), []byte(`"`+s.base.Scheme+`://`+s.base.Host+`/`))
	if body, err = s.completeHead(body, key); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	// Compressed when first asked for in an encoding, once for the life of the cached page
	// (pageCache): never per request (asset.go).
	a := newLazyAsset("text/html; charset=utf-8", body, etag, func() (gz, br []byte, err error) { return encode(body) })
	return &page{asset: a, body: body, sum: sum, lang: []string{key.path.Lang}}, nil
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
// and the card only changes with the build. A page is rendered (and compressed) once, however
// many requests ask for it at the same time; the requests for a cached page take no lock.
type pageCache struct {
	render    func(pageKey) (*page, error)
	pages     sync.Map // pageKey → *pageEntry
	byContent sync.Map // the body's SHA-256 → *page: the static export reuses the encodings
}

type pageEntry struct {
	once sync.Once
	page *page
	err  error
}

func newPageCache(render func(pageKey) (*page, error)) *pageCache {
	return &pageCache{render: render}
}

func (c *pageCache) get(key pageKey) (*page, error) {
	v, ok := c.pages.Load(key)
	if !ok {
		v, _ = c.pages.LoadOrStore(key, &pageEntry{})
	}
	e := v.(*pageEntry)
	e.once.Do(func() {
		if e.page, e.err = c.render(key); e.err == nil {
			c.byContent.Store(e.page.sum, e.page)
		}
	})
	if e.err != nil {
		c.pages.CompareAndDelete(key, e) // the next request tries again
		return nil, e.err
	}
	return e.page, nil
}
