package main

// The workflow of a new event end to end, as `make locales` runs it, on a copy of the fixtures
// on disk, and what the server then serves: only its Spanish texts, prepared for translation,
// served untranslated (marked, with the note; the calendar file, the structured data and the
// feed in Spanish), translated into Portuguese, then changed at the source.

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"eventcard/app/card"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/meta"
	"eventcard/app/server"
	"eventcard/app/views"
)

const id = fixtures.PastWebinar

func eventFile(lang string) string { return "locales/events/" + id + "/active." + lang + ".toml" }
func translateFile(lang string) string {
	return "locales/events/" + id + "/translate." + lang + ".toml"
}

// project writes the fixture tree into a folder, without the event's translations.
func project(t *testing.T) string {
	t.Helper()
	m := fixtures.Tree(t)
	delete(m, eventFile("en"))
	delete(m, eventFile("pt"))
	delete(m, eventFile("fr"))
	return projecttree.Write(t, m)
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// locales runs the command as make locales does, and returns its exit status and output.
func locales(t *testing.T, dir string) (int, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run([]string{"-root", dir}, &out, &errs)
	if errs.Len() > 0 {
		t.Errorf("stderr: %s", errs.String())
	}
	t.Logf("make locales (exit %d):\n%s", code, out.String())
	return code, out.String()
}

// files are the message files of the folder: name → contents.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "locales", "events", id, "*.toml"))
	out := map[string]string{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = string(data)
	}
	return out
}

// get serves path from a server of dir's content.
func get(t *testing.T, dir, path string) string {
	t.Helper()
	s, err := server.New(os.DirFS(dir), server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, rec.Code)
	}
	return string(body)
}

var (
	pagePT     = card.Path{Kind: card.EventPage, Lang: "pt", Event: id}.String()
	calendarPT = card.Path{Lang: "pt", Event: id}.Calendar()
	markedES   = regexp.MustCompile(`<h1[^>]*\blang="es"`)
	notePT     = "Alguns textos deste evento ainda não foram traduzidos: aparecem em espanhol."
)

func TestWorkflowOfANewEvent(t *testing.T) {
	dir := project(t)

	// 1. Only the Spanish texts: make locales prepares the three other languages.
	code, out := locales(t, dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, lang := range []string{"en", "pt", "fr"} {
		if want := translateFile(lang) + ": 13 texts to translate from es (13 not translated)"; !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !strings.Contains(out, "Translate the files above") {
		t.Error("the output does not say what to do next")
	}
	for _, lang := range []string{"en", "pt", "fr"} {
		data := projecttree.ReadFile(t, dir, translateFile(lang))
		if strings.Count(data, "\nother = \"\"") != 13 || strings.Contains(data, "\nother = \"¿") {
			t.Errorf("%s: not 13 empty texts:\n%s", translateFile(lang), data)
		}
	}

	// 2. Again, without translating: no file changes; the server serves the Portuguese card
	// with the Spanish texts marked es and the note, and the calendar file and the feed in
	// Spanish, saying so.
	before := files(t, dir)
	locales(t, dir)
	for name, data := range files(t, dir) {
		if before[name] != data {
			t.Errorf("the second run changed %s", name)
		}
	}
	if len(files(t, dir)) != 4 {
		t.Errorf("files %v, want active.es.toml and three translate files", len(files(t, dir)))
	}
	page := get(t, dir, pagePT)
	if !markedES.MatchString(page) || !strings.Contains(page, notePT) || !strings.Contains(page, `<html lang="pt"`) {
		t.Errorf("the pt page does not mark its Spanish title or lacks the note:\n%s", excerpt(page, "card-title"))
	}
	if ics := get(t, dir, calendarPT); !strings.Contains(ics, "SUMMARY;LANGUAGE=es:") || strings.Contains(ics, "LANGUAGE=pt") {
		t.Errorf("the pt calendar file claims pt for Spanish texts:\n%s", ics)
	}
	if atom := get(t, dir, meta.AtomPath("pt")); !strings.Contains(atom, `<entry xml:lang="es">`) {
		t.Errorf("the pt feed's entry of the Spanish event does not say es:\n%s", atom)
	}
	if !strings.Contains(page, `"inLanguage":"es"`) || strings.Contains(page, `"inLanguage":"pt"`) {
		t.Errorf("the pt page's structured data claims pt for Spanish texts")
	}

	// 3. Portuguese translated: merged, served as Portuguese, nothing marked.
	pt := projecttree.ReadFile(t, dir, translateFile("pt"))
	write(t, dir, translateFile("pt"), strings.ReplaceAll(pt, "\nother = \"\"", "\nother = \"Em português\""))
	code, out = locales(t, dir)
	if code != 0 || !strings.Contains(out, eventFile("pt")+": 13 texts merged from translate.pt.toml") {
		t.Errorf("exit %d, output without the merge", code)
	}
	if _, err := os.Stat(filepath.Join(dir, translateFile("pt"))); err == nil {
		t.Errorf("%s is left", translateFile("pt"))
	}
	page = get(t, dir, pagePT)
	if markedES.MatchString(page) || strings.Contains(page, notePT) || !strings.Contains(page, "Em português") {
		t.Errorf("the translated pt page:\n%s", excerpt(page, "card-title"))
	}
	if ics := get(t, dir, calendarPT); !strings.Contains(ics, "SUMMARY;LANGUAGE=pt:Em português") {
		t.Errorf("the translated pt calendar file:\n%s", ics)
	}

	// 4. A Spanish text changed: its Portuguese translation is stale, reported with its line,
	// shown in Spanish, and prepared again.
	es := projecttree.ReadFile(t, dir, eventFile("es"))
	write(t, dir, eventFile("es"), strings.Replace(es, "Un diálogo virtual de prueba", "Un diálogo en línea de prueba", 1))
	_, warnings, err := views.Check(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	stale := ""
	for _, w := range warnings {
		if w.File == eventFile("pt") && w.Field == "Summary" && w.Line > 0 && strings.HasPrefix(w.Text, "stale:") {
			stale = w.Error()
		}
	}
	if stale == "" {
		t.Errorf("no stale warning for pt's Summary: %v", warnings)
	}
	code, out = locales(t, dir)
	if want := translateFile("pt") + ": 1 text to translate from es (1 changed in es since translated)"; code != 0 || !strings.Contains(out, want) {
		t.Errorf("exit %d, output lacks %q", code, want)
	}
	if page = get(t, dir, pagePT); !strings.Contains(page, notePT) || !regexp.MustCompile(`<p lang="es">Un diálogo en línea`).MatchString(page) {
		t.Errorf("the pt page with a stale summary:\n%s", excerpt(page, "card-summary"))
	}

	// 5. A misspelt key: make locales fails, naming the file, the line and the key.
	write(t, dir, eventFile("es"), strings.Replace(projecttree.ReadFile(t, dir, eventFile("es")), "\nKind = ", "\nKnid = ", 1))
	code, out = locales(t, dir)
	if want := eventFile("es") + ":2: Knid: unknown key: did you mean Kind?"; code != 1 || !strings.Contains(out, want) {
		t.Errorf("exit %d, output lacks %q", code, want)
	}
}

// excerpt is the part of page around the first s.
func excerpt(page, s string) string {
	i := strings.Index(page, s)
	if i < 0 {
		return page[:min(len(page), 2000)]
	}
	return page[max(0, i-300):min(len(page), i+1200)]
}
