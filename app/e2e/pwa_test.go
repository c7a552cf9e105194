package e2e

// The standalone page as an installable, offline app; the event index; the snippet builder;
// share and calendar. The widget's own pages, on 127.0.0.1.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
)

const swReady = `navigator.serviceWorker.controller !== null`

func TestOfflineInEveryLanguageAfterOneVisit(t *testing.T) {
	s := newSite(t, siteOptions{})
	w := s.widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/es/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	// Once the worker controls the page, reload once: that visit is answered by the worker,
	// which stores the page in every language.
	waitFor(t, ctx, swReady)
	open(t, ctx, w+"/es/events/"+eventID+"/")
	waitFor(t, ctx, `caches.keys().then(async (ks) => { const c = await caches.open(ks[0]);
	  return (await Promise.all(["es","en","pt","fr"].map((l) => c.match("/" + l + "/events/`+eventID+`/")))).every(Boolean); })`)
	open(t, ctx, w+"/")
	waitFor(t, ctx, wasmStarted)

	s.stopWidget() // the network is gone
	for _, lang := range []string{"fr", "en", "pt", "es"} {
		open(t, ctx, w+"/"+lang+"/events/"+eventID+"/")
		waitFor(t, ctx, wasmStarted)
		checkCard(t, eval[cardText](t, ctx, readCard), lang)
	}
	open(t, ctx, w+"/")
	waitFor(t, ctx, `document.querySelectorAll(".index-item").length === `+strconv.Itoa(len(fixtures.IDs)))
}

func TestANewVersionIsAnnounced(t *testing.T) {
	tree := editableTree(t)
	s := newSite(t, siteOptions{Tree: tree})
	w := s.widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/fr/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	waitFor(t, ctx, swReady)

	// A new build: one byte changes, the version with it.
	next := maps.Clone(tree)
	projecttree.Replace(t, next, "web/src/card.css", "/* The card's stylesheet", "/* The card's stylesheet,")
	s.rebuild(t, next)
	eval[bool](t, ctx, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	waitFor(t, ctx, `document.querySelector(".page-notice")?.textContent.includes(`+quoted(ui(t, "fr", i18n.UpdateReady))+`)`)
	if got := eval[string](t, ctx, `document.querySelector(".page-notice button").textContent`); got != ui(t, "fr", i18n.Reload) {
		t.Errorf("reload button %q", got)
	}
}

// indexOrder is the fixture events as the index lists them at now: the upcoming ones, the
// soonest first, then the past ones, the most recent first.
func indexOrder(t *testing.T, now time.Time) (upcoming, past []*content.Event) {
	t.Helper()
	for _, id := range fixtures.IDs {
		e := event(t, id)
		if end, _ := e.When.End(); now.Before(end) {
			upcoming = append(upcoming, e)
		} else {
			past = append(past, e)
		}
	}
	byStart := func(a, b *content.Event) int { return a.When.Start().Compare(b.When.Start()) }
	slices.SortFunc(upcoming, byStart)
	slices.SortFunc(past, func(a, b *content.Event) int { return byStart(b, a) })
	if len(upcoming) == 0 || len(past) == 0 {
		t.Fatalf("the fixtures have %d upcoming and %d past events: the index test needs both", len(upcoming), len(past))
	}
	return upcoming, past
}

// indexItem is one event in the index, as the page lists it.
type indexItem struct{ Href, Kind, Title, Status, DateTime, Date string }

// The home page of several events is their index: the upcoming ones, the soonest first, under
// their heading, then the past ones, the most recent first; each says its kind, its title, its
// status when it is not simply on, and its date, and links to its card. The index switches
// language in place.
func TestIndexOfEventsWithLanguageSwitching(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	host := chromiumEngine{}.newTab(t)
	host.open(t, w+"/pt/")
	waitFor(t, host, wasmStarted)
	upcoming, past := indexOrder(t, time.Now())
	read := func(list string) []indexItem {
		return eval[[]indexItem](t, host, `[...document.querySelectorAll("#`+list+` ~ .index-list .index-item")].map((li) => ({
		  Href: li.querySelector("a").getAttribute("href"), Kind: li.querySelector(".card-kind").textContent,
		  Title: li.querySelector(".index-title").textContent, Status: li.querySelector(".index-status")?.textContent ?? "",
		  DateTime: li.querySelector("time").getAttribute("datetime"), Date: li.querySelector("time").textContent }))`)
	}
	check := func(lang, list string, heading *goi18n.Message, want []*content.Event) {
		t.Helper()
		if got := eval[string](t, host, `document.getElementById("`+list+`").textContent`); got != ui(t, lang, heading) {
			t.Errorf("%s: %s's heading %q, want %q", lang, list, got, ui(t, lang, heading))
		}
		got := read(list)
		if len(got) != len(want) {
			t.Fatalf("%s: %s lists %d events, want %d: %+v", lang, list, len(got), len(want), got)
		}
		for i, e := range want {
			status := ""
			if e.Status != content.Scheduled {
				status = say(t, lang, "", func(l *i18n.Localizer) string { return l.Text(statusText(e.Status), nil) })
			}
			g := got[i]
			if g.Href != "/"+lang+"/events/"+e.ID+"/" || g.Title != title(t, e.ID, lang) || g.Kind != eventText(t, e.ID, lang, "Kind") ||
				g.Status != status || !strings.HasPrefix(g.DateTime, e.When.Date.String()) || g.Date == "" {
				t.Errorf("%s: %s, item %d: %+v; want %s, %q, %q, status %q", lang, list, i+1, g, e.ID, title(t, e.ID, lang), eventText(t, e.ID, lang, "Kind"), status)
			}
		}
	}
	if got := eval[string](t, host, `document.querySelector("h1").textContent`); got != ui(t, "pt", i18n.EventsIndex) {
		t.Errorf("title %q", got)
	}
	check("pt", "index-upcoming", i18n.EventsUpcoming, upcoming)
	check("pt", "index-past", i18n.EventsPast, past)
	if !eval[bool](t, host, `document.getElementById("index-upcoming").compareDocumentPosition(document.getElementById("index-past")) === Node.DOCUMENT_POSITION_FOLLOWING`) {
		t.Error("the past events come before the upcoming ones")
	}

	eval[bool](t, host, `(window.__mark = true)`)
	host.click(t, host, langLink("fr"))
	waitFor(t, host, `document.documentElement.lang === "fr"`)
	if got := eval[string](t, host, `document.querySelector("h1").textContent + " " + location.pathname + " " + window.__mark`); got != ui(t, "fr", i18n.EventsIndex)+" /fr/ true" {
		t.Errorf("after switching: %q", got)
	}
	check("fr", "index-upcoming", i18n.EventsUpcoming, upcoming)
	check("fr", "index-past", i18n.EventsPast, past)

	// Each item is a link to its card, in the index's language.
	for _, e := range append(upcoming, past...) {
		host.open(t, w+"/fr/")
		waitFor(t, host, wasmStarted)
		host.click(t, host, `.index-item a[href="/fr/events/`+e.ID+`/"]`)
		waitFor(t, host, `location.pathname === "/fr/events/`+e.ID+`/" && `+wasmStarted)
		if got := eval[[]string](t, host, `[document.documentElement.lang, document.querySelector("h1").textContent]`); !slices.Equal(got, []string{"fr", title(t, e.ID, "fr")}) {
			t.Errorf("the index's link to %s opened %q", e.ID, got)
		}
	}
}

// statusText is the message that names status ("Status.cancelled"), read by its id.
func statusText(s content.Status) *goi18n.Message { return &goi18n.Message{ID: "Status." + string(s)} }

// An upcoming event offers what one can do before it (here: register, add it to one's
// calendar); a past one, its recording.
func TestUpcomingEventOffersTheCalendarPastOneTheRecording(t *testing.T) {
	w := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	forum := event(t, fixtures.HybridForum)
	open(t, ctx, w.widget+"/en/events/"+forum.ID+"/")
	waitFor(t, ctx, wasmStarted)
	actions := `[...document.querySelectorAll(".card-actions a")].map((a) => a.firstChild.textContent.trim() + " " + a.getAttribute("href"))`
	got := eval[[]string](t, ctx, actions)
	want := []string{ui(t, "en", i18n.Register) + " " + forum.Registration.URL, ui(t, "en", i18n.AddToCalendar) + " /en/events/" + forum.ID + ".ics"}
	if !slices.Equal(got, want) {
		t.Errorf("upcoming event actions: %q, want %q", got, want)
	}
	if s := eval[string](t, ctx, `document.querySelector(".card-status").textContent`); s != ui(t, "en", i18n.Upcoming) {
		t.Errorf("status %q", s)
	}
	open(t, ctx, w.widget+"/en/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	got = eval[[]string](t, ctx, actions)
	if want := []string{ui(t, "en", i18n.WatchRecording) + " " + event(t, eventID).Recording.URL}; !slices.Equal(got, want) {
		t.Errorf("past event actions: %q, want %q", got, want)
	}
	if s := eval[string](t, ctx, `document.querySelector(".card-status").textContent`); s != ui(t, "en", i18n.Past) {
		t.Errorf("status %q", s)
	}
}

// Share: where the browser has no share sheet (desktop Linux), the card's address is copied
// and the card says so, politely, in its language. Also inside a partner's frame.
func TestShareCopiesTheAddress(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	f := startedCard(t, ctx, s, "/share", pageOptions{Snippet: snippet})
	if eval[bool](t, f, `"share" in navigator`) {
		t.Log("this browser has navigator.share: the copy path is tested with it removed")
	}
	eval[bool](t, f, `(delete Navigator.prototype.share, navigator.clipboard.writeText = async (t) => { window.__copied = t; }, true)`)
	eval[bool](t, f, `(document.querySelector(".card-share").click(), true)`)
	waitFor(t, f, `document.querySelector(".card-share-status").textContent === `+quoted(ui(t, "es", i18n.LinkCopied)))
	if got := eval[string](t, f, `window.__copied`); got != s.widget+"/es/events/"+eventID+"/" {
		t.Errorf("copied %q", got)
	}
	// The frame delegates Web Share where the partner's browser has it, and nowhere else (an
	// unknown feature is a warning in the partner's console).
	share := eval[bool](t, ctx, `"share" in navigator`)
	if got := eval[string](t, ctx, `document.querySelector("iframe").allow`); strings.Contains(got, "web-share") != share || !strings.Contains(got, "clipboard-write") {
		t.Errorf("the frame allows %q where navigator.share is %v", got, share)
	}
}

// The builder: pick French and dark, copy the snippet, paste it on a partner's page: a French,
// dark card.
func TestSnippetBuilderMakesAWorkingSnippet(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	open(t, ctx, s.widget+"/en/embed/")
	waitFor(t, ctx, wasmStarted)
	// The live preview runs the snippet already.
	waitFor(t, ctx, `document.querySelector("#builder-preview iframe")`)
	choose := func(id, value string) {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q;
		  e.dispatchEvent(new Event(e.tagName === "INPUT" ? "input" : "change", { bubbles: true })); return true; })()`, id, value))
	}
	choose("builder-event", eventID)
	choose("builder-lang", "fr")
	choose("builder-theme", "dark")
	choose("builder-accent", "#cfb3f0")
	waitFor(t, ctx, `document.getElementById("builder-snippet").textContent.includes('data-theme="dark" data-accent="#cfb3f0"')`)
	// The placeholder's text is the title in the card's language.
	if got := eval[string](t, ctx, `document.getElementById("builder-snippet").textContent`); !strings.Contains(got, ">"+eventText(t, eventID, "fr", "Title")+"</a>") {
		t.Errorf("the snippet's link text is not the French title:\n%s", got)
	}
	// The verdict on the accent, in words: a pale violet reads on the dark card, not on the light.
	verdict := `document.getElementById("builder-verdict")`
	waitFor(t, ctx, verdict+`.textContent === `+quoted(ui(t, "en", i18n.AccentReadable)))
	choose("builder-theme", "light")
	waitFor(t, ctx, verdict+`.textContent === `+quoted(ui(t, "en", i18n.AccentLowLight))+` && `+verdict+`.classList.contains("builder-verdict--low")`)
	if !eval[bool](t, ctx, `(() => { const r = `+verdict+`.getBoundingClientRect(); return r.height > 0 && getComputedStyle(`+verdict+`).visibility === "visible"; })()`) {
		t.Error("the verdict is not visible")
	}
	choose("builder-theme", "dark")
	waitFor(t, ctx, `document.getElementById("builder-snippet").textContent.includes('data-theme="dark" data-accent="#cfb3f0"')`)
	eval[bool](t, ctx, `(navigator.clipboard.writeText = async (t) => { window.__copied = t; }, document.querySelector("#builder-snippet ~ button").click(), true)`)
	waitFor(t, ctx, `typeof window.__copied === "string" && document.querySelector(".card-share-status").textContent === "Copied"`)
	copied := eval[string](t, ctx, `window.__copied`)
	for _, want := range []string{`data-event="` + eventID + `"`, `data-lang="fr"`, `data-theme="dark"`, `data-accent="#cfb3f0"`, s.widget + "/embed.js", `class="eventcard"`} {
		if !strings.Contains(copied, want) {
			t.Errorf("the copied snippet lacks %s:\n%s", want, copied)
		}
	}
	csp := eval[string](t, ctx, `document.getElementById("builder-csp").textContent`)
	if csp != "Content-Security-Policy: script-src "+s.widget+"; frame-src "+s.widget {
		t.Errorf("CSP lines %q", csp)
	}
	// The preview follows the choices.
	waitFor(t, ctx, `document.querySelector("#builder-preview iframe")?.src.includes("theme=dark")`)

	// Pasted on a partner's page.
	host := chromiumTab(t)
	open(t, host, s.page("/pasted", pageOptions{Snippet: strings.ReplaceAll(copied, s.widget, "{{widget}}")}))
	f := frame(t, host, s.widget, "theme=dark")
	waitFor(t, f, wasmStarted+` && document.documentElement.lang === "fr"`)
	checkCard(t, eval[cardText](t, f, readCard), "fr")
	if got := eval[string](t, f, `getComputedStyle(document.querySelector(".card")).backgroundColor`); got != "rgb(29, 25, 35)" {
		t.Errorf("pasted dark card: paper %s", got)
	}
}

// The install offer goes through go-app's hooks (app.js keeps the browser's
// beforeinstallprompt and tells the component): a button on the standalone page, never in a
// partner's frame. Headless Chromium never offers an install by itself, so the test hands
// app.js the same event the browser would.
func TestInstallOfferedOnTheStandalonePageOnly(t *testing.T) {
	const offer = `(() => { const e = new Event("beforeinstallprompt"); e.prompt = () => { window.__prompted = true; };
	  e.userChoice = Promise.resolve({ outcome: "dismissed" }); dispatchEvent(e); return true; })()`
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	open(t, ctx, s.widget+"/es/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	eval[bool](t, ctx, offer)
	install := quoted(ui(t, "es", i18n.Install))
	waitFor(t, ctx, `[...document.querySelectorAll(".page-bar button")].some((b) => b.textContent === `+install+`)`)
	eval[bool](t, ctx, `([...document.querySelectorAll(".page-bar button")].find((b) => b.textContent === `+install+`).click(), true)`)
	waitFor(t, ctx, `window.__prompted === true`)

	f := startedCard(t, ctx, s, "/install", pageOptions{Snippet: snippet})
	eval[bool](t, f, offer)
	time.Sleep(300 * time.Millisecond)
	if n := eval[int](t, f, `document.querySelectorAll(".page-bar").length`); n != 0 {
		t.Error("the framed card offers to install the app")
	}
}

// The standalone page reflows from 320 px: nothing scrolls sideways, pinch-zoom is allowed.
func TestStandalonePageAt320px(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	ctx := chromiumTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 700)); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, w+"/fr/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	if over := eval[float64](t, ctx, `document.documentElement.scrollWidth - innerWidth`); over > 0 {
		t.Errorf("the page scrolls %v px sideways at 320 px", over)
	}
	if vp := eval[string](t, ctx, `document.querySelector('meta[name="viewport"]').content`); strings.Contains(vp, "user-scalable=0") || strings.Contains(vp, "maximum-scale=1") {
		t.Errorf("viewport %q blocks pinch-zoom", vp)
	}
}
