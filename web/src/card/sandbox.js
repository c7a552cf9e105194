// A frame sandboxed without allow-same-origin (WordPress's embeds; a partner's page in a site
// builder's frame, whose sandbox the card's frame inherits) has an opaque origin, where the
// browser refuses a service worker by throwing. go-app's app.js registers one wherever
// navigator has serviceWorker, and logs an error when that fails: there, navigator has none.
// (The wasm's fetch from "null" is cross-origin: the server allows it, app/server/handlers.go.)
if (self.origin == "null") delete Navigator.prototype.serviceWorker;
