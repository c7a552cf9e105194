package card

import (
	"regexp"
	"strings"
	"testing"
)

// langTag is a language in a path, as the README says: two or three letters a to z.
var langTag = regexp.MustCompile(`^[a-z]{2,3}$`)

// Page addresses, whatever the request's path: either not a page, or a page whose canonical
// address reads back as the same page (so the server's cache key and the links it writes agree),
// with an event id that is one path segment, never a way out of it.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"/", "/en/", "/embed/", "/fr/embed", "/events/where-are-the-women-2020", "/pt/events/x/",
		"/embed/x/y", "//", "", "/../", "/en/embed/<script>", "/\x00/", "/ｅｎ/events/x", "/events/..", "/events/%2e%2e",
		"/de/events/x/", "/eng/embed/x", "/en/en/embed/x", "/embed//x", "events/x", "/events/x.ics", "/EN/events/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePath(s)
		if !ok {
			if p != (Path{}) {
				t.Errorf("%q: not a page, yet %+v", s, p)
			}
			return
		}
		switch p.Kind {
		case HomePage, BuilderPage:
			if p.Event != "" {
				t.Errorf("%q: %v page with event %q", s, p.Kind, p.Event)
			}
		case EventPage, EmbedPage:
			if p.Event == "" || strings.Contains(p.Event, "/") {
				t.Errorf("%q: event %q", s, p.Event)
			}
		default:
			t.Fatalf("%q: kind %v", s, p.Kind)
		}
		if p.Lang != "" && !langTag.MatchString(p.Lang) {
			t.Errorf("%q: language %q", s, p.Lang)
		}
		c := p.String()
		if !strings.HasPrefix(c, "/") || !strings.HasSuffix(c, "/") || strings.Contains(c, "//") {
			t.Errorf("%q: canonical address %q", s, c)
		}
		if back, ok := ParsePath(c); !ok || back != p {
			t.Errorf("%q: canonical %q reads back as %+v, %v; want %+v", s, c, back, ok, p)
		}
	})
}
