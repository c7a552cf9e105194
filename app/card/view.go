// Package card is the event card's data, the same on the server and in the wasm: the pages'
// views as the server localized them (Bundle, View; nothing here translates or formats, which
// keeps go-i18n and every event out of the wasm), their clock, their addresses, the facts Go,
// the scripts and the stylesheet share, an event's fold and the partner's snippet.
package card

import "time"

// Bundle is one page in every language: all the browser needs to switch in place. The server
// writes it into the page as JSON (see Data); the wasm reads it back before mounting.
type Bundle struct {
	Event     string          `json:"event"` // the event's id; empty on a page about no event
	Default   string          `json:"default"`
	Languages []Language      `json:"languages"` // in the switcher's order
	Views     map[string]View `json:"views"`     // by language code
	Brand     Brand           `json:"brand"`
}

// Brand is whose events these are, as the standalone pages' header shows it: the
// organisation's site and logo (its name is in each view's labels).
type Brand struct {
	URL  string `json:"url,omitempty"`
	Logo string `json:"logo,omitempty"` // its address on the widget (LogoAddr); "" for none
}

// LogoAddr is where the widget serves the organisation's logo file (site/'s file).
func LogoAddr(file string) string { return "/site/" + file }

// Language is one switcher entry: a code and the language's name in itself.
type Language struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// View is a page in one language: what every page has, then what its kind shows, exactly one
// of Card, Missing, Index and Builder.
type View struct {
	Lang   string `json:"lang"`
	Title  string `json:"title"`
	Labels Labels `json:"labels"`

	// TitleLang is the title's language when it is not the view's: an event's text not
	// translated into the view's language yet, shown in the event's own (README, "Translations").
	// Every *Lang field below says the same of its text; empty: the view's language.
	TitleLang string `json:"titleLang,omitempty"`

	Card    *Card          `json:"card,omitempty"`    // an event's card
	Missing string         `json:"missing,omitempty"` // no such event: what to say instead
	Index   *Index         `json:"index,omitempty"`   // the list of events (home page, builder's choices)
	Builder *BuilderLabels `json:"builder,omitempty"` // the snippet builder
}

// Card is an event's card in one language, every text resolved, every date written.
type Card struct {
	Kind       string     `json:"kind"`       // the event's own word: "Webinar", "Taller"
	Attendance Attendance `json:"attendance"` // online, in person, or both
	Status     *Status    `json:"status,omitempty"`
	Hashtag    string     `json:"hashtag,omitempty"`
	When       When       `json:"when"`
	Where      *Where     `json:"where,omitempty"`
	Actions    []Action   `json:"actions,omitempty"` // each shown while it applies (Action.From, Until)
	Banner     *Picture   `json:"banner,omitempty"`

	Organizers []Link   `json:"organizers"`
	Summary    string   `json:"summary"`
	More       []string `json:"more"` // paragraphs behind "read more"
	People     []Person `json:"people"`
	Quotes     []Quote  `json:"quotes"`
	Documents  []Link   `json:"documents"`

	// The languages of the event's texts not translated into the view's language yet (empty:
	// the view's), and the note that says so, in the view's language (empty: all translated).
	KindLang     string `json:"kindLang,omitempty"`
	SummaryLang  string `json:"summaryLang,omitempty"`
	MoreLang     string `json:"moreLang,omitempty"`
	Untranslated string `json:"untranslated,omitempty"`
}

// Attendance is how people take part: its code (online, in-person, hybrid) and its name.
type Attendance struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Status is an event that is not simply on: cancelled, postponed, rescheduled or moved online.
type Status struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// When is an event's date, as the card writes it.
type When struct {
	Text string    `json:"text"` // the day or days, with the time and zone for a timed event
	ISO  string    `json:"iso"`  // for <time datetime>: the day, or the start with its offset
	Ends time.Time `json:"ends"` // upcoming until then, past after

	// A timed event's start and end (End zero: not given) and its zone: the browser writes
	// them in the visitor's zone too, when it is another (LocalLabel holds {time}).
	Start      time.Time `json:"start,omitzero"`
	End        time.Time `json:"end,omitzero"`
	Zone       string    `json:"zone,omitempty"`
	LocalLabel string    `json:"localLabel,omitempty"`

	// A rescheduled event's former date, struck through, with what is read before it.
	Former      string `json:"former,omitempty"`
	FormerLabel string `json:"formerLabel,omitempty"`

	// The labels of the last days before an upcoming event: "In 5 days", "Today".
	Countdown []Countdown `json:"countdown,omitempty"`
}

// Countdown is the label of an upcoming event from one midnight (in the event's zone) on:
// "In 5 days", "Today". The server writes them, plurals and all; the browser only picks the one
// for its clock, so the wasm needs no plural rules and no time zone data.
type Countdown struct {
	From time.Time `json:"from"`
	Text string    `json:"text"`
}

// Where is the venue of an event in person.
type Where struct {
	Label   string   `json:"label"` // "Where"
	Name    string   `json:"name"`
	Address []string `json:"address"` // its lines, the country named in the card's language
	Map     *Link    `json:"map,omitempty"`
}

// Action is one of the card's main links: register, join online, watch the recording, add to
// one's calendar. It is shown from From (zero: always) until Until (zero: always).
type Action struct {
	Kind     string    `json:"kind"` // register, join, recording, calendar
	Text     string    `json:"text"`
	URL      string    `json:"url"`
	Note     string    `json:"note,omitempty"`     // "Registration until…"
	Download string    `json:"download,omitempty"` // a file's name: the calendar file
	External bool      `json:"external,omitempty"` // another site's: opens a tab
	From     time.Time `json:"from,omitzero"`
	Until    time.Time `json:"until,omitzero"`
}

// Picture is an image the widget serves at several widths: Sources for the browsers that take a
// smaller format, Fallback for every browser. Width and Height keep its place before it loads.
type Picture struct {
	Alt      string   `json:"alt"` // empty: decorative
	Sources  []Source `json:"sources,omitempty"`
	Fallback Source   `json:"fallback"`
	Src      string   `json:"src"` // the fallback at the width the card shows it
	Sizes    string   `json:"sizes"`
	Width    int      `json:"width"`
	Height   int      `json:"height"`
	AltLang  string   `json:"altLang,omitempty"` // Alt's language, when not the view's
}

// Source is one format of a picture at several widths.
type Source struct {
	Type   string `json:"type"`
	Srcset string `json:"srcset"`
}

// Link is a text and the address it opens; URL may be empty when the source gives none.
type Link struct {
	Text string `json:"text"`
	URL  string `json:"url,omitempty"`
	Note string `json:"note,omitempty"` // publisher and year, for documents

	Lang     string `json:"lang,omitempty"`     // Text's language, when not the view's
	NoteLang string `json:"noteLang,omitempty"` // Note's language, when not the view's
}

// Person is someone on the programme.
type Person struct {
	Name         string   `json:"name"`
	Role         string   `json:"role"`            // what the event's texts say of them
	Badge        string   `json:"badge,omitempty"` // Moderator, Host: their part in the event
	Organization Link     `json:"organization"`
	URL          string   `json:"url,omitempty"`
	Portrait     *Picture `json:"portrait,omitempty"`
	Initials     string   `json:"initials"` // shown without a portrait
	RoleLang     string   `json:"roleLang,omitempty"`
}

// Quote is a highlight, already in the language's quotation marks.
type Quote struct {
	Text     string `json:"text"`
	Author   string `json:"author"`
	Role     string `json:"role"`
	Lang     string `json:"lang,omitempty"` // Text's language, when not the view's
	RoleLang string `json:"roleLang,omitempty"`
}

// Index is the list of events: upcoming ones first, the soonest first, then past ones, the most
// recent first (Split), as the visitor's clock says.
type Index struct {
	Events        []Summary `json:"events"` // by start, the earliest first
	UpcomingLabel string    `json:"upcomingLabel"`
	PastLabel     string    `json:"pastLabel"`
}

// Split is the events upcoming at now, the soonest first, and the past ones, the most recent
// first.
func (x *Index) Split(now time.Time) (upcoming, past []Summary) {
	for _, e := range x.Events {
		if now.Before(e.Ends) {
			upcoming = append(upcoming, e)
		} else {
			past = append([]Summary{e}, past...)
		}
	}
	return upcoming, past
}

// Ordered is the index's events as the list shows them at now: upcoming, then past.
func (x *Index) Ordered(now time.Time) []Summary {
	upcoming, past := x.Split(now)
	return append(upcoming, past...)
}

// Summary is one event in a list.
type Summary struct {
	ID     string    `json:"id"`
	Kind   string    `json:"kind"`
	Title  string    `json:"title"`
	Date   string    `json:"date"`
	ISO    string    `json:"iso"`
	Ends   time.Time `json:"ends"`
	Status *Status   `json:"status,omitempty"`

	KindLang  string `json:"kindLang,omitempty"` // when not the view's language
	TitleLang string `json:"titleLang,omitempty"`

	Banner *Picture `json:"banner,omitempty"`
	// The event's folds: opened in this language (FoldIn), in any (FoldOf). The builder's
	// snippet reserves the one of the card's language.
	Fold    Folds `json:"fold"`
	AnyFold Folds `json:"anyFold"`
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
	ThemeHost  string `json:"themeHost"`
	Accent     string `json:"accent"`

	// The verdict on the accent chosen: readable in both schemes, or not in one of them.
	AccentReadable string `json:"accentReadable"`
	AccentLowLight string `json:"accentLowLight"`
	AccentLowDark  string `json:"accentLowDark"`
	Compact        string `json:"compact"`
	Snippet        string `json:"snippet"`
	CSP            string `json:"csp"`
	Preview        string `json:"preview"`
	Copy           string `json:"copy"`
	Copied         string `json:"copied"`

	DefaultAccent string `json:"defaultAccent"` // the site's: what a card without data-accent shows
	DefaultTheme  string `json:"defaultTheme"`  // the site's: what a card without data-theme follows
}

// Labels are the interface texts every page has, in the view's language.
type Labels struct {
	Upcoming    string `json:"upcoming"`
	Past        string `json:"past"`
	OrganizedBy string `json:"organizedBy"`
	ReadMore    string `json:"readMore"`
	ReadLess    string `json:"readLess"`
	ShowAll     string `json:"showAll"`  // unfolds a framed card
	ShowLess    string `json:"showLess"` // folds it again
	Speakers    string `json:"speakers"` // with the count, in the language's plural form
	Highlights  string `json:"highlights"`
	Documents   string `json:"documents"`
	NewTab      string `json:"newTab"` // appended, visually hidden, to links that open a tab
	Language    string `json:"language"`
	Name        string `json:"name"`       // the language's name in itself: what the switch announces
	FrameTitle  string `json:"frameTitle"` // the embedding iframe's title

	Install     string `json:"install"`
	UpdateReady string `json:"updateReady"`
	Reload      string `json:"reload"`
	Share       string `json:"share"`
	LinkCopied  string `json:"linkCopied"`
	EventsIndex string `json:"eventsIndex"`

	Organization string `json:"organization"` // whose events these are: the header's name
}

// View returns the page in lang, or in the bundle's default language when lang is not one of
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
