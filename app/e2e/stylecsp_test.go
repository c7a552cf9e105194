package e2e

// A partner whose policy limits styles (style-src without 'unsafe-inline'): the snippet's
// placeholder holds the card's place with a style attribute, which such a policy blocks unless it
// allows those declarations by their hashes, as the README says ("Content-Security-Policy").

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventcard/app/card"
	"eventcard/app/internal/readme"
)

// cspHash is the CSP source for the inline text s.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// readmeStyleSrc is the style-src the README tells a strict host to add, checked against the
// hash of its snippet's own style attribute (card.Snippet's for its event).
func readmeStyleSrc(t *testing.T) string {
	t.Helper()
	line := readme.Line(t, root, "### Content-Security-Policy", "Content-Security-Policy: style-src ")
	want := "Content-Security-Policy: style-src 'unsafe-hashes' " + cspHash(placeStyle(t, false))
	if line != want {
		t.Fatalf("README's style-src\n%s\nis not the snippet's\n%s", line, want)
	}
	return strings.TrimPrefix(line, "Content-Security-Policy: ")
}

// placeStyle is the style attribute of the README event's snippet, full or compact.
func placeStyle(t *testing.T, compact bool) string {
	t.Helper()
	snippet := card.Snippet("http://x", card.Embed{Event: eventID, Compact: compact, Fold: readmeFolds(t)})
	return regexp.MustCompile(` style="([^"]*)"`).FindStringSubmatch(snippet)[1]
}

// strictPolicy is a partner's policy with the README's lines for the widget (script-src,
// frame-src), and styles limited to the partner's own style sheet (its hash) and extra.
func strictPolicy(t *testing.T, widget, extra string) string {
	t.Helper()
	lines := strings.TrimPrefix(strings.TrimSpace(strings.ReplaceAll(readmeBlock(t, "### Content-Security-Policy", ""), "{{widget}}", widget)), "Content-Security-Policy: ")
	return lines + "; style-src " + strings.TrimSpace(strings.TrimPrefix(extra, "style-src")+" "+cspHash(plainStyle))
}

// Under the README's style-src the page does not move when the card arrives, as without a
// policy; without it, it does (the policy is doing its job: the test can see the difference).
func TestStrictStylePolicyHost(t *testing.T) {
	// The loader comes late, so the frame always arrives after the page's first paint: a place
	// not held then is a shift the probe sees (on a fast load the frame could come before it).
	lateLoader := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/embed.js" {
				time.Sleep(600 * time.Millisecond)
			}
			h.ServeHTTP(w, r)
		})
	}
	s := newSite(t, siteOptions{Wrap: lateLoader})
	styleSrc := readmeStyleSrc(t)
	// The compact card's place, by its own style's hash.
	compact := strings.Replace(strings.Replace(readmeSnippet(t), placeStyle(t, false), "display:block;height:360px", 1), "<script ", "<script data-compact ", 1)
	for _, c := range []struct {
		name, snippet, extra string
		height               float64 // 0: the README snippet's at the place's width
		moves                bool
	}{
		{"card", readmeSnippet(t), styleSrc, 0, false},
		{"compact", compact, styleSrc + " " + cspHash("display:block;height:360px"), 360, false},
		{"without the hashes", readmeSnippet(t), "", 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			policy := strictPolicy(t, s.widget, c.extra)
			ctx := chromiumTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 1000)); err != nil {
				t.Fatal(err)
			}
			probe(t, ctx)
			open(t, ctx, s.page("/strict-"+strings.ReplaceAll(c.name, " ", "-"), pageOptions{Snippet: c.snippet, Plain: true,
				Header: http.Header{"Content-Security-Policy": {policy}}}))
			f := frame(t, ctx, s.widget)
			waitFor(t, f, wasmStarted)
			time.Sleep(700 * time.Millisecond) // any resize has been posted and applied by now
			p := readProbe(t, ctx)
			t.Logf("host CLS under %q: %.4f (%d shifts)", policy, p.cls(), len(p.Shifts))
			if c.moves {
				if p.cls() == 0 || len(p.Violations) == 0 {
					t.Errorf("without the hashes: CLS %.4f, violations %q; want the style attribute refused and the page moved", p.cls(), p.Violations)
				}
				return
			}
			if p.cls() != 0 {
				t.Errorf("the partner's page moved: CLS %.4f from %v", p.cls(), p.Shifts)
			}
			box := eval[[]float64](t, ctx, frameBox)
			if c.height == 0 {
				c.height = folded(t, box[0])
			}
			if box[1] != c.height {
				t.Errorf("frame height %v, want the reserved %v", box[1], c.height)
			}
			fits(t, ctx, f, c.name)
			p.quiet(t, "the partner's page")
		})
	}
}

// The placeholder alone (no loader: what holds the place before it runs) keeps its height under
// the README's style-src in every engine, and loses it without.
func TestStrictStylePolicyPlaceholder(t *testing.T) {
	styleSrc := readmeStyleSrc(t)
	links := regexp.MustCompile(`<a [^\n]*</a>`).FindString(readmeSnippet(t))
	links += "\n" + strings.Replace(links, placeStyle(t, false), "display:block;height:960px", 1)
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		for _, c := range []struct {
			extra string
			want  bool
		}{{styleSrc + " " + cspHash("display:block;height:960px"), true}, {"", false}} {
			host.open(t, s.page("/placeholder", pageOptions{Snippet: links, Plain: true, Header: http.Header{"Content-Security-Policy": {strictPolicy(t, s.widget, c.extra)}}}))
			got := eval[[]float64](t, host, `[...document.querySelectorAll("a.eventcard")].flatMap((a) => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])`)
			if held := len(got) == 4 && got[1] == folded(t, got[0]) && got[3] == 960; held != c.want {
				t.Errorf("style-src %q: the placeholders are %v px high", c.extra, got)
			}
		}
	})
}
