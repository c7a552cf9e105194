package card

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Source gives the card its data. On the server it is every card built at start; in the
// browser it is the one bundle the server wrote into the page (see Data).
type Source interface {
	// Bundle returns the event's card in every language, or a bundle whose views say the
	// event does not exist (ok false).
	Bundle(id string) (b *Bundle, ok bool)
}

// The pages of the card. Both sides register the same routes: go-app renders the component for
// a path on the server and mounts the same component for it in the browser.
const (
	HomePath      = "/"
	EventPathRoot = "/events/"
	EmbedPathRoot = "/embed/"
)

// Route registers the pages with go-app, reading their data from src.
func Route(src Source) {
	app.RouteFunc(HomePath, func() app.Composer { return NewPage(src, false) })
	app.RouteWithRegexpFunc(`^/events/[^/]+$`, func() app.Composer { return NewPage(src, false) })
	app.RouteWithRegexpFunc(`^/embed/[^/]+$`, func() app.Composer { return NewPage(src, true) })
}

// NewPage is the card's page, standalone or embedded, reading its data from src.
func NewPage(src Source, embedded bool) *Page {
	return &Page{src: src, embedded: embedded}
}
