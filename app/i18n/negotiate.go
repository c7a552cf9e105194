package i18n

import (
	"slices"

	"golang.org/x/text/language"
)

// maxPreference bounds what is parsed from a visitor: tags are short, and an Accept-Language
// header of kilobytes is noise or an attack, not a preference.
const maxPreference = 256

// Matcher picks one of the card's languages for a visitor, with x/text's matching (pt-BR → pt,
// fr-CA → fr, es-PY → es, and Guaraní, Quechua, Aymara → es, Haitian Creole → fr).
type Matcher struct {
	codes    []string
	fallback string
	m        language.Matcher
}

// NewMatcher matches among codes; a preference that matches none of them gets fallback.
func NewMatcher(codes []string, fallback string) *Matcher {
	tags := []language.Tag{language.Make(fallback)}
	ordered := []string{fallback}
	for _, c := range codes {
		if c != fallback {
			tags = append(tags, language.Make(c))
			ordered = append(ordered, c)
		}
	}
	return &Matcher{codes: ordered, fallback: fallback, m: language.NewMatcher(tags)}
}

// Tag matches one BCP 47 tag. ok is false when there is no tag to go by (empty or malformed):
// the caller then asks the next source. A well-formed tag of another language gets the fallback.
func (m *Matcher) Tag(s string) (code string, ok bool) {
	if s == "" || len(s) > maxPreference {
		return "", false
	}
	if slices.Contains(m.codes, s) {
		return s, true // one of ours, as the loader sends it: what matching would say, without parsing
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return m.match(tag), true
}

// AcceptLanguage matches an Accept-Language header, weights and all.
func (m *Matcher) AcceptLanguage(h string) (code string, ok bool) {
	if h == "" || len(h) > maxPreference {
		return "", false
	}
	tags, _, err := language.ParseAcceptLanguage(h)
	if err != nil || len(tags) == 0 {
		return "", false
	}
	return m.match(tags...), true
}

// Fallback is the language used when nothing else decides.
func (m *Matcher) Fallback() string { return m.fallback }

func (m *Matcher) match(tags ...language.Tag) string {
	// The returned index, not the tag: the tag carries extensions such as -u-rg-pyzzzz.
	_, i, conf := m.m.Match(tags...)
	if conf == language.No {
		return m.fallback
	}
	return m.codes[i]
}
