package e2e

// Texts not translated yet (README, "Translations"): in a language where some of an event's
// texts are not translated, the card shows them in the event's own language, each marked with
// its lang, under a note in the card's language; prerendered, once the wasm runs, and after a
// switch in place to a translated language and back.

import (
	"regexp"
	"strings"
	"testing"

	"eventcard/app/card"
	"eventcard/app/views"
)

// untranslatedCard reads what a visitor and a screen reader get of the texts of the card in d.
const untranslatedCard = `(() => {
  const q = (s) => document.querySelector(s);
  const note = q(".card-untranslated");
  return {
    Lang: document.documentElement.lang,
    Title: q("h1").textContent, TitleLang: q("h1").getAttribute("lang") ?? "",
    Summary: q(".card-summary > p").textContent, SummaryLang: q(".card-summary > p").getAttribute("lang") ?? "",
    Note: note ? note.textContent : "", NoteRole: note ? note.getAttribute("role") : "", NoteLang: note ? (note.closest("[lang]").getAttribute("lang")) : "",
    Marked: [...document.querySelectorAll("article [lang]")].filter(e => !e.closest(".card-langs")).map(e => e.getAttribute("lang") + ":" + e.textContent.trim()),
  };
})()`

type untranslatedText struct {
	Lang, Title, TitleLang, Summary, SummaryLang, Note, NoteRole, NoteLang string
	Marked                                                                 []string
}

func TestUntranslatedTextsInThePage(t *testing.T) {
	tree := editableTree(t)
	pt, fr := "locales/events/"+eventID+"/active.pt.toml", "locales/events/"+eventID+"/active.fr.toml"
	delete(tree, pt)
	summary := regexp.MustCompile(`(?m)^Summary = .*\n`)
	if !summary.Match(tree[fr].Data) {
		t.Fatalf("%s: no Summary line", fr)
	}
	f := *tree[fr]
	f.Data = summary.ReplaceAll(f.Data, nil)
	tree[fr] = &f

	// What the server makes of it: the texts to expect.
	set, err := views.Load(tree, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := set.Bundle(eventID)
	want := func(lang string) card.View { return b.View(lang) }
	es := want("es")
	if want("pt").Card.Untranslated == "" || want("fr").Card.Untranslated == "" || want("en").Card.Untranslated != "" {
		t.Fatal("the server's views do not say which texts are not translated")
	}

	check := func(t *testing.T, got untranslatedText, lang string) {
		t.Helper()
		v := want(lang)
		switch lang {
		case "pt": // nothing translated: every text of the event in Spanish, marked
			if got.Title != es.Title || got.TitleLang != "es" || got.Summary != es.Card.Summary || got.SummaryLang != "es" {
				t.Errorf("pt: title %q (lang %q), summary %q (lang %q); want the Spanish ones marked es", got.Title, got.TitleLang, got.Summary, got.SummaryLang)
			}
		case "fr": // the summary alone in Spanish
			if got.Title != v.Title || got.TitleLang != "" || got.Summary != es.Card.Summary || got.SummaryLang != "es" {
				t.Errorf("fr: title %q (lang %q), summary %q (lang %q); want the French title, the Spanish summary marked es", got.Title, got.TitleLang, got.Summary, got.SummaryLang)
			}
		default: // translated: nothing marked, no note
			if got.TitleLang != "" || got.SummaryLang != "" || got.Note != "" || len(got.Marked) != 0 {
				t.Errorf("%s, translated: marked %q, note %q", lang, got.Marked, got.Note)
			}
		}
		if got.Lang != lang {
			t.Errorf("the page's lang is %q, want %s", got.Lang, lang)
		}
		if v.Card.Untranslated != "" && (got.Note != v.Card.Untranslated || got.NoteRole != "note" || got.NoteLang != lang) {
			t.Errorf("%s: note %q (role %q, in %q), want %q in %s", lang, got.Note, got.NoteRole, got.NoteLang, v.Card.Untranslated, lang)
		}
		for _, m := range got.Marked {
			if !strings.HasPrefix(m, "es:") {
				t.Errorf("%s: %q marked in another language than the event's", lang, m)
			}
		}
	}

	s := newSite(t, siteOptions{Tree: tree})
	inEveryEngine(t, func(t *testing.T, br browser) {
		tab := br.newTab(t)
		tab.open(t, s.widget+card.Path{Kind: card.EventPage, Lang: "pt", Event: eventID}.String())
		waitFor(t, tab, wasmStarted)
		check(t, eval[untranslatedText](t, tab, untranslatedCard), "pt")
		// In place: to a translated language, to a partly translated one, and back.
		for _, lang := range []string{"en", "fr", "pt"} {
			tab.click(t, tab, langLink(lang))
			waitFor(t, tab, `document.documentElement.lang === `+quoted(lang))
			check(t, eval[untranslatedText](t, tab, untranslatedCard), lang)
		}
	})

	// The embed a partner's Portuguese page gets, in its frame, before a switch and after.
	t.Run("embed", func(t *testing.T) {
		host := chromiumEngine{}.newTab(t)
		host.open(t, s.page("/pt.html", pageOptions{Lang: "pt", Snippet: snippet}))
		frame := host.frame(t, s.widget)
		waitFor(t, frame, wasmStarted+` && document.documentElement.lang === "pt"`)
		check(t, eval[untranslatedText](t, frame, untranslatedCard), "pt")
		host.click(t, frame, langLink("es"))
		waitFor(t, frame, `document.documentElement.lang === "es"`)
		check(t, eval[untranslatedText](t, frame, untranslatedCard), "es")
	})
}
