// Command wasm is the card in the browser: GOOS=js GOARCH=wasm go build -o web/app.wasm ./wasm.
// It holds the component and its data, nothing of the server: no go-i18n, no event files, no
// HTTP handler (each would multiply the download; see the README's "Performance").
package main

import (
	"eventcard/app/card"
	"eventcard/app/component"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	// In the worker that compiles the wasm (web/src/compile.js), a run that only warms it up:
	// the runtime's start and the data's reading, nothing of the page's.
	if data := app.Window().Get("eventcardWarmUp"); data.Truthy() {
		card.ParseData(data.String())
		return
	}
	// The start is five tasks, not one: the runtime's, the data's, go-app's start, its first
	// render, its first update (component.Yield gives the event loop back between them). On a
	// phone the card's frame shares the partner page's event loop, where one long task blocks
	// the page.
	component.Yield("runtime")
	// The server wrote the page's card, in every language, into the page. Without it there is
	// nothing better to show than the prerendered card already on screen: leave it alone
	// rather than let go-app replace it with a "not found" page.
	el := app.Window().Get("document").Call("getElementById", card.DataElementID)
	if !el.Truthy() {
		app.Log("eventcard: no card data in the page; keeping the prerendered card")
		return
	}
	b, err := card.ParseData(el.Get("textContent").String())
	if err != nil {
		app.Log("eventcard: card data unreadable; keeping the prerendered card:", err)
		return
	}
	component.Yield("data")
	component.Route(b)
	app.RunWhenOnBrowser()
}
