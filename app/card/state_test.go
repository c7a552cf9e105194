package card_test

import (
	"testing"
	"time"

	"eventcard/app/internal/fixtures"
)

func TestUpcomingIsComputedFromTheDate(t *testing.T) {
	b, _ := fixtureViews(t).Bundle(fixtures.PastWebinar)
	c := b.View("es").Card
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2020, 9, 13, 23, 0, 0, 0, asuncion), true},
		{time.Date(2020, 9, 14, 23, 59, 0, 0, asuncion), true},
		{time.Date(2020, 9, 15, 0, 0, 0, 0, asuncion), false},
		{time.Now(), false},
	} {
		if got := c.Upcoming(at.now); got != at.want {
			t.Errorf("Upcoming(%v) = %v", at.now, got)
		}
	}
	if b.View("xx").Lang != b.Default {
		t.Error("a language the bundle lacks should give the default view")
	}
}
