// Command bench measures the card against the README's performance budgets (README,
// "Performance"), each beside a baseline measured in the same run, and prints one table, which
// it writes as JSON and Markdown too.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"eventcard/app/bench/browser"
	"eventcard/app/bench/engines"
	"eventcard/app/bench/growth"
	"eventcard/app/bench/load"
	"eventcard/app/bench/payload"
	"eventcard/app/bench/proc"
	"eventcard/app/bench/report"
	"eventcard/app/bench/run"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == load.ServeBytesFlag {
		if err := load.ServeBytes(os.Args[2], os.Args[3]); err != nil { // budget 6's net/http floor, in a process of its own
			fatal(err)
		}
		return
	}
	root := flag.String("root", ".", "the project's root")
	out := flag.String("out", "bin/bench.json", "where to write the table as JSON")
	goflags := flag.String("goflags", "-trimpath -ldflags='-s -w'", "the card's build flags (the Makefile's GOFLAGS_BUILD)")
	runs := flag.Int("runs", 11, "runs per variant of each browser measure (the median is kept)")
	only := flag.String("only", "1,2,3,4,5,6,7,8", "the budgets to measure, by number")
	sizes := flag.String("events", "1,10,100,1000", "event counts for the growth table (budget 7)")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	flag.Parse()

	r := &run.Run{Root: *root, Runs: *runs, Event: "where-are-the-women-2020", GoFlags: splitFlags(*goflags),
		Report: &report.Report{Machine: readMachine(), Details: map[string]any{}}}
	var err error
	if r.Root, err = filepath.Abs(r.Root); err != nil {
		fatal(err)
	}
	if r.Tmp, err = os.MkdirTemp("", "eventcard-bench-"); err != nil {
		fatal(err)
	}
	if !*keep {
		defer os.RemoveAll(r.Tmp)
	} else {
		fmt.Fprintln(os.Stderr, "bench: keeping", r.Tmp)
	}

	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		want[strings.TrimSpace(n)] = true
	}
	try := func(name string, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %s: %v\n", name, err)
			r.Report.Failed = append(r.Report.Failed, name+": "+err.Error())
		}
		fmt.Fprintf(os.Stderr, "bench: %s took %s\n", name, time.Since(start).Round(time.Second))
	}

	// bin/eventcard on the working tree, for budgets 1, 2 and 6.
	var server *proc.Proc
	var version string
	if want["1"] || want["2"] || want["6"] {
		try("the server", func() (err error) {
			server, version, err = startServer(r)
			return err
		})
		defer server.Stop()
	}
	if want["1"] && server != nil {
		try("1 wasm payload", func() error { return payload.Wasm(r, server, version) })
	}
	if want["2"] && server != nil {
		try("2 compression and caching", func() error { return payload.Compression(r, server, version) })
	}
	if want["3"] || want["4"] || want["5"] || want["8"] {
		try("3-5 in Chromium", func() error { return browser.Measure(r, want) })
	}
	if want["5"] {
		try("5 the first switch in every engine", func() error { return engines.Switch(r) })
	}
	if want["6"] && server != nil {
		try("6 server throughput", func() error { return load.Throughput(r, server) })
	}
	server.Stop()
	if want["7"] {
		counts, err := parseCounts(*sizes)
		if err != nil {
			fatal(err)
		}
		try("7 growth", func() error { return growth.Measure(r, counts) })
	}

	r.Report.Print(os.Stdout)
	if !filepath.IsAbs(*out) {
		*out = filepath.Join(r.Root, *out)
	}
	if err := r.Report.Write(*out); err != nil {
		fatal(err)
	}
	fmt.Printf("\nWritten: %s (and the tables as Markdown beside it).\n", *out)
}

var versionRE = regexp.MustCompile(`"/v/([0-9a-f]+)/web/app\.wasm"`)

// startServer starts bin/eventcard (built by `make bench` from the working tree) and reads the
// version in its wasm's address.
func startServer(r *run.Run) (*proc.Proc, string, error) {
	p, err := proc.Serve(filepath.Join(r.Root, "bin", "eventcard"), r.Root, filepath.Join(r.Tmp, "server.log"), nil)
	if err != nil {
		return nil, "", err
	}
	appJS, err := proc.Get(p.URL+"/app.js", nil)
	if err != nil {
		return p, "", err
	}
	m := versionRE.FindStringSubmatch(string(appJS.Body))
	if m == nil {
		return p, "", fmt.Errorf("app.js names no versioned wasm")
	}
	return p, m[1], nil
}

// parseCounts reads -events: event counts, 1 or more each.
func parseCounts(s string) ([]int, error) {
	var counts []int
	for _, f := range strings.Split(s, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(f), &n); err != nil || n < 1 {
			return nil, fmt.Errorf("-events: %q", f)
		}
		counts = append(counts, n)
	}
	return counts, nil
}

// splitFlags splits a flag string as a shell would, for the Makefile's quoting: -ldflags='-s -w'.
func splitFlags(s string) []string {
	var out []string
	var cur strings.Builder
	quote, in := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '\'' || r == '"'):
			quote, in = r, true
		case quote == 0 && (r == ' ' || r == '\t'):
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
