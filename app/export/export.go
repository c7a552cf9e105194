// Package export writes a site into a folder that a static host serves as it is: each file at
// the path a host looks for it, and beside each text file (and the wasm) its gzip and brotli
// encodings, for hosts that serve precompressed files (nginx's gzip_static and brotli_static).
package export

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"eventcard/app/assets"
)

// File is one file of the site: where a static host looks for it (slash-separated, relative
// to the folder) and what it holds.
type File struct {
	Name  string
	Asset *assets.Asset
}

// Result is what Write wrote.
type Result struct {
	Files       []string // written, sorted; no compressed siblings
	Bytes       int64    // their size
	Compressed  int      // files with .gz and .br siblings
	GzipBytes   int64    // the .gz siblings' size
	BrotliBytes int64    // the .br siblings' size
}

// Name is where a static host looks for the answer to the address addr: a page, directory
// style, at index.html in its folder (/fr/events/{id}/ → fr/events/{id}/index.html, /demo →
// demo/index.html); any other file at its own path.
func Name(addr string, page bool) (string, error) {
	name := strings.TrimPrefix(addr, "/")
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		name += "index.html"
	case page && path.Ext(name) == "":
		name += "/index.html"
	}
	if !fs.ValidPath(name) {
		return "", fmt.Errorf("%q is not a file name", name)
	}
	return name, nil
}

// Write writes files into dir, which must be empty or absent, and the encodings of each text
// file beside it: those its asset holds (made now if not yet), so the export compresses
// nothing the server has compressed already (the wasm's brotli 11 takes 20 s).
func Write(dir string, files []File) (Result, error) {
	var out Result
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return out, fmt.Errorf("export: %s is not empty: remove it first", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return out, fmt.Errorf("export: %w", err)
	}
	byName := map[string]*assets.Asset{}
	for _, f := range files {
		if byName[f.Name] != nil {
			return out, fmt.Errorf("export: %s twice", f.Name)
		}
		byName[f.Name] = f.Asset
	}
	names := slices.Sorted(maps.Keys(byName))
	for _, name := range names {
		body, ok := byName[name].Encoded("")
		if !ok {
			return out, fmt.Errorf("export: %s: cannot read its body", name)
		}
		if err := writeFile(dir, name, body); err != nil {
			return out, fmt.Errorf("export: %w", err)
		}
		out.Files = append(out.Files, name)
		out.Bytes += int64(len(body))
	}

	// Compressing is most of the export's time: in parallel.
	names = slices.DeleteFunc(names, func(name string) bool { return !assets.Compressible(byName[name].ContentType()) })
	var mu sync.Mutex
	err := assets.InParallel(names, func(name string) error {
		a := byName[name]
		gz, okGz := a.Encoded("gzip")
		br, okBr := a.Encoded("br")
		if !okGz || !okBr { // not worth it in memory (smaller as it is): made for the host all the same
			body, _ := a.Encoded("")
			var err error
			if gz, br, err = assets.Encode(body); err != nil {
				return fmt.Errorf("export: %s: %w", name, err)
			}
		}
		if err := errors.Join(writeFile(dir, name+".gz", gz), writeFile(dir, name+".br", br)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		mu.Lock()
		defer mu.Unlock()
		out.Compressed++
		out.GzipBytes += int64(len(gz))
		out.BrotliBytes += int64(len(br))
		return nil
	})
	return out, err
}

func writeFile(dir, name string, body []byte) error {
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}
