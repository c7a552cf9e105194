package frontend

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"eventcard/app/card"
)

// partnerAccent prefixes the custom property that carries a partner's accent in one scheme
// (--partner-accent-light): card.js sets it, the stylesheet prefers it to the palette's.
const partnerAccent = "--partner-accent-"

// factsJS is the "facts" module the scripts import: card's facts as constants, and the frame
// titles in their order.
func factsJS(titles []FrameTitle, brand Brand) (string, error) {
	var b strings.Builder
	for _, c := range []struct {
		name  string
		value any
	}{
		{"FOLD", card.Folded},
		{"STORAGE_KEY", card.StorageKey},
		{"DATA_ELEMENT_ID", card.DataElementID},
		{"PALETTE", brand.Colours},
		{"DEFAULT_THEME", brand.Theme},
		{"PARTNER_ACCENT", partnerAccent},
		{"LOCAL_TIME_MARK", card.LocalTimeMark},
	} {
		js, err := json.Marshal(c.value)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "export const %s = %s;\n", c.name, js)
	}
	for _, p := range []struct{ name, pattern string }{
		{"ACCENT", card.AccentPattern},
		{"LANGUAGE_TAG", card.LanguageTagPattern},
		{"LANGUAGE_CODE", card.LanguageCodePattern},
	} {
		js, err := jsRegExp(p.pattern)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "export const %s = %s;\n", p.name, js)
	}
	// An object's string keys keep their order in JavaScript: the first title is the fallback.
	b.WriteString("export const TITLES = {")
	for i, t := range titles {
		k, _ := json.Marshal(t.Lang)
		v, _ := json.Marshal(t.Text)
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s:%s", k, v)
	}
	b.WriteString("};\n")
	return b.String(), nil
}

// jsRegExp writes a Go pattern as a JavaScript regular expression literal. It accepts only
// patterns that read the same in both: no slash, no flag group, no Unicode class.
func jsRegExp(pattern string) (string, error) {
	if _, err := regexp.Compile(pattern); err != nil {
		return "", err
	}
	if strings.ContainsAny(pattern, "/\n") || strings.Contains(pattern, "(?") || strings.Contains(pattern, `\p`) {
		return "", fmt.Errorf("pattern %q: not one JavaScript reads the same", pattern)
	}
	return "/" + pattern + "/", nil
}

// factsCSS is the stylesheet's "facts.css": the fold heights and the folded layout's limits
// (card.Layout), and the palette as custom
// properties (Scheme.AccentInk is --accent-ink), light first for browsers without light-dark(),
// then both schemes. The accent is the partner's where card.js found it readable.
func factsCSS(palette card.Colours) string {
	var light, both strings.Builder
	fmt.Fprintf(&light, ":root {\n  --fold: %dpx;\n  --fold-compact: %dpx;\n", card.Folded.Full, card.Folded.Compact)
	fl := card.Layout
	fmt.Fprintf(&light, "  --fold-title-lines: %d;\n  --fold-title-lines-compact: %d;\n  --fold-when-lines: %d;\n", fl.TitleLines.Full, fl.TitleLines.Compact, fl.WhenLines)
	fmt.Fprintf(&light, "  --fold-banner: %dpx;\n  --fold-banner-compact: %dpx;\n  --fold-bar: %dpx;\n", fl.Banner.Full, fl.Banner.Compact, fl.Bar)
	both.WriteString("@supports (color: light-dark(#000, #fff)) {\n  :root {\n")
	l, d := reflect.ValueOf(palette.Light), reflect.ValueOf(palette.Dark)
	for i := range l.NumField() {
		f := l.Type().Field(i)
		lv, dv := l.Field(i).String(), d.Field(i).String()
		if f.Name == "Accent" {
			lv, dv = "var("+partnerAccent+"light, "+lv+")", "var("+partnerAccent+"dark, "+dv+")"
		}
		name := cssName(f)
		fmt.Fprintf(&light, "  %s: %s;\n", name, lv)
		fmt.Fprintf(&both, "    %s: light-dark(%s, %s);\n", name, lv, dv)
	}
	light.WriteString("}\n")
	both.WriteString("  }\n}\n")
	return light.String() + both.String()
}

// cssName is a Scheme field's custom property: its JSON name in kebab case.
func cssName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	var b strings.Builder
	b.WriteString("--")
	for _, r := range name {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('-')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
