package pages

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"eventcard/app/card"
	"eventcard/app/internal/fixtures"
	"eventcard/app/meta"
	"eventcard/app/views"
)

// The pages are rendered from the fixture events (fixtures.Tree): which events the project
// publishes changes none of these tests.

const id = fixtures.PastWebinar

var base, _ = url.Parse("http://127.0.0.1:8000")

func rendererOf(t *testing.T, fsys fs.FS) (*Renderer, *views.Set) {
	t.Helper()
	set, err := views.Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	web, err := fs.Sub(fsys, "web")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(set, base, web, "/v/test")
	if err != nil {
		t.Fatal(err)
	}
	return r, set
}

func renderer(t *testing.T) (*Renderer, *views.Set) {
	t.Helper()
	return rendererOf(t, fixtures.Tree(t))
}

// Every page of the project's own events renders: what they say is content, checked by
// validation only.
func TestProjectPagesRender(t *testing.T) {
	r, set := rendererOf(t, os.DirFS(fixtures.Root()))
	for _, p := range All(set) {
		key, _ := Resolve(set, p, Request{Static: true}, time.Now())
		if _, err := r.Render(key); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// A page rendered for a static host names the exported oEmbed file, which a static host can
// serve (it cannot answer a query); rendered for the server, the query endpoint; never in a
// frame, nor on a page about no event in particular.
func TestOEmbedDiscovery(t *testing.T) {
	r, set := renderer(t)
	// With one event, the home page is its card, and names its oEmbed.
	single, _ := rendererOf(t, only(fixtures.Tree(t), id))
	link := regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed" href="([^"]*)" title="[^"]*">`)
	for _, lang := range set.Languages() {
		for _, c := range []struct {
			r *Renderer
			p card.Path
		}{
			{r, card.Path{Kind: card.EventPage, Lang: lang, Event: id}},
			{single, card.Path{Kind: card.HomePage, Lang: lang}},
		} {
			for _, static := range []bool{true, false} {
				body, err := c.r.Render(Key{Path: c.p, Static: static})
				if err != nil {
					t.Fatal(err)
				}
				m := link.FindAllStringSubmatch(string(body), -1)
				if len(m) != 1 {
					t.Fatalf("%s (static %v): %d oEmbed links, want 1", c.p, static, len(m))
				}
				href := strings.ReplaceAll(m[0][1], "&amp;", "&")
				want := "http://127.0.0.1:8000/oembed/" + lang + "/" + id + ".json"
				if !static {
					want = "http://127.0.0.1:8000/oembed?"
				}
				if (static && href != want) || (!static && !strings.HasPrefix(href, want)) {
					t.Errorf("%s (static %v): oEmbed href %q, want %q", c.p, static, href, want)
				}
			}
		}
		for _, p := range []card.Path{
			{Kind: card.EmbedPage, Lang: lang, Event: id},
			{Kind: card.HomePage, Lang: lang}, // several events: the index
			{Kind: card.BuilderPage, Lang: lang},
			{Kind: card.EventPage, Lang: lang, Event: UnknownEvent},
		} {
			body, err := r.Render(Key{Path: p, Static: true})
			if err != nil {
				t.Fatal(err)
			}
			if link.Match(body) {
				t.Errorf("the page %s has an oEmbed link", p)
			}
		}
	}
}

// only is tree without the fixture events other than ids.
func only(tree fstest.MapFS, ids ...string) fstest.MapFS {
	for name := range tree {
		for _, other := range fixtures.IDs {
			keep := false
			for _, id := range ids {
				keep = keep || id == other
			}
			if !keep && (name == "events/"+other+".toml" || strings.HasPrefix(name, "events/"+other+"/") || strings.HasPrefix(name, "locales/events/"+other+"/")) {
				delete(tree, name)
			}
		}
	}
	return tree
}

// The standalone pages name the feeds of all the events in their language (rel="alternate"):
// a feed reader or a calendar finds them from any page. A partner's frame does not.
func TestPagesLinkTheFeeds(t *testing.T) {
	r, set := renderer(t)
	feed := regexp.MustCompile(`<link rel="alternate" type="(application/atom\+xml|text/calendar)" href="([^"]*)" title="([^"]*)">`)
	for _, lang := range set.Languages() {
		site, _ := set.Site(lang)
		want := map[string]string{
			"application/atom+xml": base.String() + meta.AtomPath(lang),
			"text/calendar":        base.String() + meta.CalendarFeedPath(lang),
		}
		for _, p := range []card.Path{
			{Kind: card.EventPage, Lang: lang, Event: id},
			{Kind: card.EventPage, Lang: lang, Event: fixtures.Workshop},
			{Kind: card.HomePage, Lang: lang},
			{Kind: card.BuilderPage, Lang: lang},
		} {
			body, err := r.Render(Key{Path: p, Static: true})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, m := range feed.FindAllStringSubmatch(string(body), -1) {
				if _, dup := got[m[1]]; dup {
					t.Errorf("%s: two %s feeds", p, m[1])
				}
				got[m[1]] = m[2]
				if m[3] != site.Name {
					t.Errorf("%s: the %s feed is titled %q, want the site's name %q", p, m[1], m[3], site.Name)
				}
			}
			if len(got) != len(want) || got["application/atom+xml"] != want["application/atom+xml"] || got["text/calendar"] != want["text/calendar"] {
				t.Errorf("%s: feeds %v, want %v", p, got, want)
			}
		}
		body, err := r.Render(Key{Path: card.Path{Kind: card.EmbedPage, Lang: lang, Event: id}, Static: true})
		if err != nil {
			t.Fatal(err)
		}
		if feed.Match(body) {
			t.Errorf("the %s embed page links the feeds", lang)
		}
	}
}

// The key of a page holds what the clock decides: a page rendered before the registration
// closes is not served after it, and two moments that show the same are one page.
func TestKeyFollowsTheClock(t *testing.T) {
	_, set := renderer(t)
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	p := card.Path{Kind: card.EventPage, Lang: "en", Event: fixtures.Workshop}
	key := func(at time.Time) Key {
		k, found := Resolve(set, p, Request{}, at)
		if !found {
			t.Fatalf("%s not found", p)
		}
		return k
	}
	// Far ahead, then the same but a day later: one page. After the deadline, in the last 21
	// days, on the day, after: each another page.
	moments := []time.Time{
		time.Date(2099, 1, 1, 12, 0, 0, 0, asuncion),
		time.Date(2099, 1, 2, 12, 0, 0, 0, asuncion),
		time.Date(2099, 3, 6, 12, 0, 0, 0, asuncion),
		time.Date(2099, 3, 10, 11, 0, 0, 0, asuncion),
		time.Date(2099, 3, 10, 13, 0, 0, 0, asuncion),
	}
	keys := make([]Key, len(moments))
	for i, at := range moments {
		keys[i] = key(at)
	}
	if keys[0] != keys[1] {
		t.Errorf("two moments that show the same page have two keys: %+v, %+v", keys[0], keys[1])
	}
	for i := 1; i < len(keys); i++ {
		for j := i + 1; j < len(keys); j++ {
			if keys[i] == keys[j] {
				t.Errorf("%s and %s have one key %+v, but the page differs", moments[i], moments[j], keys[i])
			}
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
