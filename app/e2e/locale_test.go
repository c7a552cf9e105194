package e2e

// Locale correctness in the browser: what the card shows is what the server resolved,
// and that is what ICU writes (Node's Intl as the oracle, Chromium's own Intl as a second
// one); the countdown's plural forms; each language's typography, intact in the DOM.

import (
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/views"
)

// timedCopies is the fixture tree plus timed copies of the past webinar: the shared notes'
// example (14:00 to 15:30 in Asunción, 2020, past), one in New York in summer time (2026, no
// end), and one in Mexico City five days from now, whose card counts down.
func timedCopies(t *testing.T) fstest.MapFS {
	t.Helper()
	m := editableTree(t)
	mexico, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	soon := time.Now().In(mexico).AddDate(0, 0, 5).Format(time.DateOnly)
	src := "events/" + eventID + ".toml"
	from := event(t, eventID)
	for _, c := range []struct{ id, date, fields, zone string }{
		{"timed-asuncion-2020", "2020-09-14", `time = "14:00"` + "\nduration = \"1h30m\"", "America/Asuncion"},
		{"timed-new-york-2026", "2026-07-14", `time = "09:30"`, "America/New_York"},
		{"timed-mexico-soon", soon, `time = "10:00"` + "\nduration = \"2h\"", "America/Mexico_City"},
	} {
		file := strings.Replace(string(m[src].Data), `id = "`+eventID+`"`, `id = "`+c.id+`"`, 1)
		file = strings.Replace(file, "date = "+from.When.Date.String(), "date = "+c.date+"\n"+c.fields, 1)
		file = strings.Replace(file, `timezone = "`+from.When.Zone.String()+`"`, `timezone = "`+c.zone+`"`, 1)
		if !strings.Contains(file, c.fields) || !strings.Contains(file, c.zone) {
			t.Fatalf("%s: the copy of %s is not the event it should be:\n%s", c.id, src, file)
		}
		m["events/"+c.id+".toml"] = &fstest.MapFile{Data: []byte(file)}
		for _, lang := range cardLangs {
			name := "locales/events/" + eventID + "/active." + lang + ".toml"
			m[strings.Replace(name, eventID, c.id, 1)] = m[name]
		}
	}
	return m
}

// icuDate writes an event's date as ICU does, in lang and zone: a day (kind "day", at instant a)
// in CLDR's full date; several days ("days", from a to b) as formatRange writes them; a time
// ("time") as a full date with the hour, the minutes and the zone's long name; a time with an
// end on the same day ("times"): ICU writes no range of times with the zone's name, so its full
// date and time with the hour and minutes replaced by its range of the two times.
const icuDate = `(lang, zone, kind, a, b) => {
  const x = new Date(Number(a)), y = new Date(Number(b));
  const days = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeZone: zone });
  const clock = new Intl.DateTimeFormat(lang, { weekday: "long", year: "numeric", month: "long", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "long", timeZone: zone });
  switch (kind) {
  case "day": return days.format(x);
  case "days": return days.formatRange(x, y);
  case "time": return clock.format(x);
  case "times": {
    const parts = clock.formatToParts(x), text = (ps) => ps.map((p) => p.value).join("");
    const first = parts.findIndex((p) => p.type === "hour"), last = parts.findLastIndex((p) => p.type === "minute" || p.type === "dayPeriod");
    const times = new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit", timeZone: zone }).formatRange(x, y);
    return text(parts.slice(0, first)) + times + text(parts.slice(last + 1));
  }
  }
  throw new Error("no ICU form for a date of kind " + kind);
}`

// icuArgs are icuDate's zone, kind and instants for schedule s.
func icuArgs(t *testing.T, s content.Schedule) []string {
	t.Helper()
	ms := func(at time.Time) string { return strconv.FormatInt(at.UnixMilli(), 10) }
	start := s.Start()
	end, exact := s.End()
	var kind, b string
	switch {
	case !s.Timed() && !s.MultiDay():
		kind = "day"
	case !s.Timed():
		kind, b = "days", ms(s.LastDate.Start(s.Zone))
	case !exact:
		kind = "time"
	case !s.MultiDay():
		kind, b = "times", ms(end)
	default:
		t.Fatalf("no ICU form for a timed event over several days (%v)", s)
	}
	return []string{s.Zone.String(), kind, ms(start), b}
}

// TestDatesInTheBrowserMatchTheServerAndICU: every fixture event (one day, several days, a
// time, a time with its end, a former date) and the timed copies, in every language: the
// prerendered <time> is the server's, the wasm writes the same after a switch in place, and both
// are what ICU writes (Node's Intl as the oracle, Chromium's own as a second one).
func TestDatesInTheBrowserMatchTheServerAndICU(t *testing.T) {
	m := timedCopies(t)
	set, err := views.Load(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test needs Node.js (full ICU), the oracle for CLDR dates: %v", err)
	}
	icu := func(lang string, args []string) string {
		t.Helper()
		out, err := exec.Command(nodeBin, append([]string{"-e", "console.log((" + icuDate + ")(...process.argv.slice(1)))", lang}, args...)...).Output()
		if err != nil {
			t.Fatalf("node: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	w := newSite(t, siteOptions{Tree: m}).widget
	host := chromiumEngine{}.newTab(t)
	timeTag := regexp.MustCompile(`<time[^>]*datetime="([^"]*)"[^>]*>([^<]*)</time>`)
	shapes := map[string]bool{}
	for _, e := range set.Events() {
		b, _ := set.Bundle(e.ID)
		args := icuArgs(t, e.When)
		shapes[args[1]] = true
		host.open(t, w+"/es/events/"+e.ID+"/")
		waitFor(t, host, wasmStarted)
		for _, lang := range cardLangs {
			v := b.View(lang).Card.When

			// The prerendered page (what a visitor reads before the wasm, or without it).
			res, err := http.Get(w + "/" + lang + "/events/" + e.ID + "/")
			if err != nil {
				t.Fatal(err)
			}
			html, _ := io.ReadAll(res.Body)
			res.Body.Close()
			pre := timeTag.FindStringSubmatch(string(html))
			if pre == nil || pre[1] != v.ISO || unescape(pre[2]) != v.Text {
				t.Errorf("%s %s: prerendered <time> %q, want the server's %q %q", e.ID, lang, pre, v.ISO, v.Text)
			}

			// The page once the wasm runs, switched in place.
			showIn(t, host, host, lang)
			oracle := icu(lang, args)
			got := eval[[]string](t, host, `[document.querySelector(".card-when time").getAttribute("datetime"), document.querySelector(".card-when time").textContent,
			  (`+icuDate+`)(`+jsArgs(append([]string{lang}, args...))+`)]`)
			if got[0] != v.ISO || got[1] != v.Text || got[1] != oracle {
				t.Errorf("%s %s: the card says %q (datetime %q); the server %q; Node's ICU %q", e.ID, lang, got[1], got[0], v.Text, oracle)
			}
			// Chromium writes plain spaces where ICU's data has thin and narrow no-break ones
			// (a patch of V8's for pages that parse dates): the same words, spaced otherwise.
			if plainSpaces(got[2]) != plainSpaces(oracle) {
				t.Errorf("%s %s: Chromium's own ICU writes %q, Node's %q", e.ID, lang, got[2], oracle)
			}
			if e.When.Timed() != strings.Contains(got[0], "T") {
				t.Errorf("%s: datetime %q for a timed event: %v", e.ID, got[0], e.When.Timed())
			}
			if e.Previous != nil {
				former := icu(lang, icuArgs(t, *e.Previous))
				if got := eval[string](t, host, `document.querySelector(".card-former del").textContent`); got != v.Former || got != former {
					t.Errorf("%s %s: the former date %q; the server %q; Node's ICU %q", e.ID, lang, got, v.Former, former)
				}
			}
		}
	}
	if len(shapes) != 4 {
		t.Errorf("the events have dates of the kinds %v: want a day, several days, a time, and a time with its end", shapes)
	}

	// The countdown of the event five days away, in each language's plural form, next to
	// "Upcoming"; and the past timed event says so.
	for _, lang := range cardLangs {
		want := say(t, lang, "", func(l *i18n.Localizer) string { return l.Count(i18n.InDays, 5) })
		host.open(t, w+"/"+lang+"/events/timed-mexico-soon/")
		waitFor(t, host, wasmStarted)
		got := eval[[]string](t, host, `[document.querySelector(".card-countdown")?.textContent, document.querySelector(".card-status").className]`)
		if got[0] != want || !strings.Contains(got[1], "upcoming") {
			t.Errorf("%s: countdown %q, status %q; want %q, upcoming", lang, got[0], got[1], want)
		}
	}
	host.open(t, w+"/en/events/timed-asuncion-2020/")
	waitFor(t, host, wasmStarted)
	if got := eval[string](t, host, `document.querySelector(".card-status").className + " " + !!document.querySelector(".card-countdown")`); got != "card-status card-status--past false" {
		t.Errorf("a past timed event: %s", got)
	}
}

// plainSpaces is s with every space character a plain space.
func plainSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// jsArgs is args as JavaScript string literals, comma-separated.
func jsArgs(args []string) string {
	var out []string
	for _, a := range args {
		out = append(out, quoted(a))
	}
	return strings.Join(out, ", ")
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "’", "&#34;", `"`).Replace(s)
}

// TestTypographyInThePage: what the browser shows keeps each language's typography: French
// no-break spaces before ? ! : ; and inside « », Spanish ¿ and «», English and Portuguese
// “ ”, and the names' diacritics.
func TestTypographyInThePage(t *testing.T) {
	w := newSite(t, siteOptions{}).widget
	ctx := chromiumTab(t)
	for _, lang := range cardLangs {
		open(t, ctx, w+"/"+lang+"/events/"+eventID+"/")
		waitFor(t, ctx, wasmStarted)
		eval[bool](t, ctx, openAll)
		text := eval[string](t, ctx, `(() => { const out = [], it = document.createTreeWalker(document.querySelector(".card"), NodeFilter.SHOW_TEXT);
		  while (it.nextNode()) out.push(it.currentNode.data); return out.join("\n"); })()`)
		quote := eval[string](t, ctx, `document.querySelector(".card-quote p").textContent`)
		names := eval[string](t, ctx, `[...document.querySelectorAll(".card-person-text")].map((e) => e.textContent).join("|")`)
		for _, want := range wantCard(t, lang).names {
			if !strings.Contains(names, want) {
				t.Errorf("%s: names %q, want %s among them", lang, names, want)
			}
		}
		if strings.ContainsAny(text, `'"`) {
			t.Errorf("%s: ASCII quotes in the card", lang)
		}
		rs := []rune(text)
		switch lang {
		case "fr":
			for i, r := range rs {
				if strings.ContainsRune("?!:;»", r) && i > 0 && unicode.IsSpace(rs[i-1]) && rs[i-1] != '\u00a0' && rs[i-1] != '\u202f' {
					t.Errorf("fr: breaking space before %c in …%s…", r, string(rs[max(0, i-25):i+1]))
				}
				if r == '«' && i+1 < len(rs) && rs[i+1] != '\u00a0' && rs[i+1] != '\u202f' {
					t.Errorf("fr: no no-break space after « in …%s…", string(rs[i:min(len(rs), i+25)]))
				}
			}
			if !strings.HasPrefix(quote, "«\u00a0") || !strings.HasSuffix(quote, "\u00a0»") {
				t.Errorf("fr: quote %.30q…", quote)
			}
		case "es":
			if strings.Count(text, "?") != strings.Count(text, "¿") || strings.Count(text, "!") != strings.Count(text, "¡") {
				t.Errorf("es: %d ? for %d ¿, %d ! for %d ¡", strings.Count(text, "?"), strings.Count(text, "¿"), strings.Count(text, "!"), strings.Count(text, "¡"))
			}
			if !strings.HasPrefix(quote, "«") || !strings.HasSuffix(quote, "»") {
				t.Errorf("es: quote %.30q…", quote)
			}
		default:
			if !strings.HasPrefix(quote, "“") || !strings.HasSuffix(quote, "”") {
				t.Errorf("%s: quote %.30q…", lang, quote)
			}
		}
	}
}
