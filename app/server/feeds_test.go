package server_test

// The feeds of all the events as the server serves them, at its clock: the calendar to
// subscribe to (/events.ics, /{lang}/events.ics), the Atom feed per language and the sitemap,
// each named by the pages (rel="alternate"). Which events each lists at a chosen instant is
// app/meta's test.

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"eventcard/app/internal/fixtures"
)

// upcoming are the fixture events not over at the tests' clock, by start: all but the webinar.
var upcoming = []string{fixtures.Workshop, fixtures.Postponed, fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline}

// calendarFeed reads a calendar of several events: its properties, and each VEVENT's, unfolded.
func calendarFeed(t *testing.T, body string) (map[string]icsProp, []map[string]icsProp) {
	t.Helper()
	calendar := map[string]icsProp{}
	var events []map[string]icsProp
	var e map[string]icsProp
	for _, p := range parseICS(t, body) {
		switch {
		case p.name == "BEGIN" && p.value == "VEVENT":
			e = map[string]icsProp{}
		case p.name == "END" && p.value == "VEVENT":
			events = append(events, e)
			e = nil
		case e != nil:
			e[p.name] = p
		default:
			calendar[p.name] = p
		}
	}
	return calendar, events
}

// TestCalendarFeed: the calendar a visitor subscribes to, in each language (the source
// language without one): the upcoming events, each as its own file has it, named after the site.
func TestCalendarFeed(t *testing.T) {
	paths := map[string]string{"/events.ics": "es"}
	for _, l := range langs {
		paths["/"+l+"/events.ics"] = l
	}
	for path, lang := range paths {
		r := get(t, path, nil)
		if r.code != http.StatusOK || r.header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Fatalf("GET %s: status %d, Content-Type %q", path, r.code, r.header.Get("Content-Type"))
		}
		// A subscription, not a download.
		if cd := r.header.Get("Content-Disposition"); strings.HasPrefix(cd, "attachment") {
			t.Errorf("GET %s: Content-Disposition %q", path, cd)
		}
		calendar, events := calendarFeed(t, r.body)
		if got := icsUnescape(t, calendar["X-WR-CALNAME"].value); got != siteMessage(t, lang, "Name") {
			t.Errorf("GET %s: calendar named %q, want the site's name in %s", path, got, lang)
		}
		var ids []string
		for _, e := range events {
			id, _, _ := strings.Cut(e["UID"].value, "@")
			ids = append(ids, id)
			if got := icsUnescape(t, e["SUMMARY"].value); got != messageOf(t, id, lang, "Title") || e["SUMMARY"].params["LANGUAGE"] != lang {
				t.Errorf("GET %s: %s is %q in %s, want its title in %s", path, id, got, e["SUMMARY"].params["LANGUAGE"], lang)
			}
			// The same event as its own file.
			own := getICS(t, srv, "/"+lang+"/events/"+id+".ics")
			for _, name := range []string{"UID", "DTSTART", "DTEND", "STATUS", "LOCATION", "URL"} {
				if e[name].value != own[name].value {
					t.Errorf("GET %s: %s's %s %q, its file's %q", path, id, name, e[name].value, own[name].value)
				}
			}
		}
		if !slices.Equal(ids, upcoming) {
			t.Errorf("GET %s: events %v, want the upcoming %v", path, ids, upcoming)
		}
		etag := r.header.Get("ETag")
		if etag == "" || r.header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: ETag %q, Cache-Control %q", path, etag, r.header.Get("Cache-Control"))
		} else if nm := get(t, path, map[string]string{"If-None-Match": etag}); nm.code != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: status %d, want 304", path, nm.code)
		}
	}
	for _, path := range []string{"/de/events.ics", "/ES/events.ics", "/events.ics/x"} {
		if r := get(t, path, nil); r.code != http.StatusNotFound || strings.Contains(r.body, "VCALENDAR") {
			t.Errorf("GET %s: status %d, want 404", path, r.code)
		}
	}
}

// TestAtomAndSitemap: the Atom feed of each language parses, one entry per event, the upcoming
// first, the webinar last; the sitemap parses and lists each page in each language.
func TestAtomAndSitemap(t *testing.T) {
	for _, lang := range langs {
		path := "/" + lang + "/events.atom"
		r := get(t, path, nil)
		if r.code != http.StatusOK || r.header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("GET %s: status %d, Content-Type %q", path, r.code, r.header.Get("Content-Type"))
		}
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				ID    string `xml:"id"`
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
			t.Fatalf("GET %s: not Atom: %v", path, err)
		}
		var ids []string
		for _, e := range feed.Entries {
			id := strings.TrimSuffix(strings.TrimPrefix(e.ID, baseURL+"/events/"), "/")
			ids = append(ids, id)
			if e.Title != messageOf(t, id, lang, "Title") {
				t.Errorf("GET %s: %s titled %q", path, id, e.Title)
			}
		}
		if want := append(slices.Clone(upcoming), eventID); !slices.Equal(ids, want) {
			t.Errorf("GET %s: entries %v, want %v", path, ids, want)
		}
	}
	r := get(t, "/sitemap.xml", nil)
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(r.body), &sm); r.code != http.StatusOK || err != nil {
		t.Fatalf("GET /sitemap.xml: status %d, %v", r.code, err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	for _, lang := range langs {
		for _, p := range append([]string{"/" + lang + "/"}, eventPaths(lang)...) {
			if !slices.Contains(locs, baseURL+p) {
				t.Errorf("the sitemap lacks %s", p)
			}
		}
	}
	if len(locs) != len(langs)*(1+len(fixtures.IDs)) {
		t.Errorf("the sitemap lists %d pages, want %d", len(locs), len(langs)*(1+len(fixtures.IDs)))
	}
}

func eventPaths(lang string) []string {
	var out []string
	for _, id := range fixtures.IDs {
		out = append(out, "/"+lang+"/events/"+id+"/")
	}
	return out
}

// TestFeedsThePagesName: the feeds a page names (rel="alternate", app/pages' test) answer, as
// the type the page says.
func TestFeedsThePagesName(t *testing.T) {
	for _, lang := range langs {
		for _, path := range []string{eventPath(lang), "/" + lang + "/", "/" + lang + "/events/" + fixtures.Cancelled + "/"} {
			n := 0
			for _, l := range tags(head(t, get(t, path, nil).body), "link") {
				if ty := l.attrs["type"]; l.attrs["rel"] == "alternate" && (ty == "application/atom+xml" || ty == "text/calendar") {
					n++
					if r := get(t, strings.TrimPrefix(l.attrs["href"], baseURL), nil); r.code != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), ty) {
						t.Errorf("GET %s: its feed %s answers %d, %q", path, l.attrs["href"], r.code, r.header.Get("Content-Type"))
					}
				}
			}
			if n != 2 {
				t.Errorf("GET %s: %d feeds, want the Atom feed and the calendar", path, n)
			}
		}
	}
}
