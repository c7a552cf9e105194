package component

import (
	"strings"
	"time"

	"eventcard/app/card"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The snippet builder (/embed/): a partner picks the event and the card's look, sees the card,
// and copies the exact snippet (and the CSP lines). Its form works with the wasm; the snippet
// and the preview are in the prerendered page too, for the default choices. <ec-copy> copies
// the texts and <ec-preview> runs the snippet, exactly as a partner's page would.

// builderState is the builder's form.
type builderState struct {
	event, lang, theme, accent string
	compact                    bool
}

func (p *Page) renderBuilder(now time.Time) app.UI {
	v := p.view
	t := v.Builder
	if t == nil || v.Index == nil || len(v.Index.Events) == 0 {
		return nil
	}
	events := v.Index.Ordered(now)
	st := &p.builder
	if st.event == "" {
		st.event, st.theme = events[0].ID, t.DefaultTheme
	}
	// The placeholder's text is the event's title in the card's language (the builder's when
	// the card takes the visitor's), and it reserves the event's fold in that language (in any,
	// when the card takes the visitor's).
	chosen := events[0]
	for _, e := range events {
		if e.ID == st.event {
			chosen = e
		}
	}
	title, fold := chosen.Title, chosen.AnyFold
	if in, ok := p.bundle.Views[st.lang]; ok && in.Index != nil {
		for _, e := range in.Index.Events {
			if e.ID == chosen.ID {
				title, fold = e.Title, e.Fold
			}
		}
	}
	// The site's own accents are checked when it starts; a partner's, here.
	accent, verdict := t.DefaultAccent, struct{ class, text string }{"ok", t.AccentReadable}
	// Until the partner picks an accent, the form shows the site's.
	if card.IsAccent(st.accent) {
		accent, verdict = st.accent, accentVerdict(st.accent, st.theme, t)
	}
	origin := p.origin
	theme := st.theme // the site's default goes without saying
	if theme == t.DefaultTheme {
		theme = ""
	}
	snippet := card.Snippet(origin, card.Embed{Event: st.event, Title: title, Lang: st.lang, Theme: theme, Accent: st.accent, Compact: st.compact, Fold: fold})
	set := func(field *string) app.EventHandler {
		return func(ctx app.Context, e app.Event) { *field = ctx.JSSrc().Get("value").String() }
	}
	return app.Section().Class("builder").Aria("labelledby", "builder-title").Body(
		app.Header().Class("card-head").Body(
			p.renderSwitcher(),
			app.H1().ID("builder-title").Class("card-title").Text(v.Title),
			app.P().Text(t.Intro),
		),
		app.Form().Class("builder-form").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
			field("builder-event", t.Event, app.Select().ID("builder-event").OnChange(set(&st.event)).Body(
				app.Range(events).Slice(func(i int) app.UI {
					e := events[i]
					return withLang(option(e.ID, e.Title, e.ID == st.event), e.TitleLang)
				}),
			)),
			field("builder-lang", t.Lang, app.Select().ID("builder-lang").OnChange(set(&st.lang)).Body(
				option("", t.AutoLang, st.lang == ""),
				app.Range(p.bundle.Languages).Slice(func(i int) app.UI {
					l := p.bundle.Languages[i]
					return option(l.Code, l.Name, l.Code == st.lang).Lang(l.Code)
				}),
			)),
			field("builder-theme", t.Theme, app.Select().ID("builder-theme").OnChange(set(&st.theme)).Body(
				option("host", t.ThemeHost, st.theme == "host"),
				option("auto", t.ThemeAuto, st.theme == "auto"),
				option("light", t.ThemeLight, st.theme == "light"),
				option("dark", t.ThemeDark, st.theme == "dark"),
			)),
			field("builder-accent", t.Accent, app.Div().Class("builder-accent").Body(
				app.Input().ID("builder-accent").Type("color").Value(accent).Aria("describedby", "builder-verdict").OnInput(set(&st.accent)),
				app.Code().Class("builder-accent-value").Text(accent),
			)),
			app.P().ID("builder-verdict").Class("builder-verdict builder-verdict--"+verdict.class).Attr("role", "status").Text(verdict.text),
			app.P().Class("builder-field builder-check").Body(
				checked(app.Input().ID("builder-compact").Type("checkbox"), st.compact).
					OnChange(func(ctx app.Context, e app.Event) { st.compact = ctx.JSSrc().Get("checked").Bool() }),
				app.Label().For("builder-compact").Text(t.Compact),
			),
		),
		app.H2().Text(t.Snippet),
		copyable("builder-snippet", snippet, t.Copy, t.Copied),
		app.H2().Text(t.CSP),
		copyable("builder-csp", card.CSPLines(origin), t.Copy, t.Copied),
		app.H2().Text(t.Preview),
		// <ec-preview> runs the snippet here whenever it changes.
		app.Elem("ec-preview").ID("builder-preview").Class("builder-preview").DataSet("snippet", "builder-snippet"),
	)
}

// accentVerdict says whether accent keeps WCAG AA contrast (4.5:1) where the card writes it, in
// each scheme the card may show with theme, as the card checks it (web/src/card/accent.js):
// where it does not, the card keeps its own accent. (No colour passes on both the light and the
// dark paper: a card that may show either keeps its own accent in one of them.)
func accentVerdict(accent, theme string, t *card.BuilderLabels) (v struct{ class, text string }) {
	if len(accent) == 4 {
		accent = "#" + strings.Repeat(accent[1:2], 2) + strings.Repeat(accent[2:3], 2) + strings.Repeat(accent[3:4], 2)
	}
	readable := func(s card.Scheme) bool {
		return min(card.Contrast(accent, s.Paper), card.Contrast(accent, s.Wash), card.Contrast(accent, s.AccentInk)) >= 4.5
	}
	var low []string
	if theme != "dark" && !readable(card.Palette.Light) {
		low = append(low, t.AccentLowLight)
	}
	if theme != "light" && !readable(card.Palette.Dark) {
		low = append(low, t.AccentLowDark)
	}
	if len(low) == 0 {
		v.class, v.text = "ok", t.AccentReadable
		return v
	}
	v.class, v.text = "low", strings.Join(low, " ")
	return v
}

// option and checked set a boolean attribute only when it is true: go-app v9.8.0 prerenders
// Selected(false) as selected="false", which HTML reads as selected.
func option(value, text string, selected bool) app.HTMLOption {
	o := app.Option().Value(value).Text(text)
	if selected {
		o = o.Selected(true)
	}
	return o
}

func checked(in app.HTMLInput, on bool) app.HTMLInput {
	if on {
		return in.Checked(true)
	}
	return in
}

func field(id, label string, control app.UI) app.UI {
	return app.P().Class("builder-field").Body(app.Label().For(id).Text(label), control)
}

// copyable is a text with a button that copies it (<ec-copy>, with a polite confirmation).
func copyable(id, text, copy, copied string) app.UI {
	return app.Elem("ec-copy").Class("builder-copy").DataSet("copied", attrText(copied)).Body(
		app.Pre().ID(id).Class("builder-code").Text(text),
		app.Button().Type("button").Class("page-button").Text(copy),
		app.Span().Class("card-share-status").Attr("role", "status"),
	)
}
