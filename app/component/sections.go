package component

import (
	"time"

	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The card's sections, top to bottom as a reader meets them. Class names are the stylesheet's
// (web/src/card.css); ids are unique in a frame, which holds one card.

// cardID names the card for the fold's button (aria-controls).
const cardID = "card"

func (p *Page) renderCard(c *card.Card, now time.Time) app.UI {
	return app.Article().ID(cardID).Class("card card--"+c.Attendance.Code).Aria("labelledby", "card-title").Body(
		renderPicture(c.Banner, "card-banner", true),
		p.renderHead(c, now),
		renderLinks("card-organizers", p.view.Labels.OrganizedBy, c.Organizers, p.view.Labels.NewTab),
		renderSummary(c, p.view.Labels),
		renderPeople(c, p.view.Labels),
		renderQuotes(c, p.view.Labels),
		renderLinks("card-documents", p.view.Labels.Documents, c.Documents, p.view.Labels.NewTab),
		p.renderFold(),
	)
}

// renderMissing is the card of an event that does not exist: a short message, and the switcher.
func (p *Page) renderMissing() app.UI {
	return app.Article().ID(cardID).Class("card card--missing").Aria("labelledby", "card-title").Body(
		app.Header().Class("card-head").Body(
			app.H1().ID("card-title").Class("card-title").Text(p.view.Title),
			p.renderSwitcher(),
		),
		app.P().Class("card-missing").Text(p.view.Missing),
	)
}

// renderFold is the bar at the foot of a framed card. The frame opens at a fixed height, the
// one the loader reserves on the partner's page before the card has loaded: nothing on the
// partner's page moves when it arrives. "Show all" lets the card grow to its full height.
// <ec-fold> owns it (state, button, keys), so it works the same before the wasm starts and
// without it.
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

// renderHead is what a visitor needs first: whether the event is still on, what it is, when,
// where or how to take part, and what to do.
func (p *Page) renderHead(c *card.Card, now time.Time) app.UI {
	return app.Header().Class("card-head").Body(
		p.renderSwitcher(),
		renderUntranslated(c),
		maybe(c.Status != nil, func() app.UI {
			return app.P().Class("card-alert card-alert--" + c.Status.Code).Text(c.Status.Text)
		}),
		p.renderMeta(c, now),
		withLang(app.H1().ID("card-title").Class("card-title"), p.view.TitleLang).Text(p.view.Title),
		renderWhen(c.When),
		renderWhere(c.Where, p.view.Labels.NewTab),
		p.renderActions(c, now),
	)
}

// renderMeta is the row of chips: the kind of event, how to take part, its hashtag, and for an
// event still on, whether it is coming or past, and how soon.
func (p *Page) renderMeta(c *card.Card, now time.Time) app.UI {
	l := p.view.Labels
	on := c.Status == nil || c.Status.Code == "rescheduled" || c.Status.Code == "moved-online"
	upcoming := c.Upcoming(now)
	status, statusClass := l.Past, "card-status card-status--past"
	if upcoming {
		status, statusClass = l.Upcoming, "card-status card-status--upcoming"
	}
	return app.P().Class("card-meta").Body(
		withLang(app.Span().Class("card-kind"), c.KindLang).Text(c.Kind),
		app.Span().Class("card-attendance").Text(c.Attendance.Text),
		maybe(c.Hashtag != "", func() app.UI { return app.Span().Class("card-tag").Text(c.Hashtag) }),
		maybe(on, func() app.UI { return app.Span().Class(statusClass).Text(status) }),
		// The card's script sets it again from the page's data before the first paint: a page
		// prerendered on another day (a static host's) says today's count.
		maybe(on && upcoming && len(c.When.Countdown) > 0, func() app.UI {
			return app.Span().Class("card-countdown").Text(c.CountdownAt(now))
		}),
	)
}

// renderWhen is the date; a timed event's time in the visitor's zone, which <ec-local-time>
// writes in the browser when it differs; a rescheduled event's former date, struck through.
func renderWhen(w card.When) app.UI {
	return app.P().Class("card-when").Body(
		app.Time().DateTime(w.ISO).Text(w.Text),
		maybe(!w.Start.IsZero(), func() app.UI {
			t := app.Elem("ec-local-time").Class("card-local-time").
				Attr("start", w.Start.UTC().Format(time.RFC3339)).Attr("zone", w.Zone).Attr("label", attrText(w.LocalLabel))
			if !w.End.IsZero() {
				t = t.Attr("end", w.End.UTC().Format(time.RFC3339))
			}
			return t
		}),
		maybe(w.Former != "", func() app.UI {
			return app.Span().Class("card-former").Body(
				app.Span().Class("sr-only").Text(w.FormerLabel+" "),
				app.Del().Text(w.Former),
			)
		}),
	)
}

// renderWhere is the venue: its name, its address, and a link to directions on a map site.
func renderWhere(w *card.Where, newTab string) app.UI {
	if w == nil {
		return nil
	}
	return app.Address().Class("card-where").Body(
		app.Span().Class("sr-only").Text(w.Label+": "),
		app.Span().Class("card-venue").Text(w.Name),
		app.Range(w.Address).Slice(func(i int) app.UI { return app.Span().Class("card-address").Text(w.Address[i]) }),
		maybe(w.Map != nil, func() app.UI {
			return app.Span().Class("card-directions").Body(externalLink(w.Map.Text, "", w.Map.URL, newTab))
		}),
	)
}

// renderActions: the actions that apply at now, the first one the card's main button; then
// Share, everywhere (<ec-share>: the Web Share API, or copying the address).
func (p *Page) renderActions(c *card.Card, now time.Time) app.UI {
	l := p.view.Labels
	actions := c.ActionsAt(now)
	standalone := card.Path{Kind: card.EventPage, Lang: p.view.Lang, Event: p.bundle.Event}.String()
	return app.Div().Class("card-actions").Body(
		app.Range(actions).Slice(func(i int) app.UI {
			a := actions[i]
			class := "card-button card-button--" + a.Kind
			if i > 0 {
				class += " card-button--more"
			}
			link := app.A().Class(class).Href(a.URL)
			if a.Download != "" {
				link = link.Attr("download", a.Download)
			}
			if a.External {
				link = link.Target("_blank").Rel("noopener")
			}
			return app.Span().Class("card-action").Body(
				link.Body(app.Text(a.Text), maybe(a.External, func() app.UI { return srOnly(l.NewTab) })),
				maybe(a.Note != "", func() app.UI { return app.Span().Class("card-note").Text(a.Note) }),
			)
		}),
		app.Elem("ec-share").DataSet("url", standalone).DataSet("title", attrText(p.view.Title)).DataSet("copied", attrText(l.LinkCopied)).Body(
			app.Button().Type("button").Class("card-share").Text(l.Share),
			app.Span().Class("card-share-status").Attr("role", "status"),
		),
	)
}

// renderSwitcher lists every language in its own name, each marked with its own lang. Each
// entry is a real link to the card in that language, so it works before and without the wasm;
// the wasm upgrades the click to an in-place switch, which a polite live region announces by
// saying the new language's name, in that language (the card's script does the same after a
// switch that reloaded the page, without the wasm).
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

// renderLinks is a section of links (the organizers, the documents) under its heading.
func renderLinks(class, heading string, links []card.Link, newTab string) app.UI {
	if len(links) == 0 {
		return nil
	}
	return app.Section().Class("card-section "+class).Body(
		app.H2().Text(heading),
		app.Ul().Class("card-list").Body(
			app.Range(links).Slice(func(i int) app.UI {
				return app.Li().Body(linkOf(links[i], newTab))
			}),
		),
	)
}

// renderSummary: "read more" is a real button with aria-expanded, owned by <ec-more> like the
// fold (state on <html>, so it survives the wasm's first render), working before the wasm
// starts and if it never does. Without JavaScript the button is hidden and the text shown.
// (A <details>/<summary> was the first version: Chromium exposes a summary as a
// "DisclosureTriangle", not as a button, and screen readers differ on what they say of it.)
func renderSummary(c *card.Card, l card.Labels) app.UI {
	return app.Section().Class("card-section card-summary").Body(
		withLang(app.P(), c.SummaryLang).Text(c.Summary),
		maybe(len(c.More) > 0, func() app.UI {
			return app.Elem("ec-more").Class("card-more").Body(
				app.Button().Type("button").Class("card-more-button").Aria("expanded", "false").Aria("controls", moreID).Body(
					app.Span().Class("card-more-open").Text(l.ReadMore),
					app.Span().Class("card-more-close").Text(l.ReadLess),
				),
				withLang(app.Div().ID(moreID).Class("card-more-text"), c.MoreLang).Body(
					app.Range(c.More).Slice(func(i int) app.UI { return app.P().Text(c.More[i]) }),
				),
			)
		}),
	)
}

// moreID names the rest of the summary for its button (aria-controls).
const moreID = "card-more-text"

func renderPeople(c *card.Card, l card.Labels) app.UI {
	if len(c.People) == 0 {
		return nil
	}
	return app.Section().Class("card-section card-people").Body(
		app.H2().Text(l.Speakers),
		app.Ul().Class("card-people-list").Body(
			app.Range(c.People).Slice(func(i int) app.UI {
				s := c.People[i]
				name := app.UI(app.Span().Class("card-person-name").Text(s.Name))
				if s.URL != "" {
					name = externalLink(s.Name, "", s.URL, l.NewTab)
				}
				return app.Li().Class("card-person").Body(
					renderFace(s),
					app.Span().Class("card-person-text").Body(
						name,
						maybe(s.Badge != "", func() app.UI { return app.Span().Class("card-badge").Text(s.Badge) }),
						app.Span().Class("card-person-role").Body(
							inLang(s.Role, s.RoleLang),
							maybe(s.Organization.Text != "", func() app.UI {
								return app.Span().Body(app.Text(" · "), linkOf(s.Organization, l.NewTab))
							}),
						),
					),
				)
			}),
		),
	)
}

// renderFace is a speaker's portrait, or the initials of a speaker without one. Both sit
// beside the name, which they would only repeat: hidden from screen readers.
func renderFace(s card.Person) app.UI {
	if s.Portrait != nil {
		return renderPicture(s.Portrait, "card-portrait", false)
	}
	return app.Elem("ec-initials").Class("card-initials").Text(s.Initials)
}

func renderQuotes(c *card.Card, l card.Labels) app.UI {
	if len(c.Quotes) == 0 {
		return nil
	}
	return app.Section().Class("card-section card-quotes").Body(
		app.H2().Text(l.Highlights),
		app.Range(c.Quotes).Slice(func(i int) app.UI {
			q := c.Quotes[i]
			return app.Figure().Class("card-quote").Body(
				withLang(app.Blockquote(), q.Lang).Body(app.P().Text(q.Text)),
				app.FigCaption().Body(
					app.Span().Class("card-person-name").Text(q.Author),
					maybe(q.RoleLang == "", func() app.UI { return app.Text(", " + q.Role) }),
					maybe(q.RoleLang != "", func() app.UI { return app.Span().Body(app.Text(", "), inLang(q.Role, q.RoleLang)) }),
				),
			)
		}),
	)
}

// renderPicture is an image the widget serves at several widths and formats, its place kept
// by its width and height. first: it is at the top of the card, loaded at once; the others
// load when the visitor scrolls near them.
func renderPicture(pic *card.Picture, class string, first bool) app.UI {
	if pic == nil {
		return nil
	}
	img := app.Img().Class(class+"-img").Src(pic.Src).SrcSet(pic.Fallback.Srcset).Sizes(pic.Sizes).
		Width(pic.Width).Height(pic.Height).Alt(attrText(pic.Alt)).Attr("decoding", "async")
	img = withLang(img, pic.AltLang)
	if !first {
		img = img.Attr("loading", "lazy")
	}
	return app.Picture().Class(class).Body(
		app.Range(pic.Sources).Slice(func(i int) app.UI {
			return app.Source().Type(pic.Sources[i].Type).SrcSet(pic.Sources[i].Srcset).Sizes(pic.Sizes)
		}),
		img,
	)
}

// externalLink opens url in a new tab (rel=noopener: the partner's page and ours stay out of
// the opened page's reach); without url the text stands alone.
func externalLink(text, note, url, newTab string) app.UI {
	return linkOf(card.Link{Text: text, Note: note, URL: url}, newTab)
}

// linkOf is externalLink of l, its text and its note each marked with its language when it is
// not the page's.
func linkOf(l card.Link, newTab string) app.UI {
	if l.URL == "" {
		return app.Span().Body(inLang(l.Text, l.Lang), noteOf(l.Note, l.NoteLang))
	}
	return app.A().Href(l.URL).Target("_blank").Rel("noopener").Body(
		inLang(l.Text, l.Lang), noteOf(l.Note, l.NoteLang), srOnly(newTab),
	)
}

func noteOf(note, lang string) app.UI {
	if note == "" {
		return nil
	}
	return inLang(" ("+note+")", lang)
}

func srOnly(text string) app.UI {
	return app.Span().Class("sr-only").Text(" " + text)
}

// maybe is part(), or nothing when cond is false: the part is not built at all (go-app v9's If
// takes built elements, which would read fields that are not there).
func maybe(cond bool, part func() app.UI) app.UI {
	if !cond {
		return nil
	}
	return part()
}
