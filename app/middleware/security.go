package middleware

import (
	"net/http"
	"strings"
	"sync/atomic"
)

// Headers are the security headers every response carries.
type Headers struct {
	// CSP is the Content-Security-Policy of the answer to a request.
	CSP func(r *http.Request) string
	// HSTS: visitors arrive over TLS through a proxy (the public origin is https). An answer
	// over the server's own TLS carries Strict-Transport-Security anyway.
	HSTS bool
}

// Secure puts the security headers on every response, whatever answers it (a page, an asset,
// the loader, an error, a 304).
func Secure(hs Headers) func(http.Handler) http.Handler {
	// Made once, set by assignment: every answer carries them, so they cost nothing per request
	// but the map's writes. Each slice is full (len == cap): an Add to one copies it.
	values := func(hsts bool) (out [][2][]string) {
		for _, f := range Fixed(hsts) {
			out = append(out, [2][]string{{http.CanonicalHeaderKey(f.Name)}, {f.Value}})
		}
		return out
	}
	plain, tls := values(hs.HSTS), values(true)
	var lastCSP atomic.Pointer[[]string]
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hdr := w.Header()
			fixed := plain
			if r.TLS != nil {
				fixed = tls
			}
			for _, f := range fixed {
				hdr[f[0][0]] = f[1]
			}
			csp := hs.CSP(r)
			if v := lastCSP.Load(); v != nil && (*v)[0] == csp {
				hdr["Content-Security-Policy"] = *v
			} else {
				v := []string{csp}
				lastCSP.Store(&v)
				hdr["Content-Security-Policy"] = v
			}
			h.ServeHTTP(w, r)
		})
	}
}

// A Header is one header's name and value.
type Header struct{ Name, Value string }

// Fixed are the security headers every answer carries besides its Content-Security-Policy,
// the same whatever answers; hsts adds Strict-Transport-Security. Secure sets them, and a
// static host's configuration repeats them (export.Nginx).
func Fixed(hsts bool) []Header {
	h := []Header{
		{"X-Content-Type-Options", "nosniff"},
		// A link out of the card (the recording, a document) tells the other site the
		// widget's origin, never the page: not the event, and never the partner page.
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"Permissions-Policy", permissionsPolicy},
	}
	// A browser ignores the header over plain HTTP, so a mistaken base URL cannot lock
	// anyone out. No includeSubDomains: the widget's host does not speak for its siblings.
	if hsts {
		h = append(h, Header{"Strict-Transport-Security", "max-age=31536000"})
	}
	return h
}

// GetAndHead refuses every method but GET and HEAD: 405, with Allow.
func GetAndHead(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// WidgetPolicy is the policy of the widget's own pages (the card, the standalone page, the
// builder) served at origin (scheme://host[:port]), for the frame ancestors allowed (see
// FrameAncestors). Each source, and why:
//   - default-src 'none': anything not listed below is refused (fonts, objects, media…);
//   - script-src 'self' 'wasm-unsafe-eval': the card's script, go-app's, the loader in the
//     builder's preview, all files of ours; the wasm needs 'wasm-unsafe-eval' to compile. No
//     inline script exists: the card's data and the JSON-LD are data blocks, which CSP does
//     not run or govern;
//   - style-src 'self': the card's stylesheet. No style attribute is in any page: the scripts
//     style through CSSOM, which CSP allows;
//   - img-src 'self' data:: the icons, self-hosted;
//   - connect-src 'self': the wasm's fetch, the service worker's cache;
//   - manifest-src, worker-src 'self': the web app manifest; the service worker and the worker
//     that compiles the wasm;
//   - frame-src 'self': the builder previews the card in a frame of its own origin;
//   - base-uri, form-action 'none': no <base>, no form is ever submitted;
//   - frame-ancestors: who may frame the card; for anyone (the default), no directive at all:
//     "frame-ancestors *" refuses a page whose origin is opaque (Chromium and WebKit do), and a
//     partner's page in a sandboxed frame (a site builder's "custom HTML") has one.
//
// The sources a card in a sandboxed frame needs (its scripts, style sheet, images and the wasm's
// fetch) name origin besides 'self': WordPress frames the card sandboxed, its origin is then
// opaque, and WebKit matches 'self' to nothing there.
func WidgetPolicy(origin string, ancestors []string) string {
	self := "'self' " + origin
	policy := []string{
		"default-src 'none'",
		"script-src " + self + " 'wasm-unsafe-eval'",
		"style-src " + self,
		"img-src " + self + " data:",
		"connect-src " + self,
		"manifest-src 'self'",
		"worker-src 'self'",
		"frame-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
	}
	if d := FrameAncestors(ancestors); d != FrameAncestors(nil) {
		policy = append(policy, d)
	}
	return strings.Join(policy, "; ")
}

// PartnerPolicy is the policy of a page playing a partner's (the demo): what a partner with a
// CSP adds for the widget at origin (script-src and frame-src), and 'unsafe-inline' styles,
// since a partner's page has its own inline <style> and the snippet's placeholder a style
// attribute.
func PartnerPolicy(widget string, ancestors []string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src " + widget,
		"frame-src " + widget,
		"style-src 'unsafe-inline'",
		"img-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		FrameAncestors(ancestors),
	}, "; ")
}

// FrameAncestors is the directive for an allowlist: empty or "*" for anyone (embedding is the
// product); else the origins listed, and the widget's own origin, which the builder frames.
func FrameAncestors(list []string) string {
	if len(list) == 0 || (len(list) == 1 && list[0] == "*") {
		return "frame-ancestors *"
	}
	if len(list) == 1 && list[0] == "'self'" {
		return "frame-ancestors 'self'"
	}
	return "frame-ancestors 'self' " + strings.Join(list, " ")
}

// permissionsPolicy denies the card every powerful feature it does not use, in its pages and in
// any frame they hold. Sharing stays with the card's own origin: its Share button uses the
// system's share sheet (web-share) or copies the address (clipboard-write). Only features every
// Chromium knows are named, since an unknown one is an error in the console of every page: so
// web-share is left to its default allowlist, 'self' (what the card needs), because Chromium
// on Linux has no Web Share and calls the name unknown.
var permissionsPolicy = strings.Join([]string{
	"accelerometer=()", "autoplay=()", "camera=()", "clipboard-read=()", "clipboard-write=(self)",
	"display-capture=()", "encrypted-media=()", "fullscreen=()", "geolocation=()", "gyroscope=()",
	"hid=()", "idle-detection=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()",
	"picture-in-picture=()", "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()",
	"usb=()", "xr-spatial-tracking=()", "browsing-topics=()",
}, ", ")
