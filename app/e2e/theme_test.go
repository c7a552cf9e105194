package e2e

// The card's scheme follows the partner's page by default (site.toml theme = "host", or
// data-theme="host"): the loader reads the colour behind the card's place and opens the frame
// light or dark, before the card's first paint; data-theme still names one.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"eventcard/app/internal/projecttree"
)

func TestThemeFollowsTheHost(t *testing.T) {
	tree := editableTree(t)
	projecttree.Replace(t, tree, "site/site.toml", `theme = "auto"`, `theme = "host"`)
	s := newSite(t, siteOptions{Tree: tree})
	snippet := readmeSnippet(t)
	for _, c := range []struct {
		name, head, snippet, system, want string
	}{
		// A dark page, a visitor whose system is light: the card is dark, like the page.
		{"dark page", `<style>body { background: #15161a; color: #eee; }</style>`, snippet, "light", "dark"},
		// A cream page, a visitor whose system is dark: the card is light.
		{"cream page", `<style>body { background: #fbf7f2; }</style>`, snippet, "dark", "light"},
		// Only the card's column is dark: the colour behind its place is what counts.
		{"dark column", `<style>body { background: #fff; } #col { background: rgb(20, 30, 60); }</style>`,
			`<div id="col">` + snippet + `</div>`, "light", "dark"},
		// The partner names a scheme: the card takes it, whatever the page.
		{"data-theme light", `<style>body { background: #15161a; }</style>`, strings.Replace(snippet, "<script ", `<script data-theme="light" `, 1), "dark", "light"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := chromiumTab(t)
			emulate(t, ctx, map[string]string{"prefers-color-scheme": c.system})
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1000)); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, s.page("/theme", pageOptions{Snippet: c.snippet, Head: c.head, Plain: true}))
			f := frame(t, ctx, s.widget, "theme="+c.want)
			// Set by the card's script in <head>, from the address: before the first paint.
			waitFor(t, f, `document.readyState === "complete"`)
			got := eval[[]string](t, f, `[document.documentElement.className, getComputedStyle(document.querySelector(".card")).backgroundColor]`)
			if !strings.Contains(got[0], "ec-"+c.want) {
				t.Errorf("the card's classes %q, want ec-%s", got[0], c.want)
			}
			paper := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(29, 25, 35)"}[c.want]
			if got[1] != paper {
				t.Errorf("the card's paper %s, want the %s scheme's %s", got[1], c.want, paper)
			}
			if scheme := eval[string](t, ctx, `getComputedStyle(document.querySelector("iframe")).colorScheme`); scheme != c.want {
				t.Errorf("the frame's color-scheme %q, want %q", scheme, c.want)
			}
		})
	}
}
