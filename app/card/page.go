package card

import (
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Page is the card as a page: standalone (/, /events/{id}/) or framed on a partner's site
// (/embed/{id}/), each also under /{lang}/ (see Path). Its state is unexported on purpose: go-app
// copies a fresh component's exported fields over the mounted one when it navigates to the
// same route.
type Page struct {
	app.Compo

	src    Source
	path   Path   // the page's address, as parsed; path.Lang as the address names it
	origin string // the widget's origin, for the addresses a partner copies

	bundle    *Bundle
	view      View
	announced string // the language a switch moved to: the live region says its name

	// Browser-only state: go-app tells the component about installs and updates.
	installable bool // standalone page, and the browser offers to install the app
	updateReady bool // a new version has been downloaded
	builder     builderState
}

// OnInit runs before the first render on both sides. In the browser it picks the card and the
// language at once, so that the first client render equals the prerendered HTML it replaces
// (go-app does not hydrate: a difference would flash).
func (p *Page) OnInit() {
	if app.IsClient {
		p.load(app.Window().URL(), clientLang)
	}
}

// OnPreRender runs on the server, which renders every page at its canonical address, the
// language in the path (see server.renderPage). That address is the page's og:url.
func (p *Page) OnPreRender(ctx app.Context) {
	u := *ctx.Page().URL()
	p.load(&u, func(p *Page, _ *url.URL) string { return p.path.Lang })
	u.Path, u.RawQuery = p.path.String(), ""
	ctx.Page().ReplaceURL(&u)
	p.describe(ctx)
}

// OnMount runs in the browser: the document's language and title follow the card's.
func (p *Page) OnMount(ctx app.Context) {
	p.describe(ctx)
	p.OnAppInstallChange(ctx)
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

// load reads the page's address and picks its card, then its language with choose.
func (p *Page) load(u *url.URL, choose func(*Page, *url.URL) string) {
	if p.src == nil {
		p.src = sourceOf(u)
	}
	p.path, _ = ParsePath(u.Path)
	p.origin = u.Scheme + "://" + u.Host
	p.bundle, _ = p.src.Page(p.path)
	p.view = p.bundle.View(choose(p, u))
}

func (p *Page) embedded() bool { return p.path.Kind == EmbedPage }

// describe makes the document say what the card says: <html lang> and <title>. In a frame the
// title names the frame for screen readers (the loader copies it onto the iframe element).
func (p *Page) describe(ctx app.Context) {
	ctx.Page().SetLang(p.view.Lang)
	if p.embedded() && p.view.Error == "" {
		ctx.Page().SetTitle(attrText(p.view.Labels.FrameTitle))
	} else {
		ctx.Page().SetTitle(attrText(p.view.Title))
	}
	if p.view.Summary != "" {
		ctx.Page().SetDescription(attrText(p.view.Summary))
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

// Render draws the page: the card and, on the server only, the data the wasm starts from.
func (p *Page) Render() app.UI {
	if p.bundle == nil {
		// go-app may render once on the server before OnPreRender: nothing to show yet.
		return app.Div().Class("page")
	}
	class := "page"
	if p.embedded() {
		class += " page--embed"
	}
	var body app.UI
	switch {
	case p.path.Kind == BuilderPage:
		body = p.renderBuilder()
	case p.path.Kind == HomePage && len(p.view.Index) > 0:
		body = p.renderIndex()
	default:
		body = p.renderCard(time.Now())
	}
	return app.Div().Class(class).Body(
		p.renderNotices(),
		app.Main().Class("page-main").Body(body),
		p.renderData(),
	)
}

// renderNotices is the page's bar: the update notice and the install button, when they apply.
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

// renderData writes the bundle into the prerendered page. The browser has read it before it
// renders (see wasm/main.go), so it renders nothing there.
func (p *Page) renderData() app.UI {
	if app.IsClient {
		return nil
	}
	data, err := Data(p.bundle)
	if err != nil {
		app.Log("card data:", err)
		return nil
	}
	return app.Raw(data)
}
