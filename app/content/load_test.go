package content_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/content"
)

// root is the project's own tree: the tests read the real event files.
var root = os.DirFS("../..")

const seedID = "where-are-the-women-2020"

func TestLoadRealEvent(t *testing.T) {
	events, err := content.Load(root)
	if err != nil {
		t.Fatalf("Load(project tree): %v", err)
	}
	var e *content.Event
	for _, ev := range events {
		if ev.ID == seedID {
			e = ev
		}
	}
	if e == nil {
		t.Fatalf("Load(project tree): no event %q among %d events", seedID, len(events))
	}

	if e.Language != "es" {
		t.Errorf("Language = %q, want es", e.Language)
	}
	if want := (content.Date{Year: 2020, Month: 9, Day: 14}); e.Date != want {
		t.Errorf("Date = %+v, want %+v", e.Date, want)
	}
	if got := e.Date.String(); got != "2020-09-14" {
		t.Errorf("Date.String() = %q, want 2020-09-14", got)
	}
	if e.TimeZone == nil || e.TimeZone.String() != "America/Asuncion" {
		t.Fatalf("TimeZone = %v, want America/Asuncion", e.TimeZone)
	}
	// The day is the day in Asunción (UTC−4 in September 2020, before Paraguay's summer time).
	if got, want := e.Date.Start(e.TimeZone).UTC().Format("2006-01-02T15:04Z"), "2020-09-14T04:00Z"; got != want {
		t.Errorf("Date.Start(zone) = %s, want %s", got, want)
	}
	if got, want := e.Date.End(e.TimeZone).UTC().Format("2006-01-02T15:04Z"), "2020-09-15T04:00Z"; got != want {
		t.Errorf("Date.End(zone) = %s, want %s", got, want)
	}
	if e.Video != "https://www.oas.org/en/cim/" {
		t.Errorf("Video = %q", e.Video)
	}
	if e.Hashtag != "#LibresDeViolencia" {
		t.Errorf("Hashtag = %q", e.Hashtag)
	}

	var organizers []string
	for _, o := range e.Organizers {
		organizers = append(organizers, o.ID)
	}
	if got, want := strings.Join(organizers, ","), "cim,mesecvi,mujer-py"; got != want {
		t.Errorf("Organizers = %s, want %s (in this order)", got, want)
	}

	wantPeople := []struct{ id, name, org string }{
		{"alejandra-mora-mora", "Alejandra Mora Mora", "cim"},
		{"nilda-romero", "Nilda Romero", "mujer-py"},
		{"farah-urrutia", "Farah Urrutia", "oas"},
		{"karina-nunez-rodriguez", "Karina Núñez Rodríguez", "otras-uruguay"},
		{"luz-patricia-mejia", "Luz Patricia Mejía", "mesecvi"},
	}
	if len(e.People) != len(wantPeople) {
		t.Fatalf("%d people, want %d", len(e.People), len(wantPeople))
	}
	var moderators []string
	for i, p := range e.People {
		w := wantPeople[i]
		if p.ID != w.id || p.Name != w.name || p.Organization == nil || p.Organization.ID != w.org {
			t.Errorf("people[%d] = %s %q (%v), want %s %q (%s)", i, p.ID, p.Name, p.Organization, w.id, w.name, w.org)
		}
		if p.Moderator {
			moderators = append(moderators, p.Name)
		}
	}
	if len(moderators) != 1 || moderators[0] != "Luz Patricia Mejía" {
		t.Errorf("moderators = %q, want exactly [Luz Patricia Mejía]", moderators)
	}

	// The one organization the seed gives no address for is kept without a link.
	for _, o := range e.Organizations {
		if o.ID == "otras-uruguay" && o.URL != "" {
			t.Errorf("otras-uruguay URL = %q, want none", o.URL)
		}
	}

	if len(e.Quotes) != 2 || e.Quotes[0].Person.Name != "Alejandra Mora Mora" || e.Quotes[1].Person.Name != "Nilda Romero" {
		t.Errorf("quotes are not [Alejandra Mora Mora, Nilda Romero]: %+v", e.Quotes)
	}
	if len(e.Documents) != 2 || e.Documents[0].Year != 2018 || e.Documents[1].Year != 2019 ||
		e.Documents[0].Publisher.ID != "mesecvi" || e.Documents[1].Publisher.ID != "mesecvi" {
		t.Errorf("documents are not MESECVI 2018 and 2019: %+v", e.Documents)
	}

	// Every message the event needs, one per text, and no id twice.
	ids := e.MessageIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("MessageIDs lists %s twice", id)
		}
		seen[id] = true
	}
	for _, id := range []string{"Title", "Summary", "More", "Kind", "Quote.mora.Text", "Person.luz-patricia-mejia.Role",
		"Organization.otras-uruguay.Short", "Document.amicus-curiae-2019.Title"} {
		if !seen[id] {
			t.Errorf("MessageIDs lacks %s", id)
		}
	}
}

// valid is a small, correct event file; each case below breaks one thing in it.
const valid = `id = "sample"
language = "es"
date = 2020-09-14
timezone = "America/Asuncion"
hashtag = "#Muestra"
video = "https://example.org/video"
organizers = ["org-a", "org-b"]

[[organizations]]
id = "org-a"
url = "https://example.org/"

[[organizations]]
id = "org-b"

[[people]]
id = "ana"
name = "Ana Pérez"
organization = "org-a"
moderator = true

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
		{name: "video http", old: `video = "https://example.org/video"`, new: `video = "http://example.org/video"`, field: "video"},
		{name: "video javascript:", old: `video = "https://example.org/video"`, new: `video = "javascript:alert(1)"`, field: "video"},
		{name: "video JavaScript: mixed case", old: `video = "https://example.org/video"`, new: `video = "JavaScript:alert(1)"`, field: "video"},
		{name: "video data:", old: `video = "https://example.org/video"`, new: `video = "data:text/html,<script>alert(1)</script>"`, field: "video"},
		{name: "video relative path", old: `video = "https://example.org/video"`, new: `video = "/video.mp4"`, field: "video"},
		{name: "video relative file", old: `video = "https://example.org/video"`, new: `video = "video.mp4"`, field: "video"},
		{name: "video scheme-relative", old: `video = "https://example.org/video"`, new: `video = "//example.org/video"`, field: "video"},
		{name: "video https with user:pass@", old: `video = "https://example.org/video"`, new: `video = "https://user:pass@example.org/video"`, field: "video"},
		{name: "video https without host", old: `video = "https://example.org/video"`, new: `video = "https:///video"`, field: "video"},
		{name: "video https opaque", old: `video = "https://example.org/video"`, new: `video = "https:example.org"`, field: "video"},
		{name: "video missing", old: `video = "https://example.org/video"`, new: ``, field: "video"},
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
			if !strings.HasPrefix(msg, name+": ") {
				t.Errorf("error does not start with the file name %q: %v", abbreviate(name), abbreviate(msg))
			}
			if !strings.Contains(msg, ": "+c.field+": ") {
				t.Errorf("error does not name the field %q: %v", c.field, abbreviate(msg))
			}
		})
	}
}

// TestParseTOMLSyntax: a file that is not valid TOML fails naming the file and, where the
// decoder can tell, the key.
func TestParseTOMLSyntax(t *testing.T) {
	cases := []struct{ name, data, key string }{
		{"date that does not exist (TOML date)", strings.Replace(valid, `date = 2020-09-14`, `date = 2020-13-40`, 1), `"date"`},
		{"unterminated string", strings.Replace(valid, `id = "sample"`, `id = "sample`, 1), `"id"`},
		{"duplicate key", strings.Replace(valid, `hashtag = "#Muestra"`, "hashtag = \"#Muestra\"\nhashtag = \"#Otra\"", 1), "hashtag"},
		{"binary", "\x00\x01", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := content.Parse(validName, []byte(c.data))
			if err == nil {
				t.Fatalf("Parse accepted %q", abbreviate(c.data))
			}
			t.Log(err)
			if !strings.HasPrefix(err.Error(), validName+": ") {
				t.Errorf("error does not start with the file name: %v", err)
			}
			if !strings.Contains(err.Error(), c.key) {
				t.Errorf("error does not name the key %s: %v", c.key, err)
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
		{name: "a broken file among good ones", fsys: fstest.MapFS{"events/sample.toml": good, "events/broken.toml": broken}, wantErr: []string{"events/broken.toml: ", "quotes[0].person"}},
		{name: "a file whose id is another file's", fsys: fstest.MapFS{"events/sample.toml": good, "events/copy.toml": good}, wantErr: []string{"events/copy.toml: ", ": id: "}},
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
