// The storage guard. With cookies blocked, or in a sandboxed frame (an opaque origin), reading
// localStorage or sessionStorage throws, and go-app reads localStorage at start without a guard:
// the Go program would die. An in-memory stand-in keeps the card working; the language choice
// then lasts as long as the page.
for (const name of ["localStorage", "sessionStorage"]) {
  try {
    window[name].getItem("eventcard");
  } catch {
    const mem = new Map();
    Object.defineProperty(window, name, {
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
}
