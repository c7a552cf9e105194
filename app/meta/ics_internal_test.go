package meta

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The escapes and the folding on their own, with what no message file can hold (a backslash:
// the catalog refuses it) and the worst places to fold.
func TestICSTextAndFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree", `one\ntwo\nthree`},
		{"tab\tkept, bell\adropped", "tab\tkept\\, belldropped"},
		{`\;,`, `\\\;\,`},
	}
	for _, c := range cases {
		if got := icsText(c.in); got != c.want {
			t.Errorf("icsText(%q) = %q, want %q", c.in, got, c.want)
		}
	}

	long := "SUMMARY:" + icsText(strings.Repeat(`Belém, \;`, 30)+strings.Repeat("é", 100))
	folded := icsFold(long)
	lines := strings.Split(folded, "\r\n")
	if len(lines) < 4 {
		t.Fatalf("%d-octet line folded into %d lines", len(long), len(lines))
	}
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d: %d octets", i, len(l))
		}
		if i > 0 && l[0] != ' ' {
			t.Errorf("line %d does not start with a space: %q", i, l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
		}
		if trailing := len(l) - len(strings.TrimRight(l, `\`)); trailing%2 == 1 {
			t.Errorf("line %d ends inside an escape: %q", i, l)
		}
	}
	if got := strings.ReplaceAll(folded, "\r\n ", ""); got != long {
		t.Errorf("unfolding does not give the line back:\n%q\n%q", got, long)
	}
	if got := icsFold("SHORT:x"); got != "SHORT:x" {
		t.Errorf("a short line changed: %q", got)
	}
	exact := strings.Repeat("x", 75)
	if got := icsFold(exact); got != exact {
		t.Errorf("a 75-octet line was folded")
	}
}
