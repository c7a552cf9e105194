// When the wasm starts. On a touch-first device (a phone, a tablet) the card's frame most often
// runs in the partner page's own process and event loop (no site isolation there), and the wasm
// costs that page a 1.5 MB download and a start of several hundred milliseconds in one task:
// a framed card there starts it only once the visitor uses the card (a tap, a key, the focus,
// the partner's setLang), and from then on at once for the rest of the visit. Until then the
// prerendered card is the card: its language links load the card in that language. Elsewhere
// (a desktop isolates the frame; the card's own page is its own) the wasm starts at once.
// go-app's app.js calls eventcardStart for its service worker and its wasm (app/server/goapp.go);
// what only serves the wasm's switches waits with it (whenStarted).
import { embedded } from "./frame.js";

const KEY = "eventcard.used";
const USES = ["click", "keydown", "focusin"];
let started = false;
const waiting = [];

// whenStarted runs f once the wasm has been started (at once if it has).
export function whenStarted(f) {
  if (started) f();
  else waiting.push(f);
}

self.eventcardStart = (start) => {
  const go = () => {
    started = true;
    start();
    for (const f of waiting.splice(0)) f();
  };
  if (!embedded || parent === window || !matchMedia("(pointer: coarse)").matches || used()) return go();
  const use = () => {
    for (const t of USES) removeEventListener(t, use, true);
    try {
      sessionStorage.setItem(KEY, "1");
    } catch {}
    go();
  };
  for (const t of USES) addEventListener(t, use, true);
};

function used() {
  try {
    return sessionStorage.getItem(KEY) == "1";
  } catch {
    return false;
  }
}
