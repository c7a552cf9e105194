package server_test

// The web app manifests, one per language, and the pages that link them.

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"eventcard/app/content"
)

type manifestJSON struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	ShortName       string `json:"short_name"`
	Description     string `json:"description"`
	Lang            string `json:"lang"`
	Dir             string `json:"dir"`
	StartURL        string `json:"start_url"`
	Scope           string `json:"scope"`
	Display         string `json:"display"`
	ThemeColor      string `json:"theme_color"`
	BackgroundColor string `json:"background_color"`
	Icons           []struct {
		Src, Sizes, Type, Purpose string
	} `json:"icons"`
}

func getManifest(t *testing.T, path string) (manifestJSON, response) {
	t.Helper()
	r := get(t, path, nil)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, r.code)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("GET %s: Content-Type %q, want application/manifest+json", path, ct)
	}
	var m manifestJSON
	decodeJSON(t, path, []byte(r.body), &m)
	return m, r
}

// siteAccent is the fixture site's accent (its branding).
func siteAccent(t *testing.T) string {
	t.Helper()
	site, err := content.LoadSite(tree)
	if err != nil {
		t.Fatal(err)
	}
	return site.Accent
}

func TestManifestPerLanguage(t *testing.T) {
	names := map[string]bool{}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			m, r := getManifest(t, "/"+lang+"/manifest.webmanifest")
			want := manifestJSON{
				ID:              "/" + lang + "/",
				Name:            siteMessage(t, lang, "Name"),
				ShortName:       siteMessage(t, lang, "ShortName"),
				Description:     siteMessage(t, lang, "About"),
				Lang:            lang,
				Dir:             "ltr",
				StartURL:        "/" + lang + "/",
				Scope:           "/",
				Display:         "standalone",
				ThemeColor:      siteAccent(t),
				BackgroundColor: "#ffffff",
			}
			got := m
			got.Icons = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("manifest:\n got %+v\nwant %+v", got, want)
			}
			names[m.Name] = true
			checkIcons(t, m)
			// Revalidated like go-app's files: the build's version.
			if etag := r.header.Get("ETag"); !versionTag(etag) {
				t.Errorf("ETag %s, want the version", etag)
			} else if nm := get(t, "/"+lang+"/manifest.webmanifest", map[string]string{"If-None-Match": etag}); nm.code != http.StatusNotModified {
				t.Errorf("with its ETag: status %d, want 304", nm.code)
			}
			// The start page opens, in the manifest's language.
			if sr := get(t, m.StartURL, nil); sr.code != http.StatusOK || htmlLang(t, sr.body) != lang {
				t.Errorf("start_url %s: status %d, lang %q", m.StartURL, sr.code, htmlLang(t, sr.body))
			}
		})
	}
	if len(names) != len(langs) {
		t.Errorf("the app's name is the same in several languages: %v", names)
	}

	// Without a language, the source language's, as before: go-app's own is not served.
	m, _ := getManifest(t, "/manifest.webmanifest")
	if m.Lang != "es" || m.Name != siteMessage(t, "es", "Name") || m.StartURL != "/es/" {
		t.Errorf("/manifest.webmanifest: lang %q, name %q, start_url %q; want the Spanish one", m.Lang, m.Name, m.StartURL)
	}
	for _, path := range []string{"/de/manifest.webmanifest", "/xx/manifest.webmanifest", "/%3Cscript%3E/manifest.webmanifest"} {
		if r := get(t, path, nil); r.code != http.StatusNotFound || strings.Contains(r.body, "<script") {
			t.Errorf("GET %s: status %d, want 404", path, r.code)
		}
	}
}

// checkIcons: the three icons (192 and 512 for any use, a maskable 512), each served as the PNG
// of the size the manifest declares.
func checkIcons(t *testing.T, m manifestJSON) {
	t.Helper()
	want := []string{
		"/web/icon-192.png 192x192 image/png any",
		"/web/icon-512.png 512x512 image/png any",
		"/web/icon-maskable-512.png 512x512 image/png maskable",
	}
	var got []string
	for _, icon := range m.Icons {
		got = append(got, strings.Join([]string{icon.Src, icon.Sizes, icon.Type, icon.Purpose}, " "))
		r := get(t, icon.Src, nil)
		if r.code != http.StatusOK {
			t.Errorf("%s: status %d", icon.Src, r.code)
			continue
		}
		if ct := r.header.Get("Content-Type"); ct != icon.Type {
			t.Errorf("%s: Content-Type %q, the manifest says %q", icon.Src, ct, icon.Type)
		}
		img, format, err := image.Decode(bytes.NewReader([]byte(r.body)))
		if err != nil || format != "png" {
			t.Errorf("%s: not a PNG (%s, %v)", icon.Src, format, err)
			continue
		}
		if size := img.Bounds().Size(); icon.Sizes != fmt.Sprintf("%dx%d", size.X, size.Y) {
			t.Errorf("%s: %dx%d, the manifest says %s", icon.Src, size.X, size.Y, icon.Sizes)
		}
		if icon.Purpose == "maskable" {
			checkMaskable(t, icon.Src, img)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("icons %q, want %q", got, want)
	}
}

// checkMaskable: full bleed (no transparent pixel: a platform's mask may show any of them) and
// the corners in the theme colour, the design inside the safe zone (the central circle of
// radius 40%): every pixel outside it is the background.
func checkMaskable(t *testing.T, src string, img image.Image) {
	t.Helper()
	b := img.Bounds()
	cx, cy, r := float64(b.Dx())/2, float64(b.Dy())/2, 0.4*float64(b.Dx())
	bg := [3]uint32{0x5b, 0x2a, 0x86}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			if ca>>8 != 0xff {
				t.Fatalf("%s: pixel (%d,%d) is not opaque", src, x, y)
			}
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			if dx*dx+dy*dy > r*r && [3]uint32{cr >> 8, cg >> 8, cb >> 8} != bg {
				t.Fatalf("%s: pixel (%d,%d) outside the safe zone is #%02x%02x%02x, not the background #5b2a86", src, x, y, cr>>8, cg>>8, cb>>8)
			}
		}
	}
	// And the design is there: the centre is not the background.
	if cr, cg, cb, _ := img.At(int(cx), int(cy)).RGBA(); [3]uint32{cr >> 8, cg >> 8, cb >> 8} == bg {
		t.Errorf("%s: the centre is the background: no design", src)
	}
}

// Every page links the manifest of its language, once.
func TestPagesLinkTheirManifest(t *testing.T) {
	cases := []struct{ path, accept, lang string }{
		{"/", "", "es"},
		{"/", "pt-BR", "pt"},
		{"/fr/", "", "fr"},
		{eventPath("en"), "", "en"},
		{embedPath("pt"), "", "pt"},
		{loaderPath("fr"), "", "fr"},
		{"/events/" + eventID, "en", "en"},
		{"/embed/nope?lang=en", "", "en"},
		{"/de/events/" + eventID + "/", "fr", "fr"},
	}
	for _, c := range cases {
		r := get(t, c.path, map[string]string{"Accept-Language": c.accept})
		var hrefs []string
		for _, l := range tags(head(t, r.body), "link") {
			if l.attrs["rel"] == "manifest" {
				hrefs = append(hrefs, l.attrs["href"])
			}
		}
		if want := "/" + c.lang + "/manifest.webmanifest"; len(hrefs) != 1 || hrefs[0] != want {
			t.Errorf("GET %s (Accept-Language %q): manifest links %q, want one: %s", c.path, c.accept, hrefs, want)
		}
	}
}
