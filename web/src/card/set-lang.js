// The embedding page asks for a language (EventCard.mount(...).setLang): as if the visitor
// clicked it, so the wasm switches in place, or, without it, the link switches (swap.js).
import { LANGUAGE_TAG } from "facts";
import { parentOrigin, pathLang } from "./frame.js";
import { switchLang } from "./swap.js";

addEventListener("message", (e) => {
  if (!parentOrigin || e.origin != parentOrigin || e.source != parent) return;
  const m = e.data;
  // Strict comparisons: {type: ["setLang"]} == "setLang" in JavaScript.
  if (m?.eventcard !== 1 || m.type !== "setLang" || typeof m.lang != "string" || !LANGUAGE_TAG.test(m.lang)) return;
  const link = document.querySelector(`.card-langs a[hreflang="${m.lang.slice(0, 2).toLowerCase()}"]`);
  if (link) return link.click();
  // Without a link for it, the card's address without a language: the server matches it (gn → es).
  const code = pathLang();
  switchLang(m.lang, code ? location.pathname.slice(code.length + 1) : location.pathname, { lang: m.lang });
});
