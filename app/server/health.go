package server

import (
	"encoding/json"
	"net/http"
)

// serveHealth answers load balancers and uptime checks: 200 and the build's version, as long as
// the process serves. The server only starts once every event and translation has loaded, so a
// server that answers is a server that works. Never stored: a cached "ok" would outlive the
// server.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	body, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}{"ok", s.version})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(body, '\n'))
}
