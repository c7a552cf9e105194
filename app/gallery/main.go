// Command gallery writes docs/gallery/: a PNG of every state of the card (languages, schemes,
// sizes, widths, folded and opened), of the standalone page, the index, the builder, and of the
// card on the demo partner's page, as headless Chromium draws them (make screenshots).
//
// It serves the fixture events (app/internal/fixtures), one of each kind and status, not the
// repository's events/: the gallery then shows a cancelled event, an in-person one with a
// banner and portraits, a past webinar and an unknown one whatever the organisation publishes.
// The partner pages are served on another origin, as a partner's site is.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"image/png"
	"io/fs"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/server"
	"eventcard/app/views"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

func main() {
	out := flag.String("out", "docs/gallery", "folder to write the PNGs into")
	prefix := flag.String("prefix", "", "prefix of every file name (before- for a baseline)")
	only := flag.String("only", "", "write only the shots whose name contains this")
	flag.Parse()
	if err := run(*out, *prefix, *only); err != nil {
		log.Fatal(err)
	}
}

// A shot is one picture: a page at a width, what to do before, what to capture.
type shot struct {
	name  string
	url   string // on the partner's origin when it starts with "/", else absolute
	width int
	dark  bool   // the visitor's system prefers dark
	open  bool   // click "Show all" in the card's frame first
	clip  string // the element to capture; "" for the whole page
}

func run(out, prefix, only string) error {
	tree, err := contentTree()
	if err != nil {
		return err
	}
	widget, err := listen(func(origin string) (http.Handler, error) {
		return server.New(tree, server.Config{BaseURL: origin, Log: slog.New(slog.DiscardHandler)})
	})
	if err != nil {
		return err
	}
	foldOf, err := foldsOf(tree)
	if err != nil {
		return err
	}
	partner, err := listen(func(string) (http.Handler, error) { return partnerPages(widget, foldOf), nil })
	if err != nil {
		return err
	}
	partner = strings.Replace(partner, "127.0.0.1", "localhost", 1) // another origin than the widget's

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ctx, cancel, err := chromium()
	if err != nil {
		return err
	}
	defer cancel()
	for _, s := range shots(widget) {
		if only != "" && !strings.Contains(s.name, only) {
			continue
		}
		if strings.HasPrefix(s.url, "/") {
			s.url = partner + s.url
		}
		png, err := take(ctx, s)
		if err != nil {
			return fmt.Errorf("%s: %v", s.name, err)
		}
		file := filepath.Join(out, prefix+s.name+".png")
		if err := os.WriteFile(file, smaller(png), 0o644); err != nil {
			return err
		}
		fmt.Println(file)
	}
	return nil
}

// shots is the gallery: the past webinar in every state of the card (four languages, light and
// dark, full and compact, at 375 and 1280 px, folded and opened), the workshop (banner and
// portraits) in every language on a phone, then the other states and pages.
func shots(widget string) []shot {
	var ss []shot
	card := func(name string, width int, q string, open bool) {
		s := shot{name: name, url: "/card?" + q, width: width, open: open, clip: "#slot"}
		s.dark = strings.Contains(q, "bg=dark")
		ss = append(ss, s)
	}
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		for _, theme := range []string{"light", "dark"} {
			for _, size := range []string{"full", "compact"} {
				for _, w := range []int{375, 1280} {
					q := "event=" + fixtures.PastWebinar + "&lang=" + lang + "&theme=" + theme + "&bg=" + theme
					if size == "compact" {
						q += "&compact=1"
					}
					for _, open := range []bool{false, true} {
						state := map[bool]string{false: "folded", true: "open"}[open]
						card(fmt.Sprintf("webinar-%s-%s-%s-%d-%s", lang, theme, size, w, state), w, q, open)
					}
				}
			}
		}
	}
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		q := "event=" + fixtures.Workshop + "&lang=" + lang
		card("workshop-"+lang+"-375-folded", 375, q, false)
		card("workshop-"+lang+"-375-open", 375, q, true)
	}
	card("cancelled-pt-375", 375, "event="+fixtures.Cancelled+"&lang=pt", false)
	card("unknown-es-375", 375, "event=no-such-event&lang=es", false)
	card("workshop-es-1280-open", 1280, "event="+fixtures.Workshop+"&lang=es", true)
	card("hybrid-en-320-folded", 320, "event="+fixtures.HybridForum+"&lang=en", false)
	card("host-cream-375", 375, "event="+fixtures.PastWebinar+"&lang=es&bg=cream", false)
	card("host-dark-375", 375, "event="+fixtures.PastWebinar+"&lang=es&bg=dark", false)
	page := func(name, url string, width int, dark bool) {
		ss = append(ss, shot{name: name, url: url, width: width, dark: dark})
	}
	page("page-event-375", widget+"/es/events/"+fixtures.Workshop+"/", 375, false)
	page("page-event-1280", widget+"/en/events/"+fixtures.Workshop+"/", 1280, false)
	page("page-event-1280-dark", widget+"/fr/events/"+fixtures.PastWebinar+"/", 1280, true)
	page("page-index-1280", widget+"/es/", 1280, false)
	page("page-index-375", widget+"/pt/", 375, false)
	page("page-builder-1280", widget+"/en/embed/", 1280, false)
	page("page-unknown-375", widget+"/es/events/no-such-event/", 375, false)
	page("demo-375", widget+"/demo", 375, false)
	page("demo-1280", widget+"/demo", 1280, false)
	return ss
}

// partnerPages is a partner's site: /card?event=…&lang=…&theme=…&compact=1&bg=light|dark|cream
// is a plain page with the card's snippet, as a partner would paste it, on that background.
func partnerPages(widget string, foldOf func(event, lang string) card.Folds) http.Handler {
	bgs := map[string]string{"light": "#ffffff", "dark": "#15161a", "cream": "#fbf7f2"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		bg := bgs[q.Get("bg")]
		if bg == "" {
			bg = bgs["light"]
		}
		e := card.Embed{Event: q.Get("event"), Lang: q.Get("lang"), Theme: q.Get("theme"), Compact: q.Get("compact") != "", Title: "…"}
		e.Fold = foldOf(e.Event, e.Lang)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="%s"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner</title><style>body{margin:0;background:%s}#slot{padding:12px}</style><div id="slot">%s</div>`,
			html.EscapeString(e.Lang), bg, snippet(widget, e))
	})
}

func snippet(widget string, e card.Embed) string { return card.Snippet(widget, e) }

// foldsOf are each fixture event's folds, by language ("": any), as the widget reckons them
// (its banner counted at the fold's full banner height, which every fixture banner fills).
func foldsOf(tree fs.FS) (func(event, lang string) card.Folds, error) {
	set, err := views.Load(tree, func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
		return &card.Picture{}, nil
	})
	if err != nil {
		return nil, err
	}
	return func(event, lang string) card.Folds {
		b, ok := set.Bundle(event)
		if !ok {
			return card.Folds{}
		}
		return card.FoldIn(b, lang)
	}, nil
}

// take opens s and returns its PNG.
func take(parent context.Context, s shot) ([]byte, error) {
	ctx, cancel := chromedp.NewContext(parent)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTime()
	scheme := "light"
	if s.dark {
		scheme = "dark"
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(s.width), 900),
		func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return chromedp.Void{}, err
		},
		chromedp.Navigate(s.url),
		chromedp.Sleep(3*time.Second), // the wasm starts, the frame reports its height
	)
	if err != nil {
		return nil, err
	}
	if s.open {
		// "Show all" is centred at the foot of the folded card.
		xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector("iframe").getBoundingClientRect();
			scrollTo(0, r.top + scrollY - 10); const q = document.querySelector("iframe").getBoundingClientRect(); return [q.left + q.width / 2, q.bottom - 34]; })()`))
		if err != nil {
			return nil, err
		}
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1]), chromedp.Sleep(time.Second)); err != nil {
			return nil, err
		}
	}
	// The viewport as high as the page: a lazy portrait under a 900 px viewport never loads,
	// and a capture beyond the viewport left traces of the first paint in it.
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(s.width), int64(max(900, h))), chromedp.Sleep(time.Second)); err != nil {
		return nil, err
	}
	if err := imagesDecoded(ctx); err != nil {
		return nil, err
	}
	if s.clip == "" {
		return chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector(`+strconv.Quote(s.clip)+`).getBoundingClientRect();
		return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()`))
	if err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			CaptureBeyondViewport: ptr(true),
			Clip:                  &page.Viewport{X: box[0], Y: box[1], Width: box[2], Height: box[3], Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	})
}

func ptr[T any](v T) *T { return &v }

// imagesDecoded waits until every <img> of the page and of its frames (the card's, cross-origin,
// reached through an isolated world of each) is loaded and decoded, 10 s at most: the banner
// arrives after the card's first paint, and a shot taken before it shows the empty band the
// banner is cropped to.
func imagesDecoded(ctx context.Context) error {
	const wait = `Promise.race([new Promise((r) => setTimeout(r, 10000)),
		Promise.all([...document.images].map((i) => i.decode().catch(() => {})))]).then(() => true)`
	tree, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.GetFrameTreeResult, error) {
		return cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
	})
	if err != nil {
		return err
	}
	var frames []*page.FrameTree
	for todo := []*page.FrameTree{tree.FrameTree}; len(todo) > 0; todo = todo[1:] {
		frames = append(frames, todo[0])
		todo = append(todo, todo[0].ChildFrames...)
	}
	for _, f := range frames {
		world, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.CreateIsolatedWorldResult, error) {
			return cdp.Call(ctx, tg, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: f.Frame.ID, WorldName: "gallery"})
		})
		if err != nil {
			return err
		}
		in := func(p *runtime.EvaluateParams) { p.ContextID = world.ExecutionContextID }
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](wait, chromedp.EvalAwaitPromise, in)); err != nil {
			return err
		}
	}
	return nil
}

// smaller is data, a PNG, compressed harder than Chromium does (about a fifth smaller); data
// itself if it cannot be read.
func smaller(data []byte) []byte {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return data
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil || b.Len() >= len(data) {
		return data
	}
	return b.Bytes()
}

// chromium starts Debian's Chromium, headless, with every cross-origin frame in the page's
// process: chromedp then reaches into the card's frame to click "Show all".
func chromium() (context.Context, context.CancelFunc, error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return nil, nil, fmt.Errorf("chromium: %v (apt-get install chromium)", err)
	}
	dir, err := os.MkdirTemp("", "gallery-chromium-")
	if err != nil {
		return nil, nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.UserDataDir(dir), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-site-isolation-trials", true),
		chromedp.Flag("disable-features", "IsolateOrigins,site-per-process"),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancelAlloc()
		return nil, nil, err
	}
	return ctx, func() { cancel(); cancelAlloc(); os.RemoveAll(dir) }, nil
}

// listen serves the handler made for its own origin on a loopback port.
func listen(handler func(origin string) (http.Handler, error)) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	origin := "http://127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	h, err := handler(origin)
	if err != nil {
		return "", err
	}
	go http.Serve(l, h)
	return origin, nil
}

// contentTree is what the tests serve: the project's web/ (with the wasm make build wrote)
// and interface texts, and the fixture events with their texts and branding.
func contentTree() (fstest.MapFS, error) {
	root := fixtures.Root()
	m := fstest.MapFS{}
	add := func(dir, under string) error {
		src := os.DirFS(dir)
		return fs.WalkDir(src, under, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(src, name)
			m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
	}
	for _, dir := range []string{"web", "locales/languages.toml", "locales/ui"} {
		if err := add(root, dir); err != nil {
			return nil, err
		}
	}
	if err := add(filepath.Join(root, "app", "internal", "fixtures", "testdata"), "."); err != nil {
		return nil, err
	}
	if _, ok := m["web/app.wasm"]; !ok {
		return nil, fmt.Errorf("no web/app.wasm: run make build first")
	}
	return m, nil
}
