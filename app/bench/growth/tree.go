package growth

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"eventcard/app/bench/run"
)

// writeTree makes in dir a copy of the project with n copies of the real event (its texts
// included) under new ids, and returns the ids.
func writeTree(r *run.Run, dir string, n int, realEvent []byte) ([]string, error) {
	if err := copyProject(r.Root, dir); err != nil {
		return nil, err
	}
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("bench-event-%04d", i)
		e := bytes.Replace(realEvent, []byte(`id = "`+r.Event+`"`), []byte(`id = "`+ids[i]+`"`), 1)
		if bytes.Equal(e, realEvent) {
			return nil, fmt.Errorf("events/%s.toml: no id line", r.Event)
		}
		if err := os.WriteFile(filepath.Join(dir, "events", ids[i]+".toml"), e, 0o644); err != nil {
			return nil, err
		}
		if err := copyDir(filepath.Join(r.Root, "locales", "events", r.Event), filepath.Join(dir, "locales", "events", ids[i]), func(name string) bool {
			return strings.HasPrefix(name, "active.")
		}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// copyProject copies what building the project in root needs (the module, its main package and
// its code, web/ with the built wasm and its siblings, locales/ but the events' texts) into dir,
// with an empty events/.
func copyProject(root, dir string) error {
	goFiles, err := filepath.Glob(filepath.Join(root, "*.go"))
	if err != nil {
		return err
	}
	for _, f := range append([]string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}, goFiles...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if err := copyFile(f, filepath.Join(dir, filepath.Base(f))); err != nil {
			return err
		}
	}
	for _, d := range []string{"app", "wasm", "web", "locales", "site"} {
		err := copyDir(filepath.Join(root, d), filepath.Join(dir, d), func(name string) bool {
			return !strings.HasSuffix(name, "_test.go")
		})
		if err != nil {
			return err
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "locales", "events")); err != nil {
		return err
	}
	for _, d := range []string{"events", "locales/events", "bin"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// copyDir copies the files of src whose base name keep accepts into dst, recursively.
func copyDir(src, dst string, keep func(name string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !keep(d.Name()) {
			return nil
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
