package e2e

// The partner's side: every host page, every option, zero harm to the host. Each test
// serves a partner page from localhost and the widget from 127.0.0.1: two sites.

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"eventcard/app/card"
	"eventcard/app/i18n"
	"eventcard/app/internal/readme"
)

// readmeBlock returns the README's code block that follows heading, its widget address made a
// template: the tests embed exactly what partners are told to paste.
func readmeBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	block := readme.MustBlock(t, root, heading, lang)
	return strings.NewReplacer("http://127.0.0.1:8000", "{{widget}}", "https://cards.example.org", "{{widget}}").Replace(block)
}

// readmeFolds are the README snippet's folds, its event's (the fixture past webinar's in any
// language, card.FoldOf): its place is the one of its width, the loader reserves that height,
// the card folds to it.
func readmeFolds(t *testing.T) card.Folds {
	t.Helper()
	return eventFolds(t)(eventID, "")
}

// folded is the README snippet's height in a place w CSS pixels wide.
func folded(t *testing.T, w float64) float64 {
	t.Helper()
	return float64(readmeFolds(t).At(int(w)).Full)
}

// frameBox is the first card frame's width and height on the partner's page.
const frameBox = `(() => { const r = document.querySelector("iframe").getBoundingClientRect(); return [r.width, r.height]; })()`

// scriptAlone is the height the loader gives a card whose script tag has no placeholder link
// before it (the tests' snippet): the widget's default fold, not the event's.
var scriptAlone = card.Folded.Full

func TestReadmeSnippetCausesNoLayoutShift(t *testing.T) {
	s := newSite(t, siteOptions{})
	for _, c := range []struct {
		name    string
		width   int64
		snippet string
	}{
		{"desktop", 1200, readmeSnippet(t)},
		{"phone", 375, readmeSnippet(t)},
		{"compact", 1200, strings.Replace(readmeSnippet(t), "<script ", "<script data-compact ", 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := chromiumTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, 1000)); err != nil {
				t.Fatal(err)
			}
			probe(t, ctx)
			f := startedCard(t, ctx, s, "/cls-"+c.name, pageOptions{Snippet: c.snippet})
			time.Sleep(700 * time.Millisecond) // any resize has been posted and applied by now
			p := readProbe(t, ctx)
			t.Logf("host CLS with the README snippet, %s: %.4f (%d shifts)", c.name, p.cls(), len(p.Shifts))
			if p.cls() != 0 {
				t.Errorf("the partner's page moved: CLS %.4f from %v", p.cls(), p.Shifts)
			}
			if box := eval[[]float64](t, ctx, frameBox); box[1] != folded(t, box[0]) {
				t.Errorf("frame %v px wide and %v high, want the reserved %v", box[0], box[1], folded(t, box[0]))
			}
			fits(t, ctx, f, c.name)
			if len(p.Errors) > 0 || len(p.Warnings) > 0 {
				t.Errorf("host console: errors %q, warnings %q", p.Errors, p.Warnings)
			}
		})
	}

	// For the record: the script alone, without the link that reserves the place.
	ctx := chromiumTab(t)
	probe(t, ctx)
	startedCard(t, ctx, s, "/cls-bare", pageOptions{Snippet: snippet})
	time.Sleep(700 * time.Millisecond)
	t.Logf("host CLS with the script alone (the card's arrival moves the text below it once): %.4f", readProbe(t, ctx).cls())
}

func TestWithoutJavaScriptTheSnippetIsALink(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	if err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, s.page("/nojs", pageOptions{Snippet: readmeSnippet(t)}))
	got := eval[[]string](t, ctx, `[document.querySelectorAll("iframe").length + "", document.querySelector("a.eventcard").href,
	  document.querySelector("a.eventcard").getBoundingClientRect().height + "", document.querySelector("a.eventcard").getBoundingClientRect().width + ""]`)
	width, _ := strconv.ParseFloat(got[3], 64)
	if got[0] != "0" || got[1] != s.widget+"/events/"+eventID || got[2] != fmt.Sprint(folded(t, width)) {
		t.Errorf("without JavaScript: %v", got)
	}
}

func TestTwoCardsOnAPageResizeIndependently(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	probe(t, ctx)
	two := strings.Replace(snippet, "<script ", `<script data-lang="fr" `, 1) + "\n<p>Entre las dos.</p>\n" + strings.Replace(snippet, "<script ", `<script data-lang="en" `, 1)
	open(t, ctx, s.page("/two", pageOptions{Snippet: two}))
	fr := frame(t, ctx, s.widget, "lang=fr")
	en := frame(t, ctx, s.widget, "lang=en")
	waitFor(t, fr, wasmStarted+` && document.documentElement.lang === "fr"`)
	waitFor(t, en, wasmStarted+` && document.documentElement.lang === "en"`)
	eval[bool](t, en, `(document.querySelector(".card-fold-button").click(), true)`)
	waitFor(t, en, `document.documentElement.classList.contains("ec-open")`)
	full := eval[float64](t, en, `document.documentElement.getBoundingClientRect().height`)
	if full <= float64(scriptAlone) {
		t.Fatalf("the opened card is %v px high, no more than the fold: the test would prove nothing", full)
	}
	waitFor(t, ctx, fmt.Sprintf(`Math.abs(document.querySelectorAll("iframe")[1].getBoundingClientRect().height - %v) <= 1`, full))
	hs := eval[[]float64](t, ctx, `[...document.querySelectorAll("iframe")].map((f) => f.getBoundingClientRect().height)`)
	// The loader rounds a card's height up to whole pixels: a frame never cuts a fraction off.
	if hs[0] != float64(scriptAlone) || hs[1] != math.Ceil(full) {
		t.Errorf("heights %v: want the French card folded (%d) and the English one opened (%v, rounded up)", hs, scriptAlone, full)
	}
	if p := readProbe(t, ctx); len(p.Errors) > 0 {
		t.Errorf("errors: %q", p.Errors)
	}
}

// A single-page app: the loader, bare, twice; cards come and go later, through a script tag
// inserted after load and through the API (mount, setLang in place, destroy). The host gets
// one global and no message listener left behind.
func TestScriptInsertedAfterLoadAndTheMountAPI(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		bare := `<script async src="{{widget}}/embed.js"></script><script async src="{{widget}}/embed.js"></script><div id="app"></div>`
		host.open(t, s.page("/spa", pageOptions{Lang: "en", Snippet: bare, Probe: true}))
		waitFor(t, host, `window.EventCard && typeof EventCard.mount === "function"`)
		if n := eval[int](t, host, `document.querySelectorAll("iframe").length`); n != 0 {
			t.Fatalf("a bare loader made %d frames", n)
		}

		// A script tag inserted after load.
		eval[bool](t, host, `(() => { const s = document.createElement("script"); s.src = "`+s.widget+`/embed.js";
		  s.dataset.event = "`+eventID+`"; s.dataset.lang = "pt"; document.querySelector("#app").append(s); return true; })()`)
		pt := host.frame(t, s.widget, "lang=pt")
		waitFor(t, pt, wasmStarted+` && document.documentElement.lang === "pt"`)

		// The API: mount, setLang in place, destroy.
		eval[bool](t, host, `(window.card = EventCard.mount(document.querySelector("#app"), { event: "`+eventID+`", lang: "es", compact: true }), true)`)
		es := host.frame(t, s.widget, "lang=es", "compact=1")
		waitFor(t, es, wasmStarted)
		eval[bool](t, es, `(window.__mark = true)`)
		eval[bool](t, host, `(card.setLang("fr"), true)`)
		waitFor(t, es, `document.documentElement.lang === "fr"`)
		if !eval[bool](t, es, `window.__mark === true`) {
			t.Error("setLang reloaded the frame")
		}
		waitFor(t, host, `document.querySelectorAll("iframe")[1].title === `+quoted(frameTitle(t, eventID, "fr")))
		before := readProbe(t, host).Listeners
		eval[bool](t, host, `(card.destroy(), true)`)
		p := readProbe(t, host)
		if n := eval[int](t, host, `document.querySelectorAll("iframe").length`); n != 1 || p.Listeners != before-1 {
			t.Errorf("after destroy: %d frames, %d message listeners (was %d)", n, p.Listeners, before)
		}
		if !slices.Equal(p.Globals, []string{"EventCard"}) || len(p.Errors) > 0 || len(p.Warnings) > 0 {
			t.Errorf("the host got globals %q, errors %q, warnings %q", p.Globals, p.Errors, p.Warnings)
		}
		if eval[string](t, host, `Object.keys(EventCard).join()`) != "mount" {
			t.Error("window.EventCard is not just {mount}")
		}
	})
}

func TestThemes(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	dark := strings.Replace(snippet, "<script ", `<script data-theme="dark" `, 1)
	light := strings.Replace(snippet, "<script ", `<script data-theme="light" data-lang="en" `, 1)
	auto := strings.Replace(snippet, "<script ", `<script data-lang="pt" `, 1)
	open(t, ctx, s.page("/themes", pageOptions{Snippet: dark + light + auto}))
	fd := frame(t, ctx, s.widget, "theme=dark")
	fl := frame(t, ctx, s.widget, "theme=light")
	fa := frame(t, ctx, s.widget, "lang=pt")
	for _, f := range []doc{fd, fl, fa} {
		waitFor(t, f, wasmStarted)
	}
	paper := `getComputedStyle(document.querySelector(".card")).backgroundColor`
	// Dark: set by a parser-blocking script in <head>, so before the first paint.
	blocking := `(() => { const s = document.querySelector('head script[src$="/web/card.js"]'); return !!s && !s.async && !s.defer; })()`
	if got := eval[string](t, fd, paper); got != "rgb(29, 25, 35)" || !eval[bool](t, fd, blocking) ||
		eval[string](t, fd, `getComputedStyle(document.documentElement).colorScheme`) != "dark" {
		t.Errorf("dark theme: paper %s, color-scheme %s", got, eval[string](t, fd, `getComputedStyle(document.documentElement).colorScheme`))
	}
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("iframe")).colorScheme`); got != "dark" {
		t.Errorf("the dark card's frame element has color-scheme %q: its canvas would be painted opaque", got)
	}
	// No white flash: the dark card's paper on screen, right after load, is dark.
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	r := eval[[]float64](t, ctx, `(() => { const r = document.querySelector("iframe").getBoundingClientRect(); return [r.left, r.top]; })()`)
	if c := luma(img, int(r[0])+8, int(r[1])+8); c > 60 {
		t.Errorf("the dark card's corner is bright (luma %d)", c)
	}
	if got := eval[string](t, fl, paper); got != "rgb(255, 255, 255)" {
		t.Errorf("light theme: paper %s", got)
	}
	// Auto follows the visitor's scheme, live.
	for _, scheme := range []struct{ value, paper string }{{"dark", "rgb(29, 25, 35)"}, {"light", "rgb(255, 255, 255)"}} {
		err := chromedp.Do(fa, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme.value}}})
			return chromedp.Void{}, err
		})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, fa, paper+` === "`+scheme.paper+`"`)
	}
}

func luma(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}

func TestAccent(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	probe(t, ctx)
	good := strings.Replace(snippet, "<script ", `<script data-theme="light" data-accent="#0b5394" `, 1)
	bad := strings.Replace(snippet, "<script ", `<script data-theme="light" data-accent="#ff0" data-lang="en" `, 1)
	open(t, ctx, s.page("/accent", pageOptions{Snippet: good + bad}))
	fg := frame(t, ctx, s.widget, "accent=0b5394")
	fb := frame(t, ctx, s.widget, "accent=ff0")
	badge := `getComputedStyle(document.querySelector(".card-kind")).color` // the kind is written in the accent
	waitFor(t, fg, wasmStarted)
	waitFor(t, fb, wasmStarted)
	if got := eval[string](t, fg, badge); got != "rgb(11, 83, 148)" {
		t.Errorf("a partner accent with enough contrast: badge %s, want rgb(11, 83, 148)", got)
	}
	if got, want := eval[string](t, fb, badge), siteAccent(t); got != want {
		t.Errorf("yellow on white: badge %s, want the site's accent, %s", got, want)
	}
	waitFor(t, ctx, `__probe.warnings.some((w) => w.includes("data-accent #ffff00"))`) // #ff0, as written out
	p := readProbe(t, ctx)
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "WCAG AA") {
		t.Errorf("warnings %q: want exactly one, about the yellow accent", p.Warnings)
	}
}

// Compact: the card opens shorter, its main action above the fade, the summary going on under
// it and the highlights behind "Show all"; a click there opens it, and the frame grows to the
// whole card.
func TestCompact(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		host.open(t, s.page("/compact", pageOptions{Snippet: strings.Replace(snippet, "<script ", `<script data-compact `, 1)}))
		f := host.frame(t, s.widget, "compact=1")
		waitFor(t, f, wasmStarted)
		if h := eval[float64](t, host, `document.querySelector("iframe").getBoundingClientRect().height`); h != 440 {
			t.Errorf("compact frame %v px, want 440", h)
		}
		// Where each part ends, against the top of the fade: the video link above it; the
		// summary's end and the highlights under it.
		const ends = `(() => { const fade = document.querySelector(".card-fold").getBoundingClientRect().top;
		  return [".card-actions a.card-button", ".card-summary", ".card-quotes"].map((s) => document.querySelector(s).getBoundingClientRect().bottom - fade); })()`
		if got := eval[[]float64](t, f, ends); got[0] > 0 || got[1] <= 0 || got[2] <= 0 {
			t.Errorf("folded compact, each part's end from the fade's top (video link, summary, highlights): %v px; want the link above, the others under it", got)
		}
		host.click(t, f, ".card-fold-button")
		waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "true"`)
		fits(t, host, f, "compact, opened")
		if got := eval[[]float64](t, f, `[".card-summary", ".card-quotes"].map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return r.height > 0 && r.bottom <= innerHeight ? 1 : 0; })`); got[0] != 1 || got[1] != 1 {
			t.Errorf("opened: summary and highlights shown whole %v", got)
		}
	})
}

func TestStrictCSPHost(t *testing.T) {
	s := newSite(t, siteOptions{})
	policy := strings.TrimPrefix(strings.TrimSpace(strings.ReplaceAll(readmeBlock(t, "### Content-Security-Policy", ""), "{{widget}}", s.widget)), "Content-Security-Policy: ")
	ctx := chromiumTab(t)
	probe(t, ctx)
	f := startedCard(t, ctx, s, "/csp", pageOptions{Snippet: readmeSnippet(t), Header: http.Header{"Content-Security-Policy": {policy}}})
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="en"]').click(), true)`)
	waitFor(t, f, `document.documentElement.lang === "en"`)
	fits(t, ctx, f, "under the host's CSP")
	p := readProbe(t, ctx)
	if len(p.Violations) > 0 || len(p.Errors) > 0 {
		t.Errorf("CSP %q: violations %q, errors %q", policy, p.Violations, p.Errors)
	}
	t.Logf("host CSP: %s", policy)
}

// Isolation: the host's CSS cannot squash the frame; the host gets one global; messages from
// anyone but the card's own frame change nothing.
func TestIsolationBothWays(t *testing.T) {
	s := newSite(t, siteOptions{})
	third := newSite(t, siteOptions{}) // another origin, for a hostile frame
	evil := third.serve("/evil", "text/html; charset=utf-8", `<!DOCTYPE html><title>evil</title><p>evil
<script src="/evil.js"></script>`, nil)
	third.serve("/evil.js", "text/javascript", `parent.postMessage({eventcard: 1, type: "resize", height: 5}, "*");
parent.postMessage({eventcard: 1, type: "lang", title: "pwned"}, "*");`, nil)
	ctx := chromiumTab(t)
	probe(t, ctx)
	f := startedCard(t, ctx, s, "/iso", pageOptions{Snippet: snippet + `<iframe id="evil" src="` + evil + `"></iframe>`})
	card := `document.querySelector("iframe:not(#evil)")`
	title := eval[string](t, ctx, card+`.title`)
	// The host window itself tries too.
	eval[bool](t, ctx, `(postMessage({eventcard: 1, type: "resize", height: 5}, "*"), postMessage({eventcard: 1, type: "lang", title: "pwned"}, "*"), true)`)
	time.Sleep(300 * time.Millisecond)
	got := eval[[]string](t, ctx, `(() => { const f = `+card+`, cs = getComputedStyle(f);
	  return [f.getBoundingClientRect().height + "", f.title, cs.borderTopWidth, cs.display, f.getBoundingClientRect().width + "", document.body.clientWidth + ""]; })()`)
	if got[0] != fmt.Sprint(scriptAlone) || got[1] != title || got[2] != "0px" || got[3] != "block" || got[4] != got[5] {
		t.Errorf("frame height %s, title %q, border %s, display %s, width %s of %s", got[0], got[1], got[2], got[3], got[4], got[5])
	}
	// The host's "* { text-transform: uppercase }" stays outside.
	if tt := eval[string](t, f, `getComputedStyle(document.querySelector("h1")).textTransform`); tt != "none" {
		t.Errorf("the host's CSS reached the card: text-transform %s", tt)
	}
	if p := readProbe(t, ctx); !slices.Equal(p.Globals, []string{"EventCard"}) {
		t.Errorf("the host's window got %q", p.Globals)
	}
}

// The frame's title is localized before the card loads and follows it; a keyboard switch keeps
// the focus on the switcher; the frame never takes the focus by itself.
func TestFrameTitleAndFocus(t *testing.T) {
	slow := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/embed/") {
				time.Sleep(800 * time.Millisecond) // a slow widget: the frame is empty for a while
			}
			h.ServeHTTP(w, r)
		})
	}
	s := newSite(t, siteOptions{Wrap: slow})
	ctx := chromiumTab(t)
	// The page's load event waits for its frames: the card comes in after it, as in an app.
	open(t, ctx, s.page("/focus", pageOptions{Snippet: `<div id="slot"></div>`}))
	eval[bool](t, ctx, `(() => { const s = document.createElement("script"); s.src = "`+s.widget+`/embed.js";
	  s.dataset.event = "`+eventID+`"; s.dataset.lang = "fr"; document.querySelector("#slot").append(s); return true; })()`)
	waitFor(t, ctx, `document.querySelector("iframe")`)
	if got := eval[string](t, ctx, `document.querySelector("iframe").title`); got != ui(t, "fr", i18n.CardTitle) {
		t.Errorf("frame title before load %q, want %q", got, ui(t, "fr", i18n.CardTitle))
	}
	f := frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
	waitFor(t, ctx, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "fr")))
	if got := eval[string](t, ctx, `document.activeElement.tagName`); got != "BODY" {
		t.Errorf("on load the focus went to %s", got)
	}
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="en"]').focus(), true)`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, f, `document.documentElement.lang === "en"`)
	if got := eval[string](t, f, `document.activeElement.getAttribute("hreflang")`); got != "en" {
		t.Errorf("after a keyboard switch the focus is on %q", got)
	}
	waitFor(t, ctx, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "en")))
}

// Hostile and malformed options are inert and named once in the console.
func TestOptionsAreValidated(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	probe(t, ctx)
	hostile := `<script async src="{{widget}}/embed.js" data-event="../../events/` + eventID + `" data-lang="&lt;img src=x onerror=alert(1)&gt;"
  data-theme="dark;background:red" data-accent="red" data-foo="1" data-compact></script>`
	f := startedCard(t, ctx, s, "/hostile", pageOptions{Lang: "en", Snippet: hostile})
	src := eval[string](t, ctx, `document.querySelector("iframe").src`)
	if strings.ContainsAny(src, `<>"' `) || strings.Contains(src, "..") {
		t.Errorf("frame src carries the hostile values: %s", src)
	}
	if got := eval[string](t, f, `document.querySelector(".card-missing").textContent`); got != ui(t, "en", i18n.UnknownEvent) {
		t.Errorf("a bad event id shows %q", got)
	}
	p := readProbe(t, ctx)
	for _, attr := range []string{"data-event", "data-lang", "data-theme", "data-accent", "data-foo"} {
		n := 0
		for _, w := range p.Warnings {
			if strings.Contains(w, attr+":") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d warnings name %s: %q", n, attr, p.Warnings)
		}
	}
	if len(p.Errors) > 0 || !slices.Equal(p.Globals, []string{"EventCard"}) {
		t.Errorf("errors %q, globals %q", p.Errors, p.Globals)
	}
	// A missing data-event: the localized message, in the host page's language.
	ctx = chromiumTab(t)
	f = startedCard(t, ctx, s, "/missing", pageOptions{Lang: "pt", Snippet: `<script async src="{{widget}}/embed.js" data-theme="dark"></script>`})
	if got := eval[string](t, f, `document.querySelector(".card-missing").textContent`); got != ui(t, "pt", i18n.UnknownEvent) {
		t.Errorf("no data-event shows %q", got)
	}
}

// With cookies blocked, storage throws: the card still renders and switches.
func TestStorageBlocked(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := blockedStorageTab(t)
	f := startedCard(t, ctx, s, "/nocookies", pageOptions{Snippet: snippet})
	if !eval[bool](t, f, `(() => { try { sessionStorage.length; return false; } catch { return true; } })()`) {
		t.Fatal("storage is not blocked in this browser: the test proves nothing")
	}
	eval[bool](t, f, `(window.__mark = true, document.querySelector('.card-langs a[hreflang="pt"]').click(), true)`)
	waitFor(t, f, `document.documentElement.lang === "pt"`)
	checkCard(t, eval[cardText](t, f, readCard), "pt")
	if !eval[bool](t, f, `window.__mark === true`) {
		t.Error("the switch reloaded the frame: the wasm is not running")
	}
}

func TestLoaderSize(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	res, err := http.Get(w + "/embed.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var z bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	gz.Write(body)
	gz.Close()
	t.Logf("loader: %d bytes, %d gzip", len(body), z.Len())
	// 2 KB: the loader that reads the host's colours and makes no frame until the card is near
	// the viewport (README, "Performance"); the first loader, without either, was 1.39 KB.
	if z.Len() > 2048 {
		t.Errorf("the loader is %d bytes gzip, over its 2 KB budget", z.Len())
	}
}
