package main

import (
	"bytes"
	"fmt"
	"net/http"
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
// under that load ≤ 64 MB. Runs take turns (nginx, the server, Go's net/http floor…); medians.
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
	var served answer
	for _, u := range []string{b.server.url + path, ng.url + path} {
		a, err := httpGet(u, map[string]string{"Accept-Encoding": "br, gzip", "Accept-Language": "es"})
		if err != nil {
			return err
		}
		if a.code != 200 || a.header.Get("Content-Encoding") != "br" {
			return fmt.Errorf("%s: %d, Content-Encoding %q", u, a.code, a.header.Get("Content-Encoding"))
		}
		if u == b.server.url+path {
			served = a
		}
	}
	// What Go's net/http does at best on this machine: the server's exact answer (its bytes,
	// its headers), from a handler that only writes them, in a process of its own.
	floor, err := b.startBytesServer(served)
	if err != nil {
		return err
	}
	defer floor.stop()

	contenders := []struct {
		name, url string
		pid       int
	}{{"nginx", ng.url, 0}, {"server", b.server.url, b.server.pid()}, {"net/http floor", floor.url, floor.pid()}}
	const runs = 3
	results := map[string][]wrkResult{}
	rssUnderLoad := 0.0
	for i := range runs {
		for j := range contenders {
			c := contenders[(i+j)%len(contenders)] // the order turns: drift falls on each alike
			stopSampling := make(chan struct{})
			sampled := make(chan float64)
			go func() { // the server's resident memory while it answers
				peak := 0.0
				for {
					if c.pid != 0 {
						if rss, _, err := memory(c.pid); err == nil {
							peak = max(peak, rss)
						}
					}
					select {
					case <-stopSampling:
						sampled <- peak
						return
					case <-time.After(100 * time.Millisecond):
					}
				}
			}()
			r, err := runWrk(c.url+path, 64, 10*time.Second)
			close(stopSampling)
			if peak := <-sampled; c.name == "server" {
				rssUnderLoad = max(rssUnderLoad, peak)
			}
			if err != nil {
				return err
			}
			results[c.name] = append(results[c.name], r)
			fmt.Fprintf(os.Stderr, "bench: wrk %s: %.0f req/s, p99 %.2f ms, %d errors\n", c.name, r.RPS, r.P99, r.Errors)
		}
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
	for _, r := range append(results["server"], results["nginx"]...) {
		errs += r.Errors
	}
	b.report.Details["throughput"] = map[string]any{"runs": results, "path": path,
		"wrk":           "-t" + strconv.Itoa(wrkThreads) + " -c64 -d10s --latency -H 'Accept-Encoding: br, gzip' -H 'Accept-Language: es'",
		"nginx_workers": runtime.NumCPU(), "server_rss_under_load_mb": rssUnderLoad, "server_vmhwm_mb": peak}
	goRPS, ngRPS, floorRPS := median(rps(results["server"])), median(rps(results["nginx"])), median(rps(results["net/http floor"]))
	goP99, ngP99, floorP99 := median(p99(results["server"])), median(p99(results["nginx"])), median(p99(results["net/http floor"]))
	b.report.add(row{ID: "6a", Name: "server throughput", Unit: "req/s", Value: goRPS, Samples: rps(results["server"]),
		Baseline: &baseline{Name: "nginx", Value: ngRPS, Samples: rps(results["nginx"])}, Budget: "≥ 1.0× nginx", Pass: goRPS >= ngRPS,
		Note: fmt.Sprintf("wrk -t%d -c64 -d10s on loopback, %d runs each, in turn; nobody pinned: the server, nginx (%d workers, the README's block, access_log off, sendfile, open_file_cache, gzip_static, brotli_static) and wrk share the %d CPUs. Go's net/http floor (the same answer's bytes and headers from a handler that only writes them): %.0f req/s (%.2f× nginx), p99 %.2f ms: the server reaches %.2f× its own floor.",
			wrkThreads, runs, runtime.NumCPU(), runtime.NumCPU(), floorRPS, floorRPS/ngRPS, floorP99, goRPS/floorRPS)})
	b.report.add(row{ID: "6b", Name: "server p99 latency", Unit: "ms", Value: goP99, Samples: p99(results["server"]),
		Baseline: &baseline{Name: "nginx", Value: ngP99, Samples: p99(results["nginx"])}, Budget: "≤ 1.0× nginx", Pass: goP99 <= ngP99})
	b.report.add(row{ID: "6c", Name: "errors under load (server and nginx)", Unit: "errors", Value: float64(errs), Budget: "0", Pass: errs == 0})
	b.report.add(row{ID: "6d", Name: "server RSS under load", Unit: "MB", Value: rssUnderLoad, Budget: "≤ 64 MB", Pass: rssUnderLoad > 0 && rssUnderLoad <= 64,
		Note: fmt.Sprintf("VmRSS sampled every 100 ms during the server's runs (the worst sample); VmHWM, the peak since start (start-up included), %.1f MB.", peak)})
	return nil
}

// startBytesServer runs this program as budget 6's net/http floor: a server that answers every
// request with a's bytes and headers.
func (b *bench) startBytesServer(a answer) (*proc, error) {
	file := filepath.Join(b.tmp, "floor-answer")
	var buf bytes.Buffer
	for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Language", "Vary", "Cache-Control", "Etag",
		"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Content-Security-Policy"} {
		for _, v := range a.header.Values(k) {
			fmt.Fprintf(&buf, "%s: %s\n", k, v)
		}
	}
	buf.WriteString("\n")
	buf.Write(a.body)
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "-serve-bytes", "127.0.0.1:"+strconv.Itoa(port), file)
	cmd.Stderr = os.Stderr
	p := &proc{cmd: cmd, url: "http://127.0.0.1:" + strconv.Itoa(port), exited: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.exited <- cmd.Wait() }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if r, err := httpGet(p.url+"/", nil); err == nil && r.code == 200 {
			return p, nil
		}
	}
	p.stop()
	return nil, fmt.Errorf("the net/http floor does not answer")
}

// serveBytes answers every request with the headers and body in file (headers, a blank line,
// the body), and nothing else: no routing, no log, no negotiation.
func serveBytes(addr, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		fatal(err)
	}
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	header := http.Header{}
	for _, l := range strings.Split(string(head), "\n") {
		if k, v, ok := strings.Cut(l, ": "); ok {
			header[k] = append(header[k], v)
		}
	}
	header["Content-Length"] = []string{strconv.Itoa(len(body))}
	fatal(http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.Write(body)
	})))
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
