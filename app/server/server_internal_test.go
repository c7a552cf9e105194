package server

import (
	"net/url"
	"testing"
)

// queryValue reads a query as url.ParseQuery does.
func TestQueryValue(t *testing.T) {
	for _, raw := range []string{"", "lang=fr", "hl=pt&lang=fr", "lang=fr&lang=en", "lang=", "lang", "l%61ng=pt", "lang=p%74", "lang=fr+CA",
		"lang=%zz&lang=en", "lang=a;b&lang=es", "x=1&&lang=en&hl=es", "hl=en%2DUS", "%zz=1&hl=fr", "lang=%", "origin=http%3A%2F%2Flocalhost&hl=es"} {
		q, _ := url.ParseQuery(raw)
		for _, key := range []string{"lang", "hl"} {
			if got, want := queryValue(raw, key), q.Get(key); got != want {
				t.Errorf("queryValue(%q, %s) = %q, url.Values.Get: %q", raw, key, got, want)
			}
		}
	}
}
