// The first switch into a language lays the card out in that language for the first time: the
// engine resolves its fonts and line breaking for the new language then (WebKitGTK took about a
// second for it on a loaded machine, ten times what a second switch into it took). Once the card
// is in view and the page is idle, each other language's text styles are laid out once, unseen,
// one language per idle moment, with the formatters of its times; the visitor's first switch
// then costs what a later one does.
// A card never scrolled to does none of it, nor one whose wasm has not started (a phone's, until
// the visitor uses it: its switches load the page meanwhile).
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

// layOut lays out, in lang, a sample of the card's text: each distinct font it uses with the
// text of the first element that uses it, behind the card, at 1% opacity for one frame (an
// unpainted sample would leave the glyphs of a font chosen for the language unrasterized).
function layOut(lang) {
  const card = document.querySelector("main") || document.body;
  const box = document.createElement("div");
  box.lang = lang;
  box.setAttribute("aria-hidden", "true");
  for (const [k, v] of Object.entries({ position: "fixed", inset: "0", overflow: "hidden", opacity: "0.01",
    "pointer-events": "none", "z-index": "-1", width: card.clientWidth + "px" })) box.style.setProperty(k, v);
  const fonts = new Set();
  for (const el of card.querySelectorAll("*")) {
    const text = el.firstChild?.nodeType == Node.TEXT_NODE ? el.firstChild.data.trim() : "";
    if (!text) continue;
    const s = getComputedStyle(el);
    const font = [s.fontStyle, s.fontWeight, s.fontSize, s.fontFamily, s.textTransform].join("|");
    if (fonts.has(font)) continue;
    fonts.add(font);
    const p = document.createElement("p");
    for (const k of ["font-style", "font-weight", "font-size", "font-family", "line-height", "text-transform", "letter-spacing"])
      p.style.setProperty(k, s.getPropertyValue(k));
    p.textContent = text.slice(0, 200);
    box.append(p);
  }
  document.body.append(box);
  box.getBoundingClientRect(); // the layout, now
  prepare(lang); // and the times' formatters in lang
  performance.mark("eventcard:prewarm:" + lang);
  // Gone after a painted frame; a frame scrolled out of view gets none: after a second then.
  requestAnimationFrame(() => requestAnimationFrame(() => box.remove()));
  setTimeout(() => box.remove(), 1000);
}
