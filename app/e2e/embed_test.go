package e2e

import (
	"testing"
)

const snippet = `<script async src="{{widget}}/embed.js" data-event="where-are-the-women-2020"></script>`

func TestEmbedShowsTheCard(t *testing.T) {
	s := newSite(t)
	ctx := tab(t)
	url := s.page("/article", hostPage("es", snippet))
	if err := chromedpNavigate(ctx, url); err != nil {
		t.Fatal(err)
	}
	f := frame(t, ctx, s.widget)
	waitFor(t, f, `document.readyState === "complete"`)
	title := eval[string](t, f, `document.querySelector("h1").textContent`)
	t.Log(title)
}
