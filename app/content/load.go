package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Dir is the folder of event files inside the content's file system: events/<id>.toml, and the
// event's images in events/<id>/.
const Dir = "events"

// idPattern is what ids look like: they become URL path segments and message-id parts, so
// nothing that could need escaping or traverse a path.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var (
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)
	hashtagPattern  = regexp.MustCompile(`^#[\pL\pN_]+$`)
	imagePattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*\.(jpe?g|png)$`)
	pricePattern    = regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`)
)

const maxIDLength = 64

// file mirrors an event file (README, "Add an event"); Parse turns it into an Event.
type file struct {
	ID         string
	Language   string
	Status     string
	Attendance string
	TimeZone   string `toml:"timezone"`
	Date       any
	EndDate    any    `toml:"end_date"`
	Time       any    // "14:00" (or a TOML local time)
	EndTime    any    `toml:"end_time"`
	Duration   string // "1h30m": instead of end_time
	Previous   struct {
		Date any
		Time any
	}
	Hashtag string
	Join    string
	Venue   *struct {
		Name, Street, Locality, Region, Country, Map string
		PostalCode                                   string `toml:"postal_code"`
	}
	Registration *struct {
		URL      string
		Deadline any
		Price    string
		Currency string
	}
	Recording *struct {
		URL   string
		Video bool
	}
	Image struct {
		File       string
		Decorative bool
	}
	Organizers    []string
	Organizations []struct{ ID, URL string }
	People        []struct{ ID, Name, Organization, Role, URL, Portrait string }
	Quotes        []struct{ ID, Person string }
	Docs          []struct {
		ID        string
		Year      int
		Publisher string
		URL       string
	} `toml:"documents"`
}

// Load reads every events/*.toml file of fsys, and checks the images they name are in their
// folders. It reports every problem of every file (Problems), not only the first: a card with a
// broken fact is worse than no card, and whoever fixes content wants the whole list at once.
// With problems, the events are what could be read of each file, for the checks that follow
// (their texts); they are not to be shown.
func Load(fsys fs.FS) ([]*Event, error) {
	names, err := fs.Glob(fsys, Dir+"/*.toml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, Problems{{File: Dir, Text: "no event files (*.toml)"}}
	}
	var events []*Event
	var all Problems
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		e, err := Parse(name, data)
		var ps Problems
		if err != nil && !errors.As(err, &ps) {
			return nil, err
		}
		all = append(all, ps...)
		if e == nil || checkID(e.ID) != nil {
			continue
		}
		all = append(all, checkImages(fsys, name, data, e)...)
		events = append(events, e)
	}
	return events, all.Err()
}

// checkImages reports the images an event names that are not files in its folder.
func checkImages(fsys fs.FS, name string, data []byte, e *Event) Problems {
	p := &problems{file: name, data: data}
	exists := func(field string, img *Image) {
		if img == nil {
			return
		}
		if st, err := fs.Stat(fsys, ImagePath(e.ID, img.File)); err != nil || st.IsDir() {
			p.add(field, "no file %s", ImagePath(e.ID, img.File))
		}
	}
	exists("image.file", e.Banner)
	for i, person := range e.People {
		exists(fmt.Sprintf("people[%d].portrait", i), person.Portrait)
	}
	return p.list
}

// ImagePath is where an event's image file is in the content's file system.
func ImagePath(id, file string) string { return path.Join(Dir, id, file) }

// Parse validates one event file; name is its path, used in problems and to check the id. The
// error, if any, is Problems: every problem, each with its line and field.
func Parse(name string, data []byte) (*Event, error) {
	p := &problems{file: name, data: data}
	var f file
	if ps := p.decode(&f); ps != nil {
		return nil, ps
	}

	e := &Event{ID: f.ID, Language: f.Language, Hashtag: f.Hashtag}
	if err := checkID(f.ID); err != nil {
		p.add("id", "%v", err)
	} else if want := strings.TrimSuffix(path.Base(name), ".toml"); f.ID != want {
		p.add("id", "%q differs from the file name %q", f.ID, want)
	}
	if !languagePattern.MatchString(f.Language) {
		p.add("language", "want a language code such as \"es\", got %q", f.Language)
	}
	e.Status = oneOf(p, "status", f.Status, statuses, Scheduled)
	e.Attendance = oneOf(p, "attendance", f.Attendance, attendances, "")
	parseSchedule(p, &f, e)
	if f.Hashtag != "" && !hashtagPattern.MatchString(f.Hashtag) {
		p.add("hashtag", "want #Word, got %q", f.Hashtag)
	}
	parseTakingPart(p, &f, e)
	e.Banner = parseImage(p, "image.file", f.Image.File, f.Image.Decorative)
	parsePeople(p, &f, e)
	return e, p.list.Err()
}

// parseSchedule reads when: the zone, the days, the times, and a rescheduled event's former date.
func parseSchedule(p *problems, f *file, e *Event) {
	switch {
	case f.TimeZone == "":
		p.add("timezone", "missing (an IANA zone such as \"America/Montevideo\")")
	case f.TimeZone == "Local":
		// "Local" would make the day of the event depend on the machine the server runs on.
		p.add("timezone", "want an IANA zone, not %q", f.TimeZone)
	default:
		zone, err := time.LoadLocation(f.TimeZone)
		if err != nil {
			p.add("timezone", "%q is not a time zone (an IANA zone such as \"America/Montevideo\")", f.TimeZone)
		}
		e.When.Zone = zone
	}
	if e.When.Zone == nil {
		e.When.Zone = time.UTC // the other checks go on
	}
	s := &e.When
	var err error
	if s.Date, err = parseDate(f.Date, true); err != nil {
		p.add("date", "%v", err)
	}
	s.LastDate = s.Date
	if f.EndDate != nil {
		if s.LastDate, err = parseDate(f.EndDate, true); err != nil {
			p.add("end_date", "%v", err)
		} else if s.LastDate.Before(s.Date) {
			p.add("end_date", "%s is before the date %s", s.LastDate, s.Date)
		}
	}
	if s.Time, err = parseClock(f.Time); err != nil {
		p.add("time", "%v", err)
	}
	if s.EndTime, err = parseClock(f.EndTime); err != nil {
		p.add("end_time", "%v", err)
	}
	switch {
	case s.EndTime != nil && s.Time == nil:
		p.add("end_time", "needs a time (an event without one lasts its whole days)")
	case f.Duration != "" && s.EndTime != nil:
		p.add("duration", "give end_time or duration, not both")
	case f.Duration != "" && s.Time == nil:
		p.add("duration", "needs a time (an event without one lasts its whole days)")
	case f.Duration != "":
		d, err := parseDuration(f.Duration)
		if err != nil {
			p.add("duration", "%v", err)
			break
		}
		end := s.Start().Add(d).In(s.Zone)
		s.LastDate, s.EndTime = Date{end.Year(), end.Month(), end.Day()}, &Clock{end.Hour(), end.Minute()}
	}
	checkExists(p, "time", *s, s.Time, s.Date)
	checkExists(p, "end_time", *s, s.EndTime, s.LastDate)
	if end, exact := s.End(); exact && !end.After(s.Start()) {
		p.add("end_time", "%s is not after the start, %s", end.Format("2006-01-02 15:04"), s.Start().Format("2006-01-02 15:04"))
	}

	hasPrevious := f.Previous.Date != nil || f.Previous.Time != nil
	switch {
	case e.Status == Rescheduled && f.Previous.Date == nil:
		p.add("previous.date", "missing: a rescheduled event shows its former date")
	case e.Status != Rescheduled && hasPrevious:
		p.add("previous", "only a rescheduled event has a former date (status = \"rescheduled\")")
	case hasPrevious:
		prev := Schedule{Zone: s.Zone}
		if prev.Date, err = parseDate(f.Previous.Date, true); err != nil {
			p.add("previous.date", "%v", err)
		}
		prev.LastDate = prev.Date
		if prev.Time, err = parseClock(f.Previous.Time); err != nil {
			p.add("previous.time", "%v", err)
		}
		checkExists(p, "previous.time", prev, prev.Time, prev.Date)
		e.Previous = &prev
	}
}

// checkExists reports a time the clocks skip on day (the hour a zone springs forward).
func checkExists(p *problems, field string, s Schedule, c *Clock, day Date) {
	if c == nil {
		return
	}
	if t := c.On(day, s.Zone); t.Hour() != c.Hour || t.Minute() != c.Minute {
		p.add(field, "%s does not exist on %s in %s (the clocks change that day)", c, day, s.Zone)
	}
}

// parseTakingPart reads how people take part: the venue, the meeting, registering, the recording.
func parseTakingPart(p *problems, f *file, e *Event) {
	if v := f.Venue; v != nil {
		e.Venue = &Venue{Name: strings.TrimSpace(v.Name), Street: strings.TrimSpace(v.Street), Locality: strings.TrimSpace(v.Locality),
			Region: strings.TrimSpace(v.Region), PostalCode: strings.TrimSpace(v.PostalCode), Country: v.Country}
		for field, text := range map[string]string{"venue.name": v.Name, "venue.locality": v.Locality} {
			if err := checkName(text); err != nil {
				p.add(field, "%v", err)
			}
		}
		for field, text := range map[string]string{"venue.street": v.Street, "venue.region": v.Region, "venue.postal_code": v.PostalCode} {
			if err := checkName(text); text != "" && err != nil {
				p.add(field, "%v", err)
			}
		}
		if r, err := language.ParseRegion(v.Country); err != nil || !r.IsCountry() || v.Country != strings.ToUpper(v.Country) || len(v.Country) != 2 {
			p.add("venue.country", "want a country's ISO 3166 code such as \"UY\", got %q", v.Country)
		}
		e.Venue.Map = checkURL(p, "venue.map", v.Map, false)
	}
	switch {
	case e.Attendance != Online && e.Attendance != "" && e.Venue == nil:
		p.add("venue", "missing: an event in person or hybrid has a venue")
	case e.Attendance == Online && e.Venue != nil:
		p.add("venue", "an online event has no venue (attendance = \"hybrid\" for both)")
	case e.Status == MovedOnline && e.Attendance == Online:
		p.add("status", "moved online: the event was in person or hybrid (attendance says how it was planned)")
	}
	e.Join = checkURL(p, "join", f.Join, false)
	if e.Join != "" && !e.Online() {
		p.add("join", "an event in person has no online meeting (attendance = \"hybrid\" for both)")
	}
	if r := f.Registration; r != nil {
		e.Registration = &Registration{URL: checkURL(p, "registration.url", r.URL, true), Price: r.Price, Currency: r.Currency}
		if r.Deadline != nil {
			d, err := parseDeadline(r.Deadline, e.When.Zone)
			if err != nil {
				p.add("registration.deadline", "%v", err)
			} else if end, _ := e.When.End(); !d.Before(end) {
				p.add("registration.deadline", "%s is after the event", d.Format("2006-01-02 15:04"))
			}
			e.Registration.Deadline = d
		}
		switch {
		case r.Price == "":
			e.Registration.Price = "0"
		case !pricePattern.MatchString(r.Price):
			p.add("registration.price", "want an amount such as \"0\" or \"12.50\", got %q", r.Price)
		}
		if cur, err := currency.ParseISO(r.Currency); r.Currency != "" && (err != nil || cur.String() != r.Currency) {
			p.add("registration.currency", "want an ISO 4217 code such as \"USD\", got %q", r.Currency)
		} else if r.Currency == "" && e.Registration.Price != "0" {
			p.add("registration.currency", "missing: a price needs its currency")
		}
	}
	if r := f.Recording; r != nil {
		e.Recording = &Recording{URL: checkURL(p, "recording.url", r.URL, true), Video: r.Video}
	}
}

// parsePeople reads the organizations, the people, the quotes and the documents, which name
// one another by id.
func parsePeople(p *problems, f *file, e *Event) {
	orgs := map[string]*Organization{}
	for i, o := range f.Organizations {
		field := fmt.Sprintf("organizations[%d]", i)
		if err := checkID(o.ID); err != nil {
			p.add(field+".id", "%v", err)
			continue
		}
		if orgs[o.ID] != nil {
			p.add(field+".id", "%q appears twice", o.ID)
			continue
		}
		org := &Organization{ID: o.ID, URL: checkURL(p, field+".url", o.URL, false)}
		orgs[o.ID] = org
		e.Organizations = append(e.Organizations, org)
	}
	ref := func(field, id string) *Organization {
		if o := orgs[id]; o != nil {
			return o
		}
		p.add(field, "unknown organization %q", id)
		return nil
	}
	if len(f.Organizers) == 0 {
		p.add("organizers", "missing")
	}
	for i, id := range f.Organizers {
		if o := ref(fmt.Sprintf("organizers[%d]", i), id); o != nil {
			e.Organizers = append(e.Organizers, o)
		}
	}

	people := map[string]*Person{}
	for i, pf := range f.People {
		field := fmt.Sprintf("people[%d]", i)
		if !p.newID(field, pf.ID, people[pf.ID] != nil) {
			continue
		}
		if err := checkName(pf.Name); err != nil {
			p.add(field+".name", "%v", err)
		}
		person := &Person{ID: pf.ID, Name: pf.Name, URL: checkURL(p, field+".url", pf.URL, false)}
		person.Role = oneOf(p, field+".role", pf.Role, roles, Speaker)
		if pf.Organization != "" {
			person.Organization = ref(field+".organization", pf.Organization)
		}
		// A portrait sits beside the person's name: its alternative text would repeat it.
		person.Portrait = parseImage(p, field+".portrait", pf.Portrait, true)
		people[pf.ID] = person
		e.People = append(e.People, person)
	}

	seen := map[string]bool{} // quote and document ids name their messages: unique in their list
	for i, q := range f.Quotes {
		field := fmt.Sprintf("quotes[%d]", i)
		if !p.newID(field, q.ID, seen["quote "+q.ID]) {
			continue
		}
		seen["quote "+q.ID] = true
		if people[q.Person] == nil {
			p.add(field+".person", "unknown person %q", q.Person)
			continue
		}
		e.Quotes = append(e.Quotes, &Quote{ID: q.ID, Person: people[q.Person]})
	}
	for i, d := range f.Docs {
		field := fmt.Sprintf("documents[%d]", i)
		if !p.newID(field, d.ID, seen["document "+d.ID]) {
			continue
		}
		seen["document "+d.ID] = true
		if d.Year < 1900 || d.Year > 2200 {
			p.add(field+".year", "want a year, got %d", d.Year)
		}
		doc := &Document{ID: d.ID, Year: d.Year, Publisher: ref(field+".publisher", d.Publisher), URL: checkURL(p, field+".url", d.URL, false)}
		e.Documents = append(e.Documents, doc)
	}
}

// parseImage reads an image file's name; "" is no image.
func parseImage(p *problems, field, name string, decorative bool) *Image {
	if name == "" {
		return nil
	}
	if !imagePattern.MatchString(name) || strings.Contains(name, "..") {
		p.add(field, "want a file name in the event's folder such as \"banner.jpg\" (lower case, .jpg or .png), got %q", name)
		return nil
	}
	return &Image{File: name, Decorative: decorative}
}

// oneOf reads a value that must be one of values; "" is def (none: required).
func oneOf[T ~string](p *problems, field, v string, values []T, def T) T {
	if v == "" && def != "" {
		return def
	}
	if slices.Contains(values, T(v)) {
		return T(v)
	}
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = strconv.Quote(string(v))
	}
	if v == "" {
		p.add(field, "missing: one of %s", strings.Join(names, ", "))
	} else {
		p.add(field, "%q: want one of %s", v, strings.Join(names, ", "))
	}
	return ""
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
func checkURL(p *problems, field, raw string, required bool) string {
	if raw == "" {
		if required {
			p.add(field, "missing")
		}
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" {
		p.add(field, "want an https:// address, got %q", raw)
		return ""
	}
	return u.String()
}

// checkName refuses names no person or place has: markup characters and control characters
// mean a broken or hostile file, even though the renderer would escape them.
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

func parseDate(v any, required bool) (Date, error) {
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
		if required {
			return Date{}, errors.New("missing")
		}
		return Date{}, nil
	default:
		return Date{}, fmt.Errorf("want a day such as 2020-09-14, got %v", v)
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return Date{}, errors.New("want a day without a time")
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)

// parseClock reads a time: "HH:MM", 24-hour, on the event's wall clock (a TOML local time such
// as 14:00 is accepted too). Absent: nil.
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

// parseDeadline reads until when one may register: a day (until its end) or a day and a time
// ("2026-03-01T18:00"), on the event's wall clock.
func parseDeadline(v any, zone *time.Location) (time.Time, error) {
	var t time.Time
	var err error
	switch v := v.(type) {
	case time.Time: // a TOML local date or date-time; an offset date-time is refused
		switch v.Location().String() {
		case "date-local":
			t = v.AddDate(0, 0, 1)
		case "datetime-local":
			t = v
		default:
			err = errors.New("")
		}
	case string:
		if t, err = time.Parse("2006-01-02T15:04", v); err != nil {
			t, err = time.Parse(time.DateOnly, v)
			t = t.AddDate(0, 0, 1)
		}
	default:
		err = errors.New("")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("want a day such as 2026-03-01 or a day and a time such as 2026-03-01T18:00, got %v", v)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, zone), nil
}

// maxDuration bounds an event's length given as a duration: a longer one is a typo (a campaign
// over weeks gives its dates).
const maxDuration = 7 * 24 * time.Hour

// parseDuration reads how long a timed event lasts: Go's form, "1h30m", "90m", whole minutes.
func parseDuration(s string) (time.Duration, error) {
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
