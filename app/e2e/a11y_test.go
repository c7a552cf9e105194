package e2e

// Accessibility: WCAG 2.2 AA, proved in Chromium. axe-core's rules on every page the
// card has, in every language, theme and size; the keyboard through real key presses; what a
// screen reader gets, from Chromium's own accessibility tree (DevTools' Accessibility domain);
// reflow at 320 CSS px and at twice the text size; forced colours; reduced motion.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// axeTags are the rule sets of the conformance target: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axePath is where `make test-deps` installs axe-core (npm, pinned in the Makefile).
const axePath = root + "/.cache/npm/node_modules/axe-core/axe.min.js"

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeSource is axe-core's script. Missing, the test fails: an accessibility test that skips is
// one that cannot fail.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		var data []byte
		data, axeErr = os.ReadFile(axePath)
		axeSrc = string(data)
	})
	if axeErr != nil {
		p, _ := filepath.Abs(axePath)
		t.Fatalf("axe-core is missing (%v): `make test-deps` (or `make test`) installs it into %s", axeErr, filepath.Dir(p))
	}
	return axeSrc
}

// axeViolation is one rule a page breaks, with the elements that break it.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t\t"))
}

// axe runs axe-core in ctx's document (a page, or a card's frame: DevTools evaluates the
// script in that target, whatever its CSP) and returns its violations of the WCAG rules.
// Frames are scanned on their own: axe does not descend into them here.
func axe(t *testing.T, ctx chromiumDoc) []axeViolation {
	t.Helper()
	src := axeSource(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.axe ? true : (() => { `+src+`; return true; })()`)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	return eval[[]axeViolation](t, ctx, `axe.run(document, { runOnly: { type: "tag", values: `+string(tags)+` }, iframes: false, resultTypes: ["violations"] })
	  .then((r) => r.violations.map((v) => ({ ID: v.id, Impact: v.impact || "", Help: v.help,
	    Nodes: v.nodes.map((n) => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ")) })))`)
}

// scanned records the pages the axe tests scanned and what they found, for the log.
type scanLog struct {
	mu    sync.Mutex
	pages []string
}

func (s *scanLog) add(t *testing.T, name string, vs []axeViolation) {
	t.Helper()
	s.mu.Lock()
	s.pages = append(s.pages, name)
	s.mu.Unlock()
	for _, v := range vs {
		t.Errorf("%s: axe: %s", name, v)
	}
	t.Logf("axe %s: %d violations", name, len(vs))
}

// emulate sets media features (prefers-color-scheme, forced-colors, prefers-reduced-motion) in
// ctx's target.
func emulate(t *testing.T, ctx context.Context, features map[string]string) {
	t.Helper()
	var fs []*emulation.MediaFeature
	for k, v := range features {
		fs = append(fs, &emulation.MediaFeature{Name: k, Value: v})
	}
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: fs})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openAll opens what a visitor may open: "read more" and, in a frame, the fold.
const openAll = `(() => {
  if (!document.documentElement.classList.contains("ec-more")) document.querySelector(".card-more-button")?.click();
  if (document.documentElement.classList.contains("ec-folded") && !document.documentElement.classList.contains("ec-open")) document.querySelector(".card-fold-button")?.click();
  return true;
})()`

var cardLangs = []string{"es", "en", "pt", "fr"}

// TestAxeEmbedMatrix: the card in a partner's frame, in the four languages, both themes
// (data-theme), full and compact: 16 pages, each scanned as it opens and opened up.
func TestAxeEmbedMatrix(t *testing.T) {
	axeSource(t)
	s := newSite(t, siteOptions{})
	var log scanLog
	for _, lang := range cardLangs {
		for _, theme := range []string{"light", "dark"} {
			for _, compact := range []bool{false, true} {
				name := fmt.Sprintf("embed %s %s %s", lang, theme, map[bool]string{false: "full", true: "compact"}[compact])
				t.Run(strings.ReplaceAll(name, " ", "-"), func(t *testing.T) {
					t.Parallel()
					attrs := fmt.Sprintf(`data-lang="%s" data-theme="%s"`, lang, theme)
					if compact {
						attrs += " data-compact"
					}
					ctx := chromiumTab(t)
					open(t, ctx, s.page("/axe-"+strings.ReplaceAll(name, " ", "-"), pageOptions{Lang: lang, Snippet: strings.Replace(snippet, "<script ", "<script "+attrs+" ", 1)}))
					f := frame(t, ctx, s.widget, "lang="+lang, "theme="+theme)
					waitFor(t, f, wasmStarted+` && document.documentElement.lang === "`+lang+`"`)
					log.add(t, name, axe(t, f))
					eval[bool](t, f, openAll)
					waitFor(t, f, `document.querySelector(".card-more-button").getAttribute("aria-expanded") === "true"`)
					log.add(t, name+", opened", axe(t, f))
				})
			}
		}
	}
	t.Cleanup(func() { t.Logf("%d scans: %s", len(log.pages), strings.Join(log.pages, "; ")) })
}

// TestAxeStandaloneMatrix: the standalone page, in the four languages, in the visitor's light
// and dark schemes (prefers-color-scheme, emulated), wide (1200 px) and narrow (320 px, the
// page's compact layout: the standalone page has no compact option, data-compact is the
// frame's): 16 pages, each scanned as it opens and with "read more" open.
func TestAxeStandaloneMatrix(t *testing.T) {
	axeSource(t)
	w := newSite(t, siteOptions{}).widget
	var log scanLog
	for _, lang := range cardLangs {
		for _, scheme := range []string{"light", "dark"} {
			for _, width := range []int64{1200, 320} {
				name := fmt.Sprintf("standalone %s %s %dpx", lang, scheme, width)
				t.Run(strings.ReplaceAll(name, " ", "-"), func(t *testing.T) {
					t.Parallel()
					ctx := chromiumTab(t)
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
						t.Fatal(err)
					}
					emulate(t, ctx, map[string]string{"prefers-color-scheme": scheme})
					open(t, ctx, w+"/"+lang+"/events/"+eventID+"/")
					waitFor(t, ctx, wasmStarted)
					paper := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(29, 25, 35)"}[scheme]
					if got := eval[string](t, ctx, `getComputedStyle(document.querySelector(".card")).backgroundColor`); got != paper {
						t.Fatalf("the %s scheme shows paper %s", scheme, got)
					}
					log.add(t, name, axe(t, ctx))
					eval[bool](t, ctx, openAll)
					log.add(t, name+", opened", axe(t, ctx))
				})
			}
		}
	}
	t.Cleanup(func() { t.Logf("%d scans: %s", len(log.pages), strings.Join(log.pages, "; ")) })
}

// TestAxeBuilderAndDemo: the snippet builder in every language (and dark), the home page's
// index of events, the unknown-event card, the card of every other kind of event (banner,
// portraits, venue, status, former date), and the demo partner page: its own markup (the host
// document) and the card in its frame.
func TestAxeBuilderAndDemo(t *testing.T) {
	axeSource(t)
	var log scanLog
	w := newSite(t, siteOptions{}).widget
	pages := []struct{ name, path, scheme string }{
		{"builder es", "/es/embed/", "light"},
		{"builder en", "/en/embed/", "light"},
		{"builder pt", "/pt/embed/", "light"},
		{"builder fr", "/fr/embed/", "light"},
		{"builder es dark", "/es/embed/", "dark"},
		{"index of events fr", "/fr/", "light"},
		{"index of events en dark", "/en/", "dark"},
		{"unknown event pt", "/pt/events/no-such-event/", "light"},
	}
	for i, id := range slices.DeleteFunc(slices.Clone(fixtures.IDs), func(id string) bool { return id == eventID }) {
		lang, scheme := cardLangs[i%len(cardLangs)], []string{"light", "dark"}[i%2]
		pages = append(pages, struct{ name, path, scheme string }{id + " " + lang + " " + scheme, "/" + lang + "/events/" + id + "/", scheme})
	}
	for _, c := range pages {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			t.Parallel()
			ctx := chromiumTab(t)
			emulate(t, ctx, map[string]string{"prefers-color-scheme": c.scheme})
			open(t, ctx, w+c.path)
			waitFor(t, ctx, wasmStarted)
			log.add(t, c.name, axe(t, ctx))
		})
	}

	t.Run("demo", func(t *testing.T) {
		t.Parallel()
		// The demo embeds the card from the other loopback name: open it on localhost, the card
		// comes from 127.0.0.1.
		w := newSite(t, siteOptions{}).widget
		ctx := chromiumTab(t)
		demo := strings.Replace(w, "127.0.0.1", "localhost", 1) + "/demo"
		open(t, ctx, demo)
		f := frame(t, ctx, w)
		waitFor(t, f, wasmStarted)
		log.add(t, "demo (the partner's page)", axe(t, ctx))
		log.add(t, "demo (the card's frame)", axe(t, f))
	})
	t.Cleanup(func() { t.Logf("%d scans: %s", len(log.pages), strings.Join(log.pages, "; ")) })
}

// axTree is Chromium's accessibility tree of ctx's document, as a screen reader receives it.
type axNode struct {
	Role, Name string
	Props      map[string]string
	Children   []*axNode
	Parent     *axNode
}

func axTree(t *testing.T, ctx context.Context) *axNode {
	t.Helper()
	var nodes []*accessibility.Node
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		res, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		nodes = res.Nodes
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[accessibility.NodeID]*axNode{}
	str := func(v *accessibility.Value) string {
		if v == nil || len(v.Value) == 0 {
			return ""
		}
		var s any
		if json.Unmarshal(v.Value, &s) != nil {
			return string(v.Value)
		}
		return fmt.Sprint(s)
	}
	for _, n := range nodes {
		a := &axNode{Role: str(n.Role), Name: str(n.Name), Props: map[string]string{}}
		if n.Ignored {
			a.Role = "ignored"
		}
		for _, p := range n.Properties {
			a.Props[string(p.Name)] = str(p.Value)
		}
		byID[n.NodeID] = a
	}
	var rootNode *axNode
	for _, n := range nodes {
		a := byID[n.NodeID]
		for _, c := range n.ChildIDs {
			if ch := byID[c]; ch != nil {
				a.Children = append(a.Children, ch)
				ch.Parent = a
			}
		}
		if n.ParentID == "" && rootNode == nil {
			rootNode = a
		}
	}
	return rootNode
}

// find returns the nodes below n (n included) for which ok is true, in document order.
func (n *axNode) find(ok func(*axNode) bool) []*axNode {
	var out []*axNode
	var walk func(*axNode)
	walk = func(n *axNode) {
		if ok(n) {
			out = append(out, n)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return out
}

func role(r string) func(*axNode) bool { return func(n *axNode) bool { return n.Role == r } }

// text is every name below n, for messages.
func (n *axNode) text() string {
	var parts []string
	for _, c := range n.find(func(c *axNode) bool { return c.Role == "StaticText" }) {
		parts = append(parts, c.Name)
	}
	return strings.Join(parts, " ")
}

// TestAxeFindsViolations: the scan above can fail. A page with a faint text and an image
// without a text alternative gives axe exactly those violations.
func TestAxeFindsViolations(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/en/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	eval[bool](t, ctx, `(() => { const p = document.createElement("p"); p.textContent = "faint"; p.style.color = "#ccc";
	  const img = document.createElement("img"); img.src = "/web/icon-192.png"; document.querySelector(".card").append(p, img); return true; })()`)
	var ids []string
	for _, v := range axe(t, ctx) {
		ids = append(ids, v.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"color-contrast", "image-alt"}) {
		t.Errorf("axe found %q, want color-contrast and image-alt", ids)
	}
}

// focused describes the focused element of a card's frame and how its focus shows.
type focused struct {
	Tag, Class, Lang, Text, Expanded string
	Index                            int // among the page's focusable elements, in document order
	FocusVisible                     bool
	Outline                          string
	OutlineWidth                     float64
	InFrame                          bool
}

// focusables marks the focusable elements of the document in document order (data-focus-index).
const focusables = `(() => {
  const all = [...document.querySelectorAll("a[href], button, select, input, textarea, [tabindex]")]
    .filter((e) => e.getClientRects().length > 0 && !e.disabled && e.tabIndex >= 0);
  all.forEach((e, i) => e.dataset.focusIndex = i);
  return all.map((e) => (e.getAttribute("hreflang") || e.className || e.tagName) + ":" + e.textContent.trim().slice(0, 30));
})()`

const readFocus = `(() => {
  const e = document.activeElement;
  if (!document.hasFocus() || !e || e === document.body) return { InFrame: false };
  const cs = getComputedStyle(e);
  return { Tag: e.tagName, Class: e.className, Lang: e.getAttribute("hreflang") || "", Text: e.textContent.trim().slice(0, 40),
    Expanded: e.getAttribute("aria-expanded") || "", Index: Number(e.dataset.focusIndex ?? -1), FocusVisible: e.matches(":focus-visible"),
    Outline: cs.outlineStyle + " " + cs.outlineColor, OutlineWidth: parseFloat(cs.outlineWidth), InFrame: true };
})()`

// press sends a key through DevTools' Input.dispatchKeyEvent, as a keyboard does: to whatever
// has the focus, the card's frame included.
func press(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
}

// TestKeyboard: from the partner's page, Tab walks every control of the card in document order,
// which is the visual order, each with a visible focus ring; the switcher works with Enter and
// Space and keeps the focus; "read more" and the fold are buttons that Enter and Space toggle.
func TestKeyboard(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	f := startedCard(t, ctx, s, "/keys", pageOptions{Snippet: `<p><a id="host-link" href="#">Un enlace del sitio aliado</a></p>` + snippet})
	order := eval[[]string](t, f, focusables)
	// Every kind of control the card has: the switcher, the main action, Share, read more, the
	// fold, and the links to organizers, people and documents that open a tab.
	for _, kind := range []string{"es:", "en:", "pt:", "fr:", "card-button card-button--recording:", "card-share:", "card-more-button:", "card-fold-button:", "A:"} {
		if !slices.ContainsFunc(order, func(o string) bool { return strings.HasPrefix(o, kind) }) {
			t.Fatalf("no %s among the focusable elements: %q", kind, order)
		}
	}
	eval[bool](t, ctx, `(document.querySelector("#host-link").focus(), true)`)
	var walked []focused
	for i := 0; i < len(order)+1; i++ {
		press(t, ctx, "\t")
		got := eval[focused](t, f, readFocus)
		if !got.InFrame {
			break
		}
		walked = append(walked, got)
		if !got.FocusVisible || !strings.HasPrefix(got.Outline, "solid") || got.OutlineWidth < 2 {
			t.Errorf("Tab %d, %s %q: focus-visible %v, outline %s %vpx: no visible focus ring", i+1, got.Tag, got.Text, got.FocusVisible, got.Outline, got.OutlineWidth)
		}
	}
	if len(walked) != len(order) {
		t.Fatalf("Tab reached %d controls in the card, want all %d: %q", len(walked), len(order), order)
	}
	for i, w := range walked {
		if w.Index != i {
			t.Errorf("Tab %d went to control %d (%s %q): not the document order %q", i+1, w.Index, w.Tag, w.Text, order)
		}
	}
	// Document order is the visual order: the sections that hold the controls go down the card,
	// and nothing reorders them (no positive tabindex, no CSS order on them).
	if bad := eval[[]string](t, f, `(() => {
	  const out = [], tops = [...document.querySelectorAll(".card > *")].map((s) => [s, s.getBoundingClientRect().top]);
	  for (let i = 1; i < tops.length; i++) if (tops[i][1] < tops[i-1][1]) out.push(tops[i][0].className + " above " + tops[i-1][0].className);
	  for (const e of document.querySelectorAll("[tabindex]")) if (e.tabIndex > 0) out.push("tabindex " + e.tabIndex);
	  return out; })()`); len(bad) > 0 {
		t.Errorf("visual order differs from document order: %q", bad)
	}

	// The switcher: Enter on a link, Space on another; the focus stays; the switch is
	// announced in the new language.
	// The keyboard's way in again: from the partner's link, Tab to Español, Tab to the next.
	eval[bool](t, ctx, `(document.querySelector("#host-link").focus(), true)`)
	press(t, ctx, "\t")
	if got := eval[focused](t, f, readFocus); got.Lang != "es" {
		t.Fatalf("Tab from the partner's page went to %s %q, want the switcher's first language", got.Tag, got.Text)
	}
	focus := func(sel string) { eval[bool](t, f, `(document.querySelector('`+sel+`').focus(), true)`) }
	for _, c := range []struct{ lang, key string }{{"en", "\r"}, {"pt", " "}, {"fr", "\r"}} {
		press(t, ctx, "\t")
		if got := eval[focused](t, f, readFocus); got.Lang != c.lang {
			t.Fatalf("Tab went to %s %q, want %s", got.Tag, got.Text, c.lang)
		}
		eval[bool](t, f, `(window.__mark = true)`)
		press(t, ctx, c.key)
		waitFor(t, f, `document.documentElement.lang === "`+c.lang+`"`)
		got := eval[[]string](t, f, `[document.activeElement.getAttribute("hreflang"), document.activeElement.matches(":focus-visible") + "",
		  document.querySelector("#card-langs-status").textContent, document.querySelector("#card-langs-status").lang, window.__mark + ""]`)
		if !slices.Equal(got, []string{c.lang, "true", ui(t, c.lang, i18n.LanguageName), c.lang, "true"}) {
			t.Errorf("key %q on %s: focus on %s (visible %s), live region %q lang %q, same page %s", c.key, c.lang, got[0], got[1], got[2], got[3], got[4])
		}
	}

	// "Read more" and the fold: buttons; Enter and Space toggle them.
	for _, sel := range []string{".card-more-button", ".card-fold-button"} {
		focus(sel)
		// (Tabbing through the card has opened the fold: a focus inside its folded part does.)
		state := eval[string](t, f, `document.querySelector("`+sel+`").getAttribute("aria-expanded")`)
		flip := map[string]string{"true": "false", "false": "true"}
		for _, key := range []string{"\r", " ", " "} {
			state = flip[state]
			press(t, ctx, key)
			waitFor(t, f, `document.querySelector("`+sel+`").getAttribute("aria-expanded") === "`+state+`"`)
		}
		if got := eval[string](t, f, `document.activeElement.className`); got != strings.TrimPrefix(sel, ".") {
			t.Errorf("after toggling %s the focus is on %q", sel, got)
		}
	}
	if !eval[bool](t, f, `getComputedStyle(document.querySelector(".card-more-text")).display !== "none"`) {
		t.Error("read more is expanded but its text is hidden")
	}
}

// TestKeyboardSwitchWithoutWasm: without the wasm a switch reloads the frame; the focus comes
// back to the chosen language and the live region says it.
func TestKeyboardSwitchWithoutWasm(t *testing.T) {
	s := newSite(t, siteOptions{Wrap: noWasm})
	ctx := chromiumTab(t)
	open(t, ctx, s.page("/keys-nowasm", pageOptions{Snippet: snippet}))
	f := frame(t, ctx, s.widget)
	waitFor(t, f, `document.readyState === "complete"`)
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="fr"]').focus(), true)`)
	press(t, ctx, " ")
	f = frame(t, ctx, s.widget+"/fr/embed/")
	waitFor(t, f, `document.readyState === "complete" && document.documentElement.lang === "fr"`)
	waitFor(t, f, `document.querySelector("#card-langs-status").textContent === `+quoted(ui(t, "fr", i18n.LanguageName)))
	if got := eval[[]string](t, f, `[document.activeElement.getAttribute("hreflang") || document.activeElement.tagName, document.querySelector("#card-langs-status").lang]`); !slices.Equal(got, []string{"fr", "fr"}) {
		t.Errorf("after a switch without wasm: focus on %s, live region lang %s", got[0], got[1])
	}
	// Read more works without the wasm too: card.js owns it.
	eval[bool](t, f, `(document.querySelector(".card-more-button").click(), true)`)
	waitFor(t, f, `document.querySelector(".card-more-button").getAttribute("aria-expanded") === "true" && getComputedStyle(document.querySelector(".card-more-text")).display !== "none"`)
}

// TestDisclosuresOutliveTheWasmsFirstRender: "Show all" and "Read more" opened before the wasm
// starts stay open, with aria-expanded "true" on the fresh buttons the wasm's first render puts
// in place of the prerendered ones (their elements take the state over when connected), and they
// keep working after it.
func TestDisclosuresOutliveTheWasmsFirstRender(t *testing.T) {
	ctx, f, release := heldCard(t, "/disclosures")
	waitFor(t, f, `document.querySelector(".card-fold-button") && document.querySelector(".card-more-button")`)
	if eval[bool](t, f, wasmStarted) {
		t.Fatal("the wasm started before it was released")
	}
	const buttons = `[document.querySelector(".card-fold-button"), document.querySelector(".card-more-button")]`
	const expanded = buttons + `.map((b) => b.getAttribute("aria-expanded"))`
	if got := eval[[]string](t, f, expanded); !slices.Equal(got, []string{"false", "false"}) {
		t.Fatalf("prerendered: fold and read more aria-expanded %q, want closed", got)
	}
	eval[bool](t, f, `(window.__prerendered = `+buttons+`, __prerendered.forEach((b) => b.click()), true)`)
	if got := eval[[]string](t, f, expanded); !slices.Equal(got, []string{"true", "true"}) {
		t.Fatalf("opened before the wasm: aria-expanded %q", got)
	}

	release()
	waitFor(t, f, wasmStarted)
	if eval[bool](t, f, buttons+`.some((b) => __prerendered.includes(b) || !b.isConnected)`) {
		t.Fatal("the wasm's first render kept the prerendered buttons: the test proves nothing")
	}
	if got := eval[[]string](t, f, expanded); !slices.Equal(got, []string{"true", "true"}) {
		t.Errorf("after the wasm's first render: aria-expanded %q, want both still open", got)
	}
	if !eval[bool](t, f, `getComputedStyle(document.querySelector(".card-more-text")).display !== "none"`) {
		t.Error("after the wasm's first render the rest of the summary is hidden")
	}
	fits(t, ctx, f, "opened before the wasm")
	eval[bool](t, f, `(document.querySelector(".card-fold-button").click(), true)`)
	waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "false" && !document.documentElement.classList.contains("ec-open")`)
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector("iframe").getBoundingClientRect().height === %d`, scriptAlone))
}

// heldCard opens a partner page at path with the README's snippet in Chromium, the widget's
// wasm held until release (heldWasm): the tab, the card's frame, and release.
func heldCard(t *testing.T, path string) (tab, card chromiumDoc, release func()) {
	wrap, release := heldWasm(t)
	s := newSite(t, siteOptions{Wrap: wrap})
	tab = chromiumTab(t)
	open(t, tab, s.page(path, pageOptions{Snippet: snippet}))
	return tab, frame(t, tab, s.widget), release
}

// heldWasm wraps a widget so that its wasm arrives when the test calls release (or ends).
func heldWasm(t *testing.T) (wrap func(http.Handler) http.Handler, release func()) {
	hold := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(hold) }) }
	t.Cleanup(release)
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, ".wasm") {
				<-hold
			}
			h.ServeHTTP(w, r)
		})
	}, release
}

// TestAPressAcrossTheWasmsFirstRender: a visitor presses "Show all" before the wasm starts and
// releases it after the wasm's first render has replaced the button with its own. The browser
// sends no click (the press and the release share no element); the card opens all the same,
// once.
func TestAPressAcrossTheWasmsFirstRender(t *testing.T) {
	ctx, f, release := heldCard(t, "/press")
	const button = `document.querySelector(".card-fold-button")`
	waitFor(t, f, button+` !== null`)
	y := eval[float64](t, f, `(() => { const r = `+button+`.getBoundingClientRect(); return r.top + r.height / 2; })()`)
	eval[bool](t, ctx, fmt.Sprintf(`(scrollTo(0, document.querySelector("iframe").getBoundingClientRect().top + scrollY + %f - innerHeight / 2), true)`, y))
	const painted = `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))`
	eval[bool](t, ctx, painted)
	inFrame := eval[[]float64](t, f, `(window.__prerendered = `+button+`, (() => { const r = __prerendered.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })())`)
	at := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const i = document.querySelector("iframe"), r = i.getBoundingClientRect();
	  return [r.left + i.clientLeft + %f, r.top + i.clientTop + %f]; })()`, inFrame[0], inFrame[1]))
	mouse := func(kind input.DispatchMouseEventType) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.MouseEvent(kind, at[0], at[1], chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
			t.Fatal(err)
		}
	}

	mouse(chromedp.MousePressed)
	if eval[bool](t, f, wasmStarted) {
		t.Fatal("the wasm started before it was released")
	}
	release()
	waitFor(t, f, wasmStarted+` && `+button+` !== __prerendered`)
	mouse(chromedp.MouseReleased)
	waitFor(t, f, `document.documentElement.classList.contains("ec-open") && `+button+`.getAttribute("aria-expanded") === "true"`)
	eval[bool](t, f, `new Promise((ok) => setTimeout(() => ok(true), 300))`)
	if !eval[bool](t, f, `document.documentElement.classList.contains("ec-open")`) {
		t.Error("the press opened the card and closed it again: two clicks for one")
	}
}

// TestScreenReaderTree reads Chromium's accessibility tree of the card, as assistive
// technology gets it: one h1 (the event's title) and h2 sections, the speakers a list, the
// date a <time datetime>, buttons with their expanded state, links that say where they go,
// the switcher's languages each in its own language, and the switch announced politely.
func TestScreenReaderTree(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/es/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted)
	tree := axTree(t, ctx)

	var headings []string
	for _, h := range tree.find(role("heading")) {
		headings = append(headings, h.Props["level"]+":"+h.Name)
	}
	card := wantCard(t, "es")
	wantHeadings := []string{"1:" + card.title, "2:" + ui(t, "es", i18n.OrganizedBy), "2:" + card.speakers,
		"2:" + ui(t, "es", i18n.Highlights), "2:" + ui(t, "es", i18n.Documents)}
	if !slices.Equal(headings, wantHeadings) {
		t.Errorf("headings %q, want %q", headings, wantHeadings)
	}

	var people *axNode
	for _, l := range tree.find(role("list")) {
		if strings.Contains(l.text(), card.names[0]) {
			people = l
		}
	}
	if people == nil {
		t.Fatal("the speakers are not a list")
	}
	items := people.find(role("listitem"))
	if last := len(card.names) - 1; len(items) != len(card.names) || !strings.Contains(items[last].text(), card.names[last]) {
		t.Errorf("the speakers' list has %d items, want %d", len(items), len(card.names))
	}

	if got := eval[[]string](t, ctx, `[...document.querySelectorAll(".card-when time")].map((e) => e.getAttribute("datetime") + " " + e.textContent)`); !slices.Equal(got, []string{card.iso + " " + card.date}) {
		t.Errorf("the date: %q", got)
	}

	// Buttons: read more is a button with its state; Share.
	var buttons []string
	for _, b := range tree.find(role("button")) {
		buttons = append(buttons, b.Name+"|"+b.Props["expanded"])
	}
	readMore, readLess := ui(t, "es", i18n.ReadMore), ui(t, "es", i18n.ReadLess)
	if !slices.Contains(buttons, readMore+"|false") || !slices.Contains(buttons, ui(t, "es", i18n.Share)+"|") {
		t.Errorf("buttons %q: want read more (collapsed) and share", buttons)
	}
	eval[bool](t, ctx, `(document.querySelector(".card-more-button").click(), true)`)
	expanded := tree
	for i := 0; i < 20; i++ {
		expanded = axTree(t, ctx)
		if len(expanded.find(func(n *axNode) bool { return n.Role == "button" && n.Props["expanded"] == "true" })) > 0 {
			break
		}
	}
	if len(expanded.find(func(n *axNode) bool {
		return n.Role == "button" && n.Name == readLess && n.Props["expanded"] == "true"
	})) != 1 {
		t.Error("after a click, read more is not an expanded button")
	}

	// Links: named, none of them vague, those that open a tab say so; the same name always
	// goes to the same place.
	vague := []string{"aquí", "más", "leer más", "here", "click here", "more", "read more", "link", "enlace"}
	where := map[string]string{}
	hrefs := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("a[href]")].map((a) => [a.textContent.replace(/\s+/g, " ").trim(), a.href]))`)
	for _, l := range tree.find(role("link")) {
		name := strings.TrimSpace(l.Name)
		if name == "" || slices.Contains(vague, strings.ToLower(name)) {
			t.Errorf("link %q: not meaningful out of context", name)
		}
		if href, ok := hrefs[name]; ok {
			if prev, seen := where[name]; seen && prev != href {
				t.Errorf("two links named %q go to %s and %s", name, prev, href)
			}
			where[name] = href
		}
	}
	newTab := eval[[]string](t, ctx, `[...document.querySelectorAll('a[target="_blank"]')].filter((a) => !a.textContent.includes(`+quoted(ui(t, "es", i18n.NewTab))+`)).map((a) => a.textContent)`)
	if len(newTab) > 0 {
		t.Errorf("links opening a new tab without saying so: %q", newTab)
	}

	// The switcher: a navigation landmark named in the page's language; each language's name in
	// itself, marked with its language; the live region polite and empty until a switch.
	nav := tree.find(func(n *axNode) bool { return n.Role == "navigation" && n.Name == ui(t, "es", i18n.Language) })
	if len(nav) != 1 {
		t.Fatalf("no navigation landmark named %q", ui(t, "es", i18n.Language))
	}
	var names, ownNames []string
	for _, l := range nav[0].find(role("link")) {
		names = append(names, l.Name)
	}
	for _, lang := range cardLangs {
		ownNames = append(ownNames, ui(t, lang, i18n.LanguageName))
	}
	if !slices.Equal(names, ownNames) {
		t.Errorf("switcher links %q, want %q", names, ownNames)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll(".card-langs a")].map((a) => a.lang + "=" + a.hreflang).join(" ")`); got != "es=es en=en pt=pt fr=fr" {
		t.Errorf("switcher links' lang: %s", got)
	}
	status := nav[0].find(func(n *axNode) bool { return n.Role == "status" && n.Props["live"] == "polite" })
	if len(status) != 1 || status[0].text() != "" {
		t.Fatalf("want one polite live region in the switcher, empty before a switch: %d", len(status))
	}
	eval[bool](t, ctx, `(document.querySelector('.card-langs a[hreflang="pt"]').click(), true)`)
	waitFor(t, ctx, `document.documentElement.lang === "pt"`)
	var said string
	for i := 0; i < 20 && said != ui(t, "pt", i18n.LanguageName); i++ {
		tree = axTree(t, ctx)
		for _, nav := range tree.find(role("navigation")) {
			if st := nav.find(role("status")); len(st) == 1 {
				said = st[0].text()
			}
		}
	}
	if said != ui(t, "pt", i18n.LanguageName) || eval[string](t, ctx, `document.querySelector("#card-langs-status").lang`) != "pt" {
		t.Errorf("after switching to pt the live region says %q", said)
	}

	// For the record: how Chromium exposes a <details>' summary (why "read more" is a button).
	eval[bool](t, ctx, `(document.body.insertAdjacentHTML("beforeend", '<details id="probe-details"><summary>probe summary</summary>x</details>'), true)`)
	for _, n := range axTree(t, ctx).find(func(n *axNode) bool { return n.Name == "probe summary" && n.Role != "StaticText" }) {
		t.Logf("Chromium exposes <summary> as role %q, expanded %q", n.Role, n.Props["expanded"])
	}
}

// noOverflow lists what would be lost or scroll sideways in ctx's document: a page wider than
// its viewport, text outside it, an element that clips its own content.
const noOverflow = `(() => {
  const out = [], vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) out.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + vw);
  for (const e of document.querySelectorAll(".page *")) {
    if (!e.getClientRects().length || e.closest(".sr-only")) continue;
    const cs = getComputedStyle(e), r = e.getBoundingClientRect();
    if (e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && (r.left < -1 || r.right > vw + 1))
      out.push(e.tagName + "." + e.className + " outside the viewport: " + Math.round(r.left) + ".." + Math.round(r.right));
    if (/hidden|clip/.test(cs.overflowX) && e.scrollWidth > e.clientWidth + 1 && !e.matches("pre, .card"))
      out.push(e.tagName + "." + e.className + " clips its content: " + e.scrollWidth + " > " + e.clientWidth);
  }
  return out;
})()`

// setTextSize sets the browser's default text size (DevTools' Page.setFontSizes: what a visitor
// changes in the browser's settings), 16 px by default.
func setTextSize(t *testing.T, ctx context.Context, px int64) {
	t.Helper()
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: px, Fixed: px * 13 / 16}})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReflowAndTextSize: at 320 CSS px, and there with the text at twice its size, nothing is
// lost and nothing scrolls sideways, on the standalone page, in a partner's frame and in the
// builder. Text size is doubled the way a visitor does it, through the browser's default text
// size (16 → 32 px), and measured doubled; pinch-zoom stays allowed.
func TestReflowAndTextSize(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	s := newSite(t, siteOptions{})
	for _, size := range []int64{16, 32} {
		for _, c := range []struct{ name, url string }{
			{"standalone fr", w + "/fr/events/" + eventID + "/"},
			{"builder pt", w + "/pt/embed/"},
			{"embed es", s.page("/reflow", pageOptions{Snippet: snippet})},
		} {
			t.Run(fmt.Sprintf("%s-%dpx-text", strings.ReplaceAll(c.name, " ", "-"), size), func(t *testing.T) {
				ctx := chromiumTab(t)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
					t.Fatal(err)
				}
				setTextSize(t, ctx, size)
				open(t, ctx, c.url)
				doc := ctx
				if strings.HasPrefix(c.name, "embed") {
					doc = frame(t, ctx, s.widget)
					setTextSize(t, doc, size) // the setting reaches a cross-site frame's process through its own target
				}
				waitFor(t, doc, wasmStarted)
				if got := eval[float64](t, doc, `parseFloat(getComputedStyle(document.querySelector("p")).fontSize)`); got != float64(size) {
					t.Fatalf("body text is %v px with the browser's text size at %d px: the card does not follow it", got, size)
				}
				if got := eval[float64](t, doc, `parseFloat(getComputedStyle(document.querySelector("h2")).fontSize)`); got != float64(size) {
					t.Errorf("h2 is %v px, want %d", got, size)
				}
				eval[bool](t, doc, openAll)
				if bad := eval[[]string](t, doc, noOverflow); len(bad) > 0 {
					t.Errorf("at 320 px with %d px text: %q", size, bad)
				}
				if strings.HasPrefix(c.name, "embed") {
					fits(t, ctx, doc, "opened, 320 px wide")
				}
				if vp := eval[string](t, doc, `document.querySelector('meta[name="viewport"]').content`); strings.Contains(vp, "user-scalable") || strings.Contains(vp, "maximum-scale") {
					t.Errorf("viewport %q stops pinch-zoom", vp)
				}
			})
		}
	}
}

// TestForcedColorsAndReducedMotion: with Windows' high contrast (forced-colors: active) every
// control keeps a visible border, or is an underlined link, and its focus ring; with
// prefers-reduced-motion nothing moves.
func TestForcedColorsAndReducedMotion(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	f := startedCard(t, ctx, s, "/forced", pageOptions{Snippet: strings.Replace(snippet, "<script ", `<script data-theme="dark" `, 1)})
	emulate(t, f, map[string]string{"forced-colors": "active", "prefers-reduced-motion": "reduce"})
	waitFor(t, f, `matchMedia("(forced-colors: active)").matches && matchMedia("(prefers-reduced-motion: reduce)").matches`)
	bad := eval[[]string](t, f, `(() => {
	  const out = [];
	  for (const e of document.querySelectorAll("a[href], button, .card-kind, .card-badge")) {
	    if (!e.getClientRects().length) continue;
	    const cs = getComputedStyle(e);
	    const border = cs.borderTopStyle !== "none" && parseFloat(cs.borderTopWidth) >= 1;
	    const underlined = e.tagName === "A" && cs.textDecorationLine.includes("underline");
	    if (!border && !underlined) out.push(e.tagName + "." + e.className + " " + e.textContent.trim().slice(0, 30));
	  }
	  return out; })()`)
	if len(bad) > 0 {
		t.Errorf("in forced colours, invisible controls: %q", bad)
	}
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="en"]').focus(), true)`)
	eval[bool](t, ctx, `(document.querySelector("iframe").focus(), true)`)
	// The focus reaches the frame's process a moment later; a Tab before that is the page's.
	waitFor(t, f, `document.hasFocus()`)
	press(t, ctx, "	")
	waitFor(t, f, `document.activeElement.getAttribute("hreflang") !== "en"`)
	if got := eval[focused](t, f, readFocus); !got.InFrame || !strings.HasPrefix(got.Outline, "solid") || got.OutlineWidth < 2 {
		t.Errorf("in forced colours the focus ring is %s %vpx on %s", got.Outline, got.OutlineWidth, got.Text)
	}
	moving := eval[[]string](t, f, `[...document.querySelectorAll("*")].filter((e) => { const cs = getComputedStyle(e);
	  return cs.transitionDuration.split(",").some((d) => parseFloat(d) > 0) || (cs.animationName !== "none" && parseFloat(cs.animationDuration) > 0)
	    || cs.scrollBehavior === "smooth"; }).map((e) => e.tagName + "." + e.className)`)
	if len(moving) > 0 {
		t.Errorf("with prefers-reduced-motion, these still move: %q", moving)
	}
}
