// Command floor is the wasm payload's baseline for `make bench` (README, "Performance"): the
// smallest go-app v9 client there is, one trivial component and nothing else, built with the
// card's flags (GOOS=js GOARCH=wasm, -trimpath -ldflags='-s -w'). What the card's app.wasm
// weighs above it is the card's own doing.
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

type hello struct{ app.Compo }

func (*hello) Render() app.UI { return app.H1().Text("Hello") }

func main() {
	app.Route("/", &hello{})
	app.RunWhenOnBrowser()
}
