package e2e

// What a visitor can do from the card of an event in person, clicked as a visitor clicks, in
// Chromium (DevTools tells which tabs open, with or without their opener, and what downloads).

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// action is one of the card's main links, as the frame has it.
type action struct{ Kind, Text, Href, Target, Rel, Download, Note string }

const readActions = `[...document.querySelectorAll(".card-actions .card-action")].map((s) => { const a = s.querySelector("a");
  return { Kind: a.className.match(/card-button--(\w+)/)[1], Text: a.firstChild.textContent.trim(), Href: a.href, Target: a.target, Rel: a.rel,
    Download: a.getAttribute("download") ?? "", Note: s.querySelector(".card-note")?.textContent ?? "" }; })`

// downloads allows the tab's downloads into a folder of the test and reports each as it
// completes: its suggested name and the file's path.
func downloads(t *testing.T, ctx context.Context) <-chan [2]string {
	t.Helper()
	dir := t.TempDir()
	c := chromedp.FromContext(ctx)
	on := true
	if _, err := cdp.Call(ctx, c.Browser, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, BrowserContextID: c.BrowserContextID, DownloadPath: dir, EventsEnabled: &on,
	}); err != nil {
		t.Fatal(err)
	}
	done := make(chan [2]string, 8)
	var mu sync.Mutex
	names := map[string]string{} // by download guid
	err := chromedp.ListenBrowser(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			names[e.GUID] = e.SuggestedFilename
		case *cdpbrowser.EventDownloadProgress:
			if e.State == cdpbrowser.DownloadProgressStateCompleted {
				done <- [2]string{names[e.GUID], filepath.Join(dir, e.GUID)}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return done
}

// TestWorkshopActions: the workshop's card in a partner's frame, before its registration
// deadline. Register, with the last day to register beside it, opens the form in a new tab that
// cannot reach back to the card or the partner's page (noopener); "Add to my calendar"
// downloads the event's calendar file, <id>.ics; the venue's address names the country in the
// card's language, and its Directions link opens the map site in a new tab.
func TestWorkshopActions(t *testing.T) {
	e := event(t, fixtures.Workshop)
	s := newSite(t, siteOptions{})
	host := chromiumEngine{}.newTab(t).(*chromiumPage)
	saved := downloads(t, host)
	host.open(t, s.page("/workshop", pageOptions{Snippet: snippetOf(e.ID), Plain: true}))
	f := host.frame(t, s.widget, "/embed/"+e.ID)
	waitFor(t, f, wasmStarted)
	eval[bool](t, f, `(window.__mark = true)`)
	showAll(t, host, f) // the banner fills the folded card at this width

	for _, lang := range []string{"es", "en"} {
		showIn(t, host, f, lang)
		until := say(t, lang, "", func(l *i18n.Localizer) string {
			return l.Text(i18n.RegisterUntil, map[string]any{"Date": l.FullDate(e.Registration.Deadline.Add(-time.Minute))})
		})
		want := []action{
			{"register", ui(t, lang, i18n.Register), e.Registration.URL, "_blank", "noopener", "", until},
			{"calendar", ui(t, lang, i18n.AddToCalendar), s.widget + "/" + lang + "/events/" + e.ID + ".ics", "", "", e.ID + ".ics", ""},
		}
		if got := eval[[]action](t, f, readActions); !slices.Equal(got, want) {
			t.Errorf("%s: actions %+v, want %+v", lang, got, want)
		}

		// The venue: its name and address, the country in the card's language, and directions.
		v := e.Venue
		country := say(t, lang, "", func(l *i18n.Localizer) string { return l.Country(v.Country) })
		got := eval[[]string](t, f, `(() => { const w = document.querySelector("address.card-where"), a = w.querySelector(".card-directions a");
		  return [...w.querySelectorAll(".card-venue, .card-address")].map((e) => e.textContent)
		    .concat(a.firstChild.textContent.trim(), a.href, a.target, a.rel); })()`)
		wantWhere := []string{v.Name, v.Street, v.PostalCode + " " + v.Locality, country, ui(t, lang, i18n.Directions), v.Map, "_blank", "noopener"}
		if !slices.Equal(got, wantWhere) {
			t.Errorf("%s: the venue %q, want %q", lang, got, wantWhere)
		}
	}

	// Register, clicked: the form in a new tab, which has no way back to its opener.
	before := pageTargets(t, host)
	host.click(t, f, ".card-button--register")
	opened := newTab(t, host, before)
	if opened.URL != e.Registration.URL || opened.CanAccessOpener {
		t.Errorf("Register opened %q (access to its opener: %v), want %q without", opened.URL, opened.CanAccessOpener, e.Registration.URL)
	}

	// Add to my calendar, clicked: the event's calendar file, downloaded under its name.
	host.click(t, f, ".card-button--calendar")
	select {
	case d := <-saved:
		body, err := os.ReadFile(d[1])
		if err != nil {
			t.Fatal(err)
		}
		summary := regexp.MustCompile(`(?m)^SUMMARY(?:;[^:]*)?:(.*?)\r?$`).FindStringSubmatch(string(body))
		if d[0] != e.ID+".ics" || !strings.HasPrefix(string(body), "BEGIN:VCALENDAR") || summary == nil || summary[1] != title(t, e.ID, "en") {
			t.Errorf("the calendar link downloaded %q:\n%.400s", d[0], body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the calendar link downloaded nothing")
	}

	// Directions, clicked: the map site in a new tab. The card stayed where it was.
	before = pageTargets(t, host)
	host.click(t, f, ".card-directions a")
	if opened := newTab(t, host, before); opened.URL != e.Venue.Map || opened.CanAccessOpener {
		t.Errorf("Directions opened %q (access to its opener: %v), want %q without", opened.URL, opened.CanAccessOpener, e.Venue.Map)
	}
	if got := eval[string](t, f, `window.__mark === true ? location.pathname : "navigated"`); got != "/embed/"+e.ID {
		t.Errorf("the frame: %s", got)
	}
}
