package main

// The content from a folder (README, "Content without rebuilding"): the binary serves it, reads
// it again on SIGHUP or when it changes (-watch), keeps serving the last good version when an
// edit is broken, and `eventcard check` prints every problem of a folder.

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The fixture events the tests of app/ use (app/internal/fixtures), which this package may
// not import: their files are read from disk.
const (
	fixtureTestdata = "app/internal/fixtures/testdata"
	pastWebinar     = "past-webinar"
	workshop        = "workshop-asuncion"
	hybridForum     = "hybrid-forum"
)

// contentFolder writes a content folder as an organisation keeps one: the fixture events, texts
// and branding, with the project's languages and interface texts.
func contentFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree := func(from, to string) {
		err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			data, err := os.ReadFile(p)
			writeFile(t, filepath.Join(to, rel), string(data))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree(fixtureTestdata, dir)
	copyTree("locales/ui", filepath.Join(dir, "locales/ui"))
	copyTree("locales/languages.toml", filepath.Join(dir, "locales/languages.toml"))
	return dir
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s: no %q (%v)", name, old, err)
	}
	writeFile(t, name, strings.Replace(string(data), old, new, 1))
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// eventually waits for cond, up to a deadline.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("never: %s", what)
}

func TestContentFolderReloadsOnSIGHUPAndOnChange(t *testing.T) {
	dir := contentFolder(t)
	addr := freeAddr(t)
	cmd, stderr := startServer(t, []string{"-addr", addr, "-content", dir, "-watch"})
	url := "http://" + addr
	waitHealthy(t, http.DefaultClient, url, stderr)
	page := url + "/es/events/" + pastWebinar + "/"
	titles := filepath.Join(dir, "locales/events", pastWebinar, "active.es.toml")
	if !strings.Contains(fetch(t, page), "Un webinar de prueba") {
		t.Fatal("the folder's event is not served")
	}

	// A good edit, then SIGHUP.
	replaceIn(t, titles, "Un webinar de prueba", "Un webinar corregido")
	cmd.Process.Signal(syscall.SIGHUP)
	eventually(t, "the corrected title after SIGHUP", func() bool { return strings.Contains(fetch(t, page), "Un webinar corregido") })

	// A broken edit: the last good version stays, every problem is logged with its line.
	event := filepath.Join(dir, "events", pastWebinar+".toml")
	replaceIn(t, event, `attendance = "online"`, `attendance = "virtual"`)
	cmd.Process.Signal(syscall.SIGHUP)
	// The refusal, then each problem on a line of its own: the test waits for the problem's line.
	eventually(t, "the refusal and its problem in the log", func() bool {
		return strings.Contains(stderr.String(), "reload refused") && strings.Contains(stderr.String(), "events/past-webinar.toml:")
	})
	if !strings.Contains(fetch(t, page), "Un webinar corregido") {
		t.Errorf("a broken edit: the last good version is not served; the log says %s", stderr)
	}
	if h := fetch(t, url+"/healthz"); !strings.Contains(h, `"ok":false`) || !strings.Contains(h, `"problems":1`) {
		t.Errorf("/healthz after a refused reload: %s", h)
	}

	// Fixed, without a signal: -watch reloads.
	replaceIn(t, event, `attendance = "virtual"`, `attendance = "online"`)
	replaceIn(t, titles, "Un webinar corregido", "Un webinar visto")
	eventually(t, "the change seen by -watch", func() bool { return strings.Contains(fetch(t, page), "Un webinar visto") })
}

func TestCheck(t *testing.T) {
	dir := contentFolder(t)
	code, out, errs := runMain(t, []string{"check", "-content", dir})
	if code != 0 || !strings.HasSuffix(out, "0 problems, 0 warnings\n") {
		t.Fatalf("a good folder: exit %d\n%s%s", code, out, errs)
	}

	// Five mistakes of five kinds: each printed with its file, line and field, exit 1.
	edits := []struct{ file, old, new, field string }{
		{"events/" + pastWebinar + ".toml", `attendance = "online"`, `attendance = "virtual"`, "attendance: "},
		{"events/" + workshop + ".toml", `deadline = 2099-03-05`, `deadline = 2099-04-05`, "registration.deadline: "},
		{"locales/events/" + pastWebinar + "/active.es.toml", "Summary =", "Sumary =", "Sumary: unknown key: did you mean Summary?"},
		{"locales/events/" + hybridForum + "/active.fr.toml", `Kind = "Forum"`, `Kind = ""`, "Kind: empty"},
		{"site/site.toml", `accent = "#0b6e4f"`, `accent = "#ffeb3b"`, "accent: "},
	}
	var want []string
	for _, e := range edits {
		name := filepath.Join(dir, filepath.FromSlash(e.file))
		replaceIn(t, name, e.old, e.new)
		want = append(want, e.file+":"+lineOf(t, name, e.new)+": "+e.field)
	}
	code, out, _ = runMain(t, []string{"check", "-content", dir})
	t.Logf("eventcard check:\n%s", out)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, w := range append(want, "5 problems") {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in the output", w)
		}
	}
}

// lineOf is the number of the line of file that holds text.
func lineOf(t *testing.T, file, text string) string {
	t.Helper()
	data, _ := os.ReadFile(file)
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%s: no %q", file, text)
	return ""
}

func TestContentSettings(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-content", "/nonexistent"}, "-content"},
		{[]string{"-content", t.TempDir()}, "no events/ folder"},
		{[]string{"-watch"}, "-watch: needs -content"},
	} {
		code, _, errs := runMain(t, c.args)
		if code != exitSetting || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errs, exitSetting, c.want)
		}
	}
}
