package server_test

import (
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/server"
)

// ---- 8. A broken tree fails at start, naming the file and the field; the version follows
// every served file ----

// quiet is the configuration of servers built from a copied tree: without web/app.wasm, the
// server warns that it serves prerendered pages only, which is what these tests want.
var quiet = server.Config{Log: slog.New(slog.DiscardHandler)}

// fixtureTree is a copy of the fixtures a test may alter (without the wasm, which the server
// may do without).
func fixtureTree(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fixtures.Tree(t)
	for _, must := range []string{"events/" + eventID + ".toml", "locales/languages.toml", "web/src/embed.js"} {
		if m[must] == nil {
			t.Fatalf("the fixture tree lacks %s", must)
		}
	}
	return m
}

// The project's own events and translations load: the server starts on the tree the binary
// embeds. (What they say is content: behaviour is tested on the fixtures.)
func TestNewOnTheProjectTree(t *testing.T) {
	if _, err := server.New(os.DirFS(root), quiet); err != nil {
		t.Fatalf("server.New on the project's tree: %v", err)
	}
}

func TestNewOnTheCopiedTree(t *testing.T) {
	// The control for the tests below: the copy itself loads.
	if _, err := server.New(fixtureTree(t), quiet); err != nil {
		t.Fatalf("server.New on the copied fixtures: %v", err)
	}
}

func TestNewRefusesABrokenTree(t *testing.T) {
	eventFile := "events/" + eventID + ".toml"
	frEvent := "locales/events/" + eventID + "/active.fr.toml"
	// replace is the edit that replaces old by new in file.
	replace := func(file, old, new string) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, m fstest.MapFS) { projecttree.Replace(t, m, file, old, new) }
	}
	cases := []struct {
		name   string
		break_ func(t *testing.T, m fstest.MapFS)
		want   []string // in the error
	}{
		// A text not translated yet is served, in the event's own language and marked as such
		// (views' untranslated_test.go); a text that cannot be shown is not.
		{
			"an event message missing in the event's own language",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.DeleteMessage(t, m, "locales/events/"+eventID+"/active.es.toml", "Kind")
			},
			[]string{"locales/events/" + eventID + "/active.es.toml", "Kind"},
		},
		{
			"a speaker's role misspelt in fr",
			replace(frEvent, `"Person.bruno-silva.Role"`, `"Person.bruno-silva.Rol"`),
			[]string{frEvent + ":9: Person.bruno-silva.Rol", "did you mean Person.bruno-silva.Role?"},
		},
		{
			"an empty translation in fr",
			replace(frEvent, `Kind = "Webinaire"`, `Kind = ""`),
			[]string{frEvent + ":2: Kind", "empty"},
		},
		{
			"a portrait's file missing",
			func(t *testing.T, m fstest.MapFS) { delete(m, "events/"+fixtures.Workshop+"/dora-ruiz.png") },
			[]string{"events/" + fixtures.Workshop + ".toml", "people[0].portrait"},
		},
		{
			"a banner that is no image",
			func(t *testing.T, m fstest.MapFS) {
				m["events/"+fixtures.Workshop+"/banner.png"] = &fstest.MapFile{Data: []byte("<html>not a picture</html>")}
			},
			[]string{"events/" + fixtures.Workshop + "/banner.png"},
		},
		{
			"an interface message missing in pt",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.RemoveTable(t, m, "locales/ui/active.pt.toml", "[UnknownEvent]")
			},
			[]string{"locales/ui/active.pt.toml", "UnknownEvent"},
		},
		{
			"a javascript: recording",
			replace(eventFile, `url = "https://video.example.org/webinar"`, `url = "javascript:alert(1)"`),
			[]string{eventFile, "recording.url"},
		},
		{
			"a data: recording",
			replace(eventFile, `url = "https://video.example.org/webinar"`, `url = "data:text/html,<script>alert(1)</script>"`),
			[]string{eventFile, "recording.url"},
		},
		{
			"an http: organization link",
			replace(eventFile, `url = "https://comision.example.org/"`, `url = "http://comision.example.org/"`),
			[]string{eventFile, "organizations[0].url"},
		},
		{
			"a straight quote in a message",
			replace(frEvent, `Kind = "Webinaire"`, `Kind = "Webinaire \"live\""`),
			[]string{frEvent, "Kind"},
		},
		{
			"the loader's facts not found",
			replace("web/src/embed.js", `from "facts"`, `from "fact"`),
			[]string{"web/src/embed.js", `"fact"`},
		},
		{
			"a module of card.js missing",
			func(t *testing.T, m fstest.MapFS) { delete(m, "web/src/card/fold.js") },
			[]string{"web/src/card.js", "fold.js"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fixtureTree(t)
			c.break_(t, m)
			s, err := server.New(m, quiet)
			if err == nil {
				t.Fatalf("server.New accepted the broken tree (version %s)", s.Version())
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

func TestNewRefusesABadBaseURL(t *testing.T) {
	for _, base := range []string{"javascript:alert(1)", "ftp://example.org", "//example.org", "http://"} {
		if _, err := server.New(fixtureTree(t), server.Config{BaseURL: base}); err == nil {
			t.Errorf("server.New accepted BaseURL %q", base)
		}
	}
}

func TestVersionFollowsEveryServedFile(t *testing.T) {
	version := func(m fstest.MapFS) string {
		t.Helper()
		s, err := server.New(m, quiet)
		if err != nil {
			t.Fatal(err)
		}
		// What a cache sees: the version is the ETag of go-app's files and of the loader.
		for _, path := range []string{"/embed.js", "/manifest.webmanifest", "/app.js"} {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if got := rec.Header().Get("ETag"); got != `"`+s.Version()+`"` {
				t.Errorf("%s: ETag %s, want the version %q", path, got, s.Version())
			}
		}
		return s.Version()
	}

	base := version(fixtureTree(t))
	if base == "" {
		t.Fatal("empty version")
	}
	// Deterministic: the same files, the same version (a restart keeps every cache valid).
	if again := version(fixtureTree(t)); again != base {
		t.Errorf("same tree, two versions: %s, %s", base, again)
	}
	// One byte changed anywhere served changes it (bytes in comments: the cards stay the same).
	changes := []struct{ file, old, new string }{
		{"web/src/card.css", "#app-wasm-loader { display: none !important; }", "#app-wasm-loader { display: none !important;}"},
		{"web/src/embed.js", "one script tag, one frame", "one script tag, one frame!"},
		{"web/src/card/fold.js", "<ec-fold>", "<ec-fold> "},
		{"web/icon.svg", "<svg", "<svg "},
		{"events/" + eventID + ".toml", "# A past online webinar", "# a past online webinar"},
		{"locales/languages.toml", "# The languages", "# the languages"},
	}
	seen := map[string]string{base: "the real tree"}
	for _, c := range changes {
		m := fixtureTree(t)
		projecttree.Replace(t, m, c.file, c.old, c.new)
		v := version(m)
		if prev, ok := seen[v]; ok {
			t.Errorf("changing %s gives the version of %s (%s)", c.file, prev, v)
		}
		seen[v] = c.file
	}
	// A file added counts too.
	m := fixtureTree(t)
	m["web/extra.txt"] = &fstest.MapFile{Data: []byte("x")}
	if v := version(m); v == base {
		t.Errorf("adding web/extra.txt keeps the version %s", v)
	}
}

// Two servers in one process, built from different trees, each serve their own cards. (Pages
// rendered through go-app's global router, which keeps the first registration of a route,
// once showed a later Server the first one's cards.)
func TestSecondServerServesItsOwnCards(t *testing.T) {
	const title = "Titre de la seconde instance"
	m := fixtureTree(t)
	projecttree.Replace(t, m, "locales/events/"+eventID+"/active.fr.toml", `Title = "`+eventMessage(t, "fr", "Title")+`"`, `Title = "`+title+`"`)
	s, err := server.New(m, quiet)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{embedPath("fr"), eventPath("fr"), loaderPath("fr"), "/events/" + eventID + "?lang=fr"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		if got := h1(t, rec.Body.String()); got != html.EscapeString(title) {
			t.Errorf("second server, %s: <h1> %q, want its own tree's title %q", path, got, title)
		}
	}
	// The first server is unaffected.
	if got, want := h1(t, get(t, embedPath("fr"), nil).body), html.EscapeString(eventMessage(t, "fr", "Title")); got != want {
		t.Errorf("first server: <h1> %q, want %q", got, want)
	}
}
