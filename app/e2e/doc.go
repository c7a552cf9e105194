// Package e2e holds the tests that run the product in real browsers, as on the web: a
// partner's page on one origin (localhost) embeds the card from the widget on another
// (127.0.0.1). There is no code here, only tests.
//
// One harness builds what every test needs: newSite starts a widget and a partner's site
// (siteOptions: the widget's files, a handler around it, its frame-ancestors allowlist, or a
// widget served elsewhere), and site.page publishes a partner's page (pageOptions: its
// language, the snippet, its head, stylesheet and headers).
//
// The core tests (the card embedded from another origin, its wasm running, a language switch in
// place, the frame fitting the card, "Show all", the JavaScript API, the card without its wasm,
// an unknown event, a clean console) are written once against a small browser interface
// (browser_test.go) and run in three engines from Debian's packages, in parallel:
//
//   - Chromium, through the DevTools protocol with chromedp: one headless browser, a browser
//     context per tab. The tests that need DevTools itself (layout shifts, the accessibility
//     tree, emulated media and text size, storage settings, installability) use chromedp
//     directly, in Chromium only.
//   - Firefox ESR, over WebDriver BiDi, the protocol Firefox speaks itself
//     (--remote-debugging-port): one headless browser, a user context per tab. Debian ships no
//     geckodriver, so classic WebDriver is no option; the module proxy has no maintained Go
//     BiDi client, and puppeteer-core (npm), which drives Firefox over BiDi, would put a Node.js
//     process and a second language between these tests and the browser. firefox_test.go sends
//     the dozen commands the tests need as JSON over one WebSocket (github.com/coder/websocket).
//   - WebKitGTK's MiniBrowser, over classic WebDriver (WebKitWebDriver, package
//     webkit2gtk-driver; Debian's build refuses a BiDi session), on an Xvfb display the package
//     starts once, since MiniBrowser has no headless mode. A WebKitWebDriver runs one session,
//     a new MiniBrowser with empty storage: one driver per tab. The Go WebDriver clients on the
//     module proxy are unmaintained (tebeka/selenium's last release is from 2019 and brings
//     Google Cloud and GitHub modules for its download tools); webkit_test.go sends the nine
//     HTTP commands the tests need with net/http.
//
// Clicks are a visitor's in every engine (trusted input: DevTools' Input domain, BiDi's and
// WebDriver's actions), not element.click(). WebDriver has no console in WebKit: the tests
// put a probe (probeJS) first into the partner's page and into the widget's pages, which
// records what a console would show, and read it back.
//
// As root (CI): Chromium runs with --no-sandbox; Firefox's own sandbox works as root and
// needs nothing; MiniBrowser runs its web processes unsandboxed unless told to
// (--enable-sandbox). A missing browser fails the tests with how to install it: a browser
// test that skips is a test that cannot fail.
package e2e
