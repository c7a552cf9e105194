// The wasm's compilation, in a dedicated worker: the card's script (card/instantiate.js) asks
// for the wasm at an address, this worker fetches and compiles it as it downloads, and hands the
// compiled module back. Compiled in the page, the compilation's end is one task of the page's
// main thread (on the phone profile 0.6 s or more), and on a phone the card's frame most often
// shares that thread with the partner's page; a worker has a thread of its own everywhere.
addEventListener("message", async (e) => {
  const { wasm, go, data } = e.data;
  try {
    const module = await WebAssembly.compileStreaming(fetch(wasm));
    // At most a few seconds: the page's own run compiles whatever this one has not.
    const warmed = go && data ? await Promise.race([warmUp(module, go, data).catch(() => false), after(5000)]) : false;
    postMessage({ module, warmed });
  } catch (err) {
    postMessage({ error: String(err) });
  }
});

const after = (ms) => new Promise((resolve) => setTimeout(() => resolve(false), ms));

// warmUp runs the start of the wasm once here, up to reading the page's data (wasm/main.go), and
// says whether that run ended well: Chromium compiles each function of a wasm module only when
// it is first called, on the thread that calls it, and the module's compiled code is shared with
// the page's instance of it. The runtime's start and the data's reading then cost the page's
// main thread a third of what they did.
async function warmUp(module, go, data) {
  importScripts(go);
  const run = new Go();
  let status = -1;
  run.exit = (code) => (status = code);
  self.eventcardWarmUp = data;
  await run.run(await WebAssembly.instantiate(module, run.importObject));
  return status === 0;
}
