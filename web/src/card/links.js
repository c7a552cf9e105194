// The card's links. go-app's window.onclick turns every link click into in-app navigation (and
// opens other sites with window.open, without noopener): the card's links are plain links, so
// their clicks stop before the window. The wasm switches language in place and prevents the
// language link's default; when it has not (not started yet, or never), the frame's link switches
// without it (swap.js: in place on the partner's event loop, else by loading the card in that
// language). In WordPress's sandbox no other link opens anything (no popups, no navigation of the
// page): WordPress takes the visitor there, through the card's own page (wordpress.js).
import { STORAGE_KEY } from "facts";
import { embedded, wpSecret } from "./frame.js";
import { remember } from "./switched.js";
import { switchLang } from "./swap.js";
import { open } from "./wordpress.js";

document.addEventListener("click", (e) => {
  const a = e.target.closest?.("a[href]");
  if (!a) return;
  e.stopPropagation();
  if (e.defaultPrevented) return;
  if (!a.closest(".card-langs")) {
    if (wpSecret) {
      e.preventDefault();
      open(a.href);
    }
    return;
  }
  if (!embedded) return remember(a.hreflang);
  e.preventDefault();
  switchLang(a.hreflang, a.href);
  // Kept for the visitor's next card once the switch is under way: a first use of the storage
  // waits on the browser (about 10 ms on a phone's CPU), which the tap's own task can spare.
  setTimeout(() => {
    try {
      localStorage.setItem(STORAGE_KEY, a.hreflang);
    } catch {}
  });
});

// The language links are links (Enter follows them); Space, which a switcher's buttons would
// take, switches too.
document.addEventListener("keydown", (e) => {
  if (e.key == " " && !e.repeat && e.target.closest?.(".card-langs a[href]")) {
    e.preventDefault();
    e.target.click();
  }
});
