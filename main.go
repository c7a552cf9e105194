// Command eventcard serves the event card: the prerendered pages, the partner loader
// (/embed.js), the demo partner page and the wasm, all embedded in this one binary.
//
//	make run                  # builds the wasm and this server, serves on 127.0.0.1:8000
//	ADDR=0.0.0.0:9000 make run
package main

import (
	"embed"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"time"
	_ "time/tzdata" // event time zones, whatever the host has installed

	"eventcard/app/server"
)

// The files the server serves and reads: built assets (web/, including app.wasm, so build the
// wasm first), translations and events.
//
//go:embed web locales events
var files embed.FS

func main() {
	addr := flag.String("addr", envOr("ADDR", "127.0.0.1:8000"), "address to listen on (env ADDR)")
	base := flag.String("base-url", os.Getenv("BASE_URL"), "public origin of the widget, for canonical URLs (env BASE_URL; default http://ADDR)")
	export := flag.String("export", "", "write the site for a static host into this folder (empty or absent), then exit; see README, \"Static hosting\"")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *base == "" {
		*base = "http://" + *addr
	}
	srv, err := server.New(files, server.Config{BaseURL: *base, Log: log})
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	if *export != "" {
		exportSite(srv, *export, *base, log)
		return
	}
	log.Info("serving", "addr", "http://"+*addr, "demo", "http://"+*addr+"/demo", "version", srv.Version())
	hs := &http.Server{Addr: *addr, Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serving", "err", err)
		os.Exit(1)
	}
}

// exportSite writes the static site (make static) and says what it wrote.
func exportSite(srv *server.Server, dir, base string, log *slog.Logger) {
	if os.Getenv("BASE_URL") == "" && !flagSet("base-url") {
		log.Warn("no BASE_URL: the pages' canonical addresses name " + base + "; set BASE_URL to where the site will be served")
	}
	start := time.Now()
	out, err := srv.Export(dir)
	if err != nil {
		log.Error("export", "err", err)
		os.Exit(1)
	}
	log.Info("exported", "dir", dir, "base", base, "files", len(out.Files), "bytes", out.Bytes,
		"compressed", out.Compressed, "gzip_bytes", out.GzipBytes, "brotli_bytes", out.BrotliBytes,
		"took", time.Since(start).Round(time.Millisecond))
}

func flagSet(name string) (set bool) {
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
