package component_test

import (
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"eventcard/app/card"
	"eventcard/app/component"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// The card is rendered from the fixture events (fixtures.Tree): which events the project
// publishes changes none of these tests. Expected texts come from the fixtures' message files
// and locales/ui, through go-i18n.

var langs = []string{"es", "en", "pt", "fr"}

const origin = "http://127.0.0.1:8000"

func load(t *testing.T, fsys fs.FS) *views.Set {
	t.Helper()
	s, err := views.Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// render is the page at path showing b, as the server prerenders it, at the clock's now.
func render(b *card.Bundle, path card.Path) string {
	return app.HTMLString(component.Prerendered(b, path, origin))
}

var (
	startTag = regexp.MustCompile(`<([a-z][a-z0-9-]*)\b([^>]*)>`)
	attrRE   = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`)
	void     = map[string]bool{"img": true, "source": true, "br": true, "input": true, "meta": true, "link": true}
)

// element is one element of a rendered page: its start tag, its attributes (a bare one has
// the empty value, as HTML reads it) and its text, tags removed and spaces collapsed.
type element struct {
	tag   string
	attrs map[string]string
	text  string
	at    int // where it starts in the page
}

// class reports whether the element has class among its classes.
func (e element) class(class string) bool {
	return slices.Contains(strings.Fields(e.attrs["class"]), class)
}

// elements lists the elements of page, in document order.
func elements(page string) []element {
	var out []element
	for _, m := range startTag.FindAllStringSubmatchIndex(page, -1) {
		name := page[m[2]:m[3]]
		e := element{tag: page[m[0]:m[1]], attrs: map[string]string{}, at: m[0]}
		for _, a := range attrRE.FindAllStringSubmatch(page[m[4]:m[5]], -1) {
			e.attrs[a[1]] = html.UnescapeString(a[2])
		}
		if !void[name] {
			e.text = textOf(page[m[1]:closing(page, name, m[1])])
		}
		out = append(out, e)
	}
	return out
}

// byClass lists the elements of page with class among their classes, in document order.
func byClass(page, class string) []element {
	var out []element
	for _, e := range elements(page) {
		if e.class(class) {
			out = append(out, e)
		}
	}
	return out
}

// closing is where the element named name whose content starts at from ends.
func closing(page, name string, from int) int {
	open := regexp.MustCompile(`<` + name + `\b[^>]*>|</` + name + `>`)
	depth := 1
	for _, m := range open.FindAllStringIndex(page[from:], -1) {
		if strings.HasPrefix(page[from+m[0]:], "</") {
			if depth--; depth == 0 {
				return from + m[0]
			}
		} else {
			depth++
		}
	}
	return len(page)
}

func textOf(inner string) string {
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(inner, "")
	return strings.Join(strings.Fields(html.UnescapeString(text)), " ")
}

// space collapses a text's spaces as textOf does (a message may hold a no-break space, which
// stays).
func space(s string) string { return strings.Join(strings.Fields(s), " ") }

// Paths into the page's tree, from the component: div.page › main › article › header, whose
// children are the switcher (nav › ul › li › a), p.card-meta, the h1 and p.card-when › time
// (an event on, without a banner: nothing before the switcher, no status).
var (
	titlePath    = app.TestPath(0, 1, 0, 0, 2, 0)
	datePath     = app.TestPath(0, 1, 0, 0, 3, 0, 0)
	switcherPath = func(i int) []int { return app.TestPath(0, 1, 0, 0, 0, 0, i, 0) }
)

// The server tester prerenders the page as the Handler does; Show then switches the mounted
// component in place, as a click on the switcher does in the browser.
func TestCardTreeInEveryLanguage(t *testing.T) {
	tree := fixtures.Tree(t)
	b, _ := load(t, tree).Bundle(fixtures.PastWebinar)
	start := fixtures.Event(t, tree, fixtures.PastWebinar).When.Start()
	p := component.Prerendered(b, card.Path{Kind: card.EventPage, Event: fixtures.PastWebinar}, origin)
	d := app.NewServerTester(p)
	defer d.Close()
	// The path names no language: the event's own.
	if p.Lang() != "es" {
		t.Fatalf("first render in %q, want es", p.Lang())
	}
	for i, lang := range langs {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: p, Function: func(ctx app.Context) { p.Show(ctx, lang) }})
		d.Consume()
		if p.Lang() != lang {
			t.Fatalf("after Show(%s): %s", lang, p.Lang())
		}
		href := card.Path{Kind: card.EventPage, Lang: lang, Event: fixtures.PastWebinar}.String()
		for _, c := range []app.TestUIDescriptor{
			{Path: titlePath, Expected: app.Text(fixtures.EventMessage(t, tree, fixtures.PastWebinar, lang, "Title"))},
			{Path: datePath, Expected: app.Text(fixtures.Localizer(t, tree, lang, "").FullDate(start))},
			{Path: app.TestPath(0, 1, 0, 0, 3, 0), Expected: app.Time().DateTime("2020-09-14")},
			{Path: switcherPath(i), Expected: app.A().Href(href).HrefLang(lang).Lang(lang).Aria("current", "page").OnClick(func(app.Context, app.Event) {})},
		} {
			if err := app.TestMatch(p, c); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
		}
	}
	// A language the card does not have changes nothing.
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: p, Function: func(ctx app.Context) { p.Show(ctx, "de") }})
	d.Consume()
	if p.Lang() != "fr" {
		t.Errorf("Show(de) moved the card to %q", p.Lang())
	}
}

func TestUnknownEventTree(t *testing.T) {
	tree := fixtures.Tree(t)
	unknown, _ := load(t, tree).Bundle("no-such-event")
	p := component.Prerendered(unknown, card.Path{Kind: card.EventPage, Event: "no-such-event"}, origin)
	d := app.NewServerTester(p)
	defer d.Close()
	// The unknown-event card, in the source language (the path names none).
	l := fixtures.Localizer(t, tree, "es", "")
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0, 1, 0, 0, 0, 0), Expected: app.Text(l.Text(i18n.UnknownEventTitle, nil))}); err != nil {
		t.Error(err)
	}
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0, 1, 0, 1), Expected: app.P().Class("card-missing")}); err != nil {
		t.Error(err)
	}
	if got := byClass(render(unknown, card.Path{Kind: card.EventPage, Lang: "es", Event: "no-such-event"}), "card-missing"); len(got) != 1 || got[0].text != space(l.Text(i18n.UnknownEvent, nil)) {
		t.Errorf("the unknown-event card says %+v", got)
	}
}

// The client tester mounts a page that has no data yet: it renders an empty page, no panic.
func TestClientWithoutDataRendersNothing(t *testing.T) {
	p := &component.Page{}
	d := app.NewClientTester(p)
	defer d.Close()
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0), Expected: app.Div().Class("page")}); err != nil {
		t.Error(err)
	}
}
