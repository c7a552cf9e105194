// A mouse press that the wasm's first render split: go-app mounts by replacing the prerendered
// card with its own elements, and a button pressed on the old element and released on the new
// one gets no click (the press and the release share no element), so "Show all" or a language
// link pressed while the wasm starts did nothing. Released on the same control, new, the press
// is the click it meant: once the release's own task is over and no click came, it is given one.
// Touch needs none: a tap's click is aimed when the finger lifts.
let pressed = null; // the control under the mouse's press

const control = (e) => e.target instanceof Element ? e.target.closest("a[href], button") : null;
// What a control is, not which element: the wasm's copy has the same tag, class, link and text
// (the prerendered markup has line breaks between elements, the wasm's none).
const text = (e) => e.textContent.replace(/\s+/g, "");
const same = (a, b) => a.tagName === b.tagName && a.className === b.className &&
  a.getAttribute("href") === b.getAttribute("href") && text(a) === text(b);

addEventListener("pointerdown", (e) => {
  pressed = e.pointerType === "mouse" && e.button === 0 ? control(e) : null;
}, true);

addEventListener("pointerup", (e) => {
  const from = pressed, to = control(e);
  pressed = null;
  if (!from || !to || from.isConnected || !same(from, to)) return;
  // A click on the new control, if the browser sends one; one on an element around both (the
  // pressed one's former parent, say) does not count.
  let clicked = false;
  const seen = (c) => { clicked ||= to.contains(c.target); };
  addEventListener("click", seen, true);
  setTimeout(() => {
    removeEventListener("click", seen, true);
    if (!clicked && to.isConnected) to.click();
  });
}, true);
