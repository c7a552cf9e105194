package server_test

import (
	"html"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
)

// TestAddingAnEventBreaksNothing does what the README's "Add an event" asks of an organizer:
// a second event, copied from the project's own with a new id, a date in the future and no
// recording, with its four message files. The tree loads, and the server serves the new
// event's card, its calendar file and its structured data, beside the event it was copied from.
func TestAddingAnEventBreaksNothing(t *testing.T) {
	m := projecttree.Copy(t, root, "web", "locales", "events", "site")
	var ids []string
	for name := range m {
		if path.Dir(name) == "events" && path.Ext(name) == ".toml" {
			ids = append(ids, strings.TrimSuffix(path.Base(name), ".toml"))
		}
	}
	if len(ids) == 0 {
		t.Fatal("the project has no event to copy")
	}
	slices.Sort(ids)
	from, id := ids[0], "added-event-2099"

	file := string(m["events/"+from+".toml"].Data)
	file = strings.Replace(file, `id = "`+from+`"`, `id = "`+id+`"`, 1)
	file = regexp.MustCompile(`(?m)^date = \S+`).ReplaceAllString(file, "date = 2099-10-01")
	file = regexp.MustCompile(`(?m)^(end_date|registration\.deadline|deadline) = \S+.*\n`).ReplaceAllString(file, "")
	file = regexp.MustCompile(`(?ms)^\[recording\]\n.*?(\n\n|\z)`).ReplaceAllString(file, "")
	if strings.Contains(file, "[recording]") || !strings.Contains(file, `id = "`+id+`"`) || !strings.Contains(file, "date = 2099-10-01") {
		t.Fatalf("the copy is not the event it should be:\n%s", file)
	}
	m["events/"+id+".toml"] = &fstest.MapFile{Data: []byte(file)}
	for name, f := range m {
		if rest, ok := strings.CutPrefix(name, "locales/events/"+from+"/"); ok {
			m["locales/events/"+id+"/"+rest] = f
		}
	}
	for _, lang := range langs {
		if m["locales/events/"+id+"/active."+lang+".toml"] == nil {
			t.Fatalf("no %s messages copied", lang)
		}
	}

	ws := serverOf(t, m)

	for _, lang := range langs {
		title := fixtures.Message(t, m, "locales/events/"+id+"/active."+lang+".toml", "Title")
		// The card: its title, an upcoming event one can add to a calendar, no recording.
		page := "/" + lang + "/events/" + id + "/"
		r := getFrom(t, ws, page, nil)
		if r.code != http.StatusOK || h1(t, r.body) != html.EscapeString(title) {
			t.Fatalf("GET %s: status %d, <h1> %q; want 200 and %q", page, r.code, h1(t, r.body), title)
		}
		var actions []string
		for _, a := range tags(r.body, "a") {
			if slices.Contains(strings.Fields(a.attrs["class"]), "card-button") {
				actions = append(actions, a.attrs["href"])
			}
		}
		if !slices.Equal(actions, []string{"/" + lang + "/events/" + id + ".ics"}) {
			t.Errorf("GET %s: actions %v, want its calendar file only", page, actions)
		}
		if b := pageData(t, r.body); b.Event != id || !b.View(lang).Card.Upcoming(b.View(lang).Card.When.Ends.AddDate(0, 0, -1)) {
			t.Errorf("GET %s: the data is not the added event's", page)
		}
		// Its calendar file.
		ev := getICS(t, ws, "/"+lang+"/events/"+id+".ics")
		if ev["UID"].value != id+"@127.0.0.1" || ev["DTSTART"].value != "20991001" || icsUnescape(t, ev["SUMMARY"].value) != title || ev["STATUS"].value != "CONFIRMED" {
			t.Errorf("%s's calendar file: UID %q, DTSTART %q, SUMMARY %q, STATUS %q", id, ev["UID"].value, ev["DTSTART"].value, ev["SUMMARY"].value, ev["STATUS"].value)
		}
		// Its structured data.
		lds := jsonLD(t, head(t, r.body))
		if len(lds) != 1 {
			t.Fatalf("GET %s: %d JSON-LD blocks, want 1", page, len(lds))
		}
		if e := lds[0]; e["name"] != title || e["startDate"] != "2099-10-01" || e["url"] != baseURL+page || e["recordedIn"] != nil {
			t.Errorf("GET %s: JSON-LD name %v, startDate %v, url %v, recordedIn %v", page, e["name"], e["startDate"], e["url"], e["recordedIn"])
		}
		// The event it was copied from is still there, and the home page lists both.
		if r := getFrom(t, ws, "/"+lang+"/events/"+from+"/", nil); r.code != http.StatusOK {
			t.Errorf("GET /%s/events/%s/: status %d", lang, from, r.code)
		}
		home := getFrom(t, ws, "/"+lang+"/", nil)
		for _, e := range []string{id, from} {
			if len(elements(home.body, "a", "href", "/"+lang+"/events/"+e+"/")) != 1 {
				t.Errorf("the %s home page does not list %s", lang, e)
			}
		}
	}
	// The calendar to subscribe to has it.
	if r := getFrom(t, ws, "/events.ics", nil); !strings.Contains(r.body, "UID:"+id+"@") {
		t.Errorf("/events.ics does not list the added event")
	}
}
