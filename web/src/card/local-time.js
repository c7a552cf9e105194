// <ec-local-time>: a timed event's time in the visitor's own zone, when its clock there differs
// from the event's (the browser knows the visitor's zone; the server, writing the event's, does
// not). Written in the card's language, and again when the wasm changes the element's
// attributes: a language switch gives it the new label.
import { LOCAL_TIME_MARK } from "facts";

// The wasm gives the element its new label, then sets the document's language once the card is
// rendered: the time, written with the label in the former language, is written again then.
new MutationObserver(() => {
  for (const e of document.querySelectorAll("ec-local-time")) e.write();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });

customElements.define("ec-local-time", class extends HTMLElement {
  static observedAttributes = ["start", "end", "zone", "label"];

  connectedCallback() {
    this.write();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.write();
  }

  write() {
    const text = this.localTime();
    this.hidden = !text;
    this.textContent = text ? this.getAttribute("label").replace(LOCAL_TIME_MARK, text) : "";
  }

  // localTime is the event's time in the visitor's zone, "" when it reads the same as the
  // event's own (or the browser cannot tell).
  localTime() {
    const start = new Date(this.getAttribute("start"));
    const end = this.hasAttribute("end") ? new Date(this.getAttribute("end")) : null;
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const there = this.getAttribute("zone");
    if (!here || !there || isNaN(start) || (end && isNaN(end))) return "";
    const lang = document.documentElement.lang;
    const clock = { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" };
    const format = (zone) => new Intl.DateTimeFormat(lang, { ...clock, timeZone: zone });
    const write = (f) => (end ? f.formatRange(start, end) : f.format(start));
    try {
      const local = write(format(here));
      if (local == write(format(there))) return "";
      const zone = new Intl.DateTimeFormat(lang, { timeZone: here, timeZoneName: "long" })
        .formatToParts(start).find((p) => p.type == "timeZoneName")?.value;
      return zone ? `${local} (${zone})` : local;
    } catch {
      return ""; // a zone this browser does not know
    }
  }
});
