package card

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

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

var accentPattern = regexp.MustCompile(AccentPattern)

// Embed is a card as a partner's snippet asks for it: the event and the card's options ("" and
// false: the defaults).
type Embed struct {
	Event, Title        string // Title is the placeholder link's text
	Lang, Theme, Accent string
	Compact             bool
	Fold                Folds // the event's (FoldIn for Lang); zero: Folded
}

// Heights are the heights the card's place takes on the partner's page at each of FoldWidths:
// its fold there.
func (e Embed) Heights() [foldClasses]int {
	var hs [foldClasses]int
	for i, f := range e.Fold {
		if f.Full == 0 {
			f = Folded
		}
		hs[i] = f.Height(e.Compact)
	}
	return hs
}

// PlaceStyle is the placeholder's style attribute: its height at each of FoldWidths. The same
// height everywhere is a plain height; else the height at the widest, and for each narrower
// class a step up that a percentage of padding turns on below its width (a padding's
// percentage is of the width of the column the link fills, where a media query would read the
// window's): the page holds the card's exact place before the loader runs, and without it.
// The loader reads the height the place has; it needs nothing more.
func PlaceStyle(hs [foldClasses]int) string {
	last := len(hs) - 1
	if hs[0] == hs[last] {
		return "display:block;height:" + strconv.Itoa(hs[0]) + "px"
	}
	var b strings.Builder
	b.WriteString("display:block;height:0;padding:0 0 calc(" + strconv.Itoa(hs[last]) + "px")
	for i := last; i > 0; i-- {
		if d := hs[i-1] - hs[i]; d > 0 {
			// 0 from FoldWidths[i] up, d below it (999 turns a pixel less into the whole step).
			fmt.Fprintf(&b, " + clamp(0px,(%dpx - 100%%)*999,%dpx)", FoldWidths[i], d)
		}
	}
	b.WriteString(")")
	return b.String()
}

// Snippet is what a partner pastes for e: the placeholder link (the card's place at its fold's
// height, and its fallback without JavaScript) and the loader. origin is the widget's origin;
// every value is escaped. The builder, oEmbed, the demo page and the README use it.
func Snippet(origin string, e Embed) string {
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<a class="eventcard" href="` + esc(origin+Path{Kind: EventPage, Lang: e.Lang, Event: e.Event}.String()) +
		`" style="` + esc(PlaceStyle(e.Heights())) + `">` + esc(e.Title) + "</a>\n")
	b.WriteString(`<script async src="` + esc(origin) + `/embed.js" data-event="` + esc(e.Event) + `"`)
	if e.Lang != "" {
		b.WriteString(` data-lang="` + esc(e.Lang) + `"`)
	}
	if e.Theme != "" {
		b.WriteString(` data-theme="` + esc(e.Theme) + `"`)
	}
	if accentPattern.MatchString(e.Accent) {
		b.WriteString(` data-accent="` + esc(e.Accent) + `"`)
	}
	if e.Compact {
		b.WriteString(` data-compact`)
	}
	b.WriteString("></script>")
	return b.String()
}

// CSPLines is what a partner with a Content-Security-Policy adds for the widget at origin.
func CSPLines(origin string) string {
	return "Content-Security-Policy: script-src " + origin + "; frame-src " + origin
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
	if accentPattern.MatchString(st.accent) {
		accent, verdict = st.accent, accentVerdict(st.accent, st.theme, t)
	}
	origin := p.origin
	theme := st.theme // the site's default goes without saying
	if theme == t.DefaultTheme {
		theme = ""
	}
	snippet := Snippet(origin, Embed{Event: st.event, Title: title, Lang: st.lang, Theme: theme, Accent: st.accent, Compact: st.compact, Fold: fold})
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
		copyable("builder-csp", CSPLines(origin), t.Copy, t.Copied),
		app.H2().Text(t.Preview),
		// <ec-preview> runs the snippet here whenever it changes.
		app.Elem("ec-preview").ID("builder-preview").Class("builder-preview").DataSet("snippet", "builder-snippet"),
	)
}

// accentVerdict says whether accent keeps WCAG AA contrast (4.5:1) where the card writes it, in
// each scheme the card may show with theme, as the card checks it (web/src/card/accent.js):
// where it does not, the card keeps its own accent. (No colour passes on both the light and the
// dark paper: a card that may show either keeps its own accent in one of them.)
func accentVerdict(accent, theme string, t *BuilderLabels) (v struct{ class, text string }) {
	if len(accent) == 4 {
		accent = "#" + strings.Repeat(accent[1:2], 2) + strings.Repeat(accent[2:3], 2) + strings.Repeat(accent[3:4], 2)
	}
	readable := func(s Scheme) bool {
		return min(Contrast(accent, s.Paper), Contrast(accent, s.Wash), Contrast(accent, s.AccentInk)) >= 4.5
	}
	var low []string
	if theme != "dark" && !readable(Palette.Light) {
		low = append(low, t.AccentLowLight)
	}
	if theme != "light" && !readable(Palette.Dark) {
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
