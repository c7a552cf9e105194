// Package i18n holds every text of the card per language, through go-i18n: the interface
// messages (locales/ui, extracted from this package by goi18n) and each event's messages
// (locales/events/<id>). It also formats dates and numbers and negotiates a visitor's language
// with x/text. Server-side only: the browser receives texts already resolved (see card.View).
package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The layout of locales/: see the README's "Translations" section.
const (
	Dir           = "locales"
	languagesFile = Dir + "/languages.toml"
	uiDir         = Dir + "/ui"
	eventsDir     = Dir + "/events"
)

// SourceLanguage is the language the messages are written in first; goi18n merge compares the
// others with it.
const SourceLanguage = "es"

var codePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// Catalog is every message, per language, loaded and checked once at start.
type Catalog struct {
	languages []string
	ui        *goi18n.Bundle
	events    map[string]*goi18n.Bundle
	defined   map[string]map[string]bool // "<dir>/active.<lang>.toml" -> message ids in it
}

// Load reads locales/ from fsys. A language without its file, or a file missing an interface
// message, fails with the file and the message id.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{events: map[string]*goi18n.Bundle{}, defined: map[string]map[string]bool{}}
	var err error
	if c.languages, err = readLanguages(fsys); err != nil {
		return nil, err
	}
	for _, lang := range c.languages { // dates, times and zone names: CLDR's (cldr.go)
		if _, err := calendarFor(lang); err != nil {
			return nil, fmt.Errorf("%s: languages: %w", languagesFile, err)
		}
	}

	var uiIDs []string
	for _, m := range interfaceMessages() {
		uiIDs = append(uiIDs, m.ID)
	}
	if c.ui, err = c.loadBundle(fsys, uiDir, uiIDs); err != nil {
		return nil, err
	}

	dirs, err := fs.ReadDir(fsys, eventsDir)
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		// Which ids an event needs is known from its event file; CheckEvent verifies them.
		b, err := c.loadBundle(fsys, path.Join(eventsDir, d.Name()), nil)
		if err != nil {
			return nil, err
		}
		c.events[d.Name()] = b
	}
	return c, nil
}

// Languages are the card's language codes, in the switcher's order.
func (c *Catalog) Languages() []string { return slices.Clone(c.languages) }

// CheckEvent reports the first message of ids that an event's folder lacks in some language.
// Optional ids need not exist; one that exists in the source language must exist in every
// language.
func (c *Catalog) CheckEvent(id string, ids, optional []string) error {
	b := c.events[id]
	if b == nil {
		return fmt.Errorf("%s/%s: missing: the event's messages (active.<lang>.toml)", eventsDir, id)
	}
	dir := path.Join(eventsDir, id)
	for _, o := range optional {
		if c.defined[path.Join(dir, "active."+SourceLanguage+".toml")][o] {
			ids = append(ids, o)
		}
	}
	return c.checkMessages(dir, ids)
}

func readLanguages(fsys fs.FS) ([]string, error) {
	var f struct{ Languages []string }
	data, err := fs.ReadFile(fsys, languagesFile)
	if err != nil {
		return nil, err
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", languagesFile, err)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		return nil, fmt.Errorf("%s: %s: unknown field", languagesFile, extra[0])
	}
	if len(f.Languages) == 0 {
		return nil, fmt.Errorf("%s: languages: missing", languagesFile)
	}
	for _, code := range f.Languages {
		if _, err := language.ParseBase(code); err != nil || !codePattern.MatchString(code) {
			return nil, fmt.Errorf("%s: languages: %q is not a language code", languagesFile, code)
		}
	}
	if !slices.Contains(f.Languages, SourceLanguage) {
		return nil, fmt.Errorf("%s: languages: the source language %q is missing", languagesFile, SourceLanguage)
	}
	return f.Languages, nil
}

// loadBundle loads dir/active.<lang>.toml for every language and, when ids is given, checks
// each file holds them all.
func (c *Catalog) loadBundle(fsys fs.FS, dir string, ids []string) (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.Make(SourceLanguage))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range c.languages {
		name := path.Join(dir, "active."+lang+".toml")
		f, err := b.LoadMessageFileFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c.defined[name] = map[string]bool{}
		for _, m := range f.Messages {
			if err := checkText(m); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", name, m.ID, err)
			}
			c.defined[name][m.ID] = true
		}
	}
	if err := c.checkMessages(dir, ids); err != nil {
		return nil, err
	}
	return b, nil
}

// checkMessages reports the first of ids missing from dir's file in some language. (A go-i18n
// localizer would fall back to the source language silently, which must not hide a gap.)
func (c *Catalog) checkMessages(dir string, ids []string) error {
	for _, lang := range c.languages {
		name := path.Join(dir, "active."+lang+".toml")
		for _, id := range ids {
			if !c.defined[name][id] {
				return fmt.Errorf("%s: %s: missing", name, id)
			}
		}
	}
	return nil
}

// checkText refuses the two ASCII characters that go-app's prerenderer cannot put in an
// attribute (it writes them Go-quoted). Typography wants “ ” « » anyway.
func checkText(m *goi18n.Message) error {
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if i := strings.IndexAny(s, `"\`); i >= 0 {
			return fmt.Errorf("%q: use typographic quotes (“ ” « ») instead of %q", s, s[i])
		}
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
		Install, UpdateReady, Reload, Share, LinkCopied, AddToCalendar, EventsIndex,
		Register, RegisterUntil, JoinOnline, WatchRecording, Directions, YourTime, FormerDate, Where, EventsPast, EventsUpcoming,
		AttendanceOnline, AttendanceInPerson, AttendanceHybrid, StatusCancelled, StatusPostponed, StatusRescheduled, StatusMovedOnline,
		BuilderTitle, BuilderIntro, BuilderEvent, BuilderLang, BuilderAutoLang, BuilderTheme, ThemeAuto,
		ThemeLight, ThemeDark, BuilderAccent, BuilderCompact, BuilderSnippet, BuilderCSP, BuilderPreview, Copy, Copied,
		AppName, AppShortName, AppDescription, OGLocale,
	}
	return append(ms, msgDayPeriods[:]...)
}
