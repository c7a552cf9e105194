package frontend_test

import (
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/card"
	"eventcard/app/frontend"
)

var titles = []frontend.FrameTitle{{Lang: "es", Text: "Ficha de evento"}, {Lang: "en", Text: "Event card"}, {Lang: "fr", Text: "Fiche d’événement"}}

// build builds the project's own web/.
func build(t *testing.T) map[string]string {
	t.Helper()
	built, err := frontend.Build(os.DirFS("../../web"), titles, frontend.Brand{Colours: card.Palette, Theme: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for addr, f := range built {
		out[addr] = string(f.Body)
	}
	return out
}

func TestBuildMakesOneScriptPerEntry(t *testing.T) {
	built, err := frontend.Build(os.DirFS("../../web"), titles, frontend.Brand{Colours: card.Palette, Theme: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	for addr, ctype := range map[string]string{"/web/card.js": "text/javascript", "/embed.js": "text/javascript", "/web/compile.js": "text/javascript", "/web/card.css": "text/css"} {
		f, ok := built[addr]
		if !ok || !strings.HasPrefix(f.ContentType, ctype+";") {
			t.Fatalf("%s: built %v, content type %q, want %s", addr, ok, f.ContentType, ctype)
		}
		body := string(f.Body)
		if ctype == "text/javascript" && (!strings.Contains(body, "(()=>{") || strings.Count(body, "\n") > 2 || strings.Contains(body, "import ")) {
			t.Errorf("%s is not one minified function without imports:\n%.300s", addr, body)
		}
		if ctype == "text/css" && strings.Contains(body, "@import") {
			t.Errorf("%s still imports: %.300s", addr, body)
		}
		t.Logf("%s: %d bytes", addr, len(body))
	}
	if len(built) != 4 {
		t.Errorf("built %d files, want 4", len(built))
	}
}

// The facts reach every side as the Go code has them.
func TestFactsAreInjected(t *testing.T) {
	b := build(t)
	js, loader, css := b["/web/card.js"], b["/embed.js"], b["/web/card.css"]
	for _, want := range []string{strconv.Quote(card.StorageKey), strconv.Quote(card.DataElementID), "/" + card.LanguageTagPattern + "/", "/" + card.AccentPattern + "/", "/" + card.LanguageCodePattern + "/"} {
		if !strings.Contains(js, want) {
			t.Errorf("card.js lacks %s", want)
		}
	}
	for _, want := range []string{"full:" + strconv.Itoa(card.Folded.Full), "compact:" + strconv.Itoa(card.Folded.Compact), "/" + card.LanguageTagPattern + "/", "/" + card.AccentPattern + "/"} {
		if !strings.Contains(loader, want) {
			t.Errorf("embed.js lacks %s", want)
		}
	}
	if !strings.Contains(loader, "eventcard loader v1") {
		t.Error("embed.js lost its first comment")
	}
	// The frame titles, in their order: the first is the fallback.
	last := -1
	for _, ti := range titles {
		i := strings.Index(loader, ti.Lang+":")
		if i < 0 || i < last {
			t.Errorf("embed.js: title %s missing or out of order", ti.Lang)
		}
		last = i
	}
	if strings.Contains(loader, "PALETTE") || strings.Contains(loader, card.Palette.Dark.Paper) {
		t.Error("embed.js carries the palette, which it does not use")
	}
	for _, want := range []string{"--fold: " + strconv.Itoa(card.Folded.Full) + "px", "--fold-compact: " + strconv.Itoa(card.Folded.Compact) + "px"} {
		if !strings.Contains(css, want) {
			t.Errorf("card.css lacks %q", want)
		}
	}
}

// Every colour of the palette is in the stylesheet, light and dark in one light-dark(), and in
// card.js, which checks a partner's accent against them.
func TestPaletteIsInjected(t *testing.T) {
	b := build(t)
	l, d := reflect.ValueOf(card.Palette.Light), reflect.ValueOf(card.Palette.Dark)
	for i := range l.NumField() {
		name, lv, dv := l.Type().Field(i).Name, l.Field(i).String(), d.Field(i).String()
		pair := "light-dark(" + lv + ", " + dv + ")"
		if name == "Accent" {
			pair = "light-dark(var(--partner-accent-light, " + lv + "), var(--partner-accent-dark, " + dv + "))"
		}
		if !strings.Contains(b["/web/card.css"], pair) {
			t.Errorf("card.css: %s is not %s", name, pair)
		}
		for _, v := range []string{lv, dv} {
			if !strings.Contains(b["/web/card.js"], `"`+v+`"`) {
				t.Errorf("card.js lacks %s's %s", name, v)
			}
		}
	}
}

// The sources hold no copy of a fact: each is written once, in the Go code.
func TestSourcesHoldNoCopies(t *testing.T) {
	copies := []string{card.StorageKey, card.DataElementID, strconv.Itoa(card.Folded.Full), strconv.Itoa(card.Folded.Compact), "{2,8}", "{1,2}"}
	l, d := reflect.ValueOf(card.Palette.Light), reflect.ValueOf(card.Palette.Dark)
	for i := range l.NumField() {
		copies = append(copies, l.Field(i).String(), d.Field(i).String())
	}
	web := os.DirFS("../../web")
	err := fs.WalkDir(web, frontend.Sources, func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := fs.ReadFile(web, name)
		for _, c := range copies {
			if strings.Contains(strings.ToLower(string(src)), strings.ToLower(c)) {
				t.Errorf("web/%s has a copy of %q: import it from \"facts\"", name, c)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBuildErrorsNameTheSource(t *testing.T) {
	tree := func(cardJS string) fstest.MapFS {
		return fstest.MapFS{
			"src/card.js":  {Data: []byte(cardJS)},
			"src/card.css": {Data: []byte(`@import "facts.css";`)},
			"src/embed.js": {Data: []byte(`import { FOLD } from "facts"; console.log(FOLD);`)},
		}
	}
	for _, c := range []struct{ src, want string }{
		{"\nimport x from \"lodash\";\nx();", `web/src/card.js:2:15: "lodash": only relative paths and "facts" are imported`},
		{`import "../../etc/passwd.js";`, `web/src/card.js:1:8: "../../etc/passwd.js" is outside web/`},
		{`import "./card/gone.js";`, "web/src/card.js:1:8:"},
		{"let = ;", `web/src/card.js:1:7: Unexpected ";"`},
		{"console.log({ a: 1, a: 2 });", `web/src/card.js:1:21: Duplicate key "a" in object literal`},
	} {
		_, err := frontend.Build(tree(c.src), nil, frontend.Brand{Colours: card.Palette, Theme: "auto"})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to start with %q", c.src, err, c.want)
		}
	}
}

func TestIsSource(t *testing.T) {
	for name, want := range map[string]bool{"src": true, "src/card.js": true, "src/card/fold.js": true, "card.js": false, "srcset.txt": false, "icon.svg": false} {
		if got := frontend.IsSource(name); got != want {
			t.Errorf("IsSource(%q) = %v", name, got)
		}
	}
}
