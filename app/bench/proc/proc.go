// Package proc runs the servers the bench measures and reads them: their processes (start,
// stop, memory, CPU time) and their HTTP answers as sent.
package proc

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A Proc is a server the bench started.
type Proc struct {
	URL     string        // http://127.0.0.1:port
	Started time.Duration // from exec until it answered
	cmd     *exec.Cmd
	exited  chan error
}

// Serve runs bin with -addr on a free loopback port, in dir, and waits until /healthz answers.
// Its log, the request log included (the binary as deployed), goes to the file log.
func Serve(bin, dir, log string, extra []string, env ...string) (*Proc, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append([]string{"-addr", addr}, extra...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	logFile, err := os.Create(log)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	cmd.Stdout, cmd.Stderr = logFile, logFile
	p, err := Start(cmd, "http://"+addr, "/healthz", 60*time.Second)
	if err != nil {
		b, _ := os.ReadFile(log)
		return nil, fmt.Errorf("%w: %s", err, b[:min(len(b), 4096)])
	}
	return p, nil
}

// Start runs cmd, a server that will answer at url, and waits (within the given time) until
// url+probe answers 200.
func Start(cmd *exec.Cmd, url, probe string, within time.Duration) (*Proc, error) {
	p := &Proc{URL: url, cmd: cmd, exited: make(chan error, 1)}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.exited <- cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for deadline := start.Add(within); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		select {
		case err := <-p.exited:
			return nil, fmt.Errorf("%s exited (%v)", cmd.Path, err)
		default:
		}
		res, err := client.Get(url + probe)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				p.Started = time.Since(start)
				return p, nil
			}
		}
	}
	p.Stop()
	return nil, fmt.Errorf("%s does not answer on %s", cmd.Path, url)
}

// FreeAddr is a loopback address (host:port) that nothing listens on.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// PID is the process's id.
func (p *Proc) PID() int { return p.cmd.Process.Pid }

// Stop ends the process (gracefully, then not).
func (p *Proc) Stop() {
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

// Memory reads a process's resident set (VmRSS) and its peak (VmHWM), in MB (2^20 bytes).
func Memory(pid int) (rss, peak float64, err error) {
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

// CPUTime is the CPU time a process has used (user + system).
func CPUTime(pid int) (time.Duration, error) {
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
