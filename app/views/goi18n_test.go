package views_test

import (
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"eventcard/app/card"
	"eventcard/app/internal/fixtures"
)

// TestBrowserTextsAreGoI18nOutput: the wasm links no go-i18n (README, "Performance"); the
// browser shows the texts the server resolved and wrote into the page. So the page's data must
// hold, for every language and every plural case the card uses (the speakers' count of each
// fixture event, "In N days" for each of the 21 days before an upcoming event, "Today"),
// exactly what go-i18n itself produces from locales/, through a Localizer of its own, and read
// back as the wasm reads it.
func TestBrowserTextsAreGoI18nOutput(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	bundle := goi18n.NewBundle(language.Spanish)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range langs {
		if _, err := bundle.LoadMessageFileFS(tree, "locales/ui/active."+lang+".toml"); err != nil {
			t.Fatal(err)
		}
	}
	// inPage is event id's bundle as the wasm reads it from the page.
	inPage := func(t *testing.T, id string) *card.Bundle {
		b, _ := s.Bundle(id)
		return fixtures.ThroughPage(t, b)
	}
	events := map[string]*card.Bundle{}
	for _, id := range fixtures.IDs {
		events[id] = inPage(t, id)
	}
	counts := map[int]bool{}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			l := goi18n.NewLocalizer(bundle, lang)
			count := func(id string, n int) string {
				t.Helper()
				text, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": strconv.Itoa(n)}})
				if err != nil {
					t.Fatalf("go-i18n: %s(%d): %v", id, n, err)
				}
				return text
			}
			for id, b := range events {
				v := b.Views[lang]
				if want := count("Speakers", len(v.Card.People)); v.Labels.Speakers != want {
					t.Errorf("%s: Speakers label = %q, go-i18n says %q (%d people)", id, v.Labels.Speakers, want, len(v.Card.People))
				}
				counts[len(v.Card.People)] = true
			}

			// The workshop is upcoming: it counts down.
			c := events[fixtures.Workshop].Views[lang].Card
			if len(c.When.Countdown) != 22 {
				t.Fatalf("%d countdown labels, want 22 (21 days and the day)", len(c.When.Countdown))
			}
			for i, d := range c.When.Countdown {
				n := 21 - i
				want := ""
				if n == 0 {
					var err error
					if want, err = l.Localize(&goi18n.LocalizeConfig{MessageID: "Today"}); err != nil {
						t.Fatal(err)
					}
				} else {
					want = count("InDays", n)
				}
				if d.Text != want {
					t.Errorf("countdown, %d days before: %q, go-i18n says %q", n, d.Text, want)
				}
			}
		})
	}
	// The fixtures give the speakers' label its singular and its plural (and none).
	for _, n := range []int{1, 2, 3} {
		if !counts[n] {
			t.Errorf("no fixture event has %d people: that plural case went unchecked", n)
		}
	}
}
