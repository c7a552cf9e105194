package content_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
)

// TestProjectEvents: the project's own events (events/) load without a problem. (What they
// say is content: behaviour is tested on the fixture events.)
func TestProjectEvents(t *testing.T) {
	events, err := content.Load(os.DirFS(fixtures.Root()))
	if err != nil {
		t.Fatalf("the project's events: %v", err)
	}
	if len(events) == 0 {
		t.Fatal("the project has no events")
	}
}

// TestLoadFixtures reads each kind and status of event, as the fixture events have them.
func TestLoadFixtures(t *testing.T) {
	events, err := content.Load(fixtures.Tree(t))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*content.Event{}
	for _, e := range events {
		byID[e.ID] = e
	}
	if len(byID) != len(fixtures.IDs) {
		t.Fatalf("%d events, want %d", len(byID), len(fixtures.IDs))
	}

	w := byID[fixtures.PastWebinar]
	if w.Attendance != content.Online || w.Status != content.Scheduled || w.Venue != nil || !w.Online() || w.InPerson() {
		t.Errorf("webinar: attendance %s, status %s, venue %v", w.Attendance, w.Status, w.Venue)
	}
	if w.Recording == nil || w.Recording.URL != "https://video.example.org/webinar" || !w.Recording.Video {
		t.Errorf("webinar: recording %+v", w.Recording)
	}
	if got := w.When.Start().UTC().Format(time.RFC3339); got != "2020-09-14T04:00:00Z" {
		t.Errorf("webinar: starts %s, want the day's start in Asunción (UTC−4 then)", got)
	}
	if end, exact := w.When.End(); exact || end.UTC().Format(time.RFC3339) != "2020-09-15T04:00:00Z" {
		t.Errorf("webinar: ends %s (exact %v), want the next midnight in Asunción", end, exact)
	}
	var roles []string
	for _, p := range w.People {
		roles = append(roles, string(p.Role))
	}
	if strings.Join(roles, ",") != "speaker,speaker,moderator" || w.People[1].URL != "https://bruno.example.org/" {
		t.Errorf("webinar: roles %v, URL %q", roles, w.People[1].URL)
	}
	if w.People[1].Organization.URL != "" {
		t.Errorf("an organization without an address has a link: %q", w.People[1].Organization.URL)
	}

	ws := byID[fixtures.Workshop]
	if ws.Attendance != content.InPerson || ws.Venue == nil || ws.Venue.Country != "PY" || ws.Venue.PostalCode != "1209" || ws.Join != "" {
		t.Errorf("workshop: %+v, venue %+v", ws, ws.Venue)
	}
	if start, end := ws.When.Start().Format("15:04"), endOf(ws.When).Format("15:04"); start != "10:00" || end != "13:00" {
		t.Errorf("workshop: %s–%s, want 10:00–13:00", start, end)
	}
	if r := ws.Registration; r == nil || r.Deadline.Format("2006-01-02 15:04") != "2099-03-06 00:00" || r.Price != "0" {
		t.Errorf("workshop: registration %+v (a deadline day is open until its end)", r)
	}
	if ws.Banner == nil || ws.Banner.File != "banner.png" || ws.Banner.Decorative || ws.People[0].Portrait == nil || ws.People[1].Portrait != nil {
		t.Errorf("workshop: banner %+v, portraits %v %v", ws.Banner, ws.People[0].Portrait, ws.People[1].Portrait)
	}
	if ids := ws.MessageIDs(); !slices.Contains(ids, "Image.Alt") {
		t.Errorf("a banner that is not decorative needs its alternative text: %v", ids)
	}

	f := byID[fixtures.HybridForum]
	if !f.When.MultiDay() || f.When.LastDate.String() != "2099-06-03" || !f.Online() || !f.InPerson() || f.Join == "" {
		t.Errorf("forum: %+v", f.When)
	}
	if c := byID[fixtures.Cancelled]; c.Status != content.Cancelled {
		t.Errorf("cancelled: %s", c.Status)
	}
	if p := byID[fixtures.Postponed]; p.Status != content.Postponed {
		t.Errorf("postponed: %s", p.Status)
	}
	r := byID[fixtures.Rescheduled]
	if r.Previous == nil || r.Previous.Date.String() != "2099-05-14" || r.Previous.Time.String() != "14:00" || endOf(r.When).Format("15:04") != "15:30" {
		t.Errorf("rescheduled: previous %+v, ends %s", r.Previous, endOf(r.When))
	}
	m := byID[fixtures.MovedOnline]
	if m.Status != content.MovedOnline || !m.Online() || m.InPerson() {
		t.Errorf("moved online: online %v, in person %v", m.Online(), m.InPerson())
	}
}

func endOf(s content.Schedule) time.Time {
	end, _ := s.End()
	return end
}

// valid is a small, correct event file; each case below breaks one thing in it.
const valid = `id = "sample"
language = "es"
status = "scheduled"
attendance = "online"
date = 2020-09-14
timezone = "America/Asuncion"
hashtag = "#Muestra"
organizers = ["org-a", "org-b"]

[recording]
url = "https://example.org/video"

[[organizations]]
id = "org-a"
url = "https://example.org/"

[[organizations]]
id = "org-b"

[[people]]
id = "ana"
name = "Ana Pérez"
organization = "org-a"
role = "moderator"

[[people]]
id = "bea"
name = "Beatriz Núñez"
organization = "org-b"

[[quotes]]
id = "q1"
person = "ana"

[[documents]]
id = "doc"
year = 2019
publisher = "org-a"
url = "https://example.org/doc"
`

const validName = "events/sample.toml"

func TestParseValid(t *testing.T) {
	e, err := content.Parse(validName, []byte(valid))
	if err != nil {
		t.Fatalf("Parse(valid fixture): %v", err)
	}
	if e.ID != "sample" || len(e.People) != 2 || len(e.Quotes) != 1 || e.Quotes[0].Person.Name != "Ana Pérez" {
		t.Errorf("Parse(valid fixture) = %+v", e)
	}
}

func TestParseRejects(t *testing.T) {
	long := strings.Repeat("a", 10*1024)
	cases := []struct {
		name  string // test name
		file  string // file name; validName when empty
		old   string // replaced in valid...
		new   string // ...by this
		field string // the field the error must name
	}{
		// ids
		{name: "id differs from file name", old: `id = "sample"`, new: `id = "other"`, field: "id"},
		{name: "id with ../", old: `id = "sample"`, new: `id = "../sample"`, field: "id"},
		{name: "id with ../ matching file", file: "events/../sample.toml", old: `id = "sample"`, new: `id = "../sample"`, field: "id"},
		{name: "id with slash", old: `id = "sample"`, new: `id = "events/sample"`, field: "id"},
		{name: "id upper case", file: "events/Sample.toml", old: `id = "sample"`, new: `id = "Sample"`, field: "id"},
		{name: "id 10 KB long", file: "events/" + long + ".toml", old: `id = "sample"`, new: `id = "` + long + `"`, field: "id"},
		{name: "id missing", old: `id = "sample"`, new: ``, field: "id"},
		{name: "id with double hyphen", file: "events/sam--ple.toml", old: `id = "sample"`, new: `id = "sam--ple"`, field: "id"},
		{name: "organization id upper case", old: `id = "org-b"`, new: `id = "Org-B"`, field: "organizations[1].id"},
		{name: "person id with ../", old: `id = "bea"`, new: `id = "../bea"`, field: "people[1].id"},
		{name: "quote id with space", old: `id = "q1"`, new: `id = "q 1"`, field: "quotes[0].id"},
		{name: "document id upper case", old: `id = "doc"`, new: `id = "DOC"`, field: "documents[0].id"},

		// references
		{name: "unknown organizer", old: `organizers = ["org-a", "org-b"]`, new: `organizers = ["org-a", "nobody"]`, field: "organizers[1]"},
		{name: "no organizers", old: `organizers = ["org-a", "org-b"]`, new: `organizers = []`, field: "organizers"},
		{name: "unknown organization of a person", old: `organization = "org-b"`, new: `organization = "nobody"`, field: "people[1].organization"},
		{name: "unknown document publisher", old: `publisher = "org-a"`, new: `publisher = "nobody"`, field: "documents[0].publisher"},
		{name: "missing document publisher", old: `publisher = "org-a"`, new: ``, field: "documents[0].publisher"},
		{name: "unknown person in a quote", old: `person = "ana"`, new: `person = "nobody"`, field: "quotes[0].person"},
		{name: "missing person in a quote", old: `person = "ana"`, new: ``, field: "quotes[0].person"},

		// links
		{name: "video http", old: `url = "https://example.org/video"`, new: `url = "http://example.org/video"`, field: "recording.url"},
		{name: "video javascript:", old: `url = "https://example.org/video"`, new: `url = "javascript:alert(1)"`, field: "recording.url"},
		{name: "video JavaScript: mixed case", old: `url = "https://example.org/video"`, new: `url = "JavaScript:alert(1)"`, field: "recording.url"},
		{name: "video data:", old: `url = "https://example.org/video"`, new: `url = "data:text/html,<script>alert(1)</script>"`, field: "recording.url"},
		{name: "video relative path", old: `url = "https://example.org/video"`, new: `url = "/video.mp4"`, field: "recording.url"},
		{name: "video relative file", old: `url = "https://example.org/video"`, new: `url = "video.mp4"`, field: "recording.url"},
		{name: "video scheme-relative", old: `url = "https://example.org/video"`, new: `url = "//example.org/video"`, field: "recording.url"},
		{name: "video https with user:pass@", old: `url = "https://example.org/video"`, new: `url = "https://user:pass@example.org/video"`, field: "recording.url"},
		{name: "video https without host", old: `url = "https://example.org/video"`, new: `url = "https:///video"`, field: "recording.url"},
		{name: "video https opaque", old: `url = "https://example.org/video"`, new: `url = "https:example.org"`, field: "recording.url"},
		{name: "recording without its link", old: `url = "https://example.org/video"`, new: ``, field: "recording.url"},
		{name: "organization url http", old: `url = "https://example.org/"`, new: `url = "http://example.org/"`, field: "organizations[0].url"},
		{name: "organization url javascript:", old: `url = "https://example.org/"`, new: `url = "javascript:alert(1)"`, field: "organizations[0].url"},
		{name: "document url data:", old: `url = "https://example.org/doc"`, new: `url = "data:application/pdf;base64,AAAA"`, field: "documents[0].url"},
		{name: "document url relative", old: `url = "https://example.org/doc"`, new: `url = "../doc.pdf"`, field: "documents[0].url"},
		{name: "document url user@", old: `url = "https://example.org/doc"`, new: `url = "https://user@example.org/doc"`, field: "documents[0].url"},

		// dates and zones
		{name: "date month 13 day 40 (string)", old: `date = 2020-09-14`, new: `date = "2020-13-40"`, field: "date"},
		{name: "date day first", old: `date = 2020-09-14`, new: `date = "14/09/2020"`, field: "date"},
		{name: "date a number", old: `date = 2020-09-14`, new: `date = 20200914`, field: "date"},
		{name: "date a boolean", old: `date = 2020-09-14`, new: `date = true`, field: "date"},
		{name: "date with a time", old: `date = 2020-09-14`, new: `date = 2020-09-14T14:00:00`, field: "date"},
		{name: "date missing", old: `date = 2020-09-14`, new: ``, field: "date"},
		{name: "timezone missing", old: `timezone = "America/Asuncion"`, new: ``, field: "timezone"},
		{name: "timezone empty", old: `timezone = "America/Asuncion"`, new: `timezone = ""`, field: "timezone"},
		{name: "timezone unknown", old: `timezone = "America/Asuncion"`, new: `timezone = "Mars/Olympus_Mons"`, field: "timezone"},
		{name: "timezone path", old: `timezone = "America/Asuncion"`, new: `timezone = "../../etc/passwd"`, field: "timezone"},
		// "Local" is the server's own zone: the card would change with the machine it runs on.
		{name: "timezone Local", old: `timezone = "America/Asuncion"`, new: `timezone = "Local"`, field: "timezone"},

		// other fields
		{name: "unknown top-level field (typo)", old: `timezone = "America/Asuncion"`, new: `timezone = "America/Asuncion"` + "\ntimezon = \"America/Asuncion\"", field: "timezon"},
		{name: "unknown field in a person (typo)", old: `name = "Ana Pérez"`, new: `nmae = "Ana Pérez"` + "\nname = \"Ana Pérez\"", field: "people.nmae"},
		{name: "language not a code", old: `language = "es"`, new: `language = "Spanish"`, field: "language"},
		{name: "hashtag without #", old: `hashtag = "#Muestra"`, new: `hashtag = "Muestra"`, field: "hashtag"},
		{name: "document year", old: `year = 2019`, new: `year = 19`, field: "documents[0].year"},

		// names
		{name: "name with <script>", old: `name = "Beatriz Núñez"`, new: `name = "Beatriz<script>alert(1)</script>"`, field: "people[1].name"},
		{name: "name with a bell", old: `name = "Beatriz Núñez"`, new: `name = "Beatriz\u0007Núñez"`, field: "people[1].name"},
		{name: "name with a newline", old: `name = "Beatriz Núñez"`, new: `name = "Beatriz\nNúñez"`, field: "people[1].name"},
		{name: "name with DEL", old: `name = "Beatriz Núñez"`, new: `name = "Beatriz\u007fNúñez"`, field: "people[1].name"},
		{name: "name with a double quote", old: `name = "Beatriz Núñez"`, new: `name = "Beatriz \"Bea\" Núñez"`, field: "people[1].name"},
		{name: "name blank", old: `name = "Beatriz Núñez"`, new: `name = "  "`, field: "people[1].name"},

		// duplicates
		{name: "duplicate organization id", old: `id = "org-b"`, new: `id = "org-a"`, field: "organizations[1].id"},
		{name: "duplicate person id", old: `id = "bea"`, new: `id = "ana"`, field: "people[1].id"},
		{name: "duplicate quote id", old: "[[documents]]", new: "[[quotes]]\nid = \"q1\"\nperson = \"bea\"\n\n[[documents]]", field: "quotes[1].id"},
		{name: "duplicate document id", old: "", new: "\n[[documents]]\nid = \"doc\"\nyear = 2020\npublisher = \"org-b\"\nurl = \"https://example.org/other\"\n", field: "documents[1].id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := valid + c.new // c.old empty: append
			if c.old != "" {
				if !strings.Contains(valid, c.old) {
					t.Fatalf("fixture: %q not in the valid file", c.old)
				}
				data = strings.Replace(valid, c.old, c.new, 1)
			}
			name := c.file
			if name == "" {
				name = validName
			}
			e, err := content.Parse(name, []byte(data))
			if err == nil {
				t.Fatalf("Parse accepted the file (event %q); want an error naming %s and %s", e.ID, name, c.field)
			}
			msg := err.Error()
			t.Log(abbreviate(msg))
			if !strings.HasPrefix(msg, name+":") {
				t.Errorf("error does not start with the file name %q: %v", abbreviate(name), abbreviate(msg))
			}
			if !strings.Contains(msg, ": "+c.field+": ") {
				t.Errorf("error does not name the field %q: %v", c.field, abbreviate(msg))
			}
		})
	}
}

// TestParseTOMLSyntax: a file that is not valid TOML fails naming the file and the line.
func TestParseTOMLSyntax(t *testing.T) {
	cases := []struct {
		name, data string
		line       int
	}{
		{"date that does not exist (TOML date)", strings.Replace(valid, `date = 2020-09-14`, `date = 2020-13-40`, 1), 5},
		{"unterminated string", strings.Replace(valid, `id = "sample"`, `id = "sample`, 1), 1},
		{"duplicate key", strings.Replace(valid, `hashtag = "#Muestra"`, "hashtag = \"#Muestra\"\nhashtag = \"#Otra\"", 1), 8},
		{"binary", "\x00\x01", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := content.Parse(validName, []byte(c.data))
			if err == nil {
				t.Fatalf("Parse accepted %q", abbreviate(c.data))
			}
			t.Log(err)
			if want := fmt.Sprintf("%s:%d: ", validName, c.line); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error does not start with %q: %v", want, err)
			}
		})
	}
}

func TestLoadFS(t *testing.T) {
	good := &fstest.MapFile{Data: []byte(valid)}
	broken := &fstest.MapFile{Data: []byte(strings.Replace(strings.Replace(valid, `"sample"`, `"broken"`, 1), `person = "ana"`, `person = "nobody"`, 1))}

	cases := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr []string // substrings of the error; nil: success
		wantIDs string
	}{
		{name: "empty fs", fsys: fstest.MapFS{}, wantErr: []string{"events"}},
		{name: "empty events folder", fsys: fstest.MapFS{"events": {Mode: fs.ModeDir}}, wantErr: []string{"events"}},
		{name: "no toml in events", fsys: fstest.MapFS{"events/README.md": {Data: []byte("# events")}, "events/sample.yaml": {Data: []byte("id: sample")}}, wantErr: []string{"events"}},
		{name: "toml outside events", fsys: fstest.MapFS{"sample.toml": good, "locales/sample.toml": good}, wantErr: []string{"events"}},
		{name: "one good file", fsys: fstest.MapFS{"events/sample.toml": good}, wantIDs: "sample"},
		{name: "a broken file among good ones", fsys: fstest.MapFS{"events/sample.toml": good, "events/broken.toml": broken}, wantErr: []string{"events/broken.toml:", "quotes[0].person"}},
		{name: "a file whose id is another file's", fsys: fstest.MapFS{"events/sample.toml": good, "events/copy.toml": good}, wantErr: []string{"events/copy.toml:", ": id: "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events, err := content.Load(c.fsys)
			if c.wantErr == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				var ids []string
				for _, e := range events {
					ids = append(ids, e.ID)
				}
				if got := strings.Join(ids, ","); got != c.wantIDs {
					t.Errorf("Load ids = %s, want %s", got, c.wantIDs)
				}
				return
			}
			if err == nil {
				t.Fatalf("Load succeeded with %d events; want an error", len(events))
			}
			for _, s := range c.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestLoadUnreadable(t *testing.T) {
	fsys := failingFS{fstest.MapFS{"events/sample.toml": {Data: []byte(valid)}}}
	if _, err := content.Load(fsys); err == nil {
		t.Fatal("Load succeeded although the event file cannot be read")
	}
}

// failingFS lists its files but fails to open them.
type failingFS struct{ fstest.MapFS }

func (f failingFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".toml") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("disk on fire")}
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadFile(name string) ([]byte, error) {
	if _, err := f.Open(name); err != nil {
		return nil, err
	}
	return f.MapFS.ReadFile(name)
}

func abbreviate(s string) string {
	if len(s) > 300 {
		return s[:150] + "…" + s[len(s)-150:]
	}
	return s
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
