package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"time"

	"eventcard/app/card"
	"eventcard/app/cards"

	_ "embed"
)

// go-app v9 writes one <head> for every page, with no way for a page to add links of its own.
// The Handler's RawHeaders carry headMarker; each page's own head elements (canonical address,
// language alternates, structured data, social tags, oEmbed discovery) replace it when the page
// is rendered, once per cached page.
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

	// Open Graph, every page: the language's locale, the others', the site's name.
	OGLocale     string
	OGAlternates []string
	SiteName     string
	// Twitter's summary card, on the pages of an event.
	Title, Description string
	// The standalone pages of an event: its schema.org Event, and where its oEmbed is.
	JSONLD      template.JS // encoding/json's output: no <, > or & in it (see eventJSONLD)
	OEmbed      string
	OEmbedTitle string
}

type alternate struct{ Lang, URL string }

// The site's icon, as social networks and structured data show it (512×512).
const (
	shareImage     = "/web/icon-512.png"
	shareImageSize = 512
)

// abs is the address of path on the configured origin: a page never names the Host a request
// came with.
func (s *Server) abs(path string) string {
	return s.base.Scheme + "://" + s.base.Host + path
}

// completeHead puts the page's own head elements in place of the marker, gives go-app's empty
// og:image an address, and links the manifest in the page's language.
func (s *Server) completeHead(html []byte, key pageKey) ([]byte, error) {
	if bytes.Count(html, []byte(headMarker)) != 1 {
		return nil, errors.New("the head marker is missing from the rendered page")
	}
	abs := func(p card.Path) string { return s.abs(p.String()) }
	standalone := key.path
	if standalone.Kind == card.EmbedPage {
		standalone.Kind = card.EventPage
	}
	lang := key.path.Lang
	d := headData{Default: abs(key.path.In("")), Negotiated: !key.static}
	if key.path.Event != unknownEvent {
		d.Canonical = abs(standalone)
		for _, lang := range s.cards.Languages() {
			d.Alternates = append(d.Alternates, alternate{lang, abs(key.path.In(lang))})
		}
	}
	site, ok := s.cards.Site(lang)
	if !ok {
		return nil, fmt.Errorf("no site texts in %q", lang)
	}
	d.OGLocale, d.SiteName = site.OGLocale, site.Name
	for _, other := range s.cards.Languages() {
		if o, _ := s.cards.Site(other); other != lang {
			d.OGAlternates = append(d.OGAlternates, o.OGLocale)
		}
	}
	if id, ok := s.pageEvent(key.path); ok {
		f, _ := s.cards.Facts(id, lang)
		d.Title, d.Description = f.View.Title, f.View.Summary
		// Search engines and link previews read the standalone page; the embed's canonical
		// address is that page, so a frame does not repeat its structured data.
		if key.path.Kind != card.EmbedPage {
			js, err := s.eventJSONLD(f)
			if err != nil {
				return nil, err
			}
			d.JSONLD = template.JS(js)
			d.OEmbed, d.OEmbedTitle = s.oembedDiscovery(d.Canonical, id, lang, key.static), f.View.Title
		}
	}
	var b bytes.Buffer
	if err := headTemplate.Execute(&b, d); err != nil {
		return nil, err
	}
	html = bytes.Replace(html, []byte(headMarker), b.Bytes(), 1)
	html, err := replaceOnce(html, goappOGImage, `<meta property="og:image" content="`+template.HTMLEscapeString(s.abs(shareImage))+`">`, "og:image")
	if err != nil {
		return nil, err
	}
	return replaceOnce(html, goappManifest, `<link rel="manifest" href="`+manifestPath(lang)+`">`, "manifest link")
}

// pageEvent is the event a page shows: its own, or on the home page the featured one when the
// home page shows that card (with several events it lists them). None on the builder and the
// unknown-event page.
func (s *Server) pageEvent(p card.Path) (id string, ok bool) {
	switch p.Kind {
	case card.EventPage, card.EmbedPage:
		if p.Event == unknownEvent {
			return "", false
		}
		_, ok := s.cards.Facts(p.Event, p.Lang)
		return p.Event, ok
	case card.HomePage:
		if b, ok := s.cards.Page(p); ok && b.Event != "" {
			return b.Event, true
		}
	}
	return "", false
}

// go-app writes these two tags in every page, with its attributes in map order (either one
// first): og:image empty, the manifest not localized. If a go-app upgrade changes them,
// rendering fails loudly instead of shipping them as they are.
var (
	goappOGImage  = regexp.MustCompile(`<meta (?:property="og:image" content(?:="[^"]*")?|content(?:="[^"]*")? property="og:image")>`)
	goappManifest = regexp.MustCompile(`<link (?:rel="manifest" href="/manifest\.webmanifest"|href="/manifest\.webmanifest" rel="manifest")>`)
)

func replaceOnce(html []byte, re *regexp.Regexp, with, what string) ([]byte, error) {
	if n := len(re.FindAllIndex(html, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's %s changed (%d found): update completeHead", what, n)
	}
	return re.ReplaceAllLiteral(html, []byte(with)), nil
}

// oembedDiscovery is the href of a standalone page's oEmbed discovery link: the query
// endpoint when a server answers, the exported file on a static host, which has no queries.
func (s *Server) oembedDiscovery(canonical, id, lang string, static bool) string {
	if static {
		return s.abs(oembedFilePath(lang, id))
	}
	return s.abs("/oembed?" + url.Values{"url": {canonical}, "format": {"json"}}.Encode())
}

// ---- schema.org Event, as JSON-LD ----

type ldEvent struct {
	Context             string         `json:"@context"`
	Type                string         `json:"@type"`
	Name                string         `json:"name"`
	Description         string         `json:"description,omitempty"`
	StartDate           string         `json:"startDate"`
	EndDate             string         `json:"endDate,omitempty"`
	EventStatus         string         `json:"eventStatus"`
	EventAttendanceMode string         `json:"eventAttendanceMode"`
	Location            ldPlace        `json:"location"`
	Organizer           []ldOrg        `json:"organizer,omitempty"`
	Performer           []ldPerson     `json:"performer,omitempty"`
	InLanguage          string         `json:"inLanguage"`
	URL                 string         `json:"url"`
	Image               string         `json:"image"`
	RecordedIn          *ldVideoObject `json:"recordedIn,omitempty"`
}

type ldPlace struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldPerson struct {
	Type        string `json:"@type"`
	Name        string `json:"name"`
	JobTitle    string `json:"jobTitle,omitempty"`
	Affiliation *ldOrg `json:"affiliation,omitempty"`
}

type ldVideoObject struct {
	Type         string `json:"@type"`
	Name         string `json:"name"`
	Description  string `json:"description,omitempty"`
	URL          string `json:"url"`
	ThumbnailURL string `json:"thumbnailUrl"`
	InLanguage   string `json:"inLanguage"` // the event's own: the recording is not translated
}

// eventJSONLD is the event's schema.org Event in f's language. encoding/json escapes <, > and
// & (as \u003c…), so the text can hold no "</script>" and goes into the element as it is.
func (s *Server) eventJSONLD(f cards.Facts) ([]byte, error) {
	e, v := f.Event, f.View
	ld := ldEvent{
		Context:             "https://schema.org",
		Type:                "Event",
		Name:                v.Title,
		Description:         v.Summary,
		EventStatus:         "https://schema.org/EventScheduled",
		EventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
		Location:            ldPlace{Type: "VirtualLocation", URL: e.Video},
		InLanguage:          v.Lang,
		URL:                 s.abs(card.Path{Kind: card.EventPage, Lang: v.Lang, Event: e.ID}.String()),
		Image:               s.abs(shareImage),
	}
	ld.StartDate, ld.EndDate = ldDates(f)
	for _, o := range v.Organizers {
		ld.Organizer = append(ld.Organizer, ldOrg{Type: "Organization", Name: o.Text, URL: o.URL})
	}
	for i, p := range e.People {
		person := ldPerson{Type: "Person", Name: p.Name, JobTitle: v.People[i].Role}
		if p.Organization != nil {
			person.Affiliation = &ldOrg{Type: "Organization", Name: f.OrganizationNames[p.Organization.ID], URL: p.Organization.URL}
		}
		ld.Performer = append(ld.Performer, person)
	}
	if e.Recording {
		ld.RecordedIn = &ldVideoObject{Type: "VideoObject", Name: v.Title, Description: v.Summary, URL: e.Video,
			ThumbnailURL: s.abs(shareImage), InLanguage: e.Language}
	}
	return json.Marshal(ld)
}

// ldDates are schema.org's startDate and endDate: ISO days for an event that lasts its day,
// date-times with the zone's offset for a timed one (no end when its duration is not given).
func ldDates(f cards.Facts) (start, end string) {
	e := f.Event
	if e.Time == nil {
		return e.Date.String(), e.Date.String()
	}
	start = e.Start().Format(time.RFC3339)
	if t, ok := e.End(); ok {
		end = t.Format(time.RFC3339)
	}
	return start, end
}
