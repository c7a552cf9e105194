// Package messagefiles reads and checks the go-i18n message files of locales/, each problem with
// its file and line, and runs the translation workflow that `make locales` runs.
//
// A text counts as translated only when a translator wrote it: a message of active.<lang>.toml
// whose hash is the current source text's (or that has none, as a hand-written file).
package messagefiles

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"eventcard/app/content"
)

// The layout of locales/: see the README's "Translations" section.
const (
	Dir           = "locales"
	LanguagesFile = Dir + "/languages.toml"
	UIDir         = Dir + "/ui"
	SiteDir       = Dir + "/site"
	EventsDir     = Dir + "/events"
)

// SourceLanguage is the language the interface's messages (UIDir) are written in first; an
// event's texts are written first in the event's own language (its event file's language).
const SourceLanguage = "es"

var codePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// ReadLanguages reads the card's language codes from LanguagesFile, in the switcher's order.
// Each must have go-i18n's plural rules and pass usable: what else the caller needs of a
// language (the catalog, CLDR's dates).
func ReadLanguages(fsys fs.FS, usable func(code string) error) ([]string, *content.Problem) {
	problem := func(line int, field, format string, args ...any) *content.Problem {
		return &content.Problem{File: LanguagesFile, Line: line, Field: field, Text: fmt.Sprintf(format, args...)}
	}
	var f struct{ Languages []string }
	data, err := fs.ReadFile(fsys, LanguagesFile)
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
		if err := usable(code); err != nil {
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

// SiteLanguage is the language the site's texts (SiteDir) are written in first: its branding
// file's, the source language when it has none of languages.
func SiteLanguage(fsys fs.FS, languages []string) string {
	return languageOf(fsys, content.SiteFile, languages)
}

// EventLanguage is the language event id's texts are written in first: its event file's
// language (content checks the file), the source language when it has none of languages.
func EventLanguage(fsys fs.FS, id string, languages []string) string {
	return languageOf(fsys, path.Join(content.Dir, id+".toml"), languages)
}

// languageOf is the language field of the TOML file name, if it is one of languages.
func languageOf(fsys fs.FS, name string, languages []string) string {
	var f struct{ Language string }
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return SourceLanguage
	}
	if _, err := toml.Decode(string(data), &f); err != nil || !slices.Contains(languages, f.Language) {
		return SourceLanguage
	}
	return f.Language
}
