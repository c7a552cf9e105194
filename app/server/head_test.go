package server_test

// What a page's head says to search engines and social networks: schema.org JSON-LD, Open
// Graph and Twitter tags, the oEmbed discovery link.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"eventcard/app/internal/projecttree"
	"eventcard/app/server"

	"github.com/BurntSushi/toml"
)

// ldEvent is the schema.org Event as the tests read it.
type ldEvent struct {
	Context             string `json:"@context"`
	Type                string `json:"@type"`
	Name                string `json:"name"`
	Description         string `json:"description"`
	StartDate           string `json:"startDate"`
	EndDate             string `json:"endDate"`
	EventStatus         string `json:"eventStatus"`
	EventAttendanceMode string `json:"eventAttendanceMode"`
	Location            struct {
		Type string `json:"@type"`
		URL  string `json:"url"`
	} `json:"location"`
	Organizer []ldOrg `json:"organizer"`
	Performer []struct {
		Type        string `json:"@type"`
		Name        string `json:"name"`
		JobTitle    string `json:"jobTitle"`
		Affiliation *ldOrg `json:"affiliation"`
	} `json:"performer"`
	InLanguage string `json:"inLanguage"`
	URL        string `json:"url"`
	Image      string `json:"image"`
	RecordedIn *struct {
		Type         string `json:"@type"`
		Name         string `json:"name"`
		Description  string `json:"description"`
		URL          string `json:"url"`
		ThumbnailURL string `json:"thumbnailUrl"`
		InLanguage   string `json:"inLanguage"`
	} `json:"recordedIn"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// jsonLD returns the page's JSON-LD blocks, parsed with encoding/json.
func jsonLD(t *testing.T, page string) []ldEvent {
	t.Helper()
	var out []ldEvent
	for _, m := range dataRE.FindAllStringSubmatch(page, -1) {
		if tags("<x "+m[1]+">", "x")[0].attrs["type"] != "application/ld+json" {
			continue
		}
		var e ldEvent
		dec := json.NewDecoder(strings.NewReader(m[2]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%.500s", err, m[2])
		}
		out = append(out, e)
	}
	return out
}

// eventFile is the parts of the event file the structured data repeats.
type eventFile struct {
	Video         string
	Organizers    []string
	Organizations []struct{ ID, URL string }
	People        []struct{ ID, Name, Organization string }
}

func readEventFile(t *testing.T) eventFile {
	t.Helper()
	var f eventFile
	if _, err := toml.DecodeFile(root+"/events/"+eventID+".toml", &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestStructuredDataPerLanguage(t *testing.T) {
	f := readEventFile(t)
	orgURL := map[string]string{}
	for _, o := range f.Organizations {
		orgURL[o.ID] = o.URL
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			// The standalone page, and the home page, which shows the same card.
			for _, path := range []string{eventPath(lang), "/" + lang + "/"} {
				r := get(t, path, nil)
				lds := jsonLD(t, head(t, r.body))
				if len(lds) != 1 {
					t.Fatalf("GET %s: %d JSON-LD blocks in <head>, want 1", path, len(lds))
				}
				e := lds[0]
				if e.Context != "https://schema.org" || e.Type != "Event" {
					t.Errorf("@context %q @type %q", e.Context, e.Type)
				}
				if want := eventMessage(t, lang, "Title"); e.Name != want {
					t.Errorf("name %q, want %q", e.Name, want)
				}
				if want := strings.TrimSpace(eventMessage(t, lang, "Summary")); e.Description != want {
					t.Errorf("description %q, want the summary %q", e.Description, want)
				}
				// A day without a time: ISO days, the event lasting the day.
				if e.StartDate != "2020-09-14" || e.EndDate != "2020-09-14" {
					t.Errorf("startDate %q endDate %q, want 2020-09-14 both", e.StartDate, e.EndDate)
				}
				if e.EventStatus != "https://schema.org/EventScheduled" || e.EventAttendanceMode != "https://schema.org/OnlineEventAttendanceMode" {
					t.Errorf("eventStatus %q eventAttendanceMode %q", e.EventStatus, e.EventAttendanceMode)
				}
				if e.Location.Type != "VirtualLocation" || e.Location.URL != f.Video {
					t.Errorf("location %+v, want a VirtualLocation at %s", e.Location, f.Video)
				}
				var orgs []ldOrg
				for _, id := range f.Organizers {
					orgs = append(orgs, ldOrg{"Organization", eventMessage(t, lang, "Organization."+id+".Name"), orgURL[id]})
				}
				if !slices.Equal(e.Organizer, orgs) {
					t.Errorf("organizer %+v, want %+v", e.Organizer, orgs)
				}
				if len(e.Performer) != len(f.People) {
					t.Fatalf("%d performers, want %d", len(e.Performer), len(f.People))
				}
				for i, p := range f.People {
					got := e.Performer[i]
					if got.Type != "Person" || got.Name != p.Name || got.JobTitle != eventMessage(t, lang, "Person."+p.ID+".Role") {
						t.Errorf("performer %d: %+v, want %s, %q", i, got, p.Name, eventMessage(t, lang, "Person."+p.ID+".Role"))
					}
					want := ldOrg{"Organization", eventMessage(t, lang, "Organization."+p.Organization+".Name"), orgURL[p.Organization]}
					if got.Affiliation == nil || *got.Affiliation != want {
						t.Errorf("performer %d: affiliation %+v, want %+v", i, got.Affiliation, want)
					}
				}
				if e.InLanguage != lang {
					t.Errorf("inLanguage %q, want %s", e.InLanguage, lang)
				}
				if want := baseURL + eventPath(lang); e.URL != want {
					t.Errorf("url %q, want the canonical %q", e.URL, want)
				}
				checkShareImage(t, e.Image)
				// The event file says its video link is not the recording.
				if e.RecordedIn != nil {
					t.Errorf("recordedIn %+v, but the event file has no recording = true", e.RecordedIn)
				}
			}
		})
	}
	// A negotiated address: the structured data of the negotiated language.
	r := get(t, "/events/"+eventID, map[string]string{"Accept-Language": "pt-BR"})
	if lds := jsonLD(t, r.body); len(lds) != 1 || lds[0].InLanguage != "pt" {
		t.Errorf("/events/%s in pt: JSON-LD %+v", eventID, lds)
	}
	// Not in a frame (its canonical address is the standalone page), nor about no event.
	for _, path := range []string{embedPath("en"), loaderPath("fr"), "/embed/nope", "/events/nope?lang=en", "/de/events/" + eventID + "/"} {
		if lds := jsonLD(t, get(t, path, nil).body); len(lds) != 0 {
			t.Errorf("GET %s: %d JSON-LD blocks, want none", path, len(lds))
		}
	}
}

// checkShareImage: the image is absolute on the configured origin, and is the 512 px icon.
func checkShareImage(t *testing.T, u string) {
	t.Helper()
	want := baseURL + "/web/icon-512.png"
	if u != want {
		t.Errorf("image %q, want %q", u, want)
		return
	}
	if r := get(t, strings.TrimPrefix(u, baseURL), nil); r.code != http.StatusOK || r.header.Get("Content-Type") != "image/png" {
		t.Errorf("%s: status %d, Content-Type %q", u, r.code, r.header.Get("Content-Type"))
	}
}

// A copied tree where the event is timed, has its recording, and a hostile title in English.
func TestStructuredDataTimedRecordingHostile(t *testing.T) {
	const hostile = `</script><script>alert(1)</script><!-- & “quoted” ]]>`
	m := realTree(t)
	eventFile := "events/" + eventID + ".toml"
	projecttree.Replace(t, m, eventFile, "date = 2020-09-14", "date = 2026-10-01\ntime = \"14:00\"\nduration = \"1h30m\"\nrecording = true")
	projecttree.Replace(t, m, "locales/events/"+eventID+"/active.en.toml",
		`other = "Where are the women? Human trafficking and the Convention of Belém do Pará"`, `other = "`+hostile+`"`)
	s, err := server.New(m, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ws := httptest.NewServer(s)
	defer ws.Close()

	r := getFrom(t, ws, eventPath("en"), nil)
	if r.code != http.StatusOK {
		t.Fatalf("status %d", r.code)
	}
	// Outside attribute values (go-app leaves < and > as they are in a quoted attribute, where
	// they are text; a message cannot hold a double quote), no markup from the title.
	markup := regexp.MustCompile(`="[^"]*"`).ReplaceAllString(r.body, `=""`)
	if i := strings.Index(markup, "<script>alert(1)"); i >= 0 {
		t.Errorf("the hostile title is markup in the page: …%s…", markup[max(0, i-300):i+50])
	}
	lds := jsonLD(t, r.body)
	if len(lds) != 1 {
		t.Fatalf("%d JSON-LD blocks, want 1 (the title closed the element?)", len(lds))
	}
	e := lds[0]
	if e.Name != hostile {
		t.Errorf("name read back as %q, want %q", e.Name, hostile)
	}
	// 14:00 in Asunción (UTC−3), with the zone's offset; 1h30m later.
	if e.StartDate != "2026-10-01T14:00:00-03:00" || e.EndDate != "2026-10-01T15:30:00-03:00" {
		t.Errorf("startDate %q endDate %q, want 2026-10-01T14:00:00-03:00 and 2026-10-01T15:30:00-03:00", e.StartDate, e.EndDate)
	}
	v := e.RecordedIn
	if v == nil {
		t.Fatalf("no recordedIn, but the event file has recording = true")
	}
	if v.Type != "VideoObject" || v.URL != readEventFile(t).Video || v.Name != hostile || v.InLanguage != "es" || v.ThumbnailURL != baseURL+"/web/icon-512.png" {
		t.Errorf("recordedIn %+v", v)
	}
	// The social tags escape it too.
	if got := metaProperty(t, head(t, r.body), "twitter:title"); got != hostile {
		t.Errorf("twitter:title %q", got)
	}
}

// Open Graph and Twitter, per language. go-app writes og:title, og:description, og:url,
// og:type and og:image; the head adds the rest, and gives og:image an address.
func TestSocialTags(t *testing.T) {
	locales := map[string]string{"es": "es_LA", "en": "en_US", "pt": "pt_BR", "fr": "fr_FR"}
	for _, lang := range langs {
		for _, path := range []string{eventPath(lang), embedPath(lang), "/" + lang + "/", "/" + lang + "/events/nope/"} {
			t.Run(path, func(t *testing.T) {
				r := get(t, path, nil)
				h := head(t, r.body)
				all := metaAll(h)
				for _, one := range []string{"og:locale", "og:site_name", "og:image", "og:title", "og:description", "og:url", "og:type", "description"} {
					if n := len(all[one]); n != 1 && !(path == "/"+lang+"/events/nope/" && (one == "og:description" || one == "description")) {
						t.Errorf("%d <meta %s>, want 1", n, one)
					}
				}
				if got := first(all["og:locale"]); got != locales[lang] || got != uiMessage(t, lang, "OGLocale") {
					t.Errorf("og:locale %q, want %q", got, locales[lang])
				}
				var others []string
				for _, l := range langs {
					if l != lang {
						others = append(others, locales[l])
					}
				}
				if got := all["og:locale:alternate"]; !slices.Equal(got, others) {
					t.Errorf("og:locale:alternate %q, want %q", got, others)
				}
				if got, want := first(all["og:site_name"]), uiMessage(t, lang, "AppName"); got != want {
					t.Errorf("og:site_name %q, want %q", got, want)
				}
				checkShareImage(t, first(all["og:image"]))
				if strings.HasSuffix(path, "/nope/") {
					if len(all["twitter:card"]) != 0 || len(all["twitter:title"]) != 0 {
						t.Errorf("twitter card on the page of no event")
					}
					return
				}
				title, summary := eventMessage(t, lang, "Title"), strings.TrimSpace(eventMessage(t, lang, "Summary"))
				if first(all["twitter:card"]) != "summary" || first(all["twitter:title"]) != title || first(all["twitter:description"]) != summary {
					t.Errorf("twitter card %q title %q description %q; want summary, %q, %q", all["twitter:card"], all["twitter:title"], all["twitter:description"], title, summary)
				}
				for _, one := range []string{"twitter:card", "twitter:title", "twitter:description"} {
					if n := len(all[one]); n != 1 {
						t.Errorf("%d <meta %s>, want 1", n, one)
					}
				}
				if first(all["og:description"]) != summary {
					t.Errorf("og:description %q, want the summary", first(all["og:description"]))
				}
			})
		}
	}
}

// metaAll is every <meta property|name=… content=…>, by property or name, in order.
func metaAll(h string) map[string][]string {
	out := map[string][]string{}
	for _, m := range tags(h, "meta") {
		k := m.attrs["property"]
		if k == "" {
			k = m.attrs["name"]
		}
		if k != "" {
			out[k] = append(out[k], m.attrs["content"])
		}
	}
	return out
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// discovery returns the page's oEmbed discovery links.
func discovery(t *testing.T, page string) []tag {
	t.Helper()
	var out []tag
	for _, l := range tags(head(t, page), "link") {
		if l.attrs["type"] == "application/json+oembed" {
			if l.attrs["rel"] != "alternate" {
				t.Errorf("oEmbed link without rel=alternate: %s", l.raw)
			}
			out = append(out, l)
		}
	}
	return out
}

// The standalone pages name their oEmbed (the query endpoint, on a server); the frame and the
// page of no event do not. Following the link gives the card's oEmbed in the page's language.
func TestOEmbedDiscovery(t *testing.T) {
	cases := []struct{ path, accept, lang, url string }{
		{eventPath("en"), "", "en", baseURL + eventPath("en")},
		{eventPath("fr"), "", "fr", baseURL + eventPath("fr")},
		{"/events/" + eventID, "pt", "pt", baseURL + eventPath("pt")},
		{"/es/", "", "es", baseURL + "/es/"},
		{"/", "fr-CA", "fr", baseURL + "/fr/"},
	}
	for _, c := range cases {
		r := get(t, c.path, map[string]string{"Accept-Language": c.accept})
		links := discovery(t, r.body)
		if len(links) != 1 {
			t.Errorf("GET %s: %d oEmbed links, want 1", c.path, len(links))
			continue
		}
		l := links[0]
		want := baseURL + "/oembed?" + url.Values{"format": {"json"}, "url": {c.url}}.Encode()
		if l.attrs["href"] != want {
			t.Errorf("GET %s: oEmbed href %q, want %q", c.path, l.attrs["href"], want)
		}
		title := eventMessage(t, c.lang, "Title")
		if l.attrs["title"] != title {
			t.Errorf("GET %s: oEmbed title %q, want %q", c.path, l.attrs["title"], title)
		}
		o := get(t, strings.TrimPrefix(l.attrs["href"], baseURL), nil)
		if o.code != http.StatusOK {
			t.Errorf("GET %s: its oEmbed link answers %d", c.path, o.code)
			continue
		}
		var resp struct{ Title, Type string }
		decodeJSON(t, l.attrs["href"], []byte(o.body), &resp)
		if resp.Type != "rich" || resp.Title != title {
			t.Errorf("GET %s: its oEmbed is %+v, want rich %q", c.path, resp, title)
		}
	}
	for _, path := range []string{embedPath("en"), loaderPath("es"), "/embed/" + eventID, "/events/nope", "/en/events/nope/", "/de/events/" + eventID + "/"} {
		if links := discovery(t, get(t, path, nil).body); len(links) != 0 {
			t.Errorf("GET %s: %d oEmbed links, want none", path, len(links))
		}
	}
}
