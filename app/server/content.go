package server

import (
	"io/fs"
	"strings"
)

// ContentDirs are the folders of the content: what an organisation writes and may change while
// the server runs (README, "Add an event"). The rest of the file system (web/) is the build's.
var ContentDirs = []string{"events", "locales", "site"}

// WithContent is files (the binary's own: web/, and its embedded content) with the content
// folders taken from content instead: a folder on disk (-content), whose edits a Reload reads.
func WithContent(files, content fs.FS) fs.FS { return overlay{files: files, content: content} }

type overlay struct{ files, content fs.FS }

func (o overlay) pick(name string) fs.FS {
	first, _, _ := strings.Cut(name, "/")
	for _, d := range ContentDirs {
		if first == d {
			return o.content
		}
	}
	return o.files
}

func (o overlay) Open(name string) (fs.File, error) { return o.pick(name).Open(name) }
