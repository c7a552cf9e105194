package messagefiles_test

// The translation workflow (Prepare, which `make locales` runs) followed through a new event:
// its texts in its own language only, prepared for translation, left untranslated, translated
// into one language, then changed at the source.

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/messagefiles"
)

// prepare runs the workflow in dir and returns what it did for event seedID, by language.
func prepare(t *testing.T, dir string) map[string]messagefiles.Translation {
	t.Helper()
	done, problems, err := messagefiles.Prepare(dir, i18n.CheckLanguage)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Prepare: %v %v", err, problems)
	}
	out := map[string]messagefiles.Translation{}
	for _, d := range done {
		if d.Dir == "locales/ui" {
			if d.Merged+d.Adopted+d.ToTranslate() > 0 {
				t.Errorf("Prepare worked on the interface: %+v", d)
			}
			continue
		}
		if d.Dir == "locales/events/"+seedID {
			out[d.Lang] = d
		}
	}
	return out
}

// checked opens the catalog of dir and checks event seedID.
func checked(t *testing.T, dir string) *i18n.Catalog {
	t.Helper()
	c := i18n.Open(os.DirFS(dir))
	e := seedEvent(t)
	c.CheckEvent(seedID, e.MessageIDs(), e.OptionalMessageIDs())
	if ps := c.Problems(); len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	return c
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil
}

func translateFile(lang string) string {
	return "locales/events/" + seedID + "/translate." + lang + ".toml"
}

// parse reads a message file as go-i18n does.
func parse(t *testing.T, name, data string) map[string]*goi18n.Message {
	t.Helper()
	f, err := goi18n.ParseMessageFileBytes([]byte(data), name, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, data)
	}
	m := map[string]*goi18n.Message{}
	for _, msg := range f.Messages {
		m[msg.ID] = msg
	}
	return m
}

func TestWorkflowOfANewEvent(t *testing.T) {
	fsys := fixtures.Tree(t)
	for _, lang := range languages[1:] {
		delete(fsys, eventFile(seedID, lang))
	}
	dir := projecttree.Write(t, fsys, "locales", "events")
	source := parse(t, eventFile(seedID, "es"), projecttree.ReadFile(t, dir, eventFile(seedID, "es")))

	// Only the event's own language: the server serves it, every other language untranslated.
	c := checked(t, dir)
	for _, lang := range languages[1:] {
		if p := findProblem(c.Warnings(), eventFile(seedID, lang), ""); p == nil || !strings.Contains(p.Text, "missing: no text of this event is translated into "+lang) {
			t.Errorf("warnings %v: none says %s is missing", c.Warnings(), eventFile(seedID, lang))
		}
		if u := c.Untranslated(seedID, lang); len(u.IDs) != len(source) || u.Source != "es" {
			t.Errorf("Untranslated(%s) = %+v, want all %d texts, in es", lang, u, len(source))
		}
	}

	// Prepared: a translate file per language, every text in it, none pre-filled; no active
	// file written.
	done := prepare(t, dir)
	for _, lang := range languages[1:] {
		if d := done[lang]; d.New != len(source) || d.Stale+d.Merged+d.Adopted != 0 {
			t.Errorf("%s: %+v, want %d new texts to translate and nothing else", lang, d, len(source))
		}
		if exists(dir, eventFile(seedID, lang)) {
			t.Errorf("Prepare wrote %s, with nothing translated", eventFile(seedID, lang))
		}
		data := projecttree.ReadFile(t, dir, translateFile(lang))
		if !strings.HasPrefix(data, "# eventcard: texts to translate into ") {
			t.Errorf("%s does not start with the workflow's header:\n%s", translateFile(lang), data)
		}
		got := parse(t, translateFile(lang), data)
		for id, m := range source {
			g := got[id]
			switch {
			case g == nil:
				t.Errorf("%s: no %s", translateFile(lang), id)
			case g.Other != "":
				t.Errorf("%s: %s pre-filled with %q", translateFile(lang), id, g.Other)
			case !strings.Contains(data, "# es: "+strings.SplitN(m.Other, "\n", 2)[0]+"\n"):
				t.Errorf("%s: %s without its es text as a comment", translateFile(lang), id)
			}
		}
	}

	// Run again without translating: nothing changes, and the cards are as before.
	before := snapshot(t, dir)
	prepare(t, dir)
	for _, d := range diffSnapshots(before, snapshot(t, dir)) {
		t.Errorf("the second run changed %s", d)
	}
	if u := checked(t, dir).Untranslated(seedID, "pt"); len(u.IDs) != len(source) {
		t.Errorf("after two runs, Untranslated(pt) = %v", u)
	}

	// A translate file as goi18n merge wrote it, pre-filled with the Spanish: not a translation.
	var prefilled strings.Builder
	for id, m := range source {
		prefilled.WriteString("[\"" + id + "\"]\nhash = \"sha1-x\"\nother = \"" + strings.ReplaceAll(m.Other, "\n", `\n`) + "\"\n\n")
	}
	if err := os.WriteFile(filepath.Join(dir, translateFile("pt")), []byte(prefilled.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	done = prepare(t, dir)
	if d := done["pt"]; d.Merged != 0 || len(d.Refused) != len(source) || d.New != len(source) {
		t.Errorf("pre-filled pt: %+v, want every text refused and still to translate", d)
	} else if p := d.Refused[0]; p.File != translateFile("pt") || p.Line == 0 || !strings.Contains(p.Text, "not a translation") {
		t.Errorf("pre-filled pt: refused as %v", p)
	}
	if exists(dir, eventFile(seedID, "pt")) {
		t.Errorf("the pre-filled Spanish went into %s", eventFile(seedID, "pt"))
	}

	// Translate English, every text: merged, with the hash of the text translated.
	english := projecttree.ReadFile(t, dir, translateFile("en"))
	english = strings.ReplaceAll(english, "\nother = \"\"", "\nother = \"In English\"")
	if err := os.WriteFile(filepath.Join(dir, translateFile("en")), []byte(english), 0o644); err != nil {
		t.Fatal(err)
	}
	done = prepare(t, dir)
	if d := done["en"]; d.Merged != len(source) || d.ToTranslate() != 0 {
		t.Errorf("translated en: %+v, want all %d merged", d, len(source))
	}
	if exists(dir, translateFile("en")) {
		t.Errorf("%s is left after every text was translated", translateFile("en"))
	}
	active := parse(t, eventFile(seedID, "en"), projecttree.ReadFile(t, dir, eventFile(seedID, "en")))
	if len(active) != len(source) || active["Title"].Other != "In English" || active["Title"].Hash == "" {
		t.Errorf("%s after the merge: %d messages, Title %+v", eventFile(seedID, "en"), len(active), active["Title"])
	}
	c = checked(t, dir)
	if u := c.Untranslated(seedID, "en"); len(u.IDs) != 0 {
		t.Errorf("en translated: Untranslated = %v", u.IDs)
	}
	if l, _ := c.For("en", seedID); l.Event("Title") != "In English" {
		t.Errorf("en Title = %q", l.Event("Title"))
	}
	for _, w := range c.Warnings() {
		if w.File == eventFile(seedID, "en") {
			t.Errorf("en translated, yet %v", w)
		}
	}

	// Change a Spanish text: its translation is stale, reported at its line, shown in Spanish,
	// prepared again with the former translation as a comment; the active file stays.
	projecttree.Replace(t, fsys, eventFile(seedID, "es"), "¿Dónde están los datos?", "¿Dónde están, por fin, los datos?")
	if err := os.WriteFile(filepath.Join(dir, eventFile(seedID, "es")), fsys[eventFile(seedID, "es")].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	activeBefore := projecttree.ReadFile(t, dir, eventFile(seedID, "en"))
	c = checked(t, dir)
	stale := findProblem(c.Warnings(), eventFile(seedID, "en"), "Title")
	if stale == nil || !strings.HasPrefix(stale.Text, "stale:") || stale.Line != lineOf(activeBefore, "[Title]") {
		t.Errorf("stale en Title reported as %+v, want stale at line %d", stale, lineOf(activeBefore, "[Title]"))
	}
	if l, _ := c.For("en", seedID); l.Event("Title") != "¿Dónde están, por fin, los datos? Un webinar de prueba" {
		t.Errorf("stale en Title shows %q, want the es text", l.Event("Title"))
	}
	if u := c.Untranslated(seedID, "en"); len(u.IDs) != 1 || !u.IDs["Title"] {
		t.Errorf("stale en Title: Untranslated = %v", u.IDs)
	}
	done = prepare(t, dir)
	if d := done["en"]; d.Stale != 1 || d.New != 0 || d.Merged != 0 {
		t.Errorf("stale en Title: %+v, want 1 stale to translate", d)
	}
	if projecttree.ReadFile(t, dir, eventFile(seedID, "en")) != activeBefore {
		t.Errorf("Prepare changed %s for a stale text", eventFile(seedID, "en"))
	}
	again := projecttree.ReadFile(t, dir, translateFile("en"))
	if !strings.Contains(again, "# before, translated from an older es text: In English") || !strings.Contains(again, "# es: ¿Dónde están, por fin,") {
		t.Errorf("%s for the stale Title:\n%s", translateFile("en"), again)
	}
	if got := parse(t, translateFile("en"), again); len(got) != 1 || got["Title"] == nil || got["Title"].Other != "" {
		t.Errorf("%s holds %v, want Title alone, empty", translateFile("en"), slices.Sorted(maps.Keys(got)))
	}
}

func findProblem(ps content.Problems, file, field string) *content.Problem {
	for i := range ps {
		if ps[i].File == file && ps[i].Field == field {
			return &ps[i]
		}
	}
	return nil
}

// lineOf is the line of the first line of data that is line.
func lineOf(data, line string) int {
	for i, l := range strings.Split(data, "\n") {
		if strings.TrimSpace(l) == line {
			return i + 1
		}
	}
	return 0
}
