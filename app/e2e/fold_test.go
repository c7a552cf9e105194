package e2e

// The fold is the event's (README, "Embed"): the snippet reserves the height card.FoldOf gives
// the event, and above "Show all" the folded card shows its title, its status, when, where or
// how to take part and its main action, at any width, in every language, full and compact,
// with no empty band at its foot.

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

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

// bandWidths are the widths at which the empty band under a folded card is measured: two
// phones', a wide column's, and a column between.
var bandWidths = []int64{320, 375, 768, 1280}

func TestFoldFitsEveryEvent(t *testing.T) {
	s := newSite(t, siteOptions{})
	folds, nowFolds := eventFolds(t), foldsNow(t)
	for _, id := range fixtures.IDs {
		for _, compact := range []bool{false, true} {
			size := map[bool]string{false: "full", true: "compact"}[compact]
			t.Run(id+"-"+size, func(t *testing.T) {
				t.Parallel()
				var snippets strings.Builder
				for _, lang := range []string{"es", "en", "pt", "fr"} {
					snippets.WriteString(card.Snippet(s.widget, card.Embed{Event: id, Lang: lang, Compact: compact, Fold: folds(id, lang), Title: id}) + "\n")
				}
				below := map[int64]float64{} // the frame's height under a card shorter than its fold
				for _, width := range []int64{320, 375, 768, 1280} {
					// The page opened at each width, in a tab of its own: the placeholder's
					// height is its width's.
					ctx := chromiumTab(t)
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 4200)); err != nil {
						t.Fatal(err)
					}
					open(t, ctx, s.page(fmt.Sprintf("/fold-%s-%s-%d", id, size, width), pageOptions{Snippet: snippets.String(), Plain: true}))
					for _, lang := range []string{"es", "en", "pt", "fr"} {
						f := frame(t, ctx, s.widget, id, "lang="+lang)
						waitFor(t, f, wasmStarted)
						placeWidth := eval[float64](t, f, `innerWidth`)
						fold := folds(id, lang).At(int(placeWidth)).Height(compact)
						waitFor(t, f, fmt.Sprintf("innerWidth === document.documentElement.clientWidth && innerHeight === %d", fold))
						// The fold's element marks a card that fits from a ResizeObserver: after two frames.
						eval[bool](t, f, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
						m := eval[[]float64](t, f, foldCheck)
						where := fmt.Sprintf("%s, %s, %d px, %s (fold %d)", id, size, width, lang, fold)
						if m[4] != 1 {
							t.Fatalf("%s: no title", where)
						}
						if m[0] > m[1] {
							t.Errorf("%s: the head ends at %.0f px, under the fade (from %.0f px)", where, m[0], m[1])
						}
						if m[2] > maxBand {
							t.Errorf("%s: an empty band of %.0f px at the card's foot, want at most %d", where, m[2], maxBand)
						}
						// Under the card: the frame's padding (2 px) and what the card leaves, less
						// what the fold holds for the actions of another moment (a meeting's link
						// beside the calendar's from an hour before): a snippet lives on.
						later := fold - nowFolds(id, lang).At(int(placeWidth)).Height(compact)
						if band := m[5] - 2 - float64(later); band > maxBand && slices.Contains(bandWidths, width) {
							t.Errorf("%s: an empty band of %.0f px under the card (%d px more held for another moment's actions), want at most %d", where, band+float64(later), later, maxBand)
						}
						below[width] = max(below[width], m[5]-2)
						if m[3] == 1 {
							t.Errorf("%s: the status is pushed out of the row of chips", where)
						}
					}
				}
				t.Logf("%s %s: the widest empty band under the card, by width: %v", id, size, below)
			})
		}
	}
}

// eventFolds are the fixture events' folds by language ("": any) as the server computes them
// (with their pictures: a banner takes its place in the fold).
func eventFolds(t *testing.T) func(id, lang string) card.Folds {
	t.Helper()
	folds.Do(func() {
		folds.set, folds.err = views.Load(fixtureTree(t), func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
			return &card.Picture{}, nil
		})
	})
	if folds.err != nil {
		t.Fatal(folds.err)
	}
	return func(id, lang string) card.Folds {
		b, _ := folds.set.Bundle(id)
		return card.FoldIn(b, lang)
	}
}

// foldsNow are the fixture events' folds by language if their cards only ever showed the
// actions they show now.
func foldsNow(t *testing.T) func(id, lang string) card.Folds {
	t.Helper()
	eventFolds(t)
	return func(id, lang string) card.Folds {
		b, _ := folds.set.Bundle(id)
		now := *b
		now.Views = map[string]card.View{}
		for l, v := range b.Views {
			if v.Card != nil {
				c := *v.Card
				c.Actions = c.ActionsAt(time.Now())
				v.Card = &c
			}
			now.Views[l] = v
		}
		return card.FoldIn(&now, lang)
	}
}

var folds struct {
	sync.Once
	set *views.Set
	err error
}

// foldedBoxes are the folded card's boxes the visitor can see (those that begin above its foot),
// whether it is found to fit, and for each of its sections whether its content is laid out.
const foldedBoxes = `(() => {
  const card = document.querySelector(".card"), foot = card.getBoundingClientRect().bottom;
  const boxes = [...card.querySelectorAll("*")].map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.top < foot && r.height > 0)
    .map(([e, r]) => e.localName + "." + e.classList[0] + " " + [r.top, r.left, r.width, r.height].map((v) => v.toFixed(1)).join(","));
  const sections = [...card.querySelectorAll(".card-section")].map((s) => ({
    seen: s.getBoundingClientRect().top < foot,
    laidOut: [...s.children].every((c) => c.checkVisibility({ contentVisibilityAuto: true })),
  }));
  return { fits: document.documentElement.classList.contains("ec-fits"), boxes, sections };
})()`

type foldView struct {
	Fits     bool
	Boxes    []string
	Sections []struct{ Seen, LaidOut bool }
}

// A folded card lays out only the sections the visitor can see (card.css): those wholly under
// its foot wait until the card opens. What the fold shows is the same, box for box, as with
// every section laid out, and the card is found to fit or not the same.
func TestFoldedCardLaysOutOnlyWhatIsSeen(t *testing.T) {
	inEveryEngine(t, func(t *testing.T, b browser) {
		s := newSite(t, siteOptions{})
		host := b.newTab(t)
		host.open(t, s.page("/article", pageOptions{Snippet: readmeSnippet(t), Plain: true}))
		f := host.frame(t, s.widget)
		waitFor(t, f, wasmStarted)
		skipping := eval[foldView](t, f, foldedBoxes)
		waiting := 0
		for i, sec := range skipping.Sections {
			if sec.Seen && !sec.LaidOut {
				t.Errorf("section %d begins above the card's foot but is not laid out: the visitor sees it empty", i+1)
			}
			if !sec.LaidOut {
				waiting++
			}
		}
		if waiting == 0 {
			t.Errorf("every one of the %d sections is laid out, those under the fold too", len(skipping.Sections))
		}
		eval[bool](t, f, `(() => { const s = document.createElement("style"); s.id = "all"; s.textContent = ".card-section { content-visibility: visible !important }"; document.head.append(s); return true; })()`)
		eval[bool](t, f, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		all := eval[foldView](t, f, foldedBoxes)
		if skipping.Fits != all.Fits {
			t.Errorf("the card is found to fit: %v, with every section laid out: %v", skipping.Fits, all.Fits)
		}
		if !slices.Equal(skipping.Boxes, all.Boxes) {
			t.Errorf("the folded card differs from the same with every section laid out:\n%s\nagainst\n%s", strings.Join(skipping.Boxes, "\n"), strings.Join(all.Boxes, "\n"))
		}
		eval[bool](t, f, `(document.querySelector("#all").remove(), true)`)
		showAll(t, host, f)
		for i, sec := range eval[foldView](t, f, foldedBoxes).Sections {
			if !sec.LaidOut {
				t.Errorf("section %d is not laid out in the open card", i+1)
			}
		}
	})
}
