// The storage guard. With cookies blocked, or in a sandboxed frame (an opaque origin), reading
// localStorage throws, and go-app reads it at start without a guard: the Go program would die.
// An in-memory stand-in keeps the card working; the language choice then lasts as long as the
// page. (sessionStorage throws there too; go-app never reads it, and the card's one use,
// switched.js, catches.)
// The guard asks for the storage object only: where storage is refused, that is what throws (the
// HTML standard's getter); a read would also load the origin's stored data, by a synchronous
// round trip to the browser, on the way to the first paint (8 to 80 ms in a new Chromium frame
// on a busy machine), for no value the page needs before it paints.
try {
  if (!self.localStorage) throw new Error("no localStorage");
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
