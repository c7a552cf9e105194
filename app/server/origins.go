package server

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Origins as CSP source expressions: a scheme, a host (its leftmost label may be *), a port.
var originPattern = regexp.MustCompile(`^https?://(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// CheckOrigin returns raw as a normalized origin (scheme://host[:port], lower case, no trailing
// slash) or says why it is not one. wildcard allows https://*.example.org.
func CheckOrigin(raw string, wildcard bool) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "#") {
		return "", fmt.Errorf("%q: want an origin, http(s)://host[:port], with no path", raw)
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	if u.Port() != "" {
		if p, err := strconv.Atoi(u.Port()); err != nil || p < 1 || p > 65535 {
			return "", fmt.Errorf("%q: the port must be a number from 1 to 65535", raw)
		}
	}
	if strings.HasPrefix(u.Hostname(), "[") || strings.Contains(u.Host, "[") {
		return origin, nil // an IPv6 literal; url.Parse has checked it
	}
	if !originPattern.MatchString(origin) || (!wildcard && strings.Contains(origin, "*")) {
		return "", fmt.Errorf("%q: want an origin, http(s)://host[:port], with no path", raw)
	}
	return origin, nil
}

// ParseFrameAncestors reads the list of who may frame the widget's pages: "*" (anyone: the
// default, since embedding is the product) or origins separated by spaces or commas, such as
// "https://partner.example.org https://*.example.net". The widget's own origin is always
// allowed besides (the snippet builder previews the card in a frame); 'self' alone allows only
// it.
func ParseFrameAncestors(list string) ([]string, error) {
	fields := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) == 0 {
		return nil, errors.New(`empty: want * or a list of origins such as https://partner.example.org`)
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		switch f {
		case "*", "'self'":
			if len(fields) > 1 {
				return nil, fmt.Errorf("%s: alone or not at all (the widget's own origin is always allowed)", f)
			}
			return []string{f}, nil
		}
		origin, err := CheckOrigin(f, true)
		if err != nil {
			return nil, err
		}
		if !seen[origin] {
			seen[origin] = true
			out = append(out, origin)
		}
	}
	return out, nil
}
