package server

import "net/http"

// secure: pass-through until the security headers land (issue 6).
func (s *Server) secure(h http.Handler) http.Handler { return h }
