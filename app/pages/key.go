package pages

import (
	"time"

	"eventcard/app/card"
	"eventcard/app/i18n"
	"eventcard/app/views"
)

// Key is a page request reduced to what its HTML depends on. Everything else in the URL (the
// partner page's origin, a cache-buster) stays out of the render and out of the cache key.
type Key struct {
	Path   card.Path // canonical: the language set; the event UnknownEvent when it does not exist
	State  string    // what the clock decides (card.View.StateAt): the badge, the countdown, the actions
	Static bool      // for a static host: no server picks the language of an address without one
}

// UnknownEvent stands for every id that names no event: one page renders them all, and the
// cache holds one per language. Not an id (ids do not start with a hyphen).
const UnknownEvent = "-"

// Request is what of a request decides the page's language, besides its address.
type Request struct {
	Lang           string // ?lang=: the partner's data-lang, or a shared link's language
	HostLang       string // ?hl=: the partner page's <html lang>, for an embed
	AcceptLanguage string
	Static         bool // rendering for a static host: no request to negotiate with
}

// Resolve turns a requested address into the page to render: the event checked (the home page
// shows the featured one) and the language decided. found is false for an unknown event or a
// language the card does not have (/de/events/{id}/), whose page says so.
func Resolve(set *views.Set, path card.Path, r Request, now time.Time) (key Key, found bool) {
	key.Static = r.Static
	id := path.Event
	if path.Kind == card.HomePage {
		id = set.Featured()
	}
	b, found := set.Page(path)
	lang := path.Lang
	if lang != "" && !b.Has(lang) {
		found, lang = false, ""
	}
	if lang == "" {
		lang = negotiate(set.Matcher(id), r, path.Kind == card.EmbedPage)
	}
	key.Path = path.In(lang)
	if !found {
		key.Path.Event = UnknownEvent
		if key.Path.Kind == card.HomePage {
			key.Path.Kind = card.EventPage
		}
		return key, false
	}
	key.State = b.View(lang).StateAt(now)
	return key, true
}

// negotiate picks the page's language. Embed: the partner's data-lang, the host page's <html
// lang>, then the browser's Accept-Language. Standalone: ?lang=, then Accept-Language. Then the
// event's original language. (The visitor's earlier choice, kept in the browser's storage, is
// applied by the wasm: the server cannot see it.)
func negotiate(m *i18n.Matcher, r Request, embedded bool) string {
	if lang, ok := m.Tag(r.Lang); ok {
		return lang
	}
	if embedded {
		if lang, ok := m.Tag(r.HostLang); ok {
			return lang
		}
	}
	if lang, ok := m.AcceptLanguage(r.AcceptLanguage); ok {
		return lang
	}
	return m.Fallback()
}

// All lists the address of every page the site has, in every language and without one (as a
// static host serves them), and the unknown-event card in every language.
func All(set *views.Set) []card.Path {
	langs := append([]string{""}, set.Languages()...)
	var out []card.Path
	for _, l := range langs {
		out = append(out, card.Path{Kind: card.HomePage, Lang: l}, card.Path{Kind: card.BuilderPage, Lang: l})
	}
	for _, id := range append(set.IDs(), UnknownEvent) {
		for _, l := range langs {
			out = append(out, card.Path{Kind: card.EventPage, Event: id, Lang: l}, card.Path{Kind: card.EmbedPage, Event: id, Lang: l})
		}
	}
	return out
}
