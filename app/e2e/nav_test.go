package e2e

import (
	"context"

	"github.com/chromedp/chromedp"
)

func chromedpNavigate(ctx context.Context, url string) error {
	return chromedp.Do(ctx, chromedp.Navigate(url))
}
