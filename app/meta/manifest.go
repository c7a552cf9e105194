package meta

import (
	"encoding/json"

	"eventcard/app/card"
	"eventcard/app/views"
)

// The web app manifests, one per language: the standalone pages install as an app named in the
// visitor's language, and every page links the one of its language. (go-app's Handler makes
// one manifest, in one language.)

// ManifestPath is the address of the manifest in lang.
func ManifestPath(lang string) string { return "/" + lang + "/manifest.webmanifest" }

type manifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	ThemeColor      string         `json:"theme_color"`
	BackgroundColor string         `json:"background_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// manifestIcons are self-hosted (a third-party icon breaks the service worker's install when
// offline). The maskable one draws the design smaller, on a full-bleed background, inside the
// central circle a platform's mask keeps.
var manifestIcons = []manifestIcon{
	{Src: "/web/icon-192.png", Sizes: "192x192", Type: "image/png", Purpose: "any"},
	{Src: "/web/icon-512.png", Sizes: "512x512", Type: "image/png", Purpose: "any"},
	{Src: "/web/icon-maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
}

// Manifest is the web app manifest in site's language.
func Manifest(site views.Site) ([]byte, error) {
	return json.MarshalIndent(manifest{
		// One app per language: its id is its start page, as browsers would default it.
		ID:              "/" + site.Lang + "/",
		Name:            site.Name,
		ShortName:       site.ShortName,
		Description:     site.Description,
		Lang:            site.Lang,
		Dir:             "ltr", // every language of the site is written left to right
		StartURL:        "/" + site.Lang + "/",
		Scope:           "/",
		Display:         "standalone",
		ThemeColor:      site.Accent,
		BackgroundColor: card.Palette.Light.Paper,
		Icons:           manifestIcons,
	}, "", "  ")
}
