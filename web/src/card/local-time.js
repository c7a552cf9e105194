// <ec-local-time>: a timed event's time in the visitor's own zone, when its clock there differs
// from the event's (the browser knows the visitor's zone; the server, writing the event's, does
// not). Written in the card's language, and again when the wasm changes the element's
// attributes: a language switch gives it the new label.
import { LOCAL_TIME_MARK } from "facts";

// The wasm gives the element its new attributes, then sets the document's language, in one
// task: the time is written once, after them (a microtask), in the new language; a language
// changed alone writes it too.
new MutationObserver(() => {
  for (const e of document.querySelectorAll("ec-local-time")) if (e.writtenIn != document.documentElement.lang) e.write();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });

customElements.define("ec-local-time", class extends HTMLElement {
  static observedAttributes = ["start", "end", "zone", "label"];

  connectedCallback() {
    this.write();
  }

  attributeChangedCallback() {
    if (this.isConnected && !this.due) {
      this.due = true;
      queueMicrotask(() => this.write());
    }
  }

  write() {
    this.due = false;
    this.writtenIn = document.documentElement.lang;
    const text = this.localTime(this.writtenIn);
    this.hidden = !text;
    this.textContent = text ? this.getAttribute("label").replace(LOCAL_TIME_MARK, text) : "";
  }

  // localTime is the event's time in the visitor's zone, in lang, "" when it reads the same as
  // the event's own (or the browser cannot tell).
  localTime(lang) {
    const start = new Date(this.getAttribute("start"));
    const end = this.hasAttribute("end") ? new Date(this.getAttribute("end")) : null;
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const there = this.getAttribute("zone");
    if (!here || !there || isNaN(start) || (end && isNaN(end))) return "";
    const clock = { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" };
    const write = (f) => (end ? f.formatRange(start, end) : f.format(start));
    try {
      const local = write(formatter(lang, { ...clock, timeZone: here }));
      if (local == write(formatter(lang, { ...clock, timeZone: there }))) return "";
      const zone = formatter(lang, { timeZone: here, timeZoneName: "long" })
        .formatToParts(start).find((p) => p.type == "timeZoneName")?.value;
      return zone ? `${local} (${zone})` : local;
    } catch {
      return ""; // a zone this browser does not know
    }
  }
});

// formatter is an Intl.DateTimeFormat, made once per language and options: making one for a
// language the engine has not used yet loads its locale data (in Chromium, tens of milliseconds
// on a slow machine, inside the switch that asks for it).
const formatters = new Map();
function formatter(lang, options) {
  const key = lang + JSON.stringify(options);
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(lang, options));
  return formatters.get(key);
}

// prepare makes, ahead of a switch into lang, the formatters the card's times will need.
export function prepare(lang) {
  for (const e of document.querySelectorAll("ec-local-time")) e.localTime(lang);
}
