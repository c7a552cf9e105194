// Package card is the event card: one go-app component that renders on the server (prerender)
// and in the browser (wasm) from the same data. It never translates or formats anything itself:
// it renders a View, a card already localized by the server with go-i18n and x/text. That keeps
// go-i18n, text/template and every event out of the wasm (shared notes: +0.66 MB gzip).
package card

import "time"

// Bundle is one event's card in every language: all the browser needs to switch in place. The
// server writes it into the page as JSON (see Data); the wasm reads it back before mounting.
type Bundle struct {
	Event     string          `json:"event"` // empty when the page is for an unknown event
	Default   string          `json:"default"`
	Languages []Language      `json:"languages"` // in the switcher's order
	Views     map[string]View `json:"views"`     // by language code
}

// Language is one switcher entry: a code and the language's name in itself.
type Language struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// View is the card in one language, every text resolved.
type View struct {
	Lang       string      `json:"lang"`
	Error      string      `json:"error,omitempty"` // shown instead of the card
	Kind       string      `json:"kind"`
	Hashtag    string      `json:"hashtag,omitempty"`
	Title      string      `json:"title"`
	Date       string      `json:"date"`                // the full date (with the time and its zone, for a timed event) as CLDR writes it in Lang
	DateISO    string      `json:"dateISO"`             // for <time datetime>: the day, or the start with its UTC offset
	Ends       time.Time   `json:"ends"`                // upcoming until then, past after
	Countdown  []Countdown `json:"countdown,omitempty"` // the labels of the last days before an upcoming event
	Organizers []Link      `json:"organizers"`
	Summary    string      `json:"summary"`
	More       []string    `json:"more"` // paragraphs behind "read more"
	People     []Person    `json:"people"`
	Quotes     []Quote     `json:"quotes"`
	Documents  []Link      `json:"documents"`
	Video      Link        `json:"video"`
	Labels     Labels      `json:"labels"`

	Index   []Summary      `json:"index,omitempty"`   // the events, newest first: the home page's list, the builder's choices
	Builder *BuilderLabels `json:"builder,omitempty"` // the snippet builder's texts
}

// Countdown is the label of an upcoming event from one midnight (in the event's zone) on:
// "In 5 days", "Today". The server writes them, plurals and all (go-i18n); the browser only
// picks the one for its clock, so the wasm needs no plural rules and no time zone data.
type Countdown struct {
	From time.Time `json:"from"`
	Text string    `json:"text"`
}

// CountdownAt is the countdown label at now: "" for an event that has ended, or that is
// further away than the labels go.
func (v View) CountdownAt(now time.Time) string {
	if !v.Upcoming(now) {
		return ""
	}
	label := ""
	for _, c := range v.Countdown { // furthest day first
		if !now.Before(c.From) {
			label = c.Text
		}
	}
	return label
}

// Summary is one event in a list.
type Summary struct {
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Title   string    `json:"title"`
	Date    string    `json:"date"`
	DateISO string    `json:"dateISO"`
	Ends    time.Time `json:"ends"`
}

// BuilderLabels are the texts of the snippet builder (/embed/).
type BuilderLabels struct {
	Intro      string `json:"intro"`
	Event      string `json:"event"`
	Lang       string `json:"lang"`
	AutoLang   string `json:"autoLang"`
	Theme      string `json:"theme"`
	ThemeAuto  string `json:"themeAuto"`
	ThemeLight string `json:"themeLight"`
	ThemeDark  string `json:"themeDark"`
	Accent     string `json:"accent"`
	Compact    string `json:"compact"`
	Snippet    string `json:"snippet"`
	CSP        string `json:"csp"`
	Preview    string `json:"preview"`
	Copy       string `json:"copy"`
	Copied     string `json:"copied"`
}

// Link is a text and the address it opens; URL may be empty when the source gives none.
type Link struct {
	Text string `json:"text"`
	URL  string `json:"url,omitempty"`
	Note string `json:"note,omitempty"` // publisher and year, for documents
}

// Person is one panelist.
type Person struct {
	Name         string `json:"name"`
	Role         string `json:"role"`
	Organization Link   `json:"organization"`
	Moderator    bool   `json:"moderator,omitempty"`
}

// Quote is a highlight, already in the language's quotation marks.
type Quote struct {
	Text   string `json:"text"`
	Author string `json:"author"`
	Role   string `json:"role"`
}

// Labels are the interface texts of the card, in the view's language.
type Labels struct {
	Upcoming    string `json:"upcoming"`
	Past        string `json:"past"`
	OrganizedBy string `json:"organizedBy"`
	ReadMore    string `json:"readMore"`
	ReadLess    string `json:"readLess"`
	ShowAll     string `json:"showAll"`  // unfolds a framed card
	ShowLess    string `json:"showLess"` // folds it again
	Speakers    string `json:"speakers"` // with the count, in the language's plural form
	Moderator   string `json:"moderator"`
	Highlights  string `json:"highlights"`
	Documents   string `json:"documents"`
	NewTab      string `json:"newTab"` // appended, visually hidden, to links that open a tab
	Language    string `json:"language"`
	Name        string `json:"name"`       // the language's name in itself: what the switch announces
	FrameTitle  string `json:"frameTitle"` // the embedding iframe's title

	Install       string `json:"install"`
	UpdateReady   string `json:"updateReady"`
	Reload        string `json:"reload"`
	Share         string `json:"share"`
	LinkCopied    string `json:"linkCopied"`
	AddToCalendar string `json:"addToCalendar"`
	EventsIndex   string `json:"eventsIndex"`
}

// Upcoming reports whether the event has not ended at now.
func (v View) Upcoming(now time.Time) bool {
	return now.Before(v.Ends)
}

// View returns the card in lang, or in the bundle's default language when lang is not one of
// its languages.
func (b *Bundle) View(lang string) View {
	if v, ok := b.Views[lang]; ok {
		return v
	}
	return b.Views[b.Default]
}

// Has reports whether lang is one of the bundle's languages.
func (b *Bundle) Has(lang string) bool {
	_, ok := b.Views[lang]
	return ok
}
