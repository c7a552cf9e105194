package server

import "net/http"

// compress: pass-through until compression and caching land (issue 5).
func (s *Server) compress(h http.Handler) http.Handler { return h }
