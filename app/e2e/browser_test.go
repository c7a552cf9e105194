package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"
)

// The project's root: its README (the snippets partners paste) and its test tools.
const root = "../.."

// Each browser the package starts lives until every test is done; TestMain stops them. A
// whole run (no -run) starts Firefox at once, in the background: most of its start is waiting
// for its idle start-up tasks (15 s on a loaded machine), which the tests before the first
// core test then hide.
func TestMain(m *testing.M) {
	flag.Parse()
	if flag.Lookup("test.run").Value.String() == "" {
		go firefoxOnce.Do(startFirefox)
	}
	code := m.Run()
	stopChromium()
	stopFirefox()
	stopXvfb()
	os.Exit(code)
}

// A browser is one engine, as the core tests drive it: Chromium through DevTools (chromedp),
// Firefox through WebDriver BiDi, WebKit through classic WebDriver. The core tests are written
// once against it and run in all three (inEveryEngine); the tests that need DevTools itself
// (layout shifts, the accessibility tree, emulated media) use Chromium's contexts directly.
type browser interface {
	name() string
	// newTab opens a tab with storage of its own (a fresh profile or user context), closed
	// with the test.
	newTab(t *testing.T) tab
	// newTabIn is newTab with the visitor in the time zone zone (an IANA name): the tab's
	// documents, the card's frames included, take it for their own.
	newTabIn(t *testing.T, zone string) tab
}

// A tab is a page and its frames.
type tab interface {
	doc // the page itself
	// open loads url and waits for its load event.
	open(t *testing.T, url string)
	// frame waits for a frame, at any depth, whose address starts with prefix and contains
	// each of contains; a prefix without "/embed/" means a card's frame on that origin.
	frame(t *testing.T, prefix string, contains ...string) doc
	// click is a visitor's click (trusted input, not element.click()) on the element that
	// selector finds in d.
	click(t *testing.T, d doc, selector string)
	// resize sets the viewport's size in CSS pixels.
	resize(t *testing.T, width, height int)
	// console is what the engine's own console shows for the page and the frames the test
	// attached to, warnings and errors, as lines. WebKit's WebDriver has no console: nil,
	// and the probe (probeJS) stands in.
	console(t *testing.T) []string
}

// A doc is a document in a tab: the page, or a frame in it.
type doc interface {
	// evaluate runs the JavaScript expression js, awaits it if it is a promise, and returns
	// its value as JSON ("null" for undefined).
	evaluate(js string) (json.RawMessage, error)
}

// engines are the browsers every core test runs in.
var engines = []browser{chromiumEngine{}, firefoxEngine{}, webkitEngine{}}

// inEveryEngine runs test once per engine, as subtests named after them, in parallel: each
// engine is a browser of its own, and the machine's cores are shared between them.
func inEveryEngine(t *testing.T, test func(t *testing.T, b browser)) {
	t.Helper()
	for _, b := range engines {
		t.Run(b.name(), func(t *testing.T) {
			t.Parallel()
			test(t, b)
		})
	}
}

// eval runs JavaScript in d and decodes its value. A null or undefined value for a T that
// cannot be nil fails the test, as a missing element would.
func eval[T any](t *testing.T, d doc, js string) T {
	t.Helper()
	var v T
	raw, err := d.evaluate(js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	if string(raw) == "null" {
		switch reflect.TypeFor[T]().Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		default:
			t.Fatalf("%s: null or undefined", js)
		}
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v (%.200s)", js, err, raw)
	}
	return v
}

// waitFor polls a JavaScript predicate in d until it is truthy (20 s at most). Each poll is
// a call of its own, so a document that navigates or reloads meanwhile (a frame moving to its
// language) is polled again once it is back, where a poll inside the page would have died
// with it.
func waitFor(t *testing.T, d doc, js string) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		raw, err := d.evaluate("!!(" + js + ")")
		if err == nil && string(raw) == "true" {
			return
		}
		last = err
	}
	t.Fatalf("waiting for %s: still false after 20 s (last error: %v)", js, last)
}

// probeJS records, in the document it runs in (first, before any other script), what a
// partner would not want and a console would show: warnings and errors written to the
// console, uncaught errors and rejections, CSP violations, layout shifts (where the engine
// measures them), the globals the page gains, and how many message listeners the window has.
// Chromium installs it through DevTools (probe), under any CSP; the core tests put it into
// the partner's page (pageOptions.Probe) and into the widget's pages (withProbe), which in
// WebKit is the only console the tests have.
const probeJS = `(() => {
  if (window.__probe) return;
  const p = window.__probe = { warnings: [], errors: [], violations: [], shifts: [], listeners: 0, globals: Object.keys(window) };
  for (const [level, into] of [["warn", p.warnings], ["error", p.errors]]) {
    const write = console[level].bind(console);
    console[level] = (...a) => { into.push((level === "error" ? "console.error: " : "") + a.join(" ")); write(...a); };
  }
  addEventListener("error", (e) => p.errors.push(String(e.message)));
  addEventListener("unhandledrejection", (e) => p.errors.push("unhandled rejection: " + String(e.reason)));
  addEventListener("securitypolicyviolation", (e) => p.violations.push(e.violatedDirective + " " + e.blockedURI));
  if (PerformanceObserver.supportedEntryTypes.includes("layout-shift"))
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) p.shifts.push(e.value); })
      .observe({ type: "layout-shift", buffered: true });
  // The window's message listeners, counted as they come and go (DevTools' getEventListeners
  // in every engine); not enumerable, so not a global the page gained.
  const message = new Set(), add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  Object.defineProperty(window, "addEventListener", { value(type, fn, o) { if (this === window && type === "message") message.add(fn), p.listeners = message.size; return add.call(this, type, fn, o); } });
  Object.defineProperty(window, "removeEventListener", { value(type, fn, o) { if (this === window && type === "message") message.delete(fn), p.listeners = message.size; return remove.call(this, type, fn, o); } });
})()`

// probed is what the probe recorded in a document.
type probed struct {
	Warnings, Errors, Violations, Globals []string
	Shifts                                []float64
	Listeners                             int
}

func readProbe(t *testing.T, d doc) probed {
	t.Helper()
	// Globals the page gained, but for the frames' indexes and what the test itself set.
	return eval[probed](t, d, `({ ...__probe, globals: Object.keys(window).filter((k) =>
	  !__probe.globals.includes(k) && !/^(\d+|__probe|__mark|card)$/.test(k)) })`)
}

// cls is the page's cumulative layout shift: the sum of its shifts (one session in these tests).
func (p probed) cls() float64 {
	var sum float64
	for _, v := range p.Shifts {
		sum += v
	}
	return sum
}

// quiet fails if the probe in d recorded an error, a warning or a CSP violation.
func (p probed) quiet(t *testing.T, where string) {
	t.Helper()
	if len(p.Violations) > 0 || len(p.Errors) > 0 || len(p.Warnings) > 0 {
		t.Errorf("%s: violations %q, errors %q, warnings %q", where, p.Violations, p.Errors, p.Warnings)
	}
}

// missing is the message for a browser that is not installed: the test fails with it (a
// browser test that skips is a test that cannot fail).
func missing(what, pkg string, err error) error {
	return fmt.Errorf("%s not found (%v): `make test` installs Debian's %s package; or run apt-get install -y %s", what, err, pkg, pkg)
}

// quoted is s as a JavaScript string literal.
func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
