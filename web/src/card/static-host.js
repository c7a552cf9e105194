// The language of an address without one, on a static host. There no server chose it
// (/embed/{id}/ is in the event's own language): go, before the first paint, to the page in the
// language the server would have picked (server.negotiate), by exact language: the server's
// x/text matching also maps Guaraní to Spanish and so on; a static host does not.
import { STORAGE_KEY } from "facts";
import { embedded, go, params, pathLang, root } from "./frame.js";

if (!document.querySelector('meta[name="eventcard:negotiated"]') && !pathLang()) {
  const available = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href]);
  let stored = null;
  try {
    stored = embedded ? localStorage.getItem(STORAGE_KEY) : null;
  } catch {}
  const wanted = [stored, params.get("lang"), embedded && params.get("hl"), ...navigator.languages]
    .filter(Boolean).map((t) => t.slice(0, 3).split("-")[0].toLowerCase());
  const pick = wanted.map((w) => available.find(([l]) => l == w)).find(Boolean);
  if (pick && pick[0] != root.lang) go(pick[1], { lang: pick[0] });
}
