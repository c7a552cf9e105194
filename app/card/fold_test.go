package card

import (
	"regexp"
	"strconv"
	"testing"
	"time"
)

// An event's fold is on the grid, at least its head's parts, grows with what the head holds,
// and is no higher at a wider place.
func TestFoldOf(t *testing.T) {
	plain := &Card{When: When{Text: "x"}, Actions: []Action{{Kind: "calendar", Text: "Calendar"}}}
	rich := &Card{When: When{Text: "x", LocalLabel: "y {time}", Former: "z"}, Status: &Status{Code: "rescheduled", Text: "New date"},
		Where:   &Where{Name: "v", Address: []string{"a", "b", "c"}, Map: &Link{}},
		Actions: []Action{{Kind: "register", Text: "Register", Note: "until"}}, Banner: &Picture{}}
	fold := func(c *Card) Folds {
		return FoldOf(&Bundle{Views: map[string]View{"es": {Title: "Título", Card: c}, "en": {Title: "Title", Card: plain}}})
	}
	p, r := fold(plain), fold(rich)
	for _, fs := range []Folds{p, r} {
		for i, f := range fs {
			if f.Full%foldGrid != 0 || f.Compact%foldGrid != 0 || f.Compact > f.Full {
				t.Errorf("fold %+v: want multiples of %d, the compact one no higher", f, foldGrid)
			}
			if i > 0 && (f.Full > fs[i-1].Full || f.Compact > fs[i-1].Compact) {
				t.Errorf("folds %+v: higher at %d px than at %d px", fs, FoldWidths[i], FoldWidths[i-1])
			}
		}
	}
	if r[0].Full <= p[0].Full {
		t.Errorf("the rich card's fold %d is not above the plain one's %d", r[0].Full, p[0].Full)
	}
	// A long title takes more lines on a phone than on a wide column: a lower fold there.
	long := &Card{When: When{Text: "x"}}
	title := "Un título largo, de los que ocupan tres líneas en un teléfono y una sola en una columna ancha"
	l := FoldOf(&Bundle{Views: map[string]View{"es": {Title: title, Card: long}}})
	if l.At(1280).Full >= l.At(320).Full {
		t.Errorf("a long title: folds %+v, want a lower one at 1280 px than at 320 px", l)
	}
	// The unknown event's page has no card: the default fold.
	if f := FoldOf(&Bundle{Views: map[string]View{"es": {Missing: "?"}}}); f != Uniform(Folded) {
		t.Errorf("no card: %+v, want %+v", f, Folded)
	}
}

// The fold holds the actions shown together at any moment, not only now's: a snippet lives on.
func TestFoldHoldsTheActionsOfEveryMoment(t *testing.T) {
	start := time.Date(2099, 5, 21, 14, 0, 0, 0, time.UTC)
	c := &Card{When: When{Text: "x"}, Actions: []Action{
		{Kind: "join", Text: "Join the meeting online", From: start.Add(-time.Hour), Until: start.Add(2 * time.Hour)},
		{Kind: "calendar", Text: "Add to my calendar", Until: start.Add(2 * time.Hour)},
	}}
	before := &Card{When: c.When, Actions: c.Actions[1:]}
	v := func(c *Card) View { return View{Title: "T", Labels: Labels{Share: "Share"}, Card: c} }
	if both, one := Layout.head(v(c), nil, 320, 359, false), Layout.head(v(before), nil, 320, 359, false); both <= one {
		t.Errorf("two actions at once: %d px, no more than one's %d", both, one)
	}
}

// The placeholder's style gives each width the fold of its class, with no media query.
func TestPlaceStyle(t *testing.T) {
	step := regexp.MustCompile(`clamp\(0px,\((\d+)px - 100%\)\*999,(\d+)px\)`)
	base := regexp.MustCompile(`^display:block;height:0;padding:0 0 calc\((\d+)px`)
	heightAt := func(style string, w int) int {
		if m := regexp.MustCompile(`^display:block;height:(\d+)px$`).FindStringSubmatch(style); m != nil {
			h, _ := strconv.Atoi(m[1])
			return h
		}
		m := base.FindStringSubmatch(style)
		if m == nil {
			t.Fatalf("style %q", style)
		}
		h, _ := strconv.Atoi(m[1])
		for _, s := range step.FindAllStringSubmatch(style, -1) {
			from, _ := strconv.Atoi(s[1])
			d, _ := strconv.Atoi(s[2])
			h += min(max(0, (from-w)*999), d)
		}
		return h
	}
	// Every width where a class starts, a pixel narrower, and wider than the last.
	widths := []int{280, 768, 1280, 2000}
	for _, w := range FoldWidths {
		widths = append(widths, w-1, w, w+7)
	}
	var falling, steps, flat [foldClasses]int
	for i := range FoldWidths {
		falling[i] = 600 - 24*i
		steps[i] = 520 - 80*(i/3)
		flat[i] = 720
	}
	for _, hs := range [][foldClasses]int{falling, steps, flat} {
		style := PlaceStyle(hs)
		var fs Folds
		for i, h := range hs {
			fs[i] = Fold{Full: h, Compact: h}
		}
		for _, w := range widths {
			if got, want := heightAt(style, w), fs.At(w).Full; got != want {
				t.Errorf("%q at %d px: %d px, want %d", style, w, got, want)
			}
		}
	}
}
