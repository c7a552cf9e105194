// Package views builds, once at start, every page's localized view: each event of events/ in
// each language of locales/, the index and the snippet builder, as the card.Bundle the
// component renders. Data flows one way: event file + message catalogs → validated model →
// card.Bundle → component.
package views

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/messagefiles"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/sync/errgroup"
)

// Set is every card, by event id, and the pages about all of them.
type Set struct {
	events    map[string]*entry
	order     []*content.Event // by start, the earliest first
	unknown   *card.Bundle
	index     *card.Bundle // the home page when there are several events
	builder   *card.Bundle // the snippet builder
	languages []string
	anyEvent  *i18n.Matcher // for pages about no event in particular
	branding  *content.Site
	meta      meta // the site's texts and the events' facts for the server (site.go)
	warnings  content.Problems
}

type entry struct {
	event    *content.Event
	bundle   *card.Bundle
	matcher  *i18n.Matcher
	complete map[string]bool // the languages every text of the event is translated into
}

// Load reads and checks events/ and locales/ from fsys and builds every card, with pictures (nil:
// none). Anything wrong (an unknown reference, a bad link, a message missing in the event's own
// language, a misspelt message id, an empty translation) fails the load; the error is
// content.Problems, every problem of the content and of its translations, each with its file,
// line and field. A text not translated yet is not a problem: the card shows it in the event's
// own language, marked as such, and Warnings lists it.
func Load(fsys fs.FS, pictures Pictures) (*Set, error) {
	s, problems, _, err := load(fsys, pictures)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return s, nil
}

// Check is Load without pictures, for a content check: every problem (the site does not start
// with one) and every warning (the texts served untranslated, or translated from an older text).
func Check(fsys fs.FS) (problems, warnings content.Problems, err error) {
	_, problems, warnings, err = load(fsys, nil)
	return problems, warnings, err
}

// Warnings are the texts the cards show untranslated: not translated into a language yet, or
// translated from an older text (stale), each with its file, line and message id.
func (s *Set) Warnings() content.Problems { return slices.Clone(s.warnings) }

// load is Load and Check: the set (nil with a problem), the problems, the warnings, or an error
// reading fsys.
func load(fsys fs.FS, pictures Pictures) (*Set, content.Problems, content.Problems, error) {
	events, err := content.Load(fsys)
	var problems content.Problems
	if err != nil && !errors.As(err, &problems) {
		return nil, nil, nil, err
	}
	branding, err := content.LoadSite(fsys)
	var siteProblems content.Problems
	if errors.As(err, &siteProblems) {
		problems = append(problems, siteProblems...)
	} else if err != nil {
		return nil, nil, nil, err
	} else {
		problems = append(problems, checkAccent(fsys, branding)...)
	}
	catalog := i18n.Open(fsys)
	languages := catalog.Languages()
	for _, e := range events {
		if !slices.Contains(languages, e.Language) {
			name := path.Join(content.Dir, e.ID+".toml")
			data, _ := fs.ReadFile(fsys, name)
			problems = append(problems, content.Problem{File: name, Line: content.LineOf(data, "language"), Field: "language",
				Text: fmt.Sprintf("%q is not one of %v (%s)", e.Language, languages, messagefiles.LanguagesFile)})
			continue
		}
		catalog.CheckEvent(e.ID, e.MessageIDs(), e.OptionalMessageIDs())
	}
	problems = append(problems, catalog.Problems()...)
	warnings := append(catalog.Warnings(), unusedTexts(fsys)...)
	if len(problems) > 0 {
		return nil, problems, warnings, nil
	}
	s, err := build(fsys, events, catalog, pictures, branding)
	var ps content.Problems
	if errors.As(err, &ps) {
		return nil, ps, warnings, nil
	} else if err != nil {
		return nil, nil, nil, err
	}
	s.warnings = warnings
	return s, nil, warnings, nil
}

// unusedTexts are the folders of locales/events that no event file names.
func unusedTexts(fsys fs.FS) content.Problems {
	var ps content.Problems
	dirs, _ := fs.ReadDir(fsys, messagefiles.EventsDir)
	for _, d := range dirs {
		name := path.Join(content.Dir, d.Name()+".toml")
		if _, err := fs.Stat(fsys, name); d.IsDir() && err != nil {
			ps = append(ps, content.Problem{File: messagefiles.EventsDir + "/" + d.Name(), Text: "unused: no event file " + name + " shows these texts"})
		}
	}
	return ps
}

// build builds every card of events, checked, with pictures. An error building a card (a date
// the language cannot write) is content.Problems too, naming the event's file.
func build(fsys fs.FS, events []*content.Event, catalog *i18n.Catalog, pictures Pictures, branding *content.Site) (*Set, error) {
	s := &Set{
		branding:  branding,
		events:    map[string]*entry{},
		languages: catalog.Languages(),
		anyEvent:  i18n.NewMatcher(catalog.Languages(), i18n.SourceLanguage),
	}
	site := func(err error) error {
		if err == nil {
			return nil
		}
		return content.Problems{{File: messagefiles.UIDir, Text: err.Error()}}
	}
	languages, err := s.languageNames(catalog)
	if err != nil {
		return nil, site(err)
	}
	if s.unknown, err = unknownBundle(catalog, languages); err != nil {
		return nil, site(err)
	}
	now := time.Now()
	// In parallel: an event's images take seconds to encode.
	bundles := make([]*card.Bundle, len(events))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, e := range events {
		g.Go(func() (err error) {
			if bundles[i], err = buildEvent(e, catalog, languages, pictures, now); err != nil {
				var ps content.Problems
				if !errors.As(err, &ps) {
					err = content.Problems{{File: path.Join(content.Dir, e.ID+".toml"), Text: err.Error()}}
				}
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, e := range events {
		complete := map[string]bool{}
		for _, l := range s.languages {
			complete[l] = len(catalog.Untranslated(e.ID, l).IDs) == 0
		}
		s.events[e.ID] = &entry{event: e, bundle: bundles[i], matcher: i18n.NewMatcher(s.languages, e.Language), complete: complete}
		s.order = append(s.order, e)
	}
	slices.SortFunc(s.order, func(a, b *content.Event) int {
		if c := a.When.Start().Compare(b.When.Start()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	if s.index, err = s.listBundle(catalog, languages, i18n.EventsIndex, nil); err != nil {
		return nil, site(err)
	}
	if s.builder, err = s.listBundle(catalog, languages, i18n.BuilderTitle, s.builderLabels); err != nil {
		return nil, site(err)
	}
	if err := s.loadMeta(catalog); err != nil { // see site.go
		return nil, site(err)
	}
	brand := card.Brand{URL: s.branding.OrganizationURL}
	if s.branding.Logo != "" {
		brand.Logo = card.LogoAddr(s.branding.Logo)
	}
	for _, b := range append([]*card.Bundle{s.unknown, s.index, s.builder}, bundles...) {
		b.Brand = brand
	}
	return s, nil
}

// Page is what the page at p shows, in every language; ok is false for an unknown event.
func (s *Set) Page(p card.Path) (*card.Bundle, bool) {
	switch p.Kind {
	case card.HomePage:
		if len(s.events) > 1 {
			return s.index, true
		}
		return s.Bundle(s.Featured())
	case card.BuilderPage:
		return s.builder, true
	default:
		return s.Bundle(p.Event)
	}
}

// listBundle is a page about all the events, titled title: the home page's index, the builder.
func (s *Set) listBundle(c *i18n.Catalog, languages []card.Language, title *goi18n.Message, extra func(*i18n.Localizer, *card.View)) (*card.Bundle, error) {
	b := &card.Bundle{Default: i18n.SourceLanguage, Languages: languages, Views: map[string]card.View{}}
	for _, lang := range languages {
		l, err := c.For(lang.Code, "")
		if err != nil {
			return nil, err
		}
		v := card.View{Lang: lang.Code, Title: l.Text(title, nil), Labels: siteLabels(l),
			Index: &card.Index{UpcomingLabel: l.Text(i18n.EventsUpcoming, nil), PastLabel: l.Text(i18n.EventsPast, nil)}}
		for _, e := range s.order {
			t := s.events[e.ID].bundle.View(lang.Code)
			v.Index.Events = append(v.Index.Events, card.Summary{ID: e.ID, Kind: t.Card.Kind, Title: t.Title,
				Date: t.Card.When.Text, ISO: t.Card.When.ISO, Ends: t.Card.When.Ends, Status: t.Card.Status,
				KindLang: t.Card.KindLang, TitleLang: t.TitleLang, Banner: t.Card.Banner,
				Fold: card.FoldIn(s.events[e.ID].bundle, lang.Code), AnyFold: card.FoldOf(s.events[e.ID].bundle)})
		}
		if extra != nil {
			extra(l, &v)
		}
		if err := l.Err(); err != nil {
			return nil, err
		}
		b.Views[lang.Code] = v
	}
	return b, nil
}

func (s *Set) builderLabels(l *i18n.Localizer, v *card.View) {
	v.Builder = &card.BuilderLabels{
		Intro:      l.Text(i18n.BuilderIntro, nil),
		Event:      l.Text(i18n.BuilderEvent, nil),
		Lang:       l.Text(i18n.BuilderLang, nil),
		AutoLang:   l.Text(i18n.BuilderAutoLang, nil),
		Theme:      l.Text(i18n.BuilderTheme, nil),
		ThemeAuto:  l.Text(i18n.ThemeAuto, nil),
		ThemeLight: l.Text(i18n.ThemeLight, nil),
		ThemeDark:  l.Text(i18n.ThemeDark, nil),
		ThemeHost:  l.Text(i18n.ThemeHost, nil),

		AccentReadable: l.Text(i18n.AccentReadable, nil),
		AccentLowLight: l.Text(i18n.AccentLowLight, nil),
		AccentLowDark:  l.Text(i18n.AccentLowDark, nil),
		Accent:         l.Text(i18n.BuilderAccent, nil),
		Compact:        l.Text(i18n.BuilderCompact, nil),
		Snippet:        l.Text(i18n.BuilderSnippet, nil),
		CSP:            l.Text(i18n.BuilderCSP, nil),
		Preview:        l.Text(i18n.BuilderPreview, nil),
		Copy:           l.Text(i18n.Copy, nil),
		Copied:         l.Text(i18n.Copied, nil),

		DefaultAccent: s.branding.Accent,
		DefaultTheme:  s.branding.Theme,
	}
}

// Bundle returns the event's card in every language, or the unknown-event bundle (ok false).
// The empty id is the featured event's.
func (s *Set) Bundle(id string) (b *card.Bundle, ok bool) {
	if id == "" {
		id = s.Featured()
	}
	if e := s.events[id]; e != nil {
		return e.bundle, true
	}
	return s.unknown, false
}

// Matcher negotiates languages for the event id, falling back to its original language; for an
// unknown id, to the source language.
func (s *Set) Matcher(id string) *i18n.Matcher {
	if e := s.events[id]; e != nil {
		return e.matcher
	}
	return s.anyEvent
}

// Featured is the event the home page opens and the demo shows: the next one to end that is
// still on, or, when there is none, the one that ended last.
func (s *Set) Featured() string {
	now := time.Now()
	for _, e := range s.order {
		if end, _ := e.When.End(); now.Before(end) && e.Status != content.Cancelled {
			return e.ID
		}
	}
	for i := len(s.order) - 1; i >= 0; i-- {
		if end, _ := s.order[i].When.End(); !now.Before(end) {
			return s.order[i].ID
		}
	}
	return s.order[len(s.order)-1].ID
}

// Index is the list of events in lang.
func (s *Set) Index(lang string) *card.Index { return s.index.View(lang).Index }

// Events are the events, by start, the earliest first.
func (s *Set) Events() []*content.Event { return slices.Clone(s.order) }

// IDs lists the events, sorted.
func (s *Set) IDs() []string {
	ids := make([]string, 0, len(s.events))
	for id := range s.events {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Languages are the card's language codes, in the switcher's order.
func (s *Set) Languages() []string { return slices.Clone(s.languages) }

func (s *Set) languageNames(c *i18n.Catalog) ([]card.Language, error) {
	var names []card.Language
	for _, lang := range s.languages {
		l, err := c.For(lang, "")
		if err != nil {
			return nil, err
		}
		names = append(names, card.Language{Code: lang, Name: l.Text(i18n.LanguageName, nil)})
		if err := l.Err(); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// buildEvent localizes event e in every language.
func buildEvent(e *content.Event, c *i18n.Catalog, languages []card.Language, pictures Pictures, now time.Time) (*card.Bundle, error) {
	b := &card.Bundle{Event: e.ID, Default: e.Language, Languages: languages, Views: map[string]card.View{}}
	for _, lang := range languages {
		l, err := c.For(lang.Code, e.ID)
		if err != nil {
			return nil, err
		}
		title := l.Event("Title")
		v := card.View{Lang: lang.Code, Title: title, Labels: cardLabels(l, len(e.People), title)}
		if v.Card, err = eventCard(e, l, pictures, now); err != nil {
			return nil, err
		}
		markUntranslated(&v, e, l, c.Untranslated(e.ID, lang.Code))
		if err := l.Err(); err != nil {
			return nil, err
		}
		b.Views[lang.Code] = v
	}
	return b, nil
}

// siteLabels are the texts every page has.
func siteLabels(l *i18n.Localizer) card.Labels {
	return card.Labels{
		Language:    l.Text(i18n.Language, nil),
		Name:        l.Text(i18n.LanguageName, nil),
		FrameTitle:  l.Text(i18n.CardTitle, nil),
		Install:     l.Text(i18n.Install, nil),
		UpdateReady: l.Text(i18n.UpdateReady, nil),
		Reload:      l.Text(i18n.Reload, nil),
		Share:       l.Text(i18n.Share, nil),
		LinkCopied:  l.Text(i18n.LinkCopied, nil),
		EventsIndex: l.Text(i18n.EventsIndex, nil),

		Organization: l.Site("Organization"),
	}
}

// cardLabels are a card's texts.
func cardLabels(l *i18n.Localizer, people int, title string) card.Labels {
	c := siteLabels(l)
	c.FrameTitle = l.Text(i18n.FrameTitle, map[string]any{"Title": title})
	c.Upcoming, c.Past = l.Text(i18n.Upcoming, nil), l.Text(i18n.Past, nil)
	c.OrganizedBy = l.Text(i18n.OrganizedBy, nil)
	c.ReadMore, c.ReadLess = l.Text(i18n.ReadMore, nil), l.Text(i18n.ReadLess, nil)
	c.ShowAll, c.ShowLess = l.Text(i18n.ShowAll, nil), l.Text(i18n.ShowLess, nil)
	c.Speakers = l.Count(i18n.Speakers, people)
	c.Highlights, c.Documents = l.Text(i18n.Highlights, nil), l.Text(i18n.Documents, nil)
	c.NewTab = l.Text(i18n.NewTab, nil)
	return c
}

// unknownBundle is what a page for an event that does not exist shows: a short message in
// each language, and the switcher.
func unknownBundle(c *i18n.Catalog, languages []card.Language) (*card.Bundle, error) {
	b := &card.Bundle{Default: i18n.SourceLanguage, Languages: languages, Views: map[string]card.View{}}
	for _, lang := range languages {
		l, err := c.For(lang.Code, "")
		if err != nil {
			return nil, err
		}
		b.Views[lang.Code] = card.View{
			Lang:    lang.Code,
			Missing: l.Text(i18n.UnknownEvent, nil),
			Title:   l.Text(i18n.UnknownEventTitle, nil),
			Labels:  siteLabels(l),
		}
		if err := l.Err(); err != nil {
			return nil, err
		}
	}
	return b, nil
}
