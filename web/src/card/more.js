// <ec-more>: "Read more" under the summary, the rest of it behind a button with aria-expanded.
// Without JavaScript the element is never defined: card.css hides the button and shows the text.
import { Disclosure } from "./disclosure.js";

customElements.define("ec-more", class extends Disclosure {
  constructor() {
    super("ec-more");
  }
});
