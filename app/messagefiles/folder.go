package messagefiles

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"eventcard/app/content"
)

// Folder is one folder of locales/ (ui, site, events/<id>): its messages in the source
// language, the one they are written in first, and each translation, with the state of each.
type Folder struct {
	dir       string
	source    string
	languages []string
	files     map[string]*messageFile     // by language; absent: no file (or one that cannot be read)
	states    map[string]map[string]state // translation's language → source message id → state
	problems  content.Problems            // what reading found: syntax, characters, empty texts
}

// state is how far a message of the source language is translated into a language.
type state int

const (
	translated state = iota // by a translator, from the current source text
	missing                 // not in the language's file, or no file
	empty                   // in the file, without a text
	incomplete              // without one of the plural forms the language needs
	stale                   // translated from another text (its hash is another text's)
)

// ReadFolder reads dir/active.<lang>.toml for every language; source is the language the
// others translate.
func ReadFolder(fsys fs.FS, dir, source string, languages []string) *Folder {
	f := &Folder{dir: dir, source: source, languages: languages, files: map[string]*messageFile{}, states: map[string]map[string]state{}}
	for _, lang := range languages {
		name := f.file(lang)
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			f.problems = append(f.problems, content.Problem{File: name, Text: err.Error()})
			continue
		}
		mf, p := parseMessageFile(name, data)
		if p != nil {
			f.problems = append(f.problems, *p)
			continue
		}
		f.files[lang] = mf
		f.checkTexts(mf, lang == source)
	}
	src := f.files[source]
	for _, lang := range languages {
		if lang == source || src == nil {
			continue
		}
		f.states[lang] = map[string]state{}
		for id, m := range src.messages {
			var dst *goi18n.Message
			if mf := f.files[lang]; mf != nil {
				dst = mf.messages[id]
			}
			f.states[lang][id] = stateOf(m, dst, lang)
		}
	}
	return f
}

// file is the path of the folder's file in lang.
func (f *Folder) file(lang string) string { return path.Join(f.dir, "active."+lang+".toml") }

// Source is the language the folder's texts are written in first.
func (f *Folder) Source() string { return f.source }

// Problems are what reading found in the folder's files: syntax, characters, empty texts.
func (f *Folder) Problems() content.Problems { return f.problems }

// Untranslated are the ids of the source messages that lang does not translate from their
// current text; none for the source language itself.
func (f *Folder) Untranslated(lang string) map[string]bool {
	ids := map[string]bool{}
	for id, s := range f.states[lang] {
		if s != translated {
			ids[id] = true
		}
	}
	return ids
}

// checkTexts reports, with their lines, the texts of a file that cannot be shown: empty, with a
// character the page cannot carry, or a template go-i18n cannot run.
func (f *Folder) checkTexts(mf *messageFile, source bool) {
	for _, id := range mf.ids() {
		m := mf.messages[id]
		if len(filled(m)) == 0 {
			what := "empty: write the translation, or delete the message to leave it to translate (make locales)"
			if source {
				what = "empty: the text to show (and to translate) is missing"
			}
			f.problems = append(f.problems, content.Problem{File: mf.name, Line: formLine(mf.data, id, "other"), Field: id, Text: what})
			continue
		}
		for _, form := range filled(m) {
			s := text(m, form)
			line := formLine(mf.data, id, form)
			if err := checkText(s); err != nil {
				f.problems = append(f.problems, content.Problem{File: mf.name, Line: line, Field: id, Text: err.Error()})
			}
			if strings.Contains(s, "{{") {
				if _, err := template.New(id).Parse(s); err != nil {
					f.problems = append(f.problems, content.Problem{File: mf.name, Line: line, Field: id, Text: err.Error()})
				}
			}
		}
	}
}

// checkText refuses the two ASCII characters that go-app's prerenderer cannot put in an
// attribute (it writes them Go-quoted). Typography wants “ ” « » anyway.
func checkText(s string) error {
	if i := strings.IndexAny(s, `"\`); i >= 0 {
		return fmt.Errorf("%q: use typographic quotes (“ ” « ») instead of %q", s, s[i])
	}
	return nil
}

// stateOf is how far dst (nil: none) translates src into lang.
func stateOf(src, dst *goi18n.Message, lang string) state {
	if dst == nil {
		return missing
	}
	need := neededForms(src, lang)
	have := 0
	for _, form := range need {
		if text(dst, form) != "" {
			have++
		}
	}
	switch {
	case len(filled(dst)) == 0:
		return empty
	case have < len(need):
		return incomplete
	case dst.Hash != "" && dst.Hash != hashOf(src):
		return stale
	}
	return translated
}

// Bundle is the folder's messages for go-i18n: the source language's, and each language's
// translations. With fallback (an event's texts), a text that is not translated into a language
// is the source language's text there (Untranslated lists them); without (the interface), it is
// missing, and go-i18n's localizer says so.
func (f *Folder) Bundle(fallback bool) *goi18n.Bundle {
	b := goi18n.NewBundle(language.Make(f.source))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	src := f.files[f.source]
	if src == nil {
		return b
	}
	add := func(lang string, m *goi18n.Message) {
		if len(filled(m)) > 0 {
			b.AddMessages(language.Make(lang), m)
		}
	}
	for _, id := range src.ids() {
		add(f.source, src.messages[id])
	}
	for lang, states := range f.states {
		for id, s := range states {
			switch {
			case s == translated || s == stale && !fallback:
				add(lang, f.files[lang].messages[id])
			case fallback:
				m := *src.messages[id]
				add(lang, &m)
			}
		}
	}
	return b
}

// CheckComplete checks a folder that must be translated completely (the interface, the time
// zones): every message of expected (nil: any) in the source language, and each one translated
// from its current text into every language.
func (f *Folder) CheckComplete(expected []string) content.Problems {
	ps := slices.Clone(f.problems)
	src := f.files[f.source]
	if src == nil {
		if !f.unreadable(f.source) {
			ps = append(ps, content.Problem{File: f.file(f.source), Text: "missing: the texts in the source language (make locales writes the interface's from the Go code)"})
		}
		return ps
	}
	claimed := map[string]bool{}
	if expected != nil {
		unknown, c := unknownKeys(src, expected, "the interface has no message of this id (messages.go)")
		ps, claimed = append(ps, unknown...), c
		for _, id := range expected {
			if src.messages[id] == nil && !claimed[id] {
				ps = append(ps, content.Problem{File: src.name, Field: id, Text: "missing (make locales writes it from messages.go)"})
			}
		}
	}
	for lang, mf := range f.translations() {
		if mf == nil {
			ps = append(ps, content.Problem{File: f.file(lang), Text: fmt.Sprintf("missing: not translated into %s (make locales prepares translate.%s.toml)", lang, lang)})
			continue
		}
		unknown, claimed := unknownKeys(mf, append(src.ids(), expected...), "not in "+path.Base(src.name))
		ps = append(ps, unknown...)
		for _, id := range src.ids() {
			if claimed[id] {
				continue
			}
			if p, ok := f.translationProblem(lang, id, false); ok {
				ps = append(ps, p)
			}
		}
	}
	return ps
}

// translations yields each language but the source with its message file: nil when the file
// is missing (one that exists but could not be read is already a problem, and left out).
func (f *Folder) translations() iter.Seq2[string, *messageFile] {
	return func(yield func(string, *messageFile) bool) {
		for _, lang := range f.languages {
			if lang == f.source || f.files[lang] == nil && f.unreadable(lang) {
				continue
			}
			if !yield(lang, f.files[lang]) {
				return
			}
		}
	}
}

// unreadable: the file of lang exists but could not be read (already a problem).
func (f *Folder) unreadable(lang string) bool {
	for _, p := range f.problems {
		if p.File == f.file(lang) && p.Field == "" {
			return true
		}
	}
	return false
}

// translationProblem is what is wrong with message id in lang, if anything: for the interface
// an error, for an event's text a warning that the card shows the source text instead.
func (f *Folder) translationProblem(lang, id string, event bool) (content.Problem, bool) {
	mf := f.files[lang]
	p := content.Problem{File: f.file(lang), Field: id}
	instead := ""
	if event {
		instead = "; the card shows the " + f.source + " text"
	}
	prepares := fmt.Sprintf(" (make locales prepares it in translate.%s.toml)", lang)
	switch f.states[lang][id] {
	case missing:
		p.Text = "not translated" + instead + prepares
		if !event {
			p.Text = "missing: not translated" + prepares
		}
	case incomplete:
		var lacking []string
		for _, form := range neededForms(f.files[f.source].messages[id], lang) {
			if text(mf.messages[id], form) == "" {
				lacking = append(lacking, form)
			}
		}
		p.Line = messageLine(mf.data, id)
		p.Text = "incomplete: no " + strings.Join(lacking, ", ") + " form" + instead + prepares
	case stale:
		p.Line = messageLine(mf.data, id)
		p.Text = "stale: translated from an older " + f.source + " text (its hash is another)" + instead + prepares
	default: // translated; empty is a problem of the file already
		return p, false
	}
	return p, true
}

// CheckEvent checks an event's folder against the messages its card needs (ids) and may have
// (optional): errors in the source language's file, and warnings for the texts not translated
// (yet, or since the source changed) into each language.
func (f *Folder) CheckEvent(ids, optional []string) (problems, warnings content.Problems) {
	src := f.files[f.source]
	if src == nil {
		if f.unreadable(f.source) {
			return nil, nil
		}
		return content.Problems{{File: f.file(f.source), Text: fmt.Sprintf(
			"missing: the event's texts in its own language, %s (its event file's language)", f.source)}}, nil
	}
	expected := append(slices.Clone(ids), optional...)
	problems, claimed := unknownKeys(src, expected, "the event has no text of this id (see its event file)")
	for _, id := range ids {
		if src.messages[id] == nil && !claimed[id] {
			problems = append(problems, content.Problem{File: src.name, Field: id, Text: "missing"})
		}
	}
	var shown []string
	for _, id := range expected {
		if src.messages[id] != nil {
			shown = append(shown, id)
		}
	}
	for lang, mf := range f.translations() {
		if mf == nil {
			warnings = append(warnings, content.Problem{File: f.file(lang), Text: fmt.Sprintf(
				"missing: no text of this event is translated into %s; the card shows the %s texts (make locales prepares translate.%s.toml)", lang, f.source, lang)})
			continue
		}
		unknown, claimed := unknownKeys(mf, append(src.ids(), expected...), "the event has no text of this id (see its event file)")
		problems = append(problems, unknown...)
		for _, id := range optional {
			if src.messages[id] == nil && mf.messages[id] != nil {
				warnings = append(warnings, content.Problem{File: mf.name, Line: messageLine(mf.data, id), Field: id,
					Text: "not shown: " + path.Base(src.name) + " has no such text, the event's own language"})
			}
		}
		for _, id := range shown {
			if p, ok := f.translationProblem(lang, id, true); ok && !claimed[id] {
				warnings = append(warnings, p)
			}
		}
	}
	return problems, warnings
}

// unknownKeys reports the messages of mf whose id is not one of known, each with its line and,
// when one of known is close, "did you mean"; claimed are the known ids so suggested that mf
// lacks (a misspelt key: reported once, as the unknown key it is).
func unknownKeys(mf *messageFile, known []string, why string) (content.Problems, map[string]bool) {
	var ps content.Problems
	claimed := map[string]bool{}
	for _, id := range mf.ids() {
		if slices.Contains(known, id) {
			continue
		}
		var lacking []string
		for _, k := range known {
			if mf.messages[k] == nil {
				lacking = append(lacking, k)
			}
		}
		text := "unknown key: " + why
		if s := closest(id, lacking); s != "" {
			text, claimed[s] = fmt.Sprintf("unknown key: did you mean %s?", s), true
		} else if s := closest(id, known); s != "" {
			text = fmt.Sprintf("unknown key: did you mean %s? (which the file has too)", s)
		}
		ps = append(ps, content.Problem{File: mf.name, Line: messageLine(mf.data, id), Field: id, Text: text})
	}
	return ps, claimed
}

// closest is the candidate nearest to key, if it is near enough to be a misspelling of it:
// a few letters apart, ignoring case.
func closest(key string, candidates []string) string {
	best, bestDistance := "", 0
	for _, c := range candidates {
		d := distance(strings.ToLower(key), strings.ToLower(c))
		if limit := max(2, len([]rune(c))/5); d <= limit && (best == "" || d < bestDistance) {
			best, bestDistance = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
