package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A proc is a server the bench started: bin/eventcard, or one built from a synthetic tree.
type proc struct {
	cmd     *exec.Cmd
	url     string // http://127.0.0.1:port
	started time.Duration
	exited  chan error
}

var versionRE = regexp.MustCompile(`"/v/([0-9a-f]+)/web/app\.wasm"`)

// startProc runs bin with -addr on a free loopback port, in dir, and waits until /healthz
// answers; started is how long that took from exec. Its log, the request log included (the
// binary as deployed), goes to the file log.
func startProc(bin, dir, log string, extra []string, env ...string) (*proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(bin, append([]string{"-addr", addr}, extra...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	logFile, err := os.Create(log)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	cmd.Stdout, cmd.Stderr = logFile, logFile
	stderr := func() string {
		b, _ := os.ReadFile(log)
		return string(b[:min(len(b), 4096)])
	}
	p := &proc{cmd: cmd, url: "http://" + addr, exited: make(chan error, 1)}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.exited <- cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for deadline := start.Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		select {
		case err := <-p.exited:
			return nil, fmt.Errorf("%s exited (%v): %s", bin, err, stderr())
		default:
		}
		res, err := client.Get(p.url + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				p.started = time.Since(start)
				return p, nil
			}
		}
	}
	p.stop()
	return nil, fmt.Errorf("%s does not answer on %s: %s", bin, addr, stderr())
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// stop ends the process (gracefully, then not).
func (p *proc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	select {
	case err := <-p.exited:
		p.exited <- err
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.exited:
		p.exited <- err
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
	}
}

// memory reads a process's resident set (VmRSS) and its peak (VmHWM), in MB (2^20 bytes).
func memory(pid int) (rss, peak float64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		var kb float64
		fmt.Sscanf(strings.TrimSpace(v), "%f", &kb)
		switch k {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			peak = kb / 1024
		}
	}
	return rss, peak, nil
}

// cpuTime is the CPU time a process has used (user + system).
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name is in parentheses and may hold spaces: count fields after it.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const hz = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / hz, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// answer is an HTTP response as sent: not decompressed.
type answer struct {
	code   int
	header http.Header
	body   []byte
}

var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 8},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

func httpDo(method, url string, hdr map[string]string) (answer, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return answer{}, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header, body}, err
}

func httpGet(url string, hdr map[string]string) (answer, error) { return httpDo("GET", url, hdr) }
