// Package load measures the card's server under load (budget 6): wrk against it and against
// Go's net/http at its barest writing the same answer (the budget's floor), and nginx serving
// the static export of the same build, for the record.
package load

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/bench/report"
	"eventcard/app/bench/run"
)

// Throughput is budget 6: wrk (64 connections, loopback, a browser's Accept-Encoding) against
// the prerendered embed page, from srv with its whole middleware chain and from a bare net/http
// handler that writes the same bytes under the same http.Server settings (the floor):
// requests/s ≥ 0.95× the floor's, p99 ≤ 1.1× the floor's, no errors; srv's memory under that
// load ≤ 64 MB. Runs take turns, short and many (this machine is shared: a slow moment falls on
// each alike); each budget is the median of the runs' pairwise ratios (a run of srv against the
// floor's run beside it). nginx on the static export, for the record.
//
// Both servers get the machine's CPUs (the Go runtime uses them all; nginx has one worker per
// CPU) and so does wrk (one thread per CPU): nobody is pinned, everyone shares the same cores,
// and whichever spends less CPU per answer leaves more to the load and answers more.
func Throughput(r *run.Run, srv *proc.Proc) error {
	ng, err := startNginx(r)
	if err != nil {
		return err
	}
	defer ng.Stop()
	path := "/embed/" + r.Event + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es"
	// The same page? nginx's is the static host's (no server chose its language); same card.
	var served proc.Answer
	for _, u := range []string{srv.URL + path, ng.URL + path} {
		a, err := proc.Get(u, map[string]string{"Accept-Encoding": "br, gzip", "Accept-Language": "es"})
		if err != nil {
			return err
		}
		if a.Code != 200 || a.Header.Get("Content-Encoding") != "br" {
			return fmt.Errorf("%s: %d, Content-Encoding %q", u, a.Code, a.Header.Get("Content-Encoding"))
		}
		if u == srv.URL+path {
			served = a
		}
	}
	// What Go's net/http does at best on this machine: the server's exact answer (its bytes,
	// its headers), from a handler that only writes them, in a process of its own.
	floor, err := startBytesServer(r.Tmp, served)
	if err != nil {
		return err
	}
	defer floor.Stop()

	contenders := []struct {
		name, url string
		pid       int
	}{{"nginx", ng.URL, 0}, {"server", srv.URL, srv.PID()}, {"net/http floor", floor.URL, floor.PID()}}
	const runs = 7
	results := map[string][]WrkResult{}
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
						if rss, _, err := proc.Memory(c.pid); err == nil {
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
			res, err := Wrk(c.url+path, 64, 4*time.Second)
			close(stopSampling)
			if peak := <-sampled; c.name == "server" {
				rssUnderLoad = max(rssUnderLoad, peak)
			}
			if err != nil {
				return err
			}
			results[c.name] = append(results[c.name], res)
			fmt.Fprintf(os.Stderr, "bench: wrk %s: %.0f req/s, p99 %.2f ms, %d errors\n", c.name, res.RPS, res.P99, res.Errors)
		}
	}
	_, peak, err := proc.Memory(srv.PID())
	if err != nil {
		return err
	}
	samples := func(name string, field func(WrkResult) float64) (out []float64) {
		for _, res := range results[name] {
			out = append(out, field(res))
		}
		return out
	}
	rps := func(name string) []float64 { return samples(name, func(w WrkResult) float64 { return w.RPS }) }
	p99 := func(name string) []float64 { return samples(name, func(w WrkResult) float64 { return w.P99 }) }
	errs := 0
	for _, res := range append(results["server"], results["nginx"]...) {
		errs += res.Errors
	}
	r.Report.Details["throughput"] = map[string]any{"runs": results, "path": path,
		"wrk":           "-t" + strconv.Itoa(wrkThreads) + " -c64 -d10s --latency -H 'Accept-Encoding: br, gzip' -H 'Accept-Language: es'",
		"nginx_workers": runtime.NumCPU(), "server_rss_under_load_mb": rssUnderLoad, "server_vmhwm_mb": peak}
	goRPS, ngRPS, floorRPS := report.Median(rps("server")), report.Median(rps("nginx")), report.Median(rps("net/http floor"))
	goP99, ngP99, floorP99 := report.Median(p99("server")), report.Median(p99("nginx")), report.Median(p99("net/http floor"))
	// Pairwise: each server run against the floor's run of the same round.
	pair := func(a, b []float64) (out []float64) {
		for i := range min(len(a), len(b)) {
			out = append(out, a[i]/b[i])
		}
		return out
	}
	rpsRatio, p99Ratio := report.Median(pair(rps("server"), rps("net/http floor"))), report.Median(pair(p99("server"), p99("net/http floor")))
	r.Report.Details["throughput_ratios"] = map[string]any{"rps": pair(rps("server"), rps("net/http floor")), "p99": pair(p99("server"), p99("net/http floor"))}
	r.Report.Add(report.Row{ID: "6a", Name: "server throughput, full middleware chain", Unit: "req/s", Value: goRPS, Samples: rps("server"),
		Baseline: &report.Baseline{Name: "bare net/http, same bytes", Value: floorRPS, Samples: rps("net/http floor")}, Ratio: rpsRatio, Budget: "≥ 0.95× the floor", Pass: rpsRatio >= 0.95,
		Note: fmt.Sprintf("wrk -t%d -c64 -d4s on loopback, %d rounds, in turn; nobody pinned: the server, the floor and wrk share the %d CPUs. The floor is this program answering every request with the server's exact answer (its bytes and headers) from a handler that only writes them, in a process of its own, under the server's http.Server settings (its time limits and header limit: the budget weighs the handlers). Median of the rounds' ratios %.2f× (of the medians %.2f×). The chain: request log, security headers, methods, the site's routes, the page cache, the encoding's choice. nginx on the static export, for the record (its budget is retired: the static export is the path to nginx-class throughput, with a CDN in front of either): %.0f req/s, p99 %.2f ms.",
			wrkThreads, runs, runtime.NumCPU(), rpsRatio, goRPS/floorRPS, ngRPS, ngP99)})
	r.Report.Add(report.Row{ID: "6b", Name: "server p99 latency, full middleware chain", Unit: "ms", Value: goP99, Samples: p99("server"),
		Baseline: &report.Baseline{Name: "bare net/http, same bytes", Value: floorP99, Samples: p99("net/http floor")}, Ratio: p99Ratio, Budget: "≤ 1.1× the floor", Pass: p99Ratio <= 1.1,
		Note: fmt.Sprintf("median of the rounds' ratios %.2f× (of the medians %.2f×).", p99Ratio, goP99/floorP99)})
	r.Report.Add(report.Row{ID: "6c", Name: "errors under load (server and nginx)", Unit: "errors", Value: float64(errs), Budget: "0", Pass: errs == 0})
	r.Report.Add(report.Row{ID: "6d", Name: "server RSS under load", Unit: "MB", Value: rssUnderLoad, Budget: "≤ 64 MB", Pass: rssUnderLoad > 0 && rssUnderLoad <= 64,
		Note: fmt.Sprintf("VmRSS sampled every 100 ms during the server's runs (the worst sample); VmHWM, the peak since start (start-up included), %.1f MB.", peak)})
	return nil
}
