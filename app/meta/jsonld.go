package meta

import (
	"encoding/json"
	"net/url"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/views"
)

// The event as schema.org's Event, for search engines (Google's event results read it): every
// property Google requires or recommends that the event has.
type ldEvent struct {
	Context             string         `json:"@context"`
	Type                string         `json:"@type"`
	Name                string         `json:"name"`
	Description         string         `json:"description,omitempty"`
	StartDate           string         `json:"startDate"`
	EndDate             string         `json:"endDate,omitempty"`
	PreviousStartDate   string         `json:"previousStartDate,omitempty"`
	EventStatus         string         `json:"eventStatus"`
	EventAttendanceMode string         `json:"eventAttendanceMode"`
	Location            []any          `json:"location"`
	Image               []string       `json:"image"`
	Offers              *ldOffer       `json:"offers,omitempty"`
	Organizer           []ldOrg        `json:"organizer,omitempty"`
	Performer           []ldPerson     `json:"performer,omitempty"`
	InLanguage          string         `json:"inLanguage"`
	URL                 string         `json:"url"`
	RecordedIn          *ldVideoObject `json:"recordedIn,omitempty"`
}

type ldPlace struct {
	Type    string          `json:"@type"`
	Name    string          `json:"name"`
	Address ldPostalAddress `json:"address"`
	HasMap  string          `json:"hasMap,omitempty"`
}

type ldPostalAddress struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress,omitempty"`
	AddressLocality string `json:"addressLocality"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressCountry  string `json:"addressCountry"`
}

type ldVirtualLocation struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldOffer struct {
	Type          string `json:"@type"`
	URL           string `json:"url"`
	Price         string `json:"price"`
	PriceCurrency string `json:"priceCurrency,omitempty"`
	Availability  string `json:"availability"`
	ValidThrough  string `json:"validThrough,omitempty"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldPerson struct {
	Type        string `json:"@type"`
	Name        string `json:"name"`
	JobTitle    string `json:"jobTitle,omitempty"`
	URL         string `json:"url,omitempty"`
	Affiliation *ldOrg `json:"affiliation,omitempty"`
}

type ldVideoObject struct {
	Type         string `json:"@type"`
	Name         string `json:"name"`
	Description  string `json:"description,omitempty"`
	ContentURL   string `json:"contentUrl"`
	ThumbnailURL string `json:"thumbnailUrl"`
	UploadDate   string `json:"uploadDate"`
	InLanguage   string `json:"inLanguage"` // the event's own: the recording is not translated
}

const schema = "https://schema.org/"

var (
	ldStatus = map[content.Status]string{
		content.Scheduled: "EventScheduled", content.Cancelled: "EventCancelled", content.Postponed: "EventPostponed",
		content.Rescheduled: "EventRescheduled", content.MovedOnline: "EventMovedOnline",
	}
	ldAttendance = map[content.Attendance]string{
		content.Online: "OnlineEventAttendanceMode", content.InPerson: "OfflineEventAttendanceMode", content.Hybrid: "MixedEventAttendanceMode",
	}
)

// EventJSONLD is the event's schema.org Event in f's language, its addresses on base.
// encoding/json escapes <, > and & (as \u003c…), so the text can hold no "</script>" and goes
// into a page's element as it is.
func EventJSONLD(f views.Facts, base *url.URL) ([]byte, error) {
	e, c := f.Event, f.View.Card
	page := abs(base, card.Path{Kind: card.EventPage, Lang: f.View.Lang, Event: e.ID}.String())
	ld := ldEvent{
		Context:             "https://schema.org",
		Type:                "Event",
		Name:                f.View.Title,
		Description:         c.Summary,
		EventStatus:         schema + ldStatus[e.Status],
		EventAttendanceMode: schema + ldAttendance[e.Attendance],
		InLanguage:          f.View.Lang,
		URL:                 page,
		Image:               []string{abs(base, SocialImagePath(e.ID, f.View.Lang, e.Banner != nil))},
	}
	if e.Status == content.MovedOnline {
		ld.EventAttendanceMode = schema + ldAttendance[content.Online]
	}
	ld.StartDate, ld.EndDate = ldDates(e.When)
	if e.Previous != nil {
		ld.PreviousStartDate, _ = ldDates(*e.Previous)
	}
	if e.InPerson() {
		v := e.Venue
		ld.Location = append(ld.Location, ldPlace{Type: "Place", Name: v.Name, HasMap: v.Map, Address: ldPostalAddress{Type: "PostalAddress",
			StreetAddress: v.Street, AddressLocality: v.Locality, AddressRegion: v.Region, PostalCode: v.PostalCode, AddressCountry: v.Country}})
	}
	if e.Online() {
		where := e.Join
		if where == "" {
			where = page // the meeting's link is not public: the event's page says how to take part
		}
		ld.Location = append(ld.Location, ldVirtualLocation{Type: "VirtualLocation", URL: where})
	}
	if c.Banner != nil {
		ld.Image = append([]string{abs(base, c.Banner.Src)}, ld.Image...)
	}
	if r := e.Registration; r != nil {
		o := &ldOffer{Type: "Offer", URL: r.URL, Price: r.Price, PriceCurrency: r.Currency, Availability: schema + "InStock"}
		if !r.Deadline.IsZero() {
			o.ValidThrough = r.Deadline.Format(time.RFC3339)
		}
		ld.Offers = o
	}
	for _, o := range c.Organizers {
		ld.Organizer = append(ld.Organizer, ldOrg{Type: "Organization", Name: o.Text, URL: o.URL})
	}
	for i, p := range e.People {
		person := ldPerson{Type: "Person", Name: p.Name, JobTitle: c.People[i].Role, URL: p.URL}
		if p.Organization != nil {
			person.Affiliation = &ldOrg{Type: "Organization", Name: f.OrganizationNames[p.Organization.ID], URL: p.Organization.URL}
		}
		ld.Performer = append(ld.Performer, person)
	}
	if r := e.Recording; r != nil && r.Video {
		end, _ := e.When.End()
		ld.RecordedIn = &ldVideoObject{Type: "VideoObject", Name: f.View.Title, Description: c.Summary, ContentURL: r.URL,
			ThumbnailURL: ld.Image[0], UploadDate: end.Format(time.RFC3339), InLanguage: e.Language}
	}
	return json.Marshal(ld)
}

// ldDates are schema.org's startDate and endDate: ISO days for an event that lasts its days,
// date-times with the zone's offset for a timed one (no end when it is not given).
func ldDates(s content.Schedule) (start, end string) {
	if !s.Timed() {
		return s.Date.String(), s.LastDate.String()
	}
	start = s.Start().Format(time.RFC3339)
	if t, exact := s.End(); exact {
		end = t.Format(time.RFC3339)
	}
	return start, end
}
