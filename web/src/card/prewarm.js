// The first switch into a language lays the card out in that language for the first time: the
// engine resolves its fonts and line breaking for the new language then (WebKitGTK took about a
// second for it on a loaded machine, ten times what a second switch into it took). Once the card
// is in view and the page is idle, a copy of the card is laid out once in each other language,
// unseen, one language per idle moment, with the formatters of its times; the visitor's first
// switch then costs what a later one does.
// A card never scrolled to does none of it, nor one whose wasm has not started: a framed card on
// a touch-first device never starts it (start.js), and there each copy's layout (6-80 ms in
// Chromium and Firefox on a desktop CPU, so up to 300 ms at a phone's) would be a long task of
// the partner's, for a switch the visitor may never make; the first switch lays its own
// language out.
import { root } from "./frame.js";
import { whenStarted } from "./start.js";
import { prepare } from "./local-time.js";

// An idle moment, or two seconds at most (Chromium may find none in a frame whose page is busy).
const idle = (f) => (self.requestIdleCallback ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 200));

addEventListener("load", () => whenStarted(() => {
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    const langs = [...document.querySelectorAll(".card-langs a[hreflang]")].map((a) => a.hreflang);
    const next = () => {
      const lang = langs.shift();
      if (lang === undefined) return;
      if (lang != root.lang) layOut(lang);
      idle(next);
    };
    idle(next);
  });
  seen.observe(document.body);
}));

// layOut lays out a copy of the card in lang, behind it, and takes it away in the same task:
// the engine keeps what it resolved for the language (fonts, line breaking) for when the card
// itself is in it, and no one ever sees the copy, nor queries it, nor tabs into it. A sample of
// the card's fonts was not enough: in WebKitGTK the first switch's layout still took 40-85 ms,
// against 7-8 after a copy. The copy's custom elements are plain ones: connected, they would act
// (the fold would measure the copy and mark the card).
function layOut(lang) {
  const card = document.querySelector("main") || document.body;
  const box = document.createElement("div");
  box.lang = lang;
  for (const [k, v] of Object.entries({ position: "fixed", inset: "0", overflow: "hidden", "z-index": "-1",
    width: card.clientWidth + "px" })) box.style.setProperty(k, v);
  const copy = card.cloneNode(true);
  for (const el of [...copy.querySelectorAll("*")].reverse()) {
    el.removeAttribute("id");
    if (!el.localName.includes("-")) continue;
    const plain = document.createElement("div");
    plain.className = el.className;
    plain.append(...el.childNodes);
    el.replaceWith(plain);
  }
  // The folded card's sections wait to be seen (card.css); the copy lays all of them out, for
  // the card opened.
  for (const s of copy.querySelectorAll(".card-section")) s.style.setProperty("content-visibility", "visible");
  box.append(copy);
  document.body.append(box);
  box.getBoundingClientRect(); // the layout, now
  box.remove();
  prepare(lang); // and the times' formatters in lang
  performance.mark("eventcard:prewarm:" + lang);
}
