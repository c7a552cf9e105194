package card

import (
	"strconv"
	"time"
)

// What a card shows depends on the clock: whether the event is coming or past, the countdown,
// which actions apply. The server renders a page for the state at its clock; the browser renders
// again with the visitor's.

// Upcoming reports whether the event has not ended at now.
func (c *Card) Upcoming(now time.Time) bool {
	return now.Before(c.When.Ends)
}

// CountdownAt is the countdown label at now: "" for an event that has ended, or that is
// further away than the labels go.
func (c *Card) CountdownAt(now time.Time) string {
	if !c.Upcoming(now) {
		return ""
	}
	label := ""
	for _, d := range c.When.Countdown { // furthest day first
		if !now.Before(d.From) {
			label = d.Text
		}
	}
	return label
}

// ActionsAt are the actions that apply at now.
func (c *Card) ActionsAt(now time.Time) []Action {
	var out []Action
	for _, a := range c.Actions {
		if a.openAt(now) {
			out = append(out, a)
		}
	}
	return out
}

// openAt reports whether the action is offered at now.
func (a Action) openAt(now time.Time) bool {
	return (a.From.IsZero() || !now.Before(a.From)) && (a.Until.IsZero() || now.Before(a.Until))
}

// StateAt names what the page shows at now that the clock decides: two moments with the same
// state render the same page.
func (v View) StateAt(now time.Time) string {
	switch {
	case v.Card != nil:
		// Built in one buffer: the server asks for it on every request for a page.
		c := v.Card
		b := make([]byte, 0, 64)
		b = strconv.AppendBool(b, c.Upcoming(now))
		b = append(append(b, '|'), c.CountdownAt(now)...)
		for _, a := range c.Actions {
			if a.openAt(now) {
				b = append(append(b, '|'), a.Kind...)
			}
		}
		return string(b)
	case v.Index != nil:
		upcoming, _ := v.Index.Split(now)
		return strconv.Itoa(len(upcoming))
	}
	return ""
}
