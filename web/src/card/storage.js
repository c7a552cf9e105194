// The storage guard. With cookies blocked, or in a sandboxed frame (an opaque origin), reading
// localStorage throws, and go-app reads it at start without a guard: the Go program would die.
// An in-memory stand-in keeps the card working; the language choice then lasts as long as the
// page. (sessionStorage throws there too; go-app never reads it, and the card's one use,
// switched.js, catches.)
import { STORAGE_KEY } from "facts";

try {
  localStorage.getItem(STORAGE_KEY);
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
