// Package content holds the events a card can show: the language-neutral facts (dates, people,
// links) read from the event files, validated once at start. The texts a visitor reads are
// messages in locales/, keyed by the ids these types carry.
package content

import (
	"fmt"
	"time"
)

// Event is one event file, validated.
type Event struct {
	ID            string
	Language      string // original language; the fallback for visitors it cannot match
	Date          Date
	Time          *Clock        // the local start time, in TimeZone; nil: the event lasts its day
	Duration      time.Duration // how long a timed event lasts; 0: not given
	TimeZone      *time.Location
	Hashtag       string
	Video         string // https URL of the recording or, until there is one, of its publisher
	Recording     bool   // Video is the recording itself, not the site that publishes it
	Organizers    []*Organization
	Organizations []*Organization
	People        []*Person
	Quotes        []*Quote
	Documents     []*Document
}

// Organization is any body the event names: organizer, affiliation or publisher.
type Organization struct {
	ID  string
	URL string // empty when the source gives no address: shown without a link
}

// Person is someone on the panel.
type Person struct {
	ID           string
	Name         string // as the person writes it, in every language
	Organization *Organization
	Moderator    bool
}

// Quote is a highlight, attributed to a person on the panel; its text is a message.
type Quote struct {
	ID     string
	Person *Person
}

// Document is a related publication.
type Document struct {
	ID        string
	Year      int
	Publisher *Organization
	URL       string
}

// Date is a calendar day, without a time: the seed gives the day of the event, not the hour.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Start is the first instant of the day in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// End is the first instant after the day in loc: until then the event is upcoming.
func (d Date) End(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
}

// String is the ISO 8601 form, as in a <time datetime> attribute.
func (d Date) String() string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// Clock is a time of day, to the minute, on a wall clock of the event's zone.
type Clock struct{ Hour, Minute int }

// String is the 24-hour form of the event file, "14:00".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// Start is when the event starts: its time on its day in its zone or, for an event without a
// time, the first instant of its day there.
func (e *Event) Start() time.Time {
	if e.Time == nil {
		return e.Date.Start(e.TimeZone)
	}
	return time.Date(e.Date.Year, e.Date.Month, e.Date.Day, e.Time.Hour, e.Time.Minute, 0, 0, e.TimeZone)
}

// End is when a timed event with a duration ends; ok is false for an event that lasts its day
// (see Date.End) or whose duration is not given.
func (e *Event) End() (end time.Time, ok bool) {
	if e.Time == nil || e.Duration == 0 {
		return time.Time{}, false
	}
	return e.Start().Add(e.Duration), true
}

// MessageIDs lists every message the event's texts need, in the order a reader meets them.
// The catalog checks each one exists in every language.
func (e *Event) MessageIDs() []string {
	ids := []string{"Kind", "Title", "Summary", "More"}
	for _, o := range e.Organizations {
		ids = append(ids, "Organization."+o.ID+".Name", "Organization."+o.ID+".Short")
	}
	for _, p := range e.People {
		ids = append(ids, "Person."+p.ID+".Role")
	}
	for _, q := range e.Quotes {
		ids = append(ids, "Quote."+q.ID+".Text")
	}
	for _, d := range e.Documents {
		ids = append(ids, "Document."+d.ID+".Title")
	}
	return ids
}
