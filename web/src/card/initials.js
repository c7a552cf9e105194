// <ec-initials>: a speaker's initials where there is no portrait. They only repeat the name beside
// them: hidden from screen readers. (The server's renderer writes the value "true" as a bare
// attribute, which ARIA reads as absent, so the element says it itself.)
customElements.define("ec-initials", class extends HTMLElement {
  connectedCallback() {
    this.setAttribute("aria-hidden", "true");
  }
});
