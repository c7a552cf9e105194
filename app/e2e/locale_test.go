package e2e

// Locale correctness in the browser: what the card shows is what the server resolved,
// and that is what ICU writes (Node's Intl as the oracle, Chromium's own Intl as a second
// one); the countdown's plural forms; each language's typography, intact in the DOM.

import (
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"eventcard/app/views"
)

// timedEvents is the project's tree plus timed copies of the first event: the shared notes'
// example (14:00 in Asunción, 2020), one in New York in summer time (2026), and one in Mexico
// City five days from now, whose card counts down.
func timedEvents(t *testing.T) (fstest.MapFS, map[string]string) {
	t.Helper()
	m := twoEvents(t)
	src := string(m["events/"+eventID+".toml"].Data)
	mexico, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	soon := time.Now().In(mexico).AddDate(0, 0, 5).Format(time.DateOnly)
	zones := map[string]string{eventID: "America/Asuncion"}
	for _, e := range []struct{ id, date, fields, zone string }{
		{"timed-asuncion-2020", "2020-09-14", `time = "14:00"` + "\nduration = \"1h30m\"", "America/Asuncion"},
		{"timed-new-york-2026", "2026-07-14", `time = "09:30"`, "America/New_York"},
		{"timed-mexico-soon", soon, `time = "10:00"` + "\nduration = \"2h\"", "America/Mexico_City"},
	} {
		f := strings.Replace(src, `id = "`+eventID+`"`, `id = "`+e.id+`"`, 1)
		f = strings.Replace(f, "date = 2020-09-14", "date = "+e.date+"\n"+e.fields, 1)
		f = strings.Replace(f, `timezone = "America/Asuncion"`, `timezone = "`+e.zone+`"`, 1)
		m["events/"+e.id+".toml"] = &fstest.MapFile{Data: []byte(f)}
		for name, file := range m {
			if strings.HasPrefix(name, "locales/events/"+eventID+"/") {
				m[strings.Replace(name, eventID, e.id, 1)] = file
			}
		}
		zones[e.id] = e.zone
	}
	return m, zones
}

// icuOptions are the Intl options that write a card's date: dateStyle "full" for a day, and
// for a timed event the same date with the hour, the minutes and the zone's long name.
const icuOptions = `(timed, zone) => timed
  ? { weekday: "long", year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "long", timeZone: zone }
  : { dateStyle: "full", timeZone: zone }`

// instant is the start a <time datetime> names: a day (its midnight in the zone is computed by
// the page) or a date-time with its offset.
const nodeFormat = `const [lang, iso, zone] = process.argv.slice(1); const timed = iso.includes("T");
const opts = (` + icuOptions + `)(timed, zone);
const d = timed ? new Date(iso) : new Date(iso + "T12:00:00Z");
console.log(new Intl.DateTimeFormat(lang, opts).format(d));`

func TestDatesInTheBrowserMatchTheServerAndICU(t *testing.T) {
	tree, zones := timedEvents(t)
	set, err := views.Load(tree)
	if err != nil {
		t.Fatal(err)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test needs Node.js (full ICU), the oracle for CLDR dates: %v", err)
	}
	w := newSite(t, siteOptions{Tree: tree}).widget
	ctx := chromiumTab(t)
	timeTag := regexp.MustCompile(`<time[^>]*datetime="([^"]*)"[^>]*>([^<]*)</time>`)
	for id, zone := range zones {
		b, _ := set.Bundle(id)
		for _, lang := range cardLangs {
			v := b.View(lang)
			addr := w + "/" + lang + "/events/" + id + "/"

			// The prerendered page (what a visitor reads before the wasm, or without it).
			res, err := http.Get(addr)
			if err != nil {
				t.Fatal(err)
			}
			html, _ := io.ReadAll(res.Body)
			res.Body.Close()
			pre := timeTag.FindStringSubmatch(string(html))
			if pre == nil || pre[1] != v.DateISO || unescape(pre[2]) != v.Date {
				t.Errorf("%s %s: prerendered <time> %q, want the server's %q %q", id, lang, pre, v.DateISO, v.Date)
			}

			// The page once the wasm runs.
			open(t, ctx, addr)
			waitFor(t, ctx, wasmStarted)
			got := eval[[]string](t, ctx, `(() => { const e = document.querySelector(".card-date time"); const iso = e.getAttribute("datetime");
			  const timed = iso.includes("T"), opts = (`+icuOptions+`)(timed, `+fmt.Sprintf("%q", zone)+`);
			  return [iso, e.textContent, new Intl.DateTimeFormat(`+fmt.Sprintf("%q", lang)+`, opts).format(timed ? new Date(iso) : new Date(iso + "T12:00:00Z"))]; })()`)
			out, err := exec.Command(nodeBin, "-e", nodeFormat, lang, got[0], zone).Output()
			if err != nil {
				t.Fatal(err)
			}
			icu := strings.TrimSpace(string(out))
			if got[0] != v.DateISO || got[1] != v.Date || got[1] != icu {
				t.Errorf("%s %s: the card says %q (datetime %q); the server %q; Node's ICU %q", id, lang, got[1], got[0], v.Date, icu)
			}
			if got[2] != icu {
				t.Errorf("%s %s: Chromium's own ICU writes %q, Node's %q", id, lang, got[2], icu)
			}
			if strings.HasPrefix(id, "timed-") && !strings.Contains(got[0], "T") {
				t.Errorf("%s: datetime %q has no time", id, got[0])
			}
		}
	}

	// The countdown of the event five days away, in each language's plural form, next to
	// "Upcoming"; and the past timed events say so.
	for lang, want := range map[string]string{"es": "Dentro de 5 días", "en": "In 5 days", "pt": "Em 5 dias", "fr": "Dans 5 jours"} {
		open(t, ctx, w+"/"+lang+"/events/timed-mexico-soon/")
		waitFor(t, ctx, wasmStarted)
		got := eval[[]string](t, ctx, `[document.querySelector(".card-countdown")?.textContent, document.querySelector(".card-status").className]`)
		if got[0] != want || !strings.Contains(got[1], "upcoming") {
			t.Errorf("%s: countdown %q, status %q; want %q, upcoming", lang, got[0], got[1], want)
		}
	}
	open(t, ctx, w+"/en/events/timed-asuncion-2020/")
	waitFor(t, ctx, wasmStarted)
	if got := eval[string](t, ctx, `document.querySelector(".card-status").className + " " + !!document.querySelector(".card-countdown")`); got != "card-status card-status--past false" {
		t.Errorf("a past timed event: %s", got)
	}
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
		names := eval[string](t, ctx, `[...document.querySelectorAll(".card-person-name")].map((e) => e.textContent).join("|")`)
		if !strings.Contains(names, "Karina Núñez Rodríguez") || !strings.Contains(names, "Luz Patricia Mejía") {
			t.Errorf("%s: names %q", lang, names)
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
