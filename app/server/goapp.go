package server

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"

	"eventcard/app/assets"
	"eventcard/app/card"
	"eventcard/app/i18n"
	"eventcard/app/views"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// WorkerTemplate is the service worker, in web/: go-app fills in its version and its list of
// files to keep.
const WorkerTemplate = "templates/worker.js"

// goAppFiles are the files go-app's Handler makes for the browser side of the component: the
// script that starts the wasm (app.js, configured with the build's version and where web/ is),
// Go's wasm_exec.js, its stylesheet and the service worker. The pages themselves are rendered
// by app/pages, not by the Handler.
func goAppFiles(set *views.Set, web fs.FS, version string) ([]assets.File, error) {
	worker, err := fs.ReadFile(web, WorkerTemplate)
	if err != nil {
		return nil, fmt.Errorf("web/%s: %w", WorkerTemplate, err)
	}
	site, _ := set.Site(i18n.SourceLanguage)
	h := &app.Handler{
		Name:            site.Name,
		ShortName:       site.ShortName,
		Description:     site.Description,
		Lang:            site.Lang,
		BackgroundColor: card.Palette.Light.Paper,
		ThemeColor:      site.Accent,
		// go-app defaults to icons on GitHub: with no network the service worker fails to
		// install (cache.addAll), and a visitor's browser would call a third party.
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		Styles: []string{"/web/card.css"},
		// The wasm swaps in its own DOM when it starts; until then (and if it never does) the
		// prerendered card is the page: go-app's loader is hidden by card.css, label and all.
		LoadingLabel:          " ",
		Resources:             webResources{static: assets.StaticPrefix(version)},
		ServiceWorkerTemplate: string(worker),
		CacheableResources:    []string{"/web/card.js", "/web/compile.js", "/web/icon.svg"},
		Version:               version,
	}
	var files []assets.File
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js"} {
		f, err := askOnce(h, p)
		if err != nil {
			return nil, err
		}
		if p == "/app.js" {
			if f.Body, err = instantiateByCard(f.Body); err != nil {
				return nil, err
			}
			if f.Body, err = startWhenAsked(f.Body); err != nil {
				return nil, err
			}
		}
		files = append(files, f)
	}
	return files, nil
}

// progressFetch is how go-app's app.js fetches the wasm: through a stream of its own, read in
// JavaScript, to write a progress label (which the card hides); goAppInstantiate is how it
// compiles and instantiates it.
var (
	progressFetch    = regexp.MustCompile(`fetchWithProgress\(("[^"]+"), showProgress\)`)
	goAppInstantiate = regexp.MustCompile(`(?m)^([ \t]*)let instantiateStreaming = WebAssembly\.instantiateStreaming;$`)
)

// instantiateByCard has app.js hand the wasm's address to the card's script, which compiles it
// in a worker as it downloads and instantiates it in tasks of their own (web/src/card/
// instantiate.js); without that script, to WebAssembly.instantiateStreaming, fetched as it comes
// from the network. Through go-app's stream every chunk crossed the page's main thread (read,
// counted, written into the label, compiled there): on the phone profile 1.5 s of the partner
// page's event loop.
func instantiateByCard(appJS []byte) ([]byte, error) {
	if n := len(progressFetch.FindAll(appJS, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js: %d wasm fetches with progress, want 1 (another go-app version?)", n)
	}
	if n := len(goAppInstantiate.FindAll(appJS, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js: %d instantiateStreaming, want 1 (another go-app version?)", n)
	}
	appJS = progressFetch.ReplaceAll(appJS, []byte("$1"))
	return goAppInstantiate.ReplaceAll(appJS, []byte("${1}let instantiateStreaming = self.eventcardInstantiate ||\n${1}  ((url, imports) => WebAssembly.instantiateStreaming(fetch(url), imports));")), nil
}

// askOnce asks h for the file at p, once, at start: go-app v9 makes its files only as answers
// to requests (its generators are unexported).
func askOnce(h http.Handler, p string) (assets.File, error) {
	req, err := http.NewRequest(http.MethodGet, p, nil)
	if err != nil {
		return assets.File{}, err
	}
	w := &fileWriter{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		return assets.File{}, fmt.Errorf("go-app's %s: %d %s", p, w.status, http.StatusText(w.status))
	}
	return assets.File{Addr: p, ContentType: w.header.Get("Content-Type"), Body: w.body.Bytes()}, nil
}

// fileWriter keeps an answer: the http.ResponseWriter go-app writes its files to.
type fileWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *fileWriter) Header() http.Header         { return w.header }
func (w *fileWriter) WriteHeader(status int)      { w.status = status }
func (w *fileWriter) Write(p []byte) (int, error) { return w.body.Write(p) }

// webResources is go-app's ResourceProvider: web/'s files under the build's version, in
// app.js and the worker's list (go-app resolves every /web/ address through Static, the wasm's
// included), and in the browser (the wasm resolves its own the same way).
type webResources struct{ static string }

func (webResources) Package() string   { return "" }
func (w webResources) Static() string  { return w.static }
func (w webResources) AppWASM() string { return w.static + "/web/app.wasm" }

// goAppStart is how go-app's app.js starts its service worker and its wasm: at once, as it runs.
var goAppStart = regexp.MustCompile(`(?m)^goappInitServiceWorker\(\);\n((?:goappWatchFor\w+\(\);\n)*)goappInitWebAssembly\(\);$`)

// startWhenAsked has app.js start them when the card's script says (web/src/card/start.js: on a
// phone, a framed card's wasm waits for the visitor), or at once where that script is missing.
func startWhenAsked(appJS []byte) ([]byte, error) {
	if n := len(goAppStart.FindAll(appJS, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js: %d starts of its worker and wasm, want 1 (another go-app version?)", n)
	}
	return goAppStart.ReplaceAll(appJS, []byte("${1}(self.eventcardStart || ((start) => start()))(() => (goappInitServiceWorker(), goappInitWebAssembly()));")), nil
}
