// Package projecttree gives tests a copy of the project's own files (web/, locales/, events/)
// that they may alter: break one fact or one translation and check who notices.
package projecttree

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
)

// Copy reads dirs of the project at root (a relative path such as "../..") into a MapFS. The
// wasm is left out: it is large and nothing that reads a tree needs it.
func Copy(t testing.TB, root string, dirs ...string) fstest.MapFS {
	t.Helper()
	src := os.DirFS(filepath.FromSlash(root))
	m := fstest.MapFS{}
	for _, dir := range dirs {
		err := fs.WalkDir(src, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || name == "web/app.wasm" {
				return err
			}
			data, err := fs.ReadFile(src, name)
			m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// Write writes the files of m under dirs (every file when there are none) into a new folder,
// and returns it.
func Write(t testing.TB, m fstest.MapFS, dirs ...string) string {
	t.Helper()
	root := t.TempDir()
	for name, f := range m {
		if len(dirs) > 0 && !slices.ContainsFunc(dirs, func(dir string) bool { return strings.HasPrefix(name, dir+"/") }) {
			continue
		}
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// ReadFile is the file name (a slash path) of the folder dir.
func ReadFile(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Replace replaces old, which must occur exactly once, with new in file of m.
func Replace(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	f := m[file]
	if f == nil {
		t.Fatalf("no %s", file)
	}
	if n := strings.Count(string(f.Data), old); n != 1 {
		t.Fatalf("%s: %q occurs %d times, want 1", file, old, n)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), Mode: f.Mode}
}

// RemoveTable deletes the TOML table that starts with the line header (such as ["Title"]), up
// to the next blank line or table.
func RemoveTable(t testing.TB, m fstest.MapFS, file, header string) {
	t.Helper()
	f := m[file]
	if f == nil {
		t.Fatalf("no %s", file)
	}
	var out []string
	skipping, found := false, false
	for _, l := range strings.SplitAfter(string(f.Data), "\n") {
		trimmed := strings.TrimSpace(l)
		if trimmed == header {
			skipping, found = true, true
			continue
		}
		if skipping && (trimmed == "" || strings.HasPrefix(trimmed, "[")) {
			skipping = false
		}
		if !skipping {
			out = append(out, l)
		}
	}
	if !found {
		t.Fatalf("%s: no table %s", file, header)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Join(out, "")), Mode: f.Mode}
}

// DeleteMessage removes message id from a message file of m, failing if it was not there.
func DeleteMessage(t testing.TB, m fstest.MapFS, file, id string) {
	t.Helper()
	msgs := map[string]any{}
	if err := toml.Unmarshal(m[file].Data, &msgs); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if _, ok := msgs[id]; !ok {
		t.Fatalf("%s: no message %s", file, id)
	}
	delete(msgs, id)
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(msgs); err != nil {
		t.Fatal(err)
	}
	m[file] = &fstest.MapFile{Data: []byte(b.String()), Mode: m[file].Mode}
}
