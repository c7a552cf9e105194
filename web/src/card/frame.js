// Where the card's page runs: its address's parameters (the partner's options, which the loader
// put there), whether it is a card in a partner's frame, and that partner page's origin, the
// only one it posts to. go, post and warn are the ways out of the page.
import { LANGUAGE_CODE } from "facts";

export const root = document.documentElement;
export const params = new URLSearchParams(location.search);
// A card in a frame, not the builder (/embed/).
export const embedded = /\/embed\/[^/]+/.test(location.pathname);
export const parentOrigin = framedBy(params.get("origin"));

// go loads address with the frame's parameters (the partner's options), set overriding them; it
// replaces the history entry: the partner's back button is not for this.
export function go(address, set = {}) {
  const next = new URL(address, location.href);
  params.forEach((v, k) => next.searchParams.set(k, v));
  for (const [k, v] of Object.entries(set)) next.searchParams.set(k, v);
  if (!("lang" in set)) next.searchParams.delete("lang");
  location.replace(next.href);
}

// pathLang is the language the address starts with (/fr/…), or "".
export function pathLang() {
  const parts = location.pathname.split("/");
  return parts.length > 2 && LANGUAGE_CODE.test(parts[1]) ? parts[1] : "";
}

// post sends a message of the protocol (web/src/embed.js) to the embedding page.
export function post(msg) {
  parent.postMessage({ eventcard: 1, ...msg }, parentOrigin);
}

// warn tells the partner, in its page's console, about a problem with its options.
export function warn(text) {
  if (parentOrigin) post({ type: "warn", text });
  else console.warn("eventcard: " + text);
}

// framedBy returns the embedding page's origin if this page is framed and origin (from the
// loader) is it; where the browser tells the real ancestor, they must agree.
function framedBy(origin) {
  if (parent === window || !origin) return "";
  try {
    origin = new URL(origin).origin;
  } catch {
    return "";
  }
  const ancestor = location.ancestorOrigins?.[0];
  return !ancestor || ancestor == origin ? origin : "";
}
