package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"eventcard/app/server"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// The project's root: the widget serves web/, locales/ and events/ from it, as the binary
// serves its embedded copy.
const root = "../.."

func osRoot() fs.FS { return os.DirFS(root) }

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browserCtx != nil {
		chromedp.Cancel(browserCtx)
	}
	os.Exit(code)
}

// browser starts one headless Chromium for the whole package. The flags keep it off the network
// (the machine has none) and out of the user's profile. A missing Chromium fails the test: a
// browser test that skips is a test that cannot fail.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path, err := exec.LookPath("chromium")
		if err != nil {
			browserErr = fmt.Errorf("Chromium not found (%v): `make test` installs Debian's chromium package; or run apt-get install -y chromium", err)
			return
		}
		dir, err := os.MkdirTemp("", "eventcard-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox, // CI runs as root
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(dir),
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
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		browserCtx, _ = chromedp.NewContext(alloc)
		browserErr = chromedp.Do(browserCtx) // starts the browser
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// tab opens a new tab for one test, closed with it, in a browser context of its own: storage
// (the remembered language) starts empty and does not leak between tests.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// site is the widget and a partner's site, on two origins of two sites: the widget on
// 127.0.0.1, the partner on localhost, each on its own port. The browser treats them as
// strangers, as on the web: the card is in a cross-site, out-of-process frame.
type site struct {
	widget string // http://127.0.0.1:port
	host   string // http://localhost:port
	pages  map[string]hostPageDef
	mu     sync.Mutex
}

type hostPageDef struct {
	body   string
	header http.Header
}

// widget starts the card's server over the working tree, behind wrap (nil: as is), on
// 127.0.0.1, its base URL its own address (canonical links, oEmbed discovery); configure, if
// given, changes its configuration (frame ancestors, a request log).
func widget(t *testing.T, wrap func(http.Handler) http.Handler, configure ...func(*server.Config)) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		t.Fatal("web/app.wasm is missing: run `make test` (it builds first) or `make build`")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	cfg := server.Config{BaseURL: url, Log: slog.New(slog.DiscardHandler)}
	for _, c := range configure {
		c(&cfg)
	}
	srv, err := server.New(os.DirFS(root), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(h)
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })
	return url
}

// newSite serves partner pages (set with page) on localhost, embedding the widget served
// behind wrap (nil: as is) and configured by configure (see widget).
func newSite(t *testing.T, wrap func(http.Handler) http.Handler, configure ...func(*server.Config)) *site {
	t.Helper()
	s := &site{widget: widget(t, wrap, configure...), pages: map[string]hostPageDef{}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		p, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range p.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, p.body)
	})}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })
	s.host = "http://localhost:" + strings.TrimPrefix(l.Addr().String(), "127.0.0.1:")
	return s
}

// page publishes a partner page at path, sent with header (may be nil); {{widget}} and {{host}}
// in body become the widget's and the partner's origins.
func (s *site) page(path, body string, header ...http.Header) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := hostPageDef{body: strings.NewReplacer("{{widget}}", s.widget, "{{host}}", s.host).Replace(body)}
	if len(header) > 0 {
		p.header = header[0]
	}
	s.pages[path] = p
	return s.host + path
}

// hostPage is a plain partner page with the snippet in the middle of its text.
func hostPage(lang, snippet string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Partner</title>
<style>body{margin:0;font:20px serif} p{margin:1em}</style></head><body>
<p id="before">Texto del sitio aliado antes de la tarjeta.</p>
` + snippet + `
<p id="after">Texto después de la tarjeta.</p></body></html>`
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
func frame(t *testing.T, ctx context.Context, prefix string, contains ...string) context.Context {
	t.Helper()
	fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(frameTarget(t, ctx, prefix, contains...)))
	t.Cleanup(cancel)
	if err := chromedp.Do(fctx); err != nil {
		t.Fatal(err)
	}
	return fctx
}

// frameTarget waits for the frame that frame attaches to, and returns its target.
func frameTarget(t *testing.T, ctx context.Context, prefix string, contains ...string) target.ID {
	t.Helper()
	if !strings.Contains(prefix, "/embed/") {
		prefix += "/"
		contains = append(contains, "/embed/")
	}
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
	next:
		for _, ti := range targets {
			if ti.Type == "iframe" && ti.BrowserContextID == browserContext && strings.HasPrefix(ti.URL, prefix) {
				for _, c := range contains {
					if !strings.Contains(ti.URL, c) {
						continue next
					}
				}
				return ti.TargetID
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no frame %s… with %q appeared", prefix, contains)
	return ""
}

// probe records, in every page the tab opens from now on, what a partner would not want: the
// page's console warnings, its uncaught errors, CSP violations and layout shifts. Installed
// through DevTools, it runs under any CSP the page has.
func probe(t *testing.T, ctx context.Context) {
	t.Helper()
	const src = `(() => {
	  window.__probe = { warnings: [], errors: [], violations: [], shifts: [], globals: Object.keys(window) };
	  const warn = console.warn.bind(console);
	  console.warn = (...a) => { __probe.warnings.push(a.join(" ")); warn(...a); };
	  addEventListener("error", (e) => __probe.errors.push(String(e.message)));
	  addEventListener("securitypolicyviolation", (e) => __probe.violations.push(e.violatedDirective + " " + e.blockedURI));
	  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) __probe.shifts.push(e.value); })
	    .observe({ type: "layout-shift", buffered: true });
	})()`
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// probed is what probe recorded in the tab's current page.
type probed struct {
	Warnings, Errors, Violations, Globals []string
	Shifts                                []float64
}

func readProbe(t *testing.T, ctx context.Context) probed {
	t.Helper()
	// Globals the page gained, but for the frames' indexes and what the test itself set.
	return eval[probed](t, ctx, `({ ...__probe, globals: Object.keys(window).filter((k) =>
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

// eval runs JavaScript in ctx and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript predicate in ctx until it is truthy.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
}

// blockedStorageTab opens a tab in a browser of its own whose settings block all cookies, as a
// visitor may: then reading localStorage throws in every frame.
func blockedStorageTab(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "Default"), 0o755); err != nil {
		t.Fatal(err)
	}
	prefs := `{"profile":{"default_content_setting_values":{"cookies":2},"block_third_party_cookies":true}}`
	if err := os.WriteFile(filepath.Join(dir, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1200, 900),
		chromedp.WSURLReadTimeout(2 * time.Minute), // as the shared browser's
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}
