// Command precompress writes FILE.gz (gzip -9) and FILE.br (brotli 11) beside each FILE, for the
// server to send as they are and the static export to copy: brotli 11 of the wasm takes about
// 20 s, too long for every start. `make` runs it on web/app.wasm:
//
//	go run ./app/precompress web/app.wasm
//
// Siblings that already decode to FILE are left alone (a rebuild that changed nothing in the
// wasm costs no compression). The server checks them the same way and ignores stale ones.
package main

import (
	"fmt"
	"os"

	"eventcard/app/assets"
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
	oldGz, _ := os.ReadFile(name + ".gz")
	oldBr, _ := os.ReadFile(name + ".br")
	if oldGz != nil && oldBr != nil && assets.DecodesTo(oldGz, oldBr, body) {
		return nil
	}
	gz, br, err := assets.Encode(body)
	if err != nil {
		return err
	}
	if err := write(name+".gz", gz); err != nil {
		return err
	}
	return write(name+".br", br)
}

// write replaces file with body at once: a reader never sees half a file.
func write(file string, body []byte) error {
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, body, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
