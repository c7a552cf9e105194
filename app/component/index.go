package component

import (
	"time"

	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderIndex is the home page when there is more than one event: the upcoming events, the
// soonest first, then the past ones, the most recent first, each a link to its card in the
// page's language.
func (p *Page) renderIndex(x *card.Index, now time.Time) app.UI {
	v := p.view
	upcoming, past := x.Split(now)
	return app.Section().Class("index").Aria("labelledby", "index-title").Body(
		app.Header().Class("card-head").Body(
			p.renderSwitcher(),
			app.H1().ID("index-title").Class("card-title").Text(v.Title),
		),
		p.renderIndexList("index-upcoming", x.UpcomingLabel, upcoming),
		p.renderIndexList("index-past", x.PastLabel, past),
	)
}

func (p *Page) renderIndexList(id, heading string, events []card.Summary) app.UI {
	if len(events) == 0 {
		return nil
	}
	return app.Section().Class("index-group").Aria("labelledby", id).Body(
		app.H2().ID(id).Text(heading),
		app.Ul().Class("index-list").Body(
			app.Range(events).Slice(func(i int) app.UI {
				e := events[i]
				// A card of its own: its banner (or a tinted band), its kind, its title (the link,
				// stretched over the whole card by the stylesheet), its date and status.
				return app.Li().Class("index-item").Body(
					indexPicture(e.Banner),
					app.Div().Class("index-text").Body(
						withLang(app.Span().Class("card-kind"), e.KindLang).Text(e.Kind),
						withLang(app.H3().Class("index-title"), e.TitleLang).Body(
							app.A().Href(card.Path{Kind: card.EventPage, Lang: p.view.Lang, Event: e.ID}.String()).Text(e.Title),
						),
						app.Time().Class("index-when").DateTime(e.ISO).Text(e.Date),
						maybe(e.Status != nil, func() app.UI {
							return app.Span().Class("index-status index-status--" + e.Status.Code).Text(e.Status.Text)
						}),
					),
				)
			}),
		),
	)
}

// indexPicture is an event's banner at the size of a card of the grid, or its place tinted.
func indexPicture(pic *card.Picture) app.UI {
	if pic == nil {
		return app.Div().Class("index-picture index-picture--none")
	}
	small := *pic
	small.Sizes = "(min-width: 48rem) 22rem, 100vw"
	return renderPicture(&small, "index-picture", false)
}
