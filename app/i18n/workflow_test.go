package i18n_test

// The translation workflow's first step (README, "Translations"; Makefile, target locales):
// goi18n extract must reproduce the committed source file from the Go code. The rest of the
// workflow is messagefiles.Prepare's, tested there.

import (
	"fmt"
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
