package card_test

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The card's colours (web/card.css) in both schemes: every pair of text and background the
// stylesheet uses meets WCAG AA, 4.5:1 for text and 3:1 for the focus ring and borders that
// mark a control (1.4.11). axe checks the rendered pages; this checks the palette itself, and
// that web/card.js tests a partner's accent against the same colours.

var lightDark = regexp.MustCompile(`(--[a-z-]+):\s*light-dark\((?:var\(--partner-accent-light,\s*)?(#[0-9a-f]{6})\)?,\s*(?:var\(--partner-accent-dark,\s*)?(#[0-9a-f]{6})\)?\)`)

func palette(t *testing.T) map[string][2]string {
	t.Helper()
	css, err := os.ReadFile("../../web/card.css")
	if err != nil {
		t.Fatal(err)
	}
	p := map[string][2]string{}
	for _, m := range lightDark.FindAllStringSubmatch(string(css), -1) {
		p[m[1]] = [2]string{m[2], m[3]}
	}
	for _, v := range []string{"--accent", "--accent-ink", "--ink", "--muted", "--paper", "--line", "--wash", "--page", "--focus"} {
		if _, ok := p[v]; !ok {
			t.Fatalf("web/card.css: no light-dark() value for %s", v)
		}
	}
	return p
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestPaletteContrast(t *testing.T) {
	p := palette(t)
	pairs := []struct {
		fg, bg string
		min    float64
	}{
		{"--ink", "--paper", 4.5}, {"--ink", "--wash", 4.5}, {"--ink", "--page", 4.5},
		{"--muted", "--paper", 4.5}, {"--muted", "--wash", 4.5}, {"--muted", "--page", 4.5},
		{"--accent", "--paper", 4.5}, {"--accent", "--wash", 4.5}, {"--accent-ink", "--accent", 4.5},
		{"--focus", "--paper", 3}, {"--focus", "--wash", 3}, {"--focus", "--page", 3},
		{"--muted", "--paper", 3}, // the builder's fields are outlined in --muted
	}
	for scheme, i := range map[string]int{"light": 0, "dark": 1} {
		for _, c := range pairs {
			if r := contrast(p[c.fg][i], p[c.bg][i]); r < c.min {
				t.Errorf("%s: %s %s on %s %s: %.2f:1, below %.1f:1", scheme, c.fg, p[c.fg][i], c.bg, p[c.bg][i], r, c.min)
			} else {
				t.Logf("%s: %s on %s: %.2f:1", scheme, c.fg, c.bg, r)
			}
		}
	}
}

// The partner's accent is checked in web/card.js against the paper, the wash and the text on
// the accent of each scheme: the same colours as card.css.
func TestAccentCheckUsesThePalette(t *testing.T) {
	p := palette(t)
	js, err := os.ReadFile("../../web/card.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const schemes = \{ light: \[([^\]]*)\], dark: \[([^\]]*)\] \}`).FindStringSubmatch(string(js))
	if m == nil {
		t.Fatal("web/card.js: no `const schemes = { light: [...], dark: [...] }`")
	}
	for i, list := range m[1:] {
		var want []string
		for _, v := range []string{"--paper", "--wash", "--accent-ink"} {
			want = append(want, `"`+p[v][i]+`"`)
		}
		if got := strings.ReplaceAll(list, " ", ""); got != strings.Join(want, ",") {
			t.Errorf("card.js checks accents against %s, want card.css's paper, wash and accent ink %s", got, strings.Join(want, ","))
		}
	}
}
