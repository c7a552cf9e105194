package content_test

// When an event takes place, and how people take part: the schedule fields (time, end_time or
// duration, end_date, the former date of a rescheduled event), the status, the attendance and
// the venue, and the links that go with them.

import (
	"strings"
	"testing"
	"time"

	"eventcard/app/content"
)

// withFields is the valid file on another day, with extra top-level fields.
func withFields(day, fields string) string {
	return strings.Replace(valid, "date = 2020-09-14", "date = "+day+"\n"+fields, 1)
}

func TestScheduleDefaults(t *testing.T) {
	e, err := content.Parse(validName, []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	s := e.When
	if s.Timed() || s.MultiDay() || s.EndTime != nil || e.Previous != nil {
		t.Errorf("a day without a time: %+v", s)
	}
	// An event without a time starts with its day, in its zone, and ends with it.
	if got, want := s.Start(), s.Date.Start(s.Zone); !got.Equal(want) {
		t.Errorf("Start() = %v, want the start of the day %v", got, want)
	}
	if end, exact := s.End(); exact || !end.Equal(s.Date.After().Start(s.Zone)) {
		t.Errorf("End() = %v, %v; want the next midnight, not exact", end, exact)
	}
}

func TestScheduleTimed(t *testing.T) {
	// Paraguay keeps UTC−3 all year since October 2024: the tzdata Go reads says so.
	e, err := content.Parse(validName, []byte(withFields("2026-10-01", `time = "14:00"`+"\nduration = \"1h30m\"")))
	if err != nil {
		t.Fatal(err)
	}
	s := e.When
	if s.Time == nil || *s.Time != (content.Clock{Hour: 14, Minute: 0}) || s.Time.String() != "14:00" {
		t.Fatalf("Time = %v, want 14:00", s.Time)
	}
	if got, want := s.Start().UTC().Format(time.RFC3339), "2026-10-01T17:00:00Z"; got != want {
		t.Errorf("Start() = %s, want %s (14:00 in Asunción, UTC−3)", got, want)
	}
	end, exact := s.End()
	if got, want := end.UTC().Format(time.RFC3339), "2026-10-01T18:30:00Z"; !exact || got != want {
		t.Errorf("End() = %s, %v; want %s, true", got, exact, want)
	}

	// end_time says the same as a duration.
	e, err = content.Parse(validName, []byte(withFields("2026-10-01", `time = "14:00"`+"\nend_time = \"15:30\"")))
	if err != nil {
		t.Fatal(err)
	}
	if end2, _ := e.When.End(); !end2.Equal(end) {
		t.Errorf("end_time 15:30 ends at %v, duration 1h30m at %v", end2, end)
	}

	// Before 2024, Paraguay was UTC−4 in the southern winter: the zone's rules of that day.
	e, err = content.Parse(validName, []byte(withFields("2020-09-14", `time = "14:00"`)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.When.Start().UTC().Format(time.RFC3339), "2020-09-14T18:00:00Z"; got != want {
		t.Errorf("Start() = %s, want %s (UTC−4 in September 2020)", got, want)
	}
	if _, exact := e.When.End(); exact {
		t.Errorf("End() exact without an end")
	}

	// A TOML local time is a time too; a duration may cross midnight.
	e, err = content.Parse(validName, []byte(withFields("2026-10-01", "time = 22:05:00\nduration = \"3h\"")))
	if err != nil {
		t.Fatal(err)
	}
	if e.When.Time.String() != "22:05" || e.When.LastDate.String() != "2026-10-02" || e.When.EndTime.String() != "01:05" {
		t.Errorf("TOML local time and a night: %+v", e.When)
	}
}

func TestScheduleDays(t *testing.T) {
	e, err := content.Parse(validName, []byte(withFields("2026-10-01", "end_date = 2026-10-03")))
	if err != nil {
		t.Fatal(err)
	}
	if !e.When.MultiDay() || e.When.LastDate.String() != "2026-10-03" {
		t.Fatalf("%+v", e.When)
	}
	if end, _ := e.When.End(); end.Format("2006-01-02 15:04") != "2026-10-04 00:00" {
		t.Errorf("a three-day event ends at %v, want the midnight after its last day", end)
	}
	// A rescheduled event's former date.
	e, err = content.Parse(validName, []byte(strings.Replace(withFields("2026-10-08", `time = "10:00"`), `status = "scheduled"`, `status = "rescheduled"`, 1)+
		"\n[previous]\ndate = 2026-10-01\ntime = \"09:00\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Previous == nil || e.Previous.Start().Format("2006-01-02 15:04") != "2026-10-01 09:00" {
		t.Errorf("previous %+v", e.Previous)
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
		{"duration and end_time", "2026-10-01", `time = "14:00"` + "\n" + `duration = "1h"` + "\n" + `end_time = "15:00"`, "duration"},
		{"end_time without a time", "2026-10-01", `end_time = "15:00"`, "end_time"},
		{"end_time before the start", "2026-10-01", `time = "14:00"` + "\n" + `end_time = "13:00"`, "end_time"},
		{"end_date before the date", "2026-10-01", `end_date = 2026-09-30`, "end_date"},
		{"end_date not a day", "2026-10-01", `end_date = "soon"`, "end_date"},
		{"status unknown", "2026-10-01", `status2 = 1`, "status2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rejects(t, withFields(c.day, c.fields), c.field)
		})
	}
}

// TestTakingPartRejects: how people take part must make sense together, and every link is https.
func TestTakingPartRejects(t *testing.T) {
	venue := "\n[venue]\nname = \"Sala\"\nlocality = \"Montevideo\"\ncountry = \"UY\"\n"
	set := func(old, new string) string { return strings.Replace(valid, old, new, 1) }
	inPerson := set(`attendance = "online"`, `attendance = "in-person"`)
	cases := []struct{ name, file, field string }{
		{"status unknown", set(`status = "scheduled"`, `status = "maybe"`), "status"},
		{"attendance unknown", set(`attendance = "online"`, `attendance = "virtual"`), "attendance"},
		{"attendance missing", set(`attendance = "online"`, ``), "attendance"},
		{"in person without a venue", inPerson, "venue"},
		{"online with a venue", valid + venue, "venue"},
		{"venue without a locality", inPerson + strings.Replace(venue, "locality = \"Montevideo\"\n", "", 1), "venue.locality"},
		{"venue country a name", inPerson + strings.Replace(venue, `"UY"`, `"Uruguay"`, 1), "venue.country"},
		{"venue country lower case", inPerson + strings.Replace(venue, `"UY"`, `"uy"`, 1), "venue.country"},
		{"venue country not one", inPerson + strings.Replace(venue, `"UY"`, `"ZZ"`, 1), "venue.country"},
		{"venue name with markup", inPerson + strings.Replace(venue, `"Sala"`, `"<b>Sala</b>"`, 1), "venue.name"},
		{"venue map http", inPerson + venue + "map = \"http://maps.example.org/\"\n", "venue.map"},
		{"join for an event in person", set(`attendance = "online"`, `attendance = "in-person"`+"\njoin = \"https://meet.example.org/\"") + venue, "join"},
		{"join javascript:", set(`attendance = "online"`, `attendance = "online"`+"\njoin = \"javascript:alert(1)\""), "join"},
		{"moved online that was online", set(`status = "scheduled"`, `status = "moved-online"`), "status"},
		{"a former date without rescheduling", valid + "\n[previous]\ndate = 2020-09-07\n", "previous"},
		{"rescheduled without its former date", set(`status = "scheduled"`, `status = "rescheduled"`), "previous.date"},
		{"registration without its link", valid + "\n[registration]\ndeadline = 2020-09-10\n", "registration.url"},
		{"registration deadline after the event", valid + "\n[registration]\nurl = \"https://r.example.org/\"\ndeadline = 2020-10-10\n", "registration.deadline"},
		{"registration deadline a word", valid + "\n[registration]\nurl = \"https://r.example.org/\"\ndeadline = \"soon\"\n", "registration.deadline"},
		{"registration price a word", valid + "\n[registration]\nurl = \"https://r.example.org/\"\nprice = \"free\"\n", "registration.price"},
		{"registration price without a currency", valid + "\n[registration]\nurl = \"https://r.example.org/\"\nprice = \"10\"\n", "registration.currency"},
		{"registration currency not one", valid + "\n[registration]\nurl = \"https://r.example.org/\"\nprice = \"10\"\ncurrency = \"DOLLARS\"\n", "registration.currency"},
		{"role unknown", set(`role = "moderator"`, `role = "chair"`), "people[0].role"},
		{"portrait with a path", set(`name = "Ana Pérez"`, `name = "Ana Pérez"`+"\nportrait = \"../ana.png\""), "people[0].portrait"},
		{"portrait not an image", set(`name = "Ana Pérez"`, `name = "Ana Pérez"`+"\nportrait = \"ana.svg\""), "people[0].portrait"},
		{"banner upper case", valid + "\n[image]\nfile = \"Banner.JPG\"\n", "image.file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { rejects(t, c.file, c.field) })
	}
}

// rejects checks Parse refuses file with a problem naming the file, the field's line and the
// field.
func rejects(t *testing.T, file, field string) {
	t.Helper()
	e, err := content.Parse(validName, []byte(file))
	if err == nil {
		t.Fatalf("Parse accepted the file (%+v)", e.When)
	}
	msg := err.Error()
	t.Log(msg)
	if !strings.HasPrefix(msg, validName+":") {
		t.Errorf("the error does not start with the file name %q: %v", validName, msg)
	}
	if !strings.Contains(msg, ": "+field+": ") && !strings.Contains(msg, field) {
		t.Errorf("the error does not name the field %q: %v", field, msg)
	}
}

// TestEveryProblemWithItsLine: a file with several mistakes gets them all, each with the line
// of its field, not only the first.
func TestEveryProblemWithItsLine(t *testing.T) {
	file := strings.Replace(strings.Replace(strings.Replace(valid,
		`language = "es"`, `language = "Spanish"`, 1),
		`hashtag = "#Muestra"`, `hashtag = "Muestra"`, 1),
		`person = "ana"`, `person = "nobody"`, 1)
	_, err := content.Parse(validName, []byte(file))
	var ps content.Problems
	if !errorsAs(err, &ps) {
		t.Fatalf("want Problems, got %v", err)
	}
	lineOf := func(prefix string) int {
		for i, l := range strings.Split(file, "\n") {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		return -1
	}
	want := map[string]int{"language": lineOf("language ="), "hashtag": lineOf("hashtag ="), "quotes[0].person": lineOf(`person = "nobody"`)}
	if len(ps) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(ps), len(want), err)
	}
	for _, p := range ps {
		if p.File != validName || want[p.Field] != p.Line {
			t.Errorf("%v: want line %d", p, want[p.Field])
		}
	}
}
