package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Dir is the folder of event files inside the project's file system.
const Dir = "events"

// idPattern is what ids look like: they become URL path segments and message-id parts, so
// nothing that could need escaping or traverse a path.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var (
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)
	hashtagPattern  = regexp.MustCompile(`^#[\pL\pN_]+$`)
)

const maxIDLength = 64

// file mirrors an event file; Load turns it into an Event and refuses anything it cannot vouch for.
type file struct {
	ID            string
	Language      string
	Date          any
	Time          any    // "14:00" (or a TOML local time); optional
	Duration      string // "1h30m"; optional, needs a time
	TimeZone      string `toml:"timezone"`
	Hashtag       string
	Video         string
	Recording     bool // the video link is the recording itself
	Organizers    []string
	Organizations []struct{ ID, URL string }
	People        []struct {
		ID, Name, Organization string
		Moderator              bool
	}
	Quotes []struct{ ID, Person string }
	Docs   []struct {
		ID        string
		Year      int
		Publisher string
		URL       string
	} `toml:"documents"`
}

// Load reads every events/*.toml file of fsys. Any problem fails the whole load with an error
// naming the file and the field: a card with a broken fact is worse than no card.
func Load(fsys fs.FS) ([]*Event, error) {
	names, err := fs.Glob(fsys, Dir+"/*.toml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no event files (*.toml)", Dir)
	}
	var events []*Event
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		e, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	return events, nil
}

// Parse validates one event file; name is its path, used in errors and to check the id.
func Parse(name string, data []byte) (*Event, error) {
	fail := func(field, format string, args ...any) error {
		return fmt.Errorf("%s: %s: %s", name, field, fmt.Sprintf(format, args...))
	}
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		return nil, fail(extra[0].String(), "unknown field")
	}

	e := &Event{ID: f.ID, Language: f.Language, Hashtag: f.Hashtag, Recording: f.Recording}
	if err := checkID(f.ID); err != nil {
		return nil, fail("id", "%v", err)
	}
	if want := strings.TrimSuffix(path.Base(name), ".toml"); f.ID != want {
		return nil, fail("id", "%q differs from the file name %q", f.ID, want)
	}
	if !languagePattern.MatchString(f.Language) {
		return nil, fail("language", "want a language code such as \"es\", got %q", f.Language)
	}
	if e.Date, err = parseDate(f.Date); err != nil {
		return nil, fail("date", "%v", err)
	}
	if f.TimeZone == "" {
		return nil, fail("timezone", "missing (an IANA zone such as \"America/Asuncion\")")
	}
	// "Local" would make the day of the event depend on the machine the server runs on.
	if f.TimeZone == "Local" {
		return nil, fail("timezone", "want an IANA zone, not %q", f.TimeZone)
	}
	if e.TimeZone, err = time.LoadLocation(f.TimeZone); err != nil {
		return nil, fail("timezone", "%v", err)
	}
	if e.Time, err = parseClock(f.Time); err != nil {
		return nil, fail("time", "%v", err)
	}
	if e.Time != nil {
		// A time the clocks skip (the hour a zone springs forward) names no instant.
		if t := e.Start(); t.Hour() != e.Time.Hour || t.Minute() != e.Time.Minute {
			return nil, fail("time", "%s does not exist on %s in %s (the clocks change that day)", e.Time, e.Date, e.TimeZone)
		}
	}
	if e.Duration, err = parseDuration(f.Duration); err != nil {
		return nil, fail("duration", "%v", err)
	}
	if e.Duration != 0 && e.Time == nil {
		return nil, fail("duration", "needs a time (an event without one lasts its whole day)")
	}
	if f.Hashtag != "" && !hashtagPattern.MatchString(f.Hashtag) {
		return nil, fail("hashtag", "want #Word, got %q", f.Hashtag)
	}
	if e.Video, err = checkURL(f.Video, true); err != nil {
		return nil, fail("video", "%v", err)
	}

	orgs := map[string]*Organization{}
	for i, o := range f.Organizations {
		field := fmt.Sprintf("organizations[%d]", i)
		if err := checkID(o.ID); err != nil {
			return nil, fail(field+".id", "%v", err)
		}
		if orgs[o.ID] != nil {
			return nil, fail(field+".id", "%q appears twice", o.ID)
		}
		u, err := checkURL(o.URL, false)
		if err != nil {
			return nil, fail(field+".url", "%v", err)
		}
		org := &Organization{ID: o.ID, URL: u}
		orgs[o.ID] = org
		e.Organizations = append(e.Organizations, org)
	}
	ref := func(field, id string) (*Organization, error) {
		if o := orgs[id]; o != nil {
			return o, nil
		}
		return nil, fail(field, "unknown organization %q", id)
	}

	if len(f.Organizers) == 0 {
		return nil, fail("organizers", "missing")
	}
	for i, id := range f.Organizers {
		o, err := ref(fmt.Sprintf("organizers[%d]", i), id)
		if err != nil {
			return nil, err
		}
		e.Organizers = append(e.Organizers, o)
	}

	people := map[string]*Person{}
	for i, p := range f.People {
		field := fmt.Sprintf("people[%d]", i)
		if err := checkID(p.ID); err != nil {
			return nil, fail(field+".id", "%v", err)
		}
		if people[p.ID] != nil {
			return nil, fail(field+".id", "%q appears twice", p.ID)
		}
		if err := checkName(p.Name); err != nil {
			return nil, fail(field+".name", "%v", err)
		}
		person := &Person{ID: p.ID, Name: p.Name, Moderator: p.Moderator}
		if p.Organization != "" {
			if person.Organization, err = ref(field+".organization", p.Organization); err != nil {
				return nil, err
			}
		}
		people[p.ID] = person
		e.People = append(e.People, person)
	}

	seen := map[string]bool{} // quote and document ids name their messages: unique in their list
	for i, q := range f.Quotes {
		field := fmt.Sprintf("quotes[%d]", i)
		if err := checkID(q.ID); err != nil {
			return nil, fail(field+".id", "%v", err)
		}
		if seen["quote "+q.ID] {
			return nil, fail(field+".id", "%q appears twice", q.ID)
		}
		seen["quote "+q.ID] = true
		p := people[q.Person]
		if p == nil {
			return nil, fail(field+".person", "unknown person %q", q.Person)
		}
		e.Quotes = append(e.Quotes, &Quote{ID: q.ID, Person: p})
	}

	for i, d := range f.Docs {
		field := fmt.Sprintf("documents[%d]", i)
		if err := checkID(d.ID); err != nil {
			return nil, fail(field+".id", "%v", err)
		}
		if seen["document "+d.ID] {
			return nil, fail(field+".id", "%q appears twice", d.ID)
		}
		seen["document "+d.ID] = true
		if d.Year < 1900 || d.Year > 2200 {
			return nil, fail(field+".year", "want a year, got %d", d.Year)
		}
		doc := &Document{ID: d.ID, Year: d.Year}
		if doc.Publisher, err = ref(field+".publisher", d.Publisher); err != nil {
			return nil, err
		}
		if doc.URL, err = checkURL(d.URL, false); err != nil {
			return nil, fail(field+".url", "%v", err)
		}
		e.Documents = append(e.Documents, doc)
	}
	return e, nil
}

func checkID(id string) error {
	switch {
	case id == "":
		return errors.New("missing")
	case len(id) > maxIDLength:
		return fmt.Errorf("longer than %d bytes", maxIDLength)
	case !idPattern.MatchString(id):
		return fmt.Errorf("%q: use lower-case letters, digits and single hyphens", id)
	}
	return nil
}

// checkURL accepts only absolute https URLs: the card is framed on https partner pages, and a
// javascript: or data: link in an event file must never reach a visitor.
func checkURL(raw string, required bool) (string, error) {
	if raw == "" {
		if required {
			return "", errors.New("missing")
		}
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	if u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", fmt.Errorf("want an https:// address, got %q", raw)
	}
	return u.String(), nil
}

// checkName refuses names no person has: markup characters and control characters mean a
// broken or hostile file, even though the renderer would escape them.
func checkName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("missing")
	}
	for _, r := range name {
		if unicode.IsControl(r) || strings.ContainsRune("<>\"`{}", r) {
			return fmt.Errorf("%q: contains %q", name, r)
		}
	}
	return nil
}

func parseDate(v any) (Date, error) {
	var t time.Time
	switch v := v.(type) {
	case time.Time:
		t = v
	case string:
		var err error
		if t, err = time.Parse(time.DateOnly, v); err != nil {
			return Date{}, fmt.Errorf("want a day such as 2020-09-14, got %q", v)
		}
	case nil:
		return Date{}, errors.New("missing")
	default:
		return Date{}, fmt.Errorf("want a day such as 2020-09-14, got %v", v)
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return Date{}, errors.New("want a day without a time")
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)

// parseClock reads the start time: "HH:MM", 24-hour, on the event's wall clock (a TOML local
// time such as 14:00 is accepted too). Absent: nil.
func parseClock(v any) (*Clock, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		m := clockPattern.FindStringSubmatch(v)
		if m == nil {
			return nil, fmt.Errorf("want a 24-hour time such as \"14:00\", got %q", v)
		}
		h, _ := strconv.Atoi(m[1]) // two digits: the pattern says so
		min, _ := strconv.Atoi(m[2])
		return &Clock{Hour: h, Minute: min}, nil
	case time.Time:
		// A TOML local time has no date (year 0); a date or a date-time is not a time.
		if v.Year() != 0 || v.Month() != time.January || v.Day() != 1 {
			return nil, fmt.Errorf("want a 24-hour time such as \"14:00\", got the date %s", v.Format("2006-01-02T15:04:05"))
		}
		if v.Second() != 0 || v.Nanosecond() != 0 {
			return nil, fmt.Errorf("want a time to the minute such as \"14:00\", got %s", v.Format("15:04:05.999999999"))
		}
		return &Clock{Hour: v.Hour(), Minute: v.Minute()}, nil
	default:
		return nil, fmt.Errorf("want a 24-hour time such as \"14:00\", got %v", v)
	}
}

// maxDuration bounds an event's length: a longer one is a typo (a week, for a conference).
const maxDuration = 7 * 24 * time.Hour

// parseDuration reads how long a timed event lasts: Go's form, "1h30m", "90m", whole minutes.
// Absent: 0.
func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("want a duration such as \"1h30m\" or \"90m\", got %q", s)
	case d <= 0:
		return 0, fmt.Errorf("%q: want a positive duration", s)
	case d%time.Minute != 0:
		return 0, fmt.Errorf("%q: want whole minutes", s)
	case d > maxDuration:
		return 0, fmt.Errorf("%q: longer than a week (%v)", s, maxDuration)
	}
	return d, nil
}
