// WordPress's embed protocol (its wp-includes/js/wp-embed.js, since WordPress 4.4), spoken when
// the card is a WordPress embed: the frame of the oEmbed answer (app/meta/oembed.go), which
// WordPress sandboxes (sandbox="allow-scripts": an opaque origin, no popups, no navigation of its
// page) and sizes only on the frame's word.
//   frame → page {message: "height", value, secret}  the card's height; WordPress keeps the frame
//                                                    between 200 and 1000 px
//   frame → page {message: "link", value, secret}    WordPress takes its page there: only to the
//                                                    frame's own host, only while the frame has
//                                                    the focus (the visitor's click)
//   page → frame {message: "ready", secret}          wp-embed.js has started: the height again
// WordPress checks the secret (its own, in the frame's address) and the frame's window; the frame
// cannot know the page's origin: "*", and nothing but public data.
import { root, wpSecret } from "./frame.js";

let height = 0;

// size tells WordPress the card's height.
export function size(h) {
  height = h;
  tell("height", h);
}

// open takes the visitor to where a link of the card goes, which the sandbox would not follow:
// a file of the widget (the calendar) itself, anything else through the card's own page, in its
// language, where the link opens as it does everywhere.
export function open(href) {
  const u = new URL(href, location.href);
  const event = location.pathname.match(/\/embed\/([^/]+)/)?.[1];
  tell("link", u.origin == location.origin && !u.pathname.includes("/embed/") ? u.href : new URL(`/${root.lang}/events/${event}/`, location.href).href);
}

function tell(message, value) {
  parent.postMessage({ message, value, secret: wpSecret }, "*");
}

if (wpSecret) {
  addEventListener("message", (e) => {
    const m = e.data;
    if (e.source === parent && m?.message === "ready" && m.secret === wpSecret && height) tell("height", height);
  });
}
