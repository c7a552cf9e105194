// The card page's own script, in every card page (framed or standalone). It does what must work
// before the wasm starts, and if it never does. Plain script, no inline code: it runs under the
// widget's CSP. Protocol with the loader: see web/embed.js.
(function () {
  "use strict";

  // 1. Storage. With cookies blocked, reading localStorage throws, and go-app reads it at start
  // without a guard: the Go program would die. An in-memory stand-in keeps the card working;
  // the language choice then lasts as long as the page.
  try {
    window.localStorage.getItem("eventcard.lang");
  } catch (err) {
    var mem = {};
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      value: {
        getItem: function (k) { return Object.prototype.hasOwnProperty.call(mem, k) ? mem[k] : null; },
        setItem: function (k, v) { mem[k] = String(v); },
        removeItem: function (k) { delete mem[k]; },
        clear: function () { mem = {}; },
        key: function (i) { return Object.keys(mem)[i] || null; },
        get length() { return Object.keys(mem).length; },
      },
    });
  }

  var params = new URLSearchParams(location.search);
  var parentOrigin = framedBy(params.get("origin"));

  // 2. Links. go-app's window.onclick turns every link click into in-app navigation (and opens
  // other sites with window.open, without noopener). The card's links are plain links: stop
  // the click before it reaches the window. The language links are handled by the wasm, which
  // prevents the default; if it has not (not started yet, or never), the link loads the card in
  // that language, keeping the frame's parameters, and replaces the history entry so the
  // partner's back button is not filled with language switches.
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest && e.target.closest("a[href]");
    if (!a) return;
    e.stopPropagation();
    if (e.defaultPrevented || !parentOrigin || !a.closest(".card-langs")) return;
    var next = new URL(a.href);
    params.forEach(function (v, k) {
      if (k !== "lang") next.searchParams.set(k, v);
    });
    e.preventDefault();
    location.replace(next.href);
  });

  // 3. In a frame: tell the embedding page the card's height and language, and again whenever
  // they change. Posted to the embedding page's origin only.
  if (!parentOrigin) return;
  var last = {};
  function post(msg) {
    msg.eventcard = 1;
    window.parent.postMessage(msg, parentOrigin);
  }
  function report() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last.height) {
      last.height = h;
      post({ type: "resize", height: h });
    }
    var lang = document.documentElement.lang;
    if (lang !== last.lang || document.title !== last.title) {
      last.lang = lang;
      last.title = document.title;
      post({ type: "lang", lang: lang, title: document.title });
    }
  }
  new ResizeObserver(report).observe(document.body);
  new MutationObserver(report).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"], subtree: false });
  new MutationObserver(report).observe(document.head, { childList: true, subtree: true, characterData: true });
  report();

  // framedBy returns the embedding page's origin, if this page is framed and origin (from the
  // loader) is it. Where the browser tells the real ancestor, it must match.
  function framedBy(origin) {
    if (window.parent === window || !origin) return "";
    try {
      origin = new URL(origin).origin;
    } catch (err) {
      return "";
    }
    var ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length && ancestors[0] !== origin) return "";
    return origin;
  }
})();
