// Package e2e holds the tests that run the product in a real browser: Debian's Chromium,
// driven through the DevTools protocol by chromedp. A partner page on one origin embeds the card
// from the widget on another, exactly as on the web. There is no code here, only tests.
package e2e
