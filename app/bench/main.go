// Command bench measures the card against the README's performance budgets, each beside a baseline measured in
// the same run (machines here are noisy: a ratio survives noise that a number does not), and
// prints one table (README, "Performance"). `make bench` builds what it needs first and runs
//
//	go run ./app/bench -goflags "-trimpath -ldflags='-s -w'"
//
// from the project's root. What it compares:
//  1. the card's app.wasm as served (brotli) against the floor, a minimal go-app client
//     (./floor) built with the same flags now;
//  2. the encodings and caching headers of the wasm, the loader, the style sheets, the scripts
//     and the pages, and the server's CPU per brotli request against per plain request;
//  3. in Chromium, snippet inserted → card text painted in its frame, against the same page
//     as a static HTML file (its scripts removed) served by the same server;
//  4. the loader's gzip size, the main-thread time it adds to the partner's page (with the
//     snippet against without), the partner page's layout shift;
//  5. a language switch in the card (click → new text in the DOM) against reloading the frame
//     in the new language;
//  6. wrk against the prerendered embed page: the server against nginx serving the static
//     export of the same build, and the server's memory under that load;
//  7. synthetic events (1, 10, 100, 1000 × 4 languages): start-up, memory, export and
//     per-request latency, and the wasm built from each tree.
//
// It writes the table as JSON too (-out). Timing never goes into `make test`.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

type bench struct {
	root    string   // the project
	tmp     string   // everything the run makes
	goflags []string // the card's build flags, for the floor and the synthetic trees
	runs    int      // browser runs per variant
	report  report
	server  *proc // bin/eventcard on the working tree, for rows 1, 2 and 6
	version string
	event   string // the event the measures show (the README's)
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "-serve-bytes" {
		serveBytes(os.Args[2], os.Args[3]) // budget 6's net/http floor, in a process of its own
		return
	}
	root := flag.String("root", ".", "the project's root")
	out := flag.String("out", "bin/bench.json", "where to write the table as JSON")
	goflags := flag.String("goflags", "-trimpath -ldflags='-s -w'", "the card's build flags (the Makefile's GOFLAGS_BUILD)")
	runs := flag.Int("runs", 11, "runs per variant of each browser measure (the median is kept)")
	only := flag.String("only", "1,2,3,4,5,6,7", "the budgets to measure, by number")
	sizes := flag.String("events", "1,10,100,1000", "event counts for the growth table (budget 7)")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	flag.Parse()

	b := &bench{root: *root, runs: *runs, event: "where-are-the-women-2020", goflags: splitFlags(*goflags)}
	var err error
	if b.root, err = filepath.Abs(b.root); err != nil {
		fatal(err)
	}
	if b.tmp, err = os.MkdirTemp("", "eventcard-bench-"); err != nil {
		fatal(err)
	}
	if !*keep {
		defer os.RemoveAll(b.tmp)
	} else {
		fmt.Fprintln(os.Stderr, "bench: keeping", b.tmp)
	}
	b.report.Machine = readMachine()
	b.report.Details = map[string]any{}

	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		want[strings.TrimSpace(n)] = true
	}
	try := func(name string, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %s: %v\n", name, err)
			b.report.Failed = append(b.report.Failed, name+": "+err.Error())
		}
		fmt.Fprintf(os.Stderr, "bench: %s took %s\n", name, time.Since(start).Round(time.Second))
	}

	if want["1"] || want["2"] || want["6"] {
		try("the server", b.startServer)
		defer b.server.stop()
	}
	if want["1"] {
		try("1 wasm payload", b.wasmPayload)
	}
	if want["2"] && b.server != nil {
		try("2 compression and caching", b.compression)
	}
	if want["3"] || want["4"] || want["5"] {
		try("3-5 in Chromium", func() error { return b.browser(want) })
	}
	if want["6"] && b.server != nil {
		try("6 server throughput", b.throughput)
	}
	if b.server != nil {
		b.server.stop()
	}
	if want["7"] {
		var counts []int
		for _, s := range strings.Split(*sizes, ",") {
			var n int
			if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
				fatal(fmt.Errorf("-events: %q", s))
			}
			counts = append(counts, n)
		}
		try("7 growth", func() error { return b.growth(counts) })
	}

	b.report.print(os.Stdout)
	if !filepath.IsAbs(*out) {
		*out = filepath.Join(b.root, *out)
	}
	if err := b.report.write(*out); err != nil {
		fatal(err)
	}
	var md strings.Builder
	b.report.markdown(&md)
	if len(b.report.Growth) > 0 {
		md.WriteString("\n")
		growthMarkdown(&md, b.report.Growth)
	}
	if err := os.WriteFile(strings.TrimSuffix(*out, ".json")+".md", []byte(md.String()), 0o644); err != nil {
		fatal(err)
	}
	fmt.Printf("\nWritten: %s (and the tables as Markdown beside it).\n", *out)
}

// startServer starts bin/eventcard (built by `make bench` from the working tree).
func (b *bench) startServer() error {
	p, err := startProc(filepath.Join(b.root, "bin", "eventcard"), b.root, filepath.Join(b.tmp, "server.log"), nil)
	if err != nil {
		return err
	}
	b.server = p
	appJS, err := httpGet(p.url+"/app.js", nil)
	if err != nil {
		return err
	}
	m := versionRE.FindStringSubmatch(string(appJS.body))
	if m == nil {
		return fmt.Errorf("app.js names no versioned wasm")
	}
	b.version = m[1]
	return nil
}

// goBuild runs go build in dir with the card's flags.
func (b *bench) goBuild(dir string, env []string, out, pkg string) error {
	args := append([]string{"build"}, b.goflags...)
	args = append(args, "-o", out, pkg)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return nil
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

type machine struct {
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

func readMachine() machine {
	m := machine{Date: time.Now().UTC().Format("2006-01-02"), CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.Join(strings.Fields(v), " ")
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%f", &kb)
		m.Memory = fmt.Sprintf("%.0f GiB", kb/(1<<20))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(b))
	}
	version := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil && len(out) == 0 {
			return name + " (missing)"
		}
		return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	for _, l := range strings.Split(version("chromium", "--version")+"\n"+func() string {
		out, _ := exec.Command("chromium", "--version").Output()
		return string(out)
	}(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Chromium") {
			m.Chromium = strings.TrimSpace(l)
		}
	}
	m.Nginx = strings.TrimPrefix(version(nginxPath(), "-v"), "nginx version: ")
	if f := strings.Fields(version("wrk", "-v")); len(f) >= 2 {
		m.Wrk = f[0] + " " + f[1]
	}
	return m
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
