package e2e

import (
	"strings"
	"testing"
	"time"
)

// A card far below the fold costs the partner's visitor nothing but the loader: no frame, no
// request to the widget for the card, until the visitor scrolls near it; then the card comes,
// in the place its link kept, and works. A card that is mounted far down waits the same way.
func TestCardFarBelowTheFoldWaitsUntilScrolledNear(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		long := strings.Repeat("<p>Una organización aliada cuenta sus actividades, párrafo tras párrafo.</p>", 150)
		host := b.newTab(t)
		host.open(t, s.page("/long", pageOptions{Snippet: long + readmeSnippet(t) + `<div id="app"></div>`, Plain: true}))
		eval[bool](t, host, `(window.card = EventCard.mount(document.querySelector("#app"), { event: "`+eventID+`", lang: "fr" }), true)`)
		time.Sleep(1500 * time.Millisecond)
		if n := eval[int](t, host, `document.querySelectorAll("iframe").length`); n != 0 {
			t.Fatalf("%d frame(s) for cards 4,000 px below the fold", n)
		}
		if !eval[bool](t, host, `!!document.querySelector("a.eventcard")`) {
			t.Fatal("the snippet's link is gone before its card came")
		}
		eval[bool](t, host, `(document.querySelector("a.eventcard").scrollIntoView(), true)`)
		f := host.frame(t, s.widget, "/embed/"+eventID, "lang=")
		waitFor(t, f, wasmStarted)
		waitFor(t, host, `document.querySelectorAll("iframe").length === 2 && !document.querySelector("a.eventcard")`)
		g := host.frame(t, s.widget, "lang=fr")
		waitFor(t, g, wasmStarted+` && document.documentElement.lang === "fr"`)
	})
}

// Once the card is in view, a copy of it is laid out once in each other language, unseen, ahead
// of the visitor's first switch into it (web/src/card/prewarm.js); no copy stays, and the frame
// still fits the card.
func TestOtherLanguagesLaidOutAheadUnseen(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		_, host, f := onArticle(t, b)
		waitFor(t, f, `["en", "pt", "fr"].every((l) => performance.getEntriesByName("eventcard:prewarm:" + l).length == 1)`)
		if n := eval[int](t, f, `document.querySelectorAll("main, .card").length`); n != 2 {
			t.Errorf("the page has %d main elements and cards, want the card's own two: a copy stayed", n)
		}
		fits(t, host, f, "after the copies")
	})
}

// On a phone (a touch screen for a pointer) a framed card costs the partner's page no wasm: no
// download, and no start, which there would run on the partner page's own event loop. The
// prerendered card is the card, and it switches language in place without the wasm: the card in
// the new language takes the shown one's place, the document and the partner's frame take its
// language and title, the focus stays on the switcher, which says the language's name; a reload
// keeps the language.
func TestOnAPhoneTheCardSwitchesWithoutTheWasm(t *testing.T) {
	s := newSite(t, siteOptions{})
	host := chromiumEngine{}.newTab(t).(*chromiumPage)
	touchScreen(t, host)
	host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
	// The frame, in a process of its own here, takes the emulation once it is attached to: the
	// card is loaded again in it, as a phone loads it.
	f := host.frame(t, s.widget)
	touchScreen(t, f.(chromiumDoc))
	// The first load, without the touch screen yet, starts its wasm and worker once its first
	// paint is on screen: that start is awaited, or it could come after the clearing below.
	waitFor(t, f, wasmStarted)
	eval[bool](t, f, `navigator.serviceWorker.ready.then(() => true)`)
	// The reload comes after this answer: a navigation begun inside it may close the target first.
	eval[bool](t, f, `navigator.serviceWorker.getRegistrations().then((rs) => Promise.all(rs.map((r) => r.unregister())))
	  .then(() => (sessionStorage.clear(), setTimeout(() => location.reload()), true))`)
	waitFor(t, f, `document.readyState === "complete" && !performance.getEntriesByType("navigation")[0].type.startsWith("navigate")`)
	if !eval[bool](t, f, `matchMedia("(pointer: coarse)").matches`) {
		t.Fatal("the frame does not see the emulated touch screen as its pointer")
	}
	noWasm := func(when string) {
		t.Helper()
		if !eval[bool](t, f, `!performance.getEntriesByType("resource").some((e) => e.name.includes("/app.wasm"))`) {
			t.Errorf("%s: the wasm was downloaded", when)
		}
		if eval[bool](t, f, wasmStarted) {
			t.Errorf("%s: the wasm started", when)
		}
		if eval[bool](t, f, `performance.getEntriesByType("mark").some((m) => m.name.startsWith("eventcard:prewarm:"))`) {
			t.Errorf("%s: the card laid its other languages out ahead on the partner's event loop", when)
		}
		if n := eval[int](t, f, `navigator.serviceWorker.getRegistrations().then((r) => r.length)`); n != 0 {
			t.Errorf("%s: %d service worker(s) registered", when, n)
		}
	}
	time.Sleep(2 * time.Second)
	noWasm("the card in view, not used")
	host.click(t, f, ".card-title")
	for _, lang := range []string{"fr", "pt"} {
		if !switchedInPlace(t, host, f, lang) {
			t.Errorf("the switch to %s loaded the page again", lang)
		}
		waitFor(t, host, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, lang)))
		if got := eval[string](t, f, `document.activeElement.getAttribute("hreflang") || document.activeElement.tagName`); got != lang {
			t.Errorf("after the switch to %s the focus is on %s, want the switcher's %s", lang, got, lang)
		}
		name := eval[string](t, f, `document.querySelector(`+quoted(langLink(lang))+`).textContent`)
		waitFor(t, f, `document.getElementById("card-langs-status").textContent === `+quoted(name))
		if n := eval[int](t, f, `document.querySelectorAll(".card").length`); n != 1 {
			t.Errorf("after the switch to %s the frame holds %d cards", lang, n)
		}
		fits(t, host, f, "after the switch to "+lang)
	}
	noWasm("after two switches")
	eval[bool](t, f, `(window.before = true, setTimeout(() => location.reload()), true)`)
	waitFor(t, f, `!window.before && document.readyState === "complete"`)
	checkCard(t, eval[cardText](t, f, readCard), "pt")
}

// The wasm is compiled in a worker, off the page's main thread (on a phone, the partner's), its
// start run once there (Chromium compiles a function when it is first called), and handed to the
// page as a compiled module: in every engine, the card embedded by the README's
// snippet starts its wasm so and switches in place. Where no worker can (a frame of an opaque
// origin, TestSandboxedHost), the page compiles it.
func TestTheWasmIsCompiledInAWorker(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		host.open(t, s.page("/worker", pageOptions{Snippet: readmeSnippet(t)}))
		f := host.frame(t, s.widget)
		waitFor(t, f, wasmStarted)
		if where := eval[string](t, f, compiledWhere); where != "worker" {
			t.Errorf("the wasm was compiled in the %s, want in a worker", where)
		}
		// And the worker ran its start once, which compiles that part of it there.
		if !eval[bool](t, f, `performance.getEntriesByName("eventcard:compiled")[0].detail.warmed === true`) {
			t.Error("the worker did not run the wasm's start to its end")
		}
		if !switchedInPlace(t, host, f, "fr") {
			t.Error("the switch loaded the page again: the wasm did not switch in place")
		}
	})
}

// compiledWhere is where the card's wasm was compiled: "worker", "page", or "" before it was.
const compiledWhere = `performance.getEntriesByName("eventcard:compiled")[0]?.detail?.where || ""`

// switchedInPlace clicks the card's link to lang in f, waits for the card in lang, checks it, and
// says whether the frame kept its document (the wasm switched) rather than loading the page.
func switchedInPlace(t *testing.T, host tab, f doc, lang string) bool {
	t.Helper()
	eval[bool](t, f, `(window.sameDocument = true)`)
	host.click(t, f, langLink(lang))
	waitFor(t, f, `document.documentElement.lang === `+quoted(lang))
	checkCard(t, eval[cardText](t, f, readCard), lang)
	return eval[bool](t, f, `window.sameDocument === true`)
}
