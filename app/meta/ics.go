package meta

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/views"
)

// The event as a calendar file (RFC 5545), to add it to one's calendar: /events/{id}.ics in
// the event's own language, /{lang}/events/{id}.ics in lang. An event without a time is an
// all-day event on its day; a timed one starts and ends at instants written in UTC, which every
// calendar converts to its owner's zone.

var calendarPath = regexp.MustCompile(`^(?:/([a-z]{2,3}))?/events/([^/]+)\.ics$`)

// ParseCalendarPath reads a calendar file's address; ok is false for any other address.
func ParseCalendarPath(p string) (lang, id string, ok bool) {
	m := calendarPath.FindStringSubmatch(p)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// Calendar is an iCalendar object of events (each one's facts in one language), named name
// (the calendar's name in a subscriber's list; "" for one event's file), stamped at stamp
// (DTSTAMP: when the objects were made), its addresses on base.
func Calendar(events []views.Facts, name string, base *url.URL, stamp time.Time) []byte {
	var c icsWriter
	lang := "ES"
	if len(events) > 0 {
		lang = strings.ToUpper(events[0].View.Lang)
	}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//eventcard//" + base.Hostname() + "//" + lang)
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")
	if name != "" {
		c.line("X-WR-CALNAME:" + icsText(name))
	}
	for _, f := range events {
		c.event(f, base, stamp)
	}
	c.line("END:VCALENDAR")
	return c.Bytes()
}

// icsStatus is the calendar's word for an event's status: a postponed event stays in one's
// calendar, tentative, until its new date is known.
var icsStatus = map[content.Status]string{
	content.Scheduled: "CONFIRMED", content.Rescheduled: "CONFIRMED", content.MovedOnline: "CONFIRMED",
	content.Cancelled: "CANCELLED", content.Postponed: "TENTATIVE",
}

// event writes one VEVENT: an event without a time is an all-day event on its days; a timed one
// starts and ends at instants written in UTC, which every calendar converts to its owner's zone.
func (c *icsWriter) event(f views.Facts, base *url.URL, stamp time.Time) {
	e, v := f.Event, f.View
	lang := ";LANGUAGE=" + v.Lang
	page := abs(base, card.Path{Kind: card.EventPage, Lang: v.Lang, Event: e.ID}.String())
	c.line("BEGIN:VEVENT")
	// One event, one UID, whatever the language: adding it twice updates it.
	c.line("UID:" + e.ID + "@" + base.Hostname())
	c.line("DTSTAMP:" + stamp.UTC().Format(icsUTC))
	s := e.When
	if !s.Timed() {
		c.line("DTSTART;VALUE=DATE:" + s.Date.Start(time.UTC).Format(icsDate))
		c.line("DTEND;VALUE=DATE:" + s.LastDate.After().Start(time.UTC).Format(icsDate)) // exclusive
	} else {
		c.line("DTSTART:" + s.Start().UTC().Format(icsUTC))
		if end, exact := s.End(); exact {
			c.line("DTEND:" + end.UTC().Format(icsUTC))
		}
	}
	c.line("SUMMARY" + lang + ":" + icsText(v.Title))
	description := v.Card.Summary
	for _, a := range v.Card.Actions {
		if a.External {
			description += "\n\n" + a.Text + ": " + a.URL
		}
	}
	c.line("DESCRIPTION" + lang + ":" + icsText(description))
	c.line("LOCATION" + lang + ":" + icsText(icsLocation(e, v.Card, page)))
	c.line("URL:" + page)
	c.line("STATUS:" + icsStatus[e.Status])
	c.line("END:VEVENT")
}

// icsLocation is where to go: the venue's address, the online meeting, or the event's page,
// which says how to take part (as the JSON-LD's virtual location does).
func icsLocation(e *content.Event, c *card.Card, page string) string {
	switch {
	case e.InPerson() && c.Where != nil:
		return strings.Join(append([]string{c.Where.Name}, c.Where.Address...), ", ")
	case e.Join != "":
		return e.Join
	}
	return page
}

const (
	icsUTC  = "20060102T150405Z"
	icsDate = "20060102"
)

// icsWriter writes content lines: CRLF after each, folded at 75 octets.
type icsWriter struct{ bytes.Buffer }

func (c *icsWriter) line(l string) {
	c.WriteString(icsFold(l))
	c.WriteString("\r\n")
}

// icsFold folds a content line longer than 75 octets (RFC 5545, 3.1): CRLF and a space before
// each continuation, never inside a UTF-8 sequence nor, for readers that unescape before they
// unfold, inside an escape (\\, \;, \, and \n). The space counts in its line's 75.
func icsFold(l string) string {
	const max = 75
	var b strings.Builder
	limit := max
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		if n := len(l[:cut]) - len(strings.TrimRight(l[:cut], `\`)); n%2 == 1 {
			cut-- // the line would end with the first half of an escape
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = max - 1
	}
	b.WriteString(l)
	return b.String()
}

// icsText escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline.
// Other control characters are not allowed in a value: dropped.
func icsText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || (r >= 0x20 && r != 0x7f):
			b.WriteRune(r)
		}
	}
	return b.String()
}
