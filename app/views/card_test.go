package views_test

// What a card says of its event on the new model, for each fixture event: whether it is still
// on, what one can do and until when, when and where it takes place, who speaks, and how the
// list of events is ordered.

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// statusText is the interface message of each status that is not simply "on".
var statusText = map[content.Status]*goi18n.Message{
	content.Cancelled: i18n.StatusCancelled, content.Postponed: i18n.StatusPostponed,
	content.Rescheduled: i18n.StatusRescheduled, content.MovedOnline: i18n.StatusMovedOnline,
}

// TestStatusInEveryLanguage: an event that is not simply on says so, in the card's language;
// a rescheduled one also gives its former date, with what is read before it.
func TestStatusInEveryLanguage(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	events := fixtures.Events(t, tree)
	seen := map[content.Status]bool{}
	for _, id := range fixtures.IDs {
		e := events[id]
		b, _ := s.Bundle(id)
		texts := map[string]bool{}
		for _, lang := range langs {
			l := fixtures.Localizer(t, tree, lang, "")
			c := b.View(lang).Card
			if e.Status == content.Scheduled {
				if c.Status != nil {
					t.Errorf("%s %s: a scheduled event shows the status %+v", id, lang, c.Status)
				}
				continue
			}
			seen[e.Status] = true
			if want := l.Text(statusText[e.Status], nil); c.Status == nil || c.Status.Code != string(e.Status) || c.Status.Text != want {
				t.Errorf("%s %s: status %+v, want %s %q", id, lang, c.Status, e.Status, want)
			} else {
				texts[c.Status.Text] = true
			}
			// The index says it too.
			for _, sum := range s.Index(lang).Events {
				if sum.ID == id && (sum.Status == nil || *sum.Status != *c.Status) {
					t.Errorf("%s %s: the index's status %+v, want the card's %+v", id, lang, sum.Status, c.Status)
				}
			}
			former, formerLabel := "", ""
			if e.Status == content.Rescheduled {
				former, formerLabel = l.FullDateTime(e.Previous.Start()), l.Text(i18n.FormerDate, nil)
			}
			if c.When.Former != former || c.When.FormerLabel != formerLabel {
				t.Errorf("%s %s: former date %q (%q), want %q (%q)", id, lang, c.When.Former, c.When.FormerLabel, former, formerLabel)
			}
		}
		if e.Status != content.Scheduled && len(texts) < 3 {
			t.Errorf("%s: the status reads %v: not translated", id, texts)
		}
	}
	for st := range statusText {
		if !seen[st] {
			t.Errorf("no fixture event is %s", st)
		}
	}
}

// TestActionsFollowTheClock: register until the deadline (or the start), join from 30 minutes
// before a timed start (or a day-long event's first midnight) until the end, add to one's
// calendar until the end, watch the recording after it. A cancelled or postponed event offers
// none of them.
func TestActionsFollowTheClock(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	asuncion, newYork, mexico := zone(t, "America/Asuncion"), zone(t, "America/New_York"), zone(t, "America/Mexico_City")
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	cases := []struct {
		id   string
		at   time.Time
		want string
	}{
		// Registration until the end of its deadline's day, 5 March; 10:00 to 13:00 on 10 March.
		{fixtures.Workshop, at(asuncion, 2099, 1, 1, 0, 0), "register calendar"},
		{fixtures.Workshop, at(asuncion, 2099, 3, 5, 23, 59), "register calendar"},
		{fixtures.Workshop, at(asuncion, 2099, 3, 6, 0, 0), "calendar"},
		{fixtures.Workshop, at(asuncion, 2099, 3, 10, 12, 59), "calendar"},
		{fixtures.Workshop, at(asuncion, 2099, 3, 10, 13, 0), ""},
		// Online, 14:00 to 15:30 on 21 May: the meeting opens at 13:30.
		{fixtures.Rescheduled, at(asuncion, 2099, 5, 21, 13, 29), "calendar"},
		{fixtures.Rescheduled, at(asuncion, 2099, 5, 21, 13, 30), "join calendar"},
		{fixtures.Rescheduled, at(asuncion, 2099, 5, 21, 15, 29), "join calendar"},
		{fixtures.Rescheduled, at(asuncion, 2099, 5, 21, 15, 30), ""},
		// Three days without a time: registration until they start, the meeting open all along.
		{fixtures.HybridForum, at(newYork, 2099, 5, 31, 23, 59), "register calendar"},
		{fixtures.HybridForum, at(newYork, 2099, 6, 1, 0, 0), "join calendar"},
		{fixtures.HybridForum, at(newYork, 2099, 6, 3, 23, 59), "join calendar"},
		{fixtures.HybridForum, at(newYork, 2099, 6, 4, 0, 0), ""},
		// Moved online: its meeting on its day.
		{fixtures.MovedOnline, at(asuncion, 2099, 11, 4, 23, 59), "calendar"},
		{fixtures.MovedOnline, at(asuncion, 2099, 11, 5, 0, 0), "join calendar"},
		// Past: the recording once it is over, on 14 September 2020 in Asunción.
		{fixtures.PastWebinar, at(asuncion, 2020, 9, 14, 12, 0), "calendar"},
		{fixtures.PastWebinar, at(asuncion, 2020, 9, 15, 0, 0), "recording"},
		{fixtures.PastWebinar, time.Now(), "recording"},
		// Nothing to do for an event that will not take place on its date.
		{fixtures.Cancelled, at(mexico, 2099, 1, 1, 0, 0), ""},
		{fixtures.Cancelled, at(mexico, 2099, 9, 20, 12, 0), ""},
		{fixtures.Postponed, at(mexico, 2099, 1, 1, 0, 0), ""},
		{fixtures.Postponed, at(mexico, 2099, 4, 15, 18, 15), ""},
	}
	for _, c := range cases {
		b, _ := s.Bundle(c.id)
		for _, lang := range langs {
			var kinds []string
			for _, a := range b.View(lang).Card.ActionsAt(c.at) {
				kinds = append(kinds, a.Kind)
			}
			if got := strings.Join(kinds, " "); got != c.want {
				t.Errorf("%s %s at %s: actions %q, want %q", c.id, lang, c.at.Format(time.RFC3339), got, c.want)
			}
		}
	}
	// A cancelled or postponed event offers none of them at any time.
	for _, id := range []string{fixtures.Cancelled, fixtures.Postponed} {
		b, _ := s.Bundle(id)
		for _, a := range b.View("en").Card.Actions {
			if a.Kind == "register" || a.Kind == "join" || a.Kind == "calendar" {
				t.Errorf("%s offers %s", id, a.Kind)
			}
		}
	}
}

// TestActionTexts: each action says what it does in the card's language, and leads where the
// event file says.
func TestActionTexts(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	events := fixtures.Events(t, tree)
	for _, id := range fixtures.IDs {
		e := events[id]
		b, _ := s.Bundle(id)
		for _, lang := range langs {
			l := fixtures.Localizer(t, tree, lang, "")
			for _, a := range b.View(lang).Card.Actions {
				var text, url string
				switch a.Kind {
				case "register":
					text, url = l.Text(i18n.Register, nil), e.Registration.URL
					note := ""
					if d := e.Registration.Deadline; !d.IsZero() {
						note = l.Text(i18n.RegisterUntil, map[string]any{"Date": l.FullDate(d.Add(-time.Minute))})
					}
					if a.Note != note {
						t.Errorf("%s %s: registration note %q, want %q", id, lang, a.Note, note)
					}
				case "join":
					text, url = l.Text(i18n.JoinOnline, nil), e.Join
				case "calendar":
					text, url = l.Text(i18n.AddToCalendar, nil), card.Path{Lang: lang, Event: id}.Calendar()
					if a.Download != id+".ics" || a.External {
						t.Errorf("%s %s: the calendar file is downloaded as %q (external %v)", id, lang, a.Download, a.External)
					}
				case "recording":
					text, url = l.Text(i18n.WatchRecording, nil), e.Recording.URL
				default:
					t.Errorf("%s %s: an action of kind %q", id, lang, a.Kind)
				}
				if a.Text != text || a.URL != url || a.URL == "" {
					t.Errorf("%s %s: %s action %q → %q, want %q → %q", id, lang, a.Kind, a.Text, a.URL, text, url)
				}
				if a.Kind != "calendar" && !a.External {
					t.Errorf("%s %s: %s leads to another site but does not say it opens a tab", id, lang, a.Kind)
				}
			}
		}
	}
	// The workshop's deadline is a day: "until Thursday 5 March", not the 6th it ends on.
	b, _ := s.Bundle(fixtures.Workshop)
	deadline := time.Date(2099, 3, 5, 12, 0, 0, 0, zone(t, "America/Asuncion"))
	if note := b.View("en").Card.Actions[0].Note; !strings.Contains(note, fixtures.Localizer(t, tree, "en", "").FullDate(deadline)) {
		t.Errorf("registration note %q does not name 5 March", note)
	}
}

// TestDateText: the days of an event, and its times with its zone when it has them, as ICU
// writes them in each language (app/i18n checks its formats against ICU): one day, several
// days, a time with and without an end, and times over several days.
func TestDateText(t *testing.T) {
	tree := fixtures.Tree(t)
	// The forum again, with times: from 09:00 on its first day to 17:00 on its last.
	forum := strings.NewReplacer(`id = "hybrid-forum"`, `id = "timed-forum"`,
		"end_date = 2099-06-03", "end_date = 2099-06-03\ntime = \"09:00\"\nend_time = \"17:00\"").Replace(string(tree["events/"+fixtures.HybridForum+".toml"].Data))
	tree["events/timed-forum.toml"] = &fstest.MapFile{Data: []byte(forum)}
	for _, lang := range langs {
		tree["locales/events/timed-forum/active."+lang+".toml"] = tree["locales/events/"+fixtures.HybridForum+"/active."+lang+".toml"]
	}
	s := load(t, tree)
	events := fixtures.Events(t, tree)

	cases := []struct {
		id, shape string
		want      func(l *i18n.Localizer, s content.Schedule) string
		iso       string
	}{
		{fixtures.PastWebinar, "one day", func(l *i18n.Localizer, s content.Schedule) string { return l.FullDate(s.Start()) }, "2020-09-14"},
		{fixtures.HybridForum, "several days", func(l *i18n.Localizer, s content.Schedule) string {
			return l.DateRange(s.Start(), s.LastDate.Start(s.Zone))
		}, "2099-06-01"},
		{fixtures.Workshop, "timed with an end", func(l *i18n.Localizer, s content.Schedule) string {
			end, _ := s.End()
			return l.FullDateTimeRange(s.Start(), end)
		}, "2099-03-10T10:00-03:00"},
		{fixtures.Postponed, "timed without an end", func(l *i18n.Localizer, s content.Schedule) string { return l.FullDateTime(s.Start()) }, "2099-04-15T18:30-06:00"},
		{"timed-forum", "timed over several days", func(l *i18n.Localizer, s content.Schedule) string {
			end, _ := s.End()
			return l.DateTimeSpan(s.Start(), end)
		}, "2099-06-01T09:00-04:00"},
	}
	for _, c := range cases {
		b, _ := s.Bundle(c.id)
		texts := map[string]bool{}
		for _, lang := range langs {
			w := b.View(lang).Card.When
			want := c.want(fixtures.Localizer(t, tree, lang, ""), events[c.id].When)
			if w.Text != want || w.ISO != c.iso {
				t.Errorf("%s, %s, %s: %q (%s), want %q (%s)", c.id, c.shape, lang, w.Text, w.ISO, want, c.iso)
			}
			if year := c.iso[:4]; !strings.Contains(w.Text, year) {
				t.Errorf("%s %s: %q does not name the year %s", c.id, lang, w.Text, year)
			}
			texts[w.Text] = true
		}
		if len(texts) != len(langs) {
			t.Errorf("%s: the date reads the same in two languages: %v", c.id, texts)
		}
	}
}

// TestVenue: an event in person shows its venue's name and address, the country named in the
// card's language, and a link to directions when the event file gives one; an online event,
// or one moved online, shows none.
func TestVenue(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	events := fixtures.Events(t, tree)
	cases := []struct {
		id      string
		address []string // the lines before the country
	}{
		{fixtures.Workshop, []string{"Avenida de la Costa 1234", "1209 Asunción"}},
		{fixtures.HybridForum, []string{"17th Street NW 200", "20006 Washington, DC"}},
		{fixtures.Postponed, []string{"Ciudad de México"}},
	}
	for _, c := range cases {
		v := events[c.id].Venue
		b, _ := s.Bundle(c.id)
		countries := map[string]bool{}
		for _, lang := range langs {
			l := fixtures.Localizer(t, tree, lang, "")
			w := b.View(lang).Card.Where
			if w == nil {
				t.Fatalf("%s %s: no venue", c.id, lang)
			}
			country := l.Country(v.Country)
			if want := append(slices.Clone(c.address), country); w.Name != v.Name || !slices.Equal(w.Address, want) || w.Label != l.Text(i18n.Where, nil) {
				t.Errorf("%s %s: %q %q (%q), want %q %q", c.id, lang, w.Name, w.Address, w.Label, v.Name, want)
			}
			if country == v.Country || country == "" {
				t.Errorf("%s %s: the country is %q, not named", c.id, lang, country)
			}
			countries[country] = true
			var link *card.Link
			if v.Map != "" {
				link = &card.Link{Text: l.Text(i18n.Directions, nil), URL: v.Map}
			}
			if (w.Map == nil) != (link == nil) || link != nil && *w.Map != *link {
				t.Errorf("%s %s: directions %+v, want %+v", c.id, lang, w.Map, link)
			}
		}
		// Paraguay is Paraguai in Portuguese; the United States, Mexico have three names or more.
		if len(countries) < 2 {
			t.Errorf("%s: the country has one name in every language: %v", c.id, countries)
		}
	}
	for _, id := range []string{fixtures.PastWebinar, fixtures.Rescheduled, fixtures.Cancelled, fixtures.MovedOnline} {
		b, _ := s.Bundle(id)
		if w := b.View("es").Card.Where; w != nil {
			t.Errorf("%s: a venue %+v, but no one goes there", id, w)
		}
	}
}

// TestPeopleFaces: a speaker's portrait, when the event gives one and the server made it;
// initials (the first letters of the first and last words of the name) otherwise. The banner
// carries its alternative text in the card's language; a portrait none (the name is beside it).
func TestPeopleFaces(t *testing.T) {
	tree := fixtures.Tree(t)
	type call struct {
		event, file string
		kind        views.PictureKind
		alt         string
	}
	var (
		mu    sync.Mutex // the views may ask for pictures in parallel
		calls []call
	)
	pictures := func(e *content.Event, img *content.Image, kind views.PictureKind, alt string) (*card.Picture, error) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, call{e.ID, img.File, kind, alt})
		src := "/images/" + e.ID + "/" + img.File
		return &card.Picture{Alt: alt, Src: src, Fallback: card.Source{Type: "image/png", Srcset: src + " 64w"}, Width: 64, Height: 64}, nil
	}
	s, err := views.Load(tree, pictures)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Bundle(fixtures.Workshop)
	for _, lang := range langs {
		c := b.View(lang).Card
		alt := eventMessages(t, tree, fixtures.Workshop, lang)["Image.Alt"]
		if c.Banner == nil || c.Banner.Alt != alt || alt == "" || c.Banner.Src != "/images/"+fixtures.Workshop+"/banner.png" {
			t.Errorf("%s: banner %+v, want banner.png described as %q", lang, c.Banner, alt)
		}
		dora, elena := c.People[0], c.People[1]
		if dora.Portrait == nil || dora.Portrait.Alt != "" || dora.Portrait.Src != "/images/"+fixtures.Workshop+"/dora-ruiz.png" {
			t.Errorf("%s: Dora Ruiz's portrait %+v", lang, dora.Portrait)
		}
		if elena.Portrait != nil || elena.Initials != "EV" {
			t.Errorf("%s: Elena Vera, without a portrait: %+v, initials %q; want EV", lang, elena.Portrait, elena.Initials)
		}
	}
	var kinds []views.PictureKind
	for _, c := range calls {
		if c.event != fixtures.Workshop {
			t.Errorf("a picture of %s/%s, which names no image", c.event, c.file)
		}
		kinds = append(kinds, c.kind)
	}
	if !slices.Contains(kinds, views.Banner) || !slices.Contains(kinds, views.Portrait) {
		t.Errorf("pictures asked for %v, want the banner and the portrait", calls)
	}

	// Without pictures (nil), everyone shows initials; a name of three words gives its first
	// and last.
	plain := load(t, tree)
	want := map[string][]string{fixtures.Workshop: {"DR", "EV"}, fixtures.PastWebinar: {"AG", "BS", "CD"}, fixtures.HybridForum: {"FA"}}
	for id, initials := range want {
		b, _ := plain.Bundle(id)
		var got []string
		for _, p := range b.View("fr").Card.People {
			if p.Portrait != nil {
				t.Errorf("%s: %s has a portrait without pictures", id, p.Name)
			}
			got = append(got, p.Initials)
		}
		if !slices.Equal(got, initials) {
			t.Errorf("%s: initials %q, want %q", id, got, initials)
		}
	}
	if b, _ := plain.Bundle(fixtures.Workshop); b.View("es").Card.Banner != nil {
		t.Error("a banner without pictures")
	}

	// A picture the server cannot make fails the load.
	broken := func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
		return nil, errors.New("cannot decode")
	}
	if _, err := views.Load(tree, broken); err == nil || !strings.Contains(err.Error(), "cannot decode") {
		t.Errorf("Load with a failing picture: %v", err)
	}
}

// TestIndexOrder: the list of events, as the visitor's clock says: the upcoming ones first,
// the soonest first, then the past ones, the most recent first.
func TestIndexOrder(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	cases := []struct {
		at             time.Time
		upcoming, past []string
	}{
		{time.Now(),
			[]string{fixtures.Workshop, fixtures.Postponed, fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline},
			[]string{fixtures.PastWebinar}},
		{time.Date(2099, 5, 1, 0, 0, 0, 0, time.UTC),
			[]string{fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline},
			[]string{fixtures.Postponed, fixtures.Workshop, fixtures.PastWebinar}},
		{time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
			nil,
			[]string{fixtures.MovedOnline, fixtures.Cancelled, fixtures.HybridForum, fixtures.Rescheduled, fixtures.Postponed, fixtures.Workshop, fixtures.PastWebinar}},
	}
	ids := func(ss []card.Summary) []string {
		var out []string
		for _, e := range ss {
			out = append(out, e.ID)
		}
		return out
	}
	for _, lang := range langs {
		x := s.Index(lang)
		for _, c := range cases {
			upcoming, past := x.Split(c.at)
			if !slices.Equal(ids(upcoming), c.upcoming) || !slices.Equal(ids(past), c.past) {
				t.Errorf("%s at %s: upcoming %v, past %v; want %v, %v", lang, c.at.Format(time.DateOnly), ids(upcoming), ids(past), c.upcoming, c.past)
			}
			if got := ids(x.Ordered(c.at)); !slices.Equal(got, append(slices.Clone(c.upcoming), c.past...)) {
				t.Errorf("%s at %s: Ordered %v", lang, c.at.Format(time.DateOnly), got)
			}
		}
		l := fixtures.Localizer(t, tree, lang, "")
		if x.UpcomingLabel != l.Text(i18n.EventsUpcoming, nil) || x.PastLabel != l.Text(i18n.EventsPast, nil) {
			t.Errorf("%s: headings %q, %q", lang, x.UpcomingLabel, x.PastLabel)
		}
		// Each entry is its card's: title, kind, date.
		for _, e := range x.Events {
			b, _ := s.Bundle(e.ID)
			v := b.View(lang)
			if e.Title != v.Title || e.Kind != v.Card.Kind || e.Date != v.Card.When.Text || e.ISO != v.Card.When.ISO || !e.Ends.Equal(v.Card.When.Ends) {
				t.Errorf("%s %s: index entry %+v, not its card's", lang, e.ID, e)
			}
		}
	}
}
