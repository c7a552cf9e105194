// <ec-share>: the card's Share button. The system's share sheet where there is one (it needs
// allow="web-share" on the frame: the loader sets it), else the address copied.
import { copy } from "./copy.js";

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
    copy(url, this);
  }
});
