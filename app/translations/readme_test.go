package main

// The README's steps are the real steps: "Add an event" (its in-person example and its texts,
// then make locales, translate, make locales again) and "Add a language" (its code in
// languages.toml, make locales, translate, make locales again), followed on a copy of the
// project's content, end with the card served in every language.

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/readme"
	"eventcard/app/server"
)

// readmeBlock is the first fenced block of lang after the heading of README.md.
func readmeBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	return readme.MustBlock(t, fixtures.Root(), heading, lang)
}

// copyContent copies the project's content folders into a new folder.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"events", "locales", "site"} {
		src := filepath.Join(fixtures.Root(), d)
		err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(fixtures.Root(), p)
			data, err := os.ReadFile(p)
			if err == nil {
				writeFile(t, filepath.Join(dir, rel), data)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// photo is a JPEG of w×h, as a partner's photo would be given.
func photo(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 140, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// makeLocales is `make locales` on the content folder dir (its Go part: the interface's Spanish
// is already extracted).
func makeLocales(t *testing.T, dir string) string {
	t.Helper()
	var out, errs bytes.Buffer
	code := run([]string{"-root", dir}, &out, &errs)
	t.Logf("make locales: exit %d\n%s%s", code, out.String(), errs.String())
	return out.String()
}

// translate writes a translation of each empty text of every translate.<lang>.toml under dir,
// as a translator does: here the source text, marked with the language; what is "not a text"
// (a number's grouping, a locale's code) as the source has it.
func translate(t *testing.T, dir, lang string) {
	t.Helper()
	source := regexp.MustCompile(`^# [a-z]{2,3}(?: \(([a-z]+)\))?: (.*)$`)
	empty := regexp.MustCompile(`^(zero|one|two|few|many|other) = ""$`)
	files, _ := filepath.Glob(filepath.Join(dir, "locales", "*", "translate."+lang+".toml"))
	more, _ := filepath.Glob(filepath.Join(dir, "locales", "events", "*", "translate."+lang+".toml"))
	for _, file := range append(files, more...) {
		data, _ := os.ReadFile(file)
		texts := map[string]string{}
		var lines []string
		notText := false
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "[") {
				notText = false
			}
			if strings.HasPrefix(l, `description = "Not a text`) {
				notText = true
			}
			if m := source.FindStringSubmatch(l); m != nil {
				form := m[1]
				if form == "" {
					form = "other"
				}
				texts[form] = strings.ReplaceAll(m[2], `\n`, "\n")
			}
			if m := empty.FindStringSubmatch(l); m != nil {
				text, ok := texts[m[1]]
				if !ok {
					text = texts["other"]
				}
				if !notText {
					text = mark(lang, text)
				}
				l = m[1] + ` = "` + strings.ReplaceAll(strings.ReplaceAll(text, `"`, `\"`), "\n", `\n`) + `"`
			}
			lines = append(lines, l)
		}
		writeFile(t, file, []byte(strings.Join(lines, "\n")))
	}
}

func mark(lang, text string) string { return "(" + lang + ") " + text }

func serve(t *testing.T, dir, path string) (int, string) {
	t.Helper()
	srv, err := server.New(server.WithContent(os.DirFS(fixtures.Root()), os.DirFS(dir)), server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("the server does not start: %v", err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestReadmeAddAnEvent(t *testing.T) {
	dir := copyContent(t)
	event := readmeBlock(t, "### Examples", "toml")
	id := regexp.MustCompile(`(?m)^id = "([a-z0-9-]+)"`).FindStringSubmatch(event)[1]
	writeFile(t, filepath.Join(dir, "events", id+".toml"), []byte(event))
	// Step 1's images: the files the example names, in the event's folder.
	writeFile(t, filepath.Join(dir, "events", id, "banner.jpg"), photo(t, 1600, 900))
	writeFile(t, filepath.Join(dir, "events", id, "ana-gomez.jpg"), photo(t, 400, 400))
	writeFile(t, filepath.Join(dir, "locales", "events", id, "active.es.toml"), []byte(readmeBlock(t, "### The texts", "toml")))

	out := makeLocales(t, dir)
	for _, lang := range []string{"en", "pt", "fr"} {
		if !strings.Contains(out, "locales/events/"+id+"/translate."+lang+".toml: ") {
			t.Errorf("make locales does not prepare the %s texts", lang)
		}
	}
	// Not translated yet: served, in Spanish, marked.
	if code, page := serve(t, dir, "/en/events/"+id+"/"); code != 200 || !strings.Contains(page, `lang="es"`) {
		t.Errorf("before translating: %d", code)
	}
	for _, lang := range []string{"en", "pt", "fr"} {
		translate(t, dir, lang)
	}
	out = makeLocales(t, dir)
	if !strings.Contains(out, "Every text is translated into every language.") {
		t.Errorf("after translating, make locales says:\n%s", out)
	}
	code, page := serve(t, dir, "/en/events/"+id+"/")
	if code != 200 || !strings.Contains(page, "(en) Liderazgo de las mujeres") || !strings.Contains(page, "Tuesday, March 10, 2026") ||
		!strings.Contains(page, "Centro Cultural de España") || !strings.Contains(page, "Uruguay") {
		t.Errorf("the English card: %d\n%.2000s", code, page)
	}
}

func TestReadmeAddALanguage(t *testing.T) {
	dir := copyContent(t)
	languages := filepath.Join(dir, "locales", "languages.toml")
	data, _ := os.ReadFile(languages)
	list := regexp.MustCompile(`languages = \[([^\]]*)\]`)
	writeFile(t, languages, list.ReplaceAll(data, []byte(`languages = [$1, "it"]`)))

	out := makeLocales(t, dir)
	for _, folder := range []string{"ui", "site"} {
		if !strings.Contains(out, "locales/"+folder+"/translate.it.toml: ") {
			t.Errorf("make locales does not prepare locales/%s in Italian", folder)
		}
	}
	translate(t, dir, "it")
	out = makeLocales(t, dir)
	if !strings.Contains(out, "Every text is translated into every language.") {
		t.Errorf("after translating, make locales says:\n%s", out)
	}
	code, page := serve(t, dir, "/it/events/where-are-the-women-2020/")
	if code != 200 || !strings.Contains(page, `<html lang="it">`) || !strings.Contains(page, "lunedì 14 settembre 2020") || !strings.Contains(page, ">Italiano<") && !strings.Contains(page, ">(it) Español<") {
		t.Errorf("the Italian card: %d\n%.3000s", code, page)
	}
}
