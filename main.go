// Command eventcard serves the event card: the prerendered pages, the partner loader
// (/embed.js), the demo partner page and the wasm, all embedded in this one binary.
//
//	make run                  # builds the wasm and this server, serves on 127.0.0.1:8000
//	ADDR=0.0.0.0:9000 make run
//
// Every setting is a flag and an environment variable (README, "Deploy"; eventcard -h lists
// them), checked before anything starts: a bad one is one line on stderr and exit status 2.
// SIGTERM or SIGINT stops it gracefully: it stops accepting, lets in-flight requests finish
// (within -shutdown-timeout) and exits 0.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
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
	os.Exit(run(os.Args[1:], os.Getenv, os.Stderr))
}

// Exit statuses: 0 served and stopped cleanly (or exported), 1 failed while running, 2 a bad
// setting (like flag's own errors).
const (
	exitOK      = 0
	exitFailed  = 1
	exitSetting = 2
)

func run(args []string, getenv func(string) string, stderr *os.File) int {
	settings, err := ParseSettings(args, getenv, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		fmt.Fprintln(stderr, "eventcard:", err)
		return exitSetting
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := server.New(files, settings.Config(log))
	if err != nil {
		log.Error("cannot start", "err", err)
		return exitFailed
	}
	if settings.Export != "" {
		return exportSite(srv, settings, log)
	}

	// Listen first: a port already taken is a start-up error, before anything is announced.
	ln, err := net.Listen("tcp", settings.Addr)
	if err != nil {
		fmt.Fprintln(stderr, "eventcard:", err)
		return exitSetting
	}
	hs := settings.HTTPServer(srv, log)
	scheme := "http"
	if settings.TLS() {
		scheme = "https"
	}
	local := scheme + "://" + ln.Addr().String()
	log.Info("serving", "addr", local, "base_url", settings.BaseURL, "demo", local+"/demo", "version", srv.Version(),
		"frame_ancestors", fmt.Sprint(settings.FrameAncestors))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() {
		if settings.TLS() {
			served <- hs.ServeTLS(ln, "", "") // the certificate is in hs.TLSConfig
		} else {
			served <- hs.Serve(ln)
		}
	}()

	select {
	case err := <-served:
		log.Error("serving", "err", err)
		return exitFailed
	case <-ctx.Done():
	}
	// Stop accepting, close idle connections, let every request in flight finish.
	stop() // a second signal now kills the process, as usual
	log.Info("shutting down", "signal", context.Cause(ctx).Error(), "timeout", settings.ShutdownTimeout)
	start := time.Now()
	sctx, cancel := context.WithTimeout(context.Background(), settings.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		log.Error("shutdown: requests still in flight were cut", "err", err, "after", time.Since(start).Round(time.Millisecond))
		return exitFailed
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serving", "err", err)
		return exitFailed
	}
	log.Info("stopped", "took", time.Since(start).Round(time.Millisecond))
	return exitOK
}

// exportSite writes the static site (make static) and says what it wrote.
func exportSite(srv *server.Server, settings *Settings, log *slog.Logger) int {
	if !settings.baseURLSet {
		log.Warn("no BASE_URL: the pages' canonical addresses name " + settings.BaseURL + "; set BASE_URL to where the site will be served")
	}
	start := time.Now()
	out, err := srv.Export(settings.Export)
	if err != nil {
		log.Error("export", "err", err)
		return exitFailed
	}
	log.Info("exported", "dir", settings.Export, "base", settings.BaseURL, "files", len(out.Files), "bytes", out.Bytes,
		"compressed", out.Compressed, "gzip_bytes", out.GzipBytes, "brotli_bytes", out.BrotliBytes,
		"took", time.Since(start).Round(time.Millisecond))
	return exitOK
}
