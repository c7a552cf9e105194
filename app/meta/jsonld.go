package meta

import (
	"encoding/json"
	"net/url"
	"time"

	"eventcard/app/card"
	"eventcard/app/views"
)

type ldEvent struct {
	Context             string         `json:"@context"`
	Type                string         `json:"@type"`
	Name                string         `json:"name"`
	Description         string         `json:"description,omitempty"`
	StartDate           string         `json:"startDate"`
	EndDate             string         `json:"endDate,omitempty"`
	EventStatus         string         `json:"eventStatus"`
	EventAttendanceMode string         `json:"eventAttendanceMode"`
	Location            ldPlace        `json:"location"`
	Organizer           []ldOrg        `json:"organizer,omitempty"`
	Performer           []ldPerson     `json:"performer,omitempty"`
	InLanguage          string         `json:"inLanguage"`
	URL                 string         `json:"url"`
	Image               string         `json:"image"`
	RecordedIn          *ldVideoObject `json:"recordedIn,omitempty"`
}

type ldPlace struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
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
	Affiliation *ldOrg `json:"affiliation,omitempty"`
}

type ldVideoObject struct {
	Type         string `json:"@type"`
	Name         string `json:"name"`
	Description  string `json:"description,omitempty"`
	URL          string `json:"url"`
	ThumbnailURL string `json:"thumbnailUrl"`
	InLanguage   string `json:"inLanguage"` // the event's own: the recording is not translated
}

// EventJSONLD is the event's schema.org Event in f's language, its addresses on base.
// encoding/json escapes <, > and & (as \u003c…), so the text can hold no "</script>" and goes
// into a page's element as it is.
func EventJSONLD(f views.Facts, base *url.URL) ([]byte, error) {
	e, v := f.Event, f.View
	ld := ldEvent{
		Context:             "https://schema.org",
		Type:                "Event",
		Name:                v.Title,
		Description:         v.Summary,
		EventStatus:         "https://schema.org/EventScheduled",
		EventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
		Location:            ldPlace{Type: "VirtualLocation", URL: e.Video},
		InLanguage:          v.Lang,
		URL:                 abs(base, card.Path{Kind: card.EventPage, Lang: v.Lang, Event: e.ID}.String()),
		Image:               abs(base, ShareImage),
	}
	ld.StartDate, ld.EndDate = ldDates(f)
	for _, o := range v.Organizers {
		ld.Organizer = append(ld.Organizer, ldOrg{Type: "Organization", Name: o.Text, URL: o.URL})
	}
	for i, p := range e.People {
		person := ldPerson{Type: "Person", Name: p.Name, JobTitle: v.People[i].Role}
		if p.Organization != nil {
			person.Affiliation = &ldOrg{Type: "Organization", Name: f.OrganizationNames[p.Organization.ID], URL: p.Organization.URL}
		}
		ld.Performer = append(ld.Performer, person)
	}
	if e.Recording {
		ld.RecordedIn = &ldVideoObject{Type: "VideoObject", Name: v.Title, Description: v.Summary, URL: e.Video,
			ThumbnailURL: abs(base, ShareImage), InLanguage: e.Language}
	}
	return json.Marshal(ld)
}

// ldDates are schema.org's startDate and endDate: ISO days for an event that lasts its day,
// date-times with the zone's offset for a timed one (no end when its duration is not given).
func ldDates(f views.Facts) (start, end string) {
	e := f.Event
	if e.Time == nil {
		return e.Date.String(), e.Date.String()
	}
	start = e.Start().Format(time.RFC3339)
	if t, ok := e.End(); ok {
		end = t.Format(time.RFC3339)
	}
	return start, end
}
