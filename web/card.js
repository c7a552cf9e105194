// The card page's own script, in every card page, framed or standalone. It runs in <head>,
// before the first paint (the page's look depends on it) and before go-app's scripts, and it does
// everything that must work before the wasm starts and if it never does. A file, not inline
// code: it runs under the widget's CSP. The protocol with the loader is written in web/embed.js.
(() => {
  "use strict";
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);
  const embedded = /\/embed\/[^/]+/.test(location.pathname); // a card in a frame, not the builder (/embed/)
  const parentOrigin = framedBy(params.get("origin"));
  // Script runs: the controls that need it show (card.css hides "read more" without it, so that
  // a page without JavaScript shows the whole text).
  root.classList.add("ec-js");

  // 1. Storage. With cookies blocked, reading localStorage throws, and go-app reads it at start
  // without a guard: the Go program would die. An in-memory stand-in keeps the card working; the
  // language choice then lasts as long as the page.
  try {
    localStorage.getItem("eventcard.lang");
  } catch {
    const mem = new Map();
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      value: {
        getItem: (k) => (mem.has(k) ? mem.get(k) : null),
        setItem: (k, v) => mem.set(k, String(v)),
        removeItem: (k) => mem.delete(k),
        clear: () => mem.clear(),
        key: (i) => [...mem.keys()][i] ?? null,
        get length() {
          return mem.size;
        },
      },
    });
  }

  // 2. On a static host no server chose the language of an address without one (/embed/{id}/):
  // the page is in the event's own language. Go, before the first paint, to the page in the
  // language the server would have picked (see server.negotiate), by exact language: the
  // server's x/text matching also maps Guaraní to Spanish and so on; a static host does not.
  if (!document.querySelector('meta[name="eventcard:negotiated"]') && !/^\/[a-z]{2,3}\//.test(location.pathname)) {
    const available = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href]);
    let stored = null;
    try {
      stored = embedded ? localStorage.getItem("eventcard.lang") : null;
    } catch {}
    const wanted = [stored, params.get("lang"), embedded && params.get("hl"), ...navigator.languages]
      .filter(Boolean).map((t) => t.slice(0, 3).split("-")[0].toLowerCase());
    const pick = wanted.map((w) => available.find(([l]) => l == w)).find(Boolean);
    if (pick && pick[0] != root.lang) go(pick[1], { lang: pick[0] });
  }

  // 3. The partner's options, set on <html> before anything is painted: no flash of the wrong
  // theme. The server never sees them, so its pages stay one per event and language.
  const theme = params.get("theme");
  if (theme == "light" || theme == "dark") root.classList.add("ec-" + theme);
  if (embedded) root.classList.add("ec-folded");
  if (embedded && params.has("compact")) root.classList.add("ec-compact");
  applyAccent(params.get("accent"), theme);

  // 4. Links. go-app's window.onclick turns every link click into in-app navigation (and opens
  // other sites with window.open, without noopener). The card's links are plain links: stop the
  // click before it reaches the window. The wasm handles the language links and prevents their
  // default; when it has not (not started yet, or never), the link loads the card in that
  // language with the frame's parameters, replacing the history entry: the partner's back
  // button is not for language switches.
  document.addEventListener("click", (e) => {
    const a = e.target.closest?.("a[href]");
    if (a) {
      e.stopPropagation();
      if (!e.defaultPrevented && a.closest(".card-langs")) {
        // A switch that loads the page (no wasm): the next page puts the focus back on the
        // switcher and announces the language, as the wasm's in-place switch does.
        try {
          sessionStorage.setItem("eventcard.switched", a.hreflang);
        } catch {}
        if (embedded) {
          e.preventDefault();
          try {
            localStorage.setItem("eventcard.lang", a.hreflang);
          } catch {}
          go(a.href);
        }
      }
    }
    if (e.target.closest?.(".card-fold-button")) setOpen(!root.classList.contains("ec-open"));
    if (e.target.closest?.(".card-more-button")) {
      root.classList.toggle("ec-more");
      sync();
    }
    const share = e.target.closest?.(".card-share");
    if (share) shareCard(share);
    const copy = e.target.closest?.("[data-copy]");
    if (copy) copyText(document.getElementById(copy.dataset.copy)?.textContent || "", copy);
  });
  // The language links are links (Enter follows them); Space, which a switcher's buttons would
  // take, switches too.
  document.addEventListener("keydown", (e) => {
    if (e.key == " " && !e.repeat && e.target.closest?.(".card-langs a[href]")) {
      e.preventDefault();
      e.target.click();
    }
  });
  // A keyboard user tabbing into the folded part unfolds the card rather than lose the focus.
  document.addEventListener("focusin", (e) => {
    const fold = document.querySelector(".card-fold");
    if (fold && root.classList.contains("ec-folded") && !root.classList.contains("ec-open") &&
        e.target.getBoundingClientRect().bottom > fold.getBoundingClientRect().top && !fold.contains(e.target)) {
      setOpen(true);
    }
  });

  // 5. The embedding page asks for a language (EventCard.mount(...).setLang): as if the visitor
  // clicked it, so the wasm switches in place, or, without it, the link loads it.
  addEventListener("message", (e) => {
    if (!parentOrigin || e.origin != parentOrigin || e.source != parent) return;
    const m = e.data;
    // Strict comparisons: {type: ["setLang"]} == "setLang" in JavaScript.
    if (m?.eventcard !== 1 || m.type !== "setLang" || typeof m.lang != "string" || !/^[a-z]{2,8}(-[a-z0-9]{1,8}){0,8}$/i.test(m.lang)) return;
    const link = document.querySelector(`.card-langs a[hreflang="${m.lang.slice(0, 2).toLowerCase()}"]`);
    if (link) link.click();
    else go(location.pathname.replace(/^\/[a-z]{2,3}\//, "/"), { lang: m.lang }); // the server matches it (gn → es)
  });

  document.addEventListener("DOMContentLoaded", () => {
    // go-app replaces the prerendered card with its own when the wasm starts: state on <html>
    // survives, the button's aria-expanded is set again.
    new MutationObserver(sync).observe(document.body, { childList: true });
    new ResizeObserver(report).observe(document.body);
    new MutationObserver(soon).observe(root, { attributes: true, attributeFilter: ["lang"] });
    new MutationObserver(soon).observe(document.head, { childList: true, subtree: true, characterData: true });
    new MutationObserver(preview).observe(document.body, { childList: true, subtree: true, characterData: true });
    sync();
    preview();
    countdown();
    switched();
  });

  // Share: the system's share sheet where there is one (it needs allow="web-share" on the
  // frame: the loader sets it), else the address copied, with a polite confirmation.
  async function shareCard(button) {
    const url = new URL(button.dataset.url, location.href).href;
    if (navigator.share) {
      try {
        return await navigator.share({ title: button.dataset.title, url });
      } catch (err) {
        if (err.name == "AbortError") return;
      }
    }
    copyText(url, button);
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      return; // no clipboard (permission or an old browser): the text stays selectable
    }
    const status = button.nextElementSibling;
    if (status?.getAttribute("role") == "status") {
      status.textContent = button.dataset.copied;
      setTimeout(() => (status.textContent = ""), 4000);
    }
  }

  // The builder's preview: the snippet, run as a partner's page runs it, whenever it changes.
  function preview() {
    const box = document.getElementById("builder-preview");
    const code = box && document.getElementById(box.dataset.snippet);
    if (!code || box.dataset.shown == code.textContent) return;
    box.dataset.shown = code.textContent;
    // The placeholder's style attribute, which a partner's page allows, this page's CSP refuses
    // (style-src 'self': no inline style, even parsed into a template): it is renamed before
    // parsing, and its declarations set through CSSOM, which CSP allows. (The snippet escapes
    // every value: ' style="' is an attribute, never text.)
    const tpl = document.createElement("template");
    tpl.innerHTML = code.textContent.replaceAll(' style="', ' data-ec-style="');
    box.replaceChildren();
    for (const node of tpl.content.children) {
      const el = document.createElement(node.tagName); // a parsed <script> would not run: a new one does
      for (const a of node.attributes) if (a.name != "data-ec-style") el.setAttribute(a.name, a.value);
      if (node.dataset.ecStyle) el.style.cssText = node.dataset.ecStyle;
      if (node.tagName != "SCRIPT") el.append(...node.cloneNode(true).childNodes);
      box.append(el);
    }
  }

  function setOpen(open) {
    root.classList.toggle("ec-open", open);
    sync();
  }

  function sync() {
    const button = document.querySelector(".card-fold-button");
    button?.setAttribute("aria-expanded", root.classList.contains("ec-open"));
    document.querySelector(".card-more-button")?.setAttribute("aria-expanded", root.classList.contains("ec-more"));
    report();
  }

  // The countdown ("In 5 days") for this visitor's clock, from the page's data: a page
  // prerendered on another day (a static host's, a cached one) must not say yesterday's.
  function countdown() {
    const label = document.querySelector(".card-countdown");
    if (!label) return;
    let text = "";
    try {
      const view = JSON.parse(document.getElementById("eventcard-data").textContent).views[root.lang];
      const now = Date.now();
      if (now < Date.parse(view.ends)) for (const c of view.countdown || []) if (now >= Date.parse(c.from)) text = c.text;
    } catch {
      return;
    }
    label.textContent = text;
  }

  // After a switch that loaded the page: focus on the chosen language, and its name said by
  // the switcher's live region, in that language.
  function switched() {
    let lang = null;
    try {
      lang = sessionStorage.getItem("eventcard.switched");
      sessionStorage.removeItem("eventcard.switched");
    } catch {}
    const link = lang && lang == root.lang && document.querySelector(`.card-langs a[hreflang="${lang}"]`);
    if (!link) return;
    link.focus();
    const status = document.getElementById("card-langs-status");
    // Later, so that the region is in the accessibility tree before its text changes.
    if (status) setTimeout(() => ((status.lang = lang), (status.textContent = link.textContent)), 150);
  }

  // fits: a card shorter than the fold needs no "Show all".
  function fits() {
    const card = document.querySelector(".card");
    if (card && !root.classList.contains("ec-open")) root.classList.toggle("ec-fits", card.scrollHeight <= card.clientHeight + 1);
  }

  // go loads address in the frame with the frame's parameters (the partner's options), set
  // overrides them; it replaces the history entry: the partner's back button is not for this.
  function go(address, set = {}) {
    const next = new URL(address, location.href);
    params.forEach((v, k) => next.searchParams.set(k, v));
    for (const [k, v] of Object.entries(set)) next.searchParams.set(k, v);
    if (!("lang" in set)) next.searchParams.delete("lang");
    location.replace(next.href);
  }

  // In a frame: tell the embedding page the card's height, language and title, whenever they
  // change, posting to the embedding page's origin only.
  let last = {};
  function report() {
    fits();
    if (!parentOrigin || !document.body) return;
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height != last.height) post({ type: "resize", height });
    if (root.lang != last.lang || document.title != last.title) post({ type: "lang", lang: root.lang, title: document.title });
    last = { height, lang: root.lang, title: document.title };
  }

  // soon reports in the next frame, not in the observer: measuring the card (fits) in the
  // wasm's update would force a layout there, ahead of the new text in the DOM; in the frame it
  // is the layout the browser does anyway. A frame out of view gets no animation frames: the
  // timer sends the new title all the same.
  let queued = false;
  function soon() {
    if (queued) return;
    queued = true;
    const run = () => queued && ((queued = false), report());
    requestAnimationFrame(run);
    setTimeout(run, 250);
  }

  function post(msg) {
    parent.postMessage({ eventcard: 1, ...msg }, parentOrigin);
  }

  // framedBy returns the embedding page's origin if this page is framed and origin (from the
  // loader) is it; where the browser tells the real ancestor, they must agree.
  function framedBy(origin) {
    if (parent === window || !origin) return "";
    try {
      origin = new URL(origin).origin;
    } catch {
      return "";
    }
    const ancestor = location.ancestorOrigins?.[0];
    return !ancestor || ancestor == origin ? origin : "";
  }

  // applyAccent uses the partner's colour where it keeps WCAG AA contrast (4.5:1) on the card:
  // as text on the card's paper and tinted wash, and behind the card's text on buttons. It is
  // checked for each colour scheme the card may show; where it fails, the default stays and the
  // partner's console says why.
  function applyAccent(hex, theme) {
    if (!hex) return;
    if (!/^([0-9a-f]{3}){1,2}$/i.test(hex)) return warn("data-accent: invalid value, ignored");
    if (hex.length == 3) hex = hex.replace(/./g, "$&$&");
    // Per scheme: the paper and the wash (card.css --paper, --wash), where the accent is text,
    // and --accent-ink, the text on the accent (badges, the current language, the main
    // button). app/card/palette_test.go keeps these equal to card.css.
    const schemes = { light: ["#ffffff", "#f6f2fa", "#ffffff"], dark: ["#1d1923", "#28222f", "#1b1424"] };
    for (const [scheme, backgrounds] of Object.entries(schemes)) {
      if (theme && theme != "auto" && theme != scheme) continue;
      const worst = Math.min(...backgrounds.map((bg) => contrast("#" + hex, bg)));
      if (worst >= 4.5) root.style.setProperty("--partner-accent-" + scheme, "#" + hex);
      else warn(`data-accent #${hex}: ${worst.toFixed(2)}:1 on the ${scheme} card, below WCAG AA's 4.5:1; the default accent is used there`);
    }
  }

  function contrast(a, b) {
    const [la, lb] = [a, b].map(luminance).sort((x, y) => y - x);
    return (la + 0.05) / (lb + 0.05);
  }

  function luminance(hex) {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, b] = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function warn(text) {
    if (parentOrigin) post({ type: "warn", text });
    else console.warn("eventcard: " + text);
  }
})();
