package i18n_test

import (
	"slices"
	"strings"
	"testing"

	"eventcard/app/i18n"
)

// The card's languages, as locales/languages.toml has them; Spanish is the events' language.
var fuzzCodes = []string{"es", "en", "pt", "fr"}

// fuzzMatch fuzzes method of a matcher of the card's languages from seeds: whatever a visitor or
// a partner sends, the answer is one of the card's languages or none, the same every time, and
// each of the card's own codes matches itself.
func fuzzMatch(f *testing.F, method func(*i18n.Matcher, string) (string, bool), seeds []string) {
	for _, s := range seeds {
		f.Add(s)
	}
	m := i18n.NewMatcher(fuzzCodes, "es")
	f.Fuzz(func(t *testing.T, in string) {
		code, ok := method(m, in)
		if !ok && code != "" {
			t.Errorf("%q: not ok, yet %q", in, code)
		}
		if ok && !slices.Contains(fuzzCodes, code) {
			t.Errorf("%q: matched %q, not one of the card's languages %v", in, code, fuzzCodes)
		}
		if ok && len(in) > 256 {
			t.Errorf("%q: a preference of %d bytes was parsed", in[:40], len(in))
		}
		if again, ok2 := method(m, in); again != code || ok2 != ok {
			t.Errorf("%q: %q then %q", in, code, again)
		}
		if slices.Contains(fuzzCodes, in) && code != in {
			t.Errorf("the card's own %q matched %q", in, code)
		}
	})
}

// Language negotiation from a tag: data-lang, ?lang=, ?hl=, the switcher.
func FuzzMatcherTag(f *testing.F) {
	fuzzMatch(f, (*i18n.Matcher).Tag, []string{"es", "pt-BR", "fr-CA", "gn", "qu", "ht", "de", "", "x", "EN", "en_US", "en-", "-en",
		"<script>alert(1)</script>", "\x00", "zh-Hant-TW", "i-klingon", "und", "root", "en-US-u-rg-zzzz-u-co-pinyin-x-a-b",
		strings.Repeat("pt-BR-", 50), "sr-Latn-RS-u-nu-deva", "x-private", "es-419", "pt-PT", "fr-HT", "ﬀ", "ｅｎ"})
}

// Language negotiation from Accept-Language, weights and all, whatever the header holds.
func FuzzAcceptLanguage(f *testing.F) {
	fuzzMatch(f, (*i18n.Matcher).AcceptLanguage, []string{"pt-BR,pt;q=0.9,en;q=0.8", "fr-CA", "de, gn;q=0.5", "*", "*;q=0", "en;q=abc", "en;q=2", "fr;q=-1",
		";;;,,,;q=", "<script>", "\x01en", strings.Repeat("zz,", 80) + "en", strings.Repeat("en;q=0.5,", 40),
		"i-klingon, x-pig-latin, zh-min-nan", "en-US-u-rg-zzzz, *;q=0.1", "es-PY;q=1.0, gn-PY;q=0.9", ""})
}
