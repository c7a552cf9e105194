package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"eventcard/app/server"
)

// Settings is how the binary is deployed (README, "Deploy" and "Security"): read from flags and
// the environment, a flag winning over its variable, and validated before anything starts, so
// that a typo is one clear line at start rather than a surprise in production.
type Settings struct {
	Addr            string        // -addr, ADDR: where to listen (host:port)
	BaseURL         string        // -base-url, BASE_URL: the public origin (canonical URLs, HSTS)
	FrameAncestors  []string      // -frame-ancestors, FRAME_ANCESTORS: who may frame the card
	TLSCert, TLSKey string        // -tls-cert, -tls-key, TLS_CERT, TLS_KEY: both or neither
	ReadTimeout     time.Duration // -read-timeout, READ_TIMEOUT: the whole request
	WriteTimeout    time.Duration // -write-timeout, WRITE_TIMEOUT: the whole response
	IdleTimeout     time.Duration // -idle-timeout, IDLE_TIMEOUT: a kept-alive connection
	ShutdownTimeout time.Duration // -shutdown-timeout, SHUTDOWN_TIMEOUT: in-flight requests on SIGTERM
	MaxHeaderBytes  int           // -max-header-bytes, MAX_HEADER_BYTES: larger headers get 431
	Export          string        // -export: write the static site there and exit
	Nginx           string        // -nginx: print the nginx server block for the export in that folder and exit
	Content         string        // -content, CONTENT_DIR: the content's folder (events/, locales/, site/); "" for the embedded
	Watch           bool          // -watch, WATCH: reload when a file of the content's folder changes
	Healthcheck     bool          // -healthcheck: ask the server at Addr for /healthz and exit

	cert       *tls.Certificate // loaded by ParseSettings
	baseURLSet bool             // -base-url or BASE_URL was given: not the default
}

// The defaults (server.Limits says why).
const (
	DefaultAddr            = "127.0.0.1:8000"
	DefaultReadTimeout     = server.DefaultReadTimeout
	DefaultWriteTimeout    = server.DefaultWriteTimeout
	DefaultIdleTimeout     = server.DefaultIdleTimeout
	DefaultShutdownTimeout = 30 * time.Second
	DefaultMaxHeaderBytes  = server.DefaultMaxHeaderBytes
)

// Bounds of what the settings accept: a value outside is a mistake, not a preference.
const (
	minHeaderBytes = 1 << 10
	maxHeaderBytes = 1 << 20
	maxTimeout     = time.Hour
)

// ParseSettings reads args (without the program's name) and the environment through getenv
// (os.Getenv), and validates the result: the TLS key pair is loaded, the frame ancestors are
// origins. An error is one line naming the flag or variable at fault. Usage and flag syntax
// errors are printed to usage.
func ParseSettings(args []string, getenv func(string) string, usage io.Writer) (*Settings, error) {
	s := &Settings{}
	fs := flag.NewFlagSet("eventcard", flag.ContinueOnError)
	fs.SetOutput(usage)
	var envErr error
	env := func(key string) string { return strings.TrimSpace(getenv(key)) }
	envDuration := func(key string, def time.Duration) time.Duration {
		return envValue(env, key, def, time.ParseDuration, "a duration such as 30s or 2m", &envErr)
	}
	envInt := func(key string, def int) int {
		return envValue(env, key, def, strconv.Atoi, "a number of bytes", &envErr)
	}
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}

	fs.StringVar(&s.Addr, "addr", or(env("ADDR"), DefaultAddr), "address to listen on, host:port (env ADDR)")
	fs.StringVar(&s.BaseURL, "base-url", env("BASE_URL"), "the widget's public origin, for canonical URLs (env BASE_URL; default http://ADDR, https:// with TLS)")
	ancestors := fs.String("frame-ancestors", or(env("FRAME_ANCESTORS"), "*"), "who may frame the card: * or origins such as https://partner.example.org, separated by spaces or commas (env FRAME_ANCESTORS)")
	fs.StringVar(&s.TLSCert, "tls-cert", env("TLS_CERT"), "TLS certificate file, PEM; with -tls-key, serves HTTPS (env TLS_CERT)")
	fs.StringVar(&s.TLSKey, "tls-key", env("TLS_KEY"), "TLS private key file, PEM (env TLS_KEY)")
	fs.DurationVar(&s.ReadTimeout, "read-timeout", envDuration("READ_TIMEOUT", DefaultReadTimeout), "longest time to read a request (env READ_TIMEOUT)")
	fs.DurationVar(&s.WriteTimeout, "write-timeout", envDuration("WRITE_TIMEOUT", DefaultWriteTimeout), "longest time to write a response (env WRITE_TIMEOUT)")
	fs.DurationVar(&s.IdleTimeout, "idle-timeout", envDuration("IDLE_TIMEOUT", DefaultIdleTimeout), "how long a kept-alive connection waits for its next request (env IDLE_TIMEOUT)")
	fs.DurationVar(&s.ShutdownTimeout, "shutdown-timeout", envDuration("SHUTDOWN_TIMEOUT", DefaultShutdownTimeout), "on SIGTERM or SIGINT, how long in-flight requests may take to finish (env SHUTDOWN_TIMEOUT)")
	fs.IntVar(&s.MaxHeaderBytes, "max-header-bytes", envInt("MAX_HEADER_BYTES", DefaultMaxHeaderBytes), "largest request head accepted; larger gets 431 (env MAX_HEADER_BYTES)")
	fs.StringVar(&s.Export, "export", "", "write the site for a static host into this folder (empty or absent), then exit; see README, \"Static hosting\"")
	fs.StringVar(&s.Nginx, "nginx", "", "print the nginx server block that serves the site exported into this folder at the base URL, then exit")
	fs.StringVar(&s.Content, "content", env("CONTENT_DIR"), "serve the events, texts and branding of this folder (events/, locales/, site/), read again on SIGHUP, instead of those built in (env CONTENT_DIR)")
	fs.BoolVar(&s.Watch, "watch", env("WATCH") == "1" || env("WATCH") == "true", "with -content: reload when a file of the folder changes (env WATCH=1)")
	fs.BoolVar(&s.Healthcheck, "healthcheck", false, "ask the server these settings describe for /healthz: exit 0 if it is healthy, 1 if not (a container's health check)")
	if err := fs.Parse(args); err != nil {
		return nil, err // flag has printed it, with the usage
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (every setting is a -flag)", fs.Arg(0))
	}
	if envErr != nil {
		return nil, envErr
	}

	// name is how an error names a setting: the flag if it was given, else its variable.
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	name := func(flagName, envKey string) string {
		if !given[flagName] && env(envKey) != "" {
			return envKey
		}
		return "-" + flagName
	}

	if s.Content != "" {
		if err := checkContentDir(s.Content); err != nil {
			return nil, fmt.Errorf("%s %q: %v", name("content", "CONTENT_DIR"), s.Content, err)
		}
	} else if s.Watch {
		return nil, fmt.Errorf("%s: needs -content (the embedded content does not change)", name("watch", "WATCH"))
	}

	host, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return nil, fmt.Errorf("%s %q: want host:port, such as 127.0.0.1:8000 or :8000", name("addr", "ADDR"), s.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return nil, fmt.Errorf("%s %q: the port must be a number from 0 to 65535", name("addr", "ADDR"), s.Addr)
	}
	if strings.ContainsAny(host, "/ ") {
		return nil, fmt.Errorf("%s %q: want host:port, such as 127.0.0.1:8000 or :8000", name("addr", "ADDR"), s.Addr)
	}

	if (s.TLSCert == "") != (s.TLSKey == "") {
		return nil, fmt.Errorf("%s and %s: give both the certificate and the key, or neither", name("tls-cert", "TLS_CERT"), name("tls-key", "TLS_KEY"))
	}
	if s.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.TLSCert, s.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("%s %q and %s %q: %v", name("tls-cert", "TLS_CERT"), s.TLSCert, name("tls-key", "TLS_KEY"), s.TLSKey, oneLine(err))
		}
		s.cert = &cert
	}

	s.baseURLSet = s.BaseURL != ""
	if s.BaseURL == "" {
		scheme := "http"
		if s.cert != nil {
			scheme = "https"
		}
		if host == "" {
			host = "127.0.0.1" // ":8000" listens everywhere; the loopback name is one of them
		}
		s.BaseURL = scheme + "://" + net.JoinHostPort(strings.Trim(host, "[]"), port)
	} else if s.BaseURL, err = server.CheckOrigin(s.BaseURL, false); err != nil {
		return nil, fmt.Errorf("%s: %v", name("base-url", "BASE_URL"), err)
	}

	if s.FrameAncestors, err = server.ParseFrameAncestors(*ancestors); err != nil {
		return nil, fmt.Errorf("%s: %v", name("frame-ancestors", "FRAME_ANCESTORS"), err)
	}

	for _, d := range []struct {
		flag, env string
		v         time.Duration
	}{
		{"read-timeout", "READ_TIMEOUT", s.ReadTimeout},
		{"write-timeout", "WRITE_TIMEOUT", s.WriteTimeout},
		{"idle-timeout", "IDLE_TIMEOUT", s.IdleTimeout},
		{"shutdown-timeout", "SHUTDOWN_TIMEOUT", s.ShutdownTimeout},
	} {
		if d.v <= 0 || d.v > maxTimeout {
			return nil, fmt.Errorf("%s %v: want a duration above 0 and at most %v", name(d.flag, d.env), d.v, maxTimeout)
		}
	}
	if s.MaxHeaderBytes < minHeaderBytes || s.MaxHeaderBytes > maxHeaderBytes {
		return nil, fmt.Errorf("%s %d: want from %d to %d bytes", name("max-header-bytes", "MAX_HEADER_BYTES"), s.MaxHeaderBytes, minHeaderBytes, maxHeaderBytes)
	}
	return s, nil
}

// envValue is the value of the environment variable key read by parse, def when it is unset; a
// value parse refuses is an error saying what is wanted, kept in *first unless it holds one.
func envValue[T any](env func(string) string, key string, def T, parse func(string) (T, error), want string, first *error) T {
	v := env(key)
	if v == "" {
		return def
	}
	x, err := parse(v)
	if err != nil && *first == nil {
		*first = fmt.Errorf("%s=%q: want %s", key, v, want)
	}
	return x
}

// TLS reports whether the server serves HTTPS itself.
func (s *Settings) TLS() bool { return s.cert != nil }

// Config is the handler's configuration under these settings.
func (s *Settings) Config(log *slog.Logger) server.Config {
	return server.Config{BaseURL: s.BaseURL, Log: log, RequestLog: log, FrameAncestors: s.FrameAncestors}
}

// HTTPServer is the http.Server for handler under these settings (server.HTTPServer).
func (s *Settings) HTTPServer(handler http.Handler, logger *slog.Logger) *http.Server {
	hs := server.HTTPServer(handler, server.Limits{ReadTimeout: s.ReadTimeout, WriteTimeout: s.WriteTimeout,
		IdleTimeout: s.IdleTimeout, MaxHeaderBytes: s.MaxHeaderBytes}, logger)
	hs.Addr = s.Addr
	if s.cert != nil {
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*s.cert}, MinVersion: tls.VersionTLS12}
	}
	return hs
}

// checkContentDir says why dir is not a content folder: it must hold events/.
func checkContentDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return errors.New(oneLine(err))
	case !st.IsDir():
		return errors.New("not a folder")
	}
	if st, err := os.Stat(filepath.Join(dir, "events")); err != nil || !st.IsDir() {
		return errors.New("no events/ folder in it (a content folder holds events/, locales/ and site/, as the repository does)")
	}
	return nil
}

// Files is the file system the server reads: the binary's own, with the content's folders from
// the content folder when there is one.
func (s *Settings) Files(embedded fs.FS) fs.FS {
	if s.Content == "" {
		return embedded
	}
	return server.WithContent(embedded, os.DirFS(s.Content))
}

// oneLine keeps an error to one line: the start-up error is one line of the log.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
