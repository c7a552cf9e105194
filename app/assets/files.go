package assets

import (
	"compress/gzip"

	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// Files are the build's files: web/'s, served at /web/{name}, and files made at start (go-app's
// scripts, the bundled scripts and stylesheet), each an Asset compressed once, at start (the
// wasm at build time).
//
// The pages name web/'s files under the build's version, /v/{version}/web/card.css: such an
// address never changes content, so browsers and proxies keep it a year without asking again.
// The same files stay at /web/… (the manifests' icons, older pages), and every other address
// is revalidated with its ETag, as partners' pages and the service worker need.
type Files struct {
	prefix string            // "/v/{version}": the pages' address of web/
	byAddr map[string]*Asset // /web/{name}, /app.js…
}

// File is a file made at start, served at Addr.
type File struct {
	Addr, ContentType string
	Body              []byte
	Header            http.Header // sent with it besides the usual ones (Content-Disposition…)
	// CacheControl: nil, revalidated; a file whose address changes with its content may be
	// immutable.
	CacheControl []string
	// Lazy: compressed when first asked for, not at start. For the many small files the
	// content makes (a calendar and an oEmbed answer per event and language), which most
	// visitors never ask for.
	Lazy bool
}

// Cache-Control values: the versioned addresses are immutable; the rest revalidate.
var (
	CacheImmutable  = []string{"public, max-age=31536000, immutable"}
	CacheRevalidate = []string{"no-cache"}
)

// StaticPrefix is the address under which the pages name web/'s files in a build.
func StaticPrefix(version string) string { return "/v/" + version }

// inPlaceSize is the size from which a file of the binary's own is sent from where it is, not
// copied into memory: the wasm (7.7 MB, and 3.6 MB of siblings).
const inPlaceSize = 1 << 20

// NotServed are web/'s folders that hold sources, not files to serve: the scripts and the
// stylesheet are bundled from src/, the pages are made from templates/.
var NotServed = []string{"src", "templates"}

// NewFiles reads web (with the build's precompressed siblings, web/app.wasm.br…) and encodes
// each file and each of made, in parallel. version is every file's ETag. inPlace says web is
// the binary's own read-only copy (embed.FS): its large files are sent from there.
func NewFiles(web fs.FS, made []File, version string, inPlace bool, log *slog.Logger) (*Files, error) {
	var files []source
	err := fs.WalkDir(web, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && slices.Contains(NotServed, name):
			return fs.SkipDir
		case d.IsDir() || IsSibling(name):
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := source{addr: "/web/" + name, name: name, ctype: mime.TypeByExtension(path.Ext(name))}
		if !inPlace || info.Size() < inPlaceSize || !Compressible(f.ctype) {
			if f.body, err = fs.ReadFile(web, name); err != nil {
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
	for _, m := range made {
		files = append(files, source{addr: m.Addr, ctype: m.ContentType, body: m.Body, header: m.Header, lazy: m.Lazy, cache: m.CacheControl})
	}

	st := &Files{prefix: StaticPrefix(version), byAddr: make(map[string]*Asset, len(files))}
	var mu sync.Mutex
	err = InParallel(files, func(f source) error {
		a, err := f.encode(web, `"`+version+`"`, log)
		if err == nil {
			a.header, a.cacheControl = f.header, f.cache
		}
		mu.Lock()
		st.byAddr[f.addr] = a
		mu.Unlock()
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// source is a file to serve: in memory (body), or left in place (body nil).
type source struct {
	addr, name, ctype string // name: in web/, "" for a made file
	body              []byte
	header            http.Header
	lazy              bool
	cache             []string
}

// encode makes the asset of one file, compressed if its type is text (or the wasm).
func (f source) encode(web fs.FS, etag string, log *slog.Logger) (*Asset, error) {
	if f.body == nil {
		a, ok, err := f.inPlace(web, etag)
		if ok || err != nil {
			return a, err
		}
		log.Warn("the precompressed siblings of a large file are missing or stale: `make build` writes them", "file", f.addr)
		if f.body, err = fs.ReadFile(web, f.name); err != nil {
			return nil, err
		}
	}
	switch {
	case !Compressible(f.ctype):
		return New(f.ctype, f.body, etag, nil, nil), nil
	case f.lazy:
		body := f.body
		return NewLazy(f.ctype, body, etag, func() (gz, br []byte, err error) { return Encode(body) }), nil
	}
	var gzSibling, brSibling []byte
	if f.name != "" {
		gzSibling, _ = fs.ReadFile(web, f.name+".gz")
		brSibling, _ = fs.ReadFile(web, f.name+".br")
	}
	start := time.Now()
	gz, br, fromBuild, err := encodeFile(f.body, gzSibling, brSibling)
	if err != nil {
		return nil, fmt.Errorf("compressing %s: %w", f.addr, err)
	}
	if took := time.Since(start); !fromBuild && took > time.Second {
		log.Warn("compressed a large file at start: `make build` writes its .gz and .br beside it", "file", f.addr, "took", took.Round(time.Millisecond))
	}
	return New(f.ctype, f.body, etag, gz, br), nil
}

// inPlace makes the asset of a large file left where it is, with the siblings the build wrote,
// once they are checked to decode to it (read as streams: nothing is held). ok is false
// without such siblings.
func (f source) inPlace(web fs.FS, etag string) (a *Asset, ok bool, err error) {
	names := [3]string{f.name, f.name + ".gz", f.name + ".br"}
	decoders := map[string]func(io.Reader) (io.Reader, error){
		names[1]: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		names[2]: func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	for _, sibling := range names[1:] {
		same, err := sameFiles(web, names[0], sibling, decoders[sibling])
		if err != nil || !same {
			return nil, false, err
		}
	}
	return newInPlace(f.ctype, etag, web, names), true, nil
}

// sameFiles reports whether the file encoded, decoded, yields the file plain; a missing file
// is not an error, only a difference.
func sameFiles(fsys fs.FS, plain, encoded string, decoder func(io.Reader) (io.Reader, error)) (bool, error) {
	p, err := fsys.Open(plain)
	if err != nil {
		return false, err
	}
	defer p.Close()
	e, err := fsys.Open(encoded)
	if err != nil {
		return false, nil
	}
	defer e.Close()
	d, err := decoder(e)
	if err != nil {
		return false, nil // not the encoding it claims: stale, or damaged
	}
	return sameReaders(p, d), nil
}

// Compressible: text, and the wasm, which compresses to a fifth. Not images but SVG.
func Compressible(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case strings.HasPrefix(mt, "text/"), mt == "application/wasm", mt == "image/svg+xml",
		mt == "application/javascript", mt == "application/json", strings.HasSuffix(mt, "+json"),
		strings.HasSuffix(mt, "+xml"), mt == "application/xml":
		return true
	}
	return false
}

// Lookup finds the file at address p: a versioned address of this build is immutable; one of
// another build (a page or a worker from before a deploy) gets this build's file, revalidated.
func (st *Files) Lookup(p string) (a *Asset, cacheControl []string, ok bool) {
	if rest, versioned := strings.CutPrefix(p, "/v/"); versioned {
		version, file, _ := strings.Cut(rest, "/")
		if a, ok = st.byAddr["/"+file]; !ok || !strings.HasPrefix(file, "web/") {
			return nil, nil, false
		}
		if "/v/"+version == st.prefix {
			return a, CacheImmutable, true
		}
		return a, CacheRevalidate, true
	}
	a, ok = st.byAddr[p]
	if ok && a.cacheControl != nil {
		return a, a.cacheControl, true
	}
	return a, CacheRevalidate, ok
}

// Addresses lists every file's address, sorted.
func (st *Files) Addresses() []string {
	return slices.Sorted(maps.Keys(st.byAddr))
}

// Get is the file at address addr (unversioned), or nil.
func (st *Files) Get(addr string) *Asset { return st.byAddr[addr] }

// IsSibling reports whether name is a precompressed sibling (app.wasm.br): an encoding of its
// file, never a file of its own.
func IsSibling(name string) bool {
	return strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br")
}
