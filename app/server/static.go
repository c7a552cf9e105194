package server

import (
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"time"

	"eventcard/app/frontend"

	"github.com/andybalholm/brotli"
)

// The build's files, served from memory (compress.go): web/, the scripts and stylesheet built
// from web/src (app/frontend) and go-app's own scripts and style sheet, each an asset
// compressed once, at start (the wasm at build time).
//
// The pages name web/'s files under the build's version, /v/{version}/web/card.css (go-app's
// ResourceProvider.Static, see goapp.go): such an address never changes content, so browsers
// and proxies keep it a year without asking again. The same files stay at /web/… (the
// manifests' icons, the share image, older pages), and every other file (app.js, the worker,
// the loader, the pages) is revalidated with its ETag, as partners' pages and the service
// worker need.
type staticFiles struct {
	prefix string                       // "/v/{version}": the pages' address of web/
	files  map[string]*asset            // by address: /web/{name}, /app.js…
	bySum  map[[sha256.Size]byte]*asset // by content (the static export reuses the encodings)
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

// inPlaceSize is the size from which a file of the binary's own is sent from where it is, not
// copied into memory: the wasm (7.7 MB, and 3.6 MB of siblings).
const inPlaceSize = 1 << 20

// newStaticFiles reads web/ (raw: with the build's precompressed siblings; not its sources,
// whose files are built: bundled) and asks go-app for its files, then encodes each file, in
// parallel. version is every file's ETag, as go-app has it for its own. inPlace says raw is the
// binary's own read-only copy (embed.FS): its large files are sent from there.
func newStaticFiles(raw fs.FS, bundled map[string]frontend.File, goapp http.Handler, version string, inPlace bool, log *slog.Logger) (*staticFiles, error) {
	var files []staticFile
	err := fs.WalkDir(raw, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && frontend.IsSource(name) {
			return fs.SkipDir
		}
		if err != nil || d.IsDir() || isSibling(name) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := staticFile{addr: "/web/" + name, name: name, ctype: mime.TypeByExtension(path.Ext(name)), size: info.Size()}
		if !inPlace || f.size < inPlaceSize || !compressibleType(f.ctype) {
			if f.body, err = fs.ReadFile(raw, name); err != nil {
				return err
			}
			if f.ctype == "" {
				f.ctype = http.DetectContentType(f.body)
			}
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for addr, f := range bundled {
		if strings.HasPrefix(addr, "/web/") {
			files = append(files, staticFile{addr: addr, ctype: f.ContentType, body: f.Body})
		}
	}
	for _, p := range goappFiles {
		rec := httptest.NewRecorder()
		goapp.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app's %s: %d", p, rec.Code)
		}
		files = append(files, staticFile{addr: p, ctype: rec.Header().Get("Content-Type"), body: rec.Body.Bytes()})
	}

	st := &staticFiles{prefix: staticPrefix(version), files: make(map[string]*asset, len(files)), bySum: map[[sha256.Size]byte]*asset{}}
	var mu sync.Mutex
	err = inParallel(files, func(f staticFile) error {
		a, sum, err := f.encode(raw, `"`+version+`"`, log)
		mu.Lock()
		st.files[f.addr], st.bySum[sum] = a, a
		mu.Unlock()
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// staticFile is a file to serve: in memory (body), or left in place (body nil).
type staticFile struct {
	addr, name, ctype string // name: in web/, "" for go-app's files
	body              []byte
	size              int64
}

// encode makes the asset of one file, compressed if its type is text (or the wasm), and
// returns the SHA-256 of its content (the static export looks its encodings up by content).
func (f staticFile) encode(raw fs.FS, etag string, log *slog.Logger) (*asset, [sha256.Size]byte, error) {
	if f.body == nil {
		a, sum, ok, err := f.inPlace(raw, etag)
		if ok || err != nil {
			return a, sum, err
		}
		log.Warn("the precompressed siblings of a large file are missing or stale: `make build` writes them", "file", f.addr)
		if f.body, err = fs.ReadFile(raw, f.name); err != nil {
			return nil, sum, err
		}
	}
	sum := sha256.Sum256(f.body)
	if !compressibleType(f.ctype) {
		return newAsset(f.ctype, f.body, etag, nil, nil), sum, nil
	}
	var gzSibling, brSibling []byte
	if f.name != "" {
		gzSibling, _ = fs.ReadFile(raw, f.name+".gz")
		brSibling, _ = fs.ReadFile(raw, f.name+".br")
	}
	start := time.Now()
	gz, br, fromBuild, err := encodeFile(f.body, gzSibling, brSibling)
	if err != nil {
		return nil, sum, fmt.Errorf("compressing %s: %w", f.addr, err)
	}
	if took := time.Since(start); !fromBuild && took > time.Second {
		log.Warn("compressed a large file at start: `make build` writes its .gz and .br beside it", "file", f.addr, "took", took.Round(time.Millisecond))
	}
	return newAsset(f.ctype, f.body, etag, gz, br), sum, nil
}

// inPlace makes the asset of a large file left where it is, with the siblings the build wrote,
// once they are checked to decode to it (read as streams: nothing is held). ok is false
// without such siblings.
func (f staticFile) inPlace(raw fs.FS, etag string) (a *asset, sum [sha256.Size]byte, ok bool, err error) {
	names := [3]string{f.name, f.name + ".gz", f.name + ".br"}
	var sizes [3]int64
	for i, n := range names {
		info, err := fs.Stat(raw, n)
		if err != nil {
			return nil, sum, false, nil
		}
		sizes[i] = info.Size()
	}
	open := func(name string) (io.ReadCloser, error) { return raw.Open(name) }
	h := sha256.New()
	same, err := sameFiles(open, names[0], names[1], func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }, h)
	if err != nil || !same {
		return nil, sum, false, err
	}
	same, err = sameFiles(open, names[0], names[2], func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }, nil)
	if err != nil || !same {
		return nil, sum, false, err
	}
	copy(sum[:], h.Sum(nil))
	return newFileAsset(f.ctype, etag, raw, names, sizes), sum, true, nil
}

// sameFiles reports whether the file encoded, decoded, yields the file plain; hash, if not
// nil, receives plain's bytes.
func sameFiles(open func(string) (io.ReadCloser, error), plain, encoded string, decoder func(io.Reader) (io.Reader, error), hash io.Writer) (bool, error) {
	p, err := open(plain)
	if err != nil {
		return false, err
	}
	defer p.Close()
	e, err := open(encoded)
	if err != nil {
		return false, err
	}
	defer e.Close()
	d, err := decoder(e)
	if err != nil {
		return false, nil // not the encoding it claims: stale, or damaged
	}
	var src io.Reader = p
	if hash != nil {
		src = io.TeeReader(p, hash)
	}
	return sameReaders(src, d), nil
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
// encodings, not files (the export would otherwise write app.wasm.br.br), and the sources in
// web/src are served built, never as they are.
func withoutSiblings(web fs.FS) fs.FS { return siblingsHidden{web} }

type siblingsHidden struct{ fs.FS }

func (h siblingsHidden) Open(name string) (fs.File, error) {
	if isSibling(name) || frontend.IsSource(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return h.FS.Open(name)
}

func (h siblingsHidden) ReadDir(name string) ([]fs.DirEntry, error) {
	if frontend.IsSource(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := fs.ReadDir(h.FS, name)
	kept := entries[:0]
	for _, e := range entries {
		if !isSibling(e.Name()) && !frontend.IsSource(path.Join(name, e.Name())) {
			kept = append(kept, e)
		}
	}
	return kept, err
}
