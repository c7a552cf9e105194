package assets

import (
	"strconv"
	"strings"
	"sync/atomic"
)

// choose is the index of the encoding to send for the Accept-Encoding header values: the
// highest q-value among those the asset has, ties going to the server's preference (br, gzip,
// identity). Identity is the answer when nothing else is acceptable, even if refused
// ("*;q=0"): a 406 would help no one.
//
// Hand-written, about forty lines: the kept Go libraries that read Accept-Encoding (gzhttp,
// httpcompression) compress each response themselves and export no negotiation of their own,
// while these bodies are compressed once, ahead of the requests.
func (a *Asset) choose(accept []string) int {
	if len(a.encodings) == 1 || len(accept) == 0 {
		return identity
	}
	if len(accept) == 1 && len(a.encodings) == len(encodingNames) {
		// Most requests send the same header (a browser's): its answer, for an asset with every
		// encoding, is kept for the next request that sends it.
		if last := lastChoice.Load(); last != nil && last.accept == accept[0] {
			return last.best
		}
		best := a.negotiate(accept)
		lastChoice.Store(&choice{accept[0], best})
		return best
	}
	return a.negotiate(accept)
}

// A choice is the encoding chosen for an Accept-Encoding header, for an asset with them all.
type choice struct {
	accept string
	best   int
}

var lastChoice atomic.Pointer[choice]

// negotiate is choose's answer, worked out.
func (a *Asset) negotiate(accept []string) int {
	best, bestQ := identity, -1.0
	for i := 1; i < len(a.encodings); i++ {
		if q := acceptQ(accept, a.encodings[i].name); q > 0 && q > bestQ {
			best, bestQ = i, q
		}
	}
	if best != identity {
		if q := acceptQ(accept, "identity"); q > bestQ {
			return identity
		}
	}
	return best
}

// acceptQ is the q-value Accept-Encoding gives coding (RFC 9110, 12.5.3): its own, else that of
// "*", else 0 (1 for identity, acceptable unless refused). "x-gzip" is gzip.
func acceptQ(accept []string, coding string) float64 {
	q, star := -1.0, -1.0
	for _, line := range accept {
		for line != "" {
			var item string
			item, line, _ = strings.Cut(line, ",")
			name, params, _ := strings.Cut(item, ";")
			name = strings.TrimSpace(name)
			v := qValue(params)
			switch {
			case strings.EqualFold(name, coding) || coding == "gzip" && strings.EqualFold(name, "x-gzip"):
				q = max(q, v)
			case name == "*":
				star = max(star, v)
			}
		}
	}
	switch {
	case q >= 0:
		return q
	case star >= 0:
		return star
	case coding == "identity":
		return 1
	}
	return 0
}

// qValue reads the q parameter among an item's parameters: 1 without one, 0 when malformed
// (not an acceptance).
func qValue(params string) float64 {
	v := 1.0
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, val, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			if err != nil || f < 0 || f > 1 {
				return 0
			}
			v = f
		}
	}
	return v
}
