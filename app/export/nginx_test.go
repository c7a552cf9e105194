package export_test

import (
	"strings"
	"testing"

	"eventcard/app/export"
	"eventcard/app/middleware"
)

// Where the block listens and which name it answers, from the base URL. A real nginx serves
// the block in the main package's tests (static_test.go).
func TestNginxAddress(t *testing.T) {
	for _, c := range []struct {
		base string
		want []string // lines the block has
		not  []string // and has not
	}{
		{"http://cards.example.org", []string{"listen 80;", "server_name cards.example.org;"}, []string{"ssl", "Strict-Transport-Security"}},
		{"http://cards.example.org:8080", []string{"listen 8080;", "server_name cards.example.org;",
			"script-src http://cards.example.org:8080; frame-src http://cards.example.org:8080;"}, []string{"ssl", "cards.example.org:8080;\n"}},
		{"https://cards.example.org", []string{"listen 443 ssl;", "server_name cards.example.org;",
			"ssl_certificate /etc/ssl/certs/cards.example.org.pem;", "ssl_certificate_key /etc/ssl/private/cards.example.org.key;",
			`add_header Strict-Transport-Security "max-age=31536000" always;`}, nil},
		{"https://cards.example.org:8443", []string{"listen 8443 ssl;", "server_name cards.example.org;", "script-src https://cards.example.org:8443;"}, nil},
		{"http://[::1]:8000", []string{"listen 8000;", "server_name [::1];"}, nil},
	} {
		block, err := export.Nginx(export.NginxSite{Root: "/srv/eventcard/dist", BaseURL: c.base})
		if err != nil {
			t.Errorf("%s: %v", c.base, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(block, w) {
				t.Errorf("%s: no %q in\n%s", c.base, w, block)
			}
		}
		for _, n := range c.not {
			if strings.Contains(block, n) {
				t.Errorf("%s: %q in\n%s", c.base, n, block)
			}
		}
	}
}

// The policies are the server's, the frame ancestors' allowlist included; every header is
// added once, at the server level, always.
func TestNginxHeaders(t *testing.T) {
	ancestors := []string{"https://partner.example.org", "https://*.b.example.net"}
	block, err := export.Nginx(export.NginxSite{Root: "/srv/dist", BaseURL: "https://cards.example.org", FrameAncestors: ancestors})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`set $eventcard_csp "` + middleware.WidgetPolicy("https://cards.example.org", ancestors) + `";`,
		`set $eventcard_csp "` + middleware.PartnerPolicy("https://cards.example.org", ancestors) + `";`,
		"add_header Content-Security-Policy $eventcard_csp always;",
	} {
		if strings.Count(block, w) != 1 {
			t.Errorf("not once: %q in\n%s", w, block)
		}
	}
	for _, h := range middleware.Fixed(true) {
		if w := "\n    add_header " + h.Name + ` "` + h.Value + `" always;`; strings.Count(block, w) != 1 {
			t.Errorf("not once at the server level: %q", w)
		}
	}
	if n := strings.Count(block, "add_header"); n != 2+len(middleware.Fixed(true)) {
		t.Errorf("%d add_header lines: a location's own would drop the server's", n)
	}
}

func TestNginxRefuses(t *testing.T) {
	for _, site := range []export.NginxSite{
		{Root: "/srv/dist", BaseURL: "ftp://cards.example.org"},
		{Root: "/srv/dist", BaseURL: "cards.example.org"},
		{Root: "/srv/$document_root", BaseURL: "http://cards.example.org"},
		{Root: `/srv/"dist"`, BaseURL: "http://cards.example.org"},
		{Root: "", BaseURL: "http://cards.example.org"},
	} {
		if block, err := export.Nginx(site); err == nil {
			t.Errorf("%+v: no error\n%s", site, block)
		}
	}
	block, err := export.Nginx(export.NginxSite{Root: "/srv/my sites/dist", BaseURL: "http://cards.example.org"})
	if err != nil || !strings.Contains(block, `root "/srv/my sites/dist";`) {
		t.Errorf("a folder with a space: %v\n%s", err, block)
	}
}
