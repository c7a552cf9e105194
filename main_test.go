package main

// The binary's promises (README, "Deploy"): a bad setting stops it at start with one line and
// exit status 2; it serves HTTPS with a certificate; SIGTERM stops it gracefully, finishing the
// requests in flight, with exit status 0. The tests run this test binary as the server (see
// TestMain), so they test main's own code, with the files as embedded.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs main's run instead of the tests when the test binary is started as the server.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("EVENTCARD_MAIN_ARGS"); ok {
		var list []string
		if err := json.Unmarshal([]byte(args), &list); err != nil {
			panic(err)
		}
		os.Exit(run(list, os.Getenv, os.Stderr))
	}
	os.Exit(m.Run())
}

// startServer starts this binary as the server with args and env.
func startServer(t *testing.T, args []string, env ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	js, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"EVENTCARD_MAIN_ARGS=" + string(js), "ADDR=", "BASE_URL=", "FRAME_ANCESTORS=", "TLS_CERT=", "TLS_KEY="}, env...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, &stderr
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t *testing.T, client *http.Client, url string, stderr *strings.Builder) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := client.Get(url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("no answer from %s/healthz: %s", url, stderr)
}

func TestBadSettingStopsAtStart(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, c := range []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"frame ancestors", []string{"-frame-ancestors", "https://a.example/x"}, nil, "-frame-ancestors"},
		{"env timeout", nil, []string{"WRITE_TIMEOUT=soon"}, "WRITE_TIMEOUT"},
		{"half TLS", []string{"-tls-key", "key.pem"}, nil, "-tls-cert"},
		{"missing certificate", []string{"-tls-cert", "/nonexistent/cert.pem", "-tls-key", "/nonexistent/key.pem"}, nil, "/nonexistent/cert.pem"},
		{"header limit", nil, []string{"MAX_HEADER_BYTES=12"}, "MAX_HEADER_BYTES"},
		{"address taken", []string{"-addr", taken.Addr().String()}, nil, "address already in use"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd, stderr := startServer(t, c.args, c.env...)
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitSetting {
				t.Fatalf("exit %v, want status 2; stderr %q", err, stderr)
			}
			out := strings.TrimSpace(stderr.String())
			if strings.Count(out, "\n") > 0 || !strings.HasPrefix(out, "eventcard: ") || !strings.Contains(out, c.want) {
				t.Errorf("stderr %q: want one line naming %q", out, c.want)
			}
		})
	}
}

// SIGTERM while a visitor on a slow connection downloads the wasm: the server stops accepting
// at once, finishes that download, and exits 0.
func TestSIGTERMFinishesRequestsInFlight(t *testing.T) {
	wasm, err := os.ReadFile("web/app.wasm")
	if err != nil {
		t.Fatal("web/app.wasm is missing: run make build")
	}
	addr := freeAddr(t)
	cmd, stderr := startServer(t, []string{"-addr", addr, "-shutdown-timeout", "20s"})
	base := "http://" + addr
	waitHealthy(t, http.DefaultClient, base, stderr)

	// A small receive buffer, read slowly: the server is still writing when the signal comes.
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 16<<10) })
	}}
	slow := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableCompression: true}}
	res, err := slow.Get(base + "/web/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	h := sha256.New()
	if _, err := io.CopyN(h, res.Body, 64<<10); err != nil {
		t.Fatal(err)
	}

	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// No new visitor is accepted…
	refused := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && !refused; time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			refused = true
		} else {
			c.Close()
		}
	}
	if !refused {
		t.Error("the server still accepts connections 5 s after SIGTERM")
	}
	select {
	case err := <-exited:
		t.Fatalf("the server exited (%v) with a download in flight", err)
	default:
	}
	// … and the one in flight finishes, whole, slowly.
	buf := make([]byte, 64<<10)
	for {
		n, err := res.Body.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the download was cut: %v", err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if sum, want := h.Sum(nil), sha256.Sum256(wasm); string(sum) != string(want[:]) {
		t.Error("the download finished with other bytes than web/app.wasm")
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v, want status 0; stderr:\n%s", err, stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("still running 20 s after the download ended; stderr:\n%s", stderr)
	}
	t.Logf("stopped %v after SIGTERM, with the download finished", time.Since(signalled).Round(time.Millisecond))
	if !strings.Contains(stderr.String(), "msg=stopped") || !strings.Contains(stderr.String(), "path=/web/app.wasm status=200") {
		t.Errorf("the log lacks the stop or the download's line:\n%s", stderr)
	}
}

// With a certificate, HTTPS, and HSTS on every answer.
func TestServesTLS(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)

	addr := freeAddr(t)
	_, stderr := startServer(t, nil, "ADDR="+addr, "TLS_CERT="+certFile, "TLS_KEY="+keyFile)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	waitHealthy(t, client, "https://"+addr, stderr)
	for _, p := range []string{"/embed/where-are-the-women-2020", "/embed.js", "/nope"} {
		res, err := client.Get("https://" + addr + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.Header.Get("Strict-Transport-Security") == "" {
			t.Errorf("%s over TLS: no Strict-Transport-Security", p)
		}
	}
	if !strings.Contains(stderr.String(), "base_url=https://"+addr) {
		t.Errorf("the base URL is not https: %s", stderr)
	}

	// The health check trusts the server's own certificate, and only that one.
	tlsEnv := []string{"ADDR=" + addr, "TLS_CERT=" + certFile, "TLS_KEY=" + keyFile}
	if code, _, stderr := runMain(t, []string{"-healthcheck"}, tlsEnv...); code != exitOK {
		t.Errorf("-healthcheck over TLS: exit %d, %s", code, stderr)
	}
	other, otherKey := selfSigned(t, t.TempDir())
	if code, _, stderr := runMain(t, []string{"-healthcheck"}, "ADDR="+addr, "TLS_CERT="+other, "TLS_KEY="+otherKey); code != exitFailed || !strings.Contains(stderr, "not the one in -tls-cert") {
		t.Errorf("-healthcheck with another certificate: exit %d, %q; want 1", code, stderr)
	}
}

// runMain runs this binary as the command with args and env, to its end.
func runMain(t *testing.T, args []string, env ...string) (code int, stdout, stderr string) {
	t.Helper()
	js, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"EVENTCARD_MAIN_ARGS=" + string(js), "ADDR=", "BASE_URL=", "FRAME_ANCESTORS=", "TLS_CERT=", "TLS_KEY="}, env...)...)
	var out, errs strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), out.String(), errs.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errs.String()
}

// The container's health check: the binary asks the server its settings describe for
// /healthz (on loopback when it listens on every address) and exits 0, or 1 with one line.
func TestHealthcheck(t *testing.T) {
	addr := freeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	unhealthy := func(what string, env ...string) {
		t.Helper()
		code, stdout, stderr := runMain(t, []string{"-healthcheck"}, env...)
		if out := strings.TrimSpace(stderr); code != exitFailed || stdout != "" || strings.Count(out, "\n") > 0 || !strings.HasPrefix(out, "eventcard: unhealthy: ") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 1 and one line", what, code, stdout, stderr)
		}
	}
	unhealthy("nothing listening", "ADDR="+addr)

	_, stderr := startServer(t, nil, "ADDR="+addr)
	waitHealthy(t, http.DefaultClient, "http://"+addr, stderr)
	for _, env := range []string{"ADDR=" + addr, "ADDR=:" + port, "ADDR=0.0.0.0:" + port} {
		if code, stdout, stderr := runMain(t, []string{"-healthcheck"}, env); code != exitOK || stdout != "" || stderr != "" {
			t.Errorf("%s, server healthy: exit %d, stdout %q, stderr %q; want 0 and nothing", env, code, stdout, stderr)
		}
	}

	// Something answers, but not a healthy eventcard.
	for _, h := range []http.HandlerFunc{
		func(w http.ResponseWriter, r *http.Request) { http.Error(w, "starting", http.StatusServiceUnavailable) },
		func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"status":"reloading"}`) },
		func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>a proxy's page</html>") },
	} {
		other := httptest.NewServer(h)
		unhealthy("another server", "ADDR="+strings.TrimPrefix(other.URL, "http://"))
		other.Close()
	}
}

// make static's export says what it wrote in one line: no line per page or file (it asks no
// server for them, so no request is logged).
func TestExportIsQuiet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	code, stdout, stderr := runMain(t, []string{"-export", dir}, "BASE_URL=http://cards.example.org:8080")
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != exitOK || stdout != "" || len(lines) != 1 || !strings.Contains(lines[0], "msg=exported") {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant 0 and one line, msg=exported", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "404.html")); err != nil {
		t.Error(err)
	}
}

// The README's nginx block is what `eventcard -nginx` prints for its example, so what make
// static prints and what the README shows cannot drift apart.
func TestReadmeNginxBlock(t *testing.T) {
	code, stdout, stderr := runMain(t, []string{"-nginx", "/srv/eventcard/dist"}, "BASE_URL=http://cards.example.org")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i := strings.Index(s, "### Static hosting")
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindStringSubmatch(s[max(i, 0):])
	if i < 0 || m == nil {
		t.Fatal(`README: no nginx block under "### Static hosting"`)
	}
	if m[1] != stdout {
		t.Errorf("README, \"Static hosting\": its nginx block is not what the binary prints; replace it with the output of\n"+
			"  ./bin/eventcard -nginx /srv/eventcard/dist -base-url http://cards.example.org\n%s", stdout)
	}

	// A relative folder is made absolute: nginx would read it from its own prefix.
	code, stdout, _ = runMain(t, []string{"-nginx", "dist"}, "BASE_URL=http://cards.example.org:8080")
	wd, _ := os.Getwd()
	if code != exitOK || !strings.Contains(stdout, "\n    root "+filepath.Join(wd, "dist")+";\n") || !strings.Contains(stdout, "\n    listen 8080;\n") {
		t.Errorf("-nginx dist: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runMain(t, []string{"-nginx", "/srv/$x"}); code != exitSetting || !strings.Contains(stderr, "/srv/$x") {
		t.Errorf("-nginx /srv/$x: exit %d, %q; want 2 naming the folder", code, stderr)
	}
}
