/*! eventcard loader v1 · one script tag, one frame · README.md, "Embed" */
// Reads top to bottom, like giscus's client: find our own script tag, read its options, build
// the frame, put it in place, then one guarded listener per card. Nothing else reaches the host
// page: no style sheet, no inline script, one global (window.EventCard). The server serves it
// bundled and minified (app/frontend), "facts" being the values the Go code shares and the
// frame's title in each language: the loader names the frame before the card has loaded.
// Messages, protocol v1 (the frame's side is web/src/card/report.js and set-lang.js):
//   frame → page {eventcard: 1, type: "resize", height}      the card's height in CSS px
//   frame → page {eventcard: 1, type: "lang", lang, title}   the card's language and title
//   frame → page {eventcard: 1, type: "warn", text}          a problem for the partner's console
//   page → frame {eventcard: 1, type: "setLang", lang}       EventCard.mount(...).setLang(lang)
// Each side takes the other's messages from its window and origin only. A page in a sandboxed
// frame (a site builder's "custom HTML") has an opaque origin, "null", and the card's frame
// inherits its sandbox: there both sides say "null" and post to "*"; the messages carry nothing
// but public data.
import { ACCENT, DEFAULT_THEME, FOLD, LANGUAGE_TAG, TITLES } from "facts";

const script = document.currentScript;
const widget = script?.src && new URL(script.src).origin;
const VALID = {
  event: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  lang: LANGUAGE_TAG,
  theme: /^(host|light|dark|auto)$/,
  accent: ACCENT,
  compact: /^/,
};
const warn = (text) => console.warn("eventcard: " + text);
const opaque = self.origin == "null";

if (widget) {
  window.EventCard ||= { mount };
  // A script tag with options is a card; a bare one only brings window.EventCard.
  const attrs = {};
  for (const a of script.attributes) if (a.name.startsWith("data-")) attrs[a.name.slice(5)] = a.value;
  if (Object.keys(attrs).length) {
    // The snippet's fallback link, sized like the event's folded card, gives its place (and its
    // height: the card folds to it) to the frame.
    const slot = script.previousElementSibling?.matches("a.eventcard") ? script.previousElementSibling : null;
    create(attrs, "data-", slot || script.parentElement, (frame) => {
      if (slot) slot.replaceWith(frame);
      else script.after(frame);
    });
  }
}

// mount renders a card into element, for single-page apps; it returns {setLang, destroy}.
function mount(element, options) {
  if (!(element instanceof Element)) throw new TypeError("EventCard.mount: not an element");
  return create({ ...options, compact: options?.compact ? "" : undefined }, "", element, (frame) => element.append(frame));
}

// create makes the frame of a card whose place is at (the snippet's link, or the element the
// card goes into) and puts it in place.
function create(options, prefix, at, place) {
  // Validate: a bad or unknown option is ignored with one warning naming it.
  const o = { theme: DEFAULT_THEME };
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (!Object.hasOwn(VALID, k)) warn(prefix + k + ": unknown option, ignored");
    else if (typeof v != "string" || v.length > 64 || !VALID[k].test(v)) warn(prefix + k + ": invalid value, ignored");
    else o[k] = v;
  }
  const host = document.documentElement.lang;
  const params = new URLSearchParams({ origin: self.origin }); // the frame posts to it only
  if (o.lang) params.set("lang", o.lang);
  if (LANGUAGE_TAG.test(host)) params.set("hl", host);
  const theme = o.theme == "host" ? hostScheme(at) : o.theme;
  if (theme != "auto") params.set("theme", theme);
  if (o.accent) params.set("accent", o.accent.slice(1));
  if (o.compact != null) params.set("compact", "1");

  const frame = document.createElement("iframe");
  frame.title = TITLES[(o.lang || host || navigator.language).slice(0, 2).toLowerCase()] || Object.values(TITLES)[0] || "";
  // The card's Share button: the system's share sheet where the browser has one, else the
  // address copied. Web Share asked for only where it exists: Chromium on Linux has none and
  // would write "Unrecognized feature: 'web-share'" in the partner's console.
  frame.allow = ("share" in navigator ? "web-share; " : "") + "clipboard-write";
  // CSSOM, not a style attribute, so a host CSP without 'unsafe-inline' allows it; important,
  // so a theme's "iframe { height: 150px !important }" cannot squash the card. The colour
  // scheme is the card's: a frame whose scheme differs from its element's gets an opaque canvas.
  const size = (height) => frame.style.setProperty("height", height + "px", "important");
  for (const [k, v] of Object.entries({ display: "block", width: "100%", "max-width": "100%", border: "0", margin: "0",
    "color-scheme": { light: "light", dark: "dark", auto: "light dark" }[theme] })) frame.style.setProperty(k, v, "important");
  // The frame opens at the fold's height whatever it holds (the card folds to it, see card.css):
  // the height the snippet's link reserved, else the widget's default. Reserving it exactly is
  // what keeps the partner's page from moving when the card arrives.
  const reserved = at?.matches?.("a.eventcard") ? Math.round(at.getBoundingClientRect().height) : 0;
  const fold = reserved >= 100 && reserved <= 5000 ? reserved : FOLD[o.compact == null ? "full" : "compact"];
  params.set("fold", fold);
  frame.src = `${widget}/embed/${o.event || "-"}?${params}`;
  size(fold);
  // A card far down the page makes no frame (and so loads nothing, starts no wasm) until the
  // visitor scrolls within 1250 px of it, the distance at which Chromium loads a lazy frame; on
  // a phone the frame runs in the partner page's own event loop. The link keeps the place.
  const placed = near(at, () => place(frame));

  const onMessage = (e) => {
    const m = e.data;
    if ((e.origin != widget && !(opaque && e.origin == "null")) || !frame.isConnected || e.source != frame.contentWindow || m?.eventcard !== 1) return;
    if (m.type == "resize" && m.height > 0 && m.height < 1e5) size(Math.ceil(m.height));
    if (m.type == "lang" && typeof m.title == "string") frame.title = m.title.slice(0, 300);
    if (m.type == "warn" && typeof m.text == "string") warn(m.text.slice(0, 300));
  };
  addEventListener("message", onMessage);
  return {
    setLang(code) {
      if (!LANGUAGE_TAG.test(code)) return warn("setLang: invalid language, ignored");
      frame.contentWindow?.postMessage({ eventcard: 1, type: "setLang", lang: code }, opaque ? "*" : widget);
    },
    destroy() {
      placed();
      removeEventListener("message", onMessage);
      frame.remove();
    },
  };
}

// near runs f once el comes within 1250 px of the viewport, in a task of its own if it is (the
// partner's layout is read already: the fold's height); it returns a function that cancels. The
// frame's making is most of the loader's time (40-130 ms on the phone profile): in a task apart
// from the script's, neither is as long as the two together on a phone's shared event loop.
function near(el, f) {
  const r = el.getBoundingClientRect();
  if (r.bottom > -1250 && r.top < innerHeight + 1250) {
    const t = setTimeout(f);
    return () => clearTimeout(t);
  }
  const seen = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && (seen.disconnect(), f()), { rootMargin: "1250px 0px" });
  seen.observe(el);
  return () => seen.disconnect();
}

// hostScheme is the scheme of the partner's page behind el: light or dark after the first
// opaque background colour from el up, else the page's canvas (dark only where the page says it
// can be and the visitor's system is).
function hostScheme(el) {
  for (; el instanceof Element; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/);
    if (c && (c[4] ?? 1) >= 0.5) return luminance(c.slice(1, 4)) < 0.18 ? "dark" : "light";
  }
  const dark = getComputedStyle(document.documentElement).colorScheme.includes("dark") && matchMedia("(prefers-color-scheme: dark)").matches;
  return dark ? "dark" : "light";
}

// luminance is WCAG's relative luminance of an sRGB colour's channels (0-255); 0.18 is where
// black and white text on it read equally well.
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
