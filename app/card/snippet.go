package card

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
)

var accentPattern = regexp.MustCompile(AccentPattern)

// IsAccent reports whether s is an accent colour as a partner gives one (AccentPattern).
func IsAccent(s string) bool { return accentPattern.MatchString(s) }

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
	if IsAccent(e.Accent) {
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
