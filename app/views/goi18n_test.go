package views_test

import (
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"eventcard/app/card"
	"eventcard/app/internal/projecttree"
	"eventcard/app/views"
)

// TestBrowserTextsAreGoI18nOutput: the wasm links no go-i18n (README, "Performance"); the
// browser shows the texts the server resolved and wrote into the page. So the page's data must
// hold, for every language and every plural case the card uses (the speakers' count, "In N
// days" for each of the 21 days before an upcoming event, "Today"), exactly what go-i18n itself
// produces from locales/, through a Localizer of its own, and read back as the wasm reads it.
func TestBrowserTextsAreGoI18nOutput(t *testing.T) {
	fsys := projecttree.Copy(t, "../..", "locales", "events")
	projecttree.Replace(t, fsys, "events/"+seedID+".toml", "date = 2020-09-14", "date = 2099-03-08\ntime = \"10:00\"")
	s, err := views.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Bundle(seedID)
	data, err := card.Data(b)
	if err != nil {
		t.Fatal(err)
	}
	inPage, err := card.ParseData(string(data))
	if err != nil {
		t.Fatal(err)
	}

	bundle := goi18n.NewBundle(language.Spanish)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range switcher {
		if _, err := bundle.LoadMessageFileFS(root, "locales/ui/active."+lang.Code+".toml"); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range switcher {
		t.Run(lang.Code, func(t *testing.T) {
			l := goi18n.NewLocalizer(bundle, lang.Code)
			count := func(id string, n int) string {
				t.Helper()
				text, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": strconv.Itoa(n)}})
				if err != nil {
					t.Fatalf("go-i18n: %s(%d): %v", id, n, err)
				}
				return text
			}
			v := inPage.Views[lang.Code] // as the wasm reads it
			if want := count("Speakers", len(v.People)); v.Labels.Speakers != want || len(v.People) != 5 {
				t.Errorf("Speakers label = %q, go-i18n says %q (%d people)", v.Labels.Speakers, want, len(v.People))
			}
			if len(v.Countdown) != 22 {
				t.Fatalf("%d countdown labels, want 22 (21 days and the day)", len(v.Countdown))
			}
			for i, c := range v.Countdown {
				n := 21 - i
				want := ""
				if n == 0 {
					want, err = l.Localize(&goi18n.LocalizeConfig{MessageID: "Today"})
					if err != nil {
						t.Fatal(err)
					}
				} else {
					want = count("InDays", n)
				}
				if c.Text != want {
					t.Errorf("countdown, %d days before: %q, go-i18n says %q", n, c.Text, want)
				}
			}
		})
	}
}
