package server_test

import (
	"eventcard/app/internal/projecttree"

	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/server"
)

// ---- 8. A broken tree fails at start, naming the file and the field; the version follows
// every served file ----

// quiet is the configuration of servers built from a copied tree: without web/app.wasm, the
// server warns that it serves prerendered pages only, which is what these tests want.
var quiet = server.Config{Log: slog.New(slog.DiscardHandler)}

// realTree copies the project's web/, locales/ and events/ into a MapFS (without the wasm,
// which is large and which the server may do without).
func realTree(t *testing.T) fstest.MapFS {
	t.Helper()
	m := projecttree.Copy(t, root, "web", "locales", "events")
	for _, must := range []string{"events/" + eventID + ".toml", "locales/languages.toml", "web/src/embed.js"} {
		if m[must] == nil {
			t.Fatalf("the copied tree lacks %s", must)
		}
	}
	return m
}

func TestNewOnTheCopiedTree(t *testing.T) {
	// The control for the tests below: the copy itself loads.
	if _, err := server.New(realTree(t), quiet); err != nil {
		t.Fatalf("server.New on the copied tree: %v", err)
	}
}

func TestNewRefusesABrokenTree(t *testing.T) {
	eventFile := "events/" + eventID + ".toml"
	frEvent := "locales/events/" + eventID + "/active.fr.toml"
	cases := []struct {
		name   string
		break_ func(t *testing.T, m fstest.MapFS)
		want   []string // in the error
	}{
		{
			"an event message missing in fr",
			func(t *testing.T, m fstest.MapFS) { projecttree.RemoveTable(t, m, frEvent, "[Kind]") },
			[]string{frEvent, "Kind"},
		},
		{
			"a speaker's role missing in fr",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.RemoveTable(t, m, frEvent, `["Person.nilda-romero.Role"]`)
			},
			[]string{frEvent, "Person.nilda-romero.Role"},
		},
		{
			"an interface message missing in pt",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.RemoveTable(t, m, "locales/ui/active.pt.toml", "[UnknownEvent]")
			},
			[]string{"locales/ui/active.pt.toml", "UnknownEvent"},
		},
		{
			"a language's event file missing",
			func(t *testing.T, m fstest.MapFS) { delete(m, frEvent) },
			[]string{frEvent},
		},
		{
			"a javascript: video",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.Replace(t, m, eventFile, `video = "https://www.oas.org/en/cim/"`, `video = "javascript:alert(1)"`)
			},
			[]string{eventFile, "video"},
		},
		{
			"a data: video",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.Replace(t, m, eventFile, `video = "https://www.oas.org/en/cim/"`, `video = "data:text/html,<script>alert(1)</script>"`)
			},
			[]string{eventFile, "video"},
		},
		{
			"an http: organization link",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.Replace(t, m, eventFile, `url = "https://www.mujer.gov.py/"`, `url = "http://www.mujer.gov.py/"`)
			},
			[]string{eventFile, "organizations[2].url"},
		},
		{
			"a straight quote in a message",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.Replace(t, m, frEvent, `other = "Webinaire"`, `other = "Webinaire \"live\""`)
			},
			[]string{frEvent, "Kind"},
		},
		{
			"the loader's facts not found",
			func(t *testing.T, m fstest.MapFS) {
				projecttree.Replace(t, m, "web/src/embed.js", `from "facts"`, `from "fact"`)
			},
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
			m := realTree(t)
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
		if _, err := server.New(realTree(t), server.Config{BaseURL: base}); err == nil {
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

	base := version(realTree(t))
	if base == "" {
		t.Fatal("empty version")
	}
	// Deterministic: the same files, the same version (a restart keeps every cache valid).
	if again := version(realTree(t)); again != base {
		t.Errorf("same tree, two versions: %s, %s", base, again)
	}
	// One byte changed anywhere served changes it. (Bytes in comments, so that every card
	// stays the same: go-app's routes are global.)
	changes := []struct{ file, old, new string }{
		{"web/src/card.css", "#app-wasm-loader { display: none !important; }", "#app-wasm-loader { display: none !important;}"},
		{"web/src/embed.js", "one script tag, one frame", "one script tag, one frame!"},
		{"web/src/card/fold.js", "<ec-fold>", "<ec-fold> "},
		{"web/icon.svg", "<svg", "<svg "},
		{"events/" + eventID + ".toml", "# One event", "# one event"},
		{"locales/languages.toml", "# The languages", "# the languages"},
	}
	seen := map[string]string{base: "the real tree"}
	for _, c := range changes {
		m := realTree(t)
		projecttree.Replace(t, m, c.file, c.old, c.new)
		v := version(m)
		if prev, ok := seen[v]; ok {
			t.Errorf("changing %s gives the version of %s (%s)", c.file, prev, v)
		}
		seen[v] = c.file
	}
	// A file added counts too.
	m := realTree(t)
	m["web/extra.txt"] = &fstest.MapFile{Data: []byte("x")}
	if v := version(m); v == base {
		t.Errorf("adding web/extra.txt keeps the version %s", v)
	}
}

// Two servers in one process, built from different trees, each serve their own cards.
//
// card.Route registers the pages with go-app's global router on every server.New, and go-app
// keeps the first registration of a regexp route: /events/… and /embed/… pages of every later
// Server are rendered from the FIRST Server's cards, while that later Server's own set decides
// the status, the language and the cache key.
func TestSecondServerServesItsOwnCards(t *testing.T) {
	const title = "Titre de la seconde instance"
	m := realTree(t)
	projecttree.Replace(t, m, "locales/events/"+eventID+"/active.fr.toml",
		"other = \"Où sont les femmes\u00a0? La traite des personnes et la Convention de Belém do Pará\"",
		`other = "`+title+`"`)
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
