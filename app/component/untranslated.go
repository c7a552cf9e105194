package component

import (
	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// An event's texts that are not translated into the card's language yet are shown in the
// event's own language, each marked with its lang (screen readers then read it in that
// language, and browsers hyphenate and spell it as such), under a short note in the card's
// language that says so (README, "Translations"). Fully translated, the card is as before.

// renderUntranslated is the note of a card some of whose texts are not translated yet.
func renderUntranslated(c *card.Card) app.UI {
	if c.Untranslated == "" {
		return nil
	}
	return app.P().Class("card-alert card-untranslated").Attr("role", "note").Text(c.Untranslated)
}

// withLang marks element e as being in lang, when lang is set: a text in another language
// than the page's.
func withLang[E interface{ Lang(string, ...any) E }](e E, lang string) E {
	if lang == "" {
		return e
	}
	return e.Lang(lang)
}

// inLang is text, in a span of its own language when lang is set.
func inLang(text, lang string) app.UI {
	if lang == "" {
		return app.Text(text)
	}
	return app.Span().Lang(lang).Text(text)
}
