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

// Once the card is in view, each other language's text is laid out once, unseen, ahead of the
// visitor's first switch into it (web/src/card/prewarm.js); nothing of it stays, and the frame
// still fits the card.
func TestOtherLanguagesLaidOutAheadUnseen(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		_, host, f := onArticle(t, b)
		waitFor(t, f, `["en", "pt", "fr"].every((l) => performance.getEntriesByName("eventcard:prewarm:" + l).length == 1)`)
		time.Sleep(1200 * time.Millisecond) // each sample is gone after a painted frame, or a second
		if n := eval[int](t, f, `document.querySelectorAll("body > [aria-hidden][lang]").length`); n != 0 {
			t.Errorf("%d samples left in the page", n)
		}
		fits(t, host, f, "after the samples")
	})
}
