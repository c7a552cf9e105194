package messagefiles

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"eventcard/app/content"
)

// The translation workflow that `make locales` runs (README, "Translations"), after goi18n
// extract has written the interface's source file from messages.go.
//
// For every folder of locales/ (the interface, the site's names, each event) and every language but the folder's
// source language, Prepare merges what a translator wrote in translate.<lang>.toml into
// active.<lang>.toml, then writes translate.<lang>.toml again with what is left: every text
// that is not translated (the language's file may not exist yet) or was translated from an
// older source text. It never pre-fills a translation with the source text, as goi18n merge
// does: a text left empty stays to translate, so an untranslated text can never pass for a
// translation. Running it again without translating changes nothing.

// translateHeader starts every translate file Prepare writes. A translate file without it was
// written by goi18n merge, pre-filled with the source text: a text there equal to the source's
// is that pre-filling, not a translation.
const translateHeader = "# eventcard: texts to translate"

// Translation is what Prepare did for one language of one folder, and what is left to do.
type Translation struct {
	Dir    string // the folder: locales/ui, locales/events/<id>
	Source string // the language its texts are written in first
	Lang   string

	Merged  int // texts merged from translate.<lang>.toml into active.<lang>.toml
	Adopted int // translations written without a hash (by hand), now tied to the current source text
	New     int // texts never translated, now in translate.<lang>.toml
	Stale   int // texts translated from an older source text, now in translate.<lang>.toml

	// Refused are texts of translate.<lang>.toml that were not merged, and why.
	Refused content.Problems
}

// ToTranslate is how many texts translate.<lang>.toml holds.
func (t Translation) ToTranslate() int { return t.New + t.Stale }

// TranslateFile is the path of the folder's translate file for the language.
func (t Translation) TranslateFile() string { return path.Join(t.Dir, "translate."+t.Lang+".toml") }

// ActiveFile is the path of the folder's active file for the language.
func (t Translation) ActiveFile() string { return path.Join(t.Dir, "active."+t.Lang+".toml") }

// Prepare runs the workflow in the project (or content folder) at root: locales/ui, locales/site
// and every locales/events/<id>, in the languages of ReadLanguages (usable as there). It returns
// what it did per folder and language, and the files it could not work on (a folder without its
// source file, a file TOML cannot read), which it leaves as they are.
func Prepare(root string, usable func(code string) error) ([]Translation, content.Problems, error) {
	fsys := os.DirFS(root)
	languages, p := ReadLanguages(fsys, usable)
	if p != nil {
		return nil, content.Problems{*p}, nil
	}
	dirs := []struct{ dir, source string }{{UIDir, SourceLanguage}, {SiteDir, SiteLanguage(fsys, languages)}}
	entries, err := fs.ReadDir(fsys, EventsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, struct{ dir, source string }{path.Join(EventsDir, e.Name()), EventLanguage(fsys, e.Name(), languages)})
		}
	}
	var problems content.Problems
	events, _ := fs.Glob(fsys, content.Dir+"/*.toml")
	for _, name := range events {
		id := strings.TrimSuffix(path.Base(name), ".toml")
		if st, err := fs.Stat(fsys, path.Join(EventsDir, id)); err != nil || !st.IsDir() {
			problems = append(problems, content.Problem{File: name, Text: fmt.Sprintf(
				"no texts: write them in %s/%s/active.%s.toml (README, “Add an event”)", EventsDir, id, EventLanguage(fsys, id, languages))})
		}
	}
	var done []Translation
	for _, d := range dirs {
		ts, ps, err := prepareFolder(root, fsys, d.dir, d.source, languages)
		if err != nil {
			return nil, nil, err
		}
		done, problems = append(done, ts...), append(problems, ps...)
	}
	return done, problems, nil
}

// prepareFolder runs the workflow in one folder.
func prepareFolder(root string, fsys fs.FS, dir, source string, languages []string) ([]Translation, content.Problems, error) {
	read := func(name string) (*messageFile, *content.Problem, error) {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		mf, p := parseMessageFile(name, data)
		return mf, p, nil
	}
	srcName := path.Join(dir, "active."+source+".toml")
	src, p, err := read(srcName)
	if err != nil || p != nil {
		return nil, problemList(p), err
	}
	if src == nil {
		return nil, content.Problems{{File: srcName, Text: fmt.Sprintf(
			"missing: the texts in their own language, %s, which the other languages translate", source)}}, nil
	}
	var done []Translation
	var problems content.Problems
	for _, lang := range languages {
		if lang == source {
			continue
		}
		t := Translation{Dir: dir, Source: source, Lang: lang}
		active, p, err := read(t.ActiveFile())
		if err != nil {
			return nil, nil, err
		}
		pending, p2, err := read(t.TranslateFile())
		if err != nil {
			return nil, nil, err
		}
		if p != nil || p2 != nil {
			problems = append(problems, append(problemList(p), problemList(p2)...)...)
			continue // left as it is, to be repaired by hand
		}
		messages := map[string]*goi18n.Message{}
		if active != nil {
			maps.Copy(messages, active.messages)
		}
		changed := t.merge(src, pending, messages)
		changed = t.adopt(src, messages) || changed
		for id, m := range messages {
			if len(filled(m)) == 0 { // an empty text is no translation: it goes back to translate
				delete(messages, id)
				changed = true
			}
		}
		if changed {
			data, err := marshalActive(messages)
			if err != nil {
				return nil, nil, err
			}
			if err := writeFile(root, t.ActiveFile(), data); err != nil {
				return nil, nil, err
			}
		}
		if err := t.writeTranslate(root, src, pending, messages); err != nil {
			return nil, nil, err
		}
		done = append(done, t)
	}
	return done, problems, nil
}

func problemList(p *content.Problem) content.Problems {
	if p == nil {
		return nil
	}
	return content.Problems{*p}
}

// merge moves the texts a translator wrote in pending (the translate file) into messages (the
// active file's), each with the hash of the source text it was written for.
func (t *Translation) merge(src, pending *messageFile, messages map[string]*goi18n.Message) (changed bool) {
	if pending == nil {
		return false
	}
	ours := bytes.HasPrefix(pending.data, []byte(translateHeader))
	for _, id := range pending.ids() {
		tm, sm := pending.messages[id], src.messages[id]
		line := messageLine(pending.data, id)
		if sm == nil && len(filled(tm)) == 0 {
			continue // nothing written: nothing lost
		}
		if sm == nil {
			text := "unknown key: not in " + path.Base(src.name) + "; not merged"
			if s := closest(id, src.ids()); s != "" {
				text = fmt.Sprintf("unknown key: did you mean %s? not merged", s)
			}
			t.Refused = append(t.Refused, content.Problem{File: pending.name, Line: line, Field: id, Text: text})
			continue
		}
		need := neededForms(sm, t.Lang)
		written, same := 0, true
		for _, form := range need {
			if s := text(tm, form); s != "" {
				written++
				same = same && s == sourceText(sm, form)
			}
		}
		if written < len(need) {
			continue // not (completely) translated yet: it stays in the translate file
		}
		if same && !ours {
			t.Refused = append(t.Refused, content.Problem{File: pending.name, Line: line, Field: id, Text: fmt.Sprintf(
				"the %s text itself, as goi18n merge pre-fills it: not a translation; not merged", t.Source)})
			continue
		}
		m := &goi18n.Message{ID: id, Description: sm.Description, Hash: tm.Hash}
		if m.Hash == "" {
			m.Hash = hashOf(sm)
		}
		for _, form := range need {
			setText(m, form, text(tm, form))
		}
		messages[id] = m
		t.Merged++
		changed = true
	}
	return changed
}

// sourceText is the source's text for a plural form it may not have (then its other form's,
// as go-i18n's merge shows it).
func sourceText(sm *goi18n.Message, form string) string {
	if s := text(sm, form); s != "" {
		return s
	}
	return sm.Other
}

// adopt ties the translations written without a hash (by hand, in the active file) to the
// current source text, as goi18n merge does: from now on a change of the source makes them
// stale.
func (t *Translation) adopt(src *messageFile, messages map[string]*goi18n.Message) (changed bool) {
	for id, m := range messages {
		sm := src.messages[id]
		if sm == nil || m.Hash != "" || stateOf(sm, m, t.Lang) != translated {
			continue
		}
		m.Hash, m.Description = hashOf(sm), sm.Description
		t.Adopted++
		changed = true
	}
	return changed
}

// writeTranslate writes the translate file with every text of src that messages does not
// translate, empty, or removes it when there is none.
func (t *Translation) writeTranslate(root string, src, pending *messageFile, messages map[string]*goi18n.Message) error {
	var b strings.Builder
	tag := func(code string) string {
		return display.English.Languages().Name(language.Make(code)) + " (" + code + ")"
	}
	fmt.Fprintf(&b, "%s into %s, from %s.\n", translateHeader, tag(t.Lang), tag(t.Source))
	b.WriteString("# Write each translation between the quotes of other = \"\" (and of one = \"\", many = \"\"… for a\n")
	b.WriteString("# number's forms); leave a text you cannot translate yet empty. Then run make locales: what you\n")
	fmt.Fprintf(&b, "# wrote moves into active.%s.toml, the rest stays here.", t.Lang)
	if t.Dir == UIDir {
		b.WriteString(" The interface must be translated\n# completely: until then, the server does not start.\n")
	} else {
		fmt.Fprintf(&b, " Until then the card shows\n# those texts in %s, marked as not translated yet.\n", tag(t.Source))
	}
	for _, id := range src.ids() {
		sm, m := src.messages[id], messages[id]
		s := stateOf(sm, m, t.Lang)
		if s == translated {
			continue
		}
		if s == stale {
			t.Stale++
		} else {
			t.New++
		}
		b.WriteString("\n[" + tomlKey(id) + "]\n")
		if sm.Description != "" {
			b.WriteString("description = " + tomlString(sm.Description) + "\n")
		}
		need := neededForms(sm, t.Lang)
		for _, form := range need {
			label := t.Source + ": "
			if len(need) > 1 {
				label = t.Source + " (" + form + "): "
			}
			comment(&b, label, sourceText(sm, form))
		}
		if s == stale {
			for _, form := range need {
				if old := text(m, form); old != "" {
					comment(&b, "before, translated from an older "+t.Source+" text: ", old)
				}
			}
		}
		b.WriteString("hash = " + tomlString(hashOf(sm)) + "\n")
		for _, form := range need {
			// Keep what the translator wrote of a message not yet complete (a plural form).
			written := ""
			if pending != nil && pending.messages[id] != nil && pending.messages[id].Hash == hashOf(sm) {
				written = text(pending.messages[id], form)
			} else if s == incomplete {
				written = text(m, form)
			}
			b.WriteString(form + " = " + tomlString(written) + "\n")
		}
	}
	if t.ToTranslate() == 0 {
		err := os.Remove(filepath.Join(root, filepath.FromSlash(t.TranslateFile())))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	return writeFile(root, t.TranslateFile(), []byte(b.String()))
}

// writeFile writes data to name under root, unless it holds data already.
func writeFile(root, name string, data []byte) error {
	full := filepath.Join(root, filepath.FromSlash(name))
	if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(full, data, 0o644)
}
