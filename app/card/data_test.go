package card_test

import (
	"strings"
	"testing"
	"time"

	"eventcard/app/card"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// What the server writes into the page is what the wasm reads back, for every language and
// every kind of event.
func TestDataRoundTrip(t *testing.T) {
	s := fixtureViews(t)
	for _, id := range fixtures.IDs {
		b, _ := s.Bundle(id)
		data, err := card.Data(b)
		if err != nil {
			t.Fatal(err)
		}
		body := string(data)
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s: the data block contains < or >: a text could close the element", id)
		}
		back, err := card.ParseData(body)
		if err != nil {
			t.Fatal(err)
		}
		// Read back and written again, the same bytes: nothing is lost on the way.
		if again, _ := card.Data(back); string(again) != body {
			t.Errorf("%s: the round trip changed the bundle", id)
		}
		for _, lang := range []string{"es", "en", "pt", "fr"} {
			got, orig := back.View(lang), b.View(lang)
			if got.Title != orig.Title || got.Card.When.Text != orig.Card.When.Text || !got.Card.When.Ends.Equal(orig.Card.When.Ends) ||
				len(got.Card.People) != len(orig.Card.People) || len(got.Card.Actions) != len(orig.Card.Actions) || got.Labels != orig.Labels {
				t.Errorf("%s %s: the round trip changed the view", id, lang)
			}
			// The clock-dependent parts answer the same after the trip.
			for _, at := range []time.Time{time.Now(), orig.Card.When.Ends.Add(-time.Hour), orig.Card.When.Ends} {
				if got.StateAt(at) != orig.StateAt(at) {
					t.Errorf("%s %s at %s: state %q, was %q", id, lang, at, got.StateAt(at), orig.StateAt(at))
				}
			}
		}
	}
	if _, err := card.ParseData(`{"views":{}}`); err == nil {
		t.Error("ParseData accepted a bundle without views")
	}
	if _, err := card.ParseData(`not json`); err == nil {
		t.Error("ParseData accepted garbage")
	}
}

// fixtureViews are the pages of the fixture events (fixtures.Tree), as app/views builds them.
func fixtureViews(t *testing.T) *views.Set {
	t.Helper()
	s, err := views.Load(fixtures.Tree(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
