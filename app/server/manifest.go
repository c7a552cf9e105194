package server

import (
	"encoding/json"
	"net/http"

	"eventcard/app/i18n"
)

// The web app manifests, one per language: the standalone pages install as an app named in the
// visitor's language. go-app serves one manifest, in one language, at /manifest.webmanifest;
// these are served before it (see routes), and every page links the one of its language (see
// completeHead).

// manifestPath is the address of the manifest in lang.
func manifestPath(lang string) string { return "/" + lang + "/manifest.webmanifest" }

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

// serveManifest answers /{lang}/manifest.webmanifest, and /manifest.webmanifest in the source
// language; a language the site does not have is a 404.
func (s *Server) serveManifest(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang == "" {
		lang = i18n.SourceLanguage
	}
	site, ok := s.cards.Site(lang)
	if !ok {
		http.NotFound(w, r)
		return
	}
	m := manifest{
		// One app per language: its id is its start page, as browsers would default it.
		ID:              "/" + lang + "/",
		Name:            site.Name,
		ShortName:       site.ShortName,
		Description:     site.Description,
		Lang:            lang,
		Dir:             "ltr", // every language of the site is written left to right
		StartURL:        "/" + lang + "/",
		Scope:           "/",
		Display:         "standalone",
		ThemeColor:      "#5b2a86",
		BackgroundColor: "#ffffff",
		Icons:           manifestIcons,
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		s.log.Error("manifest", "lang", lang, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	s.writeBuilt(w, r, "application/manifest+json", body)
}

// writeBuilt answers with body, which follows from the build alone (the served files): the
// build's version is its ETag, as for go-app's files, and a cache revalidates it.
func (s *Server) writeBuilt(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-cache")
	etag := `"` + s.version + `"`
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}
