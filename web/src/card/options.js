// The partner's options, as classes on <html> before anything is painted: no flash of the wrong
// theme or height. The server never sees them, so its pages stay one per event and language.
import { embedded, params, root } from "./frame.js";

const theme = params.get("theme");
if (theme == "light" || theme == "dark") root.classList.add("ec-" + theme);
if (embedded) root.classList.add("ec-folded");
if (embedded && params.has("compact")) root.classList.add("ec-compact");
// The fold: the height the partner's page reserved for the card (the loader read it from the
// snippet's link), else the stylesheet's. A custom property set through CSSOM: the widget's CSP
// allows it.
const fold = Number(params.get("fold"));
if (embedded && Number.isInteger(fold) && fold >= 100 && fold <= 5000) {
  root.style.setProperty(params.has("compact") ? "--fold-compact" : "--fold", fold + "px");
}
