package pages

import (
	"errors"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"eventcard/app/card"
	"eventcard/app/views"
)

const id = "where-are-the-women-2020"

func renderer(t *testing.T) (*Renderer, *views.Set) {
	t.Helper()
	set, err := views.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("http://127.0.0.1:8000")
	r, err := NewRenderer(set, base, os.DirFS("../../web"), "/v/test")
	if err != nil {
		t.Fatal(err)
	}
	return r, set
}

// A page rendered for a static host names the exported oEmbed file, which a static host can
// serve (it cannot answer a query); rendered for the server, the query endpoint; never in a
// frame.
func TestOEmbedDiscovery(t *testing.T) {
	r, set := renderer(t)
	link := regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed" href="([^"]*)" title="[^"]*">`)
	for _, lang := range set.Languages() {
		for _, p := range []card.Path{{Kind: card.EventPage, Lang: lang, Event: id}, {Kind: card.HomePage, Lang: lang}} {
			for _, static := range []bool{true, false} {
				body, err := r.Render(Key{Path: p, Static: static})
				if err != nil {
					t.Fatal(err)
				}
				m := link.FindAllStringSubmatch(string(body), -1)
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
			}
		}
		body, err := r.Render(Key{Path: card.Path{Kind: card.EmbedPage, Lang: lang, Event: id}, Static: true})
		if err != nil {
			t.Fatal(err)
		}
		if link.Match(body) {
			t.Errorf("the %s embed page has an oEmbed link", lang)
		}
	}
}

// A page is rendered once, however many requests ask for it at the same time; a failed render
// is tried again by the next request.
func TestCacheRendersOnce(t *testing.T) {
	var renders atomic.Int32
	fail := atomic.Bool{}
	fail.Store(true)
	c := NewCache(func(k Key) ([]byte, error) {
		renders.Add(1)
		if fail.Load() {
			return nil, errors.New("broken")
		}
		time.Sleep(10 * time.Millisecond)
		return []byte("<p>" + k.Path.String()), nil
	})
	key := Key{Path: card.Path{Kind: card.EventPage, Lang: "fr", Event: id}}
	if _, err := c.Get(key); err == nil {
		t.Fatal("a failed render was served")
	}
	fail.Store(false)
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			p, err := c.Get(key)
			if err != nil {
				t.Error(err)
				return
			}
			if body, _ := p.Encoded(""); string(body) != "<p>/fr/events/"+id+"/" || p.Lang[0] != "fr" {
				t.Errorf("page %q in %q", body, p.Lang)
			}
		})
	}
	wg.Wait()
	if n := renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2 (the failed one, then one for fifty requests)", n)
	}
}
