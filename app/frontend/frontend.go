// Package frontend builds web/'s scripts and stylesheet, with the facts the Go code shares.
package frontend

import (
	"eventcard/app/card"
	"fmt"
	"io/fs"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// File is a built file: what the server sends at its address.
type File struct {
	ContentType string
	Body        []byte
}

// FrameTitle is the title the loader gives the card's frame in one language, before the card
// has loaded and told it the event's own.
type FrameTitle struct {
	Lang, Text string
}

// Brand is what the site's branding puts in the scripts and the stylesheet: the card's colours
// with the site's accents, and the card's colour scheme when the partner names none.
type Brand struct {
	Colours card.Colours
	Theme   string
}

// Sources is the folder of web/ that holds what Build bundles: never served as it is.
const Sources = "src"

// IsSource reports whether name, a path in web/, is one of the sources.
func IsSource(name string) bool {
	return name == Sources || strings.HasPrefix(name, Sources+"/")
}

// entries are the built files: each source in web/ and the address it is served at.
var entries = []struct {
	source, address, contentType string
}{
	{"src/card.js", "/web/card.js", "text/javascript; charset=utf-8"},
	{"src/card.css", "/web/card.css", "text/css; charset=utf-8"},
	{"src/embed.js", "/embed.js", "text/javascript; charset=utf-8"},
	{"src/compile.js", "/web/compile.js", "text/javascript; charset=utf-8"},
}

// Build bundles each entry of web/src with its modules and the "facts" module, minified, by the
// address it is served at. titles are in the switcher's order: the first is the loader's
// fallback. An error names the source file, line and column.
func Build(web fs.FS, titles []FrameTitle, brand Brand) (map[string]File, error) {
	facts, err := factsJS(titles, brand)
	if err != nil {
		return nil, err
	}
	plugin := webPlugin(web, facts, factsCSS(brand.Colours))
	built := make(map[string]File, len(entries))
	for _, e := range entries {
		r := api.Build(api.BuildOptions{
			EntryPoints:       []string{e.source},
			Outfile:           e.source,
			Bundle:            true,
			Format:            api.FormatIIFE,
			Target:            api.ES2020, // optional chaining, object spread: the browsers of the last years
			MinifyWhitespace:  true,
			MinifyIdentifiers: true,
			MinifySyntax:      true,
			LegalComments:     api.LegalCommentsInline,
			Plugins:           []api.Plugin{plugin},
			LogLevel:          api.LogLevelSilent,
		})
		// A warning is a mistake in our own code (a duplicate key, a typeof compared with a
		// typo): it stops the build too.
		if problems := append(r.Errors, r.Warnings...); len(problems) > 0 {
			return nil, buildError(problems[0])
		}
		if len(r.OutputFiles) != 1 {
			return nil, fmt.Errorf("web/%s: built %d files, want 1", e.source, len(r.OutputFiles))
		}
		built[e.address] = File{ContentType: e.contentType, Body: r.OutputFiles[0].Contents}
	}
	return built, nil
}

// buildError names the file in web/ where esbuild stopped.
func buildError(m api.Message) error {
	if m.Location == nil {
		return fmt.Errorf("web/: %s", m.Text)
	}
	l := m.Location
	return fmt.Errorf("web/%s:%d:%d: %s", strings.TrimPrefix(l.File, webNamespace+":"), l.Line, l.Column+1, m.Text)
}
