package card_test

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"eventcard/app/card"
	"eventcard/app/views"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var (
	setOnce sync.Once
	set     *views.Set
	setErr  error
)

// realCards are the cards built from the project's own events and translations.
func realCards(t *testing.T) *views.Set {
	t.Helper()
	setOnce.Do(func() { set, setErr = views.Load(os.DirFS("../..")) })
	if setErr != nil {
		t.Fatal(setErr)
	}
	return set
}

const event = "where-are-the-women-2020"

// Paths into the page's tree, from the component: div.page › main › article › header, whose
// children are the switcher (nav › ul › li › a), p.card-meta, the h1 and p.card-date › time.
var (
	titlePath    = app.TestPath(0, 0, 0, 0, 2, 0)
	datePath     = app.TestPath(0, 0, 0, 0, 3, 0, 0)
	switcherPath = func(i int) []int { return app.TestPath(0, 0, 0, 0, 0, 0, i, 0) }
)

var want = map[string]struct{ title, date string }{
	"es": {"¿Dónde están las mujeres? La trata de personas y la Convención de Belém do Pará", "lunes, 14 de septiembre de 2020"},
	"en": {"Where are the women? Human trafficking and the Convention of Belém do Pará", "Monday, September 14, 2020"},
	"pt": {"Onde estão as mulheres? O tráfico de pessoas e a Convenção de Belém do Pará", "segunda-feira, 14 de setembro de 2020"},
	"fr": {"Où sont les femmes\u00a0? La traite des personnes et la Convention de Belém do Pará", "lundi 14 septembre 2020"},
}

// The server tester prerenders the page as the Handler does; Show then switches the mounted
// component in place, as a click on the switcher does in the browser.
func TestCardTreeInEveryLanguage(t *testing.T) {
	b, ok := realCards(t).Bundle(event)
	if !ok {
		t.Fatal("no bundle for", event)
	}
	p := card.Prerendered(b, card.Path{Kind: card.HomePage}, "http://127.0.0.1:8000")
	d := app.NewServerTester(p)
	defer d.Close()
	// The test URL names no language: the event's own.
	if p.Lang() != "es" {
		t.Fatalf("first render in %q, want es", p.Lang())
	}
	for i, lang := range []string{"es", "en", "pt", "fr"} {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: p, Function: func(ctx app.Context) { p.Show(ctx, lang) }})
		d.Consume()
		if p.Lang() != lang {
			t.Fatalf("after Show(%s): %s", lang, p.Lang())
		}
		for _, c := range []app.TestUIDescriptor{
			{Path: titlePath, Expected: app.Text(want[lang].title)},
			{Path: datePath, Expected: app.Text(want[lang].date)},
			{Path: app.TestPath(0, 0, 0, 0, 3, 0), Expected: app.Time().DateTime("2020-09-14")},
			{Path: switcherPath(i), Expected: app.A().Href("/"+lang+"/").HrefLang(lang).Lang(lang).Aria("current", "page").OnClick(func(app.Context, app.Event) {})},
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
	unknown, _ := realCards(t).Bundle("no-such-event")
	p := card.Prerendered(unknown, card.Path{Kind: card.EventPage, Event: "no-such-event"}, "http://127.0.0.1:8000")
	d := app.NewServerTester(p)
	defer d.Close()
	// The unknown-event card, in the source language (the tester's URL names none).
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0, 0, 0, 0, 0, 0), Expected: app.Text("Evento no encontrado")}); err != nil {
		t.Error(err)
	}
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0, 0, 0, 1), Expected: app.P().Class("card-error")}); err != nil {
		t.Error(err)
	}
}

// The client tester mounts a page that has no data yet: it renders an empty page, no panic.
func TestClientWithoutDataRendersNothing(t *testing.T) {
	p := &card.Page{}
	d := app.NewClientTester(p)
	defer d.Close()
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0), Expected: app.Div().Class("page")}); err != nil {
		t.Error(err)
	}
}

// What the server writes into the page is what the wasm reads back, for every language.
func TestDataRoundTrip(t *testing.T) {
	b, _ := realCards(t).Bundle(event)
	data, err := card.Data(b)
	if err != nil {
		t.Fatal(err)
	}
	body := string(data)
	if strings.ContainsAny(body, "<>") {
		t.Error("the data block contains < or >: a text could close the element")
	}
	back, err := card.ParseData(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		got, orig := back.View(lang), b.View(lang)
		if got.Title != orig.Title || got.Date != orig.Date || !got.Ends.Equal(orig.Ends) || len(got.People) != 5 || got.Labels != orig.Labels {
			t.Errorf("%s: the round trip changed the view", lang)
		}
	}
	if _, err := card.ParseData(`{"views":{}}`); err == nil {
		t.Error("ParseData accepted a bundle without views")
	}
	if _, err := card.ParseData(`not json`); err == nil {
		t.Error("ParseData accepted garbage")
	}
}

func TestUpcomingIsComputedFromTheDate(t *testing.T) {
	b, _ := realCards(t).Bundle(event)
	v := b.View("es")
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2020, 9, 13, 23, 0, 0, 0, asuncion), true},
		{time.Date(2020, 9, 14, 23, 59, 0, 0, asuncion), true},
		{time.Date(2020, 9, 15, 0, 0, 0, 0, asuncion), false},
		{time.Now(), false},
	} {
		if got := v.Upcoming(c.now); got != c.want {
			t.Errorf("Upcoming(%v) = %v", c.now, got)
		}
	}
	if b.View("xx").Lang != b.Default {
		t.Error("a language the bundle lacks should give the default view")
	}
}
