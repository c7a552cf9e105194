package card

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// renderIndex is the home page when there is more than one event: the events, newest first,
// each a link to its card in the page's language.
func (p *Page) renderIndex() app.UI {
	v := p.view
	return app.Section().Class("index").Aria("labelledby", "index-title").Body(
		app.Header().Class("card-head").Body(
			p.renderSwitcher(),
			app.H1().ID("index-title").Class("card-title").Text(v.Title),
		),
		app.Ul().Class("index-list").Body(
			app.Range(v.Index).Slice(func(i int) app.UI {
				e := v.Index[i]
				return app.Li().Class("index-item").Body(
					app.A().Href(Path{Kind: EventPage, Lang: v.Lang, Event: e.ID}.String()).Body(
						app.Span().Class("card-kind").Text(e.Kind),
						app.Span().Class("index-title").Text(e.Title),
					),
					app.Time().Class("card-date").DateTime(e.DateISO).Text(e.Date),
				)
			}),
		),
	)
}
