// <ec-share>: the card's Share button. The system's share sheet where there is one (it needs
// allow="web-share" on the frame: the loader sets it), else the address copied. In WordPress's
// sandbox neither is allowed: WordPress takes the visitor to the card's own page, which shares.
import { copy } from "./copy.js";
import { wpSecret } from "./frame.js";
import { open } from "./wordpress.js";

customElements.define("ec-share", class extends HTMLElement {
  constructor() {
    super();
    this.addEventListener("click", (e) => e.target.closest("button") && this.share());
  }

  async share() {
    const url = new URL(this.dataset.url, location.href).href;
    if (navigator.share) {
      try {
        return await navigator.share({ title: this.dataset.title, url });
      } catch (err) {
        if (err.name == "AbortError") return;
      }
    }
    if (!(await copy(url, this)) && wpSecret) open(url);
  }
});
