// Command eventcard serves the event card: the prerendered pages, the partner loader
// (/embed.js), the demo partner page and the wasm, all embedded in this one binary.
//
//	make run                  # builds the wasm and this server, serves on 127.0.0.1:8000
//	ADDR=0.0.0.0:9000 make run
//
// Every setting is a flag and an environment variable (README, "Deploy"; eventcard -h lists
// them), checked before anything starts: a bad one is one line on stderr and exit status 2.
// SIGTERM or SIGINT stops it gracefully: it stops accepting, lets in-flight requests finish
// (within -shutdown-timeout) and exits 0. Besides serving, it writes the site for a static host
// (-export DIR), prints the nginx block that serves it (-nginx DIR), or asks a running server
// whether it is healthy (-healthcheck, a container's health check).
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
	_ "time/tzdata" // event time zones, whatever the host has installed

	"eventcard/app/content"
	"eventcard/app/export"
	"eventcard/app/middleware"
	"eventcard/app/server"
	"eventcard/app/views"

	"github.com/fsnotify/fsnotify"
)

// The files the server serves and reads: built assets (web/, including app.wasm, so build the
// wasm first), translations and events.
//
//go:embed web locales events site
var files embed.FS

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stderr))
}

// Exit statuses: 0 served and stopped cleanly (or exported, printed, healthy), 1 failed while
// running (or unhealthy), 2 a bad setting (like flag's own errors).
const (
	exitOK      = 0
	exitFailed  = 1
	exitSetting = 2
)

func run(args []string, getenv func(string) string, stderr *os.File) int {
	if len(args) > 0 && args[0] == "check" {
		return check(args[1:], getenv, os.Stdout, stderr)
	}
	settings, err := ParseSettings(args, getenv, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		fmt.Fprintln(stderr, "eventcard:", err)
		return exitSetting
	}

	switch {
	case settings.Healthcheck:
		return healthcheck(settings, stderr)
	case settings.Nginx != "":
		return printNginx(settings, os.Stdout, stderr)
	}

	// Listen first: a port already taken is a setting's error, said in one line before the site
	// is built (which takes seconds on a slow machine, and may warn).
	var ln net.Listener
	if settings.Export == "" {
		if ln, err = net.Listen("tcp", settings.Addr); err != nil {
			fmt.Fprintln(stderr, "eventcard:", err)
			return exitSetting
		}
		defer ln.Close()
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	// The request log's lines go out in batches (middleware.LineWriter), the rest at once.
	requests := middleware.NewLineWriter(stderr, 100*time.Millisecond)
	defer requests.Close()
	cfg := settings.Config(log)
	cfg.RequestLog = slog.New(middleware.NewFlatTextHandler(requests))
	srv, err := server.New(settings.Files(files), cfg)
	if err != nil {
		logProblems(log, "cannot start", err)
		return exitFailed
	}
	for _, w := range srv.Warnings() {
		log.Warn("content", "warning", w.Error())
	}
	if settings.Export != "" {
		return exportSite(srv, settings, log)
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
	go reloadOnSignal(ctx, srv, log)
	if settings.Watch {
		if err := watch(ctx, settings.Content, srv, log); err != nil {
			log.Error("watching the content", "err", err)
			return exitFailed
		}
	}
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
	requests.Close() // every request's line before the last word
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

// healthcheck asks the server these settings describe for /healthz, on loopback when it
// listens on every address, and says whether it is healthy: exit 0, or 1 and one line. It is
// the container's HEALTHCHECK, whose image has no curl.
func healthcheck(s *Settings, stderr io.Writer) int {
	host, port, _ := net.SplitHostPort(s.Addr) // checked by ParseSettings
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	scheme, transport := "http", &http.Transport{}
	if s.TLS() {
		// The certificate names the public host, not loopback: trust exactly the one this
		// server was given instead.
		want := s.cert.Certificate[0]
		scheme = "https"
		transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true, VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, want) {
				return errors.New("the server's certificate is not the one in -tls-cert")
			}
			return nil
		}}
	}
	url := scheme + "://" + net.JoinHostPort(host, port) + "/healthz"
	client := &http.Client{Transport: transport, Timeout: healthcheckTimeout}
	res, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(stderr, "eventcard: unhealthy:", oneLine(err))
		return exitFailed
	}
	defer res.Body.Close()
	var health struct{ Status string }
	err = json.NewDecoder(io.LimitReader(res.Body, 1<<16)).Decode(&health)
	if res.StatusCode != http.StatusOK || err != nil || health.Status != "ok" {
		fmt.Fprintf(stderr, "eventcard: unhealthy: %s answered %s, status %q\n", url, res.Status, health.Status)
		return exitFailed
	}
	return exitOK
}

// healthcheckTimeout is under the container's HEALTHCHECK --timeout, so the probe says why.
const healthcheckTimeout = 5 * time.Second

// printNginx prints the nginx server block for the site exported into settings.Nginx (make
// static; README, "Static hosting").
func printNginx(s *Settings, stdout, stderr io.Writer) int {
	root, err := filepath.Abs(s.Nginx)
	if err == nil {
		var block string
		block, err = export.Nginx(export.NginxSite{Root: root, BaseURL: s.BaseURL, FrameAncestors: s.FrameAncestors})
		if err == nil {
			_, err = io.WriteString(stdout, block)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "eventcard:", err)
		return exitSetting
	}
	return exitOK
}

// reloadOnSignal reloads the content on each SIGHUP until ctx is done.
func reloadOnSignal(ctx context.Context, srv *server.Server, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			reload(srv, log, "SIGHUP")
		}
	}
}

// reload builds the site again and says what happened: the new version, or every problem of
// the content refused (the site served stays as it was).
func reload(srv *server.Server, log *slog.Logger, why string) {
	start := time.Now()
	if err := srv.Reload(); err != nil {
		logProblems(log, "reload refused: still serving version "+srv.Version(), err)
		return
	}
	log.Info("reloaded", "on", why, "version", srv.Version(), "took", time.Since(start).Round(time.Millisecond))
	for _, w := range srv.Warnings() {
		log.Warn("content", "warning", w.Error())
	}
}

// logProblems logs err: each problem of the content on a line of its own.
func logProblems(log *slog.Logger, msg string, err error) {
	var ps content.Problems
	if !errors.As(err, &ps) {
		log.Error(msg, "err", err)
		return
	}
	log.Error(msg, "problems", len(ps))
	for _, p := range ps {
		log.Error("content", "problem", p.Error())
	}
}

// watch reloads the content when a file of dir changes, once the changes have settled for a
// moment (an editor saves a file in several writes; a copy changes many files).
func watch(ctx context.Context, dir string, srv *server.Server, log *slog.Logger) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	add := func() error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				err = w.Add(p)
			}
			return err
		})
	}
	if err := add(); err != nil {
		w.Close()
		return err
	}
	go func() {
		defer w.Close()
		var settle <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-w.Events:
				if e.Has(fsnotify.Create) {
					add() // a new event's folder
				}
				settle = time.After(500 * time.Millisecond)
			case err := <-w.Errors:
				log.Warn("watching the content", "err", err)
			case <-settle:
				reload(srv, log, "a change in "+dir)
			}
		}
	}()
	return nil
}

// check is `eventcard check [-content DIR]`: it loads the content as the server would and
// prints every problem (the server would not start) and every warning, each with its file,
// line and field. Exit status 1 with a problem, else 0: usable in a content repository's CI.
func check(args []string, getenv func(string) string, stdout io.Writer, stderr *os.File) int {
	fset := flag.NewFlagSet("eventcard check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dir := fset.String("content", getenv("CONTENT_DIR"), "the content folder to check (events/, locales/, site/); default: the content built in (env CONTENT_DIR)")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitSetting
	}
	fsys := fs.FS(files)
	if *dir != "" {
		if err := checkContentDir(*dir); err != nil {
			fmt.Fprintf(stderr, "eventcard check: -content %q: %v\n", *dir, err)
			return exitSetting
		}
		fsys = server.WithContent(files, os.DirFS(*dir))
	}
	problems, warnings, err := views.Check(fsys)
	if err != nil {
		fmt.Fprintln(stderr, "eventcard check:", err)
		return exitFailed
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p.Error())
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, "warning: "+w.Error())
	}
	fmt.Fprintf(stdout, "%d problems, %d warnings\n", len(problems), len(warnings))
	if len(problems) > 0 {
		return exitFailed
	}
	return exitOK
}
