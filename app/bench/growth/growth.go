// Package growth measures how the card grows with its events (budget 7): trees of synthetic
// events, each built into its own server and wasm, started, loaded and exported.
package growth

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"eventcard/app/bench/load"
	"eventcard/app/bench/proc"
	"eventcard/app/bench/report"
	"eventcard/app/bench/run"
)

// metrics are the columns that must grow no faster than the number of events.
var metrics = []struct {
	name string
	get  func(report.GrowthRow) float64
}{
	{"start-up", func(g report.GrowthRow) float64 { return g.StartupMS }},
	{"RSS at start", func(g report.GrowthRow) float64 { return g.RSSStartMB }},
	{"RSS under load", func(g report.GrowthRow) float64 { return g.RSSLoadMB }},
	{"first render", func(g report.GrowthRow) float64 { return g.FirstRenderMS }},
	{"latency", func(g report.GrowthRow) float64 { return g.LatencyMS }},
	{"export (CPU)", func(g report.GrowthRow) float64 { return g.ExportCPUS }},
}

// Measure is budget 7: trees of counts events (1, 10, 100, 1000) × 4 languages, copies of the
// real event with new ids, each built into its own binary (the events embedded, as deployed)
// and its own wasm. Every column grows no faster than linearly (each step at most its factor
// in events, +25% for noise); the wasm does not grow at all (events are data, not code).
func Measure(r *run.Run, counts []int) error {
	realEvent, err := os.ReadFile(filepath.Join(r.Root, "events", r.Event+".toml"))
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(r.Root, "web", "app.wasm"))
	if err != nil {
		return err
	}
	for _, n := range counts {
		start := time.Now()
		g, err := measureTree(r, n, realEvent, wasm)
		if err != nil {
			return fmt.Errorf("%d events: %w", n, err)
		}
		r.Report.Growth = append(r.Report.Growth, g)
		fmt.Fprintf(os.Stderr, "bench: %d events: start-up %.0f ms, RSS %.1f/%.1f MB, first render %.1f ms, latency %.2f ms, export %.1f s (%s)\n",
			n, g.StartupMS, g.RSSStartMB, g.RSSLoadMB, g.FirstRenderMS, g.LatencyMS, g.ExportS, time.Since(start).Round(time.Second))
	}
	rows := r.Report.Growth
	worst, where, pass := 0.0, "", true
	for i := 1; i < len(rows); i++ {
		a, z := rows[i-1], rows[i]
		factor := float64(z.Events) / float64(a.Events)
		for _, m := range metrics {
			va, vz := m.get(a), m.get(z)
			if va <= 0 {
				continue
			}
			if vz/va > factor*1.25 {
				pass = false
			}
			if e := math.Log(vz/va) / math.Log(factor); e > worst {
				worst, where = e, fmt.Sprintf("%s, %d → %d events", m.name, a.Events, z.Events)
			}
		}
	}
	same := true
	for _, g := range rows {
		same = same && g.WasmSame
	}
	r.Report.Add(report.Row{ID: "7a", Name: "growth with events (steepest step)", Unit: "", Value: worst, Budget: "≤ linear (each step ≤ its factor +25%)", Pass: pass,
		Note: fmt.Sprintf("steepest: %s, growth exponent %.2f (1 is linear).", where, worst)})
	first, last := rows[0], rows[len(rows)-1]
	r.Report.Add(report.Row{ID: "7b", Name: fmt.Sprintf("wasm size with %d → %d events", first.Events, last.Events), Unit: "bytes", Value: float64(last.WasmBytes),
		Baseline: &report.Baseline{Name: fmt.Sprintf("%d event(s)", first.Events), Value: float64(first.WasmBytes)}, Budget: "the same bytes", Pass: same})
	return nil
}

// measureTree builds a tree of n copies of the real event and measures its server: start-up and
// memory (3 starts), first renders, latency and memory under wrk, then the static export.
func measureTree(r *run.Run, n int, realEvent, wasm []byte) (report.GrowthRow, error) {
	g := report.GrowthRow{Events: n}
	tree := filepath.Join(r.Tmp, fmt.Sprintf("tree-%d", n))
	ids, err := writeTree(r, tree, n, realEvent)
	if err != nil {
		return g, err
	}
	bin := filepath.Join(tree, "bin", "eventcard")
	if err := r.GoBuild(tree, nil, bin, "."); err != nil {
		return g, err
	}
	built := filepath.Join(r.Tmp, fmt.Sprintf("app-%d.wasm", n))
	if err := r.GoBuild(tree, []string{"GOOS=js", "GOARCH=wasm"}, built, "./wasm"); err != nil {
		return g, err
	}
	w, err := os.ReadFile(built)
	if err != nil {
		return g, err
	}
	g.WasmBytes, g.WasmSame = len(w), bytes.Equal(w, wasm)

	log := filepath.Join(r.Tmp, fmt.Sprintf("server-%d.log", n))
	var startups, rss []float64
	for range 3 {
		p, err := proc.Serve(bin, tree, log, nil)
		if err != nil {
			return g, err
		}
		m, _, err := proc.Memory(p.PID())
		p.Stop()
		if err != nil {
			return g, err
		}
		startups, rss = append(startups, float64(p.Started.Microseconds())/1000), append(rss, m)
	}
	g.StartupMS, g.RSSStartMB = report.Median(startups), report.Median(rss)

	p, err := proc.Serve(bin, tree, log, nil)
	if err != nil {
		return g, err
	}
	defer p.Stop()
	var firsts []float64
	for _, page := range []string{"/en/embed/" + ids[n-1] + "/", "/fr/embed/" + ids[n/2] + "/", "/pt/events/" + ids[0] + "/"} {
		t := time.Now()
		a, err := proc.Get(p.URL+page, map[string]string{"Accept-Encoding": "br"})
		if err != nil || a.Code != 200 {
			return g, fmt.Errorf("first render of %s: %d %v", page, a.Code, err)
		}
		firsts = append(firsts, float64(time.Since(t).Microseconds())/1000)
	}
	g.FirstRenderMS = report.Median(firsts)
	page := p.URL + "/embed/" + ids[0] + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es"
	if _, err := proc.Get(page, map[string]string{"Accept-Encoding": "br"}); err != nil {
		return g, err
	}
	lat, err := load.Wrk(page, 1, 3*time.Second)
	if err != nil {
		return g, err
	}
	g.LatencyMS = lat.P50
	if _, err := load.Wrk(page, 64, 3*time.Second); err != nil {
		return g, err
	}
	if _, g.RSSLoadMB, err = proc.Memory(p.PID()); err != nil {
		return g, err
	}
	p.Stop()

	dist := filepath.Join(r.Tmp, fmt.Sprintf("export-%d", n))
	t := time.Now()
	cmd := exec.Command(bin, "-export", dist, "-base-url", "https://cards.example.org")
	cmd.Dir = tree
	if out, err := cmd.CombinedOutput(); err != nil {
		return g, fmt.Errorf("export: %v\n%s", err, out)
	}
	g.ExportS = time.Since(t).Seconds()
	g.ExportCPUS = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	filepath.WalkDir(dist, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			g.ExportFiles++
		}
		return nil
	})
	os.RemoveAll(dist)
	os.RemoveAll(tree)
	return g, nil
}
