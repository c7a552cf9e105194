package browser

import (
	"fmt"
	"time"

	"eventcard/app/bench/report"

	"github.com/chromedp/chromedp"
)

// languageSwitch is budget 5: in the card's frame on a partner's page, with the wasm started,
// 50 switches (click on a language → the new title in the DOM and <html lang> set; measured in
// the frame by a MutationObserver), against reloading the frame in the new language (the
// frame navigates to /{lang}/embed/{id}/ → its first contentful paint), as other embeds switch.
func (s *session) languageSwitch() error {
	ctx, cancel, err := s.tab()
	if err != nil {
		return err
	}
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.host+"/bench/snippet")); err != nil {
		return err
	}
	f, err := frame(ctx, s.widget+"/embed/")
	if err != nil {
		return err
	}
	if err := waitFor(f, wasmStarted); err != nil {
		return err
	}
	order := []string{"en", "pt", "fr", "es"}
	var switches, withLang, painted []float64
	for i := range 54 { // the first round of four not counted: the code's first run
		lang := order[i%len(order)]
		// The card's text updated (its title), and then the document's language, which the card
		// sets once the update is rendered (app/component: describe, deferred).
		ms, err := eval[[]float64](f, fmt.Sprintf(`new Promise((resolve, reject) => {
		  const lang = %q, h1 = () => document.querySelector("h1")?.textContent, before = h1();
		  const a = document.querySelector('.card-langs a[hreflang="' + lang + '"]');
		  if (!a) return reject(new Error("no link to " + lang));
		  let t0, text = 0;
		  const mo = new MutationObserver(() => {
		    if (!text && h1() !== before) text = performance.now() - t0;
		    if (text && document.documentElement.lang === lang) {
		      mo.disconnect();
		      const both = performance.now() - t0, ch = new MessageChannel();
		      // The next paint: a message posted from the frame's animation frame arrives after it.
		      ch.port1.onmessage = () => resolve([text, both, performance.now() - t0]);
		      requestAnimationFrame(() => ch.port2.postMessage(0));
		    }
		  });
		  mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["lang"] });
		  setTimeout(() => reject(new Error("no switch to " + lang)), 5000);
		  t0 = performance.now();
		  a.click();
		})`, lang))
		if err != nil {
			return err
		}
		time.Sleep(30 * time.Millisecond)
		if i >= 4 {
			switches, withLang, painted = append(switches, ms[0]), append(withLang, ms[1]), append(painted, ms[2])
		}
	}

	// The reloads: the frame goes to the page in the language, the partner's parameters kept.
	var reloads []float64
	for i := range 10 {
		lang := order[i%len(order)]
		// As the card's script does when the wasm is not there to switch in place
		// (web/src/card/links.js): the choice stored, the frame replaced by the link's page with
		// the frame's parameters.
		if _, err := eval[bool](f, fmt.Sprintf(`(() => {
		  const lang = %q, a = document.querySelector('.card-langs a[hreflang="' + lang + '"]');
		  const next = new URL(a.href, location.href);
		  new URLSearchParams(location.search).forEach((v, k) => next.searchParams.set(k, v));
		  next.searchParams.delete("lang");
		  localStorage.setItem("eventcard.lang", lang);
		  sessionStorage.setItem("bench.t0", performance.timeOrigin + performance.now());
		  location.replace(next.href);
		  return true;
		})()`, lang)); err != nil {
			return err
		}
		if err := waitFor(f, fmt.Sprintf(`document.documentElement.lang === %q && location.pathname.startsWith("/%s/") && %s > 0`, lang, lang, fcpAt)); err != nil {
			return err
		}
		ms, err := eval[float64](f, fcpAt+` - Number(sessionStorage.getItem("bench.t0"))`)
		if err != nil {
			return err
		}
		reloads = append(reloads, ms)
		if err := waitFor(f, wasmStarted); err != nil {
			return err
		}
	}
	sw, rl := report.Median(switches), report.Median(reloads)
	s.run.Report.Details["language_switch_ms"] = map[string]any{"switch": switches, "switch_with_document_lang": withLang, "switch_to_next_paint": painted, "reload": reloads}
	s.run.Report.Add(report.Row{ID: "5", Name: "language switch: click → updated DOM", Unit: "ms", Value: sw, Samples: switches,
		Baseline: &report.Baseline{Name: "frame reload", Value: rl, Samples: reloads}, Budget: "≤ 16 ms (median of 50)", Pass: sw <= 16,
		Note: fmt.Sprintf("in the card's frame, wasm started, a click on a language link → its title's new text in the DOM (MutationObserver): median of 50 %.2f ms (worst %.1f ms); until the document's lang is set too, %.2f ms; to the next paint, %.2f ms. Of these, go-app's engine waits for its next frame tick before it renders an update (120 Hz, the ticker restarted by the first event after idle: at least 8.3 ms). Reloading the frame in the new language (as card.js does without the wasm), to its first paint: median of 10, %.1f ms.",
			sw, report.Max(switches), report.Median(withLang), report.Median(painted), rl)})
	return nil
}
