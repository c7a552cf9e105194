// Command wasm is the card in the browser: GOOS=js GOARCH=wasm go build -o web/app.wasm ./wasm.
// It holds the component and its data, nothing of the server: no go-i18n, no event files, no
// HTTP handler (each would multiply the download; see the README's "Performance").
package main

import (
	"time"

	"eventcard/app/card"
	"eventcard/app/component"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	// The start is three tasks, not one: the runtime's, the data's, go-app's first render, the
	// event loop given back between them (a sleep returns to JavaScript). On a phone the card's
	// frame shares the partner page's event loop, and one long task there blocks the page.
	yield("runtime")
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
	yield("data")
	component.Route(b)
	app.RunWhenOnBrowser()
}

// yield marks the moment (a performance mark, "eventcard:"+name) and lets the browser run
// whatever waits before going on.
func yield(name string) {
	app.Window().Get("performance").Call("mark", "eventcard:"+name)
	time.Sleep(time.Millisecond)
}
