package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/server"
)

// The site is rebranded by its content alone: another organisation's names and accent in
// site/site.toml and locales/site, and every page, manifest and stylesheet says so. No code.
func TestRebrandThroughContent(t *testing.T) {
	tree := fixtures.Tree(t)
	projecttree.Replace(t, tree, "site/site.toml", `accent = "#0b6e4f"`, `accent = "#8a1538"`)
	projecttree.Replace(t, tree, "site/site.toml", `organization_url = "https://red.example.org/"`, `organization_url = "https://otra.example.org/"`)
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		file := "locales/site/active." + lang + ".toml"
		data := string(tree[file].Data)
		name := data[strings.Index(data, "Name = ")+len("Name = ") : strings.Index(data, "\nOrganization")]
		projecttree.Replace(t, tree, file, "Name = "+name, `Name = "Otra Organización `+lang+`"`)
	}
	srv, err := server.New(tree, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		b, _ := io.ReadAll(rec.Body)
		return string(b)
	}
	for _, lang := range []string{"es", "en", "pt", "fr"} {
		var m struct{ Name, ThemeColor string }
		var raw map[string]any
		body := get("/" + lang + "/manifest.webmanifest")
		json.Unmarshal([]byte(body), &raw)
		m.Name, _ = raw["name"].(string)
		m.ThemeColor, _ = raw["theme_color"].(string)
		if m.Name != "Otra Organización "+lang || m.ThemeColor != "#8a1538" {
			t.Errorf("%s manifest: name %q, theme colour %q", lang, m.Name, m.ThemeColor)
		}
		page := get("/" + lang + "/events/" + fixtures.PastWebinar + "/")
		for _, want := range []string{`<meta property="og:site_name" content="Otra Organización ` + lang + `">`, `<meta name="theme-color" content="#8a1538">`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s page: no %s", lang, want)
			}
		}
	}
	if css := get("/web/card.css"); !strings.Contains(css, "#8a1538") || strings.Contains(css, "#0b6e4f") {
		t.Errorf("the stylesheet's accent is not the branding's")
	}
	if atom := get("/en/events.atom"); !strings.Contains(atom, "Otra Organización en") {
		t.Errorf("the feed's title is not the site's name")
	}
}

// A branding accent the card's text cannot be read on stops the server, naming the line.
func TestBrandingAccentContrast(t *testing.T) {
	tree := fixtures.Tree(t)
	projecttree.Replace(t, tree, "site/site.toml", `accent = "#0b6e4f"`, `accent = "#ffeb3b"`)
	_, err := server.New(tree, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err == nil || !strings.Contains(err.Error(), "site/site.toml:5: accent: ") || !strings.Contains(err.Error(), "4.5:1") {
		t.Errorf("a yellow accent: %v", err)
	}
}
