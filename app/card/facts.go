package card

import (
	"fmt"
	"math"
)

// The facts the Go code, the scripts and the stylesheet share. They are written once, here:
// the server injects them into web/'s scripts and stylesheet when it builds them, so a change
// here reaches every side.

// Fold is the height in CSS pixels a framed card opens at, the height the snippet's placeholder
// reserves on the partner's page: nothing there moves when the card arrives.
type Fold struct {
	Full    int `json:"full"`
	Compact int `json:"compact"` // with data-compact
}

// Folded are the fold heights of a card whose own the loader does not know (EventCard.mount,
// a frame without the snippet's placeholder): enough for any event's head.
var Folded = Fold{Full: 720, Compact: 440}

// FoldWidths are the widths of a card's place, in CSS pixels, from which each of an event's
// Folds holds: where its folded head gets shorter because its title, date, notes and actions
// take fewer lines (the chips, the languages and the venue's lines never wrap when folded).
// The first is the narrowest place the card is made for: a 320 px phone's column inside a
// page's margins. A class's fold is counted at its narrowest width, and a title or an action
// that wraps there may not a few pixels wider: the widths of the phones most visitors hold
// (320, 360, 375, 390, 412 and 430 px, a column as wide as the screen) are each a class's own,
// so that on them the fold leaves no band under a card shorter than it.
var FoldWidths = [foldClasses]int{280, 320, 360, 375, 390, 412, 430, 480, 600, 720}

const foldClasses = 10

// Folds are an event's folds at each of FoldWidths: the snippet's placeholder takes the one of
// its own width (Snippet), so a card on a wide column opens no higher than its head needs there.
type Folds [foldClasses]Fold

// At is the fold at a place w CSS pixels wide.
func (f Folds) At(w int) Fold {
	i := 0
	for i+1 < len(FoldWidths) && w >= FoldWidths[i+1] {
		i++
	}
	return f[i]
}

// Uniform is f at every width.
func Uniform(f Fold) Folds {
	var fs Folds
	for i := range fs {
		fs[i] = f
	}
	return fs
}

// FoldLayout is what each part of a folded card's head may take at most, in CSS pixels at the
// browser's default text size: card.css clamps each part to it (facts.css carries these
// values), and FoldOf adds an event's head up from it and from its texts' lengths, before any
// browser has laid it out.
type FoldLayout struct {
	Top        int  // the frame's padding, the card's border and top padding
	Gap        int  // between the head's parts
	Line       int  // a line of text (1rem, line-height 1.5rem)
	SmallLine  int  // a line of small text (0.875rem, 1.25rem)
	Row        int  // the language row, the row of chips: one line each
	TitleLines Fold // the title's lines
	WhenLines  int  // the date's lines
	Banner     Fold // the banner's height (cropped), then its margin below
	Alert      int  // the status, the note on texts not translated: padding, then two lines at most
	Button     int  // an action's button, Share
	Bar        int  // the fade, "Show all", the card's foot
}

// Layout is the folded card's layout.
var Layout = FoldLayout{Top: 23, Gap: 8, Line: 24, SmallLine: 20, Row: 25,
	TitleLines: Fold{Full: 3, Compact: 2}, WhenLines: 3, Banner: Fold{Full: 160, Compact: 96},
	Alert: 16, Button: 44, Bar: 84}

// Height is the fold's height for a card opened compact or not.
func (f Fold) Height(compact bool) int {
	if compact {
		return f.Compact
	}
	return f.Full
}

const (
	// StorageKey is where the visitor's language choice is kept: the only thing the card
	// stores, in its own origin's storage (partitioned per partner site by the browser).
	StorageKey = "eventcard.lang"

	// DataElementID is the id of the <script type="application/json"> element that carries
	// the page's Bundle from the server to the wasm.
	DataElementID = "eventcard-data"

	// AccentPattern is what a partner's accent colour looks like: a CSS hex colour.
	AccentPattern = `^#([0-9a-fA-F]{3}){1,2}$`

	// LanguageTagPattern is a BCP 47 language tag as the loader, the frame and the request
	// log accept one (a partner's data-lang, setLang, ?lang=): x/text matches it afterwards.
	LanguageTagPattern = `^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8}){0,8}$`

	// LanguageCodePattern is a card language's code, as the addresses carry it (/fr/…).
	LanguageCodePattern = `^[a-z]{2,3}$`

	// LocalTimeMark stands for the time in a "your time" label (When.LocalLabel): the browser
	// writes the event's time in the visitor's zone there.
	LocalTimeMark = "{time}"
)

// Scheme is the card's colours in one colour scheme: text, backgrounds and the accent.
type Scheme struct {
	Accent    string `json:"accent"`    // links, badges, the main button
	AccentInk string `json:"accentInk"` // text on the accent
	Ink       string `json:"ink"`       // body text
	Muted     string `json:"muted"`     // secondary text
	Paper     string `json:"paper"`     // the card
	Line      string `json:"line"`      // borders
	Wash      string `json:"wash"`      // tinted panels
	Page      string `json:"page"`      // the standalone page around the card
	Focus     string `json:"focus"`     // the focus ring
}

// Colours are a card's colours in the light and dark schemes.
type Colours struct {
	Light Scheme `json:"light"`
	Dark  Scheme `json:"dark"`
}

// WithAccents is c with the site's accents (its branding); "" keeps c's.
func (c Colours) WithAccents(light, dark string) Colours {
	if light != "" {
		c.Light.Accent = light
	}
	if dark != "" {
		c.Dark.Accent = dark
	}
	return c
}

// Palette is the card's colours in the light and dark schemes. Every text meets WCAG AA on
// its backgrounds (palette_test.go); the site's accent (its branding) and a partner's replace
// Accent only where they do too.
var Palette = Colours{
	Light: Scheme{Accent: "#5b2a86", AccentInk: "#ffffff", Ink: "#1f1b24", Muted: "#574f5f", Paper: "#ffffff",
		Line: "#ddd5e6", Wash: "#f6f2fa", Page: "#f3f0f6", Focus: "#1a5fb4"},
	Dark: Scheme{Accent: "#cfb3f0", AccentInk: "#1b1424", Ink: "#f1edf5", Muted: "#c4bccc", Paper: "#1d1923",
		Line: "#3b3345", Wash: "#28222f", Page: "#131017", Focus: "#8ab4f8"},
}

// Contrast is the WCAG contrast ratio of two colours written "#rrggbb": 1 to 21.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance of "#rrggbb".
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		var v int
		fmt.Sscanf(hex[1+2*i:3+2*i], "%02x", &v)
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
