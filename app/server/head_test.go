package server_test

// What a page's head says to search engines and social networks: schema.org JSON-LD (its
// properties against Google's requirements are app/meta's tests; here, what the server serves),
// Open Graph and Twitter tags, the social image, the oEmbed discovery link.

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/jpeg" // the social image of an event with a banner
	_ "image/png"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"eventcard/app/internal/fixtures"
	"eventcard/app/meta"
)

// jsonLD returns the page's JSON-LD blocks, parsed with encoding/json.
func jsonLD(t *testing.T, page string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range dataRE.FindAllStringSubmatch(page, -1) {
		if tags("<x "+m[1]+">", "x")[0].attrs["type"] != "application/ld+json" {
			continue
		}
		var e map[string]any
		if err := json.Unmarshal([]byte(m[2]), &e); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%.500s", err, m[2])
		}
		out = append(out, e)
	}
	return out
}

// images are the addresses a JSON-LD names as its image: one, or several.
func images(ld map[string]any) []string {
	var out []string
	switch v := ld["image"].(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, u := range v {
			s, _ := u.(string)
			out = append(out, s)
		}
	}
	return out
}

// TestStructuredDataPerLanguage: the standalone page of every fixture event, in every language,
// carries its schema.org Event, once, in the page's language, at its canonical address, naming
// images the server serves.
func TestStructuredDataPerLanguage(t *testing.T) {
	served := map[string]bool{}
	for _, id := range fixtures.IDs {
		for _, lang := range langs {
			path := "/" + lang + "/events/" + id + "/"
			r := get(t, path, nil)
			lds := jsonLD(t, head(t, r.body))
			if len(lds) != 1 {
				t.Fatalf("GET %s: %d JSON-LD blocks in <head>, want 1", path, len(lds))
			}
			e := lds[0]
			if e["@context"] != "https://schema.org" || e["@type"] != "Event" {
				t.Errorf("GET %s: @context %v @type %v", path, e["@context"], e["@type"])
			}
			if want := messageOf(t, id, lang, "Title"); e["name"] != want {
				t.Errorf("GET %s: name %v, want %q", path, e["name"], want)
			}
			if want := strings.TrimSpace(messageOf(t, id, lang, "Summary")); e["description"] != want {
				t.Errorf("GET %s: description %v, want the summary %q", path, e["description"], want)
			}
			if e["inLanguage"] != lang || e["url"] != baseURL+path {
				t.Errorf("GET %s: inLanguage %v, url %v; want %s and the canonical address", path, e["inLanguage"], e["url"], lang)
			}
			imgs := images(e)
			if want := baseURL + meta.SocialImagePath(id, lang, fixtureEvent(t, id).Banner != nil); !slices.Contains(imgs, want) {
				t.Errorf("GET %s: images %v lack the social image %s", path, imgs, want)
			}
			for _, u := range imgs {
				if !served[u] {
					checkImage(t, u, 0, 0)
					served[u] = true
				}
			}
		}
	}
	// A negotiated address: the structured data of the negotiated language.
	r := get(t, "/events/"+eventID, map[string]string{"Accept-Language": "pt-BR"})
	if lds := jsonLD(t, r.body); len(lds) != 1 || lds[0]["inLanguage"] != "pt" {
		t.Errorf("/events/%s in pt: JSON-LD %v", eventID, lds)
	}
	// Not in a frame (its canonical address is the standalone page), nor about no event in
	// particular: the unknown event, the list of events, the builder.
	for _, path := range []string{embedPath("en"), loaderPath("fr"), "/embed/nope", "/events/nope?lang=en", "/de/events/" + eventID + "/", "/", "/fr/", "/embed/"} {
		if lds := jsonLD(t, get(t, path, nil).body); len(lds) != 0 {
			t.Errorf("GET %s: %d JSON-LD blocks, want none", path, len(lds))
		}
	}
}

// checkImage: the image at u is absolute on the configured origin, served as a PNG or a JPEG,
// and, when width is not 0, of that size.
func checkImage(t *testing.T, u string, width, height int) {
	t.Helper()
	if !strings.HasPrefix(u, baseURL+"/") {
		t.Errorf("image %q is not on %s", u, baseURL)
		return
	}
	r := get(t, strings.TrimPrefix(u, baseURL), nil)
	if ct := r.header.Get("Content-Type"); r.code != http.StatusOK || (ct != "image/png" && ct != "image/jpeg") {
		t.Errorf("%s: status %d, Content-Type %q", u, r.code, ct)
		return
	}
	cfg, _, err := image.DecodeConfig(strings.NewReader(r.body))
	if err != nil {
		t.Errorf("%s: %v", u, err)
		return
	}
	if width != 0 && (cfg.Width != width || cfg.Height != height) {
		t.Errorf("%s: %d×%d, want %d×%d", u, cfg.Width, cfg.Height, width, height)
	}
}

// A copied tree where the event is timed, has its recording, and a hostile title in English.
func TestStructuredDataTimedRecordingHostile(t *testing.T) {
	const hostile = `</script><script>alert(1)</script><!-- & “quoted” ]]>`
	ws := serverOf(t, timedWebinar(t, "en", hostile))

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
	if e["name"] != hostile {
		t.Errorf("name read back as %q, want %q", e["name"], hostile)
	}
	// 14:00 in Asunción (UTC−3), with the zone's offset; 1h30m later.
	if e["startDate"] != "2026-10-01T14:00:00-03:00" || e["endDate"] != "2026-10-01T15:30:00-03:00" {
		t.Errorf("startDate %v endDate %v, want 2026-10-01T14:00:00-03:00 and 2026-10-01T15:30:00-03:00", e["startDate"], e["endDate"])
	}
	v, _ := e["recordedIn"].(map[string]any)
	if v == nil {
		t.Fatalf("no recordedIn, but the event file says its recording is the video")
	}
	social := baseURL + meta.SocialImagePath(eventID, "en", false)
	if v["@type"] != "VideoObject" || v["contentUrl"] != fixtureEvent(t, eventID).Recording.URL || v["name"] != hostile || v["inLanguage"] != "es" || v["thumbnailUrl"] != social {
		t.Errorf("recordedIn %v", v)
	}
	// The social tags escape it too.
	if got := metaProperty(t, head(t, r.body), "twitter:title"); got != hostile {
		t.Errorf("twitter:title %q", got)
	}
}

// Open Graph and Twitter, per language. An event's pages show its social image (1200×630: its
// title, date and organizers drawn), a large Twitter card and its summary; a page about no
// event in particular shows the site's icon, and no card.
func TestSocialTags(t *testing.T) {
	locales := map[string]string{"es": "es_LA", "en": "en_US", "pt": "pt_BR", "fr": "fr_FR"}
	for _, lang := range langs {
		for _, c := range []struct {
			path, event string
		}{
			{eventPath(lang), eventID},
			{embedPath(lang), eventID},
			{"/" + lang + "/events/" + fixtures.Workshop + "/", fixtures.Workshop}, // with a banner
			{"/" + lang + "/", ""},
			{"/" + lang + "/events/nope/", ""},
		} {
			t.Run(c.path, func(t *testing.T) {
				r := get(t, c.path, nil)
				h := head(t, r.body)
				all := metaAll(h)
				for _, one := range []string{"og:locale", "og:site_name", "og:image", "og:title", "og:url", "og:type"} {
					if n := len(all[one]); n != 1 {
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
				if got, want := first(all["og:site_name"]), siteMessage(t, lang, "Name"); got != want {
					t.Errorf("og:site_name %q, want %q", got, want)
				}
				if c.event == "" {
					if got := first(all["og:image"]); got != baseURL+meta.ShareImage || first(all["og:image:width"]) != "512" {
						t.Errorf("og:image %q (%s wide), want the site's icon", got, first(all["og:image:width"]))
					}
					checkImage(t, first(all["og:image"]), 512, 512)
					if len(all["twitter:card"]) != 0 || len(all["twitter:title"]) != 0 {
						t.Errorf("twitter card on a page about no event")
					}
					return
				}
				social := baseURL + meta.SocialImagePath(c.event, lang, fixtureEvent(t, c.event).Banner != nil)
				if first(all["og:image"]) != social || first(all["twitter:image"]) != social || first(all["og:image:width"]) != "1200" || first(all["og:image:height"]) != "630" {
					t.Errorf("og:image %q (%s×%s), twitter:image %q; want %s, 1200×630", first(all["og:image"]), first(all["og:image:width"]), first(all["og:image:height"]), first(all["twitter:image"]), social)
				}
				checkImage(t, social, 1200, 630)
				title, summary := messageOf(t, c.event, lang, "Title"), strings.TrimSpace(messageOf(t, c.event, lang, "Summary"))
				if first(all["twitter:card"]) != "summary_large_image" || first(all["twitter:title"]) != title || first(all["twitter:description"]) != summary {
					t.Errorf("twitter card %q title %q description %q; want summary_large_image, %q, %q", all["twitter:card"], all["twitter:title"], all["twitter:description"], title, summary)
				}
				for _, one := range []string{"twitter:card", "twitter:title", "twitter:description", "og:description", "description"} {
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

// The social image of an event that has none, or in a language the card does not have, is
// no image: a 404.
func TestSocialImageOfNoEvent(t *testing.T) {
	for _, path := range []string{
		meta.SocialImagePath("nope", "en", false),
		meta.SocialImagePath(eventID, "de", false),
		meta.SocialImagePath(eventID, "en", true), // the webinar has no banner: no JPEG
		"/images/" + eventID + "/banner.png",
		"/images/" + fixtures.Workshop + "/banner.png", // its source: served only resized
	} {
		if r := get(t, path, nil); r.code != http.StatusNotFound || bytes.HasPrefix([]byte(r.body), []byte("\x89PNG")) {
			t.Errorf("GET %s: status %d, want 404", path, r.code)
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

// The standalone pages name their oEmbed (the query endpoint, on a server); the frame, the
// list of events and the page of no event do not. Following the link gives the card's oEmbed in
// the page's language.
func TestOEmbedDiscovery(t *testing.T) {
	cases := []struct{ path, accept, lang, url string }{
		{eventPath("en"), "", "en", baseURL + eventPath("en")},
		{eventPath("fr"), "", "fr", baseURL + eventPath("fr")},
		{"/events/" + eventID, "pt", "pt", baseURL + eventPath("pt")},
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
	for _, path := range []string{embedPath("en"), loaderPath("es"), "/embed/" + eventID, "/events/nope", "/en/events/nope/", "/de/events/" + eventID + "/", "/", "/es/"} {
		if links := discovery(t, get(t, path, nil).body); len(links) != 0 {
			t.Errorf("GET %s: %d oEmbed links, want none", path, len(links))
		}
	}
}
