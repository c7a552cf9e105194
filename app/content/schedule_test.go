package content_test

// The optional schedule fields of an event file: time = "HH:MM" and duration = "1h30m" (a timed
// event, in the event's zone), and recording = true (the video link is the recording itself).

import (
	"strings"
	"testing"
	"time"

	"eventcard/app/content"
)

// withFields is the valid fixture on another day, with extra top-level fields.
func withFields(day, fields string) string {
	return strings.Replace(valid, "date = 2020-09-14", "date = "+day+"\n"+fields, 1)
}

func TestScheduleDefaults(t *testing.T) {
	e, err := content.Parse(validName, []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if e.Time != nil || e.Duration != 0 || e.Recording {
		t.Errorf("no time, duration or recording in the file: got Time %v, Duration %v, Recording %v", e.Time, e.Duration, e.Recording)
	}
	// An event without a time starts with its day, in its zone, and has no end of its own.
	if got, want := e.Start(), e.Date.Start(e.TimeZone); !got.Equal(want) {
		t.Errorf("Start() = %v, want the start of the day %v", got, want)
	}
	if end, ok := e.End(); ok {
		t.Errorf("End() = %v, true; want false for an all-day event", end)
	}

	// The project's own event: a day, and a link to the publisher's site, not to the video.
	events, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.ID == seedID && (e.Time != nil || e.Recording) {
			t.Errorf("%s: Time %v, Recording %v; want a day and recording false", seedID, e.Time, e.Recording)
		}
	}
}

func TestScheduleTimed(t *testing.T) {
	// Paraguay keeps UTC−3 all year since October 2024: the tzdata Go reads says so.
	e, err := content.Parse(validName, []byte(withFields("2026-10-01", `time = "14:00"`+"\nduration = \"1h30m\"\nrecording = true")))
	if err != nil {
		t.Fatal(err)
	}
	if e.Time == nil || *e.Time != (content.Clock{Hour: 14, Minute: 0}) || e.Time.String() != "14:00" {
		t.Fatalf("Time = %v, want 14:00", e.Time)
	}
	if e.Duration != 90*time.Minute {
		t.Errorf("Duration = %v, want 1h30m", e.Duration)
	}
	if !e.Recording {
		t.Errorf("Recording = false, want true")
	}
	if got, want := e.Start().UTC().Format(time.RFC3339), "2026-10-01T17:00:00Z"; got != want {
		t.Errorf("Start() = %s, want %s (14:00 in Asunción, UTC−3)", got, want)
	}
	end, ok := e.End()
	if got, want := end.UTC().Format(time.RFC3339), "2026-10-01T18:30:00Z"; !ok || got != want {
		t.Errorf("End() = %s, %v; want %s, true", got, ok, want)
	}

	// Before 2024, Paraguay was UTC−4 in the southern winter: the zone's rules of that day.
	e, err = content.Parse(validName, []byte(withFields("2020-09-14", `time = "14:00"`)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.Start().UTC().Format(time.RFC3339), "2020-09-14T18:00:00Z"; got != want {
		t.Errorf("Start() = %s, want %s (UTC−4 in September 2020)", got, want)
	}
	if _, ok := e.End(); ok {
		t.Errorf("End() ok without a duration")
	}

	// A TOML local time is a time too.
	e, err = content.Parse(validName, []byte(withFields("2026-10-01", "time = 09:05:00\nduration = \"45m\"")))
	if err != nil {
		t.Fatal(err)
	}
	if e.Time == nil || e.Time.String() != "09:05" || e.Duration != 45*time.Minute {
		t.Errorf("TOML local time: Time %v, Duration %v; want 09:05 and 45m", e.Time, e.Duration)
	}
}

func TestScheduleRejects(t *testing.T) {
	cases := []struct{ name, day, fields, field string }{
		{"time 25:00", "2026-10-01", `time = "25:00"`, "time"},
		{"time 14:60", "2026-10-01", `time = "14:60"`, "time"},
		{"time without a leading zero", "2026-10-01", `time = "9:00"`, "time"},
		{"time 2pm", "2026-10-01", `time = "2pm"`, "time"},
		{"time with seconds (string)", "2026-10-01", `time = "14:00:00"`, "time"},
		{"time with seconds (TOML)", "2026-10-01", `time = 14:00:30`, "time"},
		{"time a number", "2026-10-01", `time = 1400`, "time"},
		{"time a date-time", "2026-10-01", `time = 2026-10-01T14:00:00`, "time"},
		{"time empty", "2026-10-01", `time = ""`, "time"},
		// Paraguay's clocks went from 00:00 to 01:00 on 4 October 2020: 00:30 never happened.
		{"time skipped by the clocks", "2020-10-04", `time = "00:30"`, "time"},
		{"duration without a time", "2026-10-01", `duration = "1h"`, "duration"},
		{"duration not Go's form", "2026-10-01", `time = "14:00"` + "\n" + `duration = "1:30"`, "duration"},
		{"duration ISO 8601", "2026-10-01", `time = "14:00"` + "\n" + `duration = "PT1H30M"`, "duration"},
		{"duration negative", "2026-10-01", `time = "14:00"` + "\n" + `duration = "-1h"`, "duration"},
		{"duration zero", "2026-10-01", `time = "14:00"` + "\n" + `duration = "0s"`, "duration"},
		{"duration in seconds", "2026-10-01", `time = "14:00"` + "\n" + `duration = "90s"`, "duration"},
		{"duration over a week", "2026-10-01", `time = "14:00"` + "\n" + `duration = "200h"`, "duration"},
		{"duration a number", "2026-10-01", `time = "14:00"` + "\n" + `duration = 90`, "duration"},
		{"recording a string", "2026-10-01", `recording = "yes"`, "recording"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := content.Parse(validName, []byte(withFields(c.day, c.fields)))
			if err == nil {
				t.Fatalf("Parse accepted %s (time %v, duration %v)", c.fields, e.Time, e.Duration)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.HasPrefix(msg, validName+": ") {
				t.Errorf("error does not start with the file name %q: %v", validName, msg)
			}
			if !strings.Contains(msg, c.field) {
				t.Errorf("error does not name the field %q: %v", c.field, msg)
			}
		})
	}
}
