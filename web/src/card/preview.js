// <ec-preview>: the builder's preview, the snippet (the element named by data-snippet) run as a
// partner's page runs it, again whenever the snippet changes.
customElements.define("ec-preview", class extends HTMLElement {
  constructor() {
    super();
    this.changes = new MutationObserver(() => this.show());
  }

  // The snippet comes before the preview in the page: the parser has it already.
  connectedCallback() {
    const snippet = document.getElementById(this.dataset.snippet);
    if (!snippet) return;
    this.changes.observe(snippet, { childList: true, subtree: true, characterData: true });
    this.show();
  }

  disconnectedCallback() {
    this.changes.disconnect();
  }

  show() {
    const code = document.getElementById(this.dataset.snippet)?.textContent;
    if (code == null || code == this.shown) return;
    this.shown = code;
    // The placeholder's style attribute, which a partner's page allows, this page's CSP refuses
    // (style-src 'self': no inline style, even parsed into a template): it is renamed before
    // parsing, and its declarations set through CSSOM, which CSP allows. (The snippet escapes
    // every value: ' style="' is an attribute, never text.)
    const tpl = document.createElement("template");
    tpl.innerHTML = code.replaceAll(' style="', ' data-ec-style="');
    this.replaceChildren();
    for (const node of tpl.content.children) {
      const el = document.createElement(node.tagName); // a parsed <script> would not run: a new one does
      for (const a of node.attributes) if (a.name != "data-ec-style") el.setAttribute(a.name, a.value);
      if (node.dataset.ecStyle) el.style.cssText = node.dataset.ecStyle;
      if (node.tagName != "SCRIPT") el.append(...node.cloneNode(true).childNodes);
      this.append(el);
    }
  }
});
