package e2e

// The events the browser tests show are the fixture events (app/internal/fixtures), one of each
// kind and status, never the project's own: adding, changing or removing an event in events/
// changes no browser test. What a visitor should read is made from the fixtures' event files
// (through content) and their message files and locales/ui (through go-i18n), never copied here.

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// eventID is the card most tests embed: the past webinar, the seed's shape (its recording,
// quotes, documents, a moderator, the rest of its summary behind "read more").
const eventID = fixtures.PastWebinar

// snippet is the script tag alone, as a partner may paste it, for eventID.
const snippet = `<script async src="{{widget}}/embed.js" data-event="` + eventID + `"></script>`

// snippetOf is the script tag alone for event id.
func snippetOf(id string) string { return strings.Replace(snippet, eventID, id, 1) }

var (
	treeOnce sync.Once
	tree     fstest.MapFS
)

// fixtureTree is the widget's files with the fixture events and the built wasm, read once and
// shared by every site: never written into (editableTree gives a copy to change).
func fixtureTree(t *testing.T) fstest.MapFS {
	t.Helper()
	treeOnce.Do(func() { tree = fixtures.TreeWithWasm(t) }) // fails this test if a file is missing
	if tree == nil {
		t.Fatal("the fixture tree could not be read: see the first test that failed")
	}
	return tree
}

// editableTree is a copy of the fixture tree that a test may change file by file.
func editableTree(t *testing.T) fstest.MapFS {
	t.Helper()
	return maps.Clone(fixtureTree(t))
}

var (
	factsOnce sync.Once
	catalog   *i18n.Catalog
	events    map[string]*content.Event
	factsErr  error
)

// loadFacts reads the fixture events and the message catalog once.
func loadFacts(t *testing.T) {
	t.Helper()
	m := fixtureTree(t)
	factsOnce.Do(func() {
		var list []*content.Event
		if list, factsErr = content.Load(m); factsErr != nil {
			return
		}
		events = map[string]*content.Event{}
		for _, e := range list {
			events[e.ID] = e
		}
		catalog, factsErr = i18n.Load(m)
	})
	if factsErr != nil {
		t.Fatalf("the fixtures: %v", factsErr)
	}
}

// event is fixture event id as content reads it.
func event(t *testing.T, id string) *content.Event {
	t.Helper()
	loadFacts(t)
	e := events[id]
	if e == nil {
		t.Fatalf("no fixture event %s", id)
	}
	return e
}

// say is what write makes with go-i18n's localizer of lang and event id's messages ("": the
// interface's only); a message missing in lang fails the test.
func say(t *testing.T, lang, id string, write func(l *i18n.Localizer) string) string {
	t.Helper()
	loadFacts(t)
	l, err := catalog.For(lang, id)
	if err != nil {
		t.Fatal(err)
	}
	s := write(l)
	if err := l.Err(); err != nil {
		t.Fatalf("%s %s: %v", lang, id, err)
	}
	return s
}

// ui is an interface text in lang.
func ui(t *testing.T, lang string, m *goi18n.Message) string {
	t.Helper()
	return say(t, lang, "", func(l *i18n.Localizer) string { return l.Text(m, nil) })
}

// eventText is one of event id's own messages in lang ("Title", "Image.Alt").
func eventText(t *testing.T, id, lang, message string) string {
	t.Helper()
	return say(t, lang, id, func(l *i18n.Localizer) string { return l.Event(message) })
}

// title is event id's title in lang.
func title(t *testing.T, id, lang string) string {
	t.Helper()
	return eventText(t, id, lang, "Title")
}

// frameTitle is the title the partner's frame gets once event id's card is in it, in lang.
func frameTitle(t *testing.T, id, lang string) string {
	t.Helper()
	return say(t, lang, id, func(l *i18n.Localizer) string {
		return l.Text(i18n.FrameTitle, map[string]any{"Title": l.Event("Title")})
	})
}

// siteAccent is the fixture site's accent in the light scheme (its branding), as CSS computes a
// colour: "rgb(11, 110, 79)".
func siteAccent(t *testing.T) string {
	t.Helper()
	site, err := content.LoadSite(fixtureTree(t))
	if err != nil {
		t.Fatal(err)
	}
	var r, g, b int
	if _, err := fmt.Sscanf(site.Accent, "#%02x%02x%02x", &r, &g, &b); err != nil {
		t.Fatalf("%s: accent %q: %v", content.SiteFile, site.Accent, err)
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", r, g, b)
}

// readmeSnippet is the README's snippet (the link that holds the card's place, then the
// script) as partners are told to paste it, showing eventID instead of the project's event.
func readmeSnippet(t *testing.T) string {
	t.Helper()
	s := readmeBlock(t, "## Embed", "html")
	m := regexp.MustCompile(`data-event="([^"]+)"`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("README, Embed: the snippet has no data-event:\n%s", s)
	}
	if !strings.Contains(s, `href="{{widget}}/events/`+m[1]+`"`) {
		t.Fatalf("README, Embed: the snippet's link does not go to its event's page:\n%s", s)
	}
	return strings.ReplaceAll(s, m[1], eventID)
}
