// Package report holds the bench's tables (a row per budget, a row per tree of synthetic events)
// and prints them as text, JSON and Markdown.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// Report is what `make bench` prints and writes as JSON.
type Report struct {
	Machine Machine        `json:"machine"`
	Rows    []Row          `json:"rows"`
	Growth  []GrowthRow    `json:"growth,omitempty"`
	Details map[string]any `json:"details,omitempty"`
	Failed  []string       `json:"failed,omitempty"` // rows that could not be measured, and why
}

// Machine is where the run took place, and the versions of what it ran.
type Machine struct {
	Date     string `json:"date"`
	CPU      string `json:"cpu"`
	CPUs     int    `json:"cpus"`
	Memory   string `json:"memory"`
	Kernel   string `json:"kernel"`
	Go       string `json:"go"`
	Chromium string `json:"chromium"`
	Nginx    string `json:"nginx"`
	Wrk      string `json:"wrk"`
}

// A Row is one performance budget as measured in this run: the value, the baseline measured
// beside it, their ratio, the budget and whether it holds. Times are medians of several runs.
type Row struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Value    float64   `json:"value"`
	Unit     string    `json:"unit"`
	Baseline *Baseline `json:"baseline,omitempty"`
	Ratio    float64   `json:"ratio,omitempty"` // Value / Baseline.Value, when there is one
	Budget   string    `json:"budget"`
	Pass     bool      `json:"pass"`
	Note     string    `json:"note,omitempty"`
	Samples  []float64 `json:"samples,omitempty"`
	NoRatio  bool      `json:"-"` // the baseline is context (a difference is the measure), not a divisor
}

// A Baseline is what a row's value is measured against, in the same run.
type Baseline struct {
	Name    string    `json:"name"`
	Value   float64   `json:"value"`
	Samples []float64 `json:"samples,omitempty"`
}

// Add appends x, its ratio computed, and says on stderr whether it passes.
func (r *Report) Add(x Row) {
	if x.Baseline != nil && x.Baseline.Value != 0 && x.Ratio == 0 && !x.NoRatio {
		x.Ratio = x.Value / x.Baseline.Value
	}
	r.Rows = append(r.Rows, x)
	fmt.Fprintf(os.Stderr, "bench: %s %s: %s\n", x.ID, x.Name, x.result())
}

// Print writes the tables as text: the machine, the budgets, the growth table, the rows' notes,
// what could not be measured and how many budgets pass.
func (r *Report) Print(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "\neventcard bench, %s: %s, %d CPUs, %s RAM; %s; %s; %s; %s\n\n", m.Date, m.CPU, m.CPUs, m.Memory, m.Go, m.Chromium, m.Nginx, m.Wrk)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(rowColumns, "\t"))
	for _, x := range r.Rows {
		fmt.Fprintln(tw, strings.Join(x.cells(), "\t"))
	}
	tw.Flush()
	if len(r.Growth) > 0 {
		fmt.Fprintln(w)
		printGrowth(w, r.Growth)
	}
	for _, x := range r.Rows {
		if x.Note != "" {
			fmt.Fprintf(w, "\n%s %s: %s", x.ID, x.Name, x.Note)
		}
	}
	fmt.Fprintln(w)
	for _, f := range r.Failed {
		fmt.Fprintf(w, "\nnot measured: %s", f)
	}
	pass := 0
	for _, x := range r.Rows {
		if x.Pass {
			pass++
		}
	}
	fmt.Fprintf(w, "\n%d of %d budgets pass.\n", pass, len(r.Rows))
}

// Write writes the report as JSON to file, and its tables as Markdown beside it (.md).
func (r *Report) Write(file string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
		return err
	}
	var md strings.Builder
	r.markdown(&md)
	return os.WriteFile(strings.TrimSuffix(file, ".json")+".md", []byte(md.String()), 0o644)
}

// markdown writes the tables for the README's "Performance" section.
func (r *Report) markdown(w io.Writer) {
	rows := make([][]string, len(r.Rows))
	for i, x := range r.Rows {
		rows[i] = x.cells()
	}
	markdownTable(w, rowColumns, "---", rows)
	if len(r.Growth) > 0 {
		growth := make([][]string, len(r.Growth))
		for i, g := range r.Growth {
			growth[i] = g.cells()
		}
		fmt.Fprintln(w)
		markdownTable(w, growthColumns, "---:", growth)
	}
}

// markdownTable writes a Markdown table: the header, the line under it (align in every
// column), the rows.
func markdownTable(w io.Writer, header []string, align string, rows [][]string) {
	fmt.Fprintln(w, markdownLine(header))
	fmt.Fprintln(w, "|"+strings.Repeat(" "+align+" |", len(header)))
	for _, cells := range rows {
		fmt.Fprintln(w, markdownLine(cells))
	}
}

func markdownLine(cells []string) string {
	escaped := make([]string, len(cells))
	for i, c := range cells {
		escaped[i] = strings.ReplaceAll(c, "|", "\\|")
	}
	return "| " + strings.Join(escaped, " | ") + " |"
}

var rowColumns = []string{"#", "budget", "measured", "baseline (same run)", "ratio", "budget", "result"}

// cells are the row as the tables write it, one cell per column of rowColumns.
func (x Row) cells() []string {
	base, ratio := "", ""
	if x.Baseline != nil {
		base = x.Baseline.Name + " " + Format(x.Baseline.Value, x.Unit)
	}
	if x.Ratio != 0 {
		ratio = fmt.Sprintf("%.2f×", x.Ratio)
	}
	return []string{x.ID, x.Name, Format(x.Value, x.Unit), base, ratio, x.Budget, x.result()}
}

func (x Row) result() string {
	if x.Pass {
		return "PASS"
	}
	return "FAIL"
}
