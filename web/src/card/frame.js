// Where the card's page runs: its address's parameters (the partner's options, which the loader
// put there), whether it is a card in a frame, and who frames it. Three hosts, each with its own
// way to talk:
// - the loader (web/src/embed.js) on a partner's page, which passed its page's origin: the only
//   one the card posts to ("null" for a page in a sandboxed frame, see framedBy);
// - WordPress, whose host script (wp-embed.js) put "#?secret=…" in the frame's address: its own
//   protocol (web/src/card/wordpress.js);
// - anyone else (an oEmbed consumer that shows the frame as it is, the page opened on its own):
//   no one to tell, the frame keeps its height and the card scrolls in it.
// go, post and warn are the ways out of the page.
import { LANGUAGE_CODE } from "facts";

export const root = document.documentElement;
export const params = new URLSearchParams(location.search);
// A card in a frame, not the builder (/embed/).
export const embedded = /\/embed\/[^/]+/.test(location.pathname);
export const parentOrigin = framedBy(params.get("origin"));
// WordPress's secret: at most one way to talk, the loader's first.
export const wpSecret = embedded && !parentOrigin && parent !== window ? /^#\?secret=([a-zA-Z0-9]{1,64})$/.exec(location.hash)?.[1] || "" : "";

// go loads address with the frame's parameters (the partner's options), set overriding them; it
// replaces the history entry: the partner's back button is not for this. Never on another origin:
// the pages' hreflang links name BASE_URL's, and a static host may serve the site under any name
// (a CDN's, www or not, http or https); the frame stays where the loader put it, on the origin the
// partner's page listens to. WordPress's secret stays in the address.
export function go(address, set = {}) {
  location.replace(withParams(address, set));
}

// withParams is address on this page's origin with the frame's parameters, set overriding them
// (see go).
export function withParams(address, set = {}) {
  const to = new URL(address, location.href);
  const next = new URL(to.pathname + to.search, location.href);
  params.forEach((v, k) => next.searchParams.set(k, v));
  for (const [k, v] of Object.entries(set)) next.searchParams.set(k, v);
  if (!("lang" in set)) next.searchParams.delete("lang");
  if (wpSecret) next.hash = location.hash;
  return next.href;
}

// pathLang is the language the address starts with (/fr/…), or "".
export function pathLang() {
  const parts = location.pathname.split("/");
  return parts.length > 2 && LANGUAGE_CODE.test(parts[1]) ? parts[1] : "";
}

// post sends a message of the protocol (web/src/embed.js) to the embedding page. A page with an
// opaque origin cannot be named: "*", and the messages carry nothing but public data (the card's
// height, language and title, a warning about the partner's options).
export function post(msg) {
  parent.postMessage({ eventcard: 1, ...msg }, parentOrigin == "null" ? "*" : parentOrigin);
}

// warn tells the partner, in its page's console, about a problem with its options.
export function warn(text) {
  if (parentOrigin) post({ type: "warn", text });
  else console.warn("eventcard: " + text);
}

// framedBy returns the embedding page's origin if this page is framed and origin (from the
// loader) is it; where the browser tells the real ancestor, they must agree. A loader in a
// sandboxed frame (a site builder's "custom HTML") has an opaque origin and says "null": its
// messages come from "null", and so do this card's (the frame inherits the sandbox).
function framedBy(origin) {
  if (parent === window || !origin) return "";
  const ancestor = location.ancestorOrigins?.[0];
  if (origin == "null") return ancestor == null || ancestor == "null" ? "null" : "";
  try {
    origin = new URL(origin).origin;
  } catch {
    return "";
  }
  return origin != "null" && (!ancestor || ancestor == origin) ? origin : "";
}
