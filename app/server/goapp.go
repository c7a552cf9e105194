package server

import (
	_ "embed"
	"io/fs"
	"net/http"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// newGoApp configures go-app's Handler: it prerenders the card pages and makes go-app's own
// files (app.js, wasm_exec.js, app.css, the worker, the manifest). The server sends those and
// web/ from memory (static.go); go-app's file server for /web/ answers only what they lack.
// The pages name web/'s files under the build's version, /v/{version}/web/…: immutable.
func newGoApp(web fs.FS, version string) *app.Handler {
	return &app.Handler{
		Name:            "Eventcard · CIM/OEA",
		ShortName:       "Eventcard",
		Description:     "Tarjeta de evento de la Comisión Interamericana de Mujeres",
		Lang:            "es",
		Author:          "Comisión Interamericana de Mujeres (CIM/OEA)",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#5b2a86",
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
		// prerendered card is the page. The label is hidden by card.css with the whole loader.
		LoadingLabel: " ",
		Resources:    webResources{files: http.FileServerFS(web), static: staticPrefix(version)},
		// Pages offline in every language, and updates announced: see worker.js.
		ServiceWorkerTemplate: workerJS,
		CacheableResources:    []string{"/web/card.js", "/web/icon.svg"},
		// The page's own head elements (see head.go), then card.js, which reads them. Not
		// deferred: it sets the partner's theme and the fold on <html> before the first paint,
		// and guards storage before go-app's app.js touches it.
		RawHeaders: []string{headMarker, `<script src="` + staticPrefix(version) + `/web/card.js"></script>`},
		Version:    version,
	}
}

//go:embed worker.js
var workerJS string

// webResources is go-app's ResourceProvider: web/'s files under the build's version, in the
// pages (go-app resolves every /web/ address it writes through Static, the wasm's included) and
// in the browser (the wasm resolves its own the same way); the server answers both addresses
// (static.go). It serves web/ under /web/ for what static.go does not hold (a directory).
type webResources struct {
	files  http.Handler
	static string // staticPrefix(version)
}

func (webResources) Package() string   { return "" }
func (w webResources) Static() string  { return w.static }
func (w webResources) AppWASM() string { return w.static + "/web/app.wasm" }

func (w webResources) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	http.StripPrefix("/web", w.files).ServeHTTP(rw, r)
}
