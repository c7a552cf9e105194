package e2e

// What CMSs, search engines and browsers read from the standalone page, read by
// Chromium itself: the manifest and its installability, the oEmbed discovery link and its
// answer, the schema.org Event.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func TestChromiumFindsTheAppInstallable(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	// Not a fresh browser context: Chromium never offers to install from an incognito one.
	c, cancel := chromedp.NewContext(chromium(t))
	t.Cleanup(cancel)
	ctx := chromiumDoc{c}
	open(t, ctx, w+"/pt/events/"+eventID+"/")
	waitFor(t, ctx, wasmStarted+` && navigator.serviceWorker.controller !== null`)
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.GetAppManifestResult, error) {
		return cdp.Call(ctx, tg, page.GetAppManifest, page.GetAppManifestParams{})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || !strings.HasSuffix(res.URL, "/pt/manifest.webmanifest") {
		t.Errorf("manifest %s: errors %+v", res.URL, res.Errors)
	}
	if res.Manifest == nil || res.Manifest.Name == "" || !strings.HasSuffix(res.Manifest.StartURL, "/pt/") {
		t.Errorf("parsed manifest: %+v", res.Manifest)
	}
	inst, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.GetInstallabilityErrorsResult, error) {
		return cdp.Call(ctx, tg, page.GetInstallabilityErrors, cdp.Empty{})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range inst.InstallabilityErrors {
		t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}
}

func TestDiscoveryAndStructuredData(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	ctx := chromiumTab(t)
	open(t, ctx, w+"/fr/events/"+eventID+"/")
	type oembed struct {
		Type, Version, Title, HTML string
		Height                     int
	}
	o := eval[oembed](t, ctx, `fetch(document.querySelector('link[rel="alternate"][type="application/json+oembed"]').href).then((r) => r.json())`)
	name, e := title(t, eventID, "fr"), event(t, eventID)
	folded := eventFolds(t)(eventID, "fr")[0].Full // a frame's: the narrowest place's, in French
	// The card's frame itself (a CMS keeps no script), after the link to the card's page.
	if o.Type != "rich" || o.Version != "1.0" || o.Height != folded || !strings.Contains(o.Title, name) ||
		!strings.Contains(o.HTML, `<a href="`+w+`/fr/events/`+eventID+`/">`) ||
		!strings.Contains(o.HTML, fmt.Sprintf(`<iframe src="%s/fr/embed/%s/?fold=%d"`, w, eventID, folded)) || !strings.Contains(o.HTML, `title="`+frameTitle(t, eventID, "fr")+`"`) {
		t.Errorf("oEmbed answer: %+v", o)
	}
	type person struct{ Name, JobTitle string }
	type ldEvent struct {
		Type                string `json:"@type"`
		Name, StartDate     string
		EventAttendanceMode string
		InLanguage          string
		Performer           []person
		Organizer           []struct{ Name, URL string }
		Location            []struct {
			Type string `json:"@type"`
			URL  string
		}
	}
	ld := eval[ldEvent](t, ctx, `JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)`)
	var performers, people []string
	for _, p := range ld.Performer {
		performers = append(performers, p.Name)
	}
	for _, p := range e.People {
		people = append(people, p.Name)
	}
	if ld.Type != "Event" || ld.Name != name || ld.StartDate != e.When.Date.String() || ld.InLanguage != "fr" ||
		ld.EventAttendanceMode != "https://schema.org/OnlineEventAttendanceMode" || len(ld.Location) != 1 || ld.Location[0].Type != "VirtualLocation" || ld.Location[0].URL != w+"/fr/events/"+eventID+"/" ||
		!slices.Equal(performers, people) || len(ld.Organizer) != len(e.Organizers) {
		t.Errorf("JSON-LD: %+v", ld)
	}
	// The same page in every language, for search engines.
	alts := eval[[]string](t, ctx, `[...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => l.hreflang)`)
	if strings.Join(alts, ",") != "es,en,pt,fr,x-default" {
		t.Errorf("hreflang alternates %v", alts)
	}
}
