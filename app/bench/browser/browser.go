// Package browser measures the card in Chromium, driven by chromedp: content first (budget 3),
// what the card costs the partner's page (budget 4) and the language switch (budget 5).
package browser

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/bench/run"
	"eventcard/app/server"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// A session is what the measures share: the card's server and the partner's, in this process,
// and Debian's Chromium, headless. A partner page on one site (localhost) embeds the card from
// another (127.0.0.1), so the card is in a cross-site, out-of-process frame, as in the browser
// tests. Every run opens a new browser context: nothing cached, nothing stored.
type session struct {
	run     *run.Run
	browser context.Context
	widget  string // http://127.0.0.1:port: the card's server, in this process
	host    string // http://localhost:port: the partner's pages
	static  []byte // the baseline of budget 3: the embed page as plain HTML (no script)
	// blockWasm makes the widget refuse app.wasm (404), to see the card without it.
	blockWasm atomic.Bool
	// the README's snippet, its widget address a template ({{widget}})
	snippet string
	// budget 3's runs in two parts: insertion → the frame's navigation starts, → its first paint
	parts  map[string][][2]float64
	traces int // host runs traced so far
}

// Measure runs the budgets among 3, 4, 5 and 8 that want names.
func Measure(r *run.Run, want map[string]bool) error {
	s := &session{run: r, parts: map[string][][2]float64{}}
	if err := s.start(); err != nil {
		return err
	}
	budgets := []struct {
		name    string
		measure func() error
	}{{"3", s.contentFirst}, {"4", s.hostCost}, {"5", s.languageSwitch}, {"8", s.phone}}
	for _, b := range budgets {
		if !want[b.name] {
			continue
		}
		if err := b.measure(); err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
	}
	return nil
}

// wasmStarted is true in a card's frame once the wasm has taken over (it removes the data
// block it read), as in the browser tests.
const wasmStarted = `document.readyState === "complete" && !document.getElementById("eventcard-data")`

// start serves the card and the partner's pages and starts Chromium.
func (s *session) start() error {
	// The widget: the server over the working tree, on 127.0.0.1, behind one addition, the
	// baseline page (and the switch that hides the wasm).
	wl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.widget = "http://" + wl.Addr().String()
	srv, err := server.New(os.DirFS(s.run.Root), server.Config{BaseURL: s.widget, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	var staticBr []byte
	go http.Serve(wl, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/bench/static-embed.html":
			// A static file, as a static host sends one: compressed, revalidated.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("Vary", "Accept-Encoding")
			if strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
				w.Header().Set("Content-Encoding", "br")
				w.Write(staticBr)
				return
			}
			w.Write(s.static)
		case s.blockWasm.Load() && strings.HasSuffix(r.URL.Path, "/app.wasm"):
			http.NotFound(w, r)
		default:
			srv.ServeHTTP(w, r)
		}
	}))
	// The baseline: the embed page as the frame gets it, without its scripts (card.js, go-app's,
	// the card's data), its style sheets kept: the same card markup, painted by HTML and CSS alone.
	a, err := proc.Get(s.widget+"/embed/"+s.run.Event+"?origin=http%3A%2F%2Flocalhost&hl=es", nil)
	if err != nil {
		return err
	}
	s.static = regexp.MustCompile(`(?s)<script\b[^>]*>.*?</script>`).ReplaceAll(a.Body, nil)
	if bytes.Contains(s.static, []byte("<script")) || !bytes.Contains(s.static, []byte(`class="card-title"`)) {
		return fmt.Errorf("the baseline page: scripts left, or no card")
	}
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(s.static)
	bw.Close()
	staticBr = br.Bytes()

	// The partner's site.
	hl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.host = "http://localhost:" + strings.TrimPrefix(hl.Addr().String(), "127.0.0.1:")
	snippet, err := s.run.ReadmeBlock("## Embed", "html")
	if err != nil {
		return err
	}
	s.snippet = strings.NewReplacer("http://127.0.0.1:8000", "{{widget}}", "https://cards.example.org", "{{widget}}").Replace(snippet)
	go http.Serve(hl, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := ""
		switch r.URL.Path {
		case "/bench/empty": // budget 3: the snippet is inserted by the test
			body = ""
		case "/bench/snippet": // budgets 4 and 5: the README's snippet in the page's HTML
			body = strings.ReplaceAll(s.snippet, "{{widget}}", s.widget)
		case "/bench/link": // budget 4's baselines: the snippet's link alone,
			body = `<a class="eventcard" href="#" style="display:block;height:720px">Placeholder</a>`
		case "/bench/iframe": // and the card as a plain frame, as the loader makes it here (no Web Share on Linux)
			body = fmt.Sprintf(`<iframe src="%s/embed/%s?origin=%s&amp;hl=es" title="Evento" allow="clipboard-write"
			  style="display:block;width:100%%;max-width:100%%;border:0;margin:0;height:720px;color-scheme:light dark"></iframe>`,
				s.widget, s.run.Event, url.QueryEscape(s.host))
		default:
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Has("below") { // the card far below the fold: a long article before it
			body = strings.Repeat("<p>Una organización aliada cuenta sus actividades, párrafo tras párrafo.</p>", 200) + body
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, partnerPage(body))
	}))

	path, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("chromium not found: `make bench` installs Debian's chromium")
	}
	dir, err := os.MkdirTemp(s.run.Tmp, "chromium-")
	if err != nil {
		return err
	}
	alloc, _ := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1200, 900), chromedp.WSURLReadTimeout(2*time.Minute))
	// chromedp logs frames it cannot follow (a frame navigating): not the bench's business.
	s.browser, _ = chromedp.NewContext(alloc, chromedp.WithErrorf(func(string, ...any) {}))
	return chromedp.Do(s.browser)
}

// partnerPage is a partner's article with body (a snippet, or nothing) between paragraphs.
// Its own script (a partner's page has some) starts the page's JavaScript engine with or
// without the card: budget 4 compares what the card adds, not the cost of a first script.
func partnerPage(body string) string {
	return `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Partner</title>
<style>body { margin: 0; font: 18px/1.6 Georgia, serif; } p { margin: 12px; }</style>
<script>document.documentElement.dataset.partner = "yes";</script></head><body>
<p>Una organización aliada cuenta sus actividades.</p>
<div id="slot">` + body + `</div>
<p id="after">Este párrafo está debajo de la tarjeta y no debe moverse.</p>
</body></html>`
}

// tab is a new tab in a new browser context (an empty cache), closed by the returned cancel.
func (s *session) tab() (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(s.browser, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// frame attaches to the first frame of the tab whose URL starts with prefix.
func frame(ctx context.Context, prefix string) (context.Context, error) {
	self := chromedp.FromContext(ctx).Target.TargetID
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			return nil, err
		}
		var bc cdp.BrowserContextID
		for _, t := range targets {
			if t.TargetID == self {
				bc = t.BrowserContextID
			}
		}
		for _, t := range targets {
			if t.Type == "iframe" && t.BrowserContextID == bc && strings.HasPrefix(t.URL, prefix) {
				fctx, _ := chromedp.NewContext(ctx, chromedp.WithTargetID(t.TargetID))
				return fctx, chromedp.Do(fctx)
			}
		}
	}
	return nil, fmt.Errorf("no frame %s… appeared", prefix)
}

func eval[T any](ctx context.Context, js string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// waitFor polls a JavaScript predicate until it is truthy (30 s at most), through navigations
// (an evaluation in a document that just went away is tried again).
func waitFor(ctx context.Context, js string) error {
	var last error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool]("!!("+js+")"))
		cancel()
		if err == nil && ok {
			return nil
		}
		last = err
	}
	return fmt.Errorf("waiting for %s: %v", js, last)
}

// inTurns runs measure once per variant, not counted (the server's caches warm, Chromium's code
// too), then s.run.Runs times per variant, counted, the order turning each round so that drift
// falls on each variant alike.
func (s *session) inTurns(variants []string, measure func(variant string, counted bool) error) error {
	for _, v := range variants {
		if err := measure(v, false); err != nil {
			return fmt.Errorf("%s: %w", v, err)
		}
	}
	for i := range s.run.Runs {
		for j := range variants {
			v := variants[(i+j)%len(variants)]
			if err := measure(v, true); err != nil {
				return fmt.Errorf("%s: %w", v, err)
			}
		}
	}
	return nil
}
