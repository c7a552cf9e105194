package server_test

// The calendar files (RFC 5545): requested over HTTP, then parsed back as a calendar reads
// them (lines unfolded, properties split, text unescaped), and the instants checked.

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"eventcard/app/internal/fixtures"
)

// icsProp is one content line: its name, parameters and value (text unescaped).
type icsProp struct {
	name   string
	params map[string]string
	value  string
}

// parseICS checks the file's physical form (CRLF only, lines of at most 75 octets) and returns
// its properties in order, unfolded.
func parseICS(t *testing.T, body string) []icsProp {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") {
		t.Errorf("the file does not end with CRLF")
	}
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\r") {
		t.Errorf("a line ends without CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8Valid(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
	}
	unfolded := regexp.MustCompile("\r\n[ \t]").ReplaceAllString(body, "")
	var props []icsProp
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		head, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		parts := strings.Split(head, ";")
		p := icsProp{name: parts[0], params: map[string]string{}, value: value}
		for _, param := range parts[1:] {
			k, v, _ := strings.Cut(param, "=")
			p.params[k] = v
		}
		props = append(props, p)
	}
	return props
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// icsUnescape reads a TEXT value back (RFC 5545, 3.3.11).
func icsUnescape(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Errorf("unknown escape \\%c in %q", v[i], v)
			}
		case c == '\\':
			t.Errorf("a lone backslash ends %q", v)
		case c == ';' || c == ',':
			t.Errorf("unescaped %q in the text %q", c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// vevent returns the single VEVENT's properties by name (each once), after checking the
// calendar around it.
func vevent(t *testing.T, props []icsProp) map[string]icsProp {
	t.Helper()
	var names []string
	for _, p := range props {
		names = append(names, p.name)
	}
	want := []string{"BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "BEGIN"}
	if len(names) < len(want)+2 || strings.Join(names[:len(want)], ",") != strings.Join(want, ",") {
		t.Fatalf("calendar properties %v, want %v first", names, want)
	}
	top := map[string]string{}
	for _, p := range props[:len(want)] {
		top[p.name+" "+p.value] = p.value
	}
	for _, kv := range []string{"BEGIN VCALENDAR", "VERSION 2.0", "CALSCALE GREGORIAN", "METHOD PUBLISH", "BEGIN VEVENT"} {
		if _, ok := top[kv]; !ok {
			t.Errorf("no %s", kv)
		}
	}
	if props[2].value == "" {
		t.Errorf("empty PRODID")
	}
	if n := len(props); props[n-2].name+":"+props[n-2].value != "END:VEVENT" || props[n-1].name+":"+props[n-1].value != "END:VCALENDAR" {
		t.Errorf("the file does not end with END:VEVENT, END:VCALENDAR")
	}
	ev := map[string]icsProp{}
	for _, p := range props[len(want) : len(props)-2] {
		if _, dup := ev[p.name]; dup {
			t.Errorf("%s twice in the event", p.name)
		}
		ev[p.name] = p
	}
	for _, must := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "URL"} {
		if _, ok := ev[must]; !ok {
			t.Errorf("the event has no %s", must)
		}
	}
	if st, err := time.Parse("20060102T150405Z", ev["DTSTAMP"].value); err != nil || time.Since(st) > time.Hour || time.Until(st) > time.Minute {
		t.Errorf("DTSTAMP %q: want the current UTC date-time", ev["DTSTAMP"].value)
	}
	return ev
}

func getICS(t *testing.T, s *httptest.Server, path string) map[string]icsProp {
	t.Helper()
	r := getFrom(t, s, path, nil)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, r.code)
	}
	if ct := r.header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if cd := r.header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="[a-z0-9-]+\.ics"$`).MatchString(cd) {
		t.Errorf("GET %s: Content-Disposition %q", path, cd)
	}
	return vevent(t, parseICS(t, r.body))
}

// The webinar has a day and no time: an all-day event, in every language, one UID.
func TestCalendarAllDay(t *testing.T) {
	paths := map[string]string{"": "/events/" + eventID + ".ics"} // the event's own language
	for _, l := range langs {
		paths[l] = "/" + l + "/events/" + eventID + ".ics"
	}
	recording := fixtureEvent(t, eventID).Recording.URL
	for lang, path := range paths {
		t.Run(path, func(t *testing.T) {
			ev := getICS(t, srv, path)
			want := lang
			if want == "" {
				want = "es"
			}
			if got := ev["UID"].value; got != eventID+"@127.0.0.1" {
				t.Errorf("UID %q, want %s@127.0.0.1 (the same in every language)", got, eventID)
			}
			if p := ev["DTSTART"]; p.params["VALUE"] != "DATE" || p.value != "20200914" {
				t.Errorf("DTSTART %+v, want VALUE=DATE:20200914", p)
			}
			if p := ev["DTEND"]; p.params["VALUE"] != "DATE" || p.value != "20200915" {
				t.Errorf("DTEND %+v, want VALUE=DATE:20200915 (the day after: DTEND is exclusive)", p)
			}
			if got, title := icsUnescape(t, ev["SUMMARY"].value), eventMessage(t, want, "Title"); got != title {
				t.Errorf("SUMMARY %q, want the %s title %q", got, want, title)
			}
			if ev["SUMMARY"].params["LANGUAGE"] != want {
				t.Errorf("SUMMARY LANGUAGE=%q, want %s", ev["SUMMARY"].params["LANGUAGE"], want)
			}
			desc := icsUnescape(t, ev["DESCRIPTION"].value)
			summary := strings.TrimSpace(eventMessage(t, want, "Summary"))
			if !strings.HasPrefix(desc, summary) || !strings.HasSuffix(desc, uiMessage(t, want, "WatchRecording")+": "+recording) {
				t.Errorf("DESCRIPTION %q, want the summary then the recording's address", desc)
			}
			if got, canonical := ev["URL"].value, baseURL+eventPath(want); got != canonical {
				t.Errorf("URL %q, want the page's canonical address %q", got, canonical)
			}
		})
	}
	// The same bytes however often it is asked for (DTSTAMP is when the build was served), and
	// revalidated with the build's version.
	a, b := get(t, paths["fr"], nil), get(t, paths["fr"], nil)
	if a.body != b.body {
		t.Errorf("two requests, two files")
	}
	if etag := a.header.Get("ETag"); !versionTag(etag) || a.header.Get("Cache-Control") != "no-cache" {
		t.Errorf("ETag %s, Cache-Control %q", etag, a.header.Get("Cache-Control"))
	} else if nm := get(t, paths["fr"], map[string]string{"If-None-Match": etag}); nm.code != http.StatusNotModified {
		t.Errorf("with its ETag: status %d, want 304", nm.code)
	}
	for _, path := range []string{"/events/nope.ics", "/de/events/" + eventID + ".ics", "/events/" + strings.ToUpper(eventID) + ".ics", "/embed/" + eventID + ".ics"} {
		if r := get(t, path, nil); r.code != http.StatusNotFound || strings.Contains(r.body, "BEGIN:VCALENDAR") {
			t.Errorf("GET %s: status %d, want 404", path, r.code)
		}
	}
}

// TestCalendarPerEvent: each fixture event's calendar file says whether it is on (a postponed
// event stays, tentative), where to go (the venue's address, the country named in the file's
// language, or the meeting's link), and when: the days of an event without a time as dates
// (DTEND the day after the last, exclusive), the instants of a timed one in UTC.
func TestCalendarPerEvent(t *testing.T) {
	cases := []struct {
		id, status   string
		place        string // the venue before its country; "" for the meeting's link
		country      string
		start, end   string // DTSTART, DTEND ("": none)
		date, online bool
	}{
		{fixtures.PastWebinar, "CONFIRMED", "", "", "20200914", "20200915", true, false},
		{fixtures.Workshop, "CONFIRMED", "Centro Cultural de la Ribera, Avenida de la Costa 1234, 1209 Asunción", "PY", "20990310T130000Z", "20990310T160000Z", false, false},
		{fixtures.HybridForum, "CONFIRMED", "Hall of the Americas, 17th Street NW 200, 20006 Washington, DC", "US", "20990601", "20990604", true, false},
		{fixtures.Cancelled, "CANCELLED", "", "", "20990920", "20990921", true, true},
		{fixtures.Postponed, "TENTATIVE", "Maison des associations, Ciudad de México", "MX", "20990416T003000Z", "", false, false},
		{fixtures.Rescheduled, "CONFIRMED", "", "", "20990521T170000Z", "20990521T183000Z", false, true},
		{fixtures.MovedOnline, "CONFIRMED", "", "", "20991105", "20991106", true, true},
	}
	for _, c := range cases {
		e := fixtureEvent(t, c.id)
		for _, lang := range langs {
			ev := getICS(t, srv, "/"+lang+"/events/"+c.id+".ics")
			if ev["STATUS"].value != c.status {
				t.Errorf("%s %s: STATUS %q, want %s", c.id, lang, ev["STATUS"].value, c.status)
			}
			where := ""
			switch {
			case c.place != "":
				where = c.place + ", " + localizer(t, lang).Country(c.country)
			case c.online && e.Join != "":
				where = e.Join
			default: // the event's page says how to take part
				where = baseURL + "/" + lang + "/events/" + c.id + "/"
			}
			if got := icsUnescape(t, ev["LOCATION"].value); got != where {
				t.Errorf("%s %s: LOCATION %q, want %q", c.id, lang, got, where)
			}
			for _, p := range []struct {
				name, want string
			}{{"DTSTART", c.start}, {"DTEND", c.end}} {
				got, ok := ev[p.name]
				if p.want == "" {
					if ok {
						t.Errorf("%s %s: %s %+v for an event without an end", c.id, lang, p.name, got)
					}
					continue
				}
				if value := got.params["VALUE"]; got.value != p.want || (value == "DATE") != c.date || len(got.params) > 1 {
					t.Errorf("%s %s: %s %+v, want %s (a date: %v)", c.id, lang, p.name, got, p.want, c.date)
				}
			}
		}
	}
}

// A timed event: DTSTART and DTEND in UTC, from the event's wall clock in its IANA zone. The
// long title, with the characters TEXT escapes, is folded and read back whole.
func TestCalendarTimed(t *testing.T) {
	const title = "Seminario, taller; y debate: los datos de las organizaciones, sus registros y sus ausencias en la región; conclusiones, recomendaciones y próximos pasos"
	ws := serverOf(t, timedWebinar(t, "es", title))

	// What Go's tzdata says of Asunción on that day: UTC−3 (Paraguay's permanent time since
	// October 2024). A system with older zone data would say UTC−4 (18:00Z): the assertion below
	// names the source of the difference.
	loc, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	if _, off := time.Date(2026, 10, 1, 14, 0, 0, 0, loc).Zone(); off != -3*3600 {
		t.Fatalf("this machine's tzdata puts Asunción at UTC%+d on 2026-10-01, not UTC−3: update it (2024b or later)", off/3600)
	}

	for _, path := range []string{"/events/" + eventID + ".ics", "/es/events/" + eventID + ".ics"} {
		ev := getICS(t, ws, path)
		if p := ev["DTSTART"]; len(p.params) != 0 || p.value != "20261001T170000Z" {
			t.Errorf("%s: DTSTART %+v, want 20261001T170000Z (14:00 in Asunción)", path, p)
		}
		if p := ev["DTEND"]; len(p.params) != 0 || p.value != "20261001T183000Z" {
			t.Errorf("%s: DTEND %+v, want 20261001T183000Z (1h30m later)", path, p)
		}
		if got := icsUnescape(t, ev["SUMMARY"].value); got != title {
			t.Errorf("%s: SUMMARY read back as %q, want %q", path, got, title)
		}
		for _, c := range []string{`\,`, `\;`} {
			if !strings.Contains(ev["SUMMARY"].value, c) {
				t.Errorf("%s: SUMMARY %q lacks the escape %s", path, ev["SUMMARY"].value, c)
			}
		}
	}
	// The title makes the SUMMARY line fold: the file itself has continuation lines.
	r := getFrom(t, ws, "/es/events/"+eventID+".ics", nil)
	lines := strings.Split(r.body, "\r\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "SUMMARY") && (i+2 >= len(lines) || lines[i+1][0] != ' ' || lines[i+2][0] != ' ') {
			t.Errorf("the long SUMMARY is not folded over three lines or more:\n%s", r.body)
		}
	}
}
