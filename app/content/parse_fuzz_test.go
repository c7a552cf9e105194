package content_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
)

var fuzzID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Event files, whatever bytes they hold: Parse never panics; it refuses with an error naming the
// file, or what it accepts is safe to show: https links only, names without markup or control
// characters, ids that are plain path segments.
func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	for _, id := range fixtures.IDs {
		if ev, err := os.ReadFile(filepath.Join(fixtures.Root(), "app/internal/fixtures/testdata/events", id+".toml")); err == nil {
			f.Add([]byte(strings.Replace(string(ev), `id = "`+id+`"`, `id = "sample"`, 1)))
		}
	}
	for _, s := range []string{"", "id = 1", "[[people]]\nname = \"<script>\"", "\x00", "date = 2020-02-30",
		strings.Replace(valid, `url = "https://example.org/video"`, `url = "javascript:alert(1)"`, 1),
		strings.Replace(valid, `name = "Beatriz Núñez"`, `name = "Beatriz<img src=x onerror=alert(1)>"`, 1),
		strings.Replace(valid, `date = 2020-09-14`, `date = 2020-09-14`+"\ntime = \"14:00\"\nduration = \"1h30m\"", 1),
		strings.Replace(valid, `timezone = "America/Asuncion"`, `timezone = "../../etc/passwd"`, 1)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := content.Parse(validName, data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), validName+":") {
				t.Errorf("the error does not name the file: %v", err)
			}
			return
		}
		if e.ID != "sample" {
			t.Errorf("accepted id %q from file %s", e.ID, validName)
		}
		link := func(what, raw string, optional bool) {
			if raw == "" && optional {
				return
			}
			u, err := url.Parse(raw)
			if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
				t.Errorf("%s: accepted link %q", what, raw)
			}
		}
		if e.Recording != nil {
			link("recording", e.Recording.URL, false)
		}
		link("join", e.Join, true)
		if e.Registration != nil {
			link("registration", e.Registration.URL, false)
		}
		if e.Venue != nil {
			link("map", e.Venue.Map, true)
			if strings.ContainsAny(e.Venue.Name, "<>\"`{}") || strings.IndexFunc(e.Venue.Name, unicode.IsControl) >= 0 {
				t.Errorf("accepted venue %q", e.Venue.Name)
			}
		}
		for _, img := range e.Images() {
			if strings.ContainsAny(img.File, "/\\") || strings.Contains(img.File, "..") {
				t.Errorf("accepted image %q", img.File)
			}
		}
		ids := []string{e.ID}
		for _, o := range e.Organizations {
			link("organization "+o.ID, o.URL, true)
			ids = append(ids, o.ID)
		}
		for _, d := range e.Documents {
			link("document "+d.ID, d.URL, false)
			ids = append(ids, d.ID)
		}
		for _, p := range e.People {
			ids = append(ids, p.ID)
			if strings.ContainsAny(p.Name, "<>\"`{}") || strings.TrimSpace(p.Name) == "" || strings.IndexFunc(p.Name, unicode.IsControl) >= 0 {
				t.Errorf("accepted name %q", p.Name)
			}
		}
		for _, q := range e.Quotes {
			ids = append(ids, q.ID)
		}
		for _, id := range ids {
			if !fuzzID.MatchString(id) || len(id) > 64 {
				t.Errorf("accepted id %q", id)
			}
		}
		if e.When.Zone == nil || e.When.Zone.String() == "Local" {
			t.Errorf("accepted zone %v", e.When.Zone)
		}
	})
}
