package messagefiles_test

// The translation workflow (README, "Translations"; Makefile, target locales) on a copy of the
// project: Prepare must change nothing and find nothing to translate. prepare_test.go follows
// the workflow through a new event.

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/messagefiles"
)

// seedID is the fixture event of the seed's shape: quotes, documents, people, "More".
const seedID = fixtures.PastWebinar

var languages = []string{"es", "en", "pt", "fr"}

func eventFile(id, lang string) string { return "locales/events/" + id + "/active." + lang + ".toml" }

// seedEvent is the fixture event seedID, as content reads it.
func seedEvent(t *testing.T) *content.Event {
	t.Helper()
	return fixtures.Event(t, fixtures.Tree(t), seedID)
}

// TestPrepareChangesNothing: on a copy of the project, the workflow finds every text translated
// from its current source text in every folder, and changes no file.
func TestPrepareChangesNothing(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join(fixtures.Root(), "locales"), filepath.Join(dir, "locales"))
	copyDir(t, filepath.Join(fixtures.Root(), "events"), filepath.Join(dir, "events"))
	before := snapshot(t, dir)
	done, problems, err := messagefiles.Prepare(dir, i18n.CheckLanguage)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Prepare: %v %v", err, problems)
	}
	if len(done) < 6 {
		t.Errorf("Prepare worked on %d folder languages, want the interface's and at least one event's", len(done))
	}
	for _, d := range done {
		if d.Merged+d.Adopted+d.ToTranslate() > 0 || len(d.Refused) > 0 {
			t.Errorf("%s %s: %+v, want nothing to do (run make locales and translate)", d.Dir, d.Lang, d)
		}
	}
	for _, d := range diffSnapshots(before, snapshot(t, dir)) {
		t.Errorf("Prepare changed the project's %s", d)
	}
}

// copyDir copies the folder src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, name)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot is every file under dir: slash path → contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel(dir, name)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffSnapshots lists the files added, removed or changed from a to b.
func diffSnapshots(a, b map[string]string) []string {
	var diffs []string
	for name, data := range a {
		if other, ok := b[name]; !ok {
			diffs = append(diffs, name+": removed")
		} else if other != data {
			diffs = append(diffs, name+": changed")
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, name+": added")
		}
	}
	slices.Sort(diffs)
	return diffs
}
