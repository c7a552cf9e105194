package i18n_test

// go-i18n's own workflow (README, "Translations"; Makefile, target locales) as a completeness
// check: goi18n extract must reproduce the committed source file from the Go code, and goi18n
// merge must find nothing to translate in any folder.

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/i18n"
)

// repoRoot is the module's root, where go.mod declares the goi18n tool.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", dir, err)
	}
	return dir
}

// goi18n runs `go tool goi18n args...` from the repository root.
func goi18nTool(t *testing.T, args ...string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("this test runs `go tool goi18n` and needs the go command on PATH: %v", err)
	}
	cmd := exec.Command(goBin, append([]string{"tool", "goi18n"}, args...)...)
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool goi18n %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// text is what a message says: its description and each plural form.
type text struct{ Description, Zero, One, Two, Few, Many, Other string }

// readMessages parses a go-i18n message file into id → text.
func readMessages(t *testing.T, name string) map[string]text {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	m := map[string]text{}
	for _, msg := range f.Messages {
		m[msg.ID] = text{msg.Description, msg.Zero, msg.One, msg.Two, msg.Few, msg.Many, msg.Other}
	}
	return m
}

// diffMessages lists how got differs from want, one line per message.
func diffMessages(want, got map[string]text) []string {
	var diffs []string
	for id, w := range want {
		g, ok := got[id]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: missing", id))
		case g != w:
			diffs = append(diffs, fmt.Sprintf("%s: %+v, want %+v", id, g, w))
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: not expected", id))
		}
	}
	slices.Sort(diffs)
	return diffs
}

// TestExtractIsCurrent: the committed source file says exactly what messages.go declares.
func TestExtractIsCurrent(t *testing.T) {
	out := t.TempDir()
	goi18nTool(t, "extract", "-sourceLanguage", i18n.SourceLanguage, "-outdir", out, "./app/i18n")

	extracted := readMessages(t, filepath.Join(out, "active."+i18n.SourceLanguage+".toml"))
	committed := readMessages(t, filepath.Join(repoRoot(t), "locales", "ui", "active."+i18n.SourceLanguage+".toml"))
	if len(extracted) < 30 {
		t.Fatalf("goi18n extract found only %d messages in ./app/i18n", len(extracted))
	}
	for _, d := range diffMessages(extracted, committed) {
		t.Errorf("locales/ui/active.%s.toml is not what `goi18n extract` makes of app/i18n (run make locales): %s", i18n.SourceLanguage, d)
	}
}

// messageFolders are locales/ui and every locales/events/<id>.
func messageFolders(t *testing.T) []string {
	t.Helper()
	dirs := []string{"locales/ui"}
	entries, err := fs.ReadDir(root, "locales/events")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, "locales/events/"+e.Name())
		}
	}
	if len(dirs) < 2 {
		t.Fatal("no event folder in locales/events")
	}
	return dirs
}

// merge copies dir's active.*.toml files into a temporary folder, lets edit change the copies
// (names → contents), runs goi18n merge on them and returns the folder merge wrote to.
func merge(t *testing.T, dir string, edit func(files map[string][]byte)) (in, out string) {
	t.Helper()
	names, err := fs.Glob(root, dir+"/active.*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("%s: no active.*.toml (%v)", dir, err)
	}
	files := map[string][]byte{}
	for _, name := range names {
		if files[filepath.Base(name)], err = fs.ReadFile(root, name); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(files)
	}
	in, out = t.TempDir(), t.TempDir()
	var args []string
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(in, name))
	}
	slices.Sort(args)
	goi18nTool(t, append([]string{"merge", "-sourceLanguage", i18n.SourceLanguage, "-outdir", out}, args...)...)
	return in, out
}

// toTranslate lists the non-empty translate.*.toml files in dir.
func toTranslate(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "translate.*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(strings.TrimSpace(string(data))) > 0 {
			found = append(found, filepath.Base(name)+":\n"+string(data))
		}
	}
	return found
}

// TestMergeFindsNothingToTranslate: in every folder, every message exists in every language
// and was translated from the current source text (merge compares hashes), and no language
// keeps a message the source no longer has.
func TestMergeFindsNothingToTranslate(t *testing.T) {
	for _, dir := range messageFolders(t) {
		t.Run(dir, func(t *testing.T) {
			in, out := merge(t, dir, nil)
			for _, f := range toTranslate(t, out) {
				t.Errorf("%s: goi18n merge wants a translation (run make locales and translate): %s", dir, f)
			}
			for _, lang := range languages {
				name := "active." + lang + ".toml"
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("%s: merge wrote no %s: %v", dir, name, err)
					continue
				}
				for _, d := range diffMessages(readMessages(t, filepath.Join(in, name)), readMessages(t, filepath.Join(out, name))) {
					t.Errorf("%s/%s: merge changes %s", dir, name, d)
				}
			}
		})
	}
}

// TestMergeCatchesGaps shows the check above can fail: a message removed from one language, or
// a source text changed without its translations, makes merge write translate files.
func TestMergeCatchesGaps(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, files map[string][]byte)
		want []string // translate files expected
	}{
		{
			name: "message missing in fr",
			edit: func(t *testing.T, files map[string][]byte) {
				files["active.fr.toml"] = removeTOMLMessage(t, files["active.fr.toml"], "ReadLess")
			},
			want: []string{"translate.fr.toml"},
		},
		{
			name: "source text changed",
			edit: func(t *testing.T, files map[string][]byte) {
				files["active.es.toml"] = replaceOnce(t, files["active.es.toml"], `"Leer más"`, `"Seguir leyendo"`)
			},
			want: []string{"translate.en.toml", "translate.fr.toml", "translate.pt.toml"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, out := merge(t, "locales/ui", func(files map[string][]byte) { c.edit(t, files) })
			var got []string
			for _, f := range toTranslate(t, out) {
				name, _, _ := strings.Cut(f, ":")
				got = append(got, name)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("translate files = %v, want %v", got, c.want)
			}
		})
	}
}

func removeTOMLMessage(t *testing.T, data []byte, id string) []byte {
	t.Helper()
	m := map[string]any{}
	if err := toml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m[id]; !ok {
		t.Fatalf("fixture: no message %s", id)
	}
	delete(m, id)
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(m); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func replaceOnce(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if !strings.Contains(string(data), old) {
		t.Fatalf("fixture: %s not found", old)
	}
	return []byte(strings.Replace(string(data), old, new, 1))
}
