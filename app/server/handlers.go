package server

import (
	"bytes"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"eventcard/app/card"
	"eventcard/app/meta"
)

// DemoTemplate is the demo partner page, in web/.
const DemoTemplate = "templates/demo.html"

// serveDemo shows a sample partner page that embeds the featured event with the snippet a
// partner pastes. A partner's page is on another origin than the widget, so the demo loads the
// widget from the other loopback name (127.0.0.1 ↔ localhost): the card is in a real
// cross-origin frame.
func (s *site) serveDemo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if err := s.writeDemo(w, demoWidget(r, s.base)); err != nil {
		s.log.Error("demo page", "err", err)
	}
}

// writeDemo writes the demo page embedding the widget at origin widget.
func (s *site) writeDemo(w io.Writer, widget string) error {
	id := s.set.Featured()
	b, _ := s.set.Bundle(id)
	return s.demo.Execute(w, struct {
		Widget  string
		Snippet template.HTML
	}{widget, template.HTML(card.Snippet(widget, card.Embed{Event: id, Title: b.View(b.Default).Title, Fold: card.FoldOf(b)}))})
}

// demoWidget is the widget's origin as the demo names it: the other loopback name than the
// request's; any other host gets the configured origin (a Host header is the client's word,
// never echoed into a page).
func demoWidget(r *http.Request, base *url.URL) string {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		return base.Scheme + "://" + base.Host
	}
	switch host {
	case "127.0.0.1":
		return "http://localhost:" + port
	case "localhost":
		return "http://127.0.0.1:" + port
	}
	return base.Scheme + "://" + base.Host
}

// serveOEmbed answers GET /oembed?url=…[&format=json|xml]. A URL that is not a standalone page
// of this widget is a 404; a format other than JSON and XML is a 501, as the specification says.
func (s *site) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	answer, ctype := meta.OEmbed, "application/json; charset=utf-8"
	switch q.Get("format") {
	case "", "json":
	case "xml":
		answer, ctype = meta.OEmbedXML, "text/xml; charset=utf-8"
	default:
		http.Error(w, "only format=json and format=xml are implemented", http.StatusNotImplemented)
		return
	}
	t, ok := meta.ParseOEmbedURL(s.set, s.base, q.Get("url"))
	if !ok {
		http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
		return
	}
	body, err := answer(s.set, s.base, t, positive(q.Get("maxwidth")), positive(q.Get("maxheight")))
	if err != nil {
		s.log.Error("oembed", "event", t.ID, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	for k, v := range publicData {
		h[k] = v
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", `"`+s.version+`"`) // the answer follows from the build alone
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// allowSandboxedFetch lets a card in a sandboxed frame fetch the wasm. A frame sandboxed
// without allow-same-origin (WordPress's embeds, a site builder's "custom HTML" frame) has an
// opaque origin: its every fetch is cross-origin, from "null", and app.js fetches the wasm
// (scripts, styles and images load as they are, without CORS). The wasm is a public file sent
// without credentials; no other file gets the header.
func allowSandboxedFetch(h http.Header, path string) {
	if strings.HasSuffix(path, ".wasm") {
		h["Access-Control-Allow-Origin"] = publicData["Access-Control-Allow-Origin"]
	}
}

// positive reads a positive integer parameter; anything else is no bound.
func positive(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
