package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Chromium: Debian's package, driven through the DevTools protocol by chromedp, one headless
// browser for the whole package, a browser context per tab.

var (
	chromiumOnce    sync.Once
	chromiumCtx     context.Context
	chromiumErr     error
	chromiumProfile string
)

// chromium starts one headless Chromium for the whole package. The flags keep it off the
// network (the machine has none) and out of the user's profile.
func chromium(t *testing.T) context.Context {
	t.Helper()
	chromiumOnce.Do(func() {
		path, err := exec.LookPath("chromium")
		if err != nil {
			chromiumErr = missing("Chromium", "chromium", err)
			return
		}
		chromiumProfile, chromiumErr = os.MkdirTemp("", "eventcard-chromium-")
		if chromiumErr != nil {
			return
		}
		alloc, _ := chromedp.NewExecAllocator(context.Background(), chromiumFlags(path, chromiumProfile)...)
		chromiumCtx, _ = chromedp.NewContext(alloc)
		chromiumErr = chromedp.Do(chromiumCtx) // starts the browser
	})
	if chromiumErr != nil {
		t.Fatal(chromiumErr)
	}
	return chromiumCtx
}

func chromiumFlags(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1200, 900),
		// A loaded machine can take longer than chromedp's 20 s to start Chromium (seen
		// once in a run beside another browser): a slow start is not a failure of the card.
		chromedp.WSURLReadTimeout(2 * time.Minute),
	}
}

func stopChromium() {
	if chromiumCtx != nil {
		chromedp.Cancel(chromiumCtx)
	}
	if chromiumProfile != "" {
		os.RemoveAll(chromiumProfile)
	}
}

// A chromiumDoc is a DevTools target's context (a tab, or a card's out-of-process frame):
// chromedp takes it as it is, and the engine-neutral helpers (eval, waitFor) as a doc.
type chromiumDoc struct{ context.Context }

// evaluate gives up after two minutes, as the other engines' commands do: a promise that never
// settles (an animation frame in a tab in the background) fails its test, not the whole run.
func (d chromiumDoc) evaluate(js string) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(d, 2*time.Minute)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err == nil && len(raw) == 0 {
		raw = []byte("null") // undefined
	}
	return raw, err
}

// chromiumTab opens a new tab for one test, closed with it, in a browser context of its own:
// storage (the remembered language) starts empty and does not leak between tests.
func chromiumTab(t *testing.T) chromiumDoc {
	t.Helper()
	ctx, cancel := chromedp.NewContext(chromium(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return chromiumDoc{ctx}
}

// open loads url in the tab.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
}

// frame attaches to a card's frame (an out-of-process iframe target) once one whose URL starts
// with prefix (the widget's origin, or more) and contains each of contains exists.
func frame(t *testing.T, ctx context.Context, prefix string, contains ...string) chromiumDoc {
	t.Helper()
	f, _ := listenedFrame(t, ctx, prefix, contains...)
	return f
}

// frameTarget waits for the frame that frame attaches to, and returns its target.
func frameTarget(t *testing.T, ctx context.Context, prefix string, contains ...string) target.ID {
	t.Helper()
	prefix, contains = cardFrame(prefix, contains)
	self := chromedp.FromContext(ctx).Target.TargetID
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Frames of this tab only: other tabs of the test may show cards too.
		var browserContext cdp.BrowserContextID
		for _, ti := range targets {
			if ti.TargetID == self {
				browserContext = ti.BrowserContextID
			}
		}
		for _, ti := range targets {
			if ti.Type == "iframe" && ti.BrowserContextID == browserContext && matches(ti.URL, prefix, contains) {
				return ti.TargetID
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no frame %s… with %q appeared", prefix, contains)
	return ""
}

// cardFrame completes a frame's description: a prefix without "/embed/" (an origin) means a
// card's frame on that origin.
func cardFrame(prefix string, contains []string) (string, []string) {
	if !strings.Contains(prefix, "/embed/") {
		return prefix + "/", append(slices.Clone(contains), "/embed/")
	}
	return prefix, contains
}

func matches(url, prefix string, contains []string) bool {
	if !strings.HasPrefix(url, prefix) {
		return false
	}
	for _, c := range contains {
		if !strings.Contains(url, c) {
			return false
		}
	}
	return true
}

// probe runs probeJS in every page the tab opens from now on. Installed through DevTools, it
// runs under any CSP the page has.
func probe(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probeJS})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// blockedStorageTab opens a tab in a browser of its own whose settings block all cookies, as a
// visitor may: then reading localStorage throws in every frame.
func blockedStorageTab(t *testing.T) chromiumDoc {
	t.Helper()
	return ownChromium(t, `{"profile":{"default_content_setting_values":{"cookies":2},"block_third_party_cookies":true}}`)
}

// ownChromium opens a tab in a Chromium of its own, closed with the test: its profile's
// preferences are prefs (JSON, "" for none), with more options (an environment, flags).
func ownChromium(t *testing.T, prefs string, more ...chromedp.ExecAllocatorOption) chromiumDoc {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(missing("Chromium", "chromium", err))
	}
	dir := t.TempDir()
	if prefs != "" {
		if err := os.MkdirAll(filepath.Join(dir, "Default"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromiumFlags(path, dir), more...)...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return chromiumDoc{ctx}
}

// consoleLog collects what a target's DevTools console shows as errors or warnings: the page's
// own console calls, its uncaught exceptions, and the browser's messages about it (CSP
// violations, a Permissions-Policy it cannot parse, failed loads). Attached before the target
// is, it also gets what the browser logged before (Log.enable sends what it has collected).
type consoleLog struct {
	mu    sync.Mutex
	lines []string
}

// listenConsole listens to the console of the tab in ctx, from now on.
func listenConsole(t *testing.T, ctx context.Context) *consoleLog {
	t.Helper()
	c := &consoleLog{}
	if err := chromedp.Listen(ctx, c.listen); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *consoleLog) listen(ev any) {
	switch e := ev.(type) {
	case *cdplog.EventEntryAdded:
		if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
			c.add(fmt.Sprintf("%s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			c.add(fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		c.add("uncaught: " + text)
	}
}

func (c *consoleLog) add(line string) {
	c.mu.Lock()
	c.lines = append(c.lines, line)
	c.mu.Unlock()
}

func (c *consoleLog) get() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.lines)
}

// listenedFrame attaches to a card's frame (see frame), listening to its console from the start.
func listenedFrame(t *testing.T, ctx context.Context, prefix string, contains ...string) (chromiumDoc, *consoleLog) {
	t.Helper()
	c := &consoleLog{}
	fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(frameTarget(t, ctx, prefix, contains...)), chromedp.WithListener(c.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(fctx); err != nil {
		t.Fatal(err)
	}
	return chromiumDoc{fctx}, c
}

// chromiumEngine is Chromium as a browser for the core tests.
type chromiumEngine struct{}

func (chromiumEngine) name() string { return "chromium" }

func (chromiumEngine) newTab(t *testing.T) tab {
	t.Helper()
	ctx := chromiumTab(t)
	return &chromiumPage{chromiumDoc: ctx, logs: []*consoleLog{listenConsole(t, ctx)}}
}

// newTabIn opens the tab in a Chromium of its own whose time zone is zone (TZ):
// DevTools' Emulation.setTimezoneOverride holds for the tab's own process only, and the
// card's frame, from another site, has another.
func (c chromiumEngine) newTabIn(t *testing.T, zone string) tab {
	t.Helper()
	ctx := ownChromium(t, "", chromedp.Env("TZ="+zone))
	return &chromiumPage{chromiumDoc: ctx, logs: []*consoleLog{listenConsole(t, ctx)}}
}

// chromiumPage is a Chromium tab and the consoles of the frames the test attached to.
type chromiumPage struct {
	chromiumDoc
	mu   sync.Mutex
	logs []*consoleLog
}

func (p *chromiumPage) open(t *testing.T, url string) {
	t.Helper()
	open(t, p, url)
}

func (p *chromiumPage) frame(t *testing.T, prefix string, contains ...string) doc {
	t.Helper()
	f, log := listenedFrame(t, p, prefix, contains...)
	p.mu.Lock()
	p.logs = append(p.logs, log)
	p.mu.Unlock()
	return f
}

// click dispatches the mouse through DevTools' Input domain to the tab, at the element's
// place on the screen: the element scrolled into view, and in a frame, offset by where the
// frame's element is on the page (DOM.getFrameOwner; an out-of-process frame's target id is
// its frame id). A frame is clicked once it has been painted: before that, Chromium may not
// know yet that the point is the frame's, and the click goes to the page (seen in the first
// test after a start).
func (p *chromiumPage) click(t *testing.T, d doc, selector string) {
	t.Helper()
	f, inFrame := d.(chromiumDoc) // else the tab itself
	el := `document.querySelector(` + quoted(selector) + `)`
	if !inFrame || f.Context == p.Context {
		r := eval[[]float64](t, p, `(() => { const e = `+el+`; e.scrollIntoView({ block: "center" }); const r = e.getBoundingClientRect();
		  return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
		if err := chromedp.Do(p, chromedp.MouseClickXY(r[0], r[1])); err != nil {
			t.Fatal(err)
		}
		return
	}
	// Two animation frames: the frame has been painted, so the browser knows where it is and
	// sends the mouse to it.
	r := eval[[]float64](t, f, `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => {
	  const r = `+el+`.getBoundingClientRect(); ok([r.left, r.top, r.width, r.height]); })))`)
	frameID := cdp.FrameID(chromedp.FromContext(f).Target.TargetID)
	var owner cdp.BackendNodeID
	err := chromedp.Do(p, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		o, err := cdp.Call(ctx, tg, dom.GetFrameOwner, dom.GetFrameOwnerParams{FrameID: frameID})
		if err != nil {
			return chromedp.Void{}, err
		}
		owner = o.BackendNodeID
		_, err = cdp.Call(ctx, tg, dom.ScrollIntoViewIfNeeded, dom.ScrollIntoViewIfNeededParams{BackendNodeID: owner,
			Rect: &dom.Rect{X: r[0], Y: r[1], Width: r[2], Height: r[3]}})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
	// The same for a page that scrolled: until it is painted there, a click at the frame's new
	// place goes where the frame was (seen as a click that opened nothing).
	eval[bool](t, p, `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))`)
	err = chromedp.Do(p, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		box, err := cdp.Call(ctx, tg, dom.GetBoxModel, dom.GetBoxModelParams{BackendNodeID: owner})
		if err != nil {
			return chromedp.Void{}, err
		}
		content := box.Model.Content // x1, y1, … clockwise from the top left, in the tab's viewport
		return chromedp.MouseClickXY(content[0]+r[0]+r[2]/2, content[1]+r[1]+r[3]/2)(ctx, tg)
	})
	if err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

func (p *chromiumPage) resize(t *testing.T, width, height int) {
	t.Helper()
	if err := chromedp.Do(p, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatal(err)
	}
}

func (p *chromiumPage) console(t *testing.T) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var lines []string
	for _, l := range p.logs {
		lines = append(lines, l.get()...)
	}
	return lines
}

// touchScreen makes the tab's pointer a touch screen, as a phone's.
func touchScreen(t *testing.T, p context.Context) {
	t.Helper()
	err := chromedp.Do(p, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}
