package component

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// attrText prepares a text for an HTML attribute that go-app prerenders (aria-label, and the
// title and description, which go-app also writes into meta tags). go-app v9.8.0 writes
// attribute values with strconv.Quote, not HTML escaping: a no-break space comes out as the six
// characters \u00a0. On the server such runes become plain spaces; the browser's own
// setAttribute needs no help. (ASCII " and \, which Quote would also mangle, are refused in
// every message when the catalog loads.)
func attrText(s string) string {
	if app.IsClient {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !strconv.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
}
