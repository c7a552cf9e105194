// How the wasm starts, once start.js says when: go-app's app.js asks eventcardInstantiate for
// the instance (app/server/goapp.go). Each step is a task of its own, the event loop given back
// between them: the compilation in a worker (compile.js, which also runs the wasm's start once
// there, on the page's data, so that Chromium compiles those functions off this thread), the
// instantiation, then go-app's run (wasm/main.go yields in it too).
// On a phone the card's frame most often runs on the partner page's event loop, where one long
// task blocks the page; in go-app's own way (instantiateStreaming) the compilation's end, the
// instantiation and the Go runtime's start were one task of 1.4 s there. Where no worker can
// compile it (a page of an opaque origin, a browser without module transfer), the page does.
import { DATA_ELEMENT_ID } from "facts";

// Beside this script (a classic one: it knows its own address as it runs).
const worker = document.currentScript && new URL("compile.js", document.currentScript.src).href;
const task = () => new Promise((resolve) => setTimeout(resolve));

self.eventcardInstantiate = async (url, imports) => {
  let module, warmed = false, where = "worker";
  try {
    ({ module, warmed } = await inWorker(url));
  } catch {
    where = "page";
    module = await WebAssembly.compileStreaming(fetch(url));
  }
  performance.mark("eventcard:compiled", { detail: { where, warmed } });
  await task();
  const instance = await WebAssembly.instantiate(module, imports);
  await task();
  return { module, instance };
};

// inWorker compiles the wasm at url in a worker of its own, which it ends once it has answered:
// the module, and whether the worker's run of it ended well.
function inWorker(url) {
  return new Promise((resolve, reject) => {
    if (!worker) throw new Error("no address for the worker");
    const w = new Worker(worker);
    const done = (f, v) => (w.terminate(), f(v));
    w.onmessage = (e) => (e.data?.module instanceof WebAssembly.Module ? done(resolve, e.data) : done(reject, e.data?.error));
    w.onerror = w.onmessageerror = (e) => (e.preventDefault?.(), done(reject, e.message));
    w.postMessage({ wasm: new URL(url, location.href).href, go: document.querySelector("script[src$='/wasm_exec.js']")?.src,
      data: document.getElementById(DATA_ELEMENT_ID)?.textContent });
  });
}
