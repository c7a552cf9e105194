package card

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The card's sections, top to bottom as a reader meets them. Class names are the stylesheet's
// (web/src/card.css), ec-* elements are card.js's (web/src/card/); ids are unique in a frame,
// which holds one card.

func (p *Page) renderCard(now time.Time) app.UI {
	v := p.view
	if v.Error != "" {
		return app.Article().ID(cardID).Class("card card--error").Aria("labelledby", "card-title").Body(
			app.Header().Class("card-head").Body(
				app.H1().ID("card-title").Class("card-title").Text(v.Title),
				p.renderSwitcher(),
			),
			app.P().Class("card-error").Text(v.Error),
		)
	}
	return app.Article().ID(cardID).Class("card").Aria("labelledby", "card-title").Body(
		p.renderHead(now),
		renderOrganizers(v),
		renderSummary(v),
		renderPeople(v),
		renderQuotes(v),
		renderDocuments(v),
		p.renderFold(),
	)
}

// cardID names the card for the fold's button (aria-controls).
const cardID = "card"

// renderFold is the bar at the foot of a framed card. The frame opens at a fixed height, the
// one the loader reserves on the partner's page before the card has loaded: nothing on the
// partner's page moves when it arrives, whatever the language, the fonts or the width. "Show
// all" lets the card grow to its full height. <ec-fold> (web/src/card/fold.js) owns the fold
// (state, button, keys), so it works the same before the wasm starts and without it.
func (p *Page) renderFold() app.UI {
	if !p.embedded() {
		return nil
	}
	l := p.view.Labels
	return app.Elem("ec-fold").Class("card-fold").Body(
		app.Button().Type("button").Class("card-fold-button").Aria("expanded", "false").Aria("controls", cardID).Body(
			app.Span().Class("card-fold-open").Text(l.ShowAll),
			app.Span().Class("card-fold-close").Text(l.ShowLess),
		),
	)
}

func (p *Page) renderHead(now time.Time) app.UI {
	v := p.view
	status, statusClass := v.Labels.Past, "card-status card-status--past"
	if v.Upcoming(now) {
		status, statusClass = v.Labels.Upcoming, "card-status card-status--upcoming"
	}
	return app.Header().Class("card-head").Body(
		p.renderSwitcher(),
		app.P().Class("card-meta").Body(
			app.Span().Class("card-kind").Text(v.Kind),
			app.If(v.Hashtag != "", app.Span().Class("card-tag").Text(v.Hashtag)),
			app.Span().Class(statusClass).Text(status),
			// web/src/card/countdown.js sets it again from the page's data: a page prerendered
			// on another day (a static host's) says today's count.
			app.If(len(v.Countdown) > 0 && v.Upcoming(now), app.Span().Class("card-countdown").Text(v.CountdownAt(now))),
		),
		app.H1().ID("card-title").Class("card-title").Text(v.Title),
		app.P().Class("card-date").Body(
			app.Time().DateTime(v.DateISO).Text(v.Date),
		),
		p.renderActions(v.Upcoming(now)),
	)
}

// renderActions: an upcoming event goes to the visitor's calendar; a past one has its recording
// instead. Share works everywhere (<ec-share>: the Web Share API, or copying the address).
func (p *Page) renderActions(upcoming bool) app.UI {
	v := p.view
	standalone := Path{Kind: EventPage, Lang: v.Lang, Event: p.bundle.Event}.String()
	var main app.UI
	if upcoming {
		main = app.A().Class("card-button").Href(Path{Lang: v.Lang, Event: p.bundle.Event}.Calendar()).Attr("download", p.bundle.Event+".ics").Text(v.Labels.AddToCalendar)
	} else if v.Video.URL != "" {
		main = app.A().Class("card-button").Href(v.Video.URL).Target("_blank").Rel("noopener").Body(
			app.Text(v.Video.Text), srOnly(v.Labels.NewTab),
		)
	}
	return app.Div().Class("card-actions").Body(
		main,
		app.Elem("ec-share").DataSet("url", standalone).DataSet("title", attrText(v.Title)).DataSet("copied", attrText(v.Labels.LinkCopied)).Body(
			app.Button().Type("button").Class("card-share").Text(v.Labels.Share),
			app.Span().Class("card-share-status").Attr("role", "status"),
		),
	)
}

// renderSwitcher lists every language in its own name, each marked with its own lang. Each
// entry is a real link to the card in that language, so it works before and without the wasm;
// the wasm upgrades the click to an in-place switch, which a polite live region announces by
// saying the new language's name, in that language (web/src/card/switched.js does the same after
// a switch that reloaded the page, without the wasm).
func (p *Page) renderSwitcher() app.UI {
	langs := p.bundle.Languages
	announce := app.P().ID("card-langs-status").Class("sr-only").Attr("role", "status").Aria("live", "polite")
	if p.announced != "" {
		announce = announce.Lang(p.view.Lang).Text(p.view.Labels.Name)
	}
	return app.Nav().Class("card-langs").Aria("label", attrText(p.view.Labels.Language)).Body(
		app.Ul().Body(
			app.Range(langs).Slice(func(i int) app.UI {
				l := langs[i]
				a := app.A().
					Href(p.path.In(l.Code).String()).
					HrefLang(l.Code).
					Lang(l.Code).
					Text(l.Name).
					OnClick(func(ctx app.Context, e app.Event) { p.switchTo(ctx, e, l.Code) })
				if l.Code == p.view.Lang {
					// "page", not "true": go-app prerenders the value "true" as a bare
					// attribute, which ARIA reads as false.
					a = a.Aria("current", "page")
				}
				return app.Li().Body(a)
			}),
		),
		announce,
	)
}

func renderOrganizers(v View) app.UI {
	return app.Section().Class("card-section card-organizers").Body(
		app.H2().Text(v.Labels.OrganizedBy),
		app.Ul().Class("card-list").Body(
			app.Range(v.Organizers).Slice(func(i int) app.UI {
				o := v.Organizers[i]
				return app.Li().Body(externalLink(o.Text, o.Note, o.URL, v.Labels.NewTab))
			}),
		),
	)
}

// renderSummary: "read more" is a real button with aria-expanded, owned by <ec-more> like the
// fold (state on <html>, so it survives the wasm's first render), working before the wasm
// starts and if it never does. Without JavaScript the button is hidden and the text shown.
// (A <details>/<summary> was the first version: Chromium exposes a summary as a
// "DisclosureTriangle", not as a button, and screen readers differ on what they say of it.)
func renderSummary(v View) app.UI {
	return app.Section().Class("card-section card-summary").Body(
		app.P().Text(v.Summary),
		app.If(len(v.More) > 0,
			app.Elem("ec-more").Class("card-more").Body(
				app.Button().Type("button").Class("card-more-button").Aria("expanded", "false").Aria("controls", moreID).Body(
					app.Span().Class("card-more-open").Text(v.Labels.ReadMore),
					app.Span().Class("card-more-close").Text(v.Labels.ReadLess),
				),
				app.Div().ID(moreID).Class("card-more-text").Body(
					app.Range(v.More).Slice(func(i int) app.UI { return app.P().Text(v.More[i]) }),
				),
			),
		),
	)
}

// moreID names the rest of the summary for its button (aria-controls).
const moreID = "card-more-text"

func renderPeople(v View) app.UI {
	return app.Section().Class("card-section card-people").Body(
		app.H2().Text(v.Labels.Speakers),
		app.Ul().Class("card-people-list").Body(
			app.Range(v.People).Slice(func(i int) app.UI {
				s := v.People[i]
				return app.Li().Class("card-person").Body(
					app.Span().Class("card-person-name").Text(s.Name),
					app.If(s.Moderator, app.Span().Class("card-badge").Text(v.Labels.Moderator)),
					app.Span().Class("card-person-role").Body(
						app.Text(s.Role),
						app.If(s.Organization.Text != "",
							app.Text(" · "),
							externalLink(s.Organization.Text, "", s.Organization.URL, v.Labels.NewTab),
						),
					),
				)
			}),
		),
	)
}

func renderQuotes(v View) app.UI {
	if len(v.Quotes) == 0 {
		return nil
	}
	return app.Section().Class("card-section card-quotes").Body(
		app.H2().Text(v.Labels.Highlights),
		app.Range(v.Quotes).Slice(func(i int) app.UI {
			q := v.Quotes[i]
			return app.Figure().Class("card-quote").Body(
				app.Blockquote().Body(app.P().Text(q.Text)),
				app.FigCaption().Body(
					app.Span().Class("card-person-name").Text(q.Author),
					app.Text(", "+q.Role),
				),
			)
		}),
	)
}

func renderDocuments(v View) app.UI {
	if len(v.Documents) == 0 {
		return nil
	}
	return app.Section().Class("card-section card-documents").Body(
		app.H2().Text(v.Labels.Documents),
		app.Ul().Class("card-list").Body(
			app.Range(v.Documents).Slice(func(i int) app.UI {
				d := v.Documents[i]
				return app.Li().Body(
					externalLink(d.Text, "", d.URL, v.Labels.NewTab),
					app.Span().Class("card-note").Text(d.Note),
				)
			}),
		),
	)
}

// externalLink opens url in a new tab (rel=noopener: the partner's page and ours stay out of
// the opened page's reach); without url the text stands alone.
func externalLink(text, note, url, newTab string) app.UI {
	if url == "" {
		return app.Span().Body(app.Text(text), noteOf(note))
	}
	return app.A().Href(url).Target("_blank").Rel("noopener").Body(
		app.Text(text), noteOf(note), srOnly(newTab),
	)
}

func noteOf(note string) app.UI {
	if note == "" {
		return nil
	}
	return app.Text(" (" + note + ")")
}

func srOnly(text string) app.UI {
	return app.Span().Class("sr-only").Text(" " + text)
}
