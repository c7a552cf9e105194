package i18n_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// The zones the oracle checks every day of two years: the events' own (America/Asuncion) and
// two more, one with daylight saving time both years, one that dropped it in 2022 (as Paraguay
// did in 2024). TestZoneNamesMatchICU checks many more, on fewer days.
var oracleZones = []string{"America/Asuncion", "America/New_York", "America/Mexico_City"}

// node runs a script with Node.js, whose ICU is the oracle, feeding it stdin.
func node(t *testing.T, script string, stdin string, args ...string) *bytes.Buffer {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test needs Node.js (with full ICU) on PATH as the reference for CLDR: %v; install it (Debian: apt-get install nodejs)", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"-e", script}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return &stdout
}

// icuDateTimeScript reads "lang zone epoch-ms" lines and prints ICU's full date with the time
// and the zone's long name: the options that give "lunes, 14 de septiembre de 2020, 14:00 hora
// estándar de Paraguay". (dateStyle "full" with timeStyle "long" gives "GMT-4", with "full"
// seconds and, in Spanish, parentheses: neither is what a card says.)
const icuDateTimeScript = `
const lines = require("fs").readFileSync(0, "utf8").trim().split("\n");
const formats = {};
for (const line of lines) {
  const [lang, zone, ms] = line.split(" ");
  const key = lang + " " + zone;
  formats[key] ||= new Intl.DateTimeFormat(lang, {weekday: "long", year: "numeric", month: "long", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "long", timeZone: zone});
  if (formats[key].resolvedOptions().locale !== lang) {
    console.error("node has no ICU data for " + lang + ": install a Node built with full-icu");
    process.exit(3);
  }
  console.log(line + "\t" + formats[key].format(new Date(Number(ms))));
}
`

// TestFullDateTimeMatchesICU: for every day of 2020 and 2026, in every language and every zone
// of oracleZones, an event's start written by FullDateTime is ICU's.
// The hour moves through the day (so AM, PM, noon and midnight all occur) and the days cross
// each zone's clock changes; a time the clocks skip is not an event's time (content refuses it).
func TestFullDateTimeMatchesICU(t *testing.T) {
	var instants []time.Time
	for _, zone := range oracleZones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []int{2020, 2026} {
			for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
				h, m := d.YearDay()%24, (d.YearDay()*7)%60
				at := time.Date(year, d.Month(), d.Day(), h, m, 0, 0, loc)
				if at.Hour() == h && at.Minute() == m {
					instants = append(instants, at)
				}
			}
		}
	}
	if lines := fullDateTimesMatchICU(t, instants); lines < 3*700*4 {
		t.Errorf("only %d date-times compared", lines)
	}
}

// fullDateTimesMatchICU compares FullDateTime with ICU's date-time (node's Intl) for every
// instant in every language, reports the first mismatches, and returns how many it compared.
func fullDateTimesMatchICU(t *testing.T, instants []time.Time) int {
	t.Helper()
	var in strings.Builder
	byKey := map[string]time.Time{}
	for _, at := range instants {
		key := at.Location().String() + " " + strconv.FormatInt(at.UnixMilli(), 10)
		byKey[key] = at
		for _, lang := range languages {
			fmt.Fprintf(&in, "%s %s\n", lang, key)
		}
	}
	out := node(t, icuDateTimeScript, in.String())

	c := loadCatalog(t, fixtures.Tree(t))
	localizers := map[string]*i18n.Localizer{}
	for _, lang := range languages {
		localizers[lang], _ = c.For(lang, "")
	}
	lines, mismatches := 0, 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		key, icu, _ := strings.Cut(sc.Text(), "\t")
		lang, instant, _ := strings.Cut(key, " ")
		at, ok := byKey[instant]
		if !ok || localizers[lang] == nil {
			t.Fatalf("unexpected line from node: %q", sc.Text())
		}
		lines++
		if got := localizers[lang].FullDateTime(at); got != icu {
			if mismatches++; mismatches <= 20 {
				t.Errorf("%s %s %s: FullDateTime = %q, ICU = %q", lang, at.Location(), at.Format(time.RFC3339), got, icu)
			}
		}
	}
	if mismatches > 20 {
		t.Errorf("... %d mismatches in all", mismatches)
	}
	if want := len(byKey) * len(languages); lines != want {
		t.Errorf("node printed %d date-times, want %d", lines, want)
	}
	for lang, l := range localizers {
		if err := l.Err(); err != nil {
			t.Errorf("%s: Err = %v", lang, err)
		}
	}
	t.Logf("%d date-times compared with ICU %s", lines, strings.TrimSpace(node(t, `console.log(process.versions.icu + ", CLDR " + process.versions.cldr + ", tz " + process.versions.tz)`, "").String()))
	return lines
}

// The examples (shared notes, "Dates and time zones").
func TestFullDateTimeExamples(t *testing.T) {
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2020, 9, 14, 14, 0, 0, 0, asuncion)
	c := loadCatalog(t, fixtures.Tree(t))
	for lang, want := range map[string]string{
		"es": "lunes, 14 de septiembre de 2020, 14:00 hora estándar de Paraguay",
		"en": "Monday, September 14, 2020 at 2:00 PM Paraguay Standard Time",
		"pt": "segunda-feira, 14 de setembro de 2020 às 14:00 Horário Padrão do Paraguai",
		"fr": "lundi 14 septembre 2020 à 14:00 heure normale du Paraguay",
	} {
		l, _ := c.For(lang, "")
		if got := l.FullDateTime(at); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	// Any zone has its name from CLDR, with no file to write (it was an error before, when the
	// names were messages of locales/zones).
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := c.For("pt", "")
	if got, want := l.FullDateTime(time.Date(2026, 3, 1, 10, 0, 0, 0, lima)), "domingo, 1 de março de 2026 às 10:00 Horário Padrão do Peru"; got != want || l.Err() != nil {
		t.Errorf("a zone named by no file: %q (Err %v), want %q", got, l.Err(), want)
	}
}

// counts are the issue's: every plural category the four languages have, and grouping.
var counts = []int{0, 1, 2, 5, 21, 1000000}

// icuCountScript prints, per language and count, the CLDR plural category and the number as
// Intl.NumberFormat writes it.
const icuCountScript = `
const [langs, counts] = process.argv.slice(1).map((a) => a.split(","));
for (const lang of langs) for (const n of counts.map(Number))
  console.log([lang, n, new Intl.PluralRules(lang).select(n), new Intl.NumberFormat(lang).format(n)].join("\t"));
`

// TestNumberAndPluralMatchICU: Number writes counts as ICU does (French with U+202F, Spanish
// 1000 without a separator but 10.000 with one), and Count picks the form of ICU's category.
func TestNumberAndPluralMatchICU(t *testing.T) {
	nums := append(append([]int{}, counts...), 999, 1000, 9999, 10000, 12345, 100000, 1234567, 1000000000)
	var strs []string
	for _, n := range nums {
		strs = append(strs, strconv.Itoa(n))
	}
	out := node(t, icuCountScript, "", strings.Join(languages, ","), strings.Join(strs, ","))
	c := loadCatalog(t, fixtures.Tree(t))
	sc := bufio.NewScanner(out)
	lines := 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		n, _ := strconv.Atoi(f[1])
		l, _ := c.For(f[0], "")
		lines++
		if got := l.Number(n); got != f[3] {
			t.Errorf("%s: Number(%d) = %q, ICU %q", f[0], n, got, f[3])
		}
		// The form Count chose is the one written for ICU's category.
		forms := pluralForms[f[0]]
		if want, ok := forms[f[2]]; ok {
			if got := l.Count(i18n.InDays, n); got != strings.ReplaceAll(want, "#", f[3]) {
				t.Errorf("%s: Count(InDays, %d) = %q, want the %s form %q", f[0], n, got, f[2], strings.ReplaceAll(want, "#", f[3]))
			}
		} else {
			t.Errorf("%s: no %q form for %d", f[0], f[2], n)
		}
		if err := l.Err(); err != nil {
			t.Error(err)
		}
	}
	if lines != len(nums)*len(languages) {
		t.Errorf("node printed %d lines", lines)
	}
}

// pluralForms are InDays' forms per CLDR category (# the number).
var pluralForms = map[string]map[string]string{
	"es": {"one": "Dentro de # día", "many": "Dentro de # de días", "other": "Dentro de # días"},
	"en": {"one": "In # day", "other": "In # days"},
	"pt": {"one": "Em # dia", "many": "Em # de dias", "other": "Em # dias"},
	"fr": {"one": "Dans # jour", "many": "Dans # de jours", "other": "Dans # jours"},
}

// TestInDays: the counts, written out.
func TestInDays(t *testing.T) {
	const nnbsp = "\u202f"
	want := map[string]map[int]string{
		"es": {0: "Dentro de 0 días", 1: "Dentro de 1 día", 2: "Dentro de 2 días", 5: "Dentro de 5 días", 21: "Dentro de 21 días", 1000000: "Dentro de 1.000.000 de días"},
		"en": {0: "In 0 days", 1: "In 1 day", 2: "In 2 days", 5: "In 5 days", 21: "In 21 days", 1000000: "In 1,000,000 days"},
		"pt": {0: "Em 0 dia", 1: "Em 1 dia", 2: "Em 2 dias", 5: "Em 5 dias", 21: "Em 21 dias", 1000000: "Em 1.000.000 de dias"}, // 0 is 'one' in pt
		"fr": {0: "Dans 0 jour", 1: "Dans 1 jour", 2: "Dans 2 jours", 5: "Dans 5 jours", 21: "Dans 21 jours", 1000000: "Dans 1" + nnbsp + "000" + nnbsp + "000 de jours"},
	}
	c := loadCatalog(t, fixtures.Tree(t))
	for _, lang := range languages {
		l, _ := c.For(lang, "")
		for _, n := range counts {
			if got := l.Count(i18n.InDays, n); got != want[lang][n] {
				t.Errorf("%s: Count(InDays, %d) = %q, want %q", lang, n, got, want[lang][n])
			}
		}
		if err := l.Err(); err != nil {
			t.Error(err)
		}
	}
}

// icuRangeScript reads "lang epoch-ms epoch-ms" lines and prints ICU's ranges in UTC: of the two
// days (dateStyle full) and of the two times (hour and minute), tab-separated.
const icuRangeScript = `
const lines = require("fs").readFileSync(0, "utf8").trim().split("\n");
for (const line of lines) {
  const [lang, a, b] = line.split(" ");
  const days = new Intl.DateTimeFormat(lang, {dateStyle: "full", timeZone: "UTC"});
  const times = new Intl.DateTimeFormat(lang, {hour: "numeric", minute: "2-digit", timeZone: "UTC"});
  const [x, y] = [new Date(Number(a)), new Date(Number(b))];
  console.log(line + "\t" + days.formatRange(x, y) + "\t" + times.formatRange(x, y));
}
`

// TestRangesMatchICU: a multi-day event's days (DateRange) and a timed event's hours
// (TimeRange) as ICU's formatRange writes them: in one month, across months, across years;
// hours in the morning, the afternoon, across noon, on the hour and not.
func TestRangesMatchICU(t *testing.T) {
	var in strings.Builder
	var pairs [][2]time.Time
	base := time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 120; i++ {
		start := base.AddDate(0, 0, i*5).Add(time.Duration(7+i%9)*time.Hour + time.Duration(i%4*15)*time.Minute)
		for _, d := range []time.Duration{2 * 24 * time.Hour, 40 * 24 * time.Hour, 400 * 24 * time.Hour, 90 * time.Minute, 5*time.Hour + 30*time.Minute} {
			end := start.Add(d)
			if d < 24*time.Hour && end.Day() != start.Day() {
				continue
			}
			pairs = append(pairs, [2]time.Time{start, end})
		}
	}
	for _, lang := range languages {
		for _, p := range pairs {
			fmt.Fprintf(&in, "%s %d %d\n", lang, p[0].UnixMilli(), p[1].UnixMilli())
		}
	}
	out := node(t, icuRangeScript, in.String())
	c := loadCatalog(t, fixtures.Tree(t))
	sc := bufio.NewScanner(out)
	lines, mismatches := 0, 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		var lang string
		var a, b int64
		fmt.Sscanf(f[0], "%s %d %d", &lang, &a, &b)
		start, end := time.UnixMilli(a).UTC(), time.UnixMilli(b).UTC()
		l, err := c.For(lang, "")
		if err != nil {
			t.Fatal(err)
		}
		lines++
		if end.Sub(start) >= 24*time.Hour {
			if got := l.DateRange(start, end); got != f[1] {
				if mismatches++; mismatches <= 20 {
					t.Errorf("%s: DateRange(%s, %s) = %q, ICU %q", lang, start.Format(time.DateOnly), end.Format(time.DateOnly), got, f[1])
				}
			}
		} else if got := l.TimeRange(start, end); got != f[2] {
			if mismatches++; mismatches <= 20 {
				t.Errorf("%s: TimeRange(%s, %s) = %q, ICU %q", lang, start.Format("15:04"), end.Format("15:04"), got, f[2])
			}
		}
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if lines != len(languages)*len(pairs) {
		t.Errorf("node printed %d ranges, want %d", lines, len(languages)*len(pairs))
	}
	t.Logf("%d ranges compared with ICU", lines)
}
