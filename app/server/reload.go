package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"eventcard/app/content"
)

// reloadReport is what the last reload did, for /healthz.
type reloadReport struct {
	At       time.Time `json:"at"`
	OK       bool      `json:"ok"`
	Version  string    `json:"version"`            // of the content served after it
	Problems int       `json:"problems,omitempty"` // of the content refused
	Error    string    `json:"error,omitempty"`
}

// Reload builds the site again from the content as it is now (the files of the server's file
// system, re-read) and serves it from the next request on. When the new content has a problem,
// the site served stays as it was and the error (every problem, each with its file, line and
// field) is returned and reported by /healthz.
func (s *Server) Reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := build(s.fsys, s.base, s.log)
	report := reloadReport{At: time.Now(), OK: err == nil, Version: s.site.Load().version}
	if err != nil {
		report.Error = err.Error()
		var ps content.Problems
		if errors.As(err, &ps) {
			report.Problems = len(ps)
		}
		s.lastReload = report
		return err
	}
	s.site.Store(st)
	report.Version = st.version
	s.lastReload = report
	return nil
}

// Warnings are the content's texts served untranslated, each with its file, line and id: not
// a reason not to serve, but worth an operator's eyes.
func (s *Server) Warnings() content.Problems { return s.site.Load().set.Warnings() }

// serveHealth answers load balancers and uptime checks: 200, the version served, and what the
// last reload did, as long as the process serves. The server only starts once every event and
// translation has loaded, so a server that answers is a server that works. Never stored: a
// cached "ok" would outlive the server.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	last := s.lastReload
	s.mu.Unlock()
	body, _ := json.Marshal(struct {
		Status     string       `json:"status"`
		Version    string       `json:"version"`
		LastReload reloadReport `json:"lastReload"`
	}{"ok", s.Version(), last})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(body, '\n'))
}
