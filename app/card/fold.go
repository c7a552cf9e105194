package card

import (
	"math"
	"strings"
	"time"
	"unicode"
)

// The fold's height, added up on the server: the folded card's head at each of FoldWidths,
// line by line, from its texts' lengths, then the bar. It is counted at the narrowest width of
// each class, where its texts take the most lines, with Arial's advances and a margin (see
// advance): elsewhere the head is no higher.

// foldGrid is what a fold is rounded up to: fine enough that a card shorter than its fold
// leaves no more than a few pixels below it.
const foldGrid = 8

// FoldOf is the fold of an event's card in whichever language the visitor reads it (a snippet
// that names no language): at each width, the tallest head of its views. A bundle with no card
// (the unknown event) folds at Folded.
func FoldOf(b *Bundle) Folds {
	var fs Folds
	found := false
	for _, v := range b.Views {
		if v.Card == nil {
			continue
		}
		found = true
		for i, f := range foldsOf(v, b.Languages) {
			fs[i] = Fold{Full: max(fs[i].Full, f.Full), Compact: max(fs[i].Compact, f.Compact)}
		}
	}
	if !found {
		return Uniform(Folded)
	}
	return fs
}

// FoldIn is the fold of an event's card opened in lang (a snippet's data-lang): its view's
// head, which can be lower than another language's. A language the event has no view in, or
// "": FoldOf.
func FoldIn(b *Bundle, lang string) Folds {
	v, ok := b.Views[lang]
	if !ok || v.Card == nil {
		return FoldOf(b)
	}
	return foldsOf(v, b.Languages)
}

// foldsOf is v's fold at each width, never higher at a wider one (a banner grows with the
// width; the placeholder's style counts on the narrower width's fold being the higher).
func foldsOf(v View, langs []Language) Folds {
	var fs Folds
	for i := len(FoldWidths) - 1; i >= 0; i-- {
		next := 0 // the class's widest place: no limit for the last one
		if i+1 < len(FoldWidths) {
			next = FoldWidths[i+1] - 1
		}
		w := FoldWidths[i]
		f := Fold{Full: Layout.head(v, langs, w, next, false), Compact: Layout.head(v, langs, w, next, true)}
		if i+1 < len(FoldWidths) {
			f = Fold{Full: max(f.Full, fs[i+1].Full), Compact: max(f.Compact, fs[i+1].Compact)}
		}
		fs[i] = f
	}
	return fs
}

// head is the height of v's folded card in a place w CSS pixels wide (widest: the widest the
// class goes, 0 for any): its head's parts, each at the lines its text takes there (at most
// card.css's clamp), and the bar, rounded up to the grid.
func (l FoldLayout) head(v View, langs []Language, w, widest int, compact bool) int {
	c := v.Card
	// card.css: the frame's padding (2px) and the card's border around clamp(0.875rem, 4vw,
	// 1.75rem) of padding on each side; the title at clamp(1.375rem, 1.1rem + 1.2vw, 1.75rem).
	pad := min(max(14, 0.04*float64(w)), 28)
	inner := float64(w) - 6 - 2*pad
	titleSize := min(max(22, 17.6+0.012*float64(w)), 28)
	// Its lines are counted at the narrowest, their height at the widest: the title grows
	// with the width.
	titleLine := 28 * 1.2
	if widest > 0 {
		titleLine = min(max(22, 17.6+0.012*float64(widest)), 28) * 1.2
	}

	top := float64(l.Top)
	if b := c.Banner; b != nil {
		// Full width, cropped to the fold's banner height; it covers the card's top padding.
		cap := float64(l.Banner.Height(compact))
		h := cap
		if widest > 0 && b.Width > 0 {
			h = min(cap, math.Ceil(float64(widest-6)*float64(b.Height)/float64(b.Width)))
		}
		top += h + 16 - 20
	}
	// The languages: each name a link 0.375rem from its edges, 0.25rem apart, wrapped.
	var names []item
	for _, lang := range langs {
		names = append(names, item{textWidth(lang.Name, 13, true) + 12, float64(l.Row - 1)})
	}
	parts := []float64{max(float64(l.Row), rows(names, inner, 4, 0)+1)}
	alert := func(text string) float64 {
		// 0.75rem of padding and a 4px border on the left, 0.75rem on the right; semibold.
		return float64(l.Alert) + float64(min(2, lines(text, inner-28, 16, true))*l.Line)
	}
	if c.Untranslated != "" {
		parts = append(parts, alert(c.Untranslated))
	}
	if c.Status != nil {
		parts = append(parts, alert(c.Status.Text))
	}
	parts = append(parts, float64(l.Row-1)) // the chips
	parts = append(parts, float64(min(l.TitleLines.Height(compact), lines(v.Title, inner, titleSize, true)))*titleLine)
	when := float64(min(l.WhenLines, lines(c.When.Text, inner, 16, false)) * l.Line)
	if c.When.LocalLabel != "" {
		// The browser writes the visitor's time there, about as long as the event's own.
		local := strings.Replace(c.When.LocalLabel, LocalTimeMark, c.When.Text, 1)
		when += float64(min(2, lines(local, inner, 14, false)) * l.SmallLine)
	}
	if c.When.Former != "" {
		when += float64(l.SmallLine)
	}
	parts = append(parts, when)
	if w := c.Where; w != nil {
		n := 1 + len(w.Address) // one line each, cut with an ellipsis
		if w.Map != nil {
			n++
		}
		parts = append(parts, float64(n*l.Line))
	}
	parts = append(parts, 4+l.actions(c, v.Labels.Share, inner))
	h := top + float64(l.Gap*(len(parts)-1)+l.Bar)
	for _, p := range parts {
		h += p
	}
	return int(math.Ceil(h/foldGrid)) * foldGrid
}

// actions is the height of the row of actions and Share, inner pixels wide, at the moment it is
// the highest (each action shows from its From until its Until: the snippet's place must hold
// them whenever the visitor comes).
func (l FoldLayout) actions(c *Card, share string, inner float64) float64 {
	// The row only gains an action when one's From comes: the most are shown at one of them,
	// or from the start.
	moments := []time.Time{{}}
	for _, a := range c.Actions {
		if !a.From.IsZero() {
			moments = append(moments, a.From)
		}
	}
	var h float64
	for _, m := range moments {
		h = max(h, l.actionRows(c.ActionsAt(m), share, inner))
	}
	return h
}

// actionRows is the height of actions and Share, inner pixels wide: each a button on one line
// (cut with an ellipsis), an action's note under it, side by side while they fit.
func (l FoldLayout) actionRows(actions []Action, share string, inner float64) float64 {
	var items []item
	for _, a := range actions {
		it := item{min(inner, textWidth(a.Text, 16, true)+32), float64(l.Button)}
		if a.Note != "" {
			it.w = min(inner, max(it.w, textWidth(a.Note, 14, false)))
			it.h += 2 + float64(lines(a.Note, it.w, 14, false)*l.SmallLine)
		}
		items = append(items, it)
	}
	items = append(items, item{min(inner, textWidth(share, 16, true)+32), float64(l.Button)})
	return rows(items, inner, 12, 8)
}

// An item is a box in a row that wraps: its width and height.
type item struct{ w, h float64 }

// rows is the height of items laid out in rows width pixels wide, gap apart across and rowGap
// down, each row as high as its highest.
func rows(items []item, width, gap, rowGap float64) float64 {
	var total, row, x float64
	for i, it := range items {
		if i > 0 && x+gap+it.w > width {
			total += row + rowGap
			row, x = 0, 0
		} else if i > 0 {
			x += gap
		}
		x += it.w
		row = max(row, it.h)
	}
	return total + row
}

// lines is how many lines text takes in a box width pixels wide at size pixels: words wrapped
// where they end, a word longer than a line cut anywhere (card.css: overflow-wrap: anywhere).
func lines(text string, width, size float64, bold bool) int {
	space := advance(' ', bold) * size
	n, x := 1, 0.0
	for _, word := range strings.Fields(text) {
		ww := textWidth(word, size, bold)
		if x > 0 && x+space+ww <= width {
			x += space + ww
			continue
		}
		if x > 0 {
			n++
		}
		for ww > width { // cut anywhere
			n++
			ww -= width
		}
		x = ww
	}
	return n
}

// textWidth is text's width in pixels at size pixels.
func textWidth(text string, size float64, bold bool) float64 {
	var w float64
	for _, r := range text {
		w += advance(r, bold)
	}
	return w * size
}

// advance is a character's width in ems: Arial's (Liberation Sans's, Helvetica's), which
// Segoe UI, Roboto and San Francisco about match, and a twentieth more for Noto Sans, Ubuntu
// and Cantarell; bold a little wider; letters outside ASCII as their widest kin. A system with
// none of these but DejaVu Sans, wider still, sets some titles a line longer than counted.
func advance(r rune, bold bool) float64 {
	a := 0.56
	switch {
	case r >= 'a' && r <= 'z':
		a = lower[r-'a']
	case r >= 'A' && r <= 'Z':
		a = upper[r-'A']
	case r >= '0' && r <= '9':
		a = 0.556
	case strings.ContainsRune(" .,:;'!|", r):
		a = 0.278
	case strings.ContainsRune("()[]-", r):
		a = 0.333
	case unicode.IsUpper(r):
		a = 0.78
	}
	if bold {
		a *= 1.08
	}
	return a * 1.06
}

var (
	lower = [26]float64{.556, .556, .5, .556, .556, .278, .556, .556, .222, .222, .5, .222, .833, .556, .556, .556, .556, .333, .5, .278, .556, .5, .722, .5, .5, .5}
	upper = [26]float64{.667, .667, .722, .722, .667, .611, .778, .722, .278, .5, .667, .556, .833, .722, .778, .667, .778, .722, .667, .611, .722, .667, .944, .667, .667, .611}
)
