// <ec-fold>: "Show all" at the foot of a framed card, which opens at the fold's fixed height (the
// one the loader reserved on the partner's page). It also marks a card shorter than the fold
// (ec-fits: no bar, the card as high as its content), and opens the card when the focus moves into its folded part, so that a
// keyboard user never tabs into what is hidden.
import { root } from "./frame.js";
import { Disclosure } from "./disclosure.js";

customElements.define("ec-fold", class extends Disclosure {
  constructor() {
    super("ec-open");
    // The card's height and its sections': a language's text changes the sections, not the card.
    this.sizes = new ResizeObserver(() => this.measure());
  }

  connectedCallback() {
    super.connectedCallback();
    this.card = this.closest(".card");
    if (!this.card) return;
    this.card.addEventListener("focusin", this);
    for (const e of [this.card, ...this.card.children]) this.sizes.observe(e);
  }

  disconnectedCallback() {
    this.card?.removeEventListener("focusin", this);
    this.sizes.disconnect();
  }

  // A focus below the fold's top, outside the bar, is in the folded part.
  handleEvent(e) {
    if (root.classList.contains("ec-folded") && !this.open && !this.contains(e.target) &&
        e.target.getBoundingClientRect().bottom > this.getBoundingClientRect().top) {
      this.set(true);
    }
  }

  // Against the fold, not the card's box: a card that fits ends with its content (card.css).
  // A section not laid out yet (card.css) is out of sight, so the card does not fit: asked
  // without a layout, which here, inside the observer, would lay the next section out and
  // resize it, a ResizeObserver loop (Firefox and WebKit report it as an error).
  measure() {
    if (this.open) return;
    if ([...this.card.querySelectorAll(".card-section > *")].some(waiting)) {
      root.classList.remove("ec-fits");
      return;
    }
    const fold = parseFloat(getComputedStyle(root).getPropertyValue(root.classList.contains("ec-compact") ? "--fold-compact" : "--fold"));
    root.classList.toggle("ec-fits", this.card.scrollHeight <= fold - 4 + 1);
  }
});

// waiting: e is shown but not laid out, its section being out of sight (content-visibility).
const waiting = (e) => e.checkVisibility?.() && !e.checkVisibility({ contentVisibilityAuto: true });
