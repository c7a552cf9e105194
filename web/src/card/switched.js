// After a language switch without the wasm (a page loaded in that language, or a card swapped in,
// swap.js): the focus back on the chosen language, and its name said by the switcher's live
// region, in that language, as the wasm's in-place switch does.
import { root } from "./frame.js";

const KEY = "eventcard.switched";

// remember notes, for the next page, the language a link is about to load.
export function remember(lang) {
  try {
    sessionStorage.setItem(KEY, lang);
  } catch {}
}

document.addEventListener("DOMContentLoaded", () => {
  let lang = null;
  try {
    lang = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {}
  if (lang && lang == root.lang) announce(lang);
});

// announce puts the focus on the link to lang, the card's language now, and has the switcher's
// live region say its name, in that language.
export function announce(lang) {
  const link = document.querySelector(`.card-langs a[hreflang="${lang}"]`);
  if (!link) return;
  link.focus();
  const status = document.getElementById("card-langs-status");
  // Later, so that the region is in the accessibility tree before its text changes.
  if (status) setTimeout(() => ((status.lang = lang), (status.textContent = link.textContent)), 150);
}
