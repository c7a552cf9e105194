// When the wasm starts. On a touch-first device (a phone, a tablet) the card's frame most often
// runs in the partner page's own process and event loop (no site isolation there), and the wasm
// costs that page a 1.5 MB download and a start of several hundred milliseconds in one task:
// a framed card there starts it only once the visitor uses the card (a tap, a key, the focus,
// the partner's setLang), and from then on at once for the rest of the visit. Until then the
// prerendered card is the card: its language links load the card in that language. Elsewhere
// (a desktop isolates the frame; the card's own page is its own) the wasm starts at once.
// Either way, not before the card's first paint is on screen: go-app's app.js runs as the page
// finishes parsing, while the browser still rasterizes that paint, and the worker's start (a
// thread, its install fetching go-app's files) and the wasm's compilation took the CPU from it
// (the card painted about 10% later than the same page without scripts).
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
  if (!onPartnersLoop() || used()) return afterPaint(go);
  const use = () => {
    for (const t of USES) removeEventListener(t, use, true);
    try {
      sessionStorage.setItem(KEY, "1");
    } catch {}
    go();
  };
  for (const t of USES) addEventListener(t, use, true);
};

// onPartnersLoop is whether the card is framed on a touch-first device, where its frame most
// often runs on the partner page's event loop.
export function onPartnersLoop() {
  return embedded && parent !== window && matchMedia("(pointer: coarse)").matches;
}

function used() {
  try {
    return sessionStorage.getItem(KEY) == "1";
  } catch {
    return false;
  }
}

// afterPaint runs f once the page's first content is on screen (the paint timing entry comes
// once the frame is presented), or after a second: a page that never paints (a hidden frame, a
// tab in the background) or a browser without paint timing starts all the same.
function afterPaint(f) {
  const FCP = "first-contentful-paint";
  let seen = null;
  const once = () => {
    const start = f;
    f = null;
    seen?.disconnect();
    start?.();
  };
  if (performance.getEntriesByName(FCP).length) return once();
  if (PerformanceObserver.supportedEntryTypes?.includes("paint")) {
    seen = new PerformanceObserver((list) => list.getEntriesByName(FCP).length && once());
    seen.observe({ type: "paint" });
  }
  setTimeout(once, 1000);
}
