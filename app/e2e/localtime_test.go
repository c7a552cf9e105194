package e2e

// A timed event's time in the visitor's own zone: the server writes the event's (it cannot
// know the visitor's); the browser adds the visitor's, in the card's language, when its clock
// there differs.

import (
	"testing"
	"time"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// localTime is the card's <ec-local-time> as the visitor sees it, and what the browser's own
// Intl.DateTimeFormat writes for the event's start and end in zone and lang: the days and
// times, and the zone's long name.
type localTime struct {
	Shown                bool
	Text, Start, End, At string
}

func readLocalTime(zone, lang string) string {
	return `(() => { const e = document.querySelector(".card-when ec-local-time"), start = new Date(e.getAttribute("start")), end = new Date(e.getAttribute("end"));
  const clock = new Intl.DateTimeFormat(` + quoted(lang) + `, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZone: ` + quoted(zone) + ` });
  const name = new Intl.DateTimeFormat(` + quoted(lang) + `, { timeZone: ` + quoted(zone) + `, timeZoneName: "long" }).formatToParts(start).find((p) => p.type === "timeZoneName").value;
  return { Shown: !e.hidden && e.getClientRects().length > 0, Text: e.textContent, Start: e.getAttribute("start"), End: e.getAttribute("end"),
    At: clock.formatRange(start, end) + " (" + name + ")" }; })()`
}

// TestTheVisitorsOwnTime: the workshop (10:00 to 13:00 in Asunción) seen from Paris shows, under
// its date, the visitor's time as Intl writes it in Paris and in the card's language, and again
// in each language after a switch in place; seen from Asunción, or from São Paulo, whose clock
// reads the same that day, it shows nothing more.
func TestTheVisitorsOwnTime(t *testing.T) {
	e := event(t, fixtures.Workshop)
	start := e.When.Start()
	end, exact := e.When.End()
	if !e.When.Timed() || !exact {
		t.Fatalf("%s: the test needs a timed event with its end", e.ID)
	}
	const elsewhere = "Europe/Paris"
	paris, err := time.LoadLocation(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	if start.In(paris).Format("15:04") == start.Format("15:04") {
		t.Fatalf("%s starts at %s in Paris too: the test would prove nothing", e.ID, start.Format("15:04"))
	}
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		// The card, on a partner's page, seen from zone.
		from := func(zone string) (tab, doc) {
			host := b.newTabIn(t, zone)
			host.open(t, s.page("/local-time", pageOptions{Snippet: snippetOf(e.ID), Plain: true}))
			f := host.frame(t, s.widget, "/embed/"+e.ID)
			waitFor(t, f, wasmStarted)
			if got := eval[string](t, f, `Intl.DateTimeFormat().resolvedOptions().timeZone`); got != zone {
				t.Fatalf("the card's frame is in %s, not %s: the test would prove nothing", got, zone)
			}
			return host, f
		}

		host, f := from(elsewhere)
		showAll(t, host, f) // the banner fills the folded card at this width
		for _, lang := range cardLangs {
			showIn(t, host, f, lang)
			got := eval[localTime](t, f, readLocalTime(elsewhere, lang))
			want := say(t, lang, "", func(l *i18n.Localizer) string { return l.Text(i18n.YourTime, map[string]any{"Time": got.At}) })
			if !got.Shown || got.Text != want || got.Start != start.UTC().Format(time.RFC3339) || got.End != end.UTC().Format(time.RFC3339) {
				t.Errorf("%s, from %s: %+v; want %q shown, for %s to %s", lang, elsewhere, got, want, start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
			}
		}

		// Where the clock reads the same, nothing more.
		for _, zone := range []string{e.When.Zone.String(), "America/Sao_Paulo"} {
			_, f := from(zone)
			if got := eval[localTime](t, f, readLocalTime(zone, "es")); got.Shown || got.Text != "" {
				t.Errorf("from %s: the visitor's time shows %q", zone, got.Text)
			}
		}
	})
}
