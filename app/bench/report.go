package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// A row is one performance budget as measured in this run: the value, the baseline measured
// beside it, their ratio, the budget and whether it holds. Times are medians of several runs.
type row struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Value    float64   `json:"value"`
	Unit     string    `json:"unit"`
	Baseline *baseline `json:"baseline,omitempty"`
	Ratio    float64   `json:"ratio,omitempty"` // Value / Baseline.Value, when there is one
	Budget   string    `json:"budget"`
	Pass     bool      `json:"pass"`
	Note     string    `json:"note,omitempty"`
	Samples  []float64 `json:"samples,omitempty"`
	noRatio  bool      // the baseline is context (a difference is the measure), not a divisor
}

type baseline struct {
	Name    string    `json:"name"`
	Value   float64   `json:"value"`
	Samples []float64 `json:"samples,omitempty"`
}

// report is what `make bench` prints and writes as JSON.
type report struct {
	Machine machine        `json:"machine"`
	Rows    []row          `json:"rows"`
	Growth  []growthRow    `json:"growth,omitempty"`
	Details map[string]any `json:"details,omitempty"`
	Failed  []string       `json:"failed,omitempty"` // rows that could not be measured, and why
}

func (r *report) add(x row) {
	if x.Baseline != nil && x.Baseline.Value != 0 && x.Ratio == 0 && !x.noRatio {
		x.Ratio = x.Value / x.Baseline.Value
	}
	r.Rows = append(r.Rows, x)
	fmt.Fprintf(os.Stderr, "bench: %s %s: %s\n", x.ID, x.Name, x.result())
}

func (x row) result() string {
	if x.Pass {
		return "PASS"
	}
	return "FAIL"
}

// format prints v in its unit, readably.
func format(v float64, unit string) string {
	switch unit {
	case "bytes":
		switch {
		case v >= 1e6:
			return fmt.Sprintf("%.3f MB", v/1e6)
		case v >= 1e3:
			return fmt.Sprintf("%.2f KB", v/1e3)
		}
		return fmt.Sprintf("%.0f B", v)
	case "ms":
		if v < 10 {
			return fmt.Sprintf("%.2f ms", v)
		}
		return fmt.Sprintf("%.1f ms", v)
	case "req/s":
		return fmt.Sprintf("%.0f req/s", v)
	case "MB":
		return fmt.Sprintf("%.1f MB", v)
	case "":
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.4g %s", v, unit)
}

// compared is a row's baseline and its ratio to it, as the tables write them ("" if none).
func (x row) compared() (base, ratio string) {
	if x.Baseline != nil {
		base = x.Baseline.Name + " " + format(x.Baseline.Value, x.Unit)
	}
	if x.Ratio != 0 {
		ratio = fmt.Sprintf("%.2f×", x.Ratio)
	}
	return base, ratio
}

func (r *report) print(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "\neventcard bench, %s: %s, %d CPUs, %s RAM; %s; %s; %s; %s\n\n", m.Date, m.CPU, m.CPUs, m.Memory, m.Go, m.Chromium, m.Nginx, m.Wrk)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tbudget\tmeasured\tbaseline (same run)\tratio\tbudget\tresult")
	for _, x := range r.Rows {
		base, ratio := x.compared()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.ID, x.Name, format(x.Value, x.Unit), base, ratio, x.Budget, x.result())
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

func (r *report) write(file string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// markdown is the table for the README's "Performance" section.
func (r *report) markdown(w io.Writer) {
	fmt.Fprintln(w, "| # | budget | measured | baseline (same run) | ratio | budget | result |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- |")
	for _, x := range r.Rows {
		base, ratio := x.compared()
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", x.ID, x.Name, format(x.Value, x.Unit), base, ratio, strings.ReplaceAll(x.Budget, "|", "\\|"), x.result())
	}
}

// median of xs (NaN for none).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func maxOf(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return slices.Max(xs)
}
