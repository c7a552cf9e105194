package card

import (
	"net/url"
	"strconv"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Source gives the card its data. On the server it is every card built at start; in the
// browser it is the one bundle the server wrote into the page (see Data).
type Source interface {
	// Page returns what the page at p shows, in every language: the event's card, the home
	// page's list of events, the builder's texts; or a bundle whose views say the event does
	// not exist (ok false). p.Lang does not matter.
	Page(p Path) (b *Bundle, ok bool)
}

// SourceParam names, in a server-side render's URL, the Source to render from. go-app's router
// is global to the process while a process may hold several servers (tests do): each registers
// its Source and renders with ?src=<key>. The browser has one Source and no such parameter.
const SourceParam = "src"

var (
	routeOnce sync.Once
	sourcesMu sync.RWMutex
	sources   []Source
)

// Route makes src a source of the card's pages, registering the pages with go-app the first
// time, and returns the key that selects src in a render's URL (see SourceParam).
func Route(src Source) (key string) {
	sourcesMu.Lock()
	sources = append(sources, src)
	key = strconv.Itoa(len(sources) - 1)
	sourcesMu.Unlock()
	// Both sides register the same routes: go-app renders the component for a path on the
	// server and mounts the same component for it in the browser.
	routeOnce.Do(func() {
		app.RouteWithRegexpFunc(pathPattern, func() app.Composer { return NewPage(nil) })
	})
	return key
}

// sourceOf is the Source a page at u renders from: the one its URL names, else the first.
func sourceOf(u *url.URL) Source {
	sourcesMu.RLock()
	defer sourcesMu.RUnlock()
	i, err := strconv.Atoi(u.Query().Get(SourceParam))
	if err != nil || i < 0 || i >= len(sources) {
		i = 0
	}
	if len(sources) == 0 {
		return PageSource{B: &Bundle{}}
	}
	// (Several sources happen in tests only; a browser has one.)
	return sources[i]
}

// NewPage is a card page reading its data from src (nil: the source its URL names, see Route).
// What it shows follows its address (see Path).
func NewPage(src Source) *Page {
	return &Page{src: src}
}
