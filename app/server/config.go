package server

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
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

	cert *tls.Certificate // loaded by ParseSettings
}

// The defaults. Requests are GETs without bodies, so reading one is quick; a response may be
// the wasm (megabytes) to a slow phone, so writing gets longer. Browsers send a few KB of
// headers to a site that sets no cookies; 16 KB leaves room and bounds what a client can make
// the server hold.
const (
	DefaultAddr            = "127.0.0.1:8000"
	DefaultReadTimeout     = 30 * time.Second
	DefaultWriteTimeout    = 2 * time.Minute
	DefaultIdleTimeout     = 2 * time.Minute
	DefaultShutdownTimeout = 30 * time.Second
	DefaultMaxHeaderBytes  = 16 << 10
	// readHeaderTimeout bounds the headers alone, within ReadTimeout (slow-loris).
	readHeaderTimeout = 10 * time.Second
)

// Bounds of what the settings accept: a value outside is a mistake, not a preference.
const (
	minHeaderBytes = 1 << 10
	maxHeaderBytes = 1 << 20
	maxTimeout     = time.Hour
)

// ErrHelp is returned by ParseSettings for -h and -help, after the usage is printed.
var ErrHelp = flag.ErrHelp

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
		v := env(key)
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil && envErr == nil {
			envErr = fmt.Errorf("%s=%q: want a duration such as 30s or 2m", key, v)
		}
		return d
	}
	envInt := func(key string, def int) int {
		v := env(key)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil && envErr == nil {
			envErr = fmt.Errorf("%s=%q: want a number of bytes", key, v)
		}
		return n
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

	if s.BaseURL == "" {
		scheme := "http"
		if s.cert != nil {
			scheme = "https"
		}
		if host == "" {
			host = "127.0.0.1" // ":8000" listens everywhere; the loopback name is one of them
		}
		s.BaseURL = scheme + "://" + net.JoinHostPort(strings.Trim(host, "[]"), port)
	} else if s.BaseURL, err = CheckOrigin(s.BaseURL, false); err != nil {
		return nil, fmt.Errorf("%s: %v", name("base-url", "BASE_URL"), err)
	}

	if s.FrameAncestors, err = ParseFrameAncestors(*ancestors); err != nil {
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

// TLS reports whether the server serves HTTPS itself.
func (s *Settings) TLS() bool { return s.cert != nil }

// Config is the handler's configuration under these settings.
func (s *Settings) Config(log *slog.Logger) Config {
	return Config{BaseURL: s.BaseURL, Log: log, RequestLog: log, FrameAncestors: s.FrameAncestors}
}

// HTTPServer is the http.Server for handler under these settings: its timeouts, its header
// limit, its TLS certificate, and its own error log (connection-level errors: bad TLS
// handshakes and the like) written to log without the client's address (see requestlog.go).
func (s *Settings) HTTPServer(handler http.Handler, logger *slog.Logger) *http.Server {
	hs := &http.Server{
		Addr:              s.Addr,
		Handler:           handler,
		ReadHeaderTimeout: min(readHeaderTimeout, s.ReadTimeout),
		ReadTimeout:       s.ReadTimeout,
		WriteTimeout:      s.WriteTimeout,
		IdleTimeout:       s.IdleTimeout,
		MaxHeaderBytes:    s.MaxHeaderBytes,
		ErrorLog:          log.New(serverErrors{logger}, "", 0),
		// "OPTIONS *" too gets the handler's 405: net/http would answer it 200 by itself.
		DisableGeneralOptionsHandler: true,
	}
	if s.cert != nil {
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*s.cert}, MinVersion: tls.VersionTLS12}
	}
	return hs
}

// Origins as CSP source expressions: a scheme, a host (its leftmost label may be *), a port.
var originPattern = regexp.MustCompile(`^https?://(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// CheckOrigin returns raw as a normalized origin (scheme://host[:port], lower case, no trailing
// slash) or says why it is not one. wildcard allows https://*.example.org.
func CheckOrigin(raw string, wildcard bool) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "#") {
		return "", fmt.Errorf("%q: want an origin, http(s)://host[:port], with no path", raw)
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	if u.Port() != "" {
		if p, err := strconv.Atoi(u.Port()); err != nil || p < 1 || p > 65535 {
			return "", fmt.Errorf("%q: the port must be a number from 1 to 65535", raw)
		}
	}
	if strings.HasPrefix(u.Hostname(), "[") || strings.Contains(u.Host, "[") {
		return origin, nil // an IPv6 literal; url.Parse has checked it
	}
	if !originPattern.MatchString(origin) || (!wildcard && strings.Contains(origin, "*")) {
		return "", fmt.Errorf("%q: want an origin, http(s)://host[:port], with no path", raw)
	}
	return origin, nil
}

// ParseFrameAncestors reads the list of who may frame the widget's pages: "*" (anyone: the
// default, since embedding is the product) or origins separated by spaces or commas, such as
// "https://partner.example.org https://*.example.net". The widget's own origin is always
// allowed besides (the snippet builder previews the card in a frame); 'self' alone allows only
// it.
func ParseFrameAncestors(list string) ([]string, error) {
	fields := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) == 0 {
		return nil, errors.New(`empty: want * or a list of origins such as https://partner.example.org`)
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		switch f {
		case "*", "'self'":
			if len(fields) > 1 {
				return nil, fmt.Errorf("%s: alone or not at all (the widget's own origin is always allowed)", f)
			}
			return []string{f}, nil
		}
		origin, err := CheckOrigin(f, true)
		if err != nil {
			return nil, err
		}
		if !seen[origin] {
			seen[origin] = true
			out = append(out, origin)
		}
	}
	return out, nil
}

// oneLine keeps an error to one line: the start-up error is one line of the log.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
