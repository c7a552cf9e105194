package server

import (
	"io/fs"
	"net/http"
	"strings"
)

// secure puts the security headers on every response, whatever answers it (a page, an asset,
// the loader, an error, a 304), and refuses every method but GET and HEAD (README, "Security").
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("X-Content-Type-Options", "nosniff")
		// A link out of the card (the recording, a document) tells the other site the widget's
		// origin, never the page: not the event, and never the partner page around it.
		hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hdr.Set("Permissions-Policy", permissionsPolicy)
		if r.URL.Path == "/demo" {
			hdr.Set("Content-Security-Policy", s.demoPolicy(r))
		} else {
			hdr.Set("Content-Security-Policy", s.policy)
		}
		// Over TLS, directly or through a TLS proxy (the public origin is https). A browser
		// ignores the header over plain HTTP, so a mistaken base URL cannot lock anyone out.
		// No includeSubDomains: the widget's host does not speak for its siblings.
		if r.TLS != nil || s.base.Scheme == "https" {
			hdr.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hdr.Set("Allow", "GET, HEAD")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy is the policy of the widget's own pages (the card, the standalone page,
// the builder), built once from the frame ancestors allowed. Each source, and why:
//   - default-src 'none': anything not listed below is refused (fonts, objects, media…);
//   - script-src 'self' 'wasm-unsafe-eval': card.js, go-app's app.js and wasm_exec.js, the loader
//     in the builder's preview, all files of ours; the wasm needs 'wasm-unsafe-eval' to compile.
//     No inline script exists: the card's data and the JSON-LD are data blocks
//     (<script type="application/json">), which CSP does not run or govern;
//   - style-src 'self': card.css and app.css. No style attribute is in any page; card.js and the
//     loader style through CSSOM, which CSP allows (the builder's preview sets the snippet's
//     placeholder height that way: see web/card.js);
//   - img-src 'self' data:: the icons, self-hosted;
//   - connect-src 'self': the wasm's fetch, the service worker's cache;
//   - manifest-src, worker-src 'self': the web app manifest, the service worker;
//   - frame-src 'self': the builder previews the card in a frame of its own origin;
//   - base-uri, form-action 'none': no <base>, no form is ever submitted (the builder's form
//     is handled in the page);
//   - frame-ancestors: who may frame the card (Settings.FrameAncestors; * by default, since
//     embedding is the product). The widget's own origin always may: the builder frames it.
func contentSecurityPolicy(ancestors []string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"frame-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		frameAncestors(ancestors),
	}, "; ")
}

// frameAncestors is the directive for an allowlist checked by ParseFrameAncestors.
func frameAncestors(list []string) string {
	if len(list) == 0 || (len(list) == 1 && list[0] == "*") {
		return "frame-ancestors *"
	}
	if len(list) == 1 && list[0] == "'self'" {
		return "frame-ancestors 'self'"
	}
	return "frame-ancestors 'self' " + strings.Join(list, " ")
}

// demoPolicy is the policy of /demo, which plays a partner's page: what a partner with a CSP
// adds for the widget (README, "Content-Security-Policy": script-src and frame-src), and
// 'unsafe-inline' styles, since a partner's page has its own inline <style> and the snippet's
// placeholder carries a style attribute.
func (s *Server) demoPolicy(r *http.Request) string {
	widget := demoWidgetOrigin(r, s.base.Scheme+"://"+s.base.Host)
	return strings.Join([]string{
		"default-src 'none'",
		"script-src " + widget,
		"frame-src " + widget,
		"style-src 'unsafe-inline'",
		"img-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		frameAncestors(s.ancestors),
	}, "; ")
}

// permissionsPolicy denies the card every powerful feature it does not use, in its pages and in
// any frame they hold. Sharing stays with the card's own origin: its Share button uses the
// system's share sheet (web-share) or copies the address (clipboard-write); a partner's frame
// delegates both (the loader's allow="web-share; clipboard-write", web-share only where the
// browser has navigator.share). Only features every
// Chromium knows are named, since an unknown one is an error in the console of every page: so
// web-share is left to its default allowlist, which is 'self' (what the card needs), because
// Chromium on Linux has no Web Share and calls the name unknown.
var permissionsPolicy = strings.Join([]string{
	"accelerometer=()", "autoplay=()", "camera=()", "clipboard-read=()", "clipboard-write=(self)",
	"display-capture=()", "encrypted-media=()", "fullscreen=()", "geolocation=()", "gyroscope=()",
	"hid=()", "idle-detection=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()",
	"picture-in-picture=()", "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()",
	"usb=()", "xr-spatial-tracking=()", "browsing-topics=()",
}, ", ")

// validNames answers a file name no file can have (a NUL byte, invalid UTF-8, a ".." element:
// what fs.ValidPath refuses) as a missing file: a 404, as for any other file that is not there.
// A file system on disk (os.DirFS) answers such a name with an error that http.FileServer
// would turn into a 500. (GET /web/card.js%00.toml, GET /web/%FF: hostile_test.go.)
type validNames struct{ fs.FS }

func (v validNames) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) || strings.ContainsRune(name, 0) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.FS.Open(name)
}
