package views_test

import (
	"eventcard/app/internal/projecttree"

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
	"eventcard/app/views"
)

// root is the project's own tree: the cards are built from the real events/ and locales/.
var root = os.DirFS("../..")

const seedID = "where-are-the-women-2020"

var switcher = []card.Language{{Code: "es", Name: "Español"}, {Code: "en", Name: "English"}, {Code: "pt", Name: "Português"}, {Code: "fr", Name: "Français"}}

// perLanguage is what a visitor reads in each language.
var perLanguage = map[string]struct {
	date, speakers, open, close, unknown, unknownTitle, framePrefix string
}{
	"es": {"lunes, 14 de septiembre de 2020", "5 panelistas", "«", "»",
		"No encontramos este evento. Revise la dirección o el código de la tarjeta.", "Evento no encontrado", "Evento: "},
	"en": {"Monday, September 14, 2020", "5 speakers", "“", "”",
		"We could not find this event. Check the address or the card’s code.", "Event not found", "Event: "},
	"pt": {"segunda-feira, 14 de setembro de 2020", "5 palestrantes", "“", "”",
		"Não encontramos este evento. Verifique o endereço ou o código do cartão.", "Evento não encontrado", "Evento: "},
	"fr": {"lundi 14 septembre 2020", "5 intervenantes et intervenants", "«\u00a0", "\u00a0»",
		"Nous n’avons pas trouvé cet événement. Vérifiez l’adresse ou le code de la fiche.", "Événement introuvable", "Événement\u00a0: "},
}

func load(t *testing.T) *views.Set {
	t.Helper()
	s, err := views.Load(root)
	if err != nil {
		t.Fatalf("Load(project tree): %v", err)
	}
	return s
}

// eventMessages reads the event's message file in lang, to compare the card with its source.
func eventMessages(t *testing.T, lang string) map[string]string {
	t.Helper()
	name := "locales/events/" + seedID + "/active." + lang + ".toml"
	data, err := fs.ReadFile(root, name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, msg := range f.Messages {
		m[msg.ID] = msg.Other
	}
	return m
}

func TestSet(t *testing.T) {
	s := load(t)
	if got := s.Featured(); got != seedID {
		t.Errorf("Featured() = %q, want %q", got, seedID)
	}
	if got := s.IDs(); !slices.Equal(got, []string{seedID}) {
		t.Errorf("IDs() = %v", got)
	}
	if got := s.Languages(); !slices.Equal(got, []string{"es", "en", "pt", "fr"}) {
		t.Errorf("Languages() = %v", got)
	}
	for _, id := range []string{seedID, "nope", ""} {
		m := s.Matcher(id)
		if m == nil {
			t.Fatalf("Matcher(%q) = nil", id)
		}
		if got := m.Fallback(); got != "es" {
			t.Errorf("Matcher(%q).Fallback() = %q, want es", id, got)
		}
		if got, ok := m.AcceptLanguage("de-DE,de;q=0.9,pt;q=0.8"); got != "pt" || !ok {
			t.Errorf("Matcher(%q).AcceptLanguage(de-DE,de;q=0.9,pt;q=0.8) = %q, %v; want pt", id, got, ok)
		}
	}
}

func TestBundle(t *testing.T) {
	s := load(t)
	b, ok := s.Bundle(seedID)
	if !ok || b == nil {
		t.Fatalf("Bundle(%s) = %v, %v", seedID, b, ok)
	}
	if b.Event != seedID || b.Default != "es" {
		t.Errorf("bundle Event, Default = %q, %q", b.Event, b.Default)
	}
	if !slices.Equal(b.Languages, switcher) {
		t.Errorf("switcher = %v, want %v", b.Languages, switcher)
	}
	if len(b.Views) != len(switcher) {
		t.Errorf("%d views, want %d", len(b.Views), len(switcher))
	}
	if v := b.View("de"); v.Lang != "es" {
		t.Errorf(`View("de").Lang = %q, want the default, es`, v.Lang)
	}

	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Alejandra Mora Mora", "Nilda Romero", "Farah Urrutia", "Karina Núñez Rodríguez", "Luz Patricia Mejía"}

	for _, lang := range switcher {
		t.Run(lang.Code, func(t *testing.T) {
			want := perLanguage[lang.Code]
			msgs := eventMessages(t, lang.Code)
			v, ok := b.Views[lang.Code]
			if !ok {
				t.Fatalf("no view")
			}
			if v.Lang != lang.Code || v.Error != "" {
				t.Errorf("Lang, Error = %q, %q", v.Lang, v.Error)
			}
			if v.Title != msgs["Title"] || v.Summary != msgs["Summary"] || v.Kind != msgs["Kind"] {
				t.Errorf("Kind, Title, Summary = %q, %q, %q; want the event's messages", v.Kind, v.Title, v.Summary)
			}
			if got, want := strings.Join(v.More, "\n\n"), msgs["More"]; got != want || len(v.More) != 4 {
				t.Errorf("More = %d paragraphs %q, want the 4 paragraphs of %q", len(v.More), v.More, want)
			}
			if v.Hashtag != "#LibresDeViolencia" {
				t.Errorf("Hashtag = %q", v.Hashtag)
			}

			// The date, and when the event stops being upcoming: the end of the 14th in Asunción.
			if v.Date != want.date || v.DateISO != "2020-09-14" {
				t.Errorf("Date, DateISO = %q, %q; want %q, 2020-09-14", v.Date, v.DateISO, want.date)
			}
			for _, c := range []struct {
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
				if got := v.Upcoming(c.at); got != c.want {
					t.Errorf("Upcoming(%s) = %v, want %v", c.at, got, c.want)
				}
			}

			// The panel.
			if len(v.People) != len(names) {
				t.Fatalf("%d people, want %d", len(v.People), len(names))
			}
			var moderators []string
			for i, p := range v.People {
				if p.Name != names[i] {
					t.Errorf("people[%d].Name = %q, want %q", i, p.Name, names[i])
				}
				if p.Role == "" || p.Organization.Text == "" {
					t.Errorf("%s: Role, Organization = %q, %q", p.Name, p.Role, p.Organization.Text)
				}
				if p.Moderator {
					moderators = append(moderators, p.Name)
				}
			}
			if len(moderators) != 1 || moderators[0] != "Luz Patricia Mejía" {
				t.Errorf("moderators = %q, want exactly Luz Patricia Mejía", moderators)
			}
			// O.TRA.S Uruguay has no address: named, not linked.
			if o := v.People[3].Organization; o.Text != "O.TRA.S Uruguay" || o.URL != "" {
				t.Errorf("Karina Núñez Rodríguez's organization = %+v, want O.TRA.S Uruguay without a link", o)
			}
			if o := v.People[0].Organization; o.Text != msgs["Organization.cim.Short"] || o.URL != "https://www.oas.org/en/cim/" {
				t.Errorf("Alejandra Mora Mora's organization = %+v", o)
			}

			// The organizers, in the event file's order, by full name with the short one as a note.
			wantOrgs := []struct{ id, url string }{
				{"cim", "https://www.oas.org/en/cim/"}, {"mesecvi", "https://www.oas.org/en/mesecvi/"}, {"mujer-py", "https://www.mujer.gov.py/"},
			}
			if len(v.Organizers) != len(wantOrgs) {
				t.Fatalf("organizers = %+v", v.Organizers)
			}
			for i, o := range v.Organizers {
				w := wantOrgs[i]
				if o.Text != msgs["Organization."+w.id+".Name"] || o.Note != msgs["Organization."+w.id+".Short"] || o.URL != w.url {
					t.Errorf("organizers[%d] = %+v, want %s", i, o, w.id)
				}
			}

			// The quotes, in the language's quotation marks, by whom.
			wantQuotes := []struct{ id, author, role string }{
				{"mora", "Alejandra Mora Mora", msgs["Person.alejandra-mora-mora.Role"] + ", " + msgs["Organization.cim.Short"]},
				{"romero", "Nilda Romero", msgs["Person.nilda-romero.Role"] + ", " + msgs["Organization.mujer-py.Short"]},
			}
			if len(v.Quotes) != len(wantQuotes) {
				t.Fatalf("quotes = %+v", v.Quotes)
			}
			for i, q := range v.Quotes {
				w := wantQuotes[i]
				if text := want.open + msgs["Quote."+w.id+".Text"] + want.close; q.Text != text {
					t.Errorf("quotes[%d].Text = %q…, want %q…", i, short(q.Text), short(text))
				}
				if q.Author != w.author || q.Role != w.role {
					t.Errorf("quotes[%d] by %q (%q), want %q (%q)", i, q.Author, q.Role, w.author, w.role)
				}
			}
			if lang.Code == "es" && v.Quotes[0].Role != "Secretaria Ejecutiva, CIM/OEA" {
				t.Errorf("es: Mora's role = %q", v.Quotes[0].Role)
			}

			// The documents, with publisher and year.
			if len(v.Documents) != 2 {
				t.Fatalf("documents = %+v", v.Documents)
			}
			for i, year := range []string{"2018", "2019"} {
				d := v.Documents[i]
				if d.Note != "MESECVI, "+year || d.Text == "" || d.URL != "https://www.oas.org/en/mesecvi/" {
					t.Errorf("documents[%d] = %+v, want a MESECVI document of %s", i, d, year)
				}
			}

			if v.Video.URL != "https://www.oas.org/en/cim/" || v.Video.Text == "" {
				t.Errorf("Video = %+v", v.Video)
			}
			if v.Labels.Speakers != want.speakers {
				t.Errorf("Labels.Speakers = %q, want %q", v.Labels.Speakers, want.speakers)
			}
			if v.Labels.FrameTitle != want.framePrefix+v.Title {
				t.Errorf("Labels.FrameTitle = %q, want %q", v.Labels.FrameTitle, want.framePrefix+v.Title)
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
		if other, dup := seen[v.Summary]; dup {
			t.Errorf("%s and %s have the same summary", code, other)
		}
		seen[v.Summary] = code
	}
}

func TestUnknownEvent(t *testing.T) {
	s := load(t)
	// The empty id is the home page's featured event.
	if b, ok := s.Bundle(""); !ok || b.Event != s.Featured() {
		t.Errorf("Bundle(\"\") = %q, %v; want the featured event", b.Event, ok)
	}
	for _, id := range []string{"nope", "-", "../" + seedID, strings.ToUpper(seedID)} {
		b, ok := s.Bundle(id)
		if ok {
			t.Errorf("Bundle(%q) ok = true", id)
		}
		if b == nil {
			t.Fatalf("Bundle(%q) = nil", id)
		}
		if b.Event != "" || b.Default != "es" || !slices.Equal(b.Languages, switcher) {
			t.Errorf("Bundle(%q): Event, Default, Languages = %q, %q, %v", id, b.Event, b.Default, b.Languages)
		}
		for _, lang := range switcher {
			v := b.Views[lang.Code]
			want := perLanguage[lang.Code]
			if v.Lang != lang.Code || v.Error != want.unknown || v.Title != want.unknownTitle {
				t.Errorf("Bundle(%q) %s: Lang, Error, Title = %q, %q, %q; want %q, %q", id, lang.Code, v.Lang, v.Error, v.Title, want.unknown, want.unknownTitle)
			}
			if v.Labels.Language == "" || v.Labels.FrameTitle == "" || len(v.People) != 0 {
				t.Errorf("Bundle(%q) %s: %+v", id, lang.Code, v)
			}
		}
	}
}

// TestFrenchTypography: French puts a no-break space (U+00A0, or the narrow U+202F) before
// ? ! : ; and inside « », never a breaking one: a line must not start with the punctuation.
func TestFrenchTypography(t *testing.T) {
	s := load(t)
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
	if v.Error != "" { // the unknown-event view
		return []field{{"Error", v.Error}, {"Title", v.Title}, {"Labels.Language", v.Labels.Language}, {"Labels.FrameTitle", v.Labels.FrameTitle}}
	}
	out := []field{{"Kind", v.Kind}, {"Title", v.Title}, {"Date", v.Date}, {"Summary", v.Summary}, {"Video", v.Video.Text}}
	for i, p := range v.More {
		out = append(out, field{"More[" + itoa(i) + "]", p})
	}
	for i, p := range v.People {
		out = append(out, field{"People[" + itoa(i) + "].Role", p.Role}, field{"People[" + itoa(i) + "].Organization", p.Organization.Text})
	}
	for i, q := range v.Quotes {
		out = append(out, field{"Quotes[" + itoa(i) + "].Text", q.Text}, field{"Quotes[" + itoa(i) + "].Role", q.Role})
	}
	for i, o := range v.Organizers {
		out = append(out, field{"Organizers[" + itoa(i) + "]", o.Text}, field{"Organizers[" + itoa(i) + "].Note", o.Note})
	}
	for i, d := range v.Documents {
		out = append(out, field{"Documents[" + itoa(i) + "]", d.Text}, field{"Documents[" + itoa(i) + "].Note", d.Note})
	}
	l := v.Labels
	for _, f := range []field{
		{"Upcoming", l.Upcoming}, {"Past", l.Past}, {"OrganizedBy", l.OrganizedBy}, {"ReadMore", l.ReadMore},
		{"ReadLess", l.ReadLess}, {"Speakers", l.Speakers}, {"Moderator", l.Moderator}, {"Highlights", l.Highlights},
		{"Documents", l.Documents}, {"NewTab", l.NewTab}, {"Language", l.Language}, {"FrameTitle", l.FrameTitle},
	} {
		out = append(out, field{"Labels." + f.field, f.text})
	}
	return out
}

// TestLoadRejectsGaps: a gap anywhere fails the whole load, naming the file and the message.
func TestLoadRejectsGaps(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, fsys fstest.MapFS)
		want []string
	}{
		{
			name: "event message missing in pt",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				name := "locales/events/" + seedID + "/active.pt.toml"
				projecttree.RemoveTable(t, fsys, name, `["Quote.romero.Text"]`)
			},
			want: []string{"locales/events/" + seedID + "/active.pt.toml", "Quote.romero.Text"},
		},
		{
			name: "event without messages",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				for lang := range perLanguage {
					delete(fsys, "locales/events/"+seedID+"/active."+lang+".toml")
				}
				fsys["locales/events/"+seedID+"/README"] = &fstest.MapFile{}
			},
			want: []string{"locales/events/" + seedID},
		},
		{
			name: "event in a language the card does not have",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				name := "events/" + seedID + ".toml"
				fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), `language = "es"`, `language = "de"`, 1))}
			},
			want: []string{"events/" + seedID + ".toml", "language"},
		},
		{
			name: "broken event file",
			edit: func(t *testing.T, fsys fstest.MapFS) {
				name := "events/" + seedID + ".toml"
				fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), `url = "https://www.mujer.gov.py/"`, `url = "http://www.mujer.gov.py/"`, 1))}
			},
			want: []string{"events/" + seedID + ".toml", "organizations[2].url"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := projecttree.Copy(t, "../..", "locales", "events")
			if _, err := views.Load(fsys); err != nil {
				t.Fatalf("Load(unaltered copy): %v", err)
			}
			c.edit(t, fsys)
			_, err := views.Load(fsys)
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

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40])
	}
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }

// allMessages reads every message of locales/ (interface, zones, events) in lang: file:id → text,
// every plural form.
func allMessages(t *testing.T, lang string) map[string]string {
	t.Helper()
	names, err := fs.Glob(root, "locales/*/active."+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := fs.Glob(root, "locales/events/*/active."+lang+".toml")
	names = append(names, events...)
	if len(names) < 3 {
		t.Fatalf("only %d message files in %s", len(names), lang)
	}
	out := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(root, name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Messages {
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
// typographic apostrophes and quotes, never ASCII ' or ".
func TestTypographyOfEveryMessage(t *testing.T) {
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		for where, text := range allMessages(t, lang) {
			if strings.ContainsAny(text, `'"`) {
				t.Errorf("%s: ASCII quote or apostrophe in %q: use ’ “ ” « »", where, text)
			}
			switch lang {
			case "fr":
				if msg := frenchSpacing(text); msg != "" {
					t.Errorf("%s: %s", where, msg)
				}
			case "es":
				for _, p := range [][2]string{{"¿", "?"}, {"¡", "!"}} {
					if strings.Count(text, p[0]) != strings.Count(text, p[1]) {
						t.Errorf("%s: %d %s for %d %s in %q", where, strings.Count(text, p[0]), p[0], strings.Count(text, p[1]), p[1], text)
					}
				}
			default:
				if strings.ContainsAny(text, "¿¡") {
					t.Errorf("%s: Spanish punctuation in %q", where, text)
				}
			}
		}
	}
}

// TestHighlightsQuotes: each language's quotation marks around the highlights, and the names
// as their owners write them.
func TestHighlightsQuotes(t *testing.T) {
	marks := map[string][2]string{"es": {"«", "»"}, "en": {"“", "”"}, "pt": {"“", "”"}, "fr": {"«\u00a0", "\u00a0»"}}
	b, _ := load(t).Bundle(seedID)
	for lang, m := range marks {
		for _, q := range b.Views[lang].Quotes {
			inner := strings.TrimSuffix(strings.TrimPrefix(q.Text, m[0]), m[1])
			if !strings.HasPrefix(q.Text, m[0]) || !strings.HasSuffix(q.Text, m[1]) || strings.ContainsAny(inner, "«»“”") {
				t.Errorf("%s: quote %q…: want %s…%s", lang, short(q.Text), m[0], m[1])
			}
		}
		var names []string
		for _, p := range b.Views[lang].People {
			names = append(names, p.Name)
		}
		if got := strings.Join(names, ", "); !strings.Contains(got, "Karina Núñez Rodríguez") || !strings.Contains(got, "Luz Patricia Mejía") {
			t.Errorf("%s: names %s", lang, got)
		}
	}
}

// TestTimedEvent: an event with a time shows it with its zone, as ICU does (see app/i18n), has
// a <time datetime> with its offset, and is upcoming until it ends: its start plus its
// duration or, without a duration, the end of its day. In its last 21 days it counts down.
func TestTimedEvent(t *testing.T) {
	build := func(t *testing.T, date, fields string) card.View {
		t.Helper()
		fsys := projecttree.Copy(t, "../..", "locales", "events")
		projecttree.Replace(t, fsys, "events/"+seedID+".toml", "date = 2020-09-14", "date = "+date+"\n"+fields)
		s, err := views.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := s.Bundle(seedID)
		return b.View("en")
	}
	asuncion, _ := time.LoadLocation("America/Asuncion")

	v := build(t, "2020-09-14", `time = "14:00"`+"\nduration = \"1h30m\"")
	if v.Date != "Monday, September 14, 2020 at 2:00 PM Paraguay Standard Time" || v.DateISO != "2020-09-14T14:00-04:00" {
		t.Errorf("Date, DateISO = %q, %q", v.Date, v.DateISO)
	}
	if want := time.Date(2020, 9, 14, 15, 30, 0, 0, asuncion); !v.Ends.Equal(want) {
		t.Errorf("Ends = %v, want %v (start + duration)", v.Ends, want)
	}
	if v.Upcoming(time.Date(2020, 9, 14, 15, 31, 0, 0, asuncion)) || !v.Upcoming(time.Date(2020, 9, 14, 15, 29, 0, 0, asuncion)) {
		t.Error("upcoming is not until start + duration")
	}
	if len(v.Countdown) != 0 {
		t.Errorf("a past event carries %d countdown labels", len(v.Countdown))
	}

	v = build(t, "2020-09-14", `time = "14:00"`)
	if want := time.Date(2020, 9, 15, 0, 0, 0, 0, asuncion); !v.Ends.Equal(want) {
		t.Errorf("without a duration: Ends = %v, want the end of the day %v", v.Ends, want)
	}

	// Upcoming: the labels of the last 21 days, by the event zone's midnights.
	v = build(t, "2099-03-08", `time = "10:00"`)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2099, 2, 14, 23, 59, 0, 0, asuncion), ""},
		{time.Date(2099, 2, 15, 0, 0, 0, 0, asuncion), "In 21 days"},
		{time.Date(2099, 3, 3, 12, 0, 0, 0, asuncion), "In 5 days"},
		{time.Date(2099, 3, 7, 23, 59, 0, 0, asuncion), "In 1 day"},
		{time.Date(2099, 3, 8, 0, 0, 0, 0, asuncion), "Today"},
		{time.Date(2099, 3, 8, 23, 59, 0, 0, asuncion), "Today"},
		{time.Date(2099, 3, 9, 0, 0, 0, 0, asuncion), ""},
	} {
		if got := v.CountdownAt(c.at); got != c.want {
			t.Errorf("CountdownAt(%s) = %q, want %q", c.at, got, c.want)
		}
	}
}
