package main

// make static behind a real nginx, configured by the block `eventcard -nginx` prints: every
// answer (pages, files, the demo, 404s) carries the security headers the server itself sends
// for the same address, over plain HTTP and over TLS (HSTS).

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventcard/app/nginxtest"
	"eventcard/app/server"
)

// securityHeaders are the headers the server sets on every answer (middleware.Secure).
var securityHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Strict-Transport-Security"}

func TestStaticSiteUnderNginx(t *testing.T) {
	if _, err := os.Stat("web/app.wasm"); err != nil {
		t.Fatal("web/app.wasm is missing: run make build")
	}
	// Two origins, each with its server block in one nginx: plain HTTP with anyone framing the
	// card, and HTTPS with a partner's allowlist.
	type origin struct {
		base   string
		args   []string
		port   int
		server *server.Server
	}
	var origins []*origin
	for _, c := range []struct {
		scheme string
		args   []string
	}{
		{"http", nil},
		{"https", []string{"-frame-ancestors", "https://partner.example.org"}},
	} {
		port := nginxtest.FreePort(t)
		o := &origin{base: fmt.Sprintf("%s://cards.example.org:%d", c.scheme, port), args: c.args, port: port}
		settings, err := ParseSettings(append([]string{"-base-url", o.base}, c.args...), func(string) string { return "" }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if o.server, err = server.New(files, settings.Config(slog.New(slog.DiscardHandler))); err != nil {
			t.Fatal(err)
		}
		origins = append(origins, o)
	}

	// One export serves both: what the headers depend on is the address, not the pages.
	tmp := t.TempDir()
	dist := filepath.Join(tmp, "dist")
	start := time.Now()
	if _, err := origins[0].server.Export(dist); err != nil {
		t.Fatal(err)
	}
	t.Logf("exported in %s", time.Since(start).Round(time.Millisecond))
	versioned, _ := filepath.Glob(filepath.Join(dist, "v", "*", "web", "card.js"))
	if len(versioned) != 1 {
		t.Fatalf("the export has %d versioned card.js", len(versioned))
	}
	rel, _ := filepath.Rel(dist, versioned[0])
	immutable := "/" + filepath.ToSlash(rel)

	// The blocks as printed, on loopback only and with the test's certificate.
	cert, key := selfSigned(t, tmp)
	var blocks strings.Builder
	for _, o := range origins {
		code, block, stderr := runMain(t, append([]string{"-nginx", dist, "-base-url", o.base}, o.args...))
		if code != exitOK {
			t.Fatalf("-nginx: exit %d, %s", code, stderr)
		}
		listen := regexp.MustCompile(`(?m)^    listen (\d+)( ssl)?;$`)
		if m := listen.FindStringSubmatch(block); m == nil || m[1] != strconv.Itoa(o.port) {
			t.Fatalf("the block for %s does not listen on its port:\n%s", o.base, block)
		}
		block = listen.ReplaceAllString(block, "    listen 127.0.0.1:$1$2;")
		block = strings.NewReplacer("include mime.types;", "include /etc/nginx/mime.types;",
			"/etc/ssl/certs/cards.example.org.pem", cert, "/etc/ssl/private/cards.example.org.key", key).Replace(block)
		blocks.WriteString(block)
	}
	nginxtest.Start(t, tmp, blocks.String(), origins[0].port)

	client := &http.Client{
		// The test's certificate is self-signed: what is checked here is the headers.
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, DisableCompression: true,
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				_, port, _ := net.SplitHostPort(addr) // cards.example.org is this nginx, on loopback
				return (&net.Dialer{}).DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
			}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	for _, o := range origins {
		for _, c := range []struct {
			path   string
			status int
			cache  string
		}{
			{"/", 200, "no-cache"},
			{"/embed/where-are-the-women-2020/", 200, "no-cache"},
			{"/fr/events/where-are-the-women-2020/", 200, "no-cache"},
			{"/embed.js", 200, "no-cache"},
			{"/web/app.wasm", 200, "no-cache"},
			{"/web/icon-192.png", 200, "no-cache"},
			{immutable, 200, "public, max-age=31536000, immutable"},
			{"/demo", 200, "no-cache"},
			{"/nope", 404, "no-cache"},
			{"/embed/no-such-event/", 404, "no-cache"},
			{"/v/0/web/nope.js", 404, "no-cache"},
		} {
			res, err := client.Get(o.base + c.path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			// The server's answer to the same address.
			rec := httptest.NewRecorder()
			o.server.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, o.base+c.path, nil))
			if res.StatusCode != c.status || res.Header.Get("Cache-Control") != c.cache {
				t.Errorf("%s%s: %d, Cache-Control %q; want %d, %q", o.base, c.path, res.StatusCode, res.Header.Get("Cache-Control"), c.status, c.cache)
			}
			for _, h := range securityHeaders {
				got, want := res.Header.Values(h), rec.Result().Header.Values(h)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s%s: %s %q from nginx, %q from the server", o.base, c.path, h, got, want)
				}
			}
			if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != strings.HasPrefix(o.base, "https:") {
				t.Errorf("%s%s: Strict-Transport-Security %q", o.base, c.path, hsts)
			}
			if csp := res.Header.Get("Content-Security-Policy"); len(o.args) > 0 && !strings.Contains(csp, "frame-ancestors 'self' https://partner.example.org") {
				t.Errorf("%s%s: the allowlist is not in the policy: %q", o.base, c.path, csp)
			}
		}
	}
}
