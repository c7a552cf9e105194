package e2e

// Faults a visitor's browser meets, and what the card promises under each:
//   - the wasm never starts: app.wasm answers 500 (TestWithoutWasmTheCardAndItsLanguageLinksWork,
//     embed_test.go) or a policy without 'wasm-unsafe-eval' refuses to compile it (below): the
//     prerendered card stays readable, nothing covers it, its language links work;
//   - storage throws (cookies blocked): the card still switches languages (TestStorageBlocked,
//     partner_test.go);
//   - the video site is unreachable: the link still opens it, in a new tab (below);
//   - the widget's server is slow: the place reserved on the partner's page holds, and the
//     partner's page never moves (below).

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// withoutWasmEval serves the widget with its own policy less 'wasm-unsafe-eval', as a proxy or
// a stricter deployment might: the browser refuses to compile the wasm.
func withoutWasmEval(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&policyEditor{ResponseWriter: w}, r)
	})
}

// policyEditor takes 'wasm-unsafe-eval' out of the policy just before the headers go.
type policyEditor struct {
	http.ResponseWriter
	done bool
}

func (p *policyEditor) edit() {
	if !p.done {
		p.done = true
		h := p.Header()
		h.Set("Content-Security-Policy", strings.ReplaceAll(h.Get("Content-Security-Policy"), " 'wasm-unsafe-eval'", ""))
	}
}

func (p *policyEditor) WriteHeader(code int) { p.edit(); p.ResponseWriter.WriteHeader(code) }
func (p *policyEditor) Write(b []byte) (int, error) {
	p.edit()
	return p.ResponseWriter.Write(b)
}

func TestWasmBlockedByPolicy(t *testing.T) {
	// The fault is real: under that policy, the frame's console says the wasm was refused.
	s := newSite(t, siteOptions{Wrap: withoutWasmEval})
	ctx := chromiumTab(t)
	open(t, ctx, s.page("/no-wasm-eval", pageOptions{Snippet: snippet, Plain: true}))
	f, console := listenedFrame(t, ctx, s.widget)
	waitFor(t, f, `!document.getElementById("app-wasm-loader-icon").classList.contains("goapp-spin")`)
	if policy := eval[string](t, f, `fetch(location.href).then((r) => r.headers.get("Content-Security-Policy"))`); strings.Contains(policy, "wasm") {
		t.Fatalf("the frame's policy still allows the wasm: %s", policy)
	}
	if !strings.Contains(strings.Join(console.get(), "\n"), "wasm") {
		t.Errorf("the console does not say the wasm was refused: %q", console.get())
	}
	// And the card keeps its promise.
	checkWithoutWasm(t, chromiumEngine{}, withoutWasmEval)
}

// The recording's link is a plain link to another site (target=_blank rel=noopener): a click
// opens that address in a new tab even when the site does not answer (this machine has no
// network: its load fails), and the card stays as it was.
func TestVideoSiteUnreachable(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	f := startedCard(t, ctx, s, "/video", pageOptions{Snippet: readmeSnippet(t)})
	eval[bool](t, f, `(window.__mark = true)`)
	link := `document.querySelector(".card-actions a.card-button")`
	href := eval[string](t, f, link+`.href`)
	if !strings.HasPrefix(href, "https://") || eval[string](t, f, link+`.target`) != "_blank" || !strings.Contains(eval[string](t, f, link+`.rel`), "noopener") {
		t.Fatalf("the video link: %s", eval[string](t, f, link+`.outerHTML`))
	}

	// A visitor's click: the mouse, on the partner's page, where the link shows in the frame.
	eval[bool](t, ctx, `(scrollTo(0, document.querySelector("iframe").getBoundingClientRect().top + scrollY - 20), true)`)
	time.Sleep(200 * time.Millisecond)
	frameBox := eval[[]float64](t, ctx, `(() => { const r = document.querySelector("iframe").getBoundingClientRect(); return [r.left, r.top]; })()`)
	linkBox := eval[[]float64](t, f, `(() => { const r = `+link+`.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
	before := pageTargets(t, ctx)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(frameBox[0]+linkBox[0], frameBox[1]+linkBox[1])); err != nil {
		t.Fatal(err)
	}
	if opened := newTab(t, ctx, before); opened.URL != href {
		t.Errorf("the click opened %q, want a new tab at %q", opened.URL, href)
	}
	// The card did not navigate, and still answers.
	if got := eval[string](t, f, `window.__mark === true ? location.pathname : "navigated"`); got != "/embed/"+eventID {
		t.Errorf("the frame: %s", got)
	}
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="fr"]').click(), true)`)
	waitFor(t, f, `document.documentElement.lang === "fr"`)
}

// pageTargets are the tabs of the test's browser context but ctx's own, by id.
func pageTargets(t *testing.T, ctx context.Context) map[string]*target.Info {
	t.Helper()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	self := chromedp.FromContext(ctx).Target.TargetID
	var bc cdp.BrowserContextID
	for _, ti := range targets {
		if ti.TargetID == self {
			bc = ti.BrowserContextID
		}
	}
	out := map[string]*target.Info{}
	for _, ti := range targets {
		if ti.Type == "page" && ti.BrowserContextID == bc && ti.TargetID != self {
			out[string(ti.TargetID)] = ti
		}
	}
	return out
}

// newTab waits for a tab of ctx's browser context that is not among before, with an address,
// then closes it and brings ctx's tab back to the front: a tab in the background paints nothing
// (its animation frames wait), and the test goes on in it.
func newTab(t *testing.T, ctx context.Context, before map[string]*target.Info) *target.Info {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for id, ti := range pageTargets(t, ctx) {
			if _, old := before[id]; !old && ti.URL != "" && ti.URL != "about:blank" {
				err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
					if _, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, target.CloseTarget, target.CloseTargetParams{TargetID: ti.TargetID}); err != nil {
						return chromedp.Void{}, err
					}
					_, err := cdp.Call(ctx, tg, page.BringToFront, cdp.Empty{})
					return chromedp.Void{}, err
				})
				if err != nil {
					t.Fatal(err)
				}
				return ti
			}
		}
	}
	t.Fatal("no new tab opened")
	return nil
}

// A slow widget (every answer late): the README snippet's link holds the card's place from the
// first paint, the frame takes it at the same height, and the partner's page never moves.
func TestSlowWidgetKeepsItsPlace(t *testing.T) {
	const delay = 500 * time.Millisecond
	var slowed atomic.Int32
	slow := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			slowed.Add(1)
			time.Sleep(delay)
			h.ServeHTTP(w, r)
		})
	}
	s := newSite(t, siteOptions{Wrap: slow})
	ctx := chromiumTab(t)
	probe(t, ctx)
	// The height of the card's place and the top of the text below it, at every frame the
	// partner's page paints, from its first.
	const sampler = `(() => {
	  if (window.top !== window) return;
	  window.__places = []; window.__below = [];
	  const tick = () => {
	    const slot = document.querySelector("a.eventcard, iframe"), after = document.getElementById("after");
	    if (slot) __places.push(slot.tagName + " " + slot.getBoundingClientRect().height);
	    if (after) __below.push(after.getBoundingClientRect().top + scrollY);
	    requestAnimationFrame(tick);
	  };
	  requestAnimationFrame(tick);
	})()`
	if err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: sampler})
		return chromedp.Void{}, err
	}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	startedCard(t, ctx, s, "/slow", pageOptions{Snippet: readmeSnippet(t)})
	time.Sleep(700 * time.Millisecond)
	t.Logf("the card started after %v, every widget answer %v late", time.Since(start).Round(time.Millisecond), delay)

	places := eval[[]string](t, ctx, `[...new Set(__places)]`)
	below := eval[[]float64](t, ctx, `[...new Set(__below)]`)
	if len(places) == 0 || len(below) == 0 {
		t.Fatal("nothing sampled")
	}
	box := eval[[]float64](t, ctx, frameBox)
	held := folded(t, box[0])
	for _, p := range places {
		if !strings.HasSuffix(p, fmt.Sprintf(" %v", held)) {
			t.Errorf("the card's place was %s px high at some point (all: %q), want %v throughout", p, places, held)
		}
	}
	if len(below) != 1 {
		t.Errorf("the text below the card moved: its top was at %v", below)
	}
	if places[0] != fmt.Sprintf("A %v", held) || places[len(places)-1] != fmt.Sprintf("IFRAME %v", held) {
		t.Errorf("the place went %q, want the link then the frame", places)
	}
	p := readProbe(t, ctx)
	t.Logf("host CLS with a slow widget: %.4f (%d shifts)", p.cls(), len(p.Shifts))
	if p.cls() != 0 {
		t.Errorf("the partner's page moved: CLS %.4f from %v", p.cls(), p.Shifts)
	}
	if n := slowed.Load(); n < 5 {
		t.Errorf("only %d widget requests were slowed: the test slowed nothing that matters", n)
	}
}
