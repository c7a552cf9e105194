// The countdown ("In 5 days") for this visitor's clock, from the page's data: a page prerendered
// on another day (a static host's, a cached one) must not say yesterday's. The wasm renders it
// from the visitor's clock itself; this sets the prerendered one, once parsed, and a card swapped in
// (swap.js).
import { DATA_ELEMENT_ID } from "facts";
import { root } from "./frame.js";

document.addEventListener("DOMContentLoaded", () => countdown());

// countdown sets the card's countdown, if it shows one, for the card's language.
export function countdown() {
  const label = document.querySelector(".card-countdown");
  if (!label) return;
  let text = "";
  try {
    const when = JSON.parse(document.getElementById(DATA_ELEMENT_ID).textContent).views[root.lang].card.when;
    const now = Date.now();
    if (now < Date.parse(when.ends)) for (const c of when.countdown || []) if (now >= Date.parse(c.from)) text = c.text;
  } catch {
    return;
  }
  label.textContent = text;
}
