// Package pages renders the site's HTML pages: the card component, rendered by go-app on the
// server, inside the page document (web/templates/page.html) with the head a page needs
// (canonical address, language alternates, social tags, structured data). Each page is
// rendered once and kept with its encodings.
package pages

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"

	"eventcard/app/card"
	"eventcard/app/component"
	"eventcard/app/meta"
	"eventcard/app/views"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TemplateFile is the page document, in web/.
const TemplateFile = "templates/page.html"

// Renderer renders the pages of one set of views, on one public origin.
type Renderer struct {
	set    *views.Set
	base   *url.URL
	static string // where the pages name web/'s files: /v/{version}
	doc    *template.Template
}

// NewRenderer reads the page document from web. static is the address under which pages name
// web/'s files (assets.StaticPrefix).
func NewRenderer(set *views.Set, base *url.URL, web fs.FS, static string) (*Renderer, error) {
	doc, err := template.ParseFS(web, TemplateFile)
	if err != nil {
		return nil, fmt.Errorf("web/%s: %w", TemplateFile, err)
	}
	return &Renderer{set: set, base: base, static: static, doc: doc}, nil
}

// document is what web/templates/page.html needs.
type document struct {
	component.Head
	URL                     string // the page's canonical address (og:url)
	Static                  string
	ThemeColor              string
	Manifest                string
	Image                   string // og:image: the event's social image, or the site's icon
	ImageWidth, ImageHeight int
	ImageAlt                string

	Canonical  string      // the standalone page in the page's language
	Alternates []alternate // the same page in every language
	Default    string      // x-default: the address without a language
	Negotiated bool        // a server chose the language of an address without one

	Feeds *feeds // the standalone pages': the feeds of all the events

	OGLocale     string   // Open Graph: the page's locale, the others', the site's name
	OGAlternates []string //
	SiteName     string
	Event        *eventHead // the pages of an event

	Card   template.HTML // the component, as go-app renders it
	DataID string
	Data   template.JS // the card's data for the wasm: JSON (card.Data)
}

type alternate struct{ Lang, URL string }

// feeds are the Atom feed and the calendar of all the events, in the page's language.
type feeds struct{ Title, Atom, Calendar string }

// eventHead is what the pages of an event add: Twitter's summary card and, on the standalone
// page, its schema.org Event and where its oEmbed is.
type eventHead struct {
	Title, Description string
	JSONLD             template.JS // encoding/json's output: no <, > or & in it
	OEmbed             string
}

// Render renders the page key names.
func (r *Renderer) Render(key Key) ([]byte, error) {
	b, _ := r.set.Page(key.Path)
	page := component.Prerendered(b, key.Path, r.abs(""))
	data, err := card.Data(b)
	if err != nil {
		return nil, err
	}
	d, err := r.head(key, page.Head())
	if err != nil {
		return nil, err
	}
	d.Card, d.DataID, d.Data = template.HTML(app.HTMLString(page)), card.DataElementID, template.JS(data)
	var out bytes.Buffer
	if err := r.doc.Execute(&out, d); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// head is the document of the page key names, but for its body.
func (r *Renderer) head(key Key, h component.Head) (document, error) {
	lang := key.Path.Lang
	site, ok := r.set.Site(lang)
	if !ok {
		return document{}, fmt.Errorf("no site texts in %q", lang)
	}
	d := document{
		Head:       h,
		URL:        r.abs(key.Path.String()),
		Static:     r.static,
		ThemeColor: site.Accent,
		Manifest:   meta.ManifestPath(lang),
		Image:      r.abs(meta.ShareImage),
		ImageWidth: meta.ShareImageSize, ImageHeight: meta.ShareImageSize,
		Default:    r.abs(key.Path.In("").String()),
		Negotiated: !key.Static,
		OGLocale:   site.OGLocale,
		SiteName:   site.Name,
	}
	if key.Path.Kind != card.EmbedPage {
		d.Feeds = &feeds{Title: site.Name, Atom: r.abs(meta.AtomPath(lang)), Calendar: r.abs(meta.CalendarFeedPath(lang))}
	}
	standalone := key.Path
	if standalone.Kind == card.EmbedPage {
		standalone.Kind = card.EventPage
	}
	if key.Path.Event != UnknownEvent {
		d.Canonical = r.abs(standalone.String())
	}
	// The unknown-event card has no alternates where a server answers it, in the language
	// negotiated; a static host serves it at any address, and the card's script moves it to the
	// visitor's language among its alternates.
	if key.Path.Event != UnknownEvent || key.Static {
		for _, l := range r.set.Languages() {
			d.Alternates = append(d.Alternates, alternate{l, r.abs(key.Path.In(l).String())})
		}
	}
	for _, other := range r.set.Languages() {
		if o, _ := r.set.Site(other); other != lang {
			d.OGAlternates = append(d.OGAlternates, o.OGLocale)
		}
	}
	id, ok := r.pageEvent(key.Path)
	if !ok {
		return d, nil
	}
	f, _ := r.set.Facts(id, lang)
	d.Event = &eventHead{Title: f.View.Title, Description: f.View.Card.Summary}
	d.Image = r.abs(meta.SocialImagePath(id, lang, f.Event.Banner != nil))
	d.ImageWidth, d.ImageHeight = meta.SocialImageWidth, meta.SocialImageHeight
	// Search engines and link previews read the standalone page; the embed's canonical address
	// is that page, so a frame does not repeat its structured data.
	if key.Path.Kind != card.EmbedPage {
		js, err := meta.EventJSONLD(f, r.base)
		if err != nil {
			return d, err
		}
		d.Event.JSONLD = template.JS(js)
		d.Event.OEmbed = meta.OEmbedDiscovery(r.base, d.Canonical, id, lang, key.Static)
	}
	return d, nil
}

// pageEvent is the event a page shows: its own, or on the home page the featured one when the
// home page shows that card (with several events it lists them). None on the builder and the
// unknown-event page.
func (r *Renderer) pageEvent(p card.Path) (id string, ok bool) {
	switch p.Kind {
	case card.EventPage, card.EmbedPage:
		if p.Event == UnknownEvent {
			return "", false
		}
		_, ok := r.set.Facts(p.Event, p.Lang)
		return p.Event, ok
	case card.HomePage:
		if b, ok := r.set.Page(p); ok && b.Event != "" {
			return b.Event, true
		}
	}
	return "", false
}

// abs is the address of path on the configured origin: a page never names the Host a request
// came with.
func (r *Renderer) abs(path string) string {
	return r.base.Scheme + "://" + r.base.Host + path
}
