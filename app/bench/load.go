package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// nginxBrotli is Debian's brotli_static module (libnginx-mod-http-brotli-static).
const nginxBrotli = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

func nginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	return "/usr/sbin/nginx" // not on a non-root PATH
}

// throughput is budget 6: wrk (64 connections, 10 s, loopback, a browser's Accept-Encoding)
// against the prerendered embed page, from the server and from nginx serving the static export
// of the same build: requests/s ≥ 1.0× nginx's, p99 ≤ nginx's, no errors; the server's memory
// under that load ≤ 64 MB. Runs alternate (nginx, server, nginx, server…); medians.
//
// Both servers get the machine's CPUs (the Go runtime uses them all; nginx has one worker per
// CPU) and so does wrk (one thread per CPU): nobody is pinned, everyone shares the same cores,
// and whichever spends less CPU per answer leaves more to the load and answers more.
func (b *bench) throughput() error {
	ng, err := b.startNginx()
	if err != nil {
		return err
	}
	defer ng.stop()
	path := "/embed/" + b.event + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es"
	// The same page? nginx's is the static host's (no server chose its language); same card.
	for _, u := range []string{b.server.url + path, ng.url + path} {
		a, err := httpGet(u, map[string]string{"Accept-Encoding": "br"})
		if err != nil {
			return err
		}
		if a.code != 200 || a.header.Get("Content-Encoding") != "br" {
			return fmt.Errorf("%s: %d, Content-Encoding %q", u, a.code, a.header.Get("Content-Encoding"))
		}
	}

	runs := 3
	var goRuns, ngRuns []wrkResult
	for i := range 2 * runs {
		url := ng.url + path
		if i%2 == 1 {
			url = b.server.url + path
		}
		r, err := runWrk(url, 64, 10*time.Second)
		if err != nil {
			return err
		}
		if i%2 == 1 {
			goRuns = append(goRuns, r)
		} else {
			ngRuns = append(ngRuns, r)
		}
		fmt.Fprintf(os.Stderr, "bench: wrk %s: %.0f req/s, p99 %.2f ms, %d errors\n", map[bool]string{true: "server", false: "nginx"}[i%2 == 1], r.RPS, r.P99, r.Errors)
	}
	_, peak, err := memory(b.server.pid())
	if err != nil {
		return err
	}
	rps := func(rs []wrkResult) (out []float64) {
		for _, r := range rs {
			out = append(out, r.RPS)
		}
		return out
	}
	p99 := func(rs []wrkResult) (out []float64) {
		for _, r := range rs {
			out = append(out, r.P99)
		}
		return out
	}
	errs := 0
	for _, r := range append(goRuns, ngRuns...) {
		errs += r.Errors
	}
	b.report.Details["throughput"] = map[string]any{"server": goRuns, "nginx": ngRuns, "path": path,
		"wrk":           "-t" + strconv.Itoa(runtime.NumCPU()) + " -c64 -d10s --latency -H 'Accept-Encoding: br, gzip' -H 'Accept-Language: es'",
		"nginx_workers": runtime.NumCPU()}
	goRPS, ngRPS := median(rps(goRuns)), median(rps(ngRuns))
	b.report.add(row{ID: "6a", Name: "server throughput", Unit: "req/s", Value: goRPS, Samples: rps(goRuns),
		Baseline: &baseline{Name: "nginx", Value: ngRPS, Samples: rps(ngRuns)}, Budget: "≥ 1.0× nginx", Pass: goRPS >= ngRPS,
		Note: fmt.Sprintf("wrk -t%d -c64 -d10s, %d runs each, alternating; nobody pinned: server, nginx (%d workers) and wrk share the %d CPUs.",
			runtime.NumCPU(), runs, runtime.NumCPU(), runtime.NumCPU())})
	goP99, ngP99 := median(p99(goRuns)), median(p99(ngRuns))
	b.report.add(row{ID: "6b", Name: "server p99 latency", Unit: "ms", Value: goP99, Samples: p99(goRuns),
		Baseline: &baseline{Name: "nginx", Value: ngP99, Samples: p99(ngRuns)}, Budget: "≤ 1.0× nginx", Pass: goP99 <= ngP99})
	b.report.add(row{ID: "6c", Name: "errors under load", Unit: "errors", Value: float64(errs), Budget: "0", Pass: errs == 0})
	b.report.add(row{ID: "6d", Name: "server memory under load (VmHWM)", Unit: "MB", Value: peak, Budget: "≤ 64 MB", Pass: peak <= 64})
	return nil
}

// wrkResult is what wrk printed of one run.
type wrkResult struct {
	RPS    float64 `json:"rps"`
	P50    float64 `json:"p50_ms"`
	P99    float64 `json:"p99_ms"`
	Errors int     `json:"errors"` // socket errors, and answers other than 2xx or 3xx
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkPct     = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\b`)
	wrkSocket  = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkThreads = runtime.NumCPU()
)

// runWrk loads url with conns connections for d, as a browser asks (brotli, gzip; Spanish).
func runWrk(url string, conns int, d time.Duration) (wrkResult, error) {
	args := []string{"-t" + strconv.Itoa(min(wrkThreads, conns)), "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s", "--latency",
		"-H", "Accept-Encoding: br, gzip", "-H", "Accept-Language: es", url}
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	var r wrkResult
	m := wrkRPS.FindSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("wrk printed no Requests/sec:\n%s", out)
	}
	r.RPS, _ = strconv.ParseFloat(string(m[1]), 64)
	for _, m := range wrkPct.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		switch string(m[3]) {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if string(m[1]) == "50" {
			r.P50 = v
		} else {
			r.P99 = v
		}
	}
	if m := wrkSocket.FindSubmatch(out); m != nil {
		for _, n := range m[1:] {
			k, _ := strconv.Atoi(string(n))
			r.Errors += k
		}
	}
	if m := wrkNon2xx.FindSubmatch(out); m != nil {
		k, _ := strconv.Atoi(string(m[1]))
		r.Errors += k
	}
	return r, nil
}

// nginxProc is nginx serving a static export.
type nginxProc struct {
	cmd *exec.Cmd
	url string
	dir string
}

// startNginx exports this build for a static host on a free port (the server's own -export)
// and serves it with nginx as the README configures it, tuned as a static host would be: one
// worker per CPU, no access log, sendfile, open file cache, long keep-alive, gzip_static and
// brotli_static (the export's .gz and .br).
func (b *bench) startNginx() (*nginxProc, error) {
	if _, err := os.Stat(nginxBrotli); err != nil {
		return nil, fmt.Errorf("nginx's brotli_static module is missing: `make bench` installs it (apt-get install libnginx-mod-http-brotli-static)")
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	ng := &nginxProc{url: "http://127.0.0.1:" + strconv.Itoa(port), dir: filepath.Join(b.tmp, "nginx")}
	dist := filepath.Join(b.tmp, "dist")
	start := time.Now()
	cmd := exec.Command(filepath.Join(b.root, "bin", "eventcard"), "-export", dist, "-base-url", ng.url)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("export: %v\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "bench: exported the site for nginx in %s\n", time.Since(start).Round(time.Millisecond))
	for d := dist; strings.HasPrefix(d, b.tmp); d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // nginx's workers run as nobody when the bench runs as root
	}
	block, err := readmeNginx(b.root)
	if err != nil {
		return nil, err
	}
	for _, r := range [][2]string{
		{"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port)},
		{"root /srv/eventcard/dist;", "root " + dist + ";"},
		{"include mime.types;", "include /etc/nginx/mime.types;"},
	} {
		if strings.Count(block, r[0]) != 1 {
			return nil, fmt.Errorf("README, Static hosting: the nginx block has no %q", r[0])
		}
		block = strings.Replace(block, r[0], r[1], 1)
	}
	if err := os.MkdirAll(ng.dir, 0o755); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf(`load_module %[2]s;
worker_processes %[4]d;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[3]s}
`, ng.dir, nginxBrotli, block, runtime.NumCPU())
	confFile := filepath.Join(ng.dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	ng.cmd = exec.Command(nginxPath(), "-p", ng.dir+"/", "-c", confFile, "-e", filepath.Join(ng.dir, "error.log"), "-g", "daemon off;")
	ng.cmd.Stdout, ng.cmd.Stderr = &out, &out
	if err := ng.cmd.Start(); err != nil {
		return nil, err
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if a, err := httpGet(ng.url+"/robots.txt", nil); err == nil && a.code == 200 {
			return ng, nil
		}
	}
	ng.stop()
	log, _ := os.ReadFile(filepath.Join(ng.dir, "error.log"))
	return nil, fmt.Errorf("nginx does not answer: %s%s", out.String(), log)
}

func (ng *nginxProc) stop() {
	if ng.cmd == nil || ng.cmd.Process == nil {
		return
	}
	ng.cmd.Process.Signal(syscall.SIGQUIT)
	done := make(chan struct{})
	go func() { ng.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		ng.cmd.Process.Kill()
	}
}

// readmeNginx is the README's nginx server block (README, "Static hosting").
func readmeNginx(root string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return "", err
	}
	s := string(data)
	i := strings.Index(s, "### Static hosting")
	if i < 0 {
		return "", fmt.Errorf("README: no Static hosting section")
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindStringSubmatch(s[i:])
	if m == nil {
		return "", fmt.Errorf("README: no nginx block in Static hosting")
	}
	return m[1], nil
}
