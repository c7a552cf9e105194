// Package i18n holds every text of the card per language, through go-i18n: the interface
// messages (locales/ui, extracted from this package by goi18n) and each event's messages
// (locales/events/<id>). It also formats dates and numbers and negotiates a visitor's language
// with x/text. Server-side only: the browser receives texts already resolved (see card.View).
//
// A text counts as translated only when a translator wrote it: a message of active.<lang>.toml
// whose hash is the current source text's (or that has none, as a hand-written file). The
// interface must be translated completely; an event's texts may not be yet,
// and then the card shows the event's own text instead, marked as such (Untranslated; README,
// "Translations").
package i18n

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"eventcard/app/content"
)

// The layout of locales/: see the README's "Translations" section.
const (
	Dir           = "locales"
	languagesFile = Dir + "/languages.toml"
	uiDir         = Dir + "/ui"
	siteDir       = Dir + "/site"
	eventsDir     = Dir + "/events"
)

// SourceLanguage is the language the interface's messages are written in first; an event's
// texts are written first in the event's own language (its event file's language).
const SourceLanguage = "es"

var codePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// Catalog is every message, per language, loaded and checked once at start.
type Catalog struct {
	languages []string
	ui        *goi18n.Bundle
	site      *goi18n.Bundle // the site's branding texts (locales/site)
	events    map[string]*goi18n.Bundle
	texts     map[string]*folder // each event's folder, by event id

	problems content.Problems            // found by Open
	checked  map[string]content.Problems // found by CheckEvent, by event id
	warnings map[string]content.Problems // likewise: untranslated and stale texts
}

// Open reads locales/ from fsys and checks everything it can without the events' own files:
// it always returns a catalog, and Problems says what is wrong (every problem, each with its
// file, line and message id). CheckEvent then checks each event's texts.
func Open(fsys fs.FS) *Catalog {
	c := &Catalog{
		events: map[string]*goi18n.Bundle{}, texts: map[string]*folder{},
		checked: map[string]content.Problems{}, warnings: map[string]content.Problems{},
	}
	var p *content.Problem
	if c.languages, p = readLanguages(fsys); p != nil {
		c.problems = append(c.problems, *p)
		c.languages = []string{SourceLanguage} // check what can be checked
	}

	var uiIDs []string
	for _, m := range interfaceMessages() {
		uiIDs = append(uiIDs, m.ID)
	}
	ui := c.readFolder(fsys, uiDir, SourceLanguage)
	c.problems = append(c.problems, ui.checkComplete(uiIDs)...)
	c.ui = ui.bundle(false)

	// The site's names, like the interface: in every language or the site does not start.
	site := c.readFolder(fsys, siteDir, c.siteLanguage(fsys))
	c.problems = append(c.problems, site.checkComplete(SiteMessages)...)
	c.site = site.bundle(false)

	dirs, err := fs.ReadDir(fsys, eventsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.problems = append(c.problems, content.Problem{File: eventsDir, Text: err.Error()})
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		f := c.readFolder(fsys, path.Join(eventsDir, id), c.eventLanguage(fsys, id))
		c.problems = append(c.problems, f.problems...)
		c.texts[id] = f
		// Which ids an event needs is known from its event file; CheckEvent verifies them.
		c.events[id] = f.bundle(true)
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
		ps := content.Problems{{File: path.Join(eventsDir, id), Text: "missing: the event's texts (active.<lang>.toml, in the event's own language first)"}}
		c.checked[id] = ps
		return ps
	}
	ps, warnings := f.checkEvent(ids, optional)
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
	u := Untranslated{Source: f.source, IDs: map[string]bool{}}
	if lang == f.source {
		return u
	}
	for id, s := range f.states[lang] {
		if s != translated {
			u.IDs[id] = true
		}
	}
	return u
}

func readLanguages(fsys fs.FS) ([]string, *content.Problem) {
	problem := func(line int, field, format string, args ...any) *content.Problem {
		return &content.Problem{File: languagesFile, Line: line, Field: field, Text: fmt.Sprintf(format, args...)}
	}
	var f struct{ Languages []string }
	data, err := fs.ReadFile(fsys, languagesFile)
	if err != nil {
		return nil, problem(0, "", "%v", errors.Unwrap(err))
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, problem(pe.Position.Line, "", "%s", pe.Message)
		}
		return nil, problem(0, "", "%v", err)
	}
	line := content.LineOf(data, "languages")
	if extra := md.Undecoded(); len(extra) > 0 {
		return nil, problem(content.LineOf(data, extra[0].String()), extra[0].String(), "unknown field")
	}
	if len(f.Languages) == 0 {
		return nil, problem(line, "languages", "missing")
	}
	for _, code := range f.Languages {
		if _, err := language.ParseBase(code); err != nil || !codePattern.MatchString(code) {
			return nil, problem(line, "languages", "%q is not a language code", code)
		}
	}
	for _, code := range f.Languages {
		if _, err := calendarFor(code); err != nil { // dates, times and zone names: CLDR's (cldr.go)
			return nil, problem(line, "languages", "%v", err)
		}
		if len(pluralForms(code)) == 0 {
			return nil, problem(line, "languages", "%q: go-i18n has no plural rules for this language", code)
		}
	}
	if !slices.Contains(f.Languages, SourceLanguage) {
		return nil, problem(line, "languages", "the source language %q is missing", SourceLanguage)
	}
	return f.Languages, nil
}

// SiteMessages are the texts of the site's branding (locales/site): the site's name, its short
// name (under an installed app's icon, 12 characters at most), its description, and the
// organisation's name (oEmbed's provider name, the standalone pages' header).
var SiteMessages = []string{"Name", "ShortName", "About", "Organization"}

// siteLanguage is the language the site's texts are written in first: its branding file's.
func (c *Catalog) siteLanguage(fsys fs.FS) string {
	var f struct{ Language string }
	data, err := fs.ReadFile(fsys, content.SiteFile)
	if err != nil {
		return SourceLanguage
	}
	if _, err := toml.Decode(string(data), &f); err != nil || !slices.Contains(c.languages, f.Language) {
		return SourceLanguage
	}
	return f.Language
}

// eventLanguage is the language event id's texts are written in first: its event file's
// language (content checks the file), the source language when it has none the card offers.
func (c *Catalog) eventLanguage(fsys fs.FS, id string) string {
	var f struct{ Language string }
	data, err := fs.ReadFile(fsys, path.Join(content.Dir, id+".toml"))
	if err != nil {
		return SourceLanguage
	}
	if _, err := toml.Decode(string(data), &f); err != nil || !slices.Contains(c.languages, f.Language) {
		return SourceLanguage
	}
	return f.Language
}

// checkText refuses the two ASCII characters that go-app's prerenderer cannot put in an
// attribute (it writes them Go-quoted). Typography wants “ ” « » anyway.
func checkText(s string) error {
	if i := strings.IndexAny(s, `"\`); i >= 0 {
		return fmt.Errorf("%q: use typographic quotes (“ ” « ») instead of %q", s, s[i])
	}
	return nil
}

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
