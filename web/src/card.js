// The card page's own script, in every card page, framed or standalone: each module below does
// one job. It runs in <head>, before the first paint (the page's look depends on it), before
// go-app's scripts and before the body is parsed, so the card's elements (<ec-fold>…) upgrade as
// the parser makes them; it does everything that must work before the wasm starts and if it
// never does. A file, not inline code: it runs under the widget's CSP. Bundled into one script,
// with the facts the Go code shares, by app/frontend.
import "./card/sandbox.js"; // before go-app's app.js asks for a service worker
import "./card/storage.js"; // before anything reads storage: go-app does, unguarded
import "./card/start.js"; // before go-app's app.js: when its worker and wasm start
import "./card/instantiate.js"; // before go-app's app.js: how its wasm starts
import "./card/static-host.js";
import "./card/options.js";
import "./card/accent.js";
import "./card/press.js";
import "./card/links.js";
import "./card/set-lang.js";
import "./card/switched.js";
import "./card/fold.js";
import "./card/more.js";
import "./card/share.js";
import "./card/copy.js";
import "./card/preview.js";
import "./card/countdown.js";
import "./card/local-time.js";
import "./card/initials.js";
import "./card/report.js";
import "./card/prewarm.js";
import "./card/wordpress.js";
