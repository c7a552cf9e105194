package server

import (
	_ "embed"
	"html/template"
	"net"
	"net/http"
)

//go:embed demo.html
var demoHTML string

var demoPage = template.Must(template.New("demo").Parse(demoHTML))

// serveDemo shows a sample partner page that embeds the card with the documented snippet. A
// partner's page is on another origin than the widget, so the demo loads the widget from the
// other loopback name (127.0.0.1 ↔ localhost): the card is in a real cross-origin frame.
func (s *Server) serveDemo(w http.ResponseWriter, r *http.Request) {
	data := struct{ Widget, Event string }{Widget: demoWidgetOrigin(r, s.base.Scheme+"://"+s.base.Host), Event: s.cards.Featured()}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if err := demoPage.Execute(w, data); err != nil {
		s.log.Error("demo page", "err", err)
	}
}

// demoWidgetOrigin swaps the loopback name of the request; any other host gets the configured
// origin (a Host header is the client's word, never echoed into a page).
func demoWidgetOrigin(r *http.Request, base string) string {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		return base
	}
	switch host {
	case "127.0.0.1":
		return "http://localhost:" + port
	case "localhost":
		return "http://127.0.0.1:" + port
	}
	return base
}
