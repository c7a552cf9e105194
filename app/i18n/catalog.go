// Package i18n gives every text of the card per language through go-i18n, with CLDR's dates and
// plurals and x/text's language matching; server-side only (the browser receives texts already
// resolved, see card.View).
//
// Its messages are the interface's (messages.go, extracted by goi18n into locales/ui), the
// site's and each event's, from the files messagefiles reads and checks. The interface must be
// translated completely; an event's texts may not be yet, and then the card shows the event's
// own text instead, marked as such (Untranslated; README, "Translations").
package i18n

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/content"
	"eventcard/app/messagefiles"
)

// SourceLanguage is the language the interface's messages (messages.go) are written in first,
// every page's default.
const SourceLanguage = messagefiles.SourceLanguage

// Catalog is every message, per language, loaded and checked once at start.
type Catalog struct {
	languages []string
	ui        *goi18n.Bundle
	site      *goi18n.Bundle // the site's branding texts (locales/site)
	events    map[string]*goi18n.Bundle
	texts     map[string]*messagefiles.Folder // each event's folder, by event id

	problems content.Problems            // found by Open
	checked  map[string]content.Problems // found by CheckEvent, by event id
	warnings map[string]content.Problems // likewise: untranslated and stale texts
}

// Open reads locales/ from fsys and checks everything it can without the events' own files:
// it always returns a catalog, and Problems says what is wrong (every problem, each with its
// file, line and message id). CheckEvent then checks each event's texts.
func Open(fsys fs.FS) *Catalog {
	c := &Catalog{
		events: map[string]*goi18n.Bundle{}, texts: map[string]*messagefiles.Folder{},
		checked: map[string]content.Problems{}, warnings: map[string]content.Problems{},
	}
	var p *content.Problem
	if c.languages, p = messagefiles.ReadLanguages(fsys, CheckLanguage); p != nil {
		c.problems = append(c.problems, *p)
		c.languages = []string{SourceLanguage} // check what can be checked
	}

	var uiIDs []string
	for _, m := range interfaceMessages() {
		uiIDs = append(uiIDs, m.ID)
	}
	ui := messagefiles.ReadFolder(fsys, messagefiles.UIDir, SourceLanguage, c.languages)
	c.problems = append(c.problems, ui.CheckComplete(uiIDs)...)
	c.ui = ui.Bundle(false)

	// The site's names, like the interface: in every language or the site does not start.
	site := messagefiles.ReadFolder(fsys, messagefiles.SiteDir, messagefiles.SiteLanguage(fsys, c.languages), c.languages)
	c.problems = append(c.problems, site.CheckComplete(SiteMessages)...)
	c.site = site.Bundle(false)

	dirs, err := fs.ReadDir(fsys, messagefiles.EventsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.problems = append(c.problems, content.Problem{File: messagefiles.EventsDir, Text: err.Error()})
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		f := messagefiles.ReadFolder(fsys, path.Join(messagefiles.EventsDir, id), messagefiles.EventLanguage(fsys, id, c.languages), c.languages)
		c.problems = append(c.problems, f.Problems()...)
		c.texts[id] = f
		// Which ids an event needs is known from its event file; CheckEvent verifies them.
		c.events[id] = f.Bundle(true)
	}
	return c
}

// Load is Open, failing when anything is wrong: the error is content.Problems.
func Load(fsys fs.FS) (*Catalog, error) {
	c := Open(fsys)
	if err := c.Problems().Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Languages are the card's language codes, in the switcher's order.
func (c *Catalog) Languages() []string { return slices.Clone(c.languages) }

// Problems is every error found so far, by Open and CheckEvent: the site must not start with
// one. Sorted by file and line.
func (c *Catalog) Problems() content.Problems {
	return sorted(c.problems, c.checked)
}

// Warnings are the texts that are served, but not as translated: an event's texts not yet
// translated into a language, or translated from an older text (stale), found by CheckEvent.
// The card shows them in the event's own language, marked as such (see Untranslated).
func (c *Catalog) Warnings() content.Problems {
	return sorted(nil, c.warnings)
}

func sorted(first content.Problems, byEvent map[string]content.Problems) content.Problems {
	out := slices.Clone(first)
	for _, id := range slices.Sorted(maps.Keys(byEvent)) {
		out = append(out, byEvent[id]...)
	}
	slices.SortStableFunc(out, func(a, b content.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}

// CheckEvent checks the texts of event id: ids are the messages its card needs, optional ones
// it may have (a message of the event's own language must then be in every language). It
// reports what is wrong (the error, content.Problems, also added to Problems) and what is not
// translated yet (Warnings). Call it for each event before the catalog is used concurrently.
func (c *Catalog) CheckEvent(id string, ids, optional []string) error {
	f := c.texts[id]
	if f == nil {
		ps := content.Problems{{File: path.Join(messagefiles.EventsDir, id), Text: "missing: the event's texts (active.<lang>.toml, in the event's own language first)"}}
		c.checked[id] = ps
		return ps
	}
	ps, warnings := f.CheckEvent(ids, optional)
	c.checked[id], c.warnings[id] = ps, warnings
	return ps.Err()
}

// Untranslated are the texts of an event that a language shows in the event's own language:
// not translated into it yet, or translated from an older text.
type Untranslated struct {
	Source string          // the event's own language, the one they are shown in
	IDs    map[string]bool // the messages, by id
}

// Untranslated are the texts of event id that lang shows in the event's own language; none
// when lang is the event's own language, or every text is translated.
func (c *Catalog) Untranslated(eventID, lang string) Untranslated {
	f := c.texts[eventID]
	if f == nil {
		return Untranslated{}
	}
	return Untranslated{Source: f.Source(), IDs: f.Untranslated(lang)}
}

// CheckLanguage says whether the catalog can write dates, times and zone names in the language
// of code: CLDR's, in cldr.go.
func CheckLanguage(code string) error {
	_, err := calendarFor(code)
	return err
}

// SiteMessages are the texts of the site's branding (locales/site): the site's name, its short
// name (under an installed app's icon, 12 characters at most), its description, and the
// organisation's name (oEmbed's provider name, the standalone pages' header).
var SiteMessages = []string{"Name", "ShortName", "About", "Organization"}

// interfaceMessages lists every message declared in messages.go.
func interfaceMessages() []*goi18n.Message {
	ms := []*goi18n.Message{
		LanguageName, Language, Upcoming, Past, OrganizedBy, ReadMore, ReadLess, ShowAll, ShowLess, Speakers,
		Moderator, Host, Highlights, Documents, NewTab, FrameTitle, CardTitle, Quoted,
		DocumentNote, UnknownEvent, UnknownEventTitle, msgDigitGroupFrom,
		msgDateRangeSameMonth, msgDateRangeSameYear, msgDateRange, msgTimeRange, msgDateTime,
		InDays, Today,
		Install, UpdateReady, Reload, Share, LinkCopied, AddToCalendar, EventsIndex, UntranslatedNote,
		Register, RegisterUntil, JoinOnline, WatchRecording, Directions, YourTime, FormerDate, Where, EventsPast, EventsUpcoming,
		AttendanceOnline, AttendanceInPerson, AttendanceHybrid, StatusCancelled, StatusPostponed, StatusRescheduled, StatusMovedOnline,
		BuilderTitle, BuilderIntro, BuilderEvent, BuilderLang, BuilderAutoLang, BuilderTheme, ThemeAuto,
		ThemeLight, ThemeDark, ThemeHost, BuilderAccent, AccentReadable, AccentLowLight, AccentLowDark, BuilderCompact, BuilderSnippet, BuilderCSP, BuilderPreview, Copy, Copied,
		OGLocale,
	}
	return append(ms, msgDayPeriods[:]...)
}
