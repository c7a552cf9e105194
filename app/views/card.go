package views

import (
	"strings"
	"time"
	"unicode"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// countdownDays is how many days before an event its card counts down ("In 21 days").
const countdownDays = 21

// joinEarly is how long before the start the card offers to join the online meeting.
const joinEarly = 30 * time.Minute

// PictureKind is what an image is for: the card's banner or a speaker's portrait.
type PictureKind int

const (
	Banner PictureKind = iota
	Portrait
)

// Pictures makes the picture of one of an event's image files, alt being its alternative text
// ("" for a decorative one): the server resizes the file and serves its variants. nil: the
// cards have no pictures (a speaker then shows initials).
type Pictures func(e *content.Event, img *content.Image, kind PictureKind, alt string) (*card.Picture, error)

// eventCard is the card of event e in l's language.
func eventCard(e *content.Event, l *i18n.Localizer, pictures Pictures, now time.Time) (*card.Card, error) {
	attendance := e.Attendance
	if e.Status == content.MovedOnline {
		attendance = content.Online
	}
	c := &card.Card{
		Kind:       l.Event("Kind"),
		Attendance: card.Attendance{Code: string(attendance), Text: l.Text(attendanceText[attendance], nil)},
		Hashtag:    e.Hashtag,
		When:       when(e, l, now),
		Summary:    l.Event("Summary"),
		More:       paragraphs(l.OptionalEvent("More")),
	}
	if e.Status != content.Scheduled {
		c.Status = &card.Status{Code: string(e.Status), Text: l.Text(statusText[e.Status], nil)}
	}
	if e.InPerson() {
		c.Where = where(e.Venue, l)
	}
	c.Actions = actions(e, l)
	var err error
	if e.Banner != nil && pictures != nil {
		alt := ""
		if !e.Banner.Decorative {
			alt = l.Event("Image.Alt")
		}
		if c.Banner, err = pictures(e, e.Banner, Banner, alt); err != nil {
			return nil, err
		}
	}

	short := func(o *content.Organization) card.Link {
		return card.Link{Text: l.Event("Organization." + o.ID + ".Short"), URL: o.URL}
	}
	for _, o := range e.Organizers {
		name, abbr := l.Event("Organization."+o.ID+".Name"), l.Event("Organization."+o.ID+".Short")
		link := card.Link{Text: name, URL: o.URL}
		if abbr != name {
			link.Note = abbr
		}
		c.Organizers = append(c.Organizers, link)
	}
	roles := map[*content.Person]string{}
	for _, p := range e.People {
		person := card.Person{Name: p.Name, Role: l.Event("Person." + p.ID + ".Role"), URL: p.URL, Initials: initials(p.Name)}
		if badge := roleBadge[p.Role]; badge != nil {
			person.Badge = l.Text(badge, nil)
		}
		if p.Organization != nil {
			person.Organization = short(p.Organization)
		}
		if p.Portrait != nil && pictures != nil {
			if person.Portrait, err = pictures(e, p.Portrait, Portrait, ""); err != nil {
				return nil, err
			}
		}
		roles[p] = person.Role
		if person.Organization.Text != "" {
			roles[p] += ", " + person.Organization.Text
		}
		c.People = append(c.People, person)
	}
	for _, q := range e.Quotes {
		text := l.Text(i18n.Quoted, map[string]any{"Text": l.Event("Quote." + q.ID + ".Text")})
		c.Quotes = append(c.Quotes, card.Quote{Text: text, Author: q.Person.Name, Role: roles[q.Person]})
	}
	for _, d := range e.Documents {
		note := l.Text(i18n.DocumentNote, map[string]any{"Publisher": short(d.Publisher).Text, "Year": d.Year})
		c.Documents = append(c.Documents, card.Link{Text: l.Event("Document." + d.ID + ".Title"), URL: d.URL, Note: note})
	}
	return c, nil
}

var (
	attendanceText = map[content.Attendance]*goi18n.Message{
		content.Online: i18n.AttendanceOnline, content.InPerson: i18n.AttendanceInPerson, content.Hybrid: i18n.AttendanceHybrid,
	}
	statusText = map[content.Status]*goi18n.Message{
		content.Cancelled: i18n.StatusCancelled, content.Postponed: i18n.StatusPostponed,
		content.Rescheduled: i18n.StatusRescheduled, content.MovedOnline: i18n.StatusMovedOnline,
	}
	roleBadge = map[content.Role]*goi18n.Message{content.Moderator: i18n.Moderator, content.Host: i18n.Host}
)

// when writes an event's date: its day, or its days, with the times and the zone of a timed
// event; the browser adds the visitor's own time when the zone is another.
func when(e *content.Event, l *i18n.Localizer, now time.Time) card.When {
	s := e.When
	start := s.Start()
	end, exact := s.End()
	w := card.When{Ends: end, ISO: s.Date.String()}
	switch {
	case !s.Timed() && !s.MultiDay():
		w.Text = l.FullDate(start)
	case !s.Timed():
		w.Text = l.DateRange(start, s.LastDate.Start(s.Zone))
	case !exact:
		w.Text = l.FullDateTime(start)
	case !s.MultiDay():
		w.Text = l.FullDateTimeRange(start, end)
	default:
		w.Text = l.DateTimeSpan(start, end)
	}
	if s.Timed() {
		w.ISO = start.Format("2006-01-02T15:04-07:00")
		w.Start, w.Zone = start, s.Zone.String()
		if exact {
			w.End = end
		}
		w.LocalLabel = l.Text(i18n.YourTime, map[string]any{"Time": card.LocalTimeMark})
	}
	if p := e.Previous; p != nil {
		w.FormerLabel = l.Text(i18n.FormerDate, nil)
		if p.Timed() {
			w.Former = l.FullDateTime(p.Start())
		} else {
			w.Former = l.FullDate(p.Start())
		}
	}
	// A past, cancelled or postponed event counts down to nothing: it keeps no labels.
	if e.Status == content.Cancelled || e.Status == content.Postponed {
		return w
	}
	for n := countdownDays; n >= 0 && now.Before(end); n-- {
		text := l.Text(i18n.Today, nil)
		if n > 0 {
			text = l.Count(i18n.InDays, n)
		}
		from := time.Date(s.Date.Year, s.Date.Month, s.Date.Day-n, 0, 0, 0, 0, s.Zone)
		w.Countdown = append(w.Countdown, card.Countdown{From: from, Text: text})
	}
	return w
}

// where is the venue's name and address, as a letter would write it, the country named in the
// card's language.
func where(v *content.Venue, l *i18n.Localizer) *card.Where {
	w := &card.Where{Label: l.Text(i18n.Where, nil), Name: v.Name}
	if v.Street != "" {
		w.Address = append(w.Address, v.Street)
	}
	locality := strings.TrimSpace(strings.Join(nonEmpty(v.PostalCode, v.Locality), " "))
	if v.Region != "" {
		locality += ", " + v.Region
	}
	w.Address = append(w.Address, locality, l.Country(v.Country))
	if v.Map != "" {
		w.Map = &card.Link{Text: l.Text(i18n.Directions, nil), URL: v.Map}
	}
	return w
}

// actions are the card's main links, each while it applies: register until the deadline (or
// the start), join from a little before the start until the end, add to one's calendar until
// the end, watch the recording after. A cancelled or postponed event offers none of these.
func actions(e *content.Event, l *i18n.Localizer) []card.Action {
	if e.Status == content.Cancelled || e.Status == content.Postponed {
		return recordingOnly(e, l)
	}
	start := e.When.Start()
	end, _ := e.When.End()
	var out []card.Action
	if r := e.Registration; r != nil {
		until := r.Deadline
		if until.IsZero() {
			until = start
		}
		a := card.Action{Kind: "register", Text: l.Text(i18n.Register, nil), URL: r.URL, External: true, Until: until}
		if !r.Deadline.IsZero() {
			last := r.Deadline.Add(-time.Minute) // a deadline at midnight is the day before's
			a.Note = l.Text(i18n.RegisterUntil, map[string]any{"Date": l.FullDate(last)})
		}
		out = append(out, a)
	}
	if e.Join != "" && e.Online() {
		from := start.Add(-joinEarly)
		if !e.When.Timed() {
			from = start // a day-long event: from its first midnight
		}
		out = append(out, card.Action{Kind: "join", Text: l.Text(i18n.JoinOnline, nil), URL: e.Join, External: true, From: from, Until: end})
	}
	out = append(out, card.Action{Kind: "calendar", Text: l.Text(i18n.AddToCalendar, nil),
		URL: card.Path{Lang: l.Lang(), Event: e.ID}.Calendar(), Download: e.ID + ".ics", Until: end})
	return append(out, recordingAfter(e, l, end)...)
}

func recordingOnly(e *content.Event, l *i18n.Localizer) []card.Action {
	return recordingAfter(e, l, time.Time{})
}

func recordingAfter(e *content.Event, l *i18n.Localizer, from time.Time) []card.Action {
	if e.Recording == nil {
		return nil
	}
	return []card.Action{{Kind: "recording", Text: l.Text(i18n.WatchRecording, nil), URL: e.Recording.URL, External: true, From: from}}
}

// initials are the first letters of a name's first and last words: "KR" for Karina Núñez
// Rodríguez, the badge of a speaker without a portrait.
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	first := func(w string) string {
		for _, r := range w {
			if unicode.IsLetter(r) {
				return string(unicode.ToUpper(r))
			}
		}
		return ""
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return first(words[0])
	}
	return first(words[0]) + first(words[len(words)-1])
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// paragraphs splits a text at its blank lines.
func paragraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}
