package views

import (
	"fmt"
	"io/fs"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
)

// What the server writes about the site and its events beside the cards: the installed app's
// manifest, the structured data and social tags of a page's head, the calendar file, oEmbed.

// Site is the site's branding in one language: its texts (locales/site), and the facts of its
// branding file.
type Site struct {
	Lang         string
	Name         string // the installed app's name, and the site's for social networks
	ShortName    string // under the installed app's icon
	Description  string
	Organization string // whose events these are: oEmbed's provider, the standalone pages' header
	OGLocale     string // Open Graph locale: es_LA, en_US…
	content.Site
}

// Facts is one event in one language: the validated event, its card, and the full names of
// the organizations it names (the card shows a person's affiliation by its short name).
type Facts struct {
	Event             *content.Event
	View              card.View
	OrganizationNames map[string]string // by organization id
}

type meta struct {
	sites map[string]Site
	names map[string]map[string]map[string]string // event id → language → organization id → name
}

func (s *Set) loadMeta(c *i18n.Catalog) error {
	s.meta = meta{sites: map[string]Site{}, names: map[string]map[string]map[string]string{}}
	for _, lang := range s.languages {
		l, err := c.For(lang, "")
		if err != nil {
			return err
		}
		s.meta.sites[lang] = Site{
			Lang:         lang,
			Name:         l.Site("Name"),
			ShortName:    l.Site("ShortName"),
			Description:  l.Site("About"),
			Organization: l.Site("Organization"),
			OGLocale:     l.Text(i18n.OGLocale, nil),
			Site:         *s.branding,
		}
		if err := l.Err(); err != nil {
			return err
		}
	}
	for id, e := range s.events {
		s.meta.names[id] = map[string]map[string]string{}
		for _, lang := range s.languages {
			l, err := c.For(lang, id)
			if err != nil {
				return err
			}
			names := map[string]string{}
			for _, o := range e.event.Organizations {
				names[o.ID] = l.Event("Organization." + o.ID + ".Name")
			}
			if err := l.Err(); err != nil {
				return err
			}
			s.meta.names[id][lang] = names
		}
	}
	return nil
}

// Site returns the site's texts in lang; ok is false for a language the site does not have.
func (s *Set) Site(lang string) (site Site, ok bool) {
	site, ok = s.meta.sites[lang]
	return site, ok
}

// Facts returns event id in lang (the empty id is the featured event); ok is false for an
// unknown event or a language the card does not have. Facts are in one language: when some of
// the event's texts are not translated into lang yet, they are the event's own language's
// (f.View.Lang says which), so that nothing a calendar, a search engine or a feed reads claims
// a language for a text that is not in it.
func (s *Set) Facts(id, lang string) (f Facts, ok bool) {
	if id == "" {
		id = s.Featured()
	}
	e := s.events[id]
	if e == nil || !e.bundle.Has(lang) {
		return Facts{}, false
	}
	if !e.complete[lang] {
		lang = e.event.Language
	}
	return Facts{Event: e.event, View: e.bundle.View(lang), OrganizationNames: s.meta.names[id][lang]}, true
}

// Branding is the site's branding file, validated.
func (s *Set) Branding() content.Site { return *s.branding }

// checkAccent checks the branding's accents keep WCAG AA contrast (4.5:1) where the card writes
// them: on its paper and its tinted wash, and behind the text on its buttons.
func checkAccent(fsys fs.FS, b *content.Site) content.Problems {
	data, _ := fs.ReadFile(fsys, content.SiteFile)
	var ps content.Problems
	for _, c := range []struct {
		field, accent string
		scheme        card.Scheme
	}{{"accent", b.Accent, card.Palette.Light}, {"accent_dark", b.AccentDark, card.Palette.Dark}} {
		if c.accent == "" {
			continue
		}
		for _, bg := range []string{c.scheme.Paper, c.scheme.Wash, c.scheme.AccentInk} {
			if r := card.Contrast(c.accent, bg); r < 4.5 {
				ps = append(ps, content.Problem{File: content.SiteFile, Line: content.LineOf(data, c.field), Field: c.field,
					Text: fmt.Sprintf("%s on %s is %.2f:1, below WCAG AA's 4.5:1: the card's text would be hard to read", c.accent, bg, r)})
				break
			}
		}
	}
	return ps
}
