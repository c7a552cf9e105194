package i18n_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
)

// TestEveryProblemNamed breaks the fixture texts in several ways at once: the catalog reports
// every problem together, each with its file, its line when the file has one, and the message
// id; a misspelt key as the unknown key it is, with the key it was meant to be.
func TestEveryProblemNamed(t *testing.T) {
	fsys := fixtures.Tree(t)
	es, en, pt, fr := eventFile(seedID, "es"), eventFile(seedID, "en"), eventFile(seedID, "pt"), eventFile(seedID, "fr")
	projecttree.Replace(t, fsys, es, "\nSummary = ", "\nSumary = ")                                          // misspelt in the source
	projecttree.Replace(t, fsys, en, `"Person.ana-perez.Role" =`, `"Person.ana-perez.Rol" =`)                // misspelt in a translation
	projecttree.Replace(t, fsys, en, "\nKind = ", "\n\"Person.nobody.Role\" = \"Nobody\"\nKind = ")          // a key the event does not use
	projecttree.Replace(t, fsys, pt, `Kind = "Webinar"`, `Kind = ""`)                                        // an empty translation
	projecttree.Replace(t, fsys, en, `Title = "`, `Title = "\"`)                                             // a forbidden character
	delete(fsys, fr)                                                                                         // a language's file
	projecttree.Replace(t, fsys, uiFile("pt"), "[ReadMore]", "[ReadMor]")                                    // misspelt in the interface
	projecttree.Replace(t, fsys, uiFile("en"), `hash = "sha1-3bc40ebb`, `hash = "sha1-0bc40ebb`)             // stale in the interface
	fsys[eventFile(seedID, "de")] = &fstest.MapFile{Data: []byte(`Title = "Wo sind die Daten?"`)}            // a language the card does not have: ignored
	fsys["locales/events/nobody/active.es.toml"] = &fstest.MapFile{Data: []byte("Title = \"x\"\nKind = \n")} // a file TOML cannot read

	c := i18n.Open(fsys)
	e := seedEvent(t)
	c.CheckEvent(seedID, e.MessageIDs(), e.OptionalMessageIDs())
	problems, warnings := c.Problems(), c.Warnings()
	t.Logf("problems:\n%v\nwarnings:\n%v", problems, warnings)

	line := func(name, text string) int {
		for i, l := range strings.Split(string(fsys[name].Data), "\n") {
			if strings.Contains(l, text) {
				return i + 1
			}
		}
		t.Fatalf("%s: no line with %q", name, text)
		return 0
	}
	for _, want := range []struct {
		in                content.Problems
		file, field, text string
		line              int
	}{
		{problems, es, "Sumary", "unknown key: did you mean Summary?", line(es, "Sumary =")},
		{problems, en, "Person.ana-perez.Rol", "unknown key: did you mean Person.ana-perez.Role?", line(en, "Person.ana-perez.Rol")},
		{problems, en, "Person.nobody.Role", "unknown key: the event has no text of this id", line(en, "Person.nobody.Role")},
		{problems, pt, "Kind", "empty: write the translation", line(pt, `Kind = ""`)},
		{problems, en, "Title", "use typographic quotes", line(en, "Title =")},
		{problems, uiFile("pt"), "ReadMor", "unknown key: did you mean ReadMore?", line(uiFile("pt"), "[ReadMor]")},
		{problems, uiFile("en"), "AddToCalendar", "stale: translated from an older es text", line(uiFile("en"), "[AddToCalendar]")},
		{problems, "locales/events/nobody/active.es.toml", "", "", 2},
		{warnings, fr, "", "missing: no text of this event is translated into fr", 0},
	} {
		found := false
		for _, p := range want.in {
			if p.File == want.file && p.Field == want.field && strings.Contains(p.Text, want.text) {
				found = true
				if p.Line != want.line {
					t.Errorf("%v: line %d, want %d", p, p.Line, want.line)
				}
			}
		}
		if !found {
			t.Errorf("no problem %s:%d: %s: …%s…", want.file, want.line, want.field, want.text)
		}
	}
	// The misspelt keys are reported once, as unknown keys, not again as the right key missing.
	for _, p := range append(problems, warnings...) {
		if (p.File == es && p.Field == "Summary") || (p.File == en && p.Field == "Person.ana-perez.Role") || (p.File == uiFile("pt") && p.Field == "ReadMore") {
			t.Errorf("%v: the misspelt key is reported already", p)
		}
		if strings.Contains(p.File, ".de.") {
			t.Errorf("%v: de is not one of the card's languages", p)
		}
	}
	if u := c.Untranslated(seedID, "pt"); !u.IDs["Kind"] {
		t.Errorf("pt's empty Kind is not shown in Spanish: %v", u.IDs)
	}
	// Load fails with all of them.
	if _, err := i18n.Load(fsys); err == nil || !strings.Contains(err.Error(), "ReadMor") || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("Load: %v", err)
	}
}

// TestProblemFormat: a problem reads file:line: field: text, and the project's own texts have
// none, and no warning.
func TestProblemFormat(t *testing.T) {
	p := content.Problem{File: "locales/events/x/active.pt.toml", Line: 12, Field: "Summary", Text: "empty"}
	if got, want := p.Error(), "locales/events/x/active.pt.toml:12: Summary: empty"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	c := i18n.Open(os.DirFS(fixtures.Root()))
	events, err := content.Load(os.DirFS(fixtures.Root()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		c.CheckEvent(e.ID, e.MessageIDs(), e.OptionalMessageIDs())
	}
	if ps, ws := c.Problems(), c.Warnings(); len(ps)+len(ws) > 0 {
		t.Errorf("the project's texts: problems %v, warnings %v", ps, ws)
	}
}
