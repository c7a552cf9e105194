package meta

import (
	"encoding/xml"
	"net/url"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/views"
)

// The feeds of all the events: a calendar to subscribe to and an Atom feed, per language, and
// the sitemap search engines read. The pages name them (rel="alternate").

// CalendarFeedPath is the address of the calendar of every upcoming event in lang ("": the
// source language).
func CalendarFeedPath(lang string) string { return langPrefix(lang) + "/events.ics" }

// AtomPath is the address of the Atom feed of the events in lang.
func AtomPath(lang string) string { return langPrefix(lang) + "/events.atom" }

// SitemapPath is the sitemap's address.
const SitemapPath = "/sitemap.xml"

func langPrefix(lang string) string {
	if lang == "" {
		return ""
	}
	return "/" + lang
}

// CalendarFeed is the calendar of the events not yet over at now, in lang: a subscriber's
// calendar gains the new ones and hears when one is cancelled.
func CalendarFeed(set *views.Set, lang string, base *url.URL, now, stamp time.Time) []byte {
	var events []views.Facts
	for _, e := range set.Events() {
		if end, _ := e.When.End(); now.Before(end) {
			f, _ := set.Facts(e.ID, lang)
			events = append(events, f)
		}
	}
	site, _ := set.Site(lang)
	return Calendar(events, site.Name, base, stamp)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	Lang      string       `xml:"xml:lang,attr,omitempty"` // the event's own, when not translated into the feed's yet
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Links     []atomLink   `xml:"link"`
	Authors   []atomAuthor `xml:"author"`
	Summary   atomText     `xml:"summary"`
	Category  []atomTerm   `xml:"category"`
	Published string       `xml:"published,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomTerm struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// Atom is the Atom feed (RFC 4287) of the events in lang, the upcoming ones first, the soonest
// first, then the past ones, the most recent first, as the index lists them. updated is when
// the content was built: the feed changes only with it.
func Atom(set *views.Set, lang string, base *url.URL, now, updated time.Time) ([]byte, error) {
	site, _ := set.Site(lang)
	home := abs(base, card.Path{Kind: card.HomePage, Lang: lang}.String())
	f := atomFeed{
		Lang:    lang,
		ID:      abs(base, AtomPath(lang)),
		Title:   site.Name,
		Updated: updated.UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: abs(base, AtomPath(lang))},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
		Author: atomAuthor{Name: site.Name, URI: home},
	}
	for _, s := range set.Index(lang).Ordered(now) {
		facts, _ := set.Facts(s.ID, lang)
		// An event not translated into lang yet is its own language's entry, and says so: the
		// feed claims no language for a text that is not in it.
		v := facts.View
		e := atomEntry{
			ID:       abs(base, card.Path{Kind: card.EventPage, Event: s.ID}.String()),
			Title:    v.Title,
			Updated:  f.Updated,
			Summary:  atomText{Type: "text", Text: v.Card.When.Text + "\n\n" + v.Card.Summary},
			Category: []atomTerm{{Term: string(facts.Event.Attendance), Label: v.Card.Attendance.Text}},
		}
		if v.Lang != lang {
			e.Lang = v.Lang
		}
		for _, l := range set.Languages() {
			link := atomLink{Rel: "alternate", Type: "text/html", Href: abs(base, card.Path{Kind: card.EventPage, Lang: l, Event: s.ID}.String()), HrefLang: l}
			if l == lang {
				e.Links = append([]atomLink{link}, e.Links...)
			} else {
				e.Links = append(e.Links, link)
			}
		}
		for _, o := range facts.View.Card.Organizers {
			e.Authors = append(e.Authors, atomAuthor{Name: o.Text, URI: o.URL})
		}
		if facts.Event.Status != content.Scheduled {
			e.Category = append(e.Category, atomTerm{Term: string(facts.Event.Status), Label: facts.View.Card.Status.Text})
		}
		f.Entries = append(f.Entries, e)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	return append([]byte(xml.Header), out...), err
}

type sitemap struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string         `xml:"loc"`
	Alternates []sitemapXHTML `xml:"xhtml:link"`
}

type sitemapXHTML struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap lists the site's pages for search engines, each in every language with its
// hreflang alternates: the home page, and each event's standalone page.
func Sitemap(set *views.Set, base *url.URL) ([]byte, error) {
	sm := sitemap{XHTML: "http://www.w3.org/1999/xhtml"}
	pages := []card.Path{{Kind: card.HomePage}}
	for _, e := range set.Events() {
		pages = append(pages, card.Path{Kind: card.EventPage, Event: e.ID})
	}
	for _, p := range pages {
		var alts []sitemapXHTML
		for _, l := range set.Languages() {
			alts = append(alts, sitemapXHTML{Rel: "alternate", HrefLang: l, Href: abs(base, p.In(l).String())})
		}
		alts = append(alts, sitemapXHTML{Rel: "alternate", HrefLang: "x-default", Href: abs(base, p.String())})
		for _, l := range set.Languages() {
			sm.URLs = append(sm.URLs, sitemapURL{Loc: abs(base, p.In(l).String()), Alternates: alts})
		}
	}
	out, err := xml.MarshalIndent(sm, "", "  ")
	return append([]byte(xml.Header), out...), err
}
