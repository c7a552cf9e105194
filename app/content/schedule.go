package content

import (
	"fmt"
	"time"
)

// Schedule is when an event takes place, on the wall clock of its zone: a day, several days,
// or a time on them.
type Schedule struct {
	Zone     *time.Location
	Date     Date   // the first day
	LastDate Date   // the last day: Date for an event of one day
	Time     *Clock // the start; nil: the event lasts its days
	EndTime  *Clock // the end, on the last day; nil: not given
}

// Date is a calendar day, without a time.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Start is the first instant of the day in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// After is the day after d: the end, exclusive, of an event that lasts until d.
func (d Date) After() Date {
	t := time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool {
	return d.Start(time.UTC).Before(o.Start(time.UTC))
}

// String is the ISO 8601 form, as in a <time datetime> attribute.
func (d Date) String() string {
	return d.Start(time.UTC).Format(time.DateOnly)
}

// Clock is a time of day, to the minute, on a wall clock of the event's zone.
type Clock struct{ Hour, Minute int }

// String is the 24-hour form of the event file, "14:00".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// On is the instant of c on day d in loc.
func (c Clock) On(d Date, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, loc)
}

// Timed reports whether the schedule has a start time.
func (s Schedule) Timed() bool { return s.Time != nil }

// MultiDay reports whether the event lasts more than one day.
func (s Schedule) MultiDay() bool { return s.LastDate != s.Date }

// Start is when the event starts: its time on its first day or, without one, the first instant
// of that day.
func (s Schedule) Start() time.Time {
	if s.Time == nil {
		return s.Date.Start(s.Zone)
	}
	return s.Time.On(s.Date, s.Zone)
}

// End is when the event ends: its end time on its last day, or the first instant after its last
// day when it has none. exact is false in the second case.
func (s Schedule) End() (end time.Time, exact bool) {
	if s.Time != nil && s.EndTime != nil {
		return s.EndTime.On(s.LastDate, s.Zone), true
	}
	return s.LastDate.After().Start(s.Zone), false
}
