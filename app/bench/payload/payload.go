// Package payload measures what the card's server sends: the wasm's size against the floor
// (budget 1), and the encodings and caching headers of every file and page (budget 2).
package payload

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/bench/report"
	"eventcard/app/bench/run"

	"github.com/andybalholm/brotli"
)

// Wasm is budget 1: the card's app.wasm as srv sends it to a browser (brotli), against the
// floor built now with the same flags and compressed by the same tool (app/precompress,
// brotli 11), ≤ 1.10×. version is the one in the wasm's address.
func Wasm(r *run.Run, srv *proc.Proc, version string) error {
	floor := filepath.Join(r.Tmp, "floor.wasm")
	if err := r.GoBuild(r.Root, []string{"GOOS=js", "GOARCH=wasm"}, floor, "./app/bench/floor"); err != nil {
		return err
	}
	start := time.Now()
	cmd := exec.Command("go", "run", "./app/precompress", floor)
	cmd.Dir = r.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("precompress: %v\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "bench: compressed the floor in %s\n", time.Since(start).Round(time.Second))
	floorSizes, err := fileSizes(floor)
	if err != nil {
		return err
	}

	// The card's, as served: what a browser downloads (Chromium sends "br").
	served := map[string]int{}
	for _, enc := range []string{"br", "gzip", ""} {
		a, err := proc.Get(srv.URL+"/v/"+version+"/web/app.wasm", map[string]string{"Accept-Encoding": enc})
		if err != nil {
			return err
		}
		if a.Code != 200 || a.Header.Get("Content-Encoding") != enc {
			return fmt.Errorf("app.wasm (Accept-Encoding %q): %d, Content-Encoding %q", enc, a.Code, a.Header.Get("Content-Encoding"))
		}
		served[enc] = len(a.Body)
		if enc == "br" {
			raw, err := decode(a.Body, enc)
			if err != nil {
				return fmt.Errorf("the served wasm: %v", err)
			}
			if onDisk, _ := os.ReadFile(filepath.Join(r.Root, "web", "app.wasm")); !bytes.Equal(raw, onDisk) {
				return fmt.Errorf("the server sends another wasm than web/app.wasm: run make build")
			}
		}
	}
	card := map[string]int{"raw": served[""], "gzip": served["gzip"], "br": served["br"]}
	r.Report.Details["wasm"] = map[string]any{"card": card, "floor": floorSizes}
	ratio := float64(card["br"]) / float64(floorSizes["br"])
	size := func(n int) string { return report.Format(float64(n), "bytes") }
	r.Report.Add(report.Row{
		ID: "1", Name: "wasm payload (brotli, as served)", Unit: "bytes",
		Value:    float64(card["br"]),
		Baseline: &report.Baseline{Name: "floor", Value: float64(floorSizes["br"])},
		Budget:   "≤ 1.10× floor", Pass: ratio <= 1.10,
		Note: fmt.Sprintf("raw %s (floor %s), gzip -9 %s (floor %s), brotli 11 %s (floor %s): +%s brotli over the floor.",
			size(card["raw"]), size(floorSizes["raw"]), size(card["gzip"]), size(floorSizes["gzip"]),
			size(card["br"]), size(floorSizes["br"]), size(card["br"]-floorSizes["br"])),
	})
	return nil
}

// fileSizes are a built file's size and its precompressed siblings'.
func fileSizes(name string) (map[string]int, error) {
	out := map[string]int{}
	for k, suffix := range map[string]string{"raw": "", "gzip": ".gz", "br": ".br"} {
		st, err := os.Stat(name + suffix)
		if err != nil {
			return nil, err
		}
		out[k] = int(st.Size())
	}
	return out, nil
}

// decode reverses a Content-Encoding, br or gzip.
func decode(b []byte, enc string) ([]byte, error) {
	var out bytes.Buffer
	if enc == "br" {
		_, err := out.ReadFrom(brotli.NewReader(bytes.NewReader(b)))
		return out.Bytes(), err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	_, err = out.ReadFrom(zr)
	return out.Bytes(), err
}

// Compression is budget 2: each file a browser fetches for the card (the wasm, the loader, the
// style sheets, the scripts, the pages) in brotli or gzip as asked, with Vary, an ETag per
// encoding that revalidates (304), HEAD's headers equal to GET's, web/'s files under the
// version immutable and the rest revalidated; and compressed once, not per request: srv's
// CPU per brotli request against per plain request, same page, same run.
func Compression(r *run.Run, srv *proc.Proc, version string) error {
	v := "/v/" + version
	targets := []string{v + "/web/app.wasm", "/embed.js", v + "/web/card.css", "/app.css", v + "/web/card.js", "/app.js", "/wasm_exec.js",
		"/embed/" + r.Event + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es", "/fr/embed/" + r.Event + "/", "/events/" + r.Event}
	var failed []string
	checks := 0
	check := func(ok bool, what string, args ...any) {
		checks++
		if !ok {
			failed = append(failed, fmt.Sprintf(what, args...))
		}
	}
	for _, t := range targets {
		url := srv.URL + t
		plain, err := proc.Get(url, nil)
		if err != nil {
			return err
		}
		for _, enc := range []string{"br", "gzip"} {
			a, err := proc.Get(url, map[string]string{"Accept-Encoding": map[string]string{"br": "gzip, deflate, br, zstd", "gzip": "gzip"}[enc]})
			if err != nil {
				return err
			}
			check(a.Code == 200 && a.Header.Get("Content-Encoding") == enc, "%s: %d, Content-Encoding %q, want %s", t, a.Code, a.Header.Get("Content-Encoding"), enc)
			raw, err := decode(a.Body, enc)
			check(err == nil && bytes.Equal(raw, plain.Body), "%s (%s): does not decode to the plain body", t, enc)
			check(strings.Contains(strings.Join(a.Header.Values("Vary"), ","), "Accept-Encoding"), "%s (%s): Vary %q", t, enc, a.Header.Values("Vary"))
			etag := a.Header.Get("ETag")
			nm, err := proc.Get(url, map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
			if err != nil {
				return err
			}
			check(etag != "" && etag != plain.Header.Get("ETag") && nm.Code == 304 && len(nm.Body) == 0, "%s (%s): If-None-Match %s → %d", t, enc, etag, nm.Code)
			head, err := proc.Do("HEAD", url, map[string]string{"Accept-Encoding": enc})
			if err != nil {
				return err
			}
			check(head.Code == 200 && len(head.Body) == 0 && head.Header.Get("Content-Length") == fmt.Sprint(len(a.Body)) &&
				head.Header.Get("Content-Encoding") == enc && head.Header.Get("ETag") == etag, "%s (%s): HEAD %d, Content-Length %s", t, enc, head.Code, head.Header.Get("Content-Length"))
			cc := a.Header.Get("Cache-Control")
			if strings.HasPrefix(t, "/v/") {
				check(cc == "public, max-age=31536000, immutable", "%s: Cache-Control %q, want immutable", t, cc)
			} else {
				check(cc == "no-cache", "%s: Cache-Control %q, want no-cache", t, cc)
			}
		}
	}
	var brCPU, plainCPU []float64
	for range 3 {
		br, err := cpuPerRequest(srv, srv.URL+targets[7], "br")
		if err != nil {
			return err
		}
		plain, err := cpuPerRequest(srv, srv.URL+targets[7], "identity")
		if err != nil {
			return err
		}
		brCPU, plainCPU = append(brCPU, float64(br.Microseconds())), append(plainCPU, float64(plain.Microseconds()))
	}
	cpuRatio := report.Median(brCPU) / max(report.Median(plainCPU), 1)
	check(cpuRatio <= 1.5, "CPU per brotli request %.0f µs, per plain request %.0f µs", report.Median(brCPU), report.Median(plainCPU))
	r.Report.Details["compression"] = map[string]any{"targets": targets, "checks": checks, "failed": failed,
		"cpu_per_request_us": map[string]any{"br": brCPU, "identity": plainCPU}}
	note := fmt.Sprintf("%d files and pages × (brotli, gzip) × (encoding, decodes, Vary, ETag→304, HEAD, Cache-Control), and CPU per request: brotli %.0f µs, plain %.0f µs (%.2f×: compressed once, not per request).",
		len(targets), report.Median(brCPU), report.Median(plainCPU), cpuRatio)
	if len(failed) > 0 {
		note += " Failed: " + strings.Join(failed, "; ")
	}
	r.Report.Add(report.Row{ID: "2", Name: "compression and caching", Unit: "checks", Value: float64(checks - len(failed)),
		Budget: fmt.Sprintf("all %d", checks), Pass: len(failed) == 0, Note: note})
	return nil
}

// cpuPerRequest is srv's CPU time per answer of page in the encoding enc, over 3,000 answers:
// compressing a page takes about 60 ms, so compressing per request would show 1,000× more.
func cpuPerRequest(srv *proc.Proc, page, enc string) (time.Duration, error) {
	hdr := map[string]string{"Accept-Encoding": enc}
	if _, err := proc.Get(page, hdr); err != nil {
		return 0, err
	}
	before, err := proc.CPUTime(srv.PID())
	if err != nil {
		return 0, err
	}
	const n = 3000
	for range n {
		if _, err := proc.Get(page, hdr); err != nil {
			return 0, err
		}
	}
	after, err := proc.CPUTime(srv.PID())
	return (after - before) / n, err
}
