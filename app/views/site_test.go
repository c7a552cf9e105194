package views_test

import (
	"testing"
	"unicode/utf8"

	"eventcard/app/views"
)

func TestSite(t *testing.T) {
	set, err := views.Load(root)
	if err != nil {
		t.Fatal(err)
	}
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
	set, err := views.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{seedID, ""} {
		f, ok := set.Facts(id, "en")
		if !ok {
			t.Fatalf("Facts(%q, en): not found", id)
		}
		if f.Event.ID != seedID || f.View.Lang != "en" || f.View.Title == "" {
			t.Errorf("Facts(%q, en): event %q, view in %q titled %q", id, f.Event.ID, f.View.Lang, f.View.Title)
		}
		// Full names, in the language, for every organization the event names.
		if got := f.OrganizationNames["mujer-py"]; got != "Ministry of Women of Paraguay" {
			t.Errorf("Facts(%q, en): mujer-py is %q", id, got)
		}
		if len(f.OrganizationNames) != len(f.Event.Organizations) {
			t.Errorf("Facts(%q, en): %d names for %d organizations", id, len(f.OrganizationNames), len(f.Event.Organizations))
		}
	}
	es, _ := set.Facts(seedID, "es")
	if got := es.OrganizationNames["mujer-py"]; got == "" || got == "Ministry of Women of Paraguay" {
		t.Errorf("Facts(es): mujer-py is %q, want the Spanish name", got)
	}
	if _, ok := set.Facts("nope", "en"); ok {
		t.Errorf("Facts(nope): ok")
	}
	if _, ok := set.Facts(seedID, "de"); ok {
		t.Errorf("Facts(%s, de): ok", seedID)
	}
}
