// When the wasm starts. On a touch-first device (a phone, a tablet) the card's frame most often
// runs in the partner page's own process and event loop (no site isolation there): there the
// wasm never starts. It would cost that page a 1.5 MB download and a start of several long tasks
// (hundreds of milliseconds each at a phone's speed) for what the card does without it: the
// prerendered card is the card, and its language links put the card in that language in its
// place (swap.js: one parse and one layout). Elsewhere (a desktop isolates the frame; the card's
// own page is its own) the wasm starts, not before the card's first paint is on screen: go-app's
// app.js runs as the page finishes parsing, while the browser still rasterizes that paint, and
// the worker's start (a thread, its install fetching go-app's files) and the wasm's compilation
// took the CPU from it (the card painted about 10% later than the same page without scripts).
// go-app's app.js calls eventcardStart for its service worker and its wasm (app/server/goapp.go);
// what only serves the wasm's switches waits with it (whenStarted).
import { embedded } from "./frame.js";

let started = false;
const waiting = [];

// whenStarted runs f once the wasm has been started (at once if it has).
export function whenStarted(f) {
  if (started) f();
  else waiting.push(f);
}

self.eventcardStart = (start) => {
  if (onPartnersLoop()) return;
  afterPaint(() => {
    started = true;
    start();
    for (const f of waiting.splice(0)) f();
  });
};

// onPartnersLoop is whether the card is framed on a touch-first device, where its frame most
// often runs on the partner page's event loop. Asked once: a mouse plugged in later does not
// start the wasm, so the language links keep swapping the card (swap.js).
let partnersLoop;
export function onPartnersLoop() {
  partnersLoop ??= embedded && parent !== window && matchMedia("(pointer: coarse)").matches;
  return partnersLoop;
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
