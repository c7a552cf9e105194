package card_test

import (
	"testing"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// folded1280 is each fixture card folded in a place 1280 px wide, as Chromium lays it out in
// every language (app/e2e's TestFoldFitsEveryEvent measures it; remeasure when card.css
// changes): the bottom of its head (Share's), and of its whole content, from the card's top.
var folded1280 = map[string]map[bool]struct{ head, content int }{
	fixtures.PastWebinar: {false: {0, 731}, true: {0, 520}},
	fixtures.Workshop:    {false: {534, 793}, true: {470, 681}},
	fixtures.HybridForum: {false: {0, 564}, true: {0, 516}},
	fixtures.Cancelled:   {false: {256, 384}, true: {256, 336}},
	fixtures.Postponed:   {false: {0, 484}, true: {0, 436}},
	fixtures.Rescheduled: {false: {296, 424}, true: {296, 376}},
	fixtures.MovedOnline: {false: {0, 384}, true: {0, 336}},
}

// On a wide column the fold is the card's there, not a phone's: it holds the head above the
// bar and leaves no empty band under a card shorter than it (at 1280 px the fold a phone needs
// left up to 322 px).
func TestFoldOfTheFixturesAtAWideColumn(t *testing.T) {
	const (
		frame = 2        // the frame's padding above the card
		foot  = 20 + 1   // the card's bottom padding and border
		bar   = 80 + 1   // the fade and "Show all", up from the card's inner foot
		band  = 24       // the most a card may leave under it
		grid  = 8        // what a fold is rounded up to
		fits  = foot + 2 // a card that fits: its frame's padding below it too
	)
	set, err := views.Load(fixtures.Tree(t), func(*content.Event, *content.Image, views.PictureKind, string) (*card.Picture, error) {
		return &card.Picture{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range fixtures.IDs {
		b, _ := set.Bundle(id)
		for _, lang := range []string{"es", "en", "pt", "fr"} {
			for compact, m := range folded1280[id] {
				fold := card.FoldIn(b, lang).At(1280).Height(compact)
				if whole := frame + m.content + fits; fold > whole+band {
					t.Errorf("%s, %s, compact %v: fold %d px, the whole card %d px: an empty band of %d px under it", id, lang, compact, fold, whole, fold-whole)
				}
				if m.head > 0 && fold-frame-2-bar < m.head {
					t.Errorf("%s, %s, compact %v: fold %d px, the head ends at %d px: under the fade", id, lang, compact, fold, m.head)
				}
				if fold%grid != 0 {
					t.Errorf("%s: fold %d off the grid", id, fold)
				}
			}
		}
	}
}
