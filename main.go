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
	log.Info("serving", "addr", "http://"+*addr, "demo", "http://"+*addr+"/demo", "version", srv.Version())
	hs := &http.Server{Addr: *addr, Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serving", "err", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
