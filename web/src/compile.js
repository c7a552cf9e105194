// The wasm's compilation, in a dedicated worker: the card's script (card/instantiate.js) asks
// for the wasm at an address, this worker fetches and compiles it as it downloads, and hands the
// compiled module back. Compiled in the page, the compilation's end is one task of the page's
// main thread (on the phone profile 0.6 s or more), and on a phone the card's frame most often
// shares that thread with the partner's page; a worker has a thread of its own everywhere.
addEventListener("message", async (e) => {
  try {
    postMessage({ module: await WebAssembly.compileStreaming(fetch(e.data)) });
  } catch (err) {
    postMessage({ error: String(err) });
  }
});
