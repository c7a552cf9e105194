package load

import (
	"fmt"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"time"
)

// A WrkResult is what wrk printed of one run.
type WrkResult struct {
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

// Wrk loads url with conns connections for d, as a browser asks (brotli, gzip; Spanish).
func Wrk(url string, conns int, d time.Duration) (WrkResult, error) {
	args := []string{"-t" + strconv.Itoa(min(wrkThreads, conns)), "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s", "--latency",
		"-H", "Accept-Encoding: br, gzip", "-H", "Accept-Language: es", url}
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return WrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	var r WrkResult
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
