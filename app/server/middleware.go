package server

import "net/http"

// middleware wraps the routes in what every response goes through, outermost first: one log
// line per request (requestlog.go), the security headers (security.go), compression and
// caching (compress.go). Each is a file of its own.
func (s *Server) middleware(routes http.Handler) http.Handler {
	return s.logRequests(s.secure(s.compress(routes)))
}
