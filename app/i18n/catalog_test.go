package i18n_test

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// root is the project's own tree: its translations are checked by loading them (and by
// goi18n's workflow, workflow_test.go). Behaviour is tested on the fixture events
// (fixtures.Tree), so which events the project publishes changes no test.
var root = os.DirFS(fixtures.Root())

// seedID is the fixture event of the seed's shape: quotes, documents, people, "More".
const seedID = fixtures.PastWebinar

var languages = []string{"es", "en", "pt", "fr"}

func uiFile(lang string) string { return "locales/ui/active." + lang + ".toml" }

func eventFile(id, lang string) string { return "locales/events/" + id + "/active." + lang + ".toml" }

// editMessages rewrites one message file of fsys: edit gets it decoded (id → text, or id →
// table with description, hash and the plural forms).
func editMessages(t *testing.T, fsys fstest.MapFS, name string, edit func(map[string]any)) {
	t.Helper()
	f := fsys[name]
	if f == nil {
		t.Fatalf("no file %s", name)
	}
	m := map[string]any{}
	if err := toml.Unmarshal(f.Data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	edit(m)
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	fsys[name] = &fstest.MapFile{Data: buf.Bytes()}
}

// deleteMessage removes message id from a decoded file, failing if it was not there.
func deleteMessage(t *testing.T, id string) func(map[string]any) {
	return func(m map[string]any) {
		if _, ok := m[id]; !ok {
			t.Fatalf("fixture: no message %s", id)
		}
		delete(m, id)
	}
}

// setText sets the plural form of message id (a plain string in a flat file, a key in a table).
func setText(t *testing.T, id, form, text string) func(map[string]any) {
	return func(m map[string]any) {
		switch v := m[id].(type) {
		case string:
			if form != "other" {
				t.Fatalf("fixture: %s has only %q", id, "other")
			}
			m[id] = text
		case map[string]any:
			if _, ok := v[form]; !ok {
				t.Fatalf("fixture: %s has no %s form", id, form)
			}
			v[form] = text
		default:
			t.Fatalf("fixture: no message %s", id)
		}
	}
}

// messageIDs lists the ids in a message file of fsys.
func messageIDs(t *testing.T, fsys fs.FS, name string) []string {
	t.Helper()
	ids := slices.Sorted(maps.Keys(fixtures.Messages(t, fsys, name)))
	return ids
}

func loadCatalog(t *testing.T, fsys fs.FS) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// seedEvent is the fixture event seedID, as content reads it.
func seedEvent(t *testing.T) *content.Event {
	t.Helper()
	return fixtures.Event(t, fixtures.Tree(t), seedID)
}

// TestLoadReal: the project's own translations load, in the switcher's order, and every event
// has its messages in every language.
func TestLoadReal(t *testing.T) {
	c := loadCatalog(t, root)
	if got := c.Languages(); !slices.Equal(got, languages) {
		t.Errorf("Languages() = %v, want %v (the switcher's order)", got, languages)
	}
	// Languages returns a copy: a caller cannot reorder the catalog's switcher.
	c.Languages()[0] = "xx"
	if got := c.Languages(); !slices.Equal(got, languages) {
		t.Errorf("Languages() changed after a caller wrote into its result: %v", got)
	}
	events, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if err := c.CheckEvent(e.ID, e.MessageIDs(), e.OptionalMessageIDs()); err != nil {
			t.Errorf("CheckEvent(%s): %v", e.ID, err)
		}
	}
	// The fixtures the other tests alter load as well: their failures come from their edits.
	fixtureCatalog := loadCatalog(t, fixtures.Tree(t))
	fixtureEvents, err := content.Load(fixtures.Tree(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range fixtureEvents {
		if err := fixtureCatalog.CheckEvent(e.ID, e.MessageIDs(), e.OptionalMessageIDs()); err != nil {
			t.Errorf("fixtures: CheckEvent(%s): %v", e.ID, err)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, fsys fstest.MapFS)
		want []string // the error must contain each
	}{
		{
			name: "language listed without its files",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["es", "en", "pt", "fr", "de"]`)}
			},
			want: []string{uiFile("de")},
		},
		{
			name: "ui file missing",
			edit: func(t *testing.T, fsys fstest.MapFS) { delete(fsys, uiFile("pt")) },
			want: []string{uiFile("pt")},
		},
		{
			name: "source ui file missing",
			edit: func(t *testing.T, fsys fstest.MapFS) { delete(fsys, uiFile("es")) },
			want: []string{uiFile("es")},
		},
		{
			name: "ASCII double quote in a ui message",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, uiFile("fr"), setText(t, "ReadMore", "other", `Lire "la" suite`))
			},
			want: []string{uiFile("fr"), "ReadMore"},
		},
		{
			name: "backslash in a ui message",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, uiFile("en"), setText(t, "Past", "other", `Past\event`))
			},
			want: []string{uiFile("en"), "Past"},
		},
		{
			name: "ASCII double quote in a flat source message",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, uiFile("es"), func(m map[string]any) { m["Today"] = `"Hoy"` })
			},
			want: []string{uiFile("es"), "Today"},
		},
		{
			name: "ASCII double quote in a plural form",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, uiFile("pt"), setText(t, "Speakers", "many", `{{.Count}} de "palestrantes"`))
			},
			want: []string{uiFile("pt"), "Speakers"},
		},
		{
			name: "ASCII double quote in an event message",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, eventFile(seedID, "en"), setText(t, "Title", "other", `"Where is the data?"`))
			},
			want: []string{eventFile(seedID, "en"), "Title"},
		},
		{
			name: "backslash in an event message",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				editMessages(t, fsys, eventFile(seedID, "es"), setText(t, "Quote.perez.Text", "other", `C:\datos`))
			},
			want: []string{eventFile(seedID, "es"), "Quote.perez.Text"},
		},
		{
			name: "languages.toml missing",
			edit: func(t *testing.T, fsys fstest.MapFS) { delete(fsys, "locales/languages.toml") },
			want: []string{"locales/languages.toml"},
		},
		{
			name: "language code in upper case",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["es", "EN"]`)}
			},
			want: []string{"locales/languages.toml", "EN"},
		},
		{
			name: "language code a path",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["es", "../ui/x"]`)}
			},
			want: []string{"locales/languages.toml", "../ui/x"},
		},
		{
			name: "source language not listed",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["en", "pt", "fr"]`)}
			},
			want: []string{"locales/languages.toml", `"es"`},
		},
		{
			name: "no languages",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = []`)}
			},
			want: []string{"locales/languages.toml", "languages"},
		},
		{
			name: "unknown field in languages.toml",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["es"]` + "\nlanguage = [\"en\"]")}
			},
			want: []string{"locales/languages.toml:2: language: unknown field"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fixtures.Tree(t)
			c.edit(t, fsys)
			_, err := i18n.Load(fsys)
			if err == nil {
				t.Fatalf("Load succeeded; want an error containing %q", c.want)
			}
			t.Log(err)
			for _, s := range c.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

// TestLoadMissingUIMessage removes each interface message, in turn, from each language's file:
// every removal must fail the load naming the file and the message id. (If messages.go
// declares a message that Load does not check, a language could silently show Spanish.)
func TestLoadMissingUIMessage(t *testing.T) {
	base := fixtures.Tree(t)
	ids := messageIDs(t, base, uiFile(i18n.SourceLanguage))
	if len(ids) < 30 {
		t.Fatalf("only %d messages in %s", len(ids), uiFile(i18n.SourceLanguage))
	}
	for _, lang := range languages {
		for _, id := range ids {
			fsys := maps.Clone(base) // files are replaced, never written into
			editMessages(t, fsys, uiFile(lang), deleteMessage(t, id))
			_, err := i18n.Load(fsys)
			if err == nil {
				t.Errorf("%s without %s: Load succeeded", uiFile(lang), id)
				continue
			}
			if want := uiFile(lang) + ": " + id + ": "; !strings.Contains(err.Error(), want) {
				t.Errorf("%s without %s: error %q does not contain %q", uiFile(lang), id, err, want)
			}
		}
	}
}

// TestCheckEvent removes each event message, in turn, from each language's file: the catalog
// still loads (which messages an event needs comes from its event file). Removed from the
// event's own language, CheckEvent reports it missing, naming the file and the id; removed from
// a translation, it is not translated yet: a warning naming the file and the id, and the
// language shows the event's own text (Untranslated). An optional message (the rest of the
// summary) need not exist; once the source language has it, every language should.
func TestCheckEvent(t *testing.T) {
	e := seedEvent(t)
	ids, optional := e.MessageIDs(), e.OptionalMessageIDs()
	base := fixtures.Tree(t)
	for _, lang := range languages {
		for _, id := range append(slices.Clone(ids), optional...) {
			fsys := maps.Clone(base) // files are replaced, never written into
			editMessages(t, fsys, eventFile(seedID, lang), deleteMessage(t, id))
			c := i18n.Open(fsys)
			if ps := c.Problems(); len(ps) > 0 {
				t.Fatalf("%s without %s: Open: %v", eventFile(seedID, lang), id, ps)
			}
			err := c.CheckEvent(seedID, ids, optional)
			warnings := c.Warnings()
			switch {
			case lang == i18n.SourceLanguage && slices.Contains(optional, id):
				// Not in the source language: not in the card. The others' are not shown.
				if err != nil {
					t.Errorf("%s without the optional %s: CheckEvent: %v", eventFile(seedID, lang), id, err)
				}
				for _, other := range languages[1:] {
					if !hasProblem(warnings, eventFile(seedID, other), id, "not shown") {
						t.Errorf("%s without %s: no warning that %s's is not shown: %v", eventFile(seedID, lang), id, other, warnings)
					}
				}
			case lang == i18n.SourceLanguage:
				if !hasProblem(problemsOf(err), eventFile(seedID, lang), id, "missing") {
					t.Errorf("%s without %s: CheckEvent = %v, want it missing there", eventFile(seedID, lang), id, err)
				}
			default:
				if err != nil {
					t.Errorf("%s without %s: CheckEvent: %v (a text not translated yet is no error)", eventFile(seedID, lang), id, err)
				}
				if len(warnings) != 1 || !hasProblem(warnings, eventFile(seedID, lang), id, "not translated") {
					t.Errorf("%s without %s: warnings %v, want the one naming the file and the id", eventFile(seedID, lang), id, warnings)
				}
				if u := c.Untranslated(seedID, lang); u.Source != i18n.SourceLanguage || len(u.IDs) != 1 || !u.IDs[id] {
					t.Errorf("%s without %s: Untranslated = %+v", eventFile(seedID, lang), id, u)
				}
			}
		}
	}
	// An optional message no language has: nothing missing.
	fsys := maps.Clone(base)
	for _, lang := range languages {
		editMessages(t, fsys, eventFile(seedID, lang), deleteMessage(t, "More"))
	}
	c := loadCatalog(t, fsys)
	if err := c.CheckEvent(seedID, ids, optional); err != nil || len(c.Warnings()) > 0 {
		t.Errorf("without More in any language: CheckEvent: %v, warnings %v", err, c.Warnings())
	}

	c = loadCatalog(t, base)
	if err := c.CheckEvent("nope", ids, optional); err == nil || !strings.Contains(err.Error(), "locales/events/nope") {
		t.Errorf("CheckEvent(nope) = %v, want an error naming locales/events/nope", err)
	}
	if err := c.CheckEvent(seedID, append(slices.Clone(ids), "Quote.nobody.Text"), optional); err == nil ||
		!strings.Contains(err.Error(), eventFile(seedID, "es")+": Quote.nobody.Text") {
		t.Errorf("CheckEvent with an id no file has = %v, want an error naming %s and Quote.nobody.Text", err, eventFile(seedID, "es"))
	}
	// Problems collects CheckEvent's, and a second check of an event replaces its first.
	if ps := c.Problems(); len(ps) != 2 {
		t.Errorf("Problems after the checks above = %v, want nope's and Quote.nobody.Text", ps)
	}
}

// problemsOf is err's problems, or one problem of its text.
func problemsOf(err error) content.Problems {
	var ps content.Problems
	if err != nil && !errors.As(err, &ps) {
		return content.Problems{{Text: err.Error()}}
	}
	return ps
}

// hasProblem: one of ps is in file, about field, and its text contains text.
func hasProblem(ps content.Problems, file, field, text string) bool {
	for _, p := range ps {
		if p.File == file && p.Field == field && strings.Contains(p.Text, text) {
			return true
		}
	}
	return false
}

func TestFor(t *testing.T) {
	c := loadCatalog(t, fixtures.Tree(t))
	for _, lang := range languages {
		l, err := c.For(lang, seedID)
		if err != nil {
			t.Fatalf("For(%s, %s): %v", lang, seedID, err)
		}
		if l.Lang() != lang {
			t.Errorf("For(%s).Lang() = %s", lang, l.Lang())
		}
	}
	for _, bad := range []struct{ lang, event string }{
		{"de", ""}, {"", ""}, {"es-PY", ""}, {"ES", ""}, {"../es", ""}, {"es", "nope"}, {"es", "../" + seedID},
	} {
		if _, err := c.For(bad.lang, bad.event); err == nil {
			t.Errorf("For(%q, %q) succeeded; want an error", bad.lang, bad.event)
		}
	}
}

func TestLocalizerErr(t *testing.T) {
	tree := fixtures.Tree(t)
	c := loadCatalog(t, tree)

	l, _ := c.For("fr", seedID)
	if got, want := l.Event("Title"), fixtures.Message(t, tree, eventFile(seedID, "fr"), "Title"); got != want {
		t.Errorf("fr Title = %q, want %q", got, want)
	}
	if got, want := l.Text(i18n.ReadMore, nil), fixtures.Message(t, tree, uiFile("fr"), "ReadMore"); got != want || got == i18n.ReadMore.Other {
		t.Errorf("fr ReadMore = %q, want %q", got, want)
	}
	if err := l.Err(); err != nil {
		t.Fatalf("Err after present messages = %v", err)
	}
	l.Event("Quote.nobody.Text")
	l.Event("Person.nobody.Role")
	if err := l.Err(); err == nil || !strings.Contains(err.Error(), "Quote.nobody.Text") {
		t.Errorf("Err after a missing message = %v, want the first missing id, Quote.nobody.Text", err)
	}

	l, _ = c.For("es", "")
	l.Event("Title")
	if l.Err() == nil {
		t.Error("Err is nil after an event message from a localizer without an event")
	}

	// An event's message not translated into pt yet: the event's own text, which Untranslated
	// lists for the card to mark, and no error.
	fsys := fixtures.Tree(t)
	editMessages(t, fsys, eventFile(seedID, "pt"), deleteMessage(t, "Summary"))
	c = loadCatalog(t, fsys)
	l, _ = c.For("pt", seedID)
	if got, want := l.Event("Summary"), fixtures.Message(t, fsys, eventFile(seedID, "es"), "Summary"); got != want || l.Err() != nil {
		t.Errorf("pt Summary not translated: %q (Err %v), want the es text %q", got, l.Err(), want)
	}
	if u := c.Untranslated(seedID, "pt"); u.Source != "es" || !u.IDs["Summary"] || len(u.IDs) != 1 {
		t.Errorf("Untranslated(pt) = %+v, want es and Summary", u)
	}
	// An interface message missing in pt stays an error: the interface is always complete.
	fsys = fixtures.Tree(t)
	editMessages(t, fsys, uiFile("pt"), deleteMessage(t, "ReadMore"))
	l, _ = i18n.Open(fsys).For("pt", seedID)
	l.Text(i18n.ReadMore, nil)
	if l.Err() == nil || !strings.Contains(l.Err().Error(), "ReadMore") || !strings.Contains(l.Err().Error(), "pt") {
		t.Errorf("pt ReadMore missing: Err = %v, want the language and the id", l.Err())
	}
}
