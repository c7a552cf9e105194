package views

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
)

// The policy for an event's texts not translated into a language yet, or translated from an
// older text (README, "Translations"): the card in that language shows the event's own text,
// marked with its language, and a short note in the card's language says so. The interface is
// always translated (the catalog refuses to load otherwise). What other programs read (the
// calendar file, the structured data, the feeds) is never mixed: Facts gives them the event in
// its own language instead (site.go).

// markUntranslated marks the texts of v, event e's card in l's language, that u lists, with
// the language they are shown in, and adds the note when the card shows any.
func markUntranslated(v *card.View, e *content.Event, l *i18n.Localizer, u i18n.Untranslated) {
	shown := false
	mark := func(id string) string {
		if !u.IDs[id] {
			return ""
		}
		shown = true
		return u.Source
	}
	c := v.Card
	v.TitleLang = mark("Title")
	c.KindLang, c.SummaryLang = mark("Kind"), mark("Summary")
	if len(c.More) > 0 {
		c.MoreLang = mark("More")
	}
	if c.Banner != nil && c.Banner.Alt != "" {
		if lang := mark("Image.Alt"); lang != "" {
			pic := *c.Banner // Pictures may share it between languages
			pic.AltLang = lang
			c.Banner = &pic
		}
	}
	short := func(o *content.Organization) string { return mark("Organization." + o.ID + ".Short") }
	for i, o := range e.Organizers {
		c.Organizers[i].Lang = mark("Organization." + o.ID + ".Name")
		if c.Organizers[i].Note != "" {
			c.Organizers[i].NoteLang = short(o)
		}
	}
	for i, p := range e.People {
		c.People[i].RoleLang = mark("Person." + p.ID + ".Role")
		if p.Organization != nil {
			c.People[i].Organization.Lang = short(p.Organization)
		}
	}
	for i, q := range e.Quotes {
		c.Quotes[i].Lang = mark("Quote." + q.ID + ".Text")
		c.Quotes[i].RoleLang = mark("Person." + q.Person.ID + ".Role")
	}
	for i, d := range e.Documents {
		c.Documents[i].Lang = mark("Document." + d.ID + ".Title")
		c.Documents[i].NoteLang = short(d.Publisher)
	}
	if shown {
		c.Untranslated = l.Text(i18n.UntranslatedNote, map[string]any{"Language": languageName(u.Source, l.Lang())})
	}
}

// languageName is the name of language code in language in, as a sentence writes it ("inglés",
// "Spanish"): CLDR's, through x/text (server side only).
func languageName(code, in string) string {
	return display.Languages(language.Make(in)).Name(language.Make(code))
}
