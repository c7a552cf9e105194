package component

import (
	"net/url"

	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// clientLang is the language the browser shows first. The server already chose one and wrote it
// as <html lang>; a choice the visitor made earlier in this card wins over it, except on a
// standalone page whose address names a language (a shared link opens in its language).
func clientLang(p *Page, u *url.URL) string {
	page := app.Window().Get("document").Get("documentElement").Get("lang").String()
	if !p.embedded() && (p.path.Lang != "" || u.Query().Get("lang") != "") {
		return page
	}
	if stored := storedLang(); p.bundle.Has(stored) {
		return stored
	}
	return page
}

// storedLang reads the visitor's choice. Storage throws when cookies are blocked: that must
// cost the memory of the choice, never the card.
func storedLang() (lang string) {
	defer func() {
		if recover() != nil {
			lang = ""
		}
	}()
	v := app.Window().Get("localStorage").Call("getItem", card.StorageKey)
	if v.Truthy() {
		return v.String()
	}
	return ""
}

func rememberLang(lang string) {
	defer func() { recover() }()
	app.Window().Get("localStorage").Call("setItem", card.StorageKey, lang)
}
