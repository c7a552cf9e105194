package card

import "strings"

// Kind is what a card page shows.
type Kind int

const (
	HomePage    Kind = iota + 1 // /  and /{lang}/: the featured event, or the index of events
	EventPage                   // /events/{id}/ and /{lang}/events/{id}/: the standalone card
	EmbedPage                   // /embed/{id}/ and /{lang}/embed/{id}/: the card in a partner's frame
	BuilderPage                 // /embed/ and /{lang}/embed/: where a partner makes the snippet
)

// Path is the address of a card page. Addresses carry the language in the path, not in a query,
// so that a static host can serve every page prerendered; an address without a language lets
// the server (or, on a static host, web/card.js) pick one for the visitor.
type Path struct {
	Kind  Kind
	Lang  string // "" when the address names none
	Event string // "" on the home page
}

// PathPattern is the addresses ParsePath reads, as a regular expression: what the browser's
// router matches (app/component's Route).
const PathPattern = `^(/[a-z]{2,3})?(/|/embed/?|/(events|embed)/[^/]+/?)$`

// ParsePath reads a page address; ok is false for anything else. The event id is not checked
// here: an unknown one is a page that says so.
func ParsePath(p string) (Path, bool) {
	if p == "" || p[0] != '/' || strings.Contains(p, "//") {
		return Path{}, false
	}
	// The segments in an array, not a slice of its own: the server reads a path per request.
	var all [3]string
	n := 0
	for rest, more := strings.Trim(p, "/"), true; more; n++ {
		if n == len(all) {
			return Path{}, false // no page has more
		}
		all[n], rest, more = strings.Cut(rest, "/")
	}
	segs := all[:n]
	var out Path
	if isLangSegment(segs[0]) && (len(segs) == 1 || len(segs) == 3 || (len(segs) == 2 && segs[1] == "embed")) {
		out.Lang, segs = segs[0], segs[1:]
	}
	switch {
	case len(segs) == 0 || (len(segs) == 1 && segs[0] == ""):
		out.Kind = HomePage
	case len(segs) == 1 && segs[0] == "embed":
		out.Kind = BuilderPage
	case len(segs) == 2 && segs[0] == "events" && segs[1] != "":
		out.Kind, out.Event = EventPage, segs[1]
	case len(segs) == 2 && segs[0] == "embed" && segs[1] != "":
		out.Kind, out.Event = EmbedPage, segs[1]
	default:
		return Path{}, false
	}
	return out, true
}

// isLangSegment reports whether s can be a language in a path: two or three letters a to z.
func isLangSegment(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, c := range []byte(s) {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// String is the canonical address, directory style (a static host serves index.html there).
func (p Path) String() string {
	var b strings.Builder
	if p.Lang != "" {
		b.WriteString("/" + p.Lang)
	}
	switch p.Kind {
	case EventPage:
		b.WriteString("/events/" + p.Event)
	case EmbedPage:
		b.WriteString("/embed/" + p.Event)
	case BuilderPage:
		b.WriteString("/embed")
	}
	b.WriteString("/")
	return b.String()
}

// In is the same page in lang.
func (p Path) In(lang string) Path {
	p.Lang = lang
	return p
}

// Calendar is the address of the event's calendar file in p's language (none: the event's
// own): /fr/events/{id}.ics.
func (p Path) Calendar() string {
	return strings.TrimSuffix(Path{Kind: EventPage, Lang: p.Lang, Event: p.Event}.String(), "/") + ".ics"
}
