package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// growthRow is one tree of synthetic events: what the server and the export cost with it.
type growthRow struct {
	Events        int     `json:"events"`
	StartupMS     float64 `json:"startup_ms"`      // exec → /healthz answers; median of 3
	RSSStartMB    float64 `json:"rss_start_mb"`    // VmRSS once started; median of 3
	RSSLoadMB     float64 `json:"rss_load_mb"`     // VmHWM after wrk -c64 -d3s on one page
	FirstRenderMS float64 `json:"first_render_ms"` // a page nobody asked for yet (render + compress)
	LatencyMS     float64 `json:"latency_ms"`      // wrk -c1 -d3s on a rendered page: p50
	ExportS       float64 `json:"export_s"`        // the static export of the whole site: wall time
	ExportCPUS    float64 `json:"export_cpu_s"`    // and its CPU time (user + system), which the machine's other work hardly changes
	ExportFiles   int     `json:"export_files"`
	WasmBytes     int     `json:"wasm_bytes"` // app.wasm built from the tree
	WasmSame      bool    `json:"wasm_same"`  // byte for byte the working tree's
}

// growthMetrics are the columns that must grow no faster than the number of events.
var growthMetrics = []struct {
	name string
	get  func(growthRow) float64
}{
	{"start-up", func(r growthRow) float64 { return r.StartupMS }},
	{"RSS at start", func(r growthRow) float64 { return r.RSSStartMB }},
	{"RSS under load", func(r growthRow) float64 { return r.RSSLoadMB }},
	{"first render", func(r growthRow) float64 { return r.FirstRenderMS }},
	{"latency", func(r growthRow) float64 { return r.LatencyMS }},
	{"export (CPU)", func(r growthRow) float64 { return r.ExportCPUS }},
}

// growth is budget 7: trees of 1, 10, 100, 1000 events × 4 languages, copies of the real event
// with new ids, each built into its own binary (the events embedded, as deployed) and its own
// wasm. Every column grows no faster than linearly (each step at most its factor in events,
// +25% for noise); the wasm does not grow at all (events are data, not code).
func (b *bench) growth(counts []int) error {
	real, err := os.ReadFile(filepath.Join(b.root, "events", b.event+".toml"))
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(b.root, "web", "app.wasm"))
	if err != nil {
		return err
	}
	for _, n := range counts {
		start := time.Now()
		r, err := b.growthTree(n, real, wasm)
		if err != nil {
			return fmt.Errorf("%d events: %w", n, err)
		}
		b.report.Growth = append(b.report.Growth, r)
		fmt.Fprintf(os.Stderr, "bench: %d events: start-up %.0f ms, RSS %.1f/%.1f MB, first render %.1f ms, latency %.2f ms, export %.1f s (%s)\n",
			n, r.StartupMS, r.RSSStartMB, r.RSSLoadMB, r.FirstRenderMS, r.LatencyMS, r.ExportS, time.Since(start).Round(time.Second))
	}
	worst, where, pass := 0.0, "", true
	for i := 1; i < len(b.report.Growth); i++ {
		a, z := b.report.Growth[i-1], b.report.Growth[i]
		factor := float64(z.Events) / float64(a.Events)
		for _, m := range growthMetrics {
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
	for _, r := range b.report.Growth {
		same = same && r.WasmSame
	}
	b.report.add(row{ID: "7a", Name: "growth with events (steepest step)", Unit: "", Value: worst, Budget: "≤ linear (each step ≤ its factor +25%)", Pass: pass,
		Note: fmt.Sprintf("steepest: %s, growth exponent %.2f (1 is linear).", where, worst)})
	first, last := b.report.Growth[0], b.report.Growth[len(b.report.Growth)-1]
	b.report.add(row{ID: "7b", Name: fmt.Sprintf("wasm size with %d → %d events", first.Events, last.Events), Unit: "bytes", Value: float64(b.report.Growth[len(b.report.Growth)-1].WasmBytes),
		Baseline: &baseline{Name: fmt.Sprintf("%d event(s)", b.report.Growth[0].Events), Value: float64(b.report.Growth[0].WasmBytes)}, Budget: "the same bytes", Pass: same})
	return nil
}

func (b *bench) growthTree(n int, realEvent, wasm []byte) (growthRow, error) {
	r := growthRow{Events: n}
	tree := filepath.Join(b.tmp, fmt.Sprintf("tree-%d", n))
	if err := b.copyTree(tree); err != nil {
		return r, err
	}
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("bench-event-%04d", i)
		e := bytes.Replace(realEvent, []byte(`id = "`+b.event+`"`), []byte(`id = "`+ids[i]+`"`), 1)
		if bytes.Equal(e, realEvent) {
			return r, fmt.Errorf("events/%s.toml: no id line", b.event)
		}
		if err := os.WriteFile(filepath.Join(tree, "events", ids[i]+".toml"), e, 0o644); err != nil {
			return r, err
		}
		if err := copyDir(filepath.Join(b.root, "locales", "events", b.event), filepath.Join(tree, "locales", "events", ids[i]), func(name string) bool {
			return strings.HasPrefix(name, "active.")
		}); err != nil {
			return r, err
		}
	}
	bin := filepath.Join(tree, "bin", "eventcard")
	if err := b.goBuild(tree, nil, bin, "."); err != nil {
		return r, err
	}
	built := filepath.Join(b.tmp, fmt.Sprintf("app-%d.wasm", n))
	if err := b.goBuild(tree, []string{"GOOS=js", "GOARCH=wasm"}, built, "./wasm"); err != nil {
		return r, err
	}
	w, err := os.ReadFile(built)
	if err != nil {
		return r, err
	}
	r.WasmBytes, r.WasmSame = len(w), bytes.Equal(w, wasm)

	var startups, rss []float64
	for range 3 {
		p, err := startProc(bin, tree, filepath.Join(b.tmp, fmt.Sprintf("server-%d.log", n)), nil)
		if err != nil {
			return r, err
		}
		m, _, err := memory(p.pid())
		p.stop()
		if err != nil {
			return r, err
		}
		startups, rss = append(startups, float64(p.started.Microseconds())/1000), append(rss, m)
	}
	r.StartupMS, r.RSSStartMB = median(startups), median(rss)

	p, err := startProc(bin, tree, filepath.Join(b.tmp, fmt.Sprintf("server-%d.log", n)), nil)
	if err != nil {
		return r, err
	}
	defer p.stop()
	var firsts []float64
	for _, page := range []string{"/en/embed/" + ids[n-1] + "/", "/fr/embed/" + ids[n/2] + "/", "/pt/events/" + ids[0] + "/"} {
		t := time.Now()
		a, err := httpGet(p.url+page, map[string]string{"Accept-Encoding": "br"})
		if err != nil || a.code != 200 {
			return r, fmt.Errorf("first render of %s: %d %v", page, a.code, err)
		}
		firsts = append(firsts, float64(time.Since(t).Microseconds())/1000)
	}
	r.FirstRenderMS = median(firsts)
	page := p.url + "/embed/" + ids[0] + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es"
	if _, err := httpGet(page, map[string]string{"Accept-Encoding": "br"}); err != nil {
		return r, err
	}
	lat, err := runWrk(page, 1, 3*time.Second)
	if err != nil {
		return r, err
	}
	r.LatencyMS = lat.P50
	if _, err := runWrk(page, 64, 3*time.Second); err != nil {
		return r, err
	}
	if _, r.RSSLoadMB, err = memory(p.pid()); err != nil {
		return r, err
	}
	p.stop()

	dist := filepath.Join(b.tmp, fmt.Sprintf("export-%d", n))
	t := time.Now()
	cmd := exec.Command(bin, "-export", dist, "-base-url", "https://cards.example.org")
	cmd.Dir = tree
	if out, err := cmd.CombinedOutput(); err != nil {
		return r, fmt.Errorf("export: %v\n%s", err, out)
	}
	r.ExportS = time.Since(t).Seconds()
	r.ExportCPUS = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	filepath.WalkDir(dist, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r.ExportFiles++
		}
		return nil
	})
	os.RemoveAll(dist)
	os.RemoveAll(tree)
	return r, nil
}

// copyTree copies what building the project needs (the module, its code, web/ with the built
// wasm and its siblings, locales/ but the events' texts) into dir, with an empty events/.
func (b *bench) copyTree(dir string) error {
	for _, f := range []string{"go.mod", "go.sum", "main.go"} {
		if err := copyFile(filepath.Join(b.root, f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	for _, d := range []string{"app", "wasm", "web", "locales"} {
		err := copyDir(filepath.Join(b.root, d), filepath.Join(dir, d), func(name string) bool {
			return !strings.HasSuffix(name, "_test.go")
		})
		if err != nil {
			return err
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "locales", "events")); err != nil {
		return err
	}
	for _, d := range []string{"events", "locales/events", "bin"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// copyDir copies the files of src whose base name keep accepts into dst, recursively.
func copyDir(src, dst string, keep func(name string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !keep(d.Name()) {
			return nil
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func printGrowth(w io.Writer, rows []growthRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "events × 4 languages\tstart-up\tRSS at start\tRSS under load\tfirst render\tlatency p50\texport (CPU)\tfiles exported\twasm\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%.0f ms\t%.1f MB\t%.1f MB\t%.1f ms\t%.2f ms\t%.1f s (%.1f s)\t%d\t%s%s\t\n", r.Events, r.StartupMS, r.RSSStartMB, r.RSSLoadMB,
			r.FirstRenderMS, r.LatencyMS, r.ExportS, r.ExportCPUS, r.ExportFiles, format(float64(r.WasmBytes), "bytes"), map[bool]string{true: " (same)", false: " (differs)"}[r.WasmSame])
	}
	tw.Flush()
}

func growthMarkdown(w io.Writer, rows []growthRow) {
	fmt.Fprintln(w, "| events × 4 languages | start-up | RSS at start | RSS under load | first render | latency p50 | export (CPU) | files exported | wasm |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		fmt.Fprintf(w, "| %d | %.0f ms | %.1f MB | %.1f MB | %.1f ms | %.2f ms | %.1f s (%.1f s) | %d | %s%s |\n", r.Events, r.StartupMS, r.RSSStartMB, r.RSSLoadMB,
			r.FirstRenderMS, r.LatencyMS, r.ExportS, r.ExportCPUS, r.ExportFiles, format(float64(r.WasmBytes), "bytes"), map[bool]string{true: " (same)", false: " (differs)"}[r.WasmSame])
	}
}
