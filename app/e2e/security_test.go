package e2e

// The server's promises, seen by a browser (README, "Security"): the widget's pages
// run under their own strict CSP without a single violation, no page asks another site for
// anything before a click, the frame-ancestors allowlist holds, and messages from anyone but
// the partner page, or of any other shape, change nothing in the card.

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// ownResourcesOnly fails if the document in ctx fetched anything from another origin than
// origin: no fonts, icons, analytics or thumbnails from elsewhere, before any click.
func ownResourcesOnly(t *testing.T, ctx doc, what, origin string) {
	t.Helper()
	urls := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map((e) => e.name)`)
	if len(urls) == 0 {
		t.Errorf("%s: no resource recorded: the check checked nothing", what)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, origin+"/") {
			t.Errorf("%s: fetched %s, not from %s", what, u, origin)
		}
	}
}

// Every page of the widget, under the policy the server sends: the wasm starts, the service
// worker installs, the builder runs its preview, and the browser reports no violation and no
// error at all (not even a Permissions-Policy feature it does not know).
func TestWidgetPagesRunUnderTheirPolicy(t *testing.T) {
	s := newSite(t, siteOptions{})
	for _, c := range []struct{ name, path, ready string }{
		{"standalone", "/en/events/" + eventID + "/", wasmStarted},
		{"home", "/", wasmStarted},
		{"builder", "/fr/embed/", wasmStarted + ` && (() => { const f = document.querySelector("#builder-preview iframe");
		  return f && f.contentDocument && f.contentDocument.readyState === "complete" && !f.contentDocument.getElementById("eventcard-data"); })()`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := chromiumTab(t)
			console := listenConsole(t, ctx)
			probe(t, ctx)
			open(t, ctx, s.widget+c.path)
			waitFor(t, ctx, c.ready)
			if !eval[bool](t, ctx, `navigator.serviceWorker.ready.then(() => true)`) {
				t.Error("the service worker did not install")
			}
			policy := eval[string](t, ctx, `fetch(location.href).then((r) => r.headers.get("Content-Security-Policy"))`)
			if !strings.Contains(policy, "'wasm-unsafe-eval'") || !strings.Contains(policy, "default-src 'none'") {
				t.Fatalf("the page's policy is %q", policy)
			}
			time.Sleep(300 * time.Millisecond)
			p := readProbe(t, ctx)
			if len(p.Violations) > 0 || len(p.Errors) > 0 || len(p.Warnings) > 0 {
				t.Errorf("violations %q, errors %q, warnings %q", p.Violations, p.Errors, p.Warnings)
			}
			if lines := console.get(); len(lines) > 0 {
				t.Errorf("the console shows:\n%s", strings.Join(lines, "\n"))
			}
			ownResourcesOnly(t, ctx, c.path, s.widget)
		})
	}

	// /demo, a partner page with the policy the README gives partners: the card works under it.
	t.Run("demo", func(t *testing.T) {
		port := strings.TrimPrefix(s.widget, "http://127.0.0.1:")
		ctx := chromiumTab(t)
		console := listenConsole(t, ctx)
		probe(t, ctx)
		open(t, ctx, s.widget+"/demo")
		f, frameConsole := listenedFrame(t, ctx, "http://localhost:"+port)
		waitFor(t, f, wasmStarted)
		time.Sleep(300 * time.Millisecond)
		if p := readProbe(t, ctx); len(p.Violations) > 0 || len(p.Errors) > 0 {
			t.Errorf("/demo: violations %q, errors %q", p.Violations, p.Errors)
		}
		var lines []string
		for _, l := range append(console.get(), frameConsole.get()...) {
			if !strings.Contains(l, "/favicon.ico") { // the demo, a partner's page, has no icon of its own
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			t.Errorf("/demo's consoles show:\n%s", strings.Join(lines, "\n"))
		}
	})
}

// The card in a partner's frame, switched and opened, leaves every console clean: the
// engine's own, where its driver reads one, and the probes in the partner's page and in the
// card's frame (in WebKit, the only console there is). The frame fetched from the widget
// only, the partner's page from the widget and itself only.
func TestEmbedLeavesTheConsoleClean(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{Wrap: withProbe})
		host := b.newTab(t)
		host.open(t, s.page("/csp-embed", pageOptions{Snippet: readmeSnippet(t), Probe: true}))
		f := host.frame(t, s.widget)
		waitFor(t, f, wasmStarted)
		host.click(t, f, langLink("pt"))
		waitFor(t, f, `document.documentElement.lang === "pt"`)
		host.click(t, f, ".card-fold-button")
		waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "true"`)
		time.Sleep(300 * time.Millisecond)
		if lines := host.console(t); len(lines) > 0 {
			t.Errorf("the console shows:\n%s", strings.Join(lines, "\n"))
		}
		readProbe(t, host).quiet(t, "the partner's page")
		readProbe(t, f).quiet(t, "the card's frame")
		ownResourcesOnly(t, f, "the card's frame", s.widget)
		for _, u := range eval[[]string](t, host, `performance.getEntriesByType("resource").map((e) => e.name)`) {
			if !strings.HasPrefix(u, s.widget+"/") && !strings.HasPrefix(u, s.host+"/") {
				t.Errorf("the partner page fetched %s", u)
			}
		}
	})
}

// With an allowlist, a page that is not on it gets no card (the browser refuses the frame);
// a page on it gets the card as usual.
func TestFrameAncestorsAllowlistInTheBrowser(t *testing.T) {
	s := newSite(t, siteOptions{FrameAncestors: []string{"{{host}}", "https://partner.example.org"}})
	// A partner that is not on the list, framing the same widget.
	other := newSite(t, siteOptions{Widget: s.widget})
	page := pageOptions{Snippet: readmeSnippet(t)}

	ctx := chromiumTab(t)
	startedCard(t, ctx, s, "/allowed", page)
	cardTitle := frameTitle(t, eventID, "es")
	waitFor(t, ctx, `document.querySelector("iframe").title === `+quoted(cardTitle))

	ctx = chromiumTab(t)
	open(t, ctx, other.page("/not-allowed", page))
	waitFor(t, ctx, `document.querySelector("iframe")`)
	time.Sleep(1500 * time.Millisecond) // the card would have loaded and named the frame by now
	got := eval[[]string](t, ctx, `[document.querySelector("iframe").title, document.querySelector("iframe").getBoundingClientRect().height + ""]`)
	box := eval[[]float64](t, ctx, frameBox)
	if got[0] == cardTitle {
		t.Errorf("a page off the allowlist shows the card (frame title %q)", got[0])
	}
	if got[1] != fmt.Sprint(folded(t, box[0])) {
		t.Errorf("the refused frame is %s px high, want the reserved %v", got[1], folded(t, box[0]))
	}
}

// Messages into the card's frame, of every shape, from the partner page and from a frame of a
// third origin: the card does not change, navigate, throw or log anything; the partner's own
// well-formed setLang still works afterwards.
func TestSpoofedMessagesChangeNothing(t *testing.T) {
	s := newSite(t, siteOptions{})
	third := newSite(t, siteOptions{})
	// The third origin's frame sprays every frame of its parent when the parent asks it to.
	third.serve("/spray.js", "text/javascript", `addEventListener("message", (e) => {
  if (e.data !== "spray") return;
  for (let i = 0; i < parent.frames.length; i++) {
    const w = parent.frames[i];
    if (w === window) continue;
    for (const m of shapes(true)) try { w.postMessage(m, "*"); } catch {}
  }
  parent.postMessage("sprayed", "*");
});`+shapesJS, nil)
	evil := third.serve("/evil", "text/html; charset=utf-8", `<!DOCTYPE html><title>evil</title><script src="/spray.js"></script>`, nil)

	ctx := chromiumTab(t)
	probe(t, ctx)
	open(t, ctx, s.page("/spoof", pageOptions{Snippet: snippet + `<iframe id="evil" src="` + evil + `"></iframe>`}))
	f, console := listenedFrame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
	time.Sleep(300 * time.Millisecond)
	before := eval[string](t, f, `(window.__mark = true, location.href + "|" + document.documentElement.lang + "|" + document.querySelector("h1").textContent)`)
	card := `document.querySelector("iframe:not(#evil)")`
	title := eval[string](t, ctx, card+`.title`)

	// From the partner page: every shape but the one well-formed request it may send.
	eval[bool](t, ctx, shapesJS+`;
	  (() => { const w = `+card+`.contentWindow; for (const m of shapes(false)) try { w.postMessage(m, "*"); } catch {} return true; })()`)
	// From the third origin, the well-formed request too.
	eval[bool](t, ctx, `new Promise((ok) => { addEventListener("message", (e) => e.data === "sprayed" && ok(true));
	  document.getElementById("evil").contentWindow.postMessage("spray", "*"); })`)
	time.Sleep(1500 * time.Millisecond) // a switch or a reload would have happened by now

	after := eval[string](t, f, `window.__mark === true ? location.href + "|" + document.documentElement.lang + "|" + document.querySelector("h1").textContent : "reloaded"`)
	if after != before {
		t.Errorf("the messages changed the card: %q, was %q", after, before)
	}
	if got := eval[string](t, ctx, card+`.title`); got != title {
		t.Errorf("the frame's title changed to %q", got)
	}
	if h := eval[float64](t, ctx, card+`.getBoundingClientRect().height`); h != float64(scriptAlone) {
		t.Errorf("the frame's height changed to %v", h)
	}
	if lines := console.get(); len(lines) > 0 {
		t.Errorf("the card's console shows:\n%s", strings.Join(lines, "\n"))
	}
	if p := readProbe(t, ctx); len(p.Errors) > 0 || len(p.Warnings) > 0 {
		t.Errorf("host: errors %q, warnings %q", p.Errors, p.Warnings)
	}

	// The control: the partner's own request, through the API's message, still switches.
	eval[bool](t, ctx, `(`+card+`.contentWindow.postMessage({eventcard: 1, type: "setLang", lang: "fr"}, "`+s.widget+`"), true)`)
	waitFor(t, f, `document.documentElement.lang === "fr" && window.__mark === true`)
}

// shapesJS defines shapes(wellFormed): the messages a spoofer may send. wellFormed adds the
// requests that are right in every way but their sender.
const shapesJS = `
function shapes(wellFormed) {
  const big = "x".repeat(1 << 20);
  const deep = {}; let d = deep; for (let i = 0; i < 1000; i++) d = d.next = {};
  const cyclic = { eventcard: 1, type: "setLang" }; cyclic.lang = cyclic;
  const out = [
    undefined, null, 0, -1, NaN, Infinity, true, "", "setLang", "en", big, [], [1, "en"], {}, new Date(0), /en/, 10n,
    new Map([["eventcard", 1], ["type", "setLang"], ["lang", "en"]]), new Set(["en"]), new ArrayBuffer(16), new Uint8Array(1 << 20),
    new Blob(["en"]), new Error("en"), deep, cyclic,
    { eventcard: 1 }, { eventcard: 1, type: "setLang" }, { eventcard: 1, type: "setLang", lang: null },
    { eventcard: 1, type: "setLang", lang: 1 }, { eventcard: 1, type: "setLang", lang: ["en"] }, { eventcard: 1, type: "setLang", lang: { 0: "e", 1: "n", length: 2 } },
    { eventcard: 1, type: "setLang", lang: "" }, { eventcard: 1, type: "setLang", lang: big },
    { eventcard: 1, type: "setLang", lang: "en" + "-abcdefgh".repeat(20) },
    { eventcard: 1, type: "setLang", lang: "<img src=x onerror=alert(1)>" }, { eventcard: 1, type: "setLang", lang: 'en"] , a[href' },
    { eventcard: 1, type: "setLang", lang: "en\u0000" }, { eventcard: 1, type: "setLang", lang: "javascript:alert(1)" },
    { eventcard: 1, type: "setLang", lang: "../../embed/x" }, { eventcard: 1, type: "setLang", lang: "__proto__" },
    { eventcard: "1", type: "setLang", lang: "en" }, { eventcard: true, type: "setLang", lang: "en" }, { eventcard: 2, type: "setLang", lang: "en" },
    { eventcard: 1, type: "SETLANG", lang: "en" }, { eventcard: 1, type: ["setLang"], lang: "en" }, { eventcard: 1, type: "__proto__", lang: "en" },
    { eventcard: 1, type: "resize", height: 5 }, { eventcard: 1, type: "resize", height: -1e9 }, { eventcard: 1, type: "lang", lang: "en", title: "pwned" },
    { eventcard: 1, type: "warn", text: "<b>pwned</b>" }, { eventcard: 1, type: "constructor" }, { eventcard: 1, type: "toString" },
    JSON.parse('{"__proto__": {"eventcard": 1, "type": "setLang", "lang": "en"}}'),
    Object.assign(Object.create({ eventcard: 1, type: "setLang", lang: "en" }), {}),
    [{ eventcard: 1, type: "setLang", lang: "en" }],
  ];
  if (wellFormed) out.push({ eventcard: 1, type: "setLang", lang: "en" }, { eventcard: 1, type: "setLang", lang: "pt-BR" });
  return out;
}`
