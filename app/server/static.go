package server

import (
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"
)

// The build's files, served from memory (compress.go): web/ and go-app's own scripts and style
// sheet, each an asset compressed once, at start (the wasm at build time).
//
// The pages name web/'s files under the build's version, /v/{version}/web/card.css (go-app's
// ResourceProvider.Static, see goapp.go): such an address never changes content, so browsers
// and proxies keep it a year without asking again. The same files stay at /web/… (the
// manifests' icons, the share image, older pages), and every other file (app.js, the worker,
// the loader, the pages) is revalidated with its ETag, as partners' pages and the service
// worker need.
type staticFiles struct {
	prefix string            // "/v/{version}": the pages' address of web/
	files  map[string]*asset // by address: /web/{name}, /app.js…
}

// Cache-Control values: the versioned addresses are immutable; the rest revalidate.
var (
	cacheImmutable  = []string{"public, max-age=31536000, immutable"}
	cacheRevalidate = []string{"no-cache"}
)

// goappFiles are go-app's own files, served from memory like web/'s. Not the manifest, which
// the server writes in each language (manifest.go).
var goappFiles = []string{"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js"}

// staticPrefix is the address under which the pages name web/'s files in a build.
func staticPrefix(version string) string { return "/v/" + version }

// newStaticFiles reads web/ (raw: with the build's precompressed siblings) and asks go-app for
// its files, then encodes each file, in parallel. version is every file's ETag, as go-app has
// it for its own.
func newStaticFiles(raw fs.FS, goapp http.Handler, version string, log *slog.Logger) (*staticFiles, error) {
	type file struct {
		addr, ctype string
		body        []byte
	}
	var files []file
	err := fs.WalkDir(raw, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isSibling(name) {
			return err
		}
		body, err := fs.ReadFile(raw, name)
		if err != nil {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		files = append(files, file{"/web/" + name, ctype, body})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range goappFiles {
		rec := httptest.NewRecorder()
		goapp.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app's %s: %d", p, rec.Code)
		}
		files = append(files, file{p, rec.Header().Get("Content-Type"), rec.Body.Bytes()})
	}

	st := &staticFiles{prefix: staticPrefix(version), files: make(map[string]*asset, len(files))}
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		jobs = make(chan file)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range jobs {
				a, err := encodeStatic(raw, f.addr, f.ctype, f.body, `"`+version+`"`, log)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				st.files[f.addr] = a
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return st, nil
}

// encodeStatic makes the asset of one file, compressed if its type is text (or the wasm).
func encodeStatic(raw fs.FS, addr, ctype string, body []byte, etag string, log *slog.Logger) (*asset, error) {
	if !compressibleType(ctype) {
		return newAsset(ctype, body, etag, nil, nil), nil
	}
	var gzSibling, brSibling []byte
	if name, ok := strings.CutPrefix(addr, "/web/"); ok {
		gzSibling, _ = fs.ReadFile(raw, name+".gz")
		brSibling, _ = fs.ReadFile(raw, name+".br")
	}
	start := time.Now()
	gz, br, fromBuild, err := encodeFile(body, gzSibling, brSibling)
	if err != nil {
		return nil, fmt.Errorf("compressing %s: %w", addr, err)
	}
	if took := time.Since(start); !fromBuild && took > time.Second {
		log.Warn("compressed a large file at start: `make build` writes its .gz and .br beside it", "file", addr, "took", took.Round(time.Millisecond))
	}
	return newAsset(ctype, body, etag, gz, br), nil
}

// compressibleType: text, and the wasm, which compresses to a fifth. Not images but SVG.
func compressibleType(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case strings.HasPrefix(mt, "text/"), mt == "application/wasm", mt == "image/svg+xml",
		mt == "application/javascript", mt == "application/json", strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"),
		mt == "application/xml":
		return true
	}
	return false
}

// lookup finds the file at address p: a versioned address of this build is immutable; one of
// another build (a page or a worker from before a deploy) gets this build's file, revalidated.
func (st *staticFiles) lookup(p string) (a *asset, cacheControl []string, ok bool) {
	if rest, versioned := strings.CutPrefix(p, "/v/"); versioned {
		version, file, _ := strings.Cut(rest, "/")
		if a, ok = st.files["/"+file]; !ok || !strings.HasPrefix(file, "web/") {
			return nil, nil, false
		}
		if "/v/"+version == st.prefix {
			return a, cacheImmutable, true
		}
		return a, cacheRevalidate, true
	}
	a, ok = st.files[p]
	return a, cacheRevalidate, ok
}

// isSibling reports whether name is a precompressed sibling (app.wasm.br): the server serves
// it as an encoding of its file, never as a file of its own.
func isSibling(name string) bool {
	return strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br")
}

// withoutSiblings is web/ as the rest of the server sees it: the precompressed siblings are
// encodings, not files (the export would otherwise write app.wasm.br.br).
func withoutSiblings(web fs.FS) fs.FS { return siblingsHidden{web} }

type siblingsHidden struct{ fs.FS }

func (h siblingsHidden) Open(name string) (fs.File, error) {
	if isSibling(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return h.FS.Open(name)
}

func (h siblingsHidden) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(h.FS, name)
	kept := entries[:0]
	for _, e := range entries {
		if !isSibling(e.Name()) {
			kept = append(kept, e)
		}
	}
	return kept, err
}
