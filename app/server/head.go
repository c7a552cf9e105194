package server

import (
	"bytes"
	"errors"
	"html/template"

	"eventcard/app/card"

	_ "embed"
)

// go-app v9 writes one <head> for every page, with no way for a page to add links of its own.
// The Handler's RawHeaders carry headMarker; each page's own head elements (canonical address,
// language alternates, ...) replace it when the page is rendered, once per cached page.
const headMarker = `<meta name="eventcard-head">`

//go:embed head.html
var headHTML string

var headTemplate = template.Must(template.New("head").Parse(headHTML))

// headData is what head.html needs.
type headData struct {
	Canonical  string      // the standalone page in the page's language
	Alternates []alternate // the same page in every language
	Default    string      // x-default: the address without a language
	Negotiated bool        // a server chose the language of an address without one
}

type alternate struct{ Lang, URL string }

// completeHead puts the page's own head elements in place of the marker.
func (s *Server) completeHead(html []byte, key pageKey) ([]byte, error) {
	if bytes.Count(html, []byte(headMarker)) != 1 {
		return nil, errors.New("the head marker is missing from the rendered page")
	}
	abs := func(p card.Path) string { return s.base.Scheme + "://" + s.base.Host + p.String() }
	standalone := key.path
	if standalone.Kind == card.EmbedPage {
		standalone.Kind = card.EventPage
	}
	d := headData{Default: abs(key.path.In("")), Negotiated: !key.static}
	if key.path.Event != unknownEvent {
		d.Canonical = abs(standalone)
		for _, lang := range s.cards.Languages() {
			d.Alternates = append(d.Alternates, alternate{lang, abs(key.path.In(lang))})
		}
	}
	var b bytes.Buffer
	if err := headTemplate.Execute(&b, d); err != nil {
		return nil, err
	}
	return bytes.Replace(html, []byte(headMarker), b.Bytes(), 1), nil
}
