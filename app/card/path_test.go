package card

import "testing"

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Path
		ok   bool
		out  string
	}{
		{"/", Path{Kind: HomePage}, true, "/"},
		{"/fr/", Path{Kind: HomePage, Lang: "fr"}, true, "/fr/"},
		{"/fr", Path{Kind: HomePage, Lang: "fr"}, true, "/fr/"},
		{"/events/x-1", Path{Kind: EventPage, Event: "x-1"}, true, "/events/x-1/"},
		{"/events/x-1/", Path{Kind: EventPage, Event: "x-1"}, true, "/events/x-1/"},
		{"/pt/events/x/", Path{Kind: EventPage, Lang: "pt", Event: "x"}, true, "/pt/events/x/"},
		{"/embed/x", Path{Kind: EmbedPage, Event: "x"}, true, "/embed/x/"},
		{"/es/embed/x/", Path{Kind: EmbedPage, Lang: "es", Event: "x"}, true, "/es/embed/x/"},
		{"/embed/-/", Path{Kind: EmbedPage, Event: "-"}, true, "/embed/-/"},
		{"/embed", Path{Kind: BuilderPage}, true, "/embed/"},
		{"/embed/", Path{Kind: BuilderPage}, true, "/embed/"},
		{"/fr/embed/", Path{Kind: BuilderPage, Lang: "fr"}, true, "/fr/embed/"},
		{"/fr/embed", Path{Kind: BuilderPage, Lang: "fr"}, true, "/fr/embed/"},
		{"/events/x/y", Path{}, false, ""},
		{"/fr/events/", Path{}, false, ""},
		{"/french/events/x/", Path{}, false, ""},
		{"/FR/events/x/", Path{}, false, ""},
		{"//events/x", Path{}, false, ""},
		{"/web/app.wasm", Path{}, false, ""},
		{"/app.js", Path{}, false, ""},
		{"", Path{}, false, ""},
	} {
		got, ok := ParsePath(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("ParsePath(%q) = %+v, %v; want %+v, %v", c.in, got, ok, c.want, c.ok)
		}
		if ok && got.String() != c.out {
			t.Errorf("ParsePath(%q).String() = %q, want %q", c.in, got.String(), c.out)
		}
	}
}
