package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// A GrowthRow is one tree of synthetic events: what the server and the export cost with it.
type GrowthRow struct {
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

var growthColumns = []string{"events × 4 languages", "start-up", "RSS at start", "RSS under load", "first render",
	"latency p50", "export (CPU)", "files exported", "wasm"}

// printGrowth writes the growth table as text, its numbers aligned right.
func printGrowth(w io.Writer, rows []GrowthRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(growthColumns, "\t")+"\t")
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r.cells(), "\t")+"\t")
	}
	tw.Flush()
}

// cells are the row as the tables write it, one cell per column of growthColumns.
func (r GrowthRow) cells() []string {
	wasm := Format(float64(r.WasmBytes), "bytes") + " (differs)"
	if r.WasmSame {
		wasm = Format(float64(r.WasmBytes), "bytes") + " (same)"
	}
	return []string{
		fmt.Sprint(r.Events),
		fmt.Sprintf("%.0f ms", r.StartupMS),
		fmt.Sprintf("%.1f MB", r.RSSStartMB),
		fmt.Sprintf("%.1f MB", r.RSSLoadMB),
		fmt.Sprintf("%.1f ms", r.FirstRenderMS),
		fmt.Sprintf("%.2f ms", r.LatencyMS),
		fmt.Sprintf("%.1f s (%.1f s)", r.ExportS, r.ExportCPUS),
		fmt.Sprint(r.ExportFiles),
		wasm,
	}
}
