package views_test

import (
	"testing"
	"unicode/utf8"

	"eventcard/app/internal/fixtures"
)

func TestSite(t *testing.T) {
	tree := fixtures.Tree(t)
	set := load(t, tree)
	locales := map[string]string{"es": "es_LA", "en": "en_US", "pt": "pt_BR", "fr": "fr_FR"}
	names := map[string]bool{}
	for lang, want := range locales {
		site, ok := set.Site(lang)
		if !ok {
			t.Fatalf("Site(%s): not found", lang)
		}
		if site.Lang != lang || site.OGLocale != want {
			t.Errorf("Site(%s): lang %q, og:locale %q; want %s, %s", lang, site.Lang, site.OGLocale, lang, want)
		}
		l := fixtures.Localizer(t, tree, lang, "")
		if site.Name != l.Site("Name") || site.Description != l.Site("About") || site.ShortName != l.Site("ShortName") || site.Organization != l.Site("Organization") {
			t.Errorf("Site(%s): %+v, not the branding's texts (locales/site)", lang, site)
		}
		if site.Accent != "#0b6e4f" || site.OrganizationURL != "https://red.example.org/" || site.Logo != "logo.svg" {
			t.Errorf("Site(%s): %+v, not the branding's facts (site/site.toml)", lang, site.Site)
		}
		if site.Name == "" || site.Description == "" || site.ShortName == "" {
			t.Errorf("Site(%s): an empty text: %+v", lang, site)
		}
		if n := utf8.RuneCountInString(site.ShortName); n > 12 {
			t.Errorf("Site(%s): short name %q has %d characters, want at most 12 (it sits under an icon)", lang, site.ShortName, n)
		}
		names[site.Name] = true
	}
	if len(names) != len(locales) {
		t.Errorf("the app's name is not translated: %v", names)
	}
	if _, ok := set.Site("de"); ok {
		t.Errorf("Site(de): ok")
	}
}

func TestFacts(t *testing.T) {
	tree := fixtures.Tree(t)
	set := load(t, tree)
	for _, id := range []string{fixtures.PastWebinar, fixtures.Workshop, ""} {
		f, ok := set.Facts(id, "en")
		if !ok {
			t.Fatalf("Facts(%q, en): not found", id)
		}
		wantID := id
		if id == "" {
			wantID = set.Featured()
		}
		msgs := eventMessages(t, tree, wantID, "en")
		if f.Event.ID != wantID || f.View.Lang != "en" || f.View.Title != msgs["Title"] || f.View.Card == nil {
			t.Errorf("Facts(%q, en): event %q, view in %q titled %q", id, f.Event.ID, f.View.Lang, f.View.Title)
		}
		// Full names, in the language, for every organization the event names.
		for _, o := range f.Event.Organizations {
			if got, want := f.OrganizationNames[o.ID], msgs["Organization."+o.ID+".Name"]; got != want {
				t.Errorf("Facts(%q, en): %s is %q, want %q", id, o.ID, got, want)
			}
		}
		if len(f.OrganizationNames) != len(f.Event.Organizations) {
			t.Errorf("Facts(%q, en): %d names for %d organizations", id, len(f.OrganizationNames), len(f.Event.Organizations))
		}
	}
	es, _ := set.Facts(fixtures.PastWebinar, "es")
	if got := es.OrganizationNames["comision"]; got != eventMessages(t, tree, fixtures.PastWebinar, "es")["Organization.comision.Name"] {
		t.Errorf("Facts(es): comision is %q, want the Spanish name", got)
	}
	if _, ok := set.Facts("nope", "en"); ok {
		t.Errorf("Facts(nope): ok")
	}
	if _, ok := set.Facts(fixtures.PastWebinar, "de"); ok {
		t.Errorf("Facts(%s, de): ok", fixtures.PastWebinar)
	}
}
