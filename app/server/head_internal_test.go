package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"eventcard/app/card"
)

// A page rendered for a static host names the exported oEmbed file, which a static host can
// serve (it cannot answer a query); the server serves that file's address too.
func TestOEmbedDiscoveryStatic(t *testing.T) {
	s, err := New(os.DirFS("../.."), Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	const id = "where-are-the-women-2020"
	link := regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed" href="([^"]*)" title="[^"]*">`)
	for _, lang := range s.cards.Languages() {
		for _, p := range []card.Path{{Kind: card.EventPage, Lang: lang, Event: id}, {Kind: card.HomePage, Lang: lang}} {
			for _, static := range []bool{true, false} {
				pg, err := s.renderPage(pageKey{path: p, static: static})
				if err != nil {
					t.Fatal(err)
				}
				m := link.FindAllStringSubmatch(string(pg.body), -1)
				if len(m) != 1 {
					t.Fatalf("%s (static %v): %d oEmbed links, want 1", p, static, len(m))
				}
				href := strings.ReplaceAll(m[0][1], "&amp;", "&")
				want := "http://127.0.0.1:8000/oembed/" + lang + "/" + id + ".json"
				if !static {
					want = "http://127.0.0.1:8000/oembed?"
				}
				if (static && href != want) || (!static && !strings.HasPrefix(href, want)) {
					t.Errorf("%s (static %v): oEmbed href %q, want %q", p, static, href, want)
				}
				if static {
					rec := httptest.NewRecorder()
					s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, strings.TrimPrefix(href, "http://127.0.0.1:8000"), nil))
					if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"type":"rich"`) {
						t.Errorf("%s: status %d", href, rec.Code)
					}
				}
			}
		}
		// Never in a frame.
		pg, err := s.renderPage(pageKey{path: card.Path{Kind: card.EmbedPage, Lang: lang, Event: id}, static: true})
		if err != nil {
			t.Fatal(err)
		}
		if link.Match(pg.body) {
			t.Errorf("the %s embed page has an oEmbed link", lang)
		}
	}
}
