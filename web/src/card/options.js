// The partner's options, as classes on <html> before anything is painted: no flash of the wrong
// theme or height. The server never sees them, so its pages stay one per event and language.
import { embedded, params, root } from "./frame.js";

const theme = params.get("theme");
if (theme == "light" || theme == "dark") root.classList.add("ec-" + theme);
if (embedded) root.classList.add("ec-folded");
if (embedded && params.has("compact")) root.classList.add("ec-compact");
