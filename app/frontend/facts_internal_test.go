package frontend

import "testing"

// A Go pattern goes into the scripts only where JavaScript reads it the same.
func TestJSRegExp(t *testing.T) {
	for pattern, want := range map[string]string{
		`^[a-z]{2,3}$`:             `/^[a-z]{2,3}$/`,
		`^#([0-9a-fA-F]{3}){1,2}$`: `/^#([0-9a-fA-F]{3}){1,2}$/`,
		`^a/b$`:                    "",
		`(?i)^ab$`:                 "",
		`^\pL+$`:                   "",
		`^(ab$`:                    "",
	} {
		got, err := jsRegExp(pattern)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("jsRegExp(%q) = %q, %v; want %q", pattern, got, err, want)
		}
	}
}
