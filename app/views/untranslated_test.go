package views_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/views"
)

// The policy for texts not translated yet (README, "Translations"): the card shows the event's
// own text, marked with its language, under a note in the card's language; what other programs
// read is the event in its own language; a warning names each text.

func eventFile(id, lang string) string { return "locales/events/" + id + "/active." + lang + ".toml" }

// sourceText is message id of event id in its own language, from the fixtures' file.
func sourceText(t *testing.T, fsys fstest.MapFS, id, lang, msg string) string {
	t.Helper()
	for _, m := range messageFile(t, fsys, eventFile(id, lang)) {
		if m.ID == msg {
			return m.Other
		}
	}
	t.Fatalf("%s: no %s", eventFile(id, lang), msg)
	return ""
}

func TestUntranslatedShownInTheEventsLanguage(t *testing.T) {
	past, workshop := fixtures.PastWebinar, fixtures.Workshop
	fsys := fixtures.Tree(t)
	for _, del := range []struct{ id, lang, msg string }{
		{past, "pt", "Title"}, {past, "pt", "Quote.perez.Text"}, {past, "pt", "Organization.comision.Name"},
		{past, "pt", "Person.ana-perez.Role"}, {past, "pt", "Document.informe.Title"},
		{past, "fr", "More"}, {past, "fr", "Kind"}, {past, "fr", "Summary"},
		{workshop, "en", "Image.Alt"},
	} {
		projecttree.DeleteMessage(t, fsys, eventFile(del.id, del.lang), del.msg)
	}
	pictures := func(e *content.Event, img *content.Image, kind views.PictureKind, alt string) (*card.Picture, error) {
		return &card.Picture{Alt: alt, Src: "/" + img.File, Width: 1, Height: 1}, nil
	}
	s, err := views.Load(fsys, pictures)
	if err != nil {
		t.Fatalf("Load: %v (a text not translated yet is no problem)", err)
	}
	warned := map[string]bool{}
	for _, w := range s.Warnings() {
		warned[w.File+" "+w.Field] = true
		if !strings.Contains(w.Text, "not translated") {
			t.Errorf("warning %v", w)
		}
	}
	for _, want := range []string{
		eventFile(past, "pt") + " Title", eventFile(past, "pt") + " Quote.perez.Text", eventFile(past, "fr") + " More",
		eventFile(workshop, "en") + " Image.Alt",
	} {
		if !warned[want] {
			t.Errorf("no warning for %s: %v", want, s.Warnings())
		}
	}

	b, _ := s.Bundle(past)
	pt, fr, en, es := b.View("pt"), b.View("fr"), b.View("en"), b.View("es")
	c := pt.Card
	if pt.Title != sourceText(t, fsys, past, "es", "Title") || pt.TitleLang != "es" {
		t.Errorf("pt title %q (%q), want the es title marked es", pt.Title, pt.TitleLang)
	}
	if c.Quotes[0].Lang != "es" || !strings.Contains(c.Quotes[0].Text, sourceText(t, fsys, past, "es", "Quote.perez.Text")) {
		t.Errorf("pt quote %+v, want the es text marked es", c.Quotes[0])
	}
	if c.Organizers[0].Lang != "es" || c.Organizers[0].NoteLang != "" {
		t.Errorf("pt organizer %+v: its name marked es, its translated short name not", c.Organizers[0])
	}
	if c.People[0].RoleLang != "es" || c.Documents[0].Lang != "es" || c.KindLang != "" || c.SummaryLang != "" || c.MoreLang != "" {
		t.Errorf("pt: %+v %+v kind %q summary %q more %q", c.People[0], c.Documents[0], c.KindLang, c.SummaryLang, c.MoreLang)
	}
	if want := "Alguns textos deste evento ainda não foram traduzidos: aparecem em espanhol."; c.Untranslated != want {
		t.Errorf("pt note %q, want %q", c.Untranslated, want)
	}
	if f := fr.Card; f.MoreLang != "es" || f.KindLang != "es" || f.SummaryLang != "es" || fr.TitleLang != "" ||
		!strings.Contains(f.Untranslated, "espagnol") || f.More[0] != strings.SplitN(sourceText(t, fsys, past, "es", "More"), "\n", 2)[0] {
		t.Errorf("fr: more %q (%q), kind %q, summary %q, title %q, note %q", f.More, f.MoreLang, f.KindLang, f.SummaryLang, fr.TitleLang, f.Untranslated)
	}
	for _, v := range []card.View{en, es} {
		if v.TitleLang != "" || v.Card.Untranslated != "" || v.Card.Quotes[0].Lang != "" {
			t.Errorf("%s, translated: marked %+v", v.Lang, v)
		}
	}
	w, _ := s.Bundle(workshop)
	if ban := w.View("en").Card.Banner; ban == nil || ban.AltLang != "es" || w.View("pt").Card.Banner.AltLang != "" {
		t.Errorf("en banner %+v: its alternative text marked es, pt's not", ban)
	}
	if x := s.Index("pt"); x == nil {
		t.Fatal("no pt index")
	} else {
		for _, e := range x.Events {
			if (e.ID == past) != (e.TitleLang == "es") {
				t.Errorf("pt index: %s title %q marked %q", e.ID, e.Title, e.TitleLang)
			}
		}
	}

	// Facts (the calendar file, the structured data, the feeds) never mix: the event's own
	// language where its texts are not all translated.
	for lang, want := range map[string]string{"es": "es", "en": "en", "pt": "es", "fr": "es"} {
		f, ok := s.Facts(past, lang)
		if !ok || f.View.Lang != want || f.View.TitleLang != "" || f.View.Card.Untranslated != "" {
			t.Errorf("Facts(%s) in %q (ok %v), want %s, unmarked", lang, f.View.Lang, ok, want)
		}
	}
	if f, _ := s.Facts(workshop, "pt"); f.View.Lang != "pt" {
		t.Errorf("workshop's pt facts in %s", f.View.Lang)
	}
}

// TestUntranslatedFromAnotherLanguage: an event written in English first shows its English text
// in a Spanish card not translated yet; a missing language file is every text untranslated.
func TestUntranslatedFromAnotherLanguage(t *testing.T) {
	forum := fixtures.HybridForum
	fsys := fixtures.Tree(t)
	projecttree.DeleteMessage(t, fsys, eventFile(forum, "es"), "Title")
	delete(fsys, eventFile(forum, "fr"))
	s := load(t, fsys)
	b, _ := s.Bundle(forum)
	es, fr := b.View("es"), b.View("fr")
	if es.Title != sourceText(t, fsys, forum, "en", "Title") || es.TitleLang != "en" || es.Card.Untranslated != "Algunos textos de este evento aún no están traducidos: se muestran en inglés." {
		t.Errorf("es: %q (%q), note %q", es.Title, es.TitleLang, es.Card.Untranslated)
	}
	if fr.TitleLang != "en" || fr.Card.SummaryLang != "en" || fr.Card.KindLang != "en" || fr.Card.Organizers[0].Lang != "en" ||
		fr.Card.Untranslated != "Certains textes de cet événement ne sont pas encore traduits\u00a0: ils sont affichés en anglais." {
		t.Errorf("fr without its file: %+v", fr)
	}
	found := false
	for _, w := range s.Warnings() {
		found = found || w.File == eventFile(forum, "fr") && w.Field == "" && strings.Contains(w.Text, "missing")
	}
	if !found {
		t.Errorf("no warning for %s: %v", eventFile(forum, "fr"), s.Warnings())
	}
}

// TestLoadReportsEverything: the content's problems and the translations' together, each with
// file, line and field; Check gives the warnings even then. (An event whose file has a problem
// is not read: its texts are checked once it is.)
func TestLoadReportsEverything(t *testing.T) {
	id := fixtures.PastWebinar
	fsys := fixtures.Tree(t)
	projecttree.Replace(t, fsys, "events/"+id+".toml", `url = "https://comision.example.org/"`, `url = "http://comision.example.org/"`)
	projecttree.Replace(t, fsys, eventFile(fixtures.Workshop, "es"), "\nSummary = ", "\nSumary = ")
	projecttree.Replace(t, fsys, eventFile(id, "pt"), `Kind = "Webinar"`, `Kind = ""`)
	projecttree.Replace(t, fsys, "locales/ui/active.fr.toml", "[ReadMore]", "[ReadMor]")
	delete(fsys, eventFile(fixtures.Workshop, "fr"))
	fsys["locales/events/no-such-event/active.es.toml"] = &fstest.MapFile{Data: []byte(`Title = "x"`)}

	_, err := views.Load(fsys, nil)
	var ps content.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load: %v, want content.Problems", err)
	}
	for _, want := range []string{
		"events/" + id + ".toml:", "organizations[0].url",
		eventFile(fixtures.Workshop, "es") + ":7: Sumary: unknown key: did you mean Summary?",
		eventFile(id, "pt") + ":2: Kind: empty",
		"locales/ui/active.fr.toml:", "ReadMor: unknown key: did you mean ReadMore?",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load's error does not contain %q:\n%v", want, err)
		}
	}
	problems, warnings, err := views.Check(fsys)
	if err != nil || len(problems) != len(ps) {
		t.Errorf("Check: %d problems (%v), want Load's %d", len(problems), err, len(ps))
	}
	var files []string
	for _, w := range warnings {
		files = append(files, w.File)
	}
	if !strings.Contains(strings.Join(files, " "), eventFile(fixtures.Workshop, "fr")) || !strings.Contains(strings.Join(files, " "), "locales/events/no-such-event") {
		t.Errorf("Check's warnings %v, want the workshop's fr file and the unused folder", warnings)
	}
}
