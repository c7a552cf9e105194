package e2e

// The standalone page as an installable, offline app; the event index; the snippet builder;
// share and calendar. The widget's own pages, on 127.0.0.1.

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"eventcard/app/internal/projecttree"
)

const eventID = "where-are-the-women-2020"

// twoEvents is the project's tree plus an upcoming event (a copy of the first, in 2099): the
// home page becomes an index, and the new card offers the calendar instead of the recording.
func twoEvents(t *testing.T) fstest.MapFS {
	t.Helper()
	m := projecttree.Copy(t, root, "web", "locales", "events")
	src := "events/" + eventID + ".toml"
	e := strings.Replace(string(m[src].Data), `id = "`+eventID+`"`, `id = "future-webinar-2099"`, 1)
	e = strings.Replace(e, "date = 2020-09-14", "date = 2099-03-08", 1)
	m["events/future-webinar-2099.toml"] = &fstest.MapFile{Data: []byte(e)}
	for name, f := range m {
		if strings.HasPrefix(name, "locales/events/"+eventID+"/") {
			m[strings.Replace(name, eventID, "future-webinar-2099", 1)] = f
		}
	}
	// The wasm is not copied (it is large): served from the working tree.
	wasm, err := fs.ReadFile(osRoot(), "web/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	m["web/app.wasm"] = &fstest.MapFile{Data: wasm}
	return m
}

const swReady = `navigator.serviceWorker.controller !== null`

func TestOfflineInEveryLanguageAfterOneVisit(t *testing.T) {
	s := newSite(t, siteOptions{Tree: twoEvents(t)})
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
	waitFor(t, ctx, `document.querySelectorAll(".index-item").length === 2`)
}

func TestANewVersionIsAnnounced(t *testing.T) {
	tree := twoEvents(t)
	s := newSite(t, siteOptions{Tree: tree})
	w := s.widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/fr/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	waitFor(t, ctx, swReady)

	// A new build: one byte changes, the version with it.
	next := fstest.MapFS{}
	for k, v := range tree {
		next[k] = v
	}
	projecttree.Replace(t, next, "web/src/card.css", "/* The card's stylesheet", "/* The card's stylesheet,")
	s.rebuild(t, next)
	eval[bool](t, ctx, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	waitFor(t, ctx, `document.querySelector(".page-notice")?.textContent.includes("Une nouvelle version de cette page est disponible.")`)
	if got := eval[string](t, ctx, `document.querySelector(".page-notice button").textContent`); got != "Recharger" {
		t.Errorf("reload button %q", got)
	}
}

func TestIndexOfEventsWithLanguageSwitching(t *testing.T) {
	w := newSite(t, siteOptions{Tree: twoEvents(t)}).widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/pt/")
	waitFor(t, ctx, wasmStarted)
	got := eval[[]string](t, ctx, `[document.querySelector("h1").textContent, ...[...document.querySelectorAll(".index-item a")].map((a) => a.getAttribute("href")),
	  ...[...document.querySelectorAll(".index-item time")].map((t) => t.textContent)]`)
	want := []string{"Eventos", "/pt/events/future-webinar-2099/", "/pt/events/" + eventID + "/", "domingo, 8 de março de 2099", "segunda-feira, 14 de setembro de 2020"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("index: %q, want %q", got, want)
	}
	eval[bool](t, ctx, `(window.__mark = true, document.querySelector('.card-langs a[hreflang="fr"]').click(), true)`)
	waitFor(t, ctx, `document.documentElement.lang === "fr"`)
	if got := eval[string](t, ctx, `document.querySelector("h1").textContent + " " + location.pathname + " " + window.__mark`); got != "Événements /fr/ true" {
		t.Errorf("after switching: %q", got)
	}
}

func TestUpcomingEventOffersTheCalendarPastOneTheRecording(t *testing.T) {
	w := newSite(t, siteOptions{Tree: twoEvents(t)}).widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/en/events/future-webinar-2099/")
	waitFor(t, ctx, wasmStarted)
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".card-actions a")].map((a) => a.textContent.trim() + " " + a.getAttribute("href"))`)
	if len(got) != 1 || got[0] != "Add to my calendar /en/events/future-webinar-2099.ics" {
		t.Errorf("upcoming event actions: %q", got)
	}
	if s := eval[string](t, ctx, `document.querySelector(".card-status").textContent`); s != "Upcoming" {
		t.Errorf("status %q", s)
	}
	open(t, ctx, w+"/en/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	got = eval[[]string](t, ctx, `[...document.querySelectorAll(".card-actions a")].map((a) => a.firstChild.textContent.trim() + " " + a.getAttribute("href"))`)
	if len(got) != 1 || got[0] != "Watch the full webinar https://www.oas.org/en/cim/" {
		t.Errorf("past event actions: %q", got)
	}
}

// Share: where the browser has no share sheet (desktop Linux), the card's address is copied
// and the card says so, politely, in its language. Also inside a partner's frame.
func TestShareCopiesTheAddress(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	open(t, ctx, s.page("/share", pageOptions{Snippet: snippet}))
	f := frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
	if eval[bool](t, f, `"share" in navigator`) {
		t.Log("this browser has navigator.share: the copy path is tested with it removed")
	}
	eval[bool](t, f, `(delete Navigator.prototype.share, navigator.clipboard.writeText = async (t) => { window.__copied = t; }, true)`)
	eval[bool](t, f, `(document.querySelector(".card-share").click(), true)`)
	waitFor(t, f, `document.querySelector(".card-share-status").textContent === "Enlace copiado"`)
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
	choose("builder-lang", "fr")
	choose("builder-theme", "dark")
	choose("builder-accent", "#cfb3f0")
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
	waitFor(t, ctx, `[...document.querySelectorAll(".page-bar button")].some((b) => b.textContent === "Instalar la aplicación")`)
	eval[bool](t, ctx, `([...document.querySelectorAll(".page-bar button")].find((b) => b.textContent === "Instalar la aplicación").click(), true)`)
	waitFor(t, ctx, `window.__prompted === true`)

	open(t, ctx, s.page("/install", pageOptions{Snippet: snippet}))
	f := frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
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
