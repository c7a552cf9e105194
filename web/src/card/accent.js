// The partner's accent colour, used where it keeps WCAG AA contrast (4.5:1) on the card: as
// text on the card's paper and tinted wash, and behind the card's text on buttons (accentInk).
// It is checked for each colour scheme the card may show; where it fails, the default stays and
// the partner's console says why.
import { ACCENT, PALETTE, PARTNER_ACCENT } from "facts";
import { params, root, warn } from "./frame.js";

const theme = params.get("theme");
let hex = params.get("accent");
if (hex && !ACCENT.test("#" + hex)) warn("data-accent: invalid value, ignored");
else if (hex) {
  if (hex.length == 3) hex = hex.replace(/./g, "$&$&");
  for (const [scheme, colours] of Object.entries(PALETTE)) {
    if (theme && theme != "auto" && theme != scheme) continue;
    const worst = Math.min(...[colours.paper, colours.wash, colours.accentInk].map((bg) => contrast("#" + hex, bg)));
    if (worst >= 4.5) root.style.setProperty(PARTNER_ACCENT + scheme, "#" + hex);
    else warn(`data-accent #${hex}: ${worst.toFixed(2)}:1 on the ${scheme} card, below WCAG AA's 4.5:1; the default accent is used there`);
  }
}

function contrast(a, b) {
  const [la, lb] = [a, b].map(luminance).sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

function luminance(hex) {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
