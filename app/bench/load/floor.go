package load

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/server"
)

// ServeBytesFlag, as this program's first argument, makes it budget 6's net/http floor:
// ServeBytes on the address and file that follow.
const ServeBytesFlag = "-serve-bytes"

// startBytesServer runs this program as budget 6's net/http floor: a server that answers every
// request with a's bytes and headers.
func startBytesServer(tmp string, a proc.Answer) (*proc.Proc, error) {
	file := filepath.Join(tmp, "floor-answer")
	var buf bytes.Buffer
	for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Language", "Vary", "Cache-Control", "Etag",
		"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Content-Security-Policy"} {
		for _, v := range a.Header.Values(k) {
			fmt.Fprintf(&buf, "%s: %s\n", k, v)
		}
	}
	buf.WriteString("\n")
	buf.Write(a.Body)
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr, err := proc.FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, ServeBytesFlag, addr, file)
	cmd.Stderr = os.Stderr
	p, err := proc.Start(cmd, "http://"+addr, "/", 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("the net/http floor: %w", err)
	}
	return p, nil
}

// ServeBytes answers every request with the headers and body in file (headers, a blank line,
// the body), and nothing else: no routing, no log, no negotiation, no security headers of its
// own.
func ServeBytes(addr, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	header := http.Header{}
	for _, l := range strings.Split(string(head), "\n") {
		if k, v, ok := strings.Cut(l, ": "); ok {
			header[k] = append(header[k], v)
		}
	}
	header["Content-Length"] = []string{strconv.Itoa(len(body))}
	// The server's own http.Server settings (its time limits, its header limit): the budget
	// weighs the handlers, and both servers protect themselves alike.
	hs := server.HTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.Write(body)
	}), server.DefaultLimits(), slog.Default())
	hs.Addr = addr
	return hs.ListenAndServe()
}
