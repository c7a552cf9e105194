// Package middleware holds what every response of the server goes through, each a
// func(http.Handler) http.Handler: the request log, the security headers, the methods allowed.
package middleware

import (
	"context"
	"fmt"
	stdlog "log"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"eventcard/app/card"
)

// RequestLog writes one line per request to requests (nil: none), when its answer is done:
// method, path, status, bytes sent and duration, and of the query only ?lang=. Nothing that
// follows a visitor (address, User-Agent, Referer, the rest of the query): the README's
// "Security" says why. A handler that panics gets one line on errors, with its stack, and the
// client a bare 500 (or a cut connection, if the answer had begun), never a stack trace.
func RequestLog(requests, errors *slog.Logger) func(http.Handler) http.Handler {
	out := slog.DiscardHandler // no request log: panics are still logged, to errors
	if requests != nil {
		out = requests.Handler()
	}
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &recorder{ResponseWriter: w}
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v) // net/http's way to abort a response: not an error of ours
					}
					errors.Error("panic serving a request", "method", logMethod(r.Method), "path", logPath(r.URL.Path),
						"err", fmt.Sprint(v), "stack", string(debug.Stack()))
					if rec.status == 0 {
						http.Error(rec, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
					} else {
						defer panic(http.ErrAbortHandler) // half an answer: cut the connection, after the log line
					}
				}
				if !out.Enabled(context.Background(), slog.LevelInfo) {
					return
				}
				status := rec.status
				if status == 0 {
					status = http.StatusOK // nothing written: net/http sends an empty 200
				}
				sent := rec.bytes
				if r.Method == http.MethodHead {
					sent = 0 // net/http counts a HEAD's body as written, and sends none
				}
				// The record is made here, not by Logger.LogAttrs, which looks up its caller's
				// frame for every line (a request log has no use for it).
				end := time.Now()
				line := slog.NewRecord(end, slog.LevelInfo, "request", 0)
				line.AddAttrs(slog.String("method", logMethod(r.Method)), slog.String("path", logPath(r.URL.Path)))
				if lang, ok := logLang(r); ok {
					line.AddAttrs(slog.String("lang", lang))
				}
				line.AddAttrs(slog.Int("status", status), slog.Int64("bytes", sent), slog.Duration("duration", end.Sub(start)))
				out.Handle(context.Background(), line)
			}()
			h.ServeHTTP(rec, r)
		})
	}
}

// Bounds on what a client can make one log line carry.
const (
	maxLoggedPath   = 200
	maxLoggedMethod = 16
)

// logPath is the path as requested, cut to a bounded length (slog quotes and escapes it).
func logPath(p string) string {
	if len(p) > maxLoggedPath {
		return strings.ToValidUTF8(p[:maxLoggedPath], "") + fmt.Sprintf("…(%d bytes)", len(p))
	}
	return p
}

func logMethod(m string) string {
	if len(m) > maxLoggedMethod {
		return m[:maxLoggedMethod] + "…"
	}
	return m
}

// loggedLang is a language tag as the loader accepts one.
var loggedLang = regexp.MustCompile(card.LanguageTagPattern)

// logLang is the ?lang= value to log: the tag if it is one, "invalid" if it is something else;
// ok is false without one.
func logLang(r *http.Request) (lang string, ok bool) {
	if !strings.Contains(r.URL.RawQuery, "lang") {
		return "", false // no query to parse: the frames' addresses carry hl= and origin=, rarely lang=
	}
	v := r.URL.Query().Get("lang")
	switch {
	case v == "":
		return "", false
	case loggedLang.MatchString(v):
		return v, true
	default:
		return "invalid", true
	}
}

// recorder notes the status and the bytes of an answer for its log line.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code // the final status; 1xx answers come before it
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Flush passes a flush on (compression flushes as it goes).
func (r *recorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	http.NewResponseController(r.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// clientAddr is how net/http names the client in its own error lines ("TLS handshake error
// from 203.0.113.7:51234: …", "panic serving 203.0.113.7:51234: …").
var clientAddr = regexp.MustCompile(`\b(from|serving) (\[[0-9a-fA-F:.%]+\]|[^\s:]+):[0-9]+`)

// ServerErrors is an http.Server's ErrorLog that writes its connection-level error lines (bad
// TLS handshakes and the like) to log as warnings, without the client's address.
func ServerErrors(log *slog.Logger) *stdlog.Logger {
	return stdlog.New(serverErrors{log}, "", 0)
}

type serverErrors struct{ log *slog.Logger }

func (e serverErrors) Write(p []byte) (int, error) {
	msg := clientAddr.ReplaceAllString(strings.TrimSpace(string(p)), "$1 a client")
	e.log.Warn("http server", "err", msg)
	return len(p), nil
}
