package meta_test

// The feeds of all the events, at chosen instants: the calendar to subscribe to (the upcoming
// events only), the Atom feed (one entry per event, the upcoming first) and the sitemap (each
// page in each language, with its alternates).

import (
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/meta"
)

// readCalendar reads a calendar's properties and each VEVENT's, by name, the lines unfolded.
func readCalendar(ics []byte) (calendar map[string]string, events []map[string]string) {
	calendar = map[string]string{}
	var e map[string]string
	for _, l := range strings.Split(regexp.MustCompile("\r\n[ \t]").ReplaceAllString(string(ics), ""), "\r\n") {
		name, value, _ := strings.Cut(l, ":")
		name, _, _ = strings.Cut(name, ";")
		switch {
		case l == "BEGIN:VEVENT":
			e = map[string]string{}
		case l == "END:VEVENT":
			events = append(events, e)
			e = nil
		case e != nil:
			e[name] = value
		default:
			calendar[name] = value
		}
	}
	return calendar, events
}

// TestCalendarFeedListsUpcomingEvents: a subscriber's calendar holds the events not yet over,
// each once, in the feed's language; a cancelled one stays, marked cancelled, so that a
// calendar that had it hears of it.
func TestCalendarFeedListsUpcomingEvents(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree, nil)
	stamp := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		at   time.Time
		want []string // UIDs' events, by start
	}{
		{time.Now(), []string{fixtures.Workshop, fixtures.Postponed, fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline}},
		{time.Date(2099, 5, 1, 0, 0, 0, 0, time.UTC), []string{fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline}},
		{time.Date(2099, 11, 5, 12, 0, 0, 0, time.UTC), []string{fixtures.MovedOnline}},
		{time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), nil},
	}
	for _, lang := range langs {
		site, _ := s.Site(lang)
		for _, c := range cases {
			calendar, events := readCalendar(meta.CalendarFeed(s, lang, base, c.at, stamp))
			if calendar["X-WR-CALNAME"] != site.Name {
				t.Errorf("%s: the calendar is named %q, want %q", lang, calendar["X-WR-CALNAME"], site.Name)
			}
			var ids []string
			for _, e := range events {
				id, host, _ := strings.Cut(e["UID"], "@")
				ids = append(ids, id)
				if host != base.Hostname() || e["DTSTAMP"] != "20260102T030405Z" {
					t.Errorf("%s: UID %q, DTSTAMP %q", lang, e["UID"], e["DTSTAMP"])
				}
				title := fixtures.EventMessage(t, tree, id, lang, "Title")
				if summary := strings.NewReplacer(`\,`, ",", `\;`, ";").Replace(e["SUMMARY"]); summary != title {
					t.Errorf("%s: %s is %q, want its %s title %q", lang, id, summary, lang, title)
				}
				if want := map[string]string{fixtures.Cancelled: "CANCELLED", fixtures.Postponed: "TENTATIVE"}[id]; want != "" && e["STATUS"] != want {
					t.Errorf("%s: %s is %s, want %s", lang, id, e["STATUS"], want)
				}
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("%s at %s: the calendar lists %v, want %v", lang, c.at.Format(time.DateOnly), ids, c.want)
			}
		}
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel      string `xml:"rel,attr"`
		Type     string `xml:"type,attr"`
		Href     string `xml:"href,attr"`
		HrefLang string `xml:"hreflang,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Href     string `xml:"href,attr"`
			HrefLang string `xml:"hreflang,attr"`
		} `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Summary  string `xml:"summary"`
		Category []struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// TestAtomFeed: the feed parses as Atom, one entry per event with its title, its page in each
// language (the feed's first) and what it is, the upcoming events first, the soonest first,
// then the past ones, the most recent first.
func TestAtomFeed(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree, nil)
	events := fixtures.Events(t, tree)
	updated := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	at := time.Date(2099, 5, 1, 0, 0, 0, 0, time.UTC)
	want := []string{fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline, fixtures.Postponed, fixtures.Workshop, fixtures.PastWebinar}
	for _, lang := range langs {
		data, err := meta.Atom(s, lang, base, at, updated)
		if err != nil {
			t.Fatal(err)
		}
		var f atomFeed
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: the feed does not parse: %v", lang, err)
		}
		site, _ := s.Site(lang)
		if f.Lang != lang || f.Title != site.Name || f.Updated != "2026-01-02T03:04:05Z" || f.ID != base.String()+meta.AtomPath(lang) {
			t.Errorf("%s: feed lang %q, title %q, updated %q, id %q", lang, f.Lang, f.Title, f.Updated, f.ID)
		}
		if len(f.Links) == 0 || f.Links[0].Rel != "self" || f.Links[0].Href != base.String()+meta.AtomPath(lang) {
			t.Errorf("%s: the feed's links %+v, want itself first", lang, f.Links)
		}
		var ids []string
		for _, e := range f.Entries {
			id := strings.TrimSuffix(strings.TrimPrefix(e.ID, base.String()+"/events/"), "/")
			ids = append(ids, id)
			ev := events[id]
			if ev == nil {
				t.Errorf("%s: an entry %q for no event", lang, e.ID)
				continue
			}
			b, _ := s.Bundle(id)
			v := b.View(lang)
			if e.Title != v.Title || e.Updated != f.Updated || !strings.Contains(e.Summary, v.Card.When.Text) || !strings.Contains(e.Summary, v.Card.Summary) {
				t.Errorf("%s %s: entry %q (%s): %q", lang, id, e.Title, e.Updated, e.Summary)
			}
			var hreflangs []string
			for _, l := range e.Links {
				if l.Rel != "alternate" || l.Href != base.String()+(card.Path{Kind: card.EventPage, Lang: l.HrefLang, Event: id}).String() {
					t.Errorf("%s %s: link %+v", lang, id, l)
				}
				hreflangs = append(hreflangs, l.HrefLang)
			}
			if len(hreflangs) != len(langs) || hreflangs[0] != lang {
				t.Errorf("%s %s: pages in %v, want every language, %s first", lang, id, hreflangs, lang)
			}
			if len(e.Authors) != len(ev.Organizers) {
				t.Errorf("%s %s: %d authors, want the %d organizers", lang, id, len(e.Authors), len(ev.Organizers))
			}
			terms := map[string]string{}
			for _, c := range e.Category {
				terms[c.Term] = c.Label
			}
			if terms[string(ev.Attendance)] != v.Card.Attendance.Text {
				t.Errorf("%s %s: categories %v, want the attendance %s", lang, id, terms, ev.Attendance)
			}
			if ev.Status != content.Scheduled && terms[string(ev.Status)] != v.Card.Status.Text {
				t.Errorf("%s %s: categories %v, want the status %s", lang, id, terms, ev.Status)
			}
		}
		if !slices.Equal(ids, want) {
			t.Errorf("%s: entries %v, want %v", lang, ids, want)
		}
	}
}

type sitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc        string `xml:"loc"`
		Alternates []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// TestSitemap: the home page and each event's page, in each language, each with its
// alternates in every language and x-default, all on the configured origin.
func TestSitemap(t *testing.T) {
	s := load(t, fixtures.Tree(t), nil)
	data, err := meta.Sitemap(s, base)
	if err != nil {
		t.Fatal(err)
	}
	var sm sitemap
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("the sitemap does not parse: %v", err)
	}
	pages := []card.Path{{Kind: card.HomePage}}
	for _, id := range fixtures.IDs {
		pages = append(pages, card.Path{Kind: card.EventPage, Event: id})
	}
	want := map[string]card.Path{}
	for _, p := range pages {
		for _, l := range langs {
			want[base.String()+p.In(l).String()] = p
		}
	}
	seen := map[string]bool{}
	for _, u := range sm.URLs {
		p, ok := want[u.Loc]
		if !ok || seen[u.Loc] {
			t.Errorf("%s: not a page, or twice", u.Loc)
			continue
		}
		seen[u.Loc] = true
		alts := map[string]string{}
		for _, a := range u.Alternates {
			if a.Rel != "alternate" {
				t.Errorf("%s: rel %q", u.Loc, a.Rel)
			}
			alts[a.HrefLang] = a.Href
		}
		for _, l := range langs {
			if alts[l] != base.String()+p.In(l).String() {
				t.Errorf("%s: the %s alternate is %q", u.Loc, l, alts[l])
			}
		}
		if alts["x-default"] != base.String()+p.String() || len(alts) != len(langs)+1 {
			t.Errorf("%s: alternates %v, want every language and x-default", u.Loc, alts)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("the sitemap lists %d pages, want %d (each page in each language)", len(seen), len(want))
	}
}
