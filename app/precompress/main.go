// Command precompress writes FILE.gz (gzip -9) and FILE.br (brotli 11) beside each FILE, for the
// server to send as they are (app/server/static.go) and the static export to copy: brotli 11
// of the wasm takes about 20 s, too long for every start. `make` runs it on web/app.wasm:
//
//	go run ./app/precompress web/app.wasm
//
// Siblings that already decode to FILE are left alone (a rebuild that changed nothing in the
// wasm costs no compression). The server checks them the same way and ignores stale ones.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/andybalholm/brotli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE...")
		os.Exit(2)
	}
	failed := false
	for _, name := range os.Args[1:] {
		if err := precompress(name); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func precompress(name string) error {
	body, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	var gzErr, brErr error
	wg.Go(func() {
		gzErr = write(name+".gz", body, gzip.NewReader, func(w io.Writer) (io.WriteCloser, error) {
			zw, err := gzip.NewWriterLevel(w, gzip.BestCompression) // no name, no time: reproducible
			return zw, err
		})
	})
	wg.Go(func() {
		brErr = write(name+".br", body, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
			func(w io.Writer) (io.WriteCloser, error) {
				return brotli.NewWriterLevel(w, brotli.BestCompression), nil
			})
	})
	wg.Wait()
	if gzErr != nil {
		return gzErr
	}
	return brErr
}

// write makes the sibling file of body, unless the one there already decodes to body.
func write[R io.Reader](file string, body []byte, reader func(io.Reader) (R, error), writer func(io.Writer) (io.WriteCloser, error)) error {
	if old, err := os.ReadFile(file); err == nil {
		if r, err := reader(bytes.NewReader(old)); err == nil {
			if got, err := io.ReadAll(r); err == nil && bytes.Equal(got, body) {
				return nil
			}
		}
	}
	var b bytes.Buffer
	w, err := writer(&b)
	if err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
