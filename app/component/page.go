// Package component is the go-app component that renders every page of the card: the card
// itself, framed or standalone, the index, the snippet builder and the missing card; the same
// code on the server (prerender) and in the browser (wasm).
package component

import (
	"time"

	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Page is the card as a page: standalone (/, /events/{id}/) or framed on a partner's site
// (/embed/{id}/), each also under /{lang}/ (see card.Path). Its state is unexported on purpose:
// go-app copies a fresh component's exported fields over the mounted one when it navigates to
// the same route.
type Page struct {
	app.Compo

	path   card.Path // the page's address, as parsed; path.Lang as the address names it
	origin string    // the widget's origin, for the addresses a partner copies

	bundle    *card.Bundle
	view      card.View
	announced string // the language a switch moved to: the live region says its name

	// Browser-only state: go-app tells the component about installs and updates.
	installable bool // standalone page, and the browser offers to install the app
	updateReady bool // a new version has been downloaded
	builder     builderState
}

// Yield marks the moment in the browser (a performance mark, "eventcard:"+name) and gives the
// event loop back before going on. The card's start in the browser is several tasks, not one:
// on a phone the card's frame most often shares the partner page's event loop, where a long
// task blocks the page. It waits for a JavaScript timer, not a sleep: Go returns to JavaScript
// only when no goroutine can run, and a sleep that is over by then (the runtime's own goroutines
// ran past it) does not return at all.
func Yield(name string) {
	if !app.IsClient { // go-app's client tester, outside a browser: no event loop to give back
		return
	}
	app.Window().Get("performance").Call("mark", "eventcard:"+name)
	done := make(chan struct{})
	var f app.Func
	f = app.FuncOf(func(app.Value, []app.Value) any {
		f.Release()
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", f)
	<-done
}

// Prerendered is the page at path as the server renders it: b's card in path's language (the
// server renders every page at its canonical address, the language in the path). origin is
// the widget's public origin.
func Prerendered(b *card.Bundle, path card.Path, origin string) *Page {
	return &Page{bundle: b, path: path, origin: origin, view: b.View(path.Lang)}
}

// Route makes every card page a go-app route in the browser, showing b: the data the server
// wrote into the page, whatever its address.
func Route(b *card.Bundle) {
	app.RouteWithRegexpFunc(card.PathPattern, func() app.Composer { return &Page{bundle: b} })
}

// OnInit runs before the first render, in the browser (the server renders without mounting).
// It reads the address and picks the language at once, so that the first render equals the
// prerendered HTML it replaces: go-app does not hydrate, and a difference would flash.
func (p *Page) OnInit() {
	if !app.IsClient {
		return
	}
	Yield("route") // go-app's start so far (its store, the address, the route) is one task
	u := app.Window().URL()
	p.path, _ = card.ParsePath(u.Path)
	p.origin = u.Scheme + "://" + u.Host
	p.view = p.bundle.View(clientLang(p, u))
}

// OnMount runs in the browser once the card has replaced the prerendered one: the document's
// language and title follow the card's, and the page's data, read, goes with the prerendered
// card (its absence tells the page's script and the tests that the wasm runs the card).
func (p *Page) OnMount(ctx app.Context) {
	// The first render and mount is one task; go-app updates (renders again and compares) every
	// component it has mounted at its next frame, which has come by then: another.
	Yield("mount")
	p.describe(ctx)
	p.OnAppInstallChange(ctx)
	if data := app.Window().GetElementByID(card.DataElementID); data.Truthy() {
		data.Call("remove")
	}
}

// OnAppInstallChange is go-app's install hook: the standalone page offers to install the app
// when the browser does. Never in a partner's frame (browsers do not offer it there anyway).
func (p *Page) OnAppInstallChange(ctx app.Context) {
	p.installable = !p.embedded() && ctx.IsAppInstallable()
}

// OnAppUpdate is go-app's update hook: a new version has been installed by the service worker.
// The page says so instead of showing the old one forever.
func (p *Page) OnAppUpdate(ctx app.Context) {
	p.updateReady = true
}

func (p *Page) embedded() bool { return p.path.Kind == card.EmbedPage }

// Head is what the document says of the page: its language, its title and its description.
// In a frame the title names the frame for screen readers (the loader copies it onto the
// iframe element).
type Head struct{ Lang, Title, Description string }

// Head is the document's head as the card shows it now.
func (p *Page) Head() Head {
	h := Head{Lang: p.view.Lang, Title: p.view.Title}
	if c := p.view.Card; c != nil {
		h.Description = c.Summary
		if p.embedded() {
			h.Title = p.view.Labels.FrameTitle
		}
	}
	return h
}

// describe makes the browser's document say what the card says (the server writes the same
// Head into the page it renders).
func (p *Page) describe(ctx app.Context) {
	h := p.Head()
	ctx.Page().SetLang(h.Lang)
	ctx.Page().SetTitle(h.Title)
	if h.Description != "" {
		ctx.Page().SetDescription(h.Description)
	}
}

// switchTo is the language links' click handler.
func (p *Page) switchTo(ctx app.Context, e app.Event, lang string) {
	if p.bundle == nil || !p.bundle.Has(lang) {
		return // let the link do it: the server knows the language
	}
	e.PreventDefault()
	p.Show(ctx, lang)
}

// Show shows the card in lang, in place: no reload, no navigation, focus where it was. The
// visitor's choice is remembered for the next visit.
func (p *Page) Show(ctx app.Context, lang string) {
	if p.bundle == nil || !p.bundle.Has(lang) {
		return
	}
	p.view = p.bundle.View(lang)
	p.announced = lang
	// The document says the new language once the card does: after this update is rendered.
	ctx.Defer(p.describe)
	rememberLang(lang)
	if !p.embedded() {
		// A shared link opens in the language the visitor was reading. Replace, not push:
		// switching languages is not a page to go back to.
		u := *ctx.Page().URL()
		u.Path, u.RawQuery = p.path.In(lang).String(), ""
		ctx.Page().ReplaceURL(&u)
	}
}

// Lang is the language the card shows.
func (p *Page) Lang() string { return p.view.Lang }

// Render draws the page.
func (p *Page) Render() app.UI {
	if p.bundle == nil {
		// A route go-app mounts before the data is known: nothing to show yet.
		return app.Div().Class("page")
	}
	class := "page"
	if p.embedded() {
		class += " page--embed"
	}
	var body app.UI
	now := time.Now()
	switch v := p.view; {
	case v.Builder != nil:
		body = p.renderBuilder(now)
	case v.Index != nil:
		body = p.renderIndex(v.Index, now)
	case v.Card != nil:
		body = p.renderCard(v.Card, now)
	default:
		body = p.renderMissing()
	}
	return app.Div().Class(class).Body(
		p.renderHeader(),
		app.Main().Class("page-main").Body(body),
		p.renderFooter(),
	)
}

// renderHeader is a standalone page's header: the organisation whose events these are (its logo
// and name, a link back to its site), the list of events, and the page's notices. A framed card
// has none: the partner's page is its context.
func (p *Page) renderHeader() app.UI {
	if p.embedded() {
		return nil
	}
	l := p.view.Labels
	return app.Header().Class("page-header").Body(
		p.renderOrganization("page-org"),
		app.Nav().Class("page-nav").Aria("label", attrText(l.Organization)).Body(
			app.A().Class("page-nav-link").Href(card.Path{Kind: card.HomePage, Lang: p.view.Lang}.String()).Text(l.EventsIndex),
			p.renderNotices(),
		),
	)
}

// renderFooter is a standalone page's foot: the organisation again, and its site's address.
func (p *Page) renderFooter() app.UI {
	if p.embedded() {
		return nil
	}
	return app.Footer().Class("page-footer").Body(p.renderOrganization("page-footer-org"))
}

// renderOrganization is the organisation's logo (decorative: its name follows) and name, a link
// to its site when it has one.
func (p *Page) renderOrganization(class string) app.UI {
	b := p.bundle.Brand
	body := []app.UI{
		maybe(b.Logo != "", func() app.UI { return app.Img().Class("page-logo").Src(b.Logo).Alt("").Width(32).Height(32) }),
		app.Span().Class("page-org-name").Text(p.view.Labels.Organization),
	}
	if b.URL == "" {
		return app.Span().Class(class).Body(body...)
	}
	return app.A().Class(class).Href(b.URL).Body(body...)
}

// renderNotices is the header's bar: the update notice and the install button, when they apply.
func (p *Page) renderNotices() app.UI {
	if !p.updateReady && !p.installable {
		return nil
	}
	l := p.view.Labels
	return app.Div().Class("page-bar").Body(
		app.If(p.updateReady,
			app.P().Class("page-notice").Attr("role", "status").Body(
				app.Text(l.UpdateReady+" "),
				app.Button().Type("button").Class("page-button").Text(l.Reload).OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			),
		),
		app.If(p.installable,
			app.Button().Type("button").Class("page-button").Text(l.Install).OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() }),
		),
	)
}
