package e2e

// The event's pictures on the card: the banner and the speakers' portraits, served by the
// widget itself in the smallest format the browser takes, their place kept before they load,
// the portraits loaded lazily; initials for a speaker without a portrait; the banner's text
// alternative in the card's language.

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"eventcard/app/internal/fixtures"
)

// heldPictures wraps a widget so that its pictures (/images/…) wait until a page of the card
// has reported its pictures' boxes: once the page is first painted (after its stylesheet), a
// script put into it (boxesJS) posts them to /e2e-boxes, which lets the pictures through. The
// boxes come to the test on boxes; a driver need not look into a frame still loading (WebKit's
// waits for its load, which waits for the pictures).
func heldPictures(h http.Handler, boxes chan<- []picture) http.Handler {
	hold := make(chan struct{})
	var once sync.Once
	return withScript(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/e2e-boxes" && r.Method == http.MethodPost:
			var got []picture
			if err := json.NewDecoder(r.Body).Decode(&got); err == nil {
				select {
				case boxes <- got:
				default:
				}
			}
			once.Do(func() { close(hold) })
			return
		case strings.HasPrefix(r.URL.Path, "/images/"):
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}), "/e2e-boxes.js", boxesJS)
}

// boxesJS reports a card's pictures, as the first paint lays them out, to /e2e-boxes.
const boxesJS = `addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => {
  if (!document.querySelector(".card-banner img")) return;
  fetch("/e2e-boxes", { method: "POST", body: JSON.stringify(` + readPictures + `) });
}))`

// picture is an <img> of the card and its <picture>, as the frame has it.
type picture struct {
	Alt, Loading, CurrentSrc, Sources string
	AltSet, Complete                  bool
	Width, Height                     int     // its attributes
	BoxWidth, BoxHeight               float64 // its box on the page
	NaturalWidth, NaturalHeight       int
}

const readPictures = `[...document.querySelectorAll(".card-banner img, .card-portrait img")].map((img) => { const r = img.getBoundingClientRect();
  return { Alt: img.alt, AltSet: img.hasAttribute("alt"), Loading: img.getAttribute("loading") ?? "", CurrentSrc: img.currentSrc, Complete: img.complete,
    Sources: [...img.parentElement.querySelectorAll("source")].map((s) => s.type).join(" "),
    Width: Number(img.getAttribute("width")), Height: Number(img.getAttribute("height")), BoxWidth: r.width, BoxHeight: r.height,
    NaturalWidth: img.naturalWidth, NaturalHeight: img.naturalHeight }; })`

// initials are the first letters of a name's first and last words, as the badge of a speaker
// without a portrait shows them.
func initials(name string) string {
	words := strings.Fields(name)
	first := func(w string) string { return string(unicode.ToUpper([]rune(w)[0])) }
	return first(words[0]) + first(words[len(words)-1])
}

// TestBannerAndPortraits: the workshop's card, embedded as the README says, its pictures held
// back by the widget until the card is laid out. Their width and height keep their place (the
// box has the picture's proportions before it arrives), so nothing moves when they do, inside
// the frame or on the partner's page (where the engine measures layout shifts); the banner comes
// at once and the portraits lazily; the browser takes the AVIF, from the widget, and nothing
// from anywhere else; the banner's text alternative follows the language; the speaker without a
// portrait gets initials.
func TestBannerAndPortraits(t *testing.T) {
	e := event(t, fixtures.Workshop)
	inEveryEngine(t, func(t *testing.T, b browser) {
		boxes := make(chan []picture, 1)
		s := newSite(t, siteOptions{Wrap: func(h http.Handler) http.Handler { return withProbe(heldPictures(h, boxes)) }})
		host := b.newTab(t)
		// The README's shape, its script added once the page has loaded: the partner's page
		// does not wait for the held pictures.
		link, _, _ := strings.Cut(strings.ReplaceAll(readmeSnippet(t), eventID, e.ID), "<script ")
		host.open(t, s.page("/pictures", pageOptions{Snippet: link, Probe: true, Plain: true}))
		eval[bool](t, host, `(() => { const s = document.createElement("script"); s.src = `+quoted(s.widget+"/embed.js")+`;
		  s.dataset.event = `+quoted(e.ID)+`; document.querySelector("a.eventcard").after(s); return true; })()`)

		// Before any picture has arrived, each box already has its size: the portrait its
		// picture's proportions, the banner the band it is cropped to (object-fit: cover).
		var pics []picture
		select {
		case pics = <-boxes:
		case <-time.After(30 * time.Second):
			t.Fatal("the card's frame reported no pictures")
		}
		if len(pics) != 2 {
			t.Fatalf("the card has %d pictures, want the banner and one portrait: %+v", len(pics), pics)
		}
		for _, p := range pics {
			if p.Complete && p.NaturalWidth > 0 {
				t.Fatalf("a picture arrived while the widget held it back: %+v", p)
			}
			cropped := p.BoxHeight > 0 && p.BoxHeight < p.BoxWidth*float64(p.Height)/float64(p.Width)
			if p.Width <= 0 || p.Height <= 0 || p.BoxWidth <= 0 || !cropped && math.Abs(p.BoxHeight-p.BoxWidth*float64(p.Height)/float64(p.Width)) > 1 {
				t.Errorf("before it loads, the picture's box is %.1f × %.1f for %d × %d: its place is not kept", p.BoxWidth, p.BoxHeight, p.Width, p.Height)
			}
		}
		banner, portrait := pics[0], pics[1]
		if banner.Loading == "lazy" || portrait.Loading != "lazy" {
			t.Errorf("loading: banner %q, portrait %q; want the banner at once, the portrait lazily", banner.Loading, portrait.Loading)
		}

		f := host.frame(t, s.widget, "/embed/"+e.ID)
		waitFor(t, f, `(() => { const img = document.querySelector(".card-banner img"); return img && img.complete && img.naturalWidth > 0; })()`)
		// Any resize has been posted and applied, any shift recorded, once two frames are painted.
		eval[bool](t, f, `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 300))))`)
		inFrame, onPage := readProbe(t, f), readProbe(t, host)
		if b.name() == "chromium" && !eval[bool](t, f, `PerformanceObserver.supportedEntryTypes.includes("layout-shift")`) {
			t.Fatal("Chromium measures no layout shift: the test would prove nothing")
		}
		if inFrame.cls() != 0 || onPage.cls() != 0 {
			t.Errorf("the pictures' arrival moved the card (CLS %.4f: %v) or the partner's page (CLS %.4f: %v)", inFrame.cls(), inFrame.Shifts, onPage.cls(), onPage.Shifts)
		}

		// The portrait too, once the card is open and the portrait in view.
		showAll(t, host, f)
		// The partner's page must have grown with the card first, or the scroll stops short of
		// the portrait and a lazy picture below the window never loads.
		fits(t, host, f, "shown in full")
		top := eval[float64](t, f, `document.querySelector(".card-portrait img").getBoundingClientRect().top`)
		eval[bool](t, host, fmt.Sprintf(`(scrollTo(0, document.querySelector("iframe").getBoundingClientRect().top + scrollY + %f - 100), true)`, top))
		waitFor(t, f, `(() => { const img = document.querySelector(".card-portrait img"); return img.complete && img.naturalWidth > 0; })()`)
		pics = eval[[]picture](t, f, readPictures)
		for _, p := range pics {
			if !strings.HasPrefix(p.CurrentSrc, s.widget+"/images/"+e.ID+"/") || !strings.HasSuffix(p.CurrentSrc, ".avif") || p.Sources != "image/avif" {
				t.Errorf("the browser took %s (sources %q): want the AVIF, from the widget", p.CurrentSrc, p.Sources)
			}
			if ratio, natural := float64(p.Width)/float64(p.Height), float64(p.NaturalWidth)/float64(p.NaturalHeight); math.Abs(ratio-natural) > 0.01 {
				t.Errorf("%s is %d × %d, its width and height attributes say %d × %d", p.CurrentSrc, p.NaturalWidth, p.NaturalHeight, p.Width, p.Height)
			}
		}
		ownResourcesOnly(t, f, "the card's frame", s.widget)
		for _, u := range eval[[]string](t, host, `performance.getEntriesByType("resource").map((e) => e.name)`) {
			if !strings.HasPrefix(u, s.widget+"/") && !strings.HasPrefix(u, s.host+"/") {
				t.Errorf("the partner page fetched %s", u)
			}
		}

		// A portrait sits beside the name it would repeat: no text alternative. Without one, the
		// speaker's initials, hidden from screen readers for the same reason.
		if !portrait.AltSet || portrait.Alt != "" {
			t.Errorf("the portrait's alt is %q (set %v): want an empty one", portrait.Alt, portrait.AltSet)
		}
		var want []string
		for _, p := range e.People {
			if p.Portrait == nil {
				want = append(want, initials(p.Name)+" true")
			}
		}
		got := eval[[]string](t, f, `[...document.querySelectorAll(".card-person")].filter((li) => !li.querySelector("img"))
		  .map((li) => li.querySelector(".card-initials")?.textContent + " " + (li.querySelector(".card-initials")?.getAttribute("aria-hidden") === "true"))`)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(want) == 0 {
			t.Errorf("the speakers without a portrait show %q, want their initials %q", got, want)
		}

		// The banner's text alternative, in each language, in place.
		waitFor(t, f, wasmStarted)
		for _, lang := range cardLangs {
			showIn(t, host, f, lang)
			if got, want := eval[string](t, f, `document.querySelector(".card-banner img").alt`), eventText(t, e.ID, lang, "Image.Alt"); got != want {
				t.Errorf("%s: the banner's alt is %q, want %q", lang, got, want)
			}
		}
	})
}
