package i18n

import (
	"fmt"
	"strconv"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Localizer gives the texts of one language: the interface's and, when asked for, one event's.
// Like bufio.Scanner it keeps the first error, so that building a whole card reads top to
// bottom; check Err at the end.
type Localizer struct {
	lang    string
	ui      *goi18n.Localizer
	event   *goi18n.Localizer
	eventID string
	numbers *message.Printer
	err     error
}

// For returns the localizer of lang, with the messages of event eventID if it is not empty.
func (c *Catalog) For(lang, eventID string) (*Localizer, error) {
	tag, err := language.Parse(lang)
	if err != nil || !c.has(lang) {
		return nil, fmt.Errorf("language %q: not one of %v", lang, c.languages)
	}
	l := &Localizer{lang: lang, ui: goi18n.NewLocalizer(c.ui, lang), numbers: message.NewPrinter(tag)}
	if eventID != "" {
		b := c.events[eventID]
		if b == nil {
			return nil, fmt.Errorf("%s/%s: missing", eventsDir, eventID)
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
	data := map[string]any{"Count": l.numbers.Sprint(number.Decimal(count))}
	return l.localize(l.ui, &goi18n.LocalizeConfig{DefaultMessage: m, PluralCount: count, TemplateData: data}, m.ID)
}

// Event is one of the event's messages, by id (see content.Event.MessageIDs).
func (l *Localizer) Event(id string) string {
	if l.event == nil {
		l.fail(fmt.Errorf("message %s: no event chosen", id))
		return ""
	}
	return l.localize(l.event, &goi18n.LocalizeConfig{MessageID: id}, l.eventID+": "+id)
}

// FullDate writes the day of t as CLDR's full date format does (ICU dateStyle "full"):
// "lunes, 14 de septiembre de 2020", "Monday, September 14, 2020".
func (l *Localizer) FullDate(t time.Time) string {
	return l.Text(msgDateFull, map[string]any{
		"Weekday": l.Text(msgWeekdays[t.Weekday()], nil),
		"Day":     strconv.Itoa(t.Day()),
		"Month":   l.Text(msgMonths[t.Month()-1], nil),
		"Year":    strconv.Itoa(t.Year()),
	})
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
