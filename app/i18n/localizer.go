package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bep/golocales"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"eventcard/app/messagefiles"
)

// Localizer gives the texts of one language: the interface's and, when asked for, one event's.
// Like bufio.Scanner it keeps the first error, so that building a whole card reads top to
// bottom; check Err at the end.
type Localizer struct {
	lang    string
	ui      *goi18n.Localizer
	site    *goi18n.Localizer
	cal     golocales.Translator // CLDR's dates, times and zone names (see cldr.go)
	event   *goi18n.Localizer
	eventID string
	err     error
}

// For returns the localizer of lang, with the messages of event eventID if it is not empty.
func (c *Catalog) For(lang, eventID string) (*Localizer, error) {
	if _, err := language.Parse(lang); err != nil || !c.has(lang) {
		return nil, fmt.Errorf("language %q: not one of %v", lang, c.languages)
	}
	cal, err := calendarFor(lang)
	if err != nil {
		return nil, err
	}
	l := &Localizer{lang: lang, ui: goi18n.NewLocalizer(c.ui, lang), site: goi18n.NewLocalizer(c.site, lang), cal: cal}
	if eventID != "" {
		b := c.events[eventID]
		if b == nil {
			return nil, fmt.Errorf("%s/%s: missing", messagefiles.EventsDir, eventID)
		}
		l.event, l.eventID = goi18n.NewLocalizer(b, lang), eventID
	}
	return l, nil
}

func (c *Catalog) has(lang string) bool {
	for _, l := range c.languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Lang is the localizer's language code.
func (l *Localizer) Lang() string { return l.lang }

// Err is the first error met, or nil.
func (l *Localizer) Err() error { return l.err }

// Text is an interface message; data fills its {{.Fields}}.
func (l *Localizer) Text(m *goi18n.Message, data map[string]any) string {
	return l.localize(l.ui, &goi18n.LocalizeConfig{DefaultMessage: m, TemplateData: data}, m.ID)
}

// Count is an interface message in the plural form CLDR gives count in this language, with
// {{.Count}} as the language writes the number (1.000.000, 1,000,000, 1 000 000).
func (l *Localizer) Count(m *goi18n.Message, count int) string {
	data := map[string]any{"Count": l.Number(count)}
	return l.localize(l.ui, &goi18n.LocalizeConfig{DefaultMessage: m, PluralCount: count, TemplateData: data}, m.ID)
}

// Number writes n as the language does, as ICU does: digits grouped by three with CLDR's
// separator for the language (from the library: "." in Spanish, U+202F, the narrow no-break
// space, in French), from the number of digits of the message DigitGroupFrom on (CLDR's
// minimumGroupingDigits, which the library lacks: Spanish writes 1000 but 10.000).
func (l *Localizer) Number(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	from, err := strconv.Atoi(l.Text(msgDigitGroupFrom, nil))
	if err != nil {
		l.fail(fmt.Errorf("%s: message %s: %w", l.lang, msgDigitGroupFrom.ID, err))
	}
	if len(digits) < from {
		return sign + digits
	}
	thousand := l.cal.FormatNumber(1000, 0) // "1.000", "1,000", "1\u202f000"
	sep := strings.TrimSuffix(strings.TrimPrefix(thousand, "1"), "000")
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// Site is one of the site's texts (SiteMessages), by id.
func (l *Localizer) Site(id string) string {
	return l.localize(l.site, &goi18n.LocalizeConfig{MessageID: id}, messagefiles.SiteDir+": "+id)
}

// Event is one of the event's messages, by id (see content.Event.MessageIDs).
func (l *Localizer) Event(id string) string {
	if l.event == nil {
		l.fail(fmt.Errorf("message %s: no event chosen", id))
		return ""
	}
	return l.localize(l.event, &goi18n.LocalizeConfig{MessageID: id}, l.eventID+": "+id)
}

// OptionalEvent is one of the event's optional messages (content.Event.OptionalMessageIDs): ""
// when the event has none (the catalog has checked that a message of the source language is
// in every language).
func (l *Localizer) OptionalEvent(id string) string {
	if l.event == nil {
		return ""
	}
	s, err := l.event.Localize(&goi18n.LocalizeConfig{MessageID: id})
	if err != nil {
		return ""
	}
	return s
}

// FullDate writes the day of t as CLDR's full date format does (ICU dateStyle "full"):
// "lunes, 14 de septiembre de 2020", "Monday, September 14, 2020".
func (l *Localizer) FullDate(t time.Time) string {
	return l.cal.FormatDateFull(t)
}

// FullDateTime writes the instant t as ICU writes a full date with the hour, the minutes and
// the zone's long name, on the wall clock of t's location: "lunes, 14 de septiembre de 2020,
// 14:00 hora estándar de Paraguay". (ICU: Intl.DateTimeFormat(lang, {weekday: "long", year:
// "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName:
// "long", timeZone}).) The date, the time and the zone's name are CLDR's (cldr.go); the message
// DateTime joins the date and the time, and the zone follows after a space (CLDR's appendItem).
func (l *Localizer) FullDateTime(t time.Time) string {
	return l.dateTime(t, l.Clock(t)) + " " + l.ZoneName(t)
}

// FullDateTimeRange writes a day with the times an event starts and ends on it, and the zone:
// "lunes, 14 de septiembre de 2020, 14:00–15:30 hora estándar de Paraguay".
func (l *Localizer) FullDateTimeRange(start, end time.Time) string {
	return l.dateTime(start, l.TimeRange(start, end)) + " " + l.ZoneName(start)
}

// DateTimeSpan writes the start and the end of an event over several days, with the zone:
// "lunes, 14 de septiembre de 2020, 14:00 – miércoles, 16 de septiembre de 2020, 15:30 hora…".
func (l *Localizer) DateTimeSpan(start, end time.Time) string {
	return l.Text(msgDateRange, map[string]any{"Start": l.dateTime(start, l.Clock(start)), "End": l.dateTime(end, l.Clock(end))}) + " " + l.ZoneName(start)
}

// dateTime is t's full date joined to clock, the time already written, by the message DateTime.
func (l *Localizer) dateTime(t time.Time, clock string) string {
	return l.Text(msgDateTime, map[string]any{"Date": l.FullDate(t), "Time": clock})
}

// Clock writes t's hour and minutes as the language's short time pattern does (CLDR): "14:00",
// "2:00 PM".
func (l *Localizer) Clock(t time.Time) string {
	return clock(l.cal, t, l.dayPeriod(t))
}

func hour12(t time.Time) int {
	if h := t.Hour() % 12; h != 0 {
		return h
	}
	return 12
}

func (l *Localizer) dayPeriod(t time.Time) string {
	if t.Hour() >= 12 {
		return l.Text(msgDayPeriods[1], nil)
	}
	return l.Text(msgDayPeriods[0], nil)
}

// TimeRange writes two times of one day as ICU's formatRange does: "14:00–15:30",
// "2:00 – 3:30 PM" (English writes the day period once when both times share it).
func (l *Localizer) TimeRange(start, end time.Time) string {
	return l.Text(msgTimeRange, map[string]any{
		"Start":      l.Clock(start),
		"End":        l.Clock(end),
		"SamePeriod": start.Hour() < 12 == (end.Hour() < 12),
		"Hour12a":    strconv.Itoa(hour12(start)),
		"Minute1":    fmt.Sprintf("%02d", start.Minute()),
		"Hour12b":    strconv.Itoa(hour12(end)),
		"Minute2":    fmt.Sprintf("%02d", end.Minute()),
		"DayPeriod1": l.dayPeriod(start),
		"DayPeriod":  l.dayPeriod(end),
	})
}

// DateRange writes the days of an event from first to last as ICU's formatRange does with the
// full date style: "lunes, 14 de septiembre – miércoles, 16 de septiembre de 2020".
func (l *Localizer) DateRange(first, last time.Time) string {
	if first.Year() != last.Year() {
		return l.Text(msgDateRange, map[string]any{"Start": l.FullDate(first), "End": l.FullDate(last)})
	}
	m := msgDateRangeSameYear
	if first.Month() == last.Month() {
		m = msgDateRangeSameMonth
	}
	weekdays, months := l.cal.WeekdaysWide(), l.cal.MonthsWide() // CLDR's format-wide names
	return l.Text(m, map[string]any{
		"Weekday1": weekdays[first.Weekday()], "Day1": strconv.Itoa(first.Day()), "Month1": months[first.Month()-1],
		"Weekday2": weekdays[last.Weekday()], "Day2": strconv.Itoa(last.Day()), "Month2": months[last.Month()-1],
		"Year": strconv.Itoa(last.Year()),
	})
}

// Country is the name of the country whose ISO 3166 code is code, in the language (CLDR, through
// x/text); the code itself if x/text does not know it.
func (l *Localizer) Country(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(l.lang)).Name(r); name != "" {
		return name
	}
	return code
}

// ZoneName is the long name of t's time zone on t's day, standard or daylight time, as CLDR
// names it for any IANA zone: "hora estándar de Paraguay", "Eastern Daylight Time" (cldr.go).
func (l *Localizer) ZoneName(t time.Time) string {
	return zoneName(l.cal, t)
}

func (l *Localizer) localize(loc *goi18n.Localizer, cfg *goi18n.LocalizeConfig, what string) string {
	s, tag, err := loc.LocalizeWithTag(cfg)
	if err == nil && tag != language.Make(l.lang) {
		err = fmt.Errorf("missing, %s used instead", tag)
	}
	if err != nil {
		l.fail(fmt.Errorf("%s: message %s: %w", l.lang, what, err))
	}
	return s
}

func (l *Localizer) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}
