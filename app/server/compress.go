package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// Compression and caching (issue 5; README, "Performance"). Every body the server sends more
// than once is an asset (asset.go) held in memory with its gzip and brotli encodings, each
// made once: the build's files at start (static.go), the wasm's at build time (brotli 11 of it
// takes 20 s: `make` writes web/app.wasm.gz and .br beside it), the loader at start, each page
// when it is first asked for compressed (pages.go). Nothing is compressed per request.

// compress serves the build's files from memory in the encoding the request accepts, before
// the routes: web/ at /web/… and, immutable, at /v/{version}/web/…, where the pages name them,
// and go-app's scripts and style sheet. Everything else goes on to the routes.
func (s *Server) compress(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if a, cacheControl, ok := s.static.lookup(r.URL.Path); ok {
				w.Header()["Cache-Control"] = cacheControl
				a.serve(w, r, http.StatusOK)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// compressions counts the bodies compressed by this process (tests check that a page is
// compressed once, whatever the number of requests).
var compressions atomic.Int64

// encode returns body gzipped at level 9 and brotli'd at quality 11 (the most compact each
// format has: the work is done once per body), both reproducible (no name, no time in the
// gzip header). The static export writes the same encodings (export.go).
func encode(body []byte) (gz, br []byte, err error) {
	compressions.Add(1)
	var g bytes.Buffer
	zw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	bw := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: brotliWindow(len(body))})
	if _, err := bw.Write(body); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	return g.Bytes(), b.Bytes(), nil
}

// brotliWindow is the window (log2 of its size) for a body of n bytes: the smallest that holds
// it, at most brotli's default for quality 11 (22, 4 MB). A larger window compresses nothing
// better and costs its size in memory: quality 11 at the default window allocates 32 MB of
// hash chains to compress a 30 KB page.
func brotliWindow(n int) int {
	w := 10 // brotli's smallest
	for w < 22 && 1<<w-16 < n {
		w++
	}
	return w
}

// encodedFiles remembers, for this process, the encodings of the build's files by the hash of
// their content: a second server over the same files (the tests start dozens) and the static
// export reuse them instead of compressing again. Pages are not kept here: they belong to their
// server's page cache.
var encodedFiles sync.Map // [sha256.Size]byte → *encodedFile

type encodedFile struct{ gz, br []byte }

// encodeFile returns the encodings of one of the build's files: remembered, else the
// precompressed siblings found beside it (web/app.wasm.gz, .br) if they decode to the body,
// else compressed now. fromBuild says whether the siblings served.
func encodeFile(body, gzSibling, brSibling []byte) (gz, br []byte, fromBuild bool, err error) {
	sum := sha256.Sum256(body)
	if f, ok := encodedFiles.Load(sum); ok {
		f := f.(*encodedFile)
		return f.gz, f.br, false, nil
	}
	if gzSibling != nil && brSibling != nil && decodesTo(gzSibling, brSibling, body) {
		gz, br, fromBuild = gzSibling, brSibling, true
	} else if gz, br, err = encode(body); err != nil {
		return nil, nil, false, err
	}
	encodedFiles.Store(sum, &encodedFile{gz: gz, br: br})
	return gz, br, fromBuild, nil
}

// encodeForExport returns the encodings of a file of the static export: those the server made
// of the same content, of a build's file at build time or start (the wasm's brotli 11 takes
// 20 s), or of a page (made now if not yet, kept with the page), else compressed now. The
// export's crawl renders, its writers compress, in parallel.
func (s *Server) encodeForExport(body []byte) (gz, br []byte, err error) {
	sum := sha256.Sum256(body)
	if a, ok := s.static.bySum[sum]; ok {
		gz, okGz := a.encoded("gzip")
		br, okBr := a.encoded("br")
		if okGz && okBr {
			return gz, br, nil
		}
	}
	if f, ok := encodedFiles.Load(sum); ok {
		return f.(*encodedFile).gz, f.(*encodedFile).br, nil
	}
	if p, ok := s.pages.byContent.Load(sum); ok {
		gz, _ := p.(*page).encoded("gzip")
		br, _ := p.(*page).encoded("br")
		if gz != nil && br != nil {
			return gz, br, nil
		}
	}
	return encode(body)
}

// decodesTo reports whether both siblings decode to body: a sibling left from an older build
// is not served.
func decodesTo(gz, br, body []byte) bool {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil || !sameStream(zr, body) {
		return false
	}
	return sameStream(brotli.NewReader(bytes.NewReader(br)), body)
}

// sameStream reports whether r yields exactly want.
func sameStream(r io.Reader, want []byte) bool {
	return sameReaders(bytes.NewReader(want), r)
}

// sameReaders reports whether a and b yield the same bytes, reading both in pieces.
func sameReaders(a, b io.Reader) bool {
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		n, errA := io.ReadFull(a, bufA)
		m, errB := io.ReadFull(b, bufB)
		if n != m || !bytes.Equal(bufA[:n], bufB[:m]) {
			return false
		}
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		switch {
		case errA != nil && !endA, errB != nil && !endB:
			return false
		case endA || endB:
			return endA && endB
		}
	}
}

// inParallel calls do with each item, on as many goroutines as there are CPUs, and joins the
// errors. Compressing (brotli 11) is most of the time of start-up and of the static export.
func inParallel[T any](items []T, do func(T) error) error {
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		jobs = make(chan T)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for item := range jobs {
				if err := do(item); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, item := range items {
		jobs <- item
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}
