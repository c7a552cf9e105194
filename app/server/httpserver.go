package server

import (
	"log/slog"
	"net/http"
	"time"

	"eventcard/app/middleware"
)

// Limits bound what a client can make the server hold.
type Limits struct {
	ReadTimeout  time.Duration // the whole request
	WriteTimeout time.Duration // the whole response
	IdleTimeout  time.Duration // a kept-alive connection between requests
	// MaxHeaderBytes: a larger request head gets 431.
	MaxHeaderBytes int
}

// The default limits. Requests are GETs without bodies, so reading one is quick; a response
// may be the wasm (megabytes) to a slow phone, so writing gets longer. Browsers send a few KB
// of headers to a site that sets no cookies; 16 KB leaves room and bounds what a client can
// make the server hold.
const (
	DefaultReadTimeout    = 30 * time.Second
	DefaultWriteTimeout   = 2 * time.Minute
	DefaultIdleTimeout    = 2 * time.Minute
	DefaultMaxHeaderBytes = 16 << 10
	// readHeaderTimeout bounds the headers alone, within ReadTimeout (slow-loris).
	readHeaderTimeout = 10 * time.Second
)

// DefaultLimits are the limits with their default values.
func DefaultLimits() Limits {
	return Limits{ReadTimeout: DefaultReadTimeout, WriteTimeout: DefaultWriteTimeout, IdleTimeout: DefaultIdleTimeout,
		MaxHeaderBytes: DefaultMaxHeaderBytes}
}

// HTTPServer is the http.Server for handler within limits, with its own error log
// (connection-level errors: bad TLS handshakes and the like) written to log without the
// client's address.
func HTTPServer(handler http.Handler, l Limits, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: min(readHeaderTimeout, l.ReadTimeout),
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		ErrorLog:          middleware.ServerErrors(log),
		// "OPTIONS *" too gets the handler's 405: net/http would answer it 200 by itself.
		DisableGeneralOptionsHandler: true,
	}
}
