package i18n

import (
	"fmt"
	"strings"
	"time"

	"github.com/bep/golocales"
)

//go:generate go run zonealiases_gen.go

// The calendar of a language comes from CLDR through github.com/bep/golocales (CLDR 48.1, all
// of CLDR's locales): month and weekday names, the full date and short time patterns, and the
// long names of time zones (CLDR's metazones: "hora estándar de Paraguay"). Adding a language
// needs no date data of its own. What the library does not have stays in locales/ui as
// messages: the words that join a date and a time ("{{.Date}} at {{.Time}}"), the ranges of
// days and of hours (CLDR's interval formats), the day periods (the library writes "am" and
// "pm" in every language) and minimumGroupingDigits; see messages.go.

// calendarFor is lang's CLDR calendar, or an error naming the language when the library has
// none (the catalog refuses such a language at load).
func calendarFor(lang string) (golocales.Translator, error) {
	if tr := golocales.New(lang); tr != nil {
		return tr, nil
	}
	return nil, fmt.Errorf("%q: no CLDR date data for this language (github.com/bep/golocales)", lang)
}

// clock writes t with the language's short time pattern ("14:00", "2:00 PM"), as browsers do:
//   - the library writes every day period as "am" or "pm": dayPeriod, the language's own, takes
//     its place;
//   - CLDR 42 and later put U+202F (narrow no-break space) before the day period, and V8
//     (Chrome, Node) and Firefox write an ordinary space there in Intl.DateTimeFormat's format,
//     for the pages that parse times; the card writes what a browser shows.
func clock(tr golocales.Translator, t time.Time, dayPeriod string) string {
	token := "am"
	if t.Hour() >= 12 {
		token = "pm"
	}
	s := strings.Replace(tr.FormatTimeShort(t), token, dayPeriod, 1)
	return strings.ReplaceAll(s, "\u202f", " ")
}

// zoneName is the long name CLDR gives t's zone on t's day, standard or daylight: "hora
// estándar de Paraguay", "Eastern Daylight Time". The library knows a zone by CLDR's id, which
// for some zones is an older IANA name (America/Buenos_Aires for America/Argentina/Buenos_Aires,
// Europe/Kiev for Europe/Kyiv, America/New_York for US/Eastern): zonealiases.go maps them.
// A zone no metazone names (America/Punta_Arenas, Africa/Casablanca, Etc/GMT+3), a name CLDR
// keeps for one zone only (British Summer Time, which the library lacks), and Irish time (Go's
// data marks it the other way round, see daylight) are written as CLDR's root locale writes an
// offset from GMT, as ICU falls back to: "GMT-03:00", "GMT". The library maps a zone to its
// metazone of today only: a past date in a zone that changed metazone since (America/Chihuahua
// before 2022) gets today's name, where ICU gives that day's.
func zoneName(tr golocales.Translator, t time.Time) string {
	loc := t.Location()
	if id, ok := cldrZoneIDs[loc.String()]; ok {
		if l, err := time.LoadLocation(id); err == nil {
			loc = l
		}
	}
	at := t.In(loc)
	if daylight(at) != at.IsDST() {
		return gmtOffset(at)
	}
	if name, ok := metazoneName(tr, at); ok {
		return name
	}
	return gmtOffset(at)
}

// metazoneName reads the zone's long name out of the library's full time format (CLDR's
// "H:mm:ss (zzzz)", "h:mm:ss a zzzz"), the one place the library writes it: what the same
// pattern writes for the same wall clock in a zone it cannot know (a fixed zone named "\x00",
// whose name the library writes as is) is the frame around the name. False when the library
// has no name for the zone (it then writes the zone's abbreviation, as it does for the probe)
// or the language's full time format has no long zone name.
func metazoneName(tr golocales.Translator, t time.Time) (string, bool) {
	abbr, offset := t.Zone()
	frame := tr.FormatTimeFull(t.In(time.FixedZone("\x00", offset)))
	before, after, ok := strings.Cut(frame, "\x00")
	full := tr.FormatTimeFull(t)
	if !ok || !strings.HasPrefix(full, before) || !strings.HasSuffix(full, after) || len(full) <= len(before)+len(after) {
		return "", false
	}
	name := full[len(before) : len(full)-len(after)]
	return name, name != abbr
}

// daylight reports whether t is on the zone's summer time. Go's zone data marks Irish winter
// time as the daylight one (tzdata's negative DST: IsDST in January, not in July, with the
// smaller offset); the library, which asks t.IsDST, would name Irish summer time "Greenwich
// Mean Time". zoneName does not trust the library where the two disagree.
func daylight(t time.Time) bool {
	jan := time.Date(t.Year(), time.January, 1, 12, 0, 0, 0, t.Location())
	jul := time.Date(t.Year(), time.July, 1, 12, 0, 0, 0, t.Location())
	if jan.IsDST() != jul.IsDST() {
		_, janOffset := jan.Zone()
		_, julOffset := jul.Zone()
		if jan.IsDST() == (janOffset < julOffset) {
			return !t.IsDST()
		}
	}
	return t.IsDST()
}

// gmtOffset writes t's offset as CLDR's root locale does (gmtFormat "GMT{0}", hourFormat
// "+HH:mm;-HH:mm", gmtZeroFormat "GMT"): "GMT-03:00", "GMT+05:30", "GMT".
func gmtOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "GMT"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("GMT%s%02d:%02d", sign, off/3600, off%3600/60)
}
