package views

import (
	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
)

// What the server writes about the site and its events beside the cards: the installed app's
// manifest, the structured data and social tags of a page's head, the calendar file, oEmbed.

// Site is the site's own texts in one language.
type Site struct {
	Lang        string
	Name        string // the installed app's name, and the site's for social networks
	ShortName   string // under the installed app's icon
	Description string
	OGLocale    string // Open Graph locale: es_LA, en_US…
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
			Lang:        lang,
			Name:        l.Text(i18n.AppName, nil),
			ShortName:   l.Text(i18n.AppShortName, nil),
			Description: l.Text(i18n.AppDescription, nil),
			OGLocale:    l.Text(i18n.OGLocale, nil),
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
