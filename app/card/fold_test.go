package card

import (
	"slices"
	"testing"
)

// An event's fold is one of the steps, at least its head, and grows with what the head holds.
func TestFoldOf(t *testing.T) {
	plain := &Card{When: When{Text: "x"}, Actions: []Action{{Kind: "calendar"}}}
	rich := &Card{When: When{Text: "x", LocalLabel: "y", Former: "z"}, Status: &Status{Code: "rescheduled"},
		Where:   &Where{Name: "v", Address: []string{"a", "b", "c"}, Map: &Link{}},
		Actions: []Action{{Kind: "register", Note: "until"}}, Banner: &Picture{}}
	fold := func(c *Card) Fold {
		return FoldOf(&Bundle{Views: map[string]View{"es": {Card: c}, "en": {Card: plain}}})
	}
	p, r := fold(plain), fold(rich)
	for _, f := range []Fold{p, r} {
		if !slices.Contains(FoldSteps, f.Full) || !slices.Contains(FoldSteps, f.Compact) || f.Compact > f.Full {
			t.Errorf("fold %+v: want two of %v, the compact one no higher", f, FoldSteps)
		}
	}
	if p.Full < Layout.head(plain, false) || r.Full < Layout.head(rich, false) || r.Compact < Layout.head(rich, true) {
		t.Errorf("folds %+v, %+v below their heads %d, %d", p, r, Layout.head(plain, false), Layout.head(rich, false))
	}
	if r.Full <= p.Full {
		t.Errorf("the rich card's fold %d is not above the plain one's %d", r.Full, p.Full)
	}
	// The unknown event's page has no card: the default fold.
	if f := FoldOf(&Bundle{Views: map[string]View{"es": {Missing: "?"}}}); f != Folded {
		t.Errorf("no card: %+v, want %+v", f, Folded)
	}
}
