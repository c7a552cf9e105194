package meta_test

// The schema.org Event of each fixture event, in each language, read as Google's event results
// read it: the checker below writes down Google's Event structured-data requirements
// (developers.google.com/search/docs/appearance/structured-data/event): the required
// properties, and the recommended ones the event has.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/meta"
	"eventcard/app/views"
)

var (
	langs   = []string{"es", "en", "pt", "fr"}
	base, _ = url.Parse("http://127.0.0.1:8000")
)

const schema = "https://schema.org/"

func load(t *testing.T, fsys fs.FS, pictures views.Pictures) *views.Set {
	t.Helper()
	s, err := views.Load(fsys, pictures)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// jsonLD is event id's JSON-LD in lang, decoded as any reader does.
func jsonLD(t *testing.T, s *views.Set, id, lang string) map[string]any {
	t.Helper()
	f, ok := s.Facts(id, lang)
	if !ok {
		t.Fatalf("no facts for %s in %s", id, lang)
	}
	data, err := meta.EventJSONLD(f, base)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(data), "<>") {
		t.Errorf("%s %s: < or > in the JSON-LD: a text could close its <script>", id, lang)
	}
	var ld map[string]any
	if err := json.Unmarshal(data, &ld); err != nil {
		t.Fatalf("%s %s: %v", id, lang, err)
	}
	return ld
}

// googleEvent lists what Google's event results would find missing or wrong in ld, the
// structured data of e: a required property missing or malformed, or a recommended one the
// event has (an end, a registration, organizers with addresses, people, a former date) left
// out.
func googleEvent(ld map[string]any, e *content.Event) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if c := ld["@context"]; c != "https://schema.org" && c != "http://schema.org" {
		bad("@context %v", c)
	}
	if ld["@type"] != "Event" {
		bad("@type %v, want Event", ld["@type"])
	}
	// Required: name, startDate, location.
	if s, _ := ld["name"].(string); strings.TrimSpace(s) == "" {
		bad("required name: %v", ld["name"])
	}
	start, ok := isoDate(ld["startDate"])
	if !ok {
		bad("required startDate: %v, want an ISO 8601 date, or a date-time with its offset", ld["startDate"])
	}
	var places, virtual int
	locations := list(ld["location"])
	if len(locations) == 0 {
		bad("required location: none")
	}
	for i, l := range locations {
		loc, _ := l.(map[string]any)
		switch loc["@type"] {
		case "Place":
			places++
			if s, _ := loc["name"].(string); s == "" {
				bad("location[%d].name: none", i)
			}
			addr, _ := loc["address"].(map[string]any)
			if addr == nil || addr["@type"] != "PostalAddress" {
				bad("required location[%d].address: %v, want a PostalAddress", i, loc["address"])
				continue
			}
			if s, _ := addr["addressLocality"].(string); s == "" {
				bad("location[%d].address.addressLocality: none", i)
			}
			if s, _ := addr["addressCountry"].(string); !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(s) {
				bad("location[%d].address.addressCountry: %q, want an ISO 3166-1 code", i, s)
			}
			for _, k := range []string{"streetAddress", "addressRegion", "postalCode"} {
				if v, ok := addr[k]; ok && v == "" {
					bad("location[%d].address.%s: empty", i, k)
				}
			}
		case "VirtualLocation":
			virtual++
			if !absolute(loc["url"]) {
				bad("required location[%d].url: %v, want an absolute address", i, loc["url"])
			}
		default:
			bad("location[%d]: @type %v, want Place or VirtualLocation", i, loc["@type"])
		}
	}

	// Recommended.
	if s, _ := ld["description"].(string); strings.TrimSpace(s) == "" {
		bad("description: none")
	}
	if _, exact := e.When.End(); !e.When.Timed() || exact {
		if end, ok := isoDate(ld["endDate"]); !ok || end.Before(start) {
			bad("endDate: %v, want an ISO 8601 date not before the start", ld["endDate"])
		}
	} else if _, ok := ld["endDate"]; ok {
		bad("endDate %v: the event has no end time", ld["endDate"])
	}
	modes := map[string]bool{"OnlineEventAttendanceMode": true, "OfflineEventAttendanceMode": true, "MixedEventAttendanceMode": true}
	mode, _ := ld["eventAttendanceMode"].(string)
	if !modes[strings.TrimPrefix(mode, schema)] || !strings.HasPrefix(mode, schema) {
		bad("eventAttendanceMode: %q", mode)
	}
	statuses := map[string]bool{"EventScheduled": true, "EventCancelled": true, "EventPostponed": true, "EventRescheduled": true, "EventMovedOnline": true}
	status, _ := ld["eventStatus"].(string)
	if !statuses[strings.TrimPrefix(status, schema)] || !strings.HasPrefix(status, schema) {
		bad("eventStatus: %q", status)
	}
	images := list(ld["image"])
	if len(images) == 0 {
		bad("image: none")
	}
	for i, u := range images {
		if !absolute(u) {
			bad("image[%d]: %v, want an absolute address", i, u)
		}
	}
	if r := e.Registration; r != nil {
		o, _ := ld["offers"].(map[string]any)
		switch {
		case o == nil || o["@type"] != "Offer":
			bad("offers: %v, want an Offer: the event has a registration", ld["offers"])
		default:
			if !absolute(o["url"]) {
				bad("offers.url: %v", o["url"])
			}
			price, _ := o["price"].(string)
			if _, err := strconv.ParseFloat(price, 64); err != nil {
				bad("offers.price: %v, want a number", o["price"])
			}
			// A price needs its currency; a free registration has none in the model.
			if cur, _ := o["priceCurrency"].(string); (price != "0" || cur != "") && !regexp.MustCompile(`^[A-Z]{3}$`).MatchString(cur) {
				bad("offers.priceCurrency: %q, want an ISO 4217 code", cur)
			}
			if a, _ := o["availability"].(string); !strings.HasPrefix(a, schema) || !slices.Contains([]string{"InStock", "SoldOut", "PreOrder", "LimitedAvailability", "OnlineOnly"}, strings.TrimPrefix(a, schema)) {
				bad("offers.availability: %q", a)
			}
		}
	} else if _, ok := ld["offers"]; ok {
		bad("offers %v: the event has no registration", ld["offers"])
	}
	// parties are the organizers or the performers: the event's n, each named, each of one of types.
	parties := func(property string, n int, types ...string) []map[string]any {
		items := list(ld[property])
		if len(items) != n {
			bad("%s: %d, want the event's %d", property, len(items), n)
		}
		out := make([]map[string]any, len(items))
		for i, item := range items {
			out[i], _ = item.(map[string]any)
			if t, _ := out[i]["@type"].(string); !slices.Contains(types, t) {
				bad("%s[%d]: @type %v", property, i, out[i]["@type"])
			}
			if s, _ := out[i]["name"].(string); s == "" {
				bad("%s[%d].name: none", property, i)
			}
		}
		return out
	}
	for i, org := range parties("organizer", len(e.Organizers), "Organization", "Person") {
		if i < len(e.Organizers) && e.Organizers[i].URL != "" && org["url"] != e.Organizers[i].URL {
			bad("organizer[%d].url: %v, want %s", i, org["url"], e.Organizers[i].URL)
		}
	}
	parties("performer", len(e.People), "Person", "PerformingGroup")
	_, hasPrevious := ld["previousStartDate"]
	rescheduled := status == schema+"EventRescheduled"
	if _, ok := isoDate(ld["previousStartDate"]); rescheduled && !ok {
		bad("previousStartDate: %v, want the former start of a rescheduled event", ld["previousStartDate"])
	}
	if hasPrevious && !rescheduled {
		bad("previousStartDate with eventStatus %s: only a rescheduled event has one", status)
	}

	// Google's guidelines: where one takes part follows the attendance mode, and an event moved
	// online is online only.
	switch strings.TrimPrefix(mode, schema) {
	case "OnlineEventAttendanceMode":
		if places != 0 || virtual == 0 {
			bad("online, but %d places and %d virtual locations", places, virtual)
		}
	case "OfflineEventAttendanceMode":
		if places == 0 || virtual != 0 {
			bad("in person, but %d places and %d virtual locations", places, virtual)
		}
	case "MixedEventAttendanceMode":
		if places == 0 || virtual == 0 {
			bad("mixed, but %d places and %d virtual locations", places, virtual)
		}
	}
	if status == schema+"EventMovedOnline" && mode != schema+"OnlineEventAttendanceMode" {
		bad("moved online, but attendance %s", mode)
	}
	return problems
}

// isoDate reads a schema.org Date or DateTime as Google takes one: a day, or a date-time with
// its offset.
func isoDate(v any) (time.Time, bool) {
	s, _ := v.(string)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

func absolute(v any) bool {
	s, _ := v.(string)
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// list is a property that may be one value or several.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// TestJSONLDMeetsGoogleEvent: every fixture event, in every language, with and without its
// pictures, passes the checker.
func TestJSONLDMeetsGoogleEvent(t *testing.T) {
	tree := fixtures.Tree(t)
	events := fixtures.Events(t, tree)
	for name, s := range map[string]*views.Set{"without pictures": load(t, tree, nil), "with pictures": load(t, tree, picture)} {
		for _, id := range fixtures.IDs {
			for _, lang := range langs {
				for _, p := range googleEvent(jsonLD(t, s, id, lang), events[id]) {
					t.Errorf("%s, %s, %s: %s", name, id, lang, p)
				}
			}
		}
	}
}

// The checker fails what Google would refuse or flag.
func TestGoogleEventChecker(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree, nil)
	events := fixtures.Events(t, tree)
	cases := []struct {
		id, name string
		edit     func(ld map[string]any)
	}{
		{fixtures.PastWebinar, "no name", func(ld map[string]any) { delete(ld, "name") }},
		{fixtures.PastWebinar, "a start without its offset", func(ld map[string]any) { ld["startDate"] = "2020-09-14T14:00" }},
		{fixtures.PastWebinar, "no location", func(ld map[string]any) { delete(ld, "location") }},
		{fixtures.Workshop, "a place without an address", func(ld map[string]any) { delete(list(ld["location"])[0].(map[string]any), "address") }},
		{fixtures.Workshop, "a country by name", func(ld map[string]any) {
			list(ld["location"])[0].(map[string]any)["address"].(map[string]any)["addressCountry"] = "Paraguay"
		}},
		{fixtures.Workshop, "an end before the start", func(ld map[string]any) { ld["endDate"] = "2099-03-09" }},
		{fixtures.Workshop, "no offer for a registration", func(ld map[string]any) { delete(ld, "offers") }},
		{fixtures.Workshop, "a price without its currency", func(ld map[string]any) { ld["offers"].(map[string]any)["price"] = "12.50" }},
		{fixtures.Workshop, "an availability of its own", func(ld map[string]any) { ld["offers"].(map[string]any)["availability"] = "InStock" }},
		{fixtures.Workshop, "a place and a virtual location in person", func(ld map[string]any) {
			ld["location"] = append(list(ld["location"]), map[string]any{"@type": "VirtualLocation", "url": "https://meet.example.org/x"})
		}},
		{fixtures.HybridForum, "mixed without its place", func(ld map[string]any) { ld["location"] = list(ld["location"])[1:] }},
		{fixtures.Rescheduled, "rescheduled without its former start", func(ld map[string]any) { delete(ld, "previousStartDate") }},
		{fixtures.PastWebinar, "a former start without being rescheduled", func(ld map[string]any) { ld["previousStartDate"] = "2020-09-01" }},
		{fixtures.MovedOnline, "moved online, still offline", func(ld map[string]any) { ld["eventAttendanceMode"] = schema + "OfflineEventAttendanceMode" }},
		{fixtures.Cancelled, "a status of its own", func(ld map[string]any) { ld["eventStatus"] = "Cancelled" }},
		{fixtures.Cancelled, "no image", func(ld map[string]any) { ld["image"] = []any{} }},
		{fixtures.PastWebinar, "a performer missing", func(ld map[string]any) { ld["performer"] = list(ld["performer"])[1:] }},
		{fixtures.PastWebinar, "an organizer's address left out", func(ld map[string]any) { delete(list(ld["organizer"])[0].(map[string]any), "url") }},
	}
	for _, c := range cases {
		ld := jsonLD(t, s, c.id, "en")
		if p := googleEvent(ld, events[c.id]); len(p) != 0 {
			t.Fatalf("%s: the fixture fails before the edit: %v", c.id, p)
		}
		c.edit(ld)
		if p := googleEvent(ld, events[c.id]); len(p) == 0 {
			t.Errorf("%s, %s: the checker found nothing", c.id, c.name)
		}
	}
}

// TestJSONLDPerEvent: what each fixture event says: its status and attendance mode, where,
// when, its registration, its recording, in the page's language.
func TestJSONLDPerEvent(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree, nil)
	cases := []struct {
		id, status, mode   string
		start, end, former string
		locations          []string // @type, in order
	}{
		{fixtures.PastWebinar, "EventScheduled", "OnlineEventAttendanceMode", "2020-09-14", "2020-09-14", "", []string{"VirtualLocation"}},
		{fixtures.Workshop, "EventScheduled", "OfflineEventAttendanceMode", "2099-03-10T10:00:00-03:00", "2099-03-10T13:00:00-03:00", "", []string{"Place"}},
		{fixtures.HybridForum, "EventScheduled", "MixedEventAttendanceMode", "2099-06-01", "2099-06-03", "", []string{"Place", "VirtualLocation"}},
		{fixtures.Cancelled, "EventCancelled", "OnlineEventAttendanceMode", "2099-09-20", "2099-09-20", "", []string{"VirtualLocation"}},
		{fixtures.Postponed, "EventPostponed", "OfflineEventAttendanceMode", "2099-04-15T18:30:00-06:00", "", "", []string{"Place"}},
		{fixtures.Rescheduled, "EventRescheduled", "OnlineEventAttendanceMode", "2099-05-21T14:00:00-03:00", "2099-05-21T15:30:00-03:00", "2099-05-14T14:00:00-03:00", []string{"VirtualLocation"}},
		{fixtures.MovedOnline, "EventMovedOnline", "OnlineEventAttendanceMode", "2099-11-05", "2099-11-05", "", []string{"VirtualLocation"}},
	}
	events := fixtures.Events(t, tree)
	for _, c := range cases {
		e := events[c.id]
		for _, lang := range langs {
			ld := jsonLD(t, s, c.id, lang)
			str := func(k string) string { v, _ := ld[k].(string); return v }
			if str("eventStatus") != schema+c.status || str("eventAttendanceMode") != schema+c.mode {
				t.Errorf("%s %s: %s, %s; want %s, %s", c.id, lang, str("eventStatus"), str("eventAttendanceMode"), c.status, c.mode)
			}
			if str("startDate") != c.start || str("endDate") != c.end || str("previousStartDate") != c.former {
				t.Errorf("%s %s: start %q end %q former %q; want %q %q %q", c.id, lang, str("startDate"), str("endDate"), str("previousStartDate"), c.start, c.end, c.former)
			}
			var types []string
			for _, l := range list(ld["location"]) {
				loc := l.(map[string]any)
				types = append(types, loc["@type"].(string))
				switch loc["@type"] {
				case "Place":
					v := e.Venue
					want := map[string]any{"@type": "PostalAddress", "streetAddress": v.Street, "addressLocality": v.Locality,
						"addressRegion": v.Region, "postalCode": v.PostalCode, "addressCountry": v.Country}
					for k, w := range want {
						if got, _ := loc["address"].(map[string]any)[k]; w != "" && got != w || w == "" && got != nil {
							t.Errorf("%s %s: address.%s %v, want %q", c.id, lang, k, got, w)
						}
					}
					if loc["name"] != v.Name || v.Map != "" && loc["hasMap"] != v.Map {
						t.Errorf("%s %s: place %v", c.id, lang, loc)
					}
				case "VirtualLocation":
					// The meeting, or the event's page when the meeting's link is not public.
					want := e.Join
					if want == "" {
						want = base.String() + (card.Path{Kind: card.EventPage, Lang: lang, Event: c.id}).String()
					}
					if loc["url"] != want {
						t.Errorf("%s %s: virtual location %v, want %s", c.id, lang, loc["url"], want)
					}
				}
			}
			if !slices.Equal(types, c.locations) {
				t.Errorf("%s %s: locations %v, want %v", c.id, lang, types, c.locations)
			}
			if str("name") != fixtures.EventMessage(t, tree, c.id, lang, "Title") || str("description") != fixtures.EventMessage(t, tree, c.id, lang, "Summary") || str("inLanguage") != lang {
				t.Errorf("%s %s: name %q, description %q, in %q; want the event's texts in %s", c.id, lang, str("name"), str("description"), str("inLanguage"), lang)
			}
			if want := base.String() + (card.Path{Kind: card.EventPage, Lang: lang, Event: c.id}).String(); str("url") != want {
				t.Errorf("%s %s: url %q, want the standalone page %q", c.id, lang, str("url"), want)
			}
			for i, o := range list(ld["organizer"]) {
				org := e.Organizers[i]
				if name := fixtures.EventMessage(t, tree, c.id, lang, "Organization."+org.ID+".Name"); o.(map[string]any)["name"] != name {
					t.Errorf("%s %s: organizer %v, want %q", c.id, lang, o, name)
				}
			}
			// The social image of the event in the language, among the images.
			if images := list(ld["image"]); !slices.Contains(images, any(base.String()+meta.SocialImagePath(c.id, lang, e.Banner != nil))) {
				t.Errorf("%s %s: images %v lack the social image", c.id, lang, images)
			}
		}
	}

	// The workshop's free registration, until its deadline.
	ld := jsonLD(t, s, fixtures.Workshop, "pt")
	r := events[fixtures.Workshop].Registration
	offer := ld["offers"].(map[string]any)
	if offer["url"] != r.URL || offer["price"] != "0" || offer["availability"] != schema+"InStock" || offer["validThrough"] != r.Deadline.Format(time.RFC3339) {
		t.Errorf("workshop: offers %v", offer)
	}
	// The webinar's recording is the video itself; the people are performers with their roles.
	ld = jsonLD(t, s, fixtures.PastWebinar, "fr")
	v, _ := ld["recordedIn"].(map[string]any)
	if v == nil || v["@type"] != "VideoObject" || v["contentUrl"] != events[fixtures.PastWebinar].Recording.URL || v["inLanguage"] != "es" {
		t.Errorf("webinar: recordedIn %v, want the video, in the event's own language", ld["recordedIn"])
	}
	for i, p := range list(ld["performer"]) {
		person, got := events[fixtures.PastWebinar].People[i], p.(map[string]any)
		if role := fixtures.EventMessage(t, tree, fixtures.PastWebinar, "fr", "Person."+person.ID+".Role"); got["name"] != person.Name || got["jobTitle"] != role {
			t.Errorf("webinar: performer %v, want %s, %s", p, person.Name, role)
		}
		// Affiliated by the organization's full name in the language, and its address if any.
		org := person.Organization
		want := map[string]any{"@type": "Organization", "name": fixtures.EventMessage(t, tree, fixtures.PastWebinar, "fr", "Organization."+org.ID+".Name")}
		if org.URL != "" {
			want["url"] = org.URL
		}
		if a, _ := got["affiliation"].(map[string]any); fmt.Sprint(a) != fmt.Sprint(want) {
			t.Errorf("webinar: %s's affiliation %v, want %v", person.Name, got["affiliation"], want)
		}
	}
	for _, id := range fixtures.IDs {
		if _, ok := jsonLD(t, s, id, "en")["recordedIn"]; ok && id != fixtures.PastWebinar {
			t.Errorf("%s: a recording, but it has none", id)
		}
	}

	// With pictures, the banner is the first image.
	ld = jsonLD(t, load(t, tree, picture), fixtures.Workshop, "en")
	if images := list(ld["image"]); len(images) != 2 || images[0] != base.String()+"/images/"+fixtures.Workshop+"/banner.png" {
		t.Errorf("workshop: images %v, want the banner, then the social image", images)
	}
}

// picture stands for the server's pictures: each image served at its own address.
func picture(e *content.Event, img *content.Image, kind views.PictureKind, alt string) (*card.Picture, error) {
	src := "/images/" + e.ID + "/" + img.File
	return &card.Picture{Alt: alt, Src: src, Fallback: card.Source{Type: "image/png", Srcset: src + " 1200w"}, Width: 1200, Height: 675}, nil
}
