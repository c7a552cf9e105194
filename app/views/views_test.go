package views_test

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/views"
)

// The cards are built from the fixture events (fixtures.Tree): which events the project
// publishes changes none of these tests. Expected texts are read from the fixtures' message
// files and locales/ui, through go-i18n, never copied here.

var langs = []string{"es", "en", "pt", "fr"}

func load(t *testing.T, fsys fs.FS) *views.Set {
	t.Helper()
	s, err := views.Load(fsys, nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

// eventMessages reads event id's message file in lang, to compare the card with its source.
func eventMessages(t *testing.T, fsys fs.FS, id, lang string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, msg := range messageFile(t, fsys, "locales/events/"+id+"/active."+lang+".toml") {
		m[msg.ID] = msg.Other
	}
	return m
}

// messageFile reads a message file of fsys as go-i18n does.
func messageFile(t *testing.T, fsys fs.FS, name string) []*goi18n.Message {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatal(err)
	}
	return f.Messages
}

// zone is the IANA zone name's location.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The project's own events and translations load: what they say is content, checked by
// validation only.
func TestProjectContentLoads(t *testing.T) {
	s, err := views.Load(os.DirFS(fixtures.Root()), nil)
	if err != nil {
		t.Fatalf("Load(the project's tree): %v", err)
	}
	if len(s.IDs()) == 0 {
		t.Fatal("the project has no events")
	}
}

func TestSet(t *testing.T) {
	s := load(t, fixtures.Tree(t))
	if got, want := s.IDs(), slices.Sorted(slices.Values(fixtures.IDs)); !slices.Equal(got, want) {
		t.Errorf("IDs() = %v, want %v", got, want)
	}
	if got := s.Languages(); !slices.Equal(got, langs) {
		t.Errorf("Languages() = %v, want %v", got, langs)
	}
	// Every event is in the order of its start.
	var starts []time.Time
	for _, e := range s.Events() {
		starts = append(starts, e.When.Start())
	}
	if !slices.IsSortedFunc(starts, time.Time.Compare) || len(starts) != len(fixtures.IDs) {
		t.Errorf("Events() are not by start: %v", starts)
	}
	// The featured event is the next one still on: the workshop, the soonest upcoming; not the
	// postponed talk after it, nor the cancelled campaign.
	if got := s.Featured(); got != fixtures.Workshop {
		t.Errorf("Featured() = %q, want %q", got, fixtures.Workshop)
	}
	// Several events: the home page lists them; the builder offers them.
	if b, ok := s.Page(card.Path{Kind: card.HomePage}); !ok || b.Event != "" || b.View("en").Index == nil {
		t.Errorf("the home page of several events is not the index: %+v", b)
	}
	if b, ok := s.Page(card.Path{Kind: card.BuilderPage}); !ok || b.View("fr").Builder == nil || len(b.View("fr").Index.Events) != len(fixtures.IDs) {
		t.Errorf("the builder page does not offer every event")
	}

	// Each event's own language is its fallback; an unknown event's is the source language.
	for id, fallback := range map[string]string{fixtures.PastWebinar: "es", fixtures.HybridForum: "en", fixtures.Cancelled: "pt", fixtures.Postponed: "fr", "nope": "es", "": "es"} {
		m := s.Matcher(id)
		if m == nil {
			t.Fatalf("Matcher(%q) = nil", id)
		}
		if got := m.Fallback(); got != fallback {
			t.Errorf("Matcher(%q).Fallback() = %q, want %s", id, got, fallback)
		}
		if got, ok := m.AcceptLanguage("de-DE,de;q=0.9,pt;q=0.8"); got != "pt" || !ok {
			t.Errorf("Matcher(%q).AcceptLanguage(de-DE,de;q=0.9,pt;q=0.8) = %q, %v; want pt", id, got, ok)
		}
	}
}

// With one event, the home page is its card; when every event has ended, the featured event is
// the most recent.
func TestHomePageOfOneEvent(t *testing.T) {
	tree := only(t, fixtures.Tree(t), fixtures.PastWebinar)
	s := load(t, tree)
	if got := s.Featured(); got != fixtures.PastWebinar {
		t.Errorf("Featured() = %q, want the only event", got)
	}
	if b, ok := s.Page(card.Path{Kind: card.HomePage, Lang: "pt"}); !ok || b.Event != fixtures.PastWebinar {
		t.Errorf("the home page of one event is not its card: %q, %v", b.Event, ok)
	}

	tree = only(t, fixtures.Tree(t), fixtures.PastWebinar, fixtures.Workshop)
	projecttree.Replace(t, tree, "events/"+fixtures.Workshop+".toml", "date = 2099-03-10", "date = 2021-03-10")
	projecttree.Replace(t, tree, "events/"+fixtures.Workshop+".toml", "deadline = 2099-03-05", "deadline = 2021-03-05")
	if got := load(t, tree).Featured(); got != fixtures.Workshop {
		t.Errorf("every event past: Featured() = %q, want the most recent, %q", got, fixtures.Workshop)
	}
}

// only is tree without the fixture events other than ids.
func only(t *testing.T, tree fstest.MapFS, ids ...string) fstest.MapFS {
	t.Helper()
	for _, id := range fixtures.IDs {
		if slices.Contains(ids, id) {
			continue
		}
		for name := range tree {
			if name == "events/"+id+".toml" || strings.HasPrefix(name, "events/"+id+"/") || strings.HasPrefix(name, "locales/events/"+id+"/") {
				delete(tree, name)
			}
		}
	}
	return tree
}

// TestBundle: the past webinar, the seed's shape, in every language, against its sources.
func TestBundle(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	e := fixtures.Events(t, tree)[fixtures.PastWebinar]
	b, ok := s.Bundle(fixtures.PastWebinar)
	if !ok || b == nil {
		t.Fatalf("Bundle(%s) = %v, %v", fixtures.PastWebinar, b, ok)
	}
	if b.Event != fixtures.PastWebinar || b.Default != "es" {
		t.Errorf("bundle Event, Default = %q, %q", b.Event, b.Default)
	}
	var codes []string
	for _, l := range b.Languages {
		codes = append(codes, l.Code)
		if want := fixtures.Localizer(t, tree, l.Code, "").Text(i18n.LanguageName, nil); l.Name != want {
			t.Errorf("switcher: %s is named %q, want its own name %q", l.Code, l.Name, want)
		}
	}
	if !slices.Equal(codes, langs) || len(b.Views) != len(langs) {
		t.Errorf("switcher %v and %d views, want %v", codes, len(b.Views), langs)
	}
	if v := b.View("de"); v.Lang != "es" {
		t.Errorf(`View("de").Lang = %q, want the default, es`, v.Lang)
	}
	asuncion := zone(t, "America/Asuncion")

	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			msgs := eventMessages(t, tree, fixtures.PastWebinar, lang)
			l := fixtures.Localizer(t, tree, lang, fixtures.PastWebinar)
			v, ok := b.Views[lang]
			if !ok || v.Card == nil {
				t.Fatalf("no card")
			}
			c := v.Card
			if v.Lang != lang || v.Missing != "" || v.Index != nil || v.Builder != nil {
				t.Errorf("Lang, Missing, Index, Builder = %q, %q, %v, %v", v.Lang, v.Missing, v.Index, v.Builder)
			}
			if v.Title != msgs["Title"] || c.Summary != msgs["Summary"] || c.Kind != msgs["Kind"] {
				t.Errorf("Kind, Title, Summary = %q, %q, %q; want the event's messages", c.Kind, v.Title, c.Summary)
			}
			if got, want := strings.Join(c.More, "\n\n"), msgs["More"]; got != want || len(c.More) != 2 {
				t.Errorf("More = %d paragraphs %q, want the 2 paragraphs of %q", len(c.More), c.More, want)
			}
			if c.Hashtag != e.Hashtag || c.Hashtag == "" {
				t.Errorf("Hashtag = %q, want %q", c.Hashtag, e.Hashtag)
			}
			if c.Attendance.Code != "online" || c.Attendance.Text != l.Text(i18n.AttendanceOnline, nil) || c.Status != nil || c.Where != nil {
				t.Errorf("Attendance %+v, Status %+v, Where %+v; want online, scheduled, no venue", c.Attendance, c.Status, c.Where)
			}

			// The date, and when the event stops being upcoming: the end of the 14th in Asunción.
			if want := l.FullDate(e.When.Start()); c.When.Text != want || c.When.ISO != "2020-09-14" {
				t.Errorf("When = %q, %q; want %q, 2020-09-14", c.When.Text, c.When.ISO, want)
			}
			for _, at := range []struct {
				at   time.Time
				want bool
			}{
				{time.Now(), false},
				{time.Date(2020, 9, 13, 12, 0, 0, 0, asuncion), true},
				{time.Date(2020, 9, 14, 23, 59, 59, 0, asuncion), true},
				{time.Date(2020, 9, 15, 3, 59, 0, 0, time.UTC), true}, // still the 14th in Asunción (UTC−4)
				{time.Date(2020, 9, 15, 0, 0, 0, 0, asuncion), false},
				{time.Date(2020, 9, 15, 4, 0, 0, 0, time.UTC), false},
			} {
				if got := c.Upcoming(at.at); got != at.want {
					t.Errorf("Upcoming(%s) = %v, want %v", at.at, got, at.want)
				}
			}

			// The panel, as the event file lists it, each with the role its texts give.
			if len(c.People) != len(e.People) || len(e.People) != 3 {
				t.Fatalf("%d people, want the event's %d", len(c.People), len(e.People))
			}
			for i, p := range c.People {
				src := e.People[i]
				if p.Name != src.Name || p.Role != msgs["Person."+src.ID+".Role"] || p.URL != src.URL {
					t.Errorf("people[%d] = %+v, want %s, %q, %q", i, p, src.Name, msgs["Person."+src.ID+".Role"], src.URL)
				}
				org := card.Link{Text: msgs["Organization."+src.Organization.ID+".Short"], URL: src.Organization.URL}
				if p.Organization != org {
					t.Errorf("people[%d].Organization = %+v, want %+v", i, p.Organization, org)
				}
				badge := ""
				if src.Role == content.Moderator {
					badge = l.Text(i18n.Moderator, nil)
				}
				if p.Badge != badge {
					t.Errorf("people[%d].Badge = %q, want %q (role %s)", i, p.Badge, badge, src.Role)
				}
			}
			// The network has no address: named, not linked.
			if o := c.People[1].Organization; o.URL != "" || o.Text == "" {
				t.Errorf("Bruno Silva's organization = %+v, want a name without a link", o)
			}

			// The organizers, in the event file's order, by full name with the short one as a
			// note when it says something else.
			if len(c.Organizers) != len(e.Organizers) {
				t.Fatalf("organizers = %+v", c.Organizers)
			}
			for i, o := range c.Organizers {
				id := e.Organizers[i].ID
				name, abbr := msgs["Organization."+id+".Name"], msgs["Organization."+id+".Short"]
				note := abbr
				if abbr == name {
					note = ""
				}
				if o.Text != name || o.Note != note || o.URL != e.Organizers[i].URL {
					t.Errorf("organizers[%d] = %+v, want %s: %q (%q) %q", i, o, id, name, note, e.Organizers[i].URL)
				}
			}
			if c.Organizers[1].Note != "" {
				t.Errorf("the network's short name is its name, repeated as a note: %+v", c.Organizers[1])
			}

			// The quotes, in the language's quotation marks, by whom.
			if len(c.Quotes) != 1 {
				t.Fatalf("quotes = %+v", c.Quotes)
			}
			q, author := c.Quotes[0], e.Quotes[0].Person
			if want := l.Text(i18n.Quoted, map[string]any{"Text": msgs["Quote.perez.Text"]}); q.Text != want || q.Text == msgs["Quote.perez.Text"] {
				t.Errorf("quote %q, want %q", q.Text, want)
			}
			if role := msgs["Person."+author.ID+".Role"] + ", " + msgs["Organization."+author.Organization.ID+".Short"]; q.Author != author.Name || q.Role != role {
				t.Errorf("quote by %q (%q), want %q (%q)", q.Author, q.Role, author.Name, role)
			}

			// The documents, with publisher and year.
			d := e.Documents[0]
			note := l.Text(i18n.DocumentNote, map[string]any{"Publisher": msgs["Organization."+d.Publisher.ID+".Short"], "Year": d.Year})
			if len(c.Documents) != 1 || c.Documents[0] != (card.Link{Text: msgs["Document."+d.ID+".Title"], URL: d.URL, Note: note}) {
				t.Errorf("documents = %+v, want %q (%s) at %s", c.Documents, msgs["Document."+d.ID+".Title"], note, d.URL)
			}
			if !strings.Contains(note, strconv.Itoa(d.Year)) {
				t.Errorf("document note %q lacks the year", note)
			}

			if v.Labels.Speakers != l.Count(i18n.Speakers, 3) {
				t.Errorf("Labels.Speakers = %q, want %q", v.Labels.Speakers, l.Count(i18n.Speakers, 3))
			}
			if want := l.Text(i18n.FrameTitle, map[string]any{"Title": v.Title}); v.Labels.FrameTitle != want || !strings.Contains(want, v.Title) {
				t.Errorf("Labels.FrameTitle = %q, want %q", v.Labels.FrameTitle, want)
			}

			// Nothing empty, no template left unexpanded, no control characters.
			for _, f := range texts(v) {
				if f.text == "" {
					t.Errorf("%s is empty", f.field)
				}
				for _, bad := range []string{"{{", "}}", "<no value>", "%!"} {
					if strings.Contains(f.text, bad) {
						t.Errorf("%s contains %q: %q", f.field, bad, f.text)
					}
				}
				if !utf8.ValidString(f.text) || strings.ContainsFunc(f.text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
					t.Errorf("%s has invalid or control characters: %q", f.field, f.text)
				}
			}
		})
	}

	// The languages differ: each view is its own translation, not a copy.
	seen := map[string]string{}
	for code, v := range b.Views {
		if other, dup := seen[v.Card.Summary]; dup {
			t.Errorf("%s and %s have the same summary", code, other)
		}
		seen[v.Card.Summary] = code
	}
}

func TestUnknownEvent(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	// The empty id is the home page's featured event.
	if b, ok := s.Bundle(""); !ok || b.Event != s.Featured() {
		t.Errorf("Bundle(\"\") = %q, %v; want the featured event", b.Event, ok)
	}
	for _, id := range []string{"nope", "-", "../" + fixtures.PastWebinar, strings.ToUpper(fixtures.PastWebinar)} {
		b, ok := s.Bundle(id)
		if ok {
			t.Errorf("Bundle(%q) ok = true", id)
		}
		if b == nil {
			t.Fatalf("Bundle(%q) = nil", id)
		}
		var codes []string
		for _, l := range b.Languages {
			codes = append(codes, l.Code)
		}
		if b.Event != "" || b.Default != "es" || !slices.Equal(codes, langs) {
			t.Errorf("Bundle(%q): Event, Default, Languages = %q, %q, %v", id, b.Event, b.Default, codes)
		}
		for _, lang := range langs {
			v, l := b.Views[lang], fixtures.Localizer(t, tree, lang, "")
			if want, title := l.Text(i18n.UnknownEvent, nil), l.Text(i18n.UnknownEventTitle, nil); v.Lang != lang || v.Missing != want || v.Title != title {
				t.Errorf("Bundle(%q) %s: Lang, Missing, Title = %q, %q, %q; want %q, %q", id, lang, v.Lang, v.Missing, v.Title, want, title)
			}
			if v.Labels.Language == "" || v.Labels.FrameTitle == "" || v.Card != nil {
				t.Errorf("Bundle(%q) %s: %+v", id, lang, v)
			}
		}
	}
}

// TestFrenchTypography: French puts a no-break space (U+00A0, or the narrow U+202F) before
// ? ! : ; and inside « », never a breaking one: a line must not start with the punctuation.
func TestFrenchTypography(t *testing.T) {
	s := load(t, fixtures.Tree(t))
	for _, id := range append(s.IDs(), "nope") {
		b, _ := s.Bundle(id)
		v, ok := b.Views["fr"]
		if !ok {
			t.Fatalf("%s: no fr view", id)
		}
		for _, f := range texts(v) {
			if msg := frenchSpacing(f.text); msg != "" {
				t.Errorf("%s fr %s: %s", id, f.field, msg)
			}
		}
	}
}

func TestFrenchSpacingChecker(t *testing.T) {
	for text, bad := range map[string]bool{
		"Où sont les femmes\u00a0? Ici\u202f!":     false,
		"« Texte »":                                true, // ASCII spaces inside « »
		"«\u00a0Texte\u00a0»":                      false,
		"Où sont les femmes ? La traite":           true,
		"genre ; il":                               true,
		"Événement : titre":                        true,
		"https://www.oas.org/fr/cim/ et 14:00":     false, // no space: not a French colon
		"Où sont les femmes\u2009?":                true,  // thin space, but breaking
		"Où sont les femmes\u00a0?\u00a0Ici\u00a0": false,
	} {
		if got := frenchSpacing(text) != ""; got != bad {
			t.Errorf("frenchSpacing(%q) reports a problem: %v, want %v", text, got, bad)
		}
	}
}

// frenchSpacing describes the first breaking space before ? ! : ; or » or after «, or "".
func frenchSpacing(s string) string {
	noBreak := func(r rune) bool { return r == '\u00a0' || r == '\u202f' }
	rs := []rune(s)
	for i, r := range rs {
		if strings.ContainsRune("?!:;»", r) && i > 0 && unicode.IsSpace(rs[i-1]) && !noBreak(rs[i-1]) {
			return fmt.Sprintf("breaking space %U before %c in …%s…", rs[i-1], r, around(rs, i))
		}
		if r == '«' && i+1 < len(rs) && unicode.IsSpace(rs[i+1]) && !noBreak(rs[i+1]) {
			return fmt.Sprintf("breaking space %U after « in …%s…", rs[i+1], around(rs, i))
		}
	}
	return ""
}

func around(rs []rune, i int) string {
	return string(rs[max(0, i-20):min(len(rs), i+5)])
}

type field struct{ field, text string }

// texts are every text of a view a visitor reads (or hears, for the labels).
func texts(v card.View) []field {
	if v.Card == nil { // the unknown-event view
		return []field{{"Missing", v.Missing}, {"Title", v.Title}, {"Labels.Language", v.Labels.Language}, {"Labels.FrameTitle", v.Labels.FrameTitle}}
	}
	c := v.Card
	out := []field{{"Kind", c.Kind}, {"Title", v.Title}, {"When", c.When.Text}, {"Summary", c.Summary}, {"Attendance", c.Attendance.Text}}
	if c.Status != nil {
		out = append(out, field{"Status", c.Status.Text})
	}
	if c.When.Former != "" {
		out = append(out, field{"When.Former", c.When.Former}, field{"When.FormerLabel", c.When.FormerLabel})
	}
	if c.When.LocalLabel != "" {
		out = append(out, field{"When.LocalLabel", c.When.LocalLabel})
	}
	if w := c.Where; w != nil {
		out = append(out, field{"Where.Label", w.Label}, field{"Where.Name", w.Name})
		for i, a := range w.Address {
			out = append(out, field{"Where.Address[" + itoa(i) + "]", a})
		}
	}
	for i, a := range c.Actions {
		out = append(out, field{"Actions[" + itoa(i) + "]", a.Text})
		if a.Note != "" {
			out = append(out, field{"Actions[" + itoa(i) + "].Note", a.Note})
		}
	}
	for i, p := range c.More {
		out = append(out, field{"More[" + itoa(i) + "]", p})
	}
	for i, p := range c.People {
		out = append(out, field{"People[" + itoa(i) + "].Role", p.Role}, field{"People[" + itoa(i) + "].Initials", p.Initials})
		if p.Organization != (card.Link{}) {
			out = append(out, field{"People[" + itoa(i) + "].Organization", p.Organization.Text})
		}
		if p.Badge != "" {
			out = append(out, field{"People[" + itoa(i) + "].Badge", p.Badge})
		}
	}
	for i, q := range c.Quotes {
		out = append(out, field{"Quotes[" + itoa(i) + "].Text", q.Text}, field{"Quotes[" + itoa(i) + "].Role", q.Role})
	}
	for i, o := range c.Organizers {
		out = append(out, field{"Organizers[" + itoa(i) + "]", o.Text})
	}
	for i, d := range c.Documents {
		out = append(out, field{"Documents[" + itoa(i) + "]", d.Text}, field{"Documents[" + itoa(i) + "].Note", d.Note})
	}
	l := v.Labels
	for _, f := range []field{
		{"Upcoming", l.Upcoming}, {"Past", l.Past}, {"OrganizedBy", l.OrganizedBy}, {"ReadMore", l.ReadMore},
		{"ReadLess", l.ReadLess}, {"Speakers", l.Speakers}, {"Highlights", l.Highlights},
		{"Documents", l.Documents}, {"NewTab", l.NewTab}, {"Language", l.Language}, {"FrameTitle", l.FrameTitle},
		{"Share", l.Share}, {"ShowAll", l.ShowAll}, {"ShowLess", l.ShowLess},
	} {
		out = append(out, field{"Labels." + f.field, f.text})
	}
	return out
}

// TestLoadRejectsGaps: a gap anywhere fails the whole load, naming the file and the message.
// (A text not translated yet is no gap: the card shows it in the event's own language, marked;
// untranslated_test.go.)
func TestLoadRejectsGaps(t *testing.T) {
	id := fixtures.PastWebinar
	eventFile := "events/" + id + ".toml"
	cases := []struct {
		name string
		edit func(t *testing.T, fsys fstest.MapFS)
		want []string
	}{
		{
			name: "event without messages",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				for _, lang := range langs {
					delete(fsys, "locales/events/"+id+"/active."+lang+".toml")
				}
				fsys["locales/events/"+id+"/README"] = &fstest.MapFile{}
			},
			want: []string{"locales/events/" + id},
		},
		{
			name: "event in a language the card does not have",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				projecttree.Replace(t, fsys, eventFile, `language = "es"`, `language = "de"`)
			},
			want: []string{eventFile, "language"},
		},
		{
			name: "broken event file",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				projecttree.Replace(t, fsys, eventFile, `url = "https://comision.example.org/"`, `url = "http://comision.example.org/"`)
			},
			want: []string{eventFile, "organizations[0].url"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fixtures.Tree(t)
			if _, err := views.Load(fsys, nil); err != nil {
				t.Fatalf("Load(unaltered fixtures): %v", err)
			}
			c.edit(t, fsys)
			_, err := views.Load(fsys, nil)
			if err == nil {
				t.Fatalf("Load succeeded; want an error containing %q", c.want)
			}
			for _, s := range c.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// allMessages reads every message of fsys's locales/ (interface, events) in lang:
// file:id → text, every plural form.
func allMessages(t *testing.T, fsys fs.FS, lang string) map[string]string {
	t.Helper()
	names, err := fs.Glob(fsys, "locales/*/active."+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := fs.Glob(fsys, "locales/events/*/active."+lang+".toml")
	names = append(names, events...)
	if len(names) < 2 {
		t.Fatalf("only %d message files in %s", len(names), lang)
	}
	out := map[string]string{}
	for _, name := range names {
		for _, m := range messageFile(t, fsys, name) {
			for form, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
				if text != "" {
					out[name+": "+m.ID+" ("+form+")"] = text
				}
			}
		}
	}
	return out
}

// TestTypographyOfEveryMessage: the typography of each language in every text, the interface's
// included: French no-break spaces before ? ! : ; and inside « »; Spanish opening ¿ and ¡;
// typographic apostrophes and quotes, never ASCII ' or ". The project's own messages are
// checked as the fixtures' are: a translation's typography is part of its validation.
func TestTypographyOfEveryMessage(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"project": os.DirFS(fixtures.Root()), "fixtures": fixtures.Tree(t)} {
		for _, lang := range langs {
			for where, text := range allMessages(t, fsys, lang) {
				if strings.ContainsAny(text, `'"`) {
					t.Errorf("%s %s: ASCII quote or apostrophe in %q: use ’ “ ” « »", name, where, text)
				}
				switch lang {
				case "fr":
					if msg := frenchSpacing(text); msg != "" {
						t.Errorf("%s %s: %s", name, where, msg)
					}
				case "es":
					for _, p := range [][2]string{{"¿", "?"}, {"¡", "!"}} {
						if strings.Count(text, p[0]) != strings.Count(text, p[1]) {
							t.Errorf("%s %s: %d %s for %d %s in %q", name, where, strings.Count(text, p[0]), p[0], strings.Count(text, p[1]), p[1], text)
						}
					}
				default:
					if strings.ContainsAny(text, "¿¡") {
						t.Errorf("%s %s: Spanish punctuation in %q", name, where, text)
					}
				}
			}
		}
	}
}

// TestHighlightsQuotes: each language's quotation marks around the highlights, and the names
// as their owners write them.
func TestHighlightsQuotes(t *testing.T) {
	marks := map[string][2]string{"es": {"«", "»"}, "en": {"“", "”"}, "pt": {"“", "”"}, "fr": {"«\u00a0", "\u00a0»"}}
	tree := fixtures.Tree(t)
	b, _ := load(t, tree).Bundle(fixtures.PastWebinar)
	e := fixtures.Events(t, tree)[fixtures.PastWebinar]
	for lang, m := range marks {
		c := b.Views[lang].Card
		if len(c.Quotes) == 0 {
			t.Fatalf("%s: no quotes", lang)
		}
		for _, q := range c.Quotes {
			inner := strings.TrimSuffix(strings.TrimPrefix(q.Text, m[0]), m[1])
			if !strings.HasPrefix(q.Text, m[0]) || !strings.HasSuffix(q.Text, m[1]) || strings.ContainsAny(inner, "«»“”") {
				t.Errorf("%s: quote %q: want %s…%s", lang, q.Text, m[0], m[1])
			}
		}
		var names []string
		for i, p := range c.People {
			if p.Name != e.People[i].Name {
				t.Errorf("%s: name %q, want %q as its owner writes it", lang, p.Name, e.People[i].Name)
			}
			names = append(names, p.Name)
		}
		if got := strings.Join(names, ", "); !strings.Contains(got, "Ana Pérez Gómez") || !strings.Contains(got, "Carla Díaz") {
			t.Errorf("%s: names %s", lang, got)
		}
	}
}

// TestTimedEvent: an event with a time shows it with its zone (as ICU writes it: see app/i18n),
// has a <time datetime> with its offset, and is upcoming until it ends: its end time, or
// without one, the end of its day. In its last 21 days it counts down.
func TestTimedEvent(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	asuncion := zone(t, "America/Asuncion")
	view := func(id string) *card.Card {
		b, _ := s.Bundle(id)
		return b.View("en").Card
	}

	// The workshop: 10:00 to 13:00 in Asunción (UTC−3).
	c := view(fixtures.Workshop)
	if c.When.ISO != "2099-03-10T10:00-03:00" || c.When.Zone != "America/Asuncion" {
		t.Errorf("ISO, Zone = %q, %q", c.When.ISO, c.When.Zone)
	}
	start, end := time.Date(2099, 3, 10, 10, 0, 0, 0, asuncion), time.Date(2099, 3, 10, 13, 0, 0, 0, asuncion)
	if !c.When.Start.Equal(start) || !c.When.End.Equal(end) || !c.When.Ends.Equal(end) {
		t.Errorf("Start, End, Ends = %v, %v, %v; want %v, %v and the end", c.When.Start, c.When.End, c.When.Ends, start, end)
	}
	if !c.Upcoming(end.Add(-time.Minute)) || c.Upcoming(end) {
		t.Error("upcoming is not until the end time")
	}
	if want := fixtures.Localizer(t, tree, "en", "").Text(i18n.YourTime, map[string]any{"Time": card.LocalTimeMark}); c.When.LocalLabel != want {
		t.Errorf("LocalLabel = %q, want %q", c.When.LocalLabel, want)
	}

	// The meeting: 14:00 and a duration of 1h30m.
	if c := view(fixtures.Rescheduled); !c.When.Ends.Equal(time.Date(2099, 5, 21, 15, 30, 0, 0, asuncion)) {
		t.Errorf("rescheduled: Ends = %v, want start + duration", c.When.Ends)
	}
	// The talk: a start without an end, upcoming until the end of its day.
	mexico := zone(t, "America/Mexico_City")
	if c := view(fixtures.Postponed); !c.When.Ends.Equal(time.Date(2099, 4, 16, 0, 0, 0, 0, mexico)) || !c.When.End.IsZero() {
		t.Errorf("without an end time: Ends = %v, End = %v; want the end of the day and none", c.When.Ends, c.When.End)
	}
	// A past event counts down to nothing.
	if c := view(fixtures.PastWebinar); len(c.When.Countdown) != 0 {
		t.Errorf("a past event carries %d countdown labels", len(c.When.Countdown))
	}

	// Upcoming: the labels of the last 21 days, by the event zone's midnights.
	l := fixtures.Localizer(t, tree, "en", "")
	for _, at := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2099, 2, 16, 23, 59, 0, 0, asuncion), ""},
		{time.Date(2099, 2, 17, 0, 0, 0, 0, asuncion), l.Count(i18n.InDays, 21)},
		{time.Date(2099, 3, 5, 12, 0, 0, 0, asuncion), l.Count(i18n.InDays, 5)},
		{time.Date(2099, 3, 9, 23, 59, 0, 0, asuncion), l.Count(i18n.InDays, 1)},
		{time.Date(2099, 3, 10, 0, 0, 0, 0, asuncion), l.Text(i18n.Today, nil)},
		{time.Date(2099, 3, 10, 12, 59, 0, 0, asuncion), l.Text(i18n.Today, nil)},
		{time.Date(2099, 3, 10, 13, 0, 0, 0, asuncion), ""},
	} {
		if got := c.CountdownAt(at.at); got != at.want {
			t.Errorf("CountdownAt(%s) = %q, want %q", at.at, got, at.want)
		}
	}
	if l.Count(i18n.InDays, 1) == l.Count(i18n.InDays, 5) {
		t.Error("one day and five days read the same: the plural forms are not used")
	}
}
