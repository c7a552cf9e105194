package server_test

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"eventcard/app/content"
	"eventcard/app/internal/fixtures"
	"eventcard/app/internal/projecttree"
	"eventcard/app/server"
)

// contentDir writes the fixture tree's content folders into a folder on disk, as an
// organisation keeps its content, and returns it.
func contentDir(t *testing.T) string {
	t.Helper()
	return projecttree.Write(t, fixtures.Tree(t), "events", "locales", "site")
}

// edit replaces old by new in a file of dir.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A reload reads the content folder again: a good edit is served from the next request on, a
// bad one changes nothing served and says every problem, in /healthz too.
func TestReload(t *testing.T) {
	dir := contentDir(t)
	srv, err := server.New(server.WithContent(fixtures.Tree(t), os.DirFS(dir)), server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	page := "/es/events/" + fixtures.PastWebinar + "/"
	titles := "locales/events/" + fixtures.PastWebinar + "/active.es.toml"
	body := func() string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", page, nil))
		return rec.Body.String()
	}
	version := srv.Version()

	edit(t, dir, titles, "Un webinar de prueba", "Un webinar de prueba corregido")
	if err := srv.Reload(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body(), "Un webinar de prueba corregido") || srv.Version() == version {
		t.Fatalf("the corrected title is not served (version %s → %s)", version, srv.Version())
	}

	good := srv.Version()
	edit(t, dir, "events/"+fixtures.PastWebinar+".toml", `attendance = "online"`, `attendance = "virtual"`)
	edit(t, dir, "events/"+fixtures.PastWebinar+".toml", `hashtag = "#PruebaWebinar"`, `hashtag = "PruebaWebinar"`)
	err = srv.Reload()
	var ps content.Problems
	if !errors.As(err, &ps) || len(ps) < 2 {
		t.Fatalf("a broken edit: %v, want every problem", err)
	}
	if srv.Version() != good || !strings.Contains(body(), "Un webinar de prueba corregido") {
		t.Errorf("a broken edit changed what is served")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	var health struct {
		Version    string
		LastReload struct {
			OK       bool
			Problems int
			Error    string
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &health); err != nil || health.Version != good || health.LastReload.OK || health.LastReload.Problems != len(ps) {
		t.Errorf("/healthz after a broken edit: %s (%v)", rec.Body, err)
	}
}

// Under load, reloads alternating good and bad content: no request fails, and every page is of
// one version, never two (its title and the files it names are of the same build).
func TestReloadUnderLoad(t *testing.T) {
	dir := contentDir(t)
	srv, err := server.New(server.WithContent(fixtures.TreeWithWasm(t), os.DirFS(dir)), server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	titles := "locales/events/" + fixtures.PastWebinar + "/active.es.toml"
	page := ts.URL + "/es/events/" + fixtures.PastWebinar + "/"
	mark := regexp.MustCompile(`prueba (v\d+)`)
	prefix := regexp.MustCompile(`/v/([0-9a-f]+)/web/card\.css`)

	// Which build each mark was served by, as the reloads make them.
	var mu sync.Mutex
	builds := map[string]string{}
	edit(t, dir, titles, "Un webinar de prueba", "Un webinar de prueba v0")
	if err := srv.Reload(); err != nil {
		t.Fatal(err)
	}
	builds["v0"] = srv.Version()

	stop := make(chan struct{})
	var requests, failures, mixed atomic.Int64
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	for range 64 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := client.Get(page)
				if err != nil {
					failures.Add(1)
					continue
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				requests.Add(1)
				if res.StatusCode != 200 {
					failures.Add(1)
					continue
				}
				m, p := mark.FindSubmatch(b), prefix.FindSubmatch(b)
				mu.Lock()
				want, known := builds[string(m[1])]
				mu.Unlock()
				if m == nil || p == nil || known && string(p[1]) != want {
					mixed.Add(1)
				}
			}
		})
	}
	good, bad := 0, 0
	for i := 1; i <= 20; i++ {
		time.Sleep(50 * time.Millisecond)
		if i%2 == 0 {
			edit(t, dir, "events/"+fixtures.PastWebinar+".toml", `attendance = "online"`, `attendance = "remote"`)
			if srv.Reload() == nil {
				t.Error("a broken content was served")
			}
			edit(t, dir, "events/"+fixtures.PastWebinar+".toml", `attendance = "remote"`, `attendance = "online"`)
			bad++
			continue
		}
		v := "v" + string(rune('0'+i%10))
		mu.Lock()
		edit(t, dir, titles, mark.FindString(string(mustRead(t, dir, titles))), "prueba "+v)
		if err := srv.Reload(); err != nil {
			t.Fatal(err)
		}
		builds[v] = srv.Version()
		mu.Unlock()
		good++
	}
	close(stop)
	wg.Wait()
	t.Logf("%d requests during %d good and %d bad reloads: %d failed, %d mixed two versions", requests.Load(), good, bad, failures.Load(), mixed.Load())
	if failures.Load() != 0 || mixed.Load() != 0 || requests.Load() < 100 {
		t.Errorf("%d requests: %d failed, %d mixed two versions", requests.Load(), failures.Load(), mixed.Load())
	}
}

func mustRead(t *testing.T, dir, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
