// Command soak is `make soak` (README, "Security"): the server binary under load and
// stopped under load, on loopback only, bounded in time, printing its figures.
//
//  1. Load: wrk, 256 connections for 60 s, across every page and asset the site links (found by
//     crawling it from / and /embed/: the pages in every language, the builder, the loader, the
//     scripts, styles, icons, manifests, calendar files and the wasm), with a browser's
//     Accept-Encoding. Passes with zero socket errors, zero 5xx (wrk's count and the server's
//     request log) and the server's memory (VmRSS) back within 10% of its start after the run.
//     Its start is the server's steady state under that load: every address asked for once
//     (the pages rendered and cached, the embedded files paged in), 5 s of the same load (the
//     runtime's heap sized for 256 connections), a rest. A leak is what 60 s adds to that.
//  2. Stop: the same load again, plus probe clients that count every request they start, and
//     slow downloads of the wasm (a visitor on a poor connection) in flight; then SIGTERM.
//     Passes when the server exits 0 (its graceful shutdown finished every request in flight in
//     time), every probe request either completed whole or was never accepted (the connection
//     refused, or closed before the server read the request: the listener had closed), and
//     every slow download in flight at the signal completed whole. Requests lost on shutdown =
//     answers begun and not finished = 0.
//
// Usage: go run ./app/soak -server bin/eventcard [-duration 60s] [-connections 256]
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("server", "bin/eventcard", "the server binary (make build)")
	duration := flag.Duration("duration", 60*time.Second, "how long the load runs")
	conns := flag.Int("connections", 256, "wrk's connections")
	wasm := flag.String("wasm", "web/app.wasm", "the wasm the server embeds, to check the slow downloads byte for byte")
	memWait := flag.Duration("memory-wait", 150*time.Second, "how long the memory may take to come back after the load")
	flag.Parse()
	s := &soak{bin: *bin, duration: *duration, conns: *conns, memWait: *memWait}
	var err error
	if s.wasm, err = os.ReadFile(*wasm); err != nil {
		fail(err)
	}
	if err := s.run(); err != nil {
		fail(err)
	}
}

// warmUp is the load before the memory's start is read.
const warmUp = 5 * time.Second

func fail(err error) {
	fmt.Fprintln(os.Stderr, "soak:", err)
	os.Exit(1)
}

type soak struct {
	bin      string
	duration time.Duration
	conns    int
	memWait  time.Duration
	wasm     []byte

	addr  string // 127.0.0.1:port
	base  string // http://addr
	cmd   *exec.Cmd
	log   *serverLog
	urls  []string // paths, each answered 200
	fails []string
}

func (s *soak) check(ok bool, format string, args ...any) {
	if !ok {
		s.fails = append(s.fails, fmt.Sprintf(format, args...))
	}
}

func (s *soak) run() error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is missing: make soak installs it (apt-get install wrk)")
	}
	if err := s.start(); err != nil {
		return err
	}
	defer s.cmd.Process.Kill() // if anything below fails early
	if err := s.crawl(); err != nil {
		return err
	}
	script, err := s.wrkScript()
	if err != nil {
		return err
	}
	defer os.Remove(script)

	// 1. Load. Its memory start is the server's steady state under that load: every address
	// asked for once (the pages rendered and cached, the embedded files paged in), then a few
	// seconds of the same load (the runtime's heap sized for 256 connections), then a rest.
	time.Sleep(2 * time.Second)
	rssFresh := s.rss()
	if _, err := s.wrk(context.Background(), script, warmUp); err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	rssStart := s.rss()
	fmt.Printf("soak: %v of wrk on %s, %d connections, %d threads, %d addresses (pages in every language, assets, the wasm)\n",
		s.duration, s.base, s.conns, runtime.NumCPU(), len(s.urls))
	peak := int64(0)
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stopSampling:
				return
			case <-time.After(500 * time.Millisecond):
				peak = max(peak, s.rss())
			}
		}
	}()
	logged5xx := s.log.status5xx.Load()
	loggedBefore := s.log.requests.Load()
	w, err := s.wrk(context.Background(), script, s.duration)
	close(stopSampling)
	<-sampled
	if err != nil {
		return err
	}
	served := s.log.requests.Load() - loggedBefore
	server5xx := s.log.status5xx.Load() - logged5xx
	fmt.Printf("  requests served        %d (%.0f/s); %d in the server's log\n", w.requests, w.rps, served)
	fmt.Printf("  socket errors          %d (connect %d, read %d, write %d, timeout %d)\n", w.socketErrors(), w.connect, w.read, w.write, w.timeout)
	fmt.Printf("  non-2xx/3xx answers    %d; 5xx in the server's log: %d\n", w.non2xx, server5xx)
	fmt.Printf("  latency                p50 %s, p99 %s\n", w.p50, w.p99)
	s.check(w.requests > 0, "wrk made no request")
	s.check(w.socketErrors() == 0, "%d socket errors", w.socketErrors())
	s.check(w.non2xx == 0 && server5xx == 0, "%d non-2xx/3xx answers, %d 5xx logged", w.non2xx, server5xx)

	// The memory comes back: 60 s of load leave nothing behind. (The garbage of the run waits
	// for the runtime's next collection, at the latest its periodic one, every 2 minutes.)
	start := time.Now()
	time.Sleep(2 * time.Second)
	rssAfter := s.rss()
	for time.Since(start) < s.memWait && float64(rssAfter) > 1.10*float64(rssStart) {
		time.Sleep(time.Second)
		rssAfter = s.rss()
	}
	back := time.Since(start).Round(time.Second)
	fmt.Printf("  memory (VmRSS)         start %s (%s before any load, then %v of it), peak %s, after %s: %+.1f%%, %v after the load\n",
		mb(rssStart), mb(rssFresh), warmUp, mb(max(peak, rssAfter)), mb(rssAfter), 100*(float64(rssAfter)/float64(rssStart)-1), back)
	s.check(float64(rssAfter) <= 1.10*float64(rssStart), "memory %s after the load, over 110%% of its start %s", mb(rssAfter), mb(rssStart))

	// 2. Stop under load.
	if err := s.stopUnderLoad(script); err != nil {
		return err
	}

	if len(s.fails) > 0 {
		fmt.Println("soak: FAILED")
		for _, f := range s.fails {
			fmt.Println("  -", f)
		}
		if lines := s.log.other(); len(lines) > 0 {
			fmt.Println("the server said:")
			for _, l := range lines {
				fmt.Println("  " + l)
			}
		}
		os.Exit(1)
	}
	fmt.Println("soak: ok")
	return nil
}

// start runs the server on a free loopback port, its log read as it goes.
func (s *soak) start() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.addr = l.Addr().String()
	l.Close()
	s.base = "http://" + s.addr
	s.cmd = exec.Command(s.bin, "-addr", s.addr)
	s.cmd.Env = append(os.Environ(), "BASE_URL=", "FRAME_ANCESTORS=", "SHUTDOWN_TIMEOUT=30s")
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := s.cmd.Start(); err != nil {
		return err
	}
	s.log = readLog(stderr)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(s.base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("the server did not answer /healthz within 30 s: %q", s.log.other())
}

// crawl finds every address the site links, from its entry points, and asks for each once:
// the soak's list of addresses, and the server warmed.
var (
	linkRE    = regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	versionRE = regexp.MustCompile(`^/v/[^/]+/`)
)

// The entry points: the site's own, and for each event (events/*.toml) its pages, which the
// home page (one featured event) may not link, and its frame as the loader opens it.
func (s *soak) entryPoints() []string {
	queue := []string{"/", "/embed/", "/embed.js", "/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest",
		"/healthz", "/demo", "/web/app.wasm"}
	files, _ := filepath.Glob("events/*.toml")
	for _, f := range files {
		id := strings.TrimSuffix(f[len("events/"):], ".toml")
		queue = append(queue, "/events/"+id+"/", "/embed/"+id+"/", "/events/"+id+".ics",
			"/embed/"+id+"?origin=https%3A%2F%2Fpartner.example.org&hl=pt-BR")
	}
	return queue
}

func (s *soak) crawl() error {
	seen := map[string]bool{}
	queue := s.entryPoints()
	for len(queue) > 0 && len(seen) < 400 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		req, _ := http.NewRequest("GET", s.base+p, nil)
		req.Header.Set("Accept-Encoding", "br, gzip") // the body stays compressed: a browser's request
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return fmt.Errorf("GET %s: %v", p, err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return fmt.Errorf("GET %s: %v", p, err)
		}
		if res.StatusCode != http.StatusOK {
			continue // a link to something that is not there is not the soak's business
		}
		s.urls = append(s.urls, p)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || res.Header.Get("Content-Encoding") != "" {
			// Compressed pages: ask again plainly to read their links.
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				continue
			}
			plain, err := http.Get(s.base + p)
			if err != nil {
				return err
			}
			body, _ = io.ReadAll(plain.Body)
			plain.Body.Close()
		}
		for _, m := range linkRE.FindAllStringSubmatch(string(body), -1) {
			u := strings.ReplaceAll(m[1], "&amp;", "&")
			u = strings.TrimPrefix(u, s.base)
			if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !seen[u] {
				queue = append(queue, u)
			}
			// The wasm, under the build's address of web/, as app.js fetches it.
			if v := versionRE.FindString(u); v != "" && !seen[v+"web/app.wasm"] {
				queue = append(queue, v+"web/app.wasm")
			}
		}
	}
	slices.Sort(s.urls)
	if len(s.urls) < 20 {
		return fmt.Errorf("the crawl found only %d addresses: %v", len(s.urls), s.urls)
	}
	return nil
}

// wrkScript writes the Lua script that sends wrk's requests round the addresses.
func (s *soak) wrkScript() (string, error) {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, u := range s.urls {
		fmt.Fprintf(&b, "  %q,\n", u)
	}
	b.WriteString(`}
local i = 0
function setup(thread) thread:set("offset", math.random(#paths)) end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i + (offset or 0)) % #paths + 1], { ["Accept-Encoding"] = "br, gzip", ["Accept-Language"] = "pt-BR,pt;q=0.9,en;q=0.8" })
end
`)
	f, err := os.CreateTemp("", "eventcard-soak-*.lua")
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = f.WriteString(b.String())
	return f.Name(), err
}

// wrkResult is what wrk printed.
type wrkResult struct {
	requests, non2xx              int64
	connect, read, write, timeout int64
	rps                           float64
	p50, p99                      string
	output                        string
}

func (w wrkResult) socketErrors() int64 { return w.connect + w.read + w.write + w.timeout }

var (
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkSocket   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+(\S+)`)
)

func (s *soak) wrk(ctx context.Context, script string, d time.Duration) (wrkResult, error) {
	cmd := exec.CommandContext(ctx, "wrk", "-t"+strconv.Itoa(runtime.NumCPU()), "-c"+strconv.Itoa(s.conns), "-d"+strconv.Itoa(int(d.Seconds()))+"s",
		"--timeout", "10s", "--latency", "-s", script, s.base+"/")
	out, err := cmd.CombinedOutput()
	w := wrkResult{output: string(out)}
	if err != nil && ctx.Err() == nil {
		return w, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	num := func(re *regexp.Regexp, i int) int64 {
		if m := re.FindStringSubmatch(w.output); m != nil {
			n, _ := strconv.ParseInt(m[i], 10, 64)
			return n
		}
		return 0
	}
	w.requests = num(wrkRequests, 1)
	w.non2xx = num(wrkNon2xx, 1)
	w.connect, w.read, w.write, w.timeout = num(wrkSocket, 1), num(wrkSocket, 2), num(wrkSocket, 3), num(wrkSocket, 4)
	if m := wrkRPS.FindStringSubmatch(w.output); m != nil {
		w.rps, _ = strconv.ParseFloat(m[1], 64)
	}
	for _, m := range wrkPct.FindAllStringSubmatch(w.output, -1) {
		if m[1] == "50" {
			w.p50 = m[2]
		} else {
			w.p99 = m[2]
		}
	}
	return w, nil
}

// rss is the server's resident memory, from /proc/<pid>/status.
func (s *soak) rss() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			kb, _ := strconv.ParseInt(f[0], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// stopUnderLoad runs the load again, probes and slow downloads beside it, sends SIGTERM in the
// middle, and counts what became of every request.
func (s *soak) stopUnderLoad(script string) error {
	const (
		probes     = 32
		slow       = 8
		loadBefore = 4 * time.Second
		slowRate   = 1 << 20 // bytes per second each slow download reads
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var terminated atomic.Bool
	var sigtermAt time.Time

	wrkDone := make(chan wrkResult, 1)
	go func() {
		w, _ := s.wrk(context.Background(), script, loadBefore+6*time.Second) // ends on its own, after the stop
		wrkDone <- w
	}()

	// Probes: sequential requests over kept-alive connections, each counted.
	var started, completed, refused, cut, failedBefore atomic.Int64
	var cutErrs sync.Map
	var wg sync.WaitGroup
	for i := range probes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}, Timeout: 60 * time.Second}
			for n := i; ctx.Err() == nil; n++ {
				p := s.urls[n%len(s.urls)]
				req, _ := http.NewRequestWithContext(ctx, "GET", s.base+p, nil)
				req.Header.Set("Accept-Encoding", "br, gzip")
				started.Add(1)
				res, err := client.Do(req)
				if err != nil {
					// No answer began: the request was never accepted, if the server had stopped
					// accepting (its listener closed, its idle connections closed).
					if terminated.Load() {
						refused.Add(1)
						time.Sleep(50 * time.Millisecond)
					} else if ctx.Err() == nil {
						failedBefore.Add(1)
					}
					continue
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if err != nil || res.StatusCode != http.StatusOK {
					cut.Add(1) // the answer began and did not finish whole
					cutErrs.Store(fmt.Sprintf("%s: status %d, %v", p, res.StatusCode, err), true)
					continue
				}
				completed.Add(1)
			}
		}()
	}

	// Slow downloads of the wasm, in flight when the signal comes.
	type download struct {
		headersBefore bool // the answer had begun before SIGTERM
		doneBefore    bool // and finished before it
		whole         bool
		err           error
	}
	downloads := make([]download, slow)
	want := sha256.Sum256(s.wasm)
	var slowWG sync.WaitGroup
	time.Sleep(loadBefore - time.Second)
	for i := range slow {
		slowWG.Add(1)
		go func() {
			defer slowWG.Done()
			d := &downloads[i]
			dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
				return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 32<<10) })
			}}
			client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableCompression: true}}
			res, err := client.Get(s.base + "/web/app.wasm")
			if err != nil {
				d.err = err
				return
			}
			defer res.Body.Close()
			d.headersBefore = !terminated.Load()
			h := sha256.New()
			buf := make([]byte, 32<<10)
			for {
				n, err := res.Body.Read(buf)
				h.Write(buf[:n])
				if err == io.EOF {
					break
				}
				if err != nil {
					d.err = err
					return
				}
				time.Sleep(time.Duration(n) * time.Second / slowRate)
			}
			d.doneBefore = !terminated.Load()
			d.whole = bytes.Equal(h.Sum(nil), want[:])
		}()
	}
	time.Sleep(time.Second)

	// SIGTERM, in the middle of it all.
	loggedBefore := s.log.requests.Load()
	sigtermAt = time.Now()
	terminated.Store(true)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	var exitErr error
	select {
	case exitErr = <-exited:
	case <-time.After(60 * time.Second):
		s.cmd.Process.Kill()
		exitErr = errors.New("still running 60 s after SIGTERM: killed")
	}
	took := time.Since(sigtermAt)
	slowWG.Wait()
	time.Sleep(500 * time.Millisecond) // the probes see the refused connections
	cancel()
	wg.Wait()
	w := <-wrkDone
	s.log.wait()
	afterSignal := s.log.requests.Load() - loggedBefore

	inFlight, whole := 0, 0
	for _, d := range downloads {
		if d.headersBefore && !d.doneBefore {
			inFlight++
			if d.whole {
				whole++
			}
		}
		s.check(d.err == nil && d.whole, "a slow download of the wasm: whole %v, %v", d.whole, d.err)
	}
	exitCode := s.cmd.ProcessState.ExitCode()
	lost := cut.Load() + int64(inFlight-whole)
	fmt.Printf("stop under load: SIGTERM after %v of wrk (%d connections), %d probe clients and %d slow downloads of the wasm\n", loadBefore, s.conns, probes, slow)
	fmt.Printf("  probe requests         started %d: completed whole %d, cut after the answer began %d, failed before the stop %d; tried after the stop and refused (never accepted) %d\n",
		started.Load(), completed.Load(), cut.Load(), failedBefore.Load(), refused.Load())
	fmt.Printf("  slow downloads         %d in flight at SIGTERM, %d completed whole (%s each)\n", inFlight, whole, mb(int64(len(s.wasm))))
	fmt.Printf("  server                 exit status %d, %v after SIGTERM; %d requests logged after the signal\n", exitCode, took.Round(time.Millisecond), afterSignal)
	fmt.Printf("  wrk                    %d requests; socket errors after the stop (connect %d: refused, read %d: closed between requests)\n", w.requests, w.connect, w.read+w.write+w.timeout)
	fmt.Printf("  requests lost on shutdown: %d\n", lost)
	cutErrs.Range(func(k, _ any) bool { fmt.Println("    cut:", k); return true })
	s.check(exitErr == nil && exitCode == 0, "the server's exit: %v (status %d)", exitErr, exitCode)
	s.check(inFlight > 0, "no slow download was in flight at SIGTERM: the stop was not tested under load")
	s.check(lost == 0, "%d requests lost on shutdown", lost)
	s.check(failedBefore.Load() == 0, "%d probe requests failed before the stop", failedBefore.Load())
	s.check(s.log.stopped.Load(), "the server did not log its stop")
	return nil
}

// serverLog reads the server's log: one line per request (msg=request … status=N).
type serverLog struct {
	requests, status5xx atomic.Int64
	stopped             atomic.Bool
	mu                  sync.Mutex
	lines               []string // the lines that are not requests
	done                chan struct{}
}

var statusRE = regexp.MustCompile(` status=(\d+)`)

func readLog(r io.Reader) *serverLog {
	l := &serverLog{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.Contains(line, " msg=request ") {
				l.requests.Add(1)
				if m := statusRE.FindStringSubmatch(line); m != nil && m[1][0] == '5' {
					l.status5xx.Add(1)
				}
				continue
			}
			if strings.Contains(line, "msg=stopped") {
				l.stopped.Store(true)
			}
			l.mu.Lock()
			l.lines = append(l.lines, line)
			l.mu.Unlock()
		}
	}()
	return l
}

// wait waits for the end of the log (the server has exited).
func (l *serverLog) wait() {
	select {
	case <-l.done:
	case <-time.After(5 * time.Second):
	}
}

func (l *serverLog) other() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}
