package e2e

// A partner's page whose origin is opaque: site builders put "custom HTML" in a frame sandboxed
// with allow-scripts and without allow-same-origin. The card's frame inherits the sandbox. The
// loader and the card then talk from and to "null", and each takes the other's messages from the
// other's window only.

import (
	"fmt"
	"math"
	"net/http"
	"testing"
	"time"
)

// sandboxedPartner is the partner's custom HTML: a card mounted through the API (window.card,
// whose setLang a message from the page around it calls too), the README's snippet, and a
// stranger in the same sandbox, which posts the protocol's messages to everyone around it.
const sandboxedPartner = `<div id="mounted"></div>
<script src="{{widget}}/embed.js"></script>
<script>
  window.card = EventCard.mount(document.getElementById("mounted"), { event: "` + eventID + `", lang: "pt" });
  addEventListener("message", (e) => { if (e.source === parent && e.source !== window && typeof e.data?.lang == "string") card.setLang(e.data.lang); });
</script>
%s
<iframe id="stranger" title="stranger" sandbox="allow-scripts" style="width:10px;height:10px;border:0" srcdoc="<script>
  setInterval(() => { parent.postMessage({ eventcard: 1, type: 'resize', height: 5 }, '*');
    for (const f of parent.frames) f.postMessage({ eventcard: 1, type: 'setLang', lang: 'en' }, '*'); }, 100);
</script>"></iframe>`

// In a sandboxed frame, as a site builder has it. Chromium and Firefox: the harness finds
// WebKit's frames one level deep only.
func TestSandboxedFrameHost(t *testing.T) {
	for _, b := range []browser{chromiumEngine{}, firefoxEngine{}} {
		t.Run(b.name(), func(t *testing.T) {
			t.Parallel()
			s := newSite(t, siteOptions{Wrap: withProbe})
			s.page("/custom-html", pageOptions{Snippet: fmt.Sprintf(sandboxedPartner, readmeSnippet(t)), Plain: true})
			host := b.newTab(t)
			host.open(t, s.page("/builder", pageOptions{Plain: true, Probe: true,
				Snippet: `<iframe sandbox="allow-scripts" src="{{host}}/custom-html" style="width:100%;height:3000px;border:0" title="Custom HTML"></iframe>`}))
			checkSandboxedHost(t, host, s, func(lang string) {
				eval[bool](t, host, `(document.querySelector("iframe").contentWindow.postMessage({ lang: `+quoted(lang)+` }, "*"), true)`)
			})
			readProbe(t, host).quiet(t, "the builder's page")
		})
	}
}

// A page sandboxed by its own policy (Content-Security-Policy: sandbox allow-scripts): an opaque
// origin as in a sandboxed frame, at the top, in every engine.
func TestSandboxedHost(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{Wrap: withProbe})
		host := b.newTab(t)
		host.open(t, s.page("/custom-html", pageOptions{Snippet: fmt.Sprintf(sandboxedPartner, readmeSnippet(t)), Plain: true, Probe: true,
			Header: http.Header{"Content-Security-Policy": {"sandbox allow-scripts"}}}))
		if o := eval[string](t, host, `self.origin`); o != "null" {
			t.Fatalf("the partner's page has the origin %q: not sandboxed", o)
		}
		checkSandboxedHost(t, host, s, func(lang string) { eval[bool](t, host, `(card.setLang(`+quoted(lang)+`), true)`) })
		readProbe(t, host).quiet(t, "the partner's page")
	})
}

// checkSandboxedHost checks the cards of sandboxedPartner in host: the snippet's card shows,
// runs its wasm in the sandbox, is sized by the loader, and switches in place; the mounted one
// switches on setLang (which setLang runs); the stranger's messages change nothing.
func checkSandboxedHost(t *testing.T, host tab, s *site, setLang func(lang string)) {
	t.Helper()
	// EventCard.mount(...).setLang.
	m := host.frame(t, s.widget+"/embed/"+eventID+"?origin=null&lang=pt")
	waitFor(t, m, wasmStarted+` && document.documentElement.lang === "pt"`)
	eval[bool](t, m, `(window.__mark = true)`)
	setLang("fr")
	waitFor(t, m, `document.documentElement.lang === "fr"`)
	if !eval[bool](t, m, `window.__mark === true`) {
		t.Error("setLang reloaded the frame")
	}
	fitsItsFrame(t, m, "mounted, after setLang")

	// The README's snippet: the loader made the frame, which inherits the sandbox. The page is
	// scrolled to it, as a visitor would: it is lazy, and Chromium loads a lazy frame two
	// sandboxed frames deep only once the page has scrolled (seen here, below the first card).
	eval[bool](t, host, `(scrollTo(0, 600), true)`)
	f := host.frame(t, s.widget+"/embed/"+eventID+"?origin=null&hl=")
	waitFor(t, f, wasmStarted)
	checkCard(t, eval[cardText](t, f, readCard), "es")
	if o := eval[string](t, f, `self.origin`); o != "null" {
		t.Fatalf("the card's frame has the origin %q: not in the partner's sandbox", o)
	}
	// No worker for a page of an opaque origin: the page compiled its wasm itself.
	if where := eval[string](t, f, compiledWhere); where != "page" {
		t.Errorf("the sandboxed card's wasm was compiled in the %q, want in the page", where)
	}
	fitsItsFrame(t, f, "at first")
	// The loader sizes the frame: "Show all" makes it the whole card's height.
	clickIn(t, f, ".card-fold-button")
	waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "true"`)
	if h := fitsItsFrame(t, f, "shown in full"); h <= float64(readmeFolds(t)[0].Full) {
		t.Errorf("the whole card is %.0f px high", h)
	}
	// The visitor switches in place: the wasm runs in the sandbox.
	eval[bool](t, f, `(window.__mark = true)`)
	clickIn(t, f, langLink("fr"))
	waitFor(t, f, `document.documentElement.lang === "fr"`)
	checkCard(t, eval[cardText](t, f, readCard), "fr")
	if !eval[bool](t, f, `window.__mark === true`) {
		t.Error("the switch reloaded the frame")
	}
	fitsItsFrame(t, f, "in French")

	// The stranger, whose messages come from "null" too, has been posting all along: nothing
	// took its word.
	time.Sleep(300 * time.Millisecond)
	for _, d := range []doc{f, m} {
		if got := eval[string](t, d, `document.documentElement.lang`); got != "fr" {
			t.Errorf("after the stranger's messages, a card is in %q", got)
		}
	}
	fitsItsFrame(t, f, "after the stranger's messages")
	readProbe(t, f).quiet(t, "the card's frame")
	readProbe(t, m).quiet(t, "the mounted card's frame")
}

// fitsItsFrame waits until the frame f is its card's height within 2 px, seen from inside (a
// sandboxed partner page is opaque to the test), and returns the card's height.
func fitsItsFrame(t *testing.T, f doc, when string) float64 {
	t.Helper()
	var got []float64
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got = eval[[]float64](t, f, `[innerHeight, document.documentElement.getBoundingClientRect().height, document.documentElement.scrollHeight - innerHeight]`)
		if math.Abs(got[0]-got[1]) <= 2 && got[2] <= 1 {
			return got[1]
		}
	}
	t.Errorf("%s: the frame is %.0f px high, the card %.0f px", when, got[0], got[1])
	return got[1]
}

// clickIn clicks selector in d from its own script: in a sandboxed page the card's frame may be
// two frames deep, the second one opaque, where the engines' clicks at a point of the tab do not
// all reach.
func clickIn(t *testing.T, d doc, selector string) {
	t.Helper()
	eval[bool](t, d, `(document.querySelector(`+quoted(selector)+`).click(), true)`)
}
