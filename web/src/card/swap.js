// A language switch without the wasm, in place: the card in the new language is the server's
// rendering of the same component (its page at the language's address), fetched and put where
// the shown card is; the document takes its language, title and description, the address its
// path, and the switcher says the language's name, as the wasm's switch does. Where the frame
// runs on the partner page's event loop (start.js) the wasm does not start, and this is how the
// card switches: on a phone's CPU it costs that loop one parse and one layout (README,
// "Performance"), where the wasm's start would cost it several long tasks and a 1.5 MB download.
// Anything that goes wrong (the network, an opaque origin, a page without a card) loads the page
// in that language instead.
import { go, root, withParams } from "./frame.js";
import { announce, remember } from "./switched.js";
import { countdown } from "./countdown.js";
import { prepare } from "./local-time.js";
import { onPartnersLoop } from "./start.js";

// switchLang shows the card in lang, the card found at address: in place on the partner's event
// loop, where the wasm never starts; elsewhere by loading the page (until the wasm has started,
// which then switches before this is called, or where it cannot).
export function switchLang(lang, address, set = {}) {
  if (!onPartnersLoop()) {
    remember(lang);
    return go(address, set);
  }
  const href = withParams(address, set);
  swap(href).catch(() => (remember(lang), location.replace(href)));
}

// latest numbers the switches: a tap on a language before the previous one's card has come wins,
// whichever answer comes first.
let latest = 0;

async function swap(href) {
  const n = ++latest;
  const res = await fetch(href, { credentials: "same-origin" });
  if (!res.ok) throw new Error(res.status);
  const text = await res.text();
  if (n != latest) return;
  const page = new DOMParser().parseFromString(text, "text/html");
  const lang = page.documentElement.lang;
  // The parse (with the new language's date formats, made here for the card's local times) and
  // the new card's entry (with the style it asks for: the focused link leaves the page) are two
  // tasks on the partner's event loop, each shorter than a long task on a phone.
  if (lang) prepare(lang);
  await new Promise((resolve) => setTimeout(resolve));
  if (n != latest) return;
  const card = page.getElementById("card");
  const shown = document.getElementById("card");
  if (!card || !shown || !lang) throw new Error("no card in " + href);
  // The language first: the new card's <ec-local-time> writes the time in it as it connects.
  root.lang = lang;
  document.title = page.title;
  const description = page.querySelector('meta[name="description"]')?.content;
  if (description) document.querySelector('meta[name="description"]')?.setAttribute("content", description);
  shown.replaceWith(document.adoptNode(card));
  history.replaceState(history.state, "", href);
  countdown();
  // After the new card's first layout, which the focus would otherwise force in this task: the
  // entry and that layout are two tasks on the partner's event loop, not one.
  requestAnimationFrame(() => setTimeout(() => announce(lang)));
}

