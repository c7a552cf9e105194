package i18n_test

import (
	"strings"
	"testing"

	"eventcard/app/i18n"
)

// matchCase is an input to a matcher of the card's languages with fallback, and its answer.
type matchCase struct {
	fallback, in, want string
	ok                 bool
}

// checkMatches asks a new matcher of each case for its answer through method.
func checkMatches(t *testing.T, method string, match func(*i18n.Matcher, string) (string, bool), cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		got, ok := match(i18n.NewMatcher(languages, c.fallback), c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NewMatcher(%v, %q).%s(%q) = %q, %v; want %q, %v", languages, c.fallback, method, abbreviate(c.in), got, ok, c.want, c.ok)
		}
	}
}

func TestMatcherTag(t *testing.T) {
	huge := strings.Repeat("pt-BR-", 10*1024/6)
	checkMatches(t, "Tag", (*i18n.Matcher).Tag, []matchCase{
		// exact and regional variants
		{"es", "es", "es", true},
		{"es", "en", "en", true},
		{"es", "pt", "pt", true},
		{"es", "fr", "fr", true},
		{"es", "pt-BR", "pt", true},
		{"es", "pt-PT", "pt", true},
		{"es", "fr-CA", "fr", true},
		{"es", "es-PY", "es", true},
		{"es", "es-419", "es", true},
		{"es", "en-US", "en", true},
		{"es", "en-GB", "en", true},
		{"es", "EN-us", "en", true}, // tags are case-insensitive
		{"es", "en_US", "en", true}, // x/text accepts the underscore form
		// languages of the region x/text maps onto the card's: Guaraní, Quechua, Aymara → es,
		// Haitian Creole → fr. With fallback "en" too: these are matches, not the fallback.
		{"es", "gn", "es", true},
		{"es", "qu", "es", true},
		{"es", "ay", "es", true},
		{"es", "ht", "fr", true},
		{"en", "gn", "es", true},
		{"en", "qu", "es", true},
		{"en", "ay", "es", true},
		{"en", "ht", "fr", true},
		// a well-formed tag of another language: the fallback, and ok
		{"es", "de", "es", true},
		{"es", "de-DE", "es", true},
		{"es", "zh-Hant-TW", "es", true},
		{"en", "de", "en", true},
		{"pt", "de", "pt", true},
		{"fr", "ja", "fr", true},
		// nothing to go by
		{"es", "", "", false},
		{"es", "garbage!!", "", false},
		{"es", "en-", "", false},
		{"es", "-", "", false},
		{"es", "en;q=0.8", "", false},
		{"es", "<script>", "", false},
		{"es", "toolongsubtag", "", false},
		{"es", huge, "", false},
		{"es", "es" + strings.Repeat("-a", 5*1024), "", false},
		// well-formed but long: x/text would parse it; a visitor's tag is never that long
		{"es", "en-x-" + strings.Repeat("a-", 200) + "a", "", false},
		{"es", "en-x-" + strings.Repeat("abcdefgh-", 27) + "a", "en", true}, // 249 bytes: still a tag
	})
}

func TestMatcherAcceptLanguage(t *testing.T) {
	huge := strings.Repeat("de;q=0.1,", 10*1024/9) + "pt"
	checkMatches(t, "AcceptLanguage", (*i18n.Matcher).AcceptLanguage, []matchCase{
		{"es", "de-DE,de;q=0.9,pt;q=0.8", "pt", true},
		{"es", "fr-CA,fr;q=0.9", "fr", true},
		{"es", "en-US,en;q=0.9,es;q=0.8", "en", true},
		{"es", "es-PY,es;q=0.9,gn;q=0.8", "es", true},
		{"es", "pt-BR", "pt", true},
		{"es", "pt;q=0.5,fr;q=0.9", "fr", true}, // weights, not order
		{"es", "fr;q=0,en", "en", true},         // q=0: not acceptable
		{"es", "gn", "es", true},
		{"en", "gn", "es", true},
		{"en", "ht", "fr", true},
		{"en", "ht-HT,de;q=0.5", "fr", true},
		{"es", "*", "es", true},
		{"en", "*", "en", true},
		{"fr", "de, ja;q=0.5", "fr", true},
		{"es", "", "", false},
		{"es", "garbage!!", "", false},
		{"es", "en;q=abc", "", false},
		{"es", ";;;", "", false},
		{"es", "en;q=", "", false},
		{"es", "en-US;q=0.9;", "", false},
		{"es", huge, "", false},
	})
}

func TestMatcherFallback(t *testing.T) {
	for _, fallback := range languages {
		m := i18n.NewMatcher(languages, fallback)
		if m.Fallback() != fallback {
			t.Errorf("NewMatcher(%v, %q).Fallback() = %q", languages, fallback, m.Fallback())
		}
		// Every code matches itself whatever the fallback.
		for _, lang := range languages {
			if got, ok := m.Tag(lang); got != lang || !ok {
				t.Errorf("fallback %s: Tag(%s) = %q, %v", fallback, lang, got, ok)
			}
		}
	}
}

func abbreviate(s string) string {
	if len(s) > 60 {
		return s[:30] + "…" + s[len(s)-20:]
	}
	return s
}
