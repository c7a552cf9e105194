//go:build bench

package e2e

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"
)

// Timings for make bench, never for make test (the build tag): how long a language switch
// takes to be painted in each engine, from a visitor's click and from the partner's setLang.
// The bench runs this test with EVENTCARD_SWITCH_TIMES naming the JSON file to write (one
// object per engine: click and setLang samples in ms) and EVENTCARD_SWITCH_RUNS tabs per engine.

// switchProbe, in a card's frame, returns a promise of [text, painted] (ms) for the next switch
// to lang: from t0 (the click's own timestamp when a click starts it, else since) to the card's
// title holding its new text, and to the paint that shows it: a message posted from the
// animation frame after the change arrives once that frame is painted. abs adds the frame's
// time origin, for a start measured in the partner's page.
const switchProbe = `window.__switchTo = (lang) => new Promise((resolve, reject) => {
  const h1 = () => document.querySelector("h1")?.textContent, before = h1();
  let t0 = performance.now(), text = 0;
  document.addEventListener("click", (e) => { if (e.isTrusted) t0 = e.timeStamp; }, { capture: true, once: true });
  const done = () => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve({ t0, text, painted: performance.now() - t0, abs: performance.timeOrigin + performance.now() });
    requestAnimationFrame(() => ch.port2.postMessage(0));
  };
  const mo = new MutationObserver(() => {
    if (h1() === before || document.documentElement.lang !== lang) return;
    mo.disconnect();
    text = performance.now() - t0;
    done();
  });
  mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["lang"] });
  setTimeout(() => reject(new Error("no switch to " + lang)), 10000);
}), true`

type switchTime struct {
	T0      float64 `json:"t0"`
	Text    float64 `json:"text"`
	Painted float64 `json:"painted"`
	Abs     float64 `json:"abs"`
}

// SwitchSample is one switch: the language, whether it was the tab's first into it, and when
// its text reached the DOM and was painted (ms after the click or the setLang call).
type switchSample struct {
	Lang    string  `json:"lang"`
	First   bool    `json:"first"`
	Text    float64 `json:"text"`
	Painted float64 `json:"painted"`
}

func TestBenchSwitchTimes(t *testing.T) {
	out := os.Getenv("EVENTCARD_SWITCH_TIMES")
	if out == "" {
		t.Skip("EVENTCARD_SWITCH_TIMES names the file make bench reads")
	}
	runs, _ := strconv.Atoi(os.Getenv("EVENTCARD_SWITCH_RUNS"))
	runs = max(runs, 1)
	results := map[string]map[string][]switchSample{}
	t.Cleanup(func() {
		b, _ := json.MarshalIndent(results, "", " ")
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Error(err)
		}
	})
	order := []string{"en", "pt", "fr", "es", "en", "pt", "fr", "es"}
	// One engine at a time: three browsers at once on a two-CPU machine would time the machine.
	for _, b := range engines {
		t.Run(b.name(), func(t *testing.T) { results[b.name()] = switchTimes(t, b, runs, order) })
	}
}

// switchTimes times, in b, the switches of runs tabs by a visitor's clicks and of runs pages by
// setLang.
func switchTimes(t *testing.T, b browser, runs int, order []string) map[string][]switchSample {
	var clicks, setLangs []switchSample
	for range runs {
		s := newSite(t, siteOptions{})
		// A visitor's clicks, each language's first switch and its second.
		host := b.newTab(t)
		host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
		f := host.frame(t, s.widget)
		readyToSwitch(t, f)
		for i, lang := range order {
			eval[bool](t, f, `(window.__sw = __switchTo(`+quoted(lang)+`), true)`)
			host.click(t, f, langLink(lang))
			got := eval[switchTime](t, f, `__sw`)
			clicks = append(clicks, switchSample{lang, i < 4, got.Text, got.Painted})
		}
		// The partner's setLang, in a frame nobody has touched.
		page := b.newTab(t)
		page.open(t, s.page("/spa", pageOptions{Lang: "en", Snippet: `<script src="{{widget}}/embed.js"></script><div id="app"></div>`}))
		waitFor(t, page, `window.EventCard`)
		eval[bool](t, page, `(window.card = EventCard.mount(document.querySelector("#app"), { event: "`+eventID+`", lang: "es" }), true)`)
		g := page.frame(t, s.widget)
		readyToSwitch(t, g)
		for i, lang := range order {
			eval[bool](t, g, `(window.__sw = __switchTo(`+quoted(lang)+`), true)`)
			t0 := eval[float64](t, page, `(() => { const t0 = performance.timeOrigin + performance.now(); card.setLang(`+quoted(lang)+`); return t0; })()`)
			got := eval[switchTime](t, g, `__sw`)
			// Painted on the frame's clock, started on the page's: both since the epoch.
			setLangs = append(setLangs, switchSample{lang, i < 4, got.Text - (t0 - got.Abs + got.Painted), got.Abs - t0})
		}
	}
	t.Logf("click: %v", clicks)
	t.Logf("setLang: %v", setLangs)
	return map[string][]switchSample{"click": clicks, "setLang": setLangs}
}

// readyToSwitch waits until the card in f runs, then, as a visitor reading the card does before
// a first click, until it has laid out its other languages ahead (web/src/card/prewarm.js), and
// half a second more; then it sets switchProbe up.
func readyToSwitch(t *testing.T, f doc) {
	t.Helper()
	waitFor(t, f, wasmStarted)
	waitFor(t, f, `document.querySelectorAll(".card-langs a[hreflang]").length - 1 <= performance.getEntriesByType("mark").filter((m) => m.name.startsWith("eventcard:prewarm:")).length`)
	time.Sleep(500 * time.Millisecond)
	eval[bool](t, f, switchProbe)
}
