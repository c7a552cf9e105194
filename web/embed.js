/*! eventcard loader · one script tag, one frame. Docs: README.md, "Embed". */
// Reads top to bottom: find our own script tag, read its options, build the frame, insert it
// right after the tag, then keep its height equal to the card's through one guarded listener.
// Message protocol v1 (the frame's side is web/card.js):
//   frame → page  {eventcard: 1, type: "resize", height: <CSS px>}
//   frame → page  {eventcard: 1, type: "lang", lang: <code>, title: <frame title>}
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var widget = new URL(script.src).origin;
  var titles = /*TITLES*/{};

  // Options: data- attributes. data-lang wins; the host page's own language is a hint.
  var event = script.getAttribute("data-event") || "";
  var lang = script.getAttribute("data-lang") || "";
  var hostLang = document.documentElement.lang || "";
  var params = new URLSearchParams();
  if (lang) params.set("lang", lang);
  if (hostLang) params.set("hl", hostLang);
  params.set("origin", location.origin); // the frame posts to this origin only

  var frame = document.createElement("iframe");
  frame.src = widget + "/embed/" + encodeURIComponent(event) + "?" + params;
  frame.title = titleFor(lang || hostLang || navigator.language);
  frame.loading = "lazy";
  // CSSOM, not a style attribute: a host CSP without 'unsafe-inline' allows it.
  frame.style.display = "block";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = "640px"; // until the card reports its own height
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (e) {
    if (e.origin !== widget || e.source !== frame.contentWindow) return;
    var m = e.data;
    if (!m || m.eventcard !== 1) return;
    if (m.type === "resize" && typeof m.height === "number" && m.height > 0 && m.height < 100000) {
      frame.style.height = Math.ceil(m.height) + "px";
    } else if (m.type === "lang" && typeof m.title === "string") {
      frame.title = m.title.slice(0, 300);
    }
  });

  function titleFor(tag) {
    var base = String(tag).toLowerCase().split("-")[0];
    return titles[base] || titles[Object.keys(titles)[0]] || "";
  }
})();
