package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"eventcard/app/server"
)

// selfSigned writes a certificate and its key for 127.0.0.1 into dir.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"localhost"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	return cert, key
}

func TestSettingsDefaults(t *testing.T) {
	s, err := ParseSettings(nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr != "127.0.0.1:8000" || s.BaseURL != "http://127.0.0.1:8000" || !slices.Equal(s.FrameAncestors, []string{"*"}) || s.TLS() ||
		s.ReadTimeout != DefaultReadTimeout || s.WriteTimeout != DefaultWriteTimeout || s.IdleTimeout != DefaultIdleTimeout ||
		s.ShutdownTimeout != DefaultShutdownTimeout || s.MaxHeaderBytes != DefaultMaxHeaderBytes {
		t.Errorf("defaults: %+v", s)
	}
	hs := s.HTTPServer(nil, nil)
	if hs.ReadHeaderTimeout <= 0 || hs.ReadHeaderTimeout > s.ReadTimeout || hs.MaxHeaderBytes != s.MaxHeaderBytes || hs.TLSConfig != nil {
		t.Errorf("http.Server: %+v", hs)
	}
}

// Flags, their variables, and which wins.
func TestSettingsFromFlagsAndEnvironment(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	env := map[string]string{
		"ADDR": "0.0.0.0:9000", "FRAME_ANCESTORS": "https://a.example.org, https://*.b.example.net:8443",
		"READ_TIMEOUT": "5s", "WRITE_TIMEOUT": "1m", "IDLE_TIMEOUT": "90s", "SHUTDOWN_TIMEOUT": "3s", "MAX_HEADER_BYTES": "8192",
		"TLS_CERT": cert, "TLS_KEY": key,
	}
	s, err := ParseSettings(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr != "0.0.0.0:9000" || s.BaseURL != "https://0.0.0.0:9000" || !slices.Equal(s.FrameAncestors, []string{"https://a.example.org", "https://*.b.example.net:8443"}) ||
		s.ReadTimeout != 5*time.Second || s.WriteTimeout != time.Minute || s.IdleTimeout != 90*time.Second || s.ShutdownTimeout != 3*time.Second ||
		s.MaxHeaderBytes != 8192 || !s.TLS() {
		t.Errorf("from the environment: %+v", s)
	}
	hs := s.HTTPServer(nil, nil)
	if hs.TLSConfig == nil || len(hs.TLSConfig.Certificates) != 1 || hs.ReadTimeout != 5*time.Second || hs.ReadHeaderTimeout != 5*time.Second {
		t.Errorf("http.Server from the environment: %+v", hs)
	}
	// Flags win.
	s, err = ParseSettings([]string{"-addr", "127.0.0.1:7000", "-base-url", "https://Cards.Example.org/", "-frame-ancestors", "*",
		"-read-timeout", "1s", "-max-header-bytes", "4096", "-tls-cert", "", "-tls-key", ""}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr != "127.0.0.1:7000" || s.BaseURL != "https://cards.example.org" || !slices.Equal(s.FrameAncestors, []string{"*"}) ||
		s.ReadTimeout != time.Second || s.MaxHeaderBytes != 4096 || s.TLS() {
		t.Errorf("flags over the environment: %+v", s)
	}
}

// Every bad setting is refused with one line naming it, the flag or the variable it came from.
func TestSettingsRefused(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	unreadable := filepath.Join(dir, "unreadable.pem")
	os.WriteFile(unreadable, []byte("x"), 0o000)
	notPEM := filepath.Join(dir, "not.pem")
	os.WriteFile(notPEM, []byte("not a certificate"), 0o644)
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string // in the error
	}{
		{"addr without a port", []string{"-addr", "127.0.0.1"}, nil, "-addr"},
		{"addr with a bad port", []string{"-addr", "127.0.0.1:http"}, nil, "-addr"},
		{"addr port too high", nil, map[string]string{"ADDR": "127.0.0.1:70000"}, "ADDR"},
		{"base url with a path", []string{"-base-url", "https://example.org/cards"}, nil, "-base-url"},
		{"base url ftp", nil, map[string]string{"BASE_URL": "ftp://example.org"}, "BASE_URL"},
		{"base url without a host", []string{"-base-url", "https://"}, nil, "-base-url"},
		{"base url with a query", []string{"-base-url", "https://example.org/?a=1"}, nil, "-base-url"},
		{"base url with a user", []string{"-base-url", "https://u:p@example.org"}, nil, "-base-url"},
		{"base url wildcard", []string{"-base-url", "https://*.example.org"}, nil, "-base-url"},
		{"frame ancestors with a directive", []string{"-frame-ancestors", "https://a.example; script-src *"}, nil, "-frame-ancestors"},
		{"frame ancestors javascript:", nil, map[string]string{"FRAME_ANCESTORS": "javascript:alert(1)"}, "FRAME_ANCESTORS"},
		{"frame ancestors with a path", []string{"-frame-ancestors", "https://a.example/page"}, nil, "-frame-ancestors"},
		{"frame ancestors * and more", []string{"-frame-ancestors", "* https://a.example"}, nil, "-frame-ancestors"},
		{"frame ancestors a keyword", []string{"-frame-ancestors", "'unsafe-inline'"}, nil, "-frame-ancestors"},
		{"frame ancestors quoted", []string{"-frame-ancestors", `"https://a.example"`}, nil, "-frame-ancestors"},
		{"frame ancestors empty", []string{"-frame-ancestors", " , "}, nil, "-frame-ancestors"},
		{"frame ancestors a bare host", []string{"-frame-ancestors", "a.example.org"}, nil, "-frame-ancestors"},
		{"tls cert without key", []string{"-tls-cert", cert}, nil, "-tls-key"},
		{"tls key without cert", nil, map[string]string{"TLS_KEY": key}, "TLS_KEY"},
		{"tls cert missing", []string{"-tls-cert", filepath.Join(dir, "nope.pem"), "-tls-key", key}, nil, "nope.pem"},
		{"tls cert not PEM", []string{"-tls-cert", notPEM, "-tls-key", key}, nil, "-tls-cert"},
		{"tls key and cert swapped", []string{"-tls-cert", key, "-tls-key", cert}, nil, "-tls-cert"},
		{"read timeout zero", []string{"-read-timeout", "0s"}, nil, "-read-timeout"},
		{"write timeout negative", nil, map[string]string{"WRITE_TIMEOUT": "-1s"}, "WRITE_TIMEOUT"},
		{"idle timeout a day", []string{"-idle-timeout", "24h"}, nil, "-idle-timeout"},
		{"shutdown timeout not a duration", nil, map[string]string{"SHUTDOWN_TIMEOUT": "ten"}, "SHUTDOWN_TIMEOUT"},
		{"read timeout a bare number", nil, map[string]string{"READ_TIMEOUT": "30"}, "READ_TIMEOUT"},
		{"max header bytes tiny", []string{"-max-header-bytes", "10"}, nil, "-max-header-bytes"},
		{"max header bytes huge", nil, map[string]string{"MAX_HEADER_BYTES": "1000000000"}, "MAX_HEADER_BYTES"},
		{"max header bytes not a number", nil, map[string]string{"MAX_HEADER_BYTES": "16k"}, "MAX_HEADER_BYTES"},
		{"unknown flag", []string{"-frame-ancestor", "*"}, nil, "frame-ancestor"},
		{"a stray argument", []string{"serve"}, nil, "serve"},
	}
	if os.Getuid() != 0 { // root reads anything
		cases = append(cases, struct {
			name string
			args []string
			env  map[string]string
			want string
		}{"tls key unreadable", []string{"-tls-cert", cert, "-tls-key", unreadable}, nil, "permission denied"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := ParseSettings(c.args, func(k string) string { return c.env[k] }, io.Discard)
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, "\n") {
				t.Errorf("the error is more than one line: %q", msg)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("the error %q does not name %q", msg, c.want)
			}
		})
	}
}

func TestCheckOrigin(t *testing.T) {
	for raw, want := range map[string]string{
		"https://partner.example.org":  "https://partner.example.org",
		"https://Partner.Example.org/": "https://partner.example.org",
		"http://127.0.0.1:8000":        "http://127.0.0.1:8000",
		"http://localhost:8000/":       "http://localhost:8000",
		"http://[::1]:8000":            "http://[::1]:8000",
		"https://xn--mxail5aa.example": "https://xn--mxail5aa.example",
	} {
		if got, err := server.CheckOrigin(raw, false); err != nil || got != want {
			t.Errorf("CheckOrigin(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"", "*", "https://*.example.org", "partner.example.org", "https://a.example/x", "https://a.example:0",
		"https://a_b.example", "https://a.example?", "https://a.example#", "data:text/html,x", "https://a.example\t", "https://ex ample.org", "https://ünicode.example"} {
		if got, err := server.CheckOrigin(raw, false); err == nil {
			t.Errorf("CheckOrigin(%q) = %q, want an error", raw, got)
		}
	}
	if got, err := server.CheckOrigin("https://*.example.org", true); err != nil || got != "https://*.example.org" {
		t.Errorf("CheckOrigin(wildcard) = %q, %v", got, err)
	}
}
