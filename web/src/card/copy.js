// <ec-copy>: a text (its <pre>) and the button that copies it, in the builder, confirmed by the
// polite status beside the button. copy is Share's fallback too.
customElements.define("ec-copy", class extends HTMLElement {
  constructor() {
    super();
    this.addEventListener("click", (e) => e.target.closest("button") && copy(this.querySelector("pre")?.textContent || "", this));
  }
});

// copy puts text on the clipboard and says so in the status inside element, with the element's
// data-copied. Without a clipboard (a permission, an old browser) the text stays selectable.
// It reports whether the text was copied.
export async function copy(text, element) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return false;
  }
  const status = element.querySelector('[role="status"]');
  if (status) {
    status.textContent = element.dataset.copied;
    setTimeout(() => (status.textContent = ""), 4000);
  }
  return true;
}
