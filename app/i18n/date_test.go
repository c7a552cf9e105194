package i18n_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// TestCount: the speakers heading in CLDR's plural form for the count, with the number
// grouped the language's way (what Intl.PluralRules and Intl.NumberFormat give).
func TestCount(t *testing.T) {
	// French groups digits with the narrow no-break space U+202F, as CLDR has since version 34
	// and ICU (Node, browsers) writes; x/text's older data has U+00A0 (see Localizer.Number).
	const nbsp = "\u202f"
	want := map[string]map[int]string{
		"es": {0: "0 panelistas", 1: "1 panelista", 2: "2 panelistas", 5: "5 panelistas", 21: "21 panelistas",
			1000000: "1.000.000 de panelistas"}, // 'many'
		"en": {0: "0 speakers", 1: "1 speaker", 2: "2 speakers", 5: "5 speakers", 21: "21 speakers",
			1000000: "1,000,000 speakers"},
		"pt": {0: "0 palestrante", 1: "1 palestrante", 2: "2 palestrantes", 5: "5 palestrantes", 21: "21 palestrantes", // 0 is 'one' in pt
			1000000: "1.000.000 de palestrantes"}, // 'many'
		"fr": {0: "0 intervenante ou intervenant", 1: "1 intervenante ou intervenant", // 0 is 'one' in fr
			2: "2 intervenantes et intervenants", 5: "5 intervenantes et intervenants", 21: "21 intervenantes et intervenants",
			1000000: "1" + nbsp + "000" + nbsp + "000 d’intervenantes et intervenants"}, // 'many'
	}
	c := loadCatalog(t, fixtures.Tree(t))
	for _, lang := range languages {
		l, err := c.For(lang, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{0, 1, 2, 5, 21, 1000000} {
			got := l.Count(i18n.Speakers, n)
			if got != want[lang][n] {
				t.Errorf("%s: Count(Speakers, %d) = %q, want %q", lang, n, got, want[lang][n])
			}
		}
		if err := l.Err(); err != nil {
			t.Errorf("%s: Err = %v", lang, err)
		}
	}
}

func TestFullDate(t *testing.T) {
	want := map[string]string{
		"es": "lunes, 14 de septiembre de 2020",
		"en": "Monday, September 14, 2020",
		"pt": "segunda-feira, 14 de setembro de 2020",
		"fr": "lundi 14 septembre 2020",
	}
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	c := loadCatalog(t, fixtures.Tree(t))
	for _, lang := range languages {
		l, _ := c.For(lang, "")
		// The day is the day where t is: late evening in Asunción is already the 15th in UTC.
		for _, day := range []time.Time{
			time.Date(2020, 9, 14, 0, 0, 0, 0, time.UTC),
			time.Date(2020, 9, 14, 0, 0, 0, 0, asuncion),
			time.Date(2020, 9, 14, 23, 30, 0, 0, asuncion),
		} {
			if got := l.FullDate(day); got != want[lang] {
				t.Errorf("%s: FullDate(%s) = %q, want %q", lang, day, got, want[lang])
			}
		}
		if err := l.Err(); err != nil {
			t.Errorf("%s: Err = %v", lang, err)
		}
	}
}

// icuScript prints, for each language and each day of the given years, the language, the ISO
// day and ICU's full date (Intl.DateTimeFormat, dateStyle "full", in UTC), tab-separated. It
// first checks Node has the full ICU data: with small-icu every language falls back to en-US.
const icuScript = `
const langs = process.argv[1].split(","), years = process.argv[2].split(",").map(Number);
for (const lang of langs) {
  const f = new Intl.DateTimeFormat(lang, {dateStyle: "full", timeZone: "UTC"});
  if (f.resolvedOptions().locale !== lang) {
    console.error("node has no ICU data for " + lang + " (resolved to " + f.resolvedOptions().locale + "): install a Node built with full-icu");
    process.exit(3);
  }
  for (const y of years) {
    for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d = new Date(d.getTime() + 86400000)) {
      console.log(lang + "\t" + d.toISOString().slice(0, 10) + "\t" + f.format(d));
    }
  }
}
`

// TestFullDateMatchesICU compares FullDate with ICU (through Node's Intl) for every day of a
// leap year and of another, in every language: every weekday and month name and the pattern.
func TestFullDateMatchesICU(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test needs Node.js (with full ICU) on PATH as the reference for CLDR dates: %v; install it (Debian: apt-get install nodejs)", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, "-e", icuScript, strings.Join(languages, ","), "2020,2026")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", node, err, stderr.String())
	}

	c := loadCatalog(t, fixtures.Tree(t))
	localizers := map[string]*i18n.Localizer{}
	for _, lang := range languages {
		if localizers[lang], err = c.For(lang, ""); err != nil {
			t.Fatal(err)
		}
	}
	lines, mismatches := 0, 0
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		lang, rest, _ := strings.Cut(sc.Text(), "\t")
		iso, icu, _ := strings.Cut(rest, "\t")
		day, err := time.Parse(time.DateOnly, iso)
		if err != nil || localizers[lang] == nil {
			t.Fatalf("unexpected line from node: %q", sc.Text())
		}
		lines++
		if got := localizers[lang].FullDate(day); got != icu {
			if mismatches++; mismatches <= 20 {
				t.Errorf("%s %s: FullDate = %q, ICU = %q", lang, iso, got, icu)
			}
		}
	}
	if mismatches > 20 {
		t.Errorf("... %d mismatches in all", mismatches)
	}
	if want := len(languages) * (366 + 365); lines != want {
		t.Errorf("node printed %d dates, want %d", lines, want)
	}
	for lang, l := range localizers {
		if err := l.Err(); err != nil {
			t.Errorf("%s: Err = %v", lang, err)
		}
	}
	t.Logf("%d dates compared with ICU", lines)
}
