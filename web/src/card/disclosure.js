// A disclosure: an element that opens and closes a part of the card with the button inside it.
// Its state is a class on <html>, where card.css reads it for the whole card and where it
// outlives the wasm's first render, which replaces the card's elements: a fresh element takes
// the state over when it is connected. The button's markup starts closed, as every page loads.
import { root } from "./frame.js";

export class Disclosure extends HTMLElement {
  constructor(state) {
    super();
    this.state = state; // the class on <html>
    this.addEventListener("click", (e) => e.target.closest("button") && this.set(!this.open));
  }

  get open() {
    return root.classList.contains(this.state);
  }

  // The card's size changes: "ec-toggle" tells whoever reports it (a frame out of view may get
  // no resize observations until it is scrolled into view).
  set(open) {
    root.classList.toggle(this.state, open);
    this.sync();
    this.dispatchEvent(new Event("ec-toggle", { bubbles: true }));
  }

  connectedCallback() {
    this.sync();
  }

  // When the parser connects the element its button is not parsed yet, and the markup's state
  // is right; when the wasm connects a fresh one, the button is in it.
  sync() {
    this.querySelector("button")?.setAttribute("aria-expanded", this.open);
  }
}
