package card_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"eventcard/app/card"
)

// The card's colours (card.Palette, which the stylesheet and card.js receive as they are built)
// in both schemes: every pair of text and background the stylesheet uses meets WCAG AA, 4.5:1
// for text and 3:1 for the focus ring and borders that mark a control (1.4.11). axe checks the
// rendered pages; this checks the palette itself.

// TestContrast: card.Contrast gives WCAG's ratios for pairs whose ratio is known.
func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes AA on white
		{"#777777", "#ffffff", 4.48},
		{"#ffffff", "#0000ff", 8.59},
	} {
		if got := card.Contrast(c.a, c.b); math.Abs(got-c.want) > 0.005 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

func TestPaletteContrast(t *testing.T) {
	type colour struct{ name, hex string }
	for scheme, s := range map[string]card.Scheme{"light": card.Palette.Light, "dark": card.Palette.Dark} {
		var (
			accent, accentInk = colour{"accent", s.Accent}, colour{"accentInk", s.AccentInk}
			ink, muted, focus = colour{"ink", s.Ink}, colour{"muted", s.Muted}, colour{"focus", s.Focus}
			paper, wash, page = colour{"paper", s.Paper}, colour{"wash", s.Wash}, colour{"page", s.Page}
		)
		pairs := []struct {
			fg, bg colour
			min    float64
		}{
			{ink, paper, 4.5}, {ink, wash, 4.5}, {ink, page, 4.5},
			{muted, paper, 4.5}, {muted, wash, 4.5}, {muted, page, 4.5},
			{accent, paper, 4.5}, {accent, wash, 4.5}, {accentInk, accent, 4.5},
			{focus, paper, 3}, {focus, wash, 3}, {focus, page, 3},
			{muted, paper, 3}, // the builder's fields are outlined in muted
		}
		for _, c := range pairs {
			for _, x := range []colour{c.fg, c.bg} {
				if _, err := strconv.ParseUint(strings.TrimPrefix(x.hex, "#"), 16, 32); err != nil || len(x.hex) != 7 || x.hex[0] != '#' {
					t.Fatalf("%s: %s is %q, want #rrggbb", scheme, x.name, x.hex)
				}
			}
			if r := card.Contrast(c.fg.hex, c.bg.hex); r < c.min {
				t.Errorf("%s: %s %s on %s %s: %.2f:1, below %.1f:1", scheme, c.fg.name, c.fg.hex, c.bg.name, c.bg.hex, r, c.min)
			} else {
				t.Logf("%s: %s on %s: %.2f:1", scheme, c.fg.name, c.bg.name, r)
			}
		}
	}
}
