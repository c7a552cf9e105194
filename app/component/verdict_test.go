package component

import (
	"testing"

	"eventcard/app/card"
)

// The builder says, in words, where a partner's accent is too faint for the card (below 4.5:1
// on its paper, wash or button text), for each scheme the chosen theme may show.
func TestAccentVerdict(t *testing.T) {
	labels := &card.BuilderLabels{AccentReadable: "ok", AccentLowLight: "low light", AccentLowDark: "low dark"}
	for _, c := range []struct {
		accent, theme, class, text string
	}{
		{"#0b6e4f", "light", "ok", "ok"},              // a deep green on the light card
		{"#0b6e4f", "dark", "low", "low dark"},        // too dark on the dark card
		{"#0b6e4f", "host", "low", "low dark"},        // either scheme: the dark one fails
		{"#cfb3f0", "dark", "ok", "ok"},               // a pale violet on the dark card
		{"#cfb3f0", "auto", "low", "low light"},       // too pale on the light one
		{"#777", "auto", "low", "low light low dark"}, // a mid grey: neither
		{"#ffff00", "light", "low", "low light"},      // yellow on white
		{"#5b2a86", "light", "ok", "ok"},              // the CIM violet
	} {
		v := accentVerdict(c.accent, c.theme, labels)
		if v.class != c.class || v.text != c.text {
			t.Errorf("%s, theme %s: %q %q, want %q %q", c.accent, c.theme, v.class, v.text, c.class, c.text)
		}
	}
}
