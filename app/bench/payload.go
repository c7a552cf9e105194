package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// wasmPayload is budget 1: the card's app.wasm as the server sends it to a browser (brotli),
// against the floor built now with the same flags and compressed by the same tool
// (app/precompress, brotli 11), ≤ 1.10×.
func (b *bench) wasmPayload() error {
	floor := filepath.Join(b.tmp, "floor.wasm")
	if err := b.goBuild(b.root, []string{"GOOS=js", "GOARCH=wasm"}, floor, "./app/bench/floor"); err != nil {
		return err
	}
	start := time.Now()
	cmd := exec.Command("go", "run", "./app/precompress", floor)
	cmd.Dir = b.root
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
		a, err := httpGet(b.server.url+"/v/"+b.version+"/web/app.wasm", map[string]string{"Accept-Encoding": enc})
		if err != nil {
			return err
		}
		if a.code != 200 || a.header.Get("Content-Encoding") != enc {
			return fmt.Errorf("app.wasm (Accept-Encoding %q): %d, Content-Encoding %q", enc, a.code, a.header.Get("Content-Encoding"))
		}
		served[enc] = len(a.body)
		if enc == "br" {
			raw, err := readAllBrotli(a.body)
			if err != nil {
				return fmt.Errorf("the served wasm: %v", err)
			}
			if onDisk, _ := os.ReadFile(filepath.Join(b.root, "web", "app.wasm")); !bytes.Equal(raw, onDisk) {
				return fmt.Errorf("the server sends another wasm than web/app.wasm: run make build")
			}
		}
	}
	card := map[string]int{"raw": served[""], "gzip": served["gzip"], "br": served["br"]}
	b.report.Details["wasm"] = map[string]any{"card": card, "floor": floorSizes}
	ratio := float64(card["br"]) / float64(floorSizes["br"])
	b.report.add(row{
		ID: "1", Name: "wasm payload (brotli, as served)", Unit: "bytes",
		Value:    float64(card["br"]),
		Baseline: &baseline{Name: "floor", Value: float64(floorSizes["br"])},
		Budget:   "≤ 1.10× floor", Pass: ratio <= 1.10,
		Note: fmt.Sprintf("raw %s (floor %s), gzip -9 %s (floor %s), brotli 11 %s (floor %s): +%s brotli over the floor.",
			format(float64(card["raw"]), "bytes"), format(float64(floorSizes["raw"]), "bytes"),
			format(float64(card["gzip"]), "bytes"), format(float64(floorSizes["gzip"]), "bytes"),
			format(float64(card["br"]), "bytes"), format(float64(floorSizes["br"]), "bytes"),
			format(float64(card["br"]-floorSizes["br"]), "bytes")),
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

func readAllBrotli(b []byte) ([]byte, error) {
	var out bytes.Buffer
	_, err := out.ReadFrom(brotli.NewReader(bytes.NewReader(b)))
	return out.Bytes(), err
}

func readAllGzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	_, err = out.ReadFrom(zr)
	return out.Bytes(), err
}

// compression is budget 2: each file a browser fetches for the card (the wasm, the loader, the
// style sheets, the scripts, the pages) in brotli or gzip as asked, with Vary, an ETag per
// encoding that revalidates (304), HEAD's headers equal to GET's, web/'s files under the
// version immutable and the rest revalidated; and compressed once, not per request: the
// server's CPU per brotli request against per plain request, same page, same run.
func (b *bench) compression() error {
	v := "/v/" + b.version
	targets := []string{v + "/web/app.wasm", "/embed.js", v + "/web/card.css", "/app.css", v + "/web/card.js", "/app.js", "/wasm_exec.js",
		"/embed/" + b.event + "?origin=http%3A%2F%2Flocalhost%3A8080&hl=es", "/fr/embed/" + b.event + "/", "/events/" + b.event}
	var failed []string
	checks := 0
	check := func(ok bool, what string, args ...any) {
		checks++
		if !ok {
			failed = append(failed, fmt.Sprintf(what, args...))
		}
	}
	for _, t := range targets {
		url := b.server.url + t
		plain, err := httpGet(url, nil)
		if err != nil {
			return err
		}
		for _, enc := range []string{"br", "gzip"} {
			a, err := httpGet(url, map[string]string{"Accept-Encoding": map[string]string{"br": "gzip, deflate, br, zstd", "gzip": "gzip"}[enc]})
			if err != nil {
				return err
			}
			check(a.code == 200 && a.header.Get("Content-Encoding") == enc, "%s: %d, Content-Encoding %q, want %s", t, a.code, a.header.Get("Content-Encoding"), enc)
			var raw []byte
			if enc == "br" {
				raw, err = readAllBrotli(a.body)
			} else {
				raw, err = readAllGzip(a.body)
			}
			check(err == nil && bytes.Equal(raw, plain.body), "%s (%s): does not decode to the plain body", t, enc)
			check(strings.Contains(strings.Join(a.header.Values("Vary"), ","), "Accept-Encoding"), "%s (%s): Vary %q", t, enc, a.header.Values("Vary"))
			etag := a.header.Get("ETag")
			nm, err := httpGet(url, map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
			if err != nil {
				return err
			}
			check(etag != "" && etag != plain.header.Get("ETag") && nm.code == 304 && len(nm.body) == 0, "%s (%s): If-None-Match %s → %d", t, enc, etag, nm.code)
			head, err := httpDo("HEAD", url, map[string]string{"Accept-Encoding": enc})
			if err != nil {
				return err
			}
			check(head.code == 200 && len(head.body) == 0 && head.header.Get("Content-Length") == fmt.Sprint(len(a.body)) &&
				head.header.Get("Content-Encoding") == enc && head.header.Get("ETag") == etag, "%s (%s): HEAD %d, Content-Length %s", t, enc, head.code, head.header.Get("Content-Length"))
			cc := a.header.Get("Cache-Control")
			if strings.HasPrefix(t, "/v/") {
				check(cc == "public, max-age=31536000, immutable", "%s: Cache-Control %q, want immutable", t, cc)
			} else {
				check(cc == "no-cache", "%s: Cache-Control %q, want no-cache", t, cc)
			}
		}
	}
	// Never per request: the server's CPU for 3,000 brotli answers against 3,000 plain ones of
	// the same page (compressing a page takes ~60 ms: per request, it would be ~1,000× more).
	page := b.server.url + targets[7]
	perRequest := func(enc string) (time.Duration, error) {
		hdr := map[string]string{"Accept-Encoding": enc}
		if _, err := httpGet(page, hdr); err != nil {
			return 0, err
		}
		before, err := cpuTime(b.server.pid())
		if err != nil {
			return 0, err
		}
		const n = 3000
		for range n {
			if _, err := httpGet(page, hdr); err != nil {
				return 0, err
			}
		}
		after, err := cpuTime(b.server.pid())
		return (after - before) / n, err
	}
	var brCPU, plainCPU []float64
	for range 3 {
		br, err := perRequest("br")
		if err != nil {
			return err
		}
		plain, err := perRequest("identity")
		if err != nil {
			return err
		}
		brCPU, plainCPU = append(brCPU, float64(br.Microseconds())), append(plainCPU, float64(plain.Microseconds()))
	}
	cpuRatio := median(brCPU) / max(median(plainCPU), 1)
	check(cpuRatio <= 1.5, "CPU per brotli request %.0f µs, per plain request %.0f µs", median(brCPU), median(plainCPU))
	b.report.Details["compression"] = map[string]any{"targets": targets, "checks": checks, "failed": failed,
		"cpu_per_request_us": map[string]any{"br": brCPU, "identity": plainCPU}}
	note := fmt.Sprintf("%d files and pages × (brotli, gzip) × (encoding, decodes, Vary, ETag→304, HEAD, Cache-Control), and CPU per request: brotli %.0f µs, plain %.0f µs (%.2f×: compressed once, not per request).",
		len(targets), median(brCPU), median(plainCPU), cpuRatio)
	if len(failed) > 0 {
		note += " Failed: " + strings.Join(failed, "; ")
	}
	b.report.add(row{ID: "2", Name: "compression and caching", Unit: "checks", Value: float64(checks - len(failed)),
		Budget: fmt.Sprintf("all %d", checks), Pass: len(failed) == 0, Note: note})
	return nil
}
