// Package content holds the events a card can show: the language-neutral facts (when, where,
// how to take part, who, the links and images) read from the event files and validated. The
// texts a visitor reads are messages in locales/, keyed by the ids these types carry.
package content

import (
	"time"
)

// Event is one event file, validated.
type Event struct {
	ID       string
	Language string // original language; the fallback for visitors it cannot match
	Status   Status
	When     Schedule
	Previous *Schedule // a rescheduled event's former date, shown struck through
	Hashtag  string

	Attendance   Attendance
	Venue        *Venue // in person and hybrid events (and an event moved online, as it was)
	Join         string // the online meeting's address (online and hybrid events); optional
	Registration *Registration
	Recording    *Recording

	Banner        *Image // optional
	Organizers    []*Organization
	Organizations []*Organization
	People        []*Person
	Quotes        []*Quote
	Documents     []*Document
}

// Status says whether the event is still on.
type Status string

const (
	Scheduled   Status = "scheduled"
	Cancelled   Status = "cancelled"
	Postponed   Status = "postponed"    // a new date is to be announced
	Rescheduled Status = "rescheduled"  // a new date: When; the former one: Previous
	MovedOnline Status = "moved-online" // was in person, now online
)

var statuses = []Status{Scheduled, Cancelled, Postponed, Rescheduled, MovedOnline}

// Attendance is how people take part.
type Attendance string

const (
	Online   Attendance = "online"
	InPerson Attendance = "in-person"
	Hybrid   Attendance = "hybrid"
)

var attendances = []Attendance{Online, InPerson, Hybrid}

// Online reports whether people can take part online.
func (e *Event) Online() bool {
	return e.Attendance == Online || e.Attendance == Hybrid || e.Status == MovedOnline
}

// InPerson reports whether people can take part at the venue.
func (e *Event) InPerson() bool {
	return (e.Attendance == InPerson || e.Attendance == Hybrid) && e.Status != MovedOnline
}

// Venue is where an event takes place. Its name and address are written as the place writes
// them, in every language; the country is a code, named in each language by the server.
type Venue struct {
	Name       string
	Street     string
	Locality   string // the city or town
	Region     string
	PostalCode string
	Country    string // ISO 3166-1 alpha-2, upper case
	Map        string // an https link to a map site (never an embedded map)
}

// Registration is how to register: a link and, optionally, until when.
type Registration struct {
	URL      string
	Deadline time.Time // zero: until the event starts
	Price    string    // "0" for a free event
	Currency string    // ISO 4217, with a price other than "0"
}

// Recording is the event's recording, or the page that publishes it.
type Recording struct {
	URL   string
	Video bool // the link plays the recording itself (schema.org VideoObject), not a page about it
}

// Image is one of the event's images: a file in events/<id>/.
type Image struct {
	File       string // its name in the event's folder
	Decorative bool   // no alternative text: nothing a reader misses (the banner's Image.Alt otherwise)
}

// Organization is any body the event names: organizer, affiliation or publisher.
type Organization struct {
	ID  string
	URL string // empty when the source gives no address: shown without a link
}

// Role is what a person does at the event.
type Role string

const (
	Speaker   Role = "speaker"
	Moderator Role = "moderator"
	Host      Role = "host"
)

var roles = []Role{Speaker, Moderator, Host}

// Person is someone on the programme.
type Person struct {
	ID           string
	Name         string // as the person writes it, in every language
	Role         Role
	Organization *Organization
	URL          string // optional: the person's own page
	Portrait     *Image // optional: a square photo; the card shows initials without one
}

// Quote is a highlight, attributed to a person on the programme; its text is a message.
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

// Images lists the event's image files: the banner, then the portraits.
func (e *Event) Images() []*Image {
	var out []*Image
	if e.Banner != nil {
		out = append(out, e.Banner)
	}
	for _, p := range e.People {
		if p.Portrait != nil {
			out = append(out, p.Portrait)
		}
	}
	return out
}

// OptionalMessageIDs are the messages an event may have: the rest of its summary, behind "read
// more".
func (e *Event) OptionalMessageIDs() []string { return []string{"More"} }

// MessageIDs lists every message the event's texts need, in the order a reader meets them.
// The catalog checks each one exists in every language.
func (e *Event) MessageIDs() []string {
	ids := []string{"Kind", "Title", "Summary"}
	if e.Banner != nil && !e.Banner.Decorative {
		ids = append(ids, "Image.Alt")
	}
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
