package e2e

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"eventcard/app/content"
	"eventcard/app/i18n"
)

// cardWant is what a visitor reads on eventID's card in one language.
type cardWant struct {
	title, date, iso, watch, recording, speakers, moderator, badge string
	names                                                          []string
}

// wantCard is eventID's card in lang as its event file and messages say it: the title, the day
// as CLDR writes it (locales/ui), the recording's link, the speakers' heading with their count
// in the language's plural form, the names in the file's order, the moderator and their badge.
func wantCard(t *testing.T, lang string) cardWant {
	t.Helper()
	e := event(t, eventID)
	w := cardWant{title: title(t, eventID, lang), iso: e.When.Date.String(), recording: e.Recording.URL}
	w.date = say(t, lang, "", func(l *i18n.Localizer) string { return l.FullDate(e.When.Start()) })
	w.watch = ui(t, lang, i18n.WatchRecording)
	w.speakers = say(t, lang, "", func(l *i18n.Localizer) string { return l.Count(i18n.Speakers, len(e.People)) })
	w.badge = ui(t, lang, i18n.Moderator)
	for _, p := range e.People {
		w.names = append(w.names, p.Name)
		if p.Role == content.Moderator {
			w.moderator = p.Name
		}
	}
	if w.moderator == "" || e.When.Timed() {
		t.Fatalf("%s: the core tests expect a moderator and a date without a time", eventID)
	}
	return w
}

// cardText is what the frame shows, read from its DOM.
type cardText struct {
	Lang, Title, Date, DateTime, Watch, WatchHref, WatchTarget, WatchRel, Speakers, DocTitle string
	Names                                                                                    []string
	Moderator, Badge                                                                         string
	Current                                                                                  []string
}

const readCard = `(() => {
  const q = (s) => document.querySelector(s);
  const watch = q(".card-actions a.card-button");
  const mod = [...document.querySelectorAll(".card-person")].find(li => li.querySelector(".card-badge"));
  // A name is a link when the person has a page of their own: its first text either way.
  const name = (li) => li.querySelector(".card-person-text").firstElementChild.firstChild.textContent.trim();
  return {
    Lang: document.documentElement.lang,
    Title: q("h1").textContent,
    Date: q(".card-when time").textContent,
    DateTime: q(".card-when time").getAttribute("datetime"),
    Watch: watch.firstChild.textContent.trim(),
    WatchHref: watch.href,
    WatchTarget: watch.target,
    WatchRel: watch.rel,
    Speakers: q(".card-people h2").textContent,
    DocTitle: document.title,
    Names: [...document.querySelectorAll(".card-person")].map(name),
    Moderator: mod ? name(mod) : "",
    Badge: mod ? mod.querySelector(".card-badge").textContent : "",
    Current: [...document.querySelectorAll(".card-langs a[aria-current]")].map(a => a.getAttribute("hreflang") + ":" + a.getAttribute("aria-current")),
  };
})()`

// wasmStarted is true once go-app has mounted the component: the client renders no data block.
const wasmStarted = `document.readyState === "complete" && !document.getElementById("eventcard-data")`

func checkCard(t *testing.T, got cardText, lang string) {
	t.Helper()
	w := wantCard(t, lang)
	if got.Lang != lang || got.Title != w.title || got.Date != w.date || got.Watch != w.watch || got.Speakers != w.speakers {
		t.Errorf("card in %s: got lang %q, title %q, date %q, recording %q, speakers %q; want %q, %q, %q, %q", lang, got.Lang, got.Title, got.Date, got.Watch, got.Speakers,
			w.title, w.date, w.watch, w.speakers)
	}
	if got.DateTime != w.iso {
		t.Errorf("<time datetime> = %q, want %q", got.DateTime, w.iso)
	}
	if got.WatchHref != w.recording || got.WatchTarget != "_blank" || !strings.Contains(got.WatchRel, "noopener") {
		t.Errorf("recording link: href %q target %q rel %q", got.WatchHref, got.WatchTarget, got.WatchRel)
	}
	if !slices.Equal(got.Names, w.names) || got.Moderator != w.moderator || got.Badge != w.badge {
		t.Errorf("speakers %q, moderator %q (%q); want %q, %q (%q)", got.Names, got.Moderator, got.Badge, w.names, w.moderator, w.badge)
	}
	if len(got.Current) != 1 || got.Current[0] != lang+":page" {
		t.Errorf("switcher marks %q as current, want %s", got.Current, lang)
	}
}

// heights returns the frame element's height on the host page and the card page's height
// inside the frame.
func heights(t *testing.T, host, f doc) (outer, inner float64) {
	t.Helper()
	outer = eval[float64](t, host, `document.querySelector("iframe").getBoundingClientRect().height`)
	inner = eval[float64](t, f, `document.documentElement.getBoundingClientRect().height`)
	return outer, inner
}

// fits waits until the frame is the card's height within 2 px and has nothing to scroll, and
// fails if that does not happen soon: a resize is a message and a cross-process layout away.
func fits(t *testing.T, host, f doc, when string) {
	t.Helper()
	var outer, inner float64
	var overflow []float64
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		outer, inner = heights(t, host, f)
		overflow = eval[[]float64](t, f, `[document.documentElement.scrollHeight - innerHeight, document.documentElement.scrollWidth - innerWidth]`)
		if math.Abs(outer-inner) <= 2 && overflow[0] <= 1 && overflow[1] <= 0 {
			return
		}
	}
	t.Errorf("%s: frame %.0f px high, card %.0f px; the frame scrolls %v px down, %v px across", when, outer, inner, overflow[0], overflow[1])
}

// showAll opens the folded card in frame f of host, as a visitor does with "Show all".
func showAll(t *testing.T, host tab, f doc) {
	t.Helper()
	host.click(t, f, ".card-fold-button")
	waitFor(t, f, `document.documentElement.classList.contains("ec-open")`)
}

// showIn has the card in d (the tab itself, or a frame of host) show lang: a visitor's click on
// the switcher, unless it shows lang already. The switch is in place: a reload fails the test.
func showIn(t *testing.T, host tab, d doc, lang string) {
	t.Helper()
	if eval[string](t, d, `document.documentElement.lang`) == lang {
		return
	}
	eval[bool](t, d, `(window.__mark = true)`)
	host.click(t, d, langLink(lang))
	waitFor(t, d, `document.documentElement.lang === `+quoted(lang))
	if !eval[bool](t, d, `window.__mark === true`) {
		t.Fatalf("the switch to %s reloaded the page", lang)
	}
}

// onArticle opens, in b, a plain partner article with the tests' snippet: the site, the
// partner's tab and the card's frame, its wasm running.
func onArticle(t *testing.T, b browser) (*site, tab, doc) {
	t.Helper()
	s := newSite(t, siteOptions{})
	host := b.newTab(t)
	host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
	f := host.frame(t, s.widget)
	waitFor(t, f, wasmStarted)
	return s, host, f
}

// startedCard opens the partner's page at path (see site.page) in the Chromium tab and returns
// the card's frame once its wasm runs.
func startedCard(t *testing.T, ctx context.Context, s *site, path string, p pageOptions) chromiumDoc {
	t.Helper()
	open(t, ctx, s.page(path, p))
	f := frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
	return f
}

// langLink is the switcher's link to lang.
func langLink(lang string) string { return `.card-langs a[hreflang="` + lang + `"]` }

func TestEmbedShowsTheCardInTheHostPageLanguage(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
		f := host.frame(t, s.widget)

		// Readable before the wasm: the prerendered card.
		waitFor(t, f, `document.querySelector("h1")`)
		checkCard(t, eval[cardText](t, f, readCard), "es")

		// And the same once the wasm has replaced it.
		waitFor(t, f, wasmStarted)
		checkCard(t, eval[cardText](t, f, readCard), "es")

		// A real cross-origin frame, inserted right after the script tag, named for screen readers;
		// not loading=lazy: the loader makes it only near the viewport, and then it loads at once.
		got := eval[[]string](t, host, `(() => {
		  const f = document.querySelector("iframe");
		  let blocked = "no";
		  try { f.contentDocument.body; } catch (e) { blocked = "yes"; }
		  if (f.contentDocument === null) blocked = "yes";
		  return [blocked, f.previousElementSibling.tagName, f.getAttribute("loading"), f.title, new URL(f.src).origin];
		})()`)
		if got[0] != "yes" || got[1] != "SCRIPT" || got[2] != "" || got[3] != frameTitle(t, eventID, "es") || got[4] != s.widget {
			t.Errorf("frame: cross-origin blocked %s, after %s, loading %s, title %q, origin %s", got[0], got[1], got[2], got[3], got[4])
		}
		fits(t, host, f, "after load")
	})
}

func TestSwitchingLanguageRerendersInPlace(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		_, host, f := onArticle(t, b)
		// A mark on the frame's window: a reload or a navigation would lose it.
		eval[bool](t, f, `(window.__mark = true)`)
		before := eval[string](t, f, `location.href`)

		for _, lang := range []string{"en", "pt", "fr", "es"} {
			host.click(t, f, langLink(lang))
			waitFor(t, f, fmt.Sprintf(`document.documentElement.lang === %q`, lang))
			got := eval[cardText](t, f, readCard)
			checkCard(t, got, lang)
			if got.DocTitle == "" || !strings.Contains(got.DocTitle, title(t, eventID, lang)) {
				t.Errorf("%s: document title %q", lang, got.DocTitle)
			}
			if !eval[bool](t, f, `window.__mark === true`) || eval[string](t, f, `location.href`) != before {
				t.Fatalf("%s: the frame reloaded or navigated", lang)
			}
			waitFor(t, host, fmt.Sprintf(`document.querySelector("iframe").title === %s`, quoted(frameTitle(t, eventID, lang))))
			fits(t, host, f, "after switching to "+lang)
		}
	})
}

func TestFrameFitsTheCardAtEveryWidth(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		_, host, f := onArticle(t, b)
		for _, width := range []int{280, 375, 768, 1200} {
			host.resize(t, width, 900)
			waitFor(t, f, fmt.Sprintf(`innerWidth === %d`, width))
			fits(t, host, f, fmt.Sprintf("at %d px", width))
		}
	})
}

func TestPartnerLanguageIsNegotiated(t *testing.T) {
	s := newSite(t, siteOptions{})
	for _, c := range []struct{ hostLang, dataLang, want string }{
		{"es", "pt-BR", "pt"},
		{"es", "fr-CA", "fr"},
		{"en", "gn", "es"}, // Guaraní → Spanish
		{"fr", "de", "es"}, // unknown → the event's own language
		{"en", "", "en"},   // the host page's language
		{"pt-BR", "", "pt"},
	} {
		t.Run(c.hostLang+"+"+c.dataLang, func(t *testing.T) {
			ctx := chromiumTab(t)
			tag := snippet
			if c.dataLang != "" {
				tag = strings.Replace(snippet, "<script ", `<script data-lang="`+c.dataLang+`" `, 1)
			}
			f := startedCard(t, ctx, s, "/"+c.hostLang+c.dataLang, pageOptions{Lang: c.hostLang, Snippet: tag, Plain: true})
			checkCard(t, eval[cardText](t, f, readCard), c.want)
		})
	}
}

func TestTheVisitorsChoiceIsRemembered(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	url := s.page("/article", pageOptions{Snippet: snippet, Plain: true})
	open(t, ctx, url)
	f := frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted)
	eval[bool](t, f, `(document.querySelector('.card-langs a[hreflang="pt"]').click(), true)`)
	waitFor(t, f, `document.documentElement.lang === "pt"`)

	// The partner's page in Spanish again, later: the card comes back in Portuguese.
	open(t, ctx, url)
	f = frame(t, ctx, s.widget)
	waitFor(t, f, wasmStarted+` && document.documentElement.lang === "pt"`)
	checkCard(t, eval[cardText](t, f, readCard), "pt")
	fits(t, ctx, f, "remembered language")
}

func TestUnknownEventSaysSoInTheVisitorsLanguage(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		host.open(t, s.page("/article", pageOptions{Lang: "fr", Snippet: snippetOf("no-such-event"), Plain: true}))
		f := host.frame(t, s.widget)
		waitFor(t, f, wasmStarted)
		got := eval[[]string](t, f, `[document.documentElement.lang, document.querySelector("h1").textContent, document.querySelector(".card-missing").textContent]`)
		if want := []string{"fr", ui(t, "fr", i18n.UnknownEventTitle), ui(t, "fr", i18n.UnknownEvent)}; !slices.Equal(got, want) {
			t.Errorf("unknown event: %q, want %q", got, want)
		}
		fits(t, host, f, "unknown event")
	})
}

// Without the wasm (here: app.wasm fails with a 500), the prerendered card stays readable and
// the language links still change the language, inside the frame, which keeps fitting.
func TestWithoutWasmTheCardAndItsLanguageLinksWork(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) { checkWithoutWasm(t, b, noWasm) })
}

// checkWithoutWasm is the card's promise when the widget, behind wrap, never gets its wasm to
// start: the prerendered card readable, its language links working (see also faults_test.go).
func checkWithoutWasm(t *testing.T, b browser, wrap func(http.Handler) http.Handler) {
	t.Helper()
	s := newSite(t, siteOptions{Wrap: wrap})
	host := b.newTab(t)
	host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
	f := host.frame(t, s.widget)
	waitFor(t, f, `document.readyState === "complete"`)
	// Nothing covers the title: go-app's loading overlay stays hidden even after the failure.
	waitFor(t, f, `!document.getElementById("app-wasm-loader-icon").classList.contains("goapp-spin")`) // go-app gave up
	if eval[bool](t, f, wasmStarted) {
		t.Fatal("the wasm started: the fault did not happen")
	}
	covered := eval[string](t, f, `(() => { const r = document.querySelector("h1").getBoundingClientRect();
	  const e = document.elementFromPoint(r.left + 5, r.top + r.height / 2); return e ? e.tagName : "none"; })()`)
	if covered != "H1" {
		t.Errorf("the title is covered by %s", covered)
	}
	checkCard(t, eval[cardText](t, f, readCard), "es")

	host.click(t, f, langLink("en"))
	f = host.frame(t, s.widget+"/en/embed/")
	waitFor(t, f, `document.readyState === "complete" && document.documentElement.lang === "en"`)
	checkCard(t, eval[cardText](t, f, readCard), "en")
	if origin := eval[string](t, f, `new URLSearchParams(location.search).get("origin")`); origin != s.host {
		t.Errorf("the frame lost the host's origin: %q", origin)
	}
	waitFor(t, host, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "en")))
	fits(t, host, f, "after a switch without wasm")
}

// The standalone page: ?lang= decides, and a switch updates the address without reloading.
func TestStandalonePageFollowsTheURL(t *testing.T) {
	s := newSite(t, siteOptions{})
	ctx := chromiumTab(t)
	open(t, ctx, s.widget+"/events/"+eventID+"?lang=fr")
	checkStandaloneSwitch(t, ctx, "/en/events/"+eventID+"/")
}

// checkStandaloneSwitch: on a standalone page opened in French, a click on English shows the
// card in English without reloading, and replaces the address with wantPath (no new history
// entry: a language is not a page to go back to).
func checkStandaloneSwitch(t *testing.T, ctx doc, wantPath string) {
	t.Helper()
	waitFor(t, ctx, wasmStarted)
	checkCard(t, eval[cardText](t, ctx, readCard), "fr")
	eval[bool](t, ctx, `(window.__mark = true)`)
	entries := eval[int](t, ctx, `history.length`)
	eval[bool](t, ctx, `(document.querySelector('.card-langs a[hreflang="en"]').click(), true)`)
	waitFor(t, ctx, `document.documentElement.lang === "en"`)
	checkCard(t, eval[cardText](t, ctx, readCard), "en")
	if u := eval[string](t, ctx, `location.pathname + location.search`); u != wantPath || !eval[bool](t, ctx, `window.__mark === true`) {
		t.Errorf("after the switch: address %q, reloaded %v", u, !eval[bool](t, ctx, `window.__mark === true`))
	}
	if n := eval[int](t, ctx, `history.length`); n != entries {
		t.Errorf("the switch added %d history entries", n-entries)
	}
}
