// In a frame: the card's height, language and title, told to the embedding page whenever they
// change: the loader's protocol (web/src/embed.js), or WordPress's (the height only, see
// wordpress.js). The loader makes the frame the card's height exactly; WordPress up to 1000 px;
// anyone else keeps the frame as it is: there the card scrolls in its frame when it is taller.
import { embedded, parentOrigin, post, root, wpSecret } from "./frame.js";
import { size } from "./wordpress.js";

let last = {};

if (embedded && !parentOrigin) root.style.overflowY = "auto";

if (parentOrigin || wpSecret) {
  document.addEventListener("DOMContentLoaded", () => {
    new ResizeObserver(report).observe(document.body);
    // The wasm's switch changes the language and the title, not always the height.
    new MutationObserver(soon).observe(root, { attributes: true, attributeFilter: ["lang"] });
    new MutationObserver(soon).observe(document.head, { childList: true, subtree: true, characterData: true });
    document.addEventListener("ec-toggle", soon);
    report();
  });
}

function report() {
  const height = Math.ceil(root.getBoundingClientRect().height);
  if (wpSecret) {
    if (height != last.height) size(height);
  } else {
    if (height != last.height) post({ type: "resize", height });
    if (root.lang != last.lang || document.title != last.title) post({ type: "lang", lang: root.lang, title: document.title });
  }
  last = { height, lang: root.lang, title: document.title };
}

// soon reports in the next frame, not in the observer: measuring inside the wasm's update would
// force a layout there, ahead of the new text in the DOM; in the frame it is the layout the
// browser does anyway. A frame out of view gets no animation frames: the timer sends the new
// title all the same.
let queued = false;
function soon() {
  if (queued) return;
  queued = true;
  const run = () => queued && ((queued = false), report());
  requestAnimationFrame(run);
  setTimeout(run, 250);
}
