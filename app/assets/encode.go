package assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"runtime"
	"sync"

	"github.com/andybalholm/brotli"
	"golang.org/x/sync/errgroup"
)

// Encode returns body gzipped at level 9 and brotli'd at quality 11, the most compact each
// format has (the work is done once per body), both reproducible: no name and no time in the
// gzip header. The build's precompressed files, the server and the static export all use it.
func Encode(body []byte) (gz, br []byte, err error) {
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

// encoded remembers, for this process, the encodings of files by the hash of their content: a
// second server over the same files (tests start dozens, a reload builds a new one) and the
// static export reuse them instead of compressing again.
var encoded sync.Map // [sha256.Size]byte → *encodedFile

type encodedFile struct{ gz, br []byte }

// encodeFile returns the encodings of a file: remembered, else the precompressed siblings found
// beside it (web/app.wasm.gz, .br) if they decode to the body, else compressed now. fromBuild
// says whether the siblings served.
func encodeFile(body, gzSibling, brSibling []byte) (gz, br []byte, fromBuild bool, err error) {
	sum := sha256.Sum256(body)
	if f, ok := encoded.Load(sum); ok {
		f := f.(*encodedFile)
		return f.gz, f.br, false, nil
	}
	if gzSibling != nil && brSibling != nil && DecodesTo(gzSibling, brSibling, body) {
		gz, br, fromBuild = gzSibling, brSibling, true
	} else if gz, br, err = Encode(body); err != nil {
		return nil, nil, false, err
	}
	encoded.Store(sum, &encodedFile{gz: gz, br: br})
	return gz, br, fromBuild, nil
}

// DecodesTo reports whether both encodings decode to body: a sibling left by an older build
// is not served.
func DecodesTo(gz, br, body []byte) bool {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil || !sameReaders(zr, bytes.NewReader(body)) {
		return false
	}
	return sameReaders(brotli.NewReader(bytes.NewReader(br)), bytes.NewReader(body))
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

// InParallel calls do with each item, on as many goroutines as there are CPUs, and returns the
// first error. Compressing (brotli 11) is most of the time of start-up and of the export.
func InParallel[T any](items []T, do func(T) error) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, item := range items {
		g.Go(func() error { return do(item) })
	}
	return g.Wait()
}
