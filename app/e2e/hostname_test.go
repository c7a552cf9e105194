package e2e

// The static export served under another name than the BASE_URL it was made for: a CDN's own
// domain, www or not, http rather than https. The pages' canonical and hreflang addresses name
// BASE_URL; the card's frame must never follow them to that origin, where the partner's page
// would no longer hear it (no resize, no setLang) and the visitor may reach nothing at all.

import (
	"net/url"
	"strings"
	"testing"
)

// exportedFor is the BASE_URL of the export here: a name this machine cannot even reach, and
// https where nginx speaks http.
const exportedFor = "https://cards.example.org"

func TestStaticSiteUnderAnotherName(t *testing.T) {
	st := exportAndServeFor(t, exportedFor)
	if r := get(t, st.origin+"/embed/"+eventID+"/", ""); !strings.Contains(r.body, `hreflang="fr" href="`+exportedFor+"/fr/embed/"+eventID+`/"`) {
		t.Fatalf("the export's frame names no French page on %s: the test would prove nothing", exportedFor)
	}
	snippet := strings.Replace(readmeSnippet(t), "<script ", `<script data-lang="fr" `, 1)

	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{Widget: st.origin})
		host := b.newTab(t)
		host.open(t, s.page("/article", pageOptions{Snippet: snippet, Plain: true}))
		// No server read data-lang: the card's script moved the frame to the French page, on
		// the origin it was served from.
		f := host.frame(t, st.origin+"/fr/embed/")
		waitFor(t, f, wasmStarted+` && document.documentElement.lang === "fr"`)
		checkCard(t, eval[cardText](t, f, readCard), "fr")
		if o := eval[string](t, f, `new URLSearchParams(location.search).get("origin")`); o != s.host {
			t.Errorf("the frame lost the partner's origin: %q", o)
		}
		waitFor(t, host, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "fr")))
		fits(t, host, f, "another name, data-lang=fr")
		// In place, and the partner's page still hears the card.
		host.click(t, f, langLink("pt"))
		waitFor(t, f, `document.documentElement.lang === "pt"`)
		waitFor(t, host, `document.querySelector("iframe").title === `+quoted(frameTitle(t, eventID, "pt")))
		fits(t, host, f, "another name, in Portuguese")
		if u := eval[string](t, f, `location.origin + location.pathname`); u != st.origin+"/fr/embed/"+eventID+"/" {
			t.Errorf("the frame is at %s", u)
		}
	})

	// The standalone page, opened without a language, moves to the visitor's on its own origin.
	t.Run("standalone", func(t *testing.T) {
		ctx := chromiumTab(t)
		open(t, ctx, st.origin+"/events/"+eventID+"/")
		waitFor(t, ctx, `location.pathname === "/en/events/`+eventID+`/"`)
		waitFor(t, ctx, wasmStarted)
		checkCard(t, eval[cardText](t, ctx, readCard), "en")
		if u, _ := url.Parse(eval[string](t, ctx, `location.href`)); u.Scheme+"://"+u.Host != st.origin {
			t.Errorf("the standalone page moved to %s", u)
		}
	})
}
