package component_test

import (
	"strings"
	"testing"

	"eventcard/app/card"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
)

// TestUntranslatedInThePage: a card whose texts are not all translated into its language shows
// each such text in the event's own language, marked with that lang, under a note in the
// card's language; the page's data carries the marks to the browser. A translated card has
// neither.
func TestUntranslatedInThePage(t *testing.T) {
	id := fixtures.PastWebinar
	tree := fixtures.Tree(t)
	pt := "locales/events/" + id + "/active.pt.toml"
	for _, msg := range []string{"Title", "Summary", "Quote.perez.Text", "Organization.comision.Name", "Person.ana-perez.Role", "Document.informe.Title"} {
		projecttree.DeleteMessage(t, tree, pt, msg)
	}
	s := load(t, tree)
	b, _ := s.Bundle(id)

	page := render(b, eventPage(id, "pt"))
	spanish := map[string]bool{}
	for _, msg := range []string{"Title", "Summary", "Quote.perez.Text", "Organization.comision.Name", "Person.ana-perez.Role", "Document.informe.Title"} {
		spanish[space(fixtures.EventMessage(t, tree, id, "es", msg))] = true
	}
	marked := map[string]bool{}
	for _, e := range elements(page) {
		if e.attrs["lang"] == "es" && !strings.HasPrefix(e.tag, "<a") { // the switcher's links carry their own
			marked[e.text] = true
		}
	}
	for text := range spanish {
		found := false
		for m := range marked {
			found = found || strings.Contains(m, text)
		}
		if !found {
			t.Errorf("the Spanish text %q is not marked lang=es in the pt page; marked: %v", text, marked)
		}
	}
	if h1 := elements(page); !hasElement(h1, "<h1", "es") {
		t.Error("the pt page's title is not marked lang=es")
	}
	note := byClass(page, "card-untranslated")
	if len(note) != 1 || note[0].attrs["role"] != "note" || note[0].attrs["lang"] != "" || !strings.Contains(note[0].text, "espanhol") {
		t.Errorf("the pt page's note: %+v", note)
	}
	if strings.Contains(page, `lang="es">`+space(fixtures.EventMessage(t, tree, id, "pt", "Kind"))) {
		t.Error("a translated text is marked lang=es")
	}

	for _, lang := range []string{"es", "en"} {
		page := render(b, eventPage(id, lang))
		if len(byClass(page, "card-untranslated")) != 0 {
			t.Errorf("%s, translated: a note", lang)
		}
		for _, e := range elements(page) {
			if l := e.attrs["lang"]; l != "" && !strings.HasPrefix(e.tag, "<a") && !strings.HasPrefix(e.tag, "<html") && l != lang {
				t.Errorf("%s, translated: %s marked %s", lang, e.tag, l)
			}
		}
	}

	// The browser gets the marks from the page's data.
	back := fixtures.ThroughPage(t, b)
	if v := back.View("pt"); v.TitleLang != "es" || v.Card.SummaryLang != "es" || v.Card.Quotes[0].Lang != "es" || v.Card.Untranslated == "" {
		t.Errorf("pt after the page's data: %+v", v)
	}

	// The index in Portuguese marks the event's Spanish title.
	home, _ := s.Page(card.Path{Kind: card.HomePage, Lang: "pt"})
	index := render(home, card.Path{Kind: card.HomePage, Lang: "pt"})
	n := 0
	for _, e := range byClass(index, "index-title") {
		if e.attrs["lang"] == "es" {
			n++
			if e.text != space(fixtures.EventMessage(t, tree, id, "es", "Title")) {
				t.Errorf("index: %q marked es", e.text)
			}
		}
	}
	if n != 1 {
		t.Errorf("index: %d titles marked es, want 1", n)
	}
}

func hasElement(es []element, tag, lang string) bool {
	for _, e := range es {
		if strings.HasPrefix(e.tag, tag) && e.attrs["lang"] == lang {
			return true
		}
	}
	return false
}
