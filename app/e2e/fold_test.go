package e2e

// The fold is the event's (README, "Embed"): the snippet reserves the height card.FoldOf gives
// the event, and above "Show all" the folded card shows its title, its status, when, where or
// how to take part and its main action, at any width, in every language, full and compact,
// with no empty band at its foot.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// maxBand is the most empty space a folded card may leave at its foot.
const maxBand = 24

// foldCheck measures a folded card in its frame: the bottom of its head's lowest part (the
// status, title, date, venue and main action), the top of the fold's bar (its fade), the empty
// band above the card's foot, and whether the status chip was pushed out of the row of chips.
const foldCheck = `(() => {
  const card = document.querySelector(".card"), box = card.getBoundingClientRect(), cs = getComputedStyle(card);
  const bar = document.querySelector(".card-fold");
  const fits = document.documentElement.classList.contains("ec-fits");
  const visible = (e) => e && e.getClientRects().length > 0;
  const head = [".card-alert", ".card-title", ".card-when", ".card-where", ".card-action"].map((s) => document.querySelector(s)).filter(visible);
  const headBottom = Math.max(...head.map((e) => e.getBoundingClientRect().bottom));
  const barTop = fits ? box.bottom : bar.getBoundingClientRect().top;
  const shown = [...card.children].filter((e) => e !== bar && getComputedStyle(e).display !== "none");
  const contentBottom = Math.max(...shown.map((e) => e.getBoundingClientRect().bottom));
  const inner = box.bottom - parseFloat(cs.paddingBottom) - parseFloat(cs.borderBottomWidth);
  const status = document.querySelector(".card-status"), meta = document.querySelector(".card-meta");
  const statusHidden = !!status && status.getBoundingClientRect().top >= meta.getBoundingClientRect().bottom;
  return [headBottom, barTop, Math.max(0, inner - contentBottom), statusHidden ? 1 : 0, document.querySelector(".card-title") ? 1 : 0, innerHeight - box.bottom];
})()`

func TestFoldFitsEveryEvent(t *testing.T) {
	s := newSite(t, siteOptions{})
	folds := eventFolds(t)
	for _, id := range fixtures.IDs {
		for _, compact := range []bool{false, true} {
			size := map[bool]string{false: "full", true: "compact"}[compact]
			t.Run(id+"-"+size, func(t *testing.T) {
				t.Parallel()
				fold := folds[id]
				var snippets strings.Builder
				for _, lang := range []string{"es", "en", "pt", "fr"} {
					snippets.WriteString(card.Snippet(s.widget, card.Embed{Event: id, Lang: lang, Compact: compact, Fold: fold, Title: id}) + "\n")
				}
				ctx := chromiumTab(t)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 4200)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, s.page("/fold", pageOptions{Snippet: snippets.String(), Plain: true}))
				below := map[int64]float64{} // the frame's height under a card shorter than its fold
				for _, width := range []int64{320, 375, 768, 1280} {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 4200)); err != nil {
						t.Fatal(err)
					}
					for _, lang := range []string{"es", "en", "pt", "fr"} {
						f := frame(t, ctx, s.widget, id, "lang="+lang)
						waitFor(t, f, wasmStarted)
						waitFor(t, f, fmt.Sprintf("innerWidth === document.documentElement.clientWidth && innerHeight === %d", fold.Height(compact)))
						// The fold's element marks a card that fits from a ResizeObserver: after two frames.
						eval[bool](t, f, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
						m := eval[[]float64](t, f, foldCheck)
						where := fmt.Sprintf("%s, %s, %d px, %s (fold %d)", id, size, width, lang, fold.Height(compact))
						if m[4] != 1 {
							t.Fatalf("%s: no title", where)
						}
						if m[0] > m[1] {
							t.Errorf("%s: the head ends at %.0f px, under the fade (from %.0f px)", where, m[0], m[1])
						}
						if m[2] > maxBand {
							t.Errorf("%s: an empty band of %.0f px at the card's foot, want at most %d", where, m[2], maxBand)
						}
						below[width] = max(below[width], m[5])
						if m[3] == 1 {
							t.Errorf("%s: the status is pushed out of the row of chips", where)
						}
					}
				}
				t.Logf("%s %s: fold %d px; under a card that fits, by width: %v", id, size, fold.Height(compact), below)
				heights := eval[[]float64](t, ctx, `[...document.querySelectorAll("iframe")].map((f) => f.getBoundingClientRect().height)`)
				for _, h := range heights {
					if h != float64(fold.Height(compact)) {
						t.Errorf("frames %v px high, want the reserved %d", heights, fold.Height(compact))
						break
					}
				}
			})
		}
	}
}

// eventFolds are the fixture events' folds as the server computes them (with their pictures:
// a banner takes its place in the fold).
func eventFolds(t *testing.T) map[string]card.Fold {
	t.Helper()
	set, err := views.Load(fixtureTree(t), func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
		return &card.Picture{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	folds := map[string]card.Fold{}
	for _, id := range fixtures.IDs {
		b, _ := set.Bundle(id)
		folds[id] = card.FoldOf(b)
	}
	return folds
}
