package e2e

// An event that is not simply on: cancelled, postponed, rescheduled or moved online. The card
// says so first, in the visitor's language, and offers nothing to do for an event that will
// not take place when planned; a rescheduled event shows its former date struck through.

import (
	"slices"
	"testing"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// statusAtTop reads, in a card's frame, what its status says and whether it is the first thing
// the card says: the first text of the card after the language switcher is the status's, above
// the title, in view of the folded frame.
const statusAtTop = `(() => {
  const alert = document.querySelector(".card-alert"), h1 = document.querySelector("h1");
  if (!alert) return { Text: "", First: false, InView: false };
  const it = document.createTreeWalker(document.querySelector(".card"), NodeFilter.SHOW_TEXT);
  let first = null;
  while (!first && it.nextNode()) {
    const p = it.currentNode.parentElement;
    if (it.currentNode.data.trim() && !p.closest(".card-langs, .sr-only")) first = p;
  }
  const r = alert.getBoundingClientRect();
  return { Text: alert.textContent, First: !!first && alert.contains(first) && r.bottom <= h1.getBoundingClientRect().top,
    InView: r.height > 0 && r.top >= 0 && r.bottom <= innerHeight };
})()`

// cardActions are the kinds of the card's main links (register, join, calendar, recording) and
// whether it says the event is upcoming or past.
const cardActions = `({ Kinds: [...document.querySelectorAll(".card-actions a.card-button")].map((a) => a.className.match(/card-button--(\w+)/)[1]),
  Chip: !!document.querySelector(".card-status, .card-countdown") })`

func TestStatusSaysSoAtTheTop(t *testing.T) {
	ids := []string{fixtures.Cancelled, fixtures.Postponed, fixtures.Rescheduled, fixtures.MovedOnline}
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		for _, id := range ids {
			e := event(t, id)
			host.open(t, s.page("/"+id, pageOptions{Snippet: snippetOf(id), Plain: true}))
			f := host.frame(t, s.widget, "/embed/"+id)
			waitFor(t, f, wasmStarted)
			off := e.Status == content.Cancelled || e.Status == content.Postponed
			// (The first card's last language is remembered: the next one opens in it.)
			for _, lang := range cardLangs {
				showIn(t, host, f, lang)
				got := eval[struct {
					Text          string
					First, InView bool
				}](t, f, statusAtTop)
				if want := say(t, lang, "", func(l *i18n.Localizer) string { return l.Text(statusText(e.Status), nil) }); got.Text != want || !got.First || !got.InView {
					t.Errorf("%s in %s: the status says %q (want %q), first %v, in view %v", id, lang, got.Text, want, got.First, got.InView)
				}
				// Nothing to do for an event that will not take place when planned: no
				// registration, no meeting to join, no calendar file, no "Upcoming"; the others
				// still offer the calendar.
				acts := eval[struct {
					Kinds []string
					Chip  bool
				}](t, f, cardActions)
				if off && (len(acts.Kinds) > 0 || acts.Chip) {
					t.Errorf("%s in %s: actions %q, upcoming or countdown shown %v: want none", id, lang, acts.Kinds, acts.Chip)
				}
				if !off && (!slices.Contains(acts.Kinds, "calendar") || !acts.Chip) {
					t.Errorf("%s in %s: actions %q, upcoming shown %v: want the calendar, and upcoming", id, lang, acts.Kinds, acts.Chip)
				}
			}
		}
	})
}

// The standalone page of a rescheduled event: its new date, then the former one struck
// through and introduced for screen readers as the former date; in every language, in place.
func TestFormerDateStruckThrough(t *testing.T) {
	e := event(t, fixtures.Rescheduled)
	if e.Previous == nil {
		t.Fatalf("%s has no former date", e.ID)
	}
	end, _ := e.When.End()
	w := newSite(t, siteOptions{}).widget
	host := chromiumEngine{}.newTab(t)
	host.open(t, w+"/es/events/"+e.ID+"/")
	waitFor(t, host, wasmStarted)
	for _, lang := range cardLangs {
		showIn(t, host, host, lang)
		got := eval[struct {
			When, Label, Former, Line string
			After, Visible            bool
		}](t, host, `(() => { const d = document.querySelector(".card-when .card-former del"), time = document.querySelector(".card-when time");
		  return { When: time.textContent, Label: d.previousElementSibling?.matches(".sr-only") ? d.previousElementSibling.textContent : "",
		    Former: d.textContent, Line: getComputedStyle(d).textDecorationLine, Visible: d.getClientRects().length > 0,
		    After: !!(time.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING) }; })()`)
		want := say(t, lang, "", func(l *i18n.Localizer) string { return l.FullDateTimeRange(e.When.Start(), end) })
		former := say(t, lang, "", func(l *i18n.Localizer) string { return l.FullDateTime(e.Previous.Start()) })
		if got.When != want || got.Former != former || got.Label != ui(t, lang, i18n.FormerDate)+" " || got.Line != "line-through" || !got.Visible || !got.After {
			t.Errorf("%s: %+v; want the date %q, then %q struck through, introduced by %q", lang, got, want, former, ui(t, lang, i18n.FormerDate))
		}
	}
}
