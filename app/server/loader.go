package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"

	"eventcard/app/assets"
	"eventcard/app/pages"
	"eventcard/app/views"

	"github.com/evanw/esbuild/pkg/api"
)

// titlesMarker is where web/embed.js receives the frame's title in each language: the loader
// names the frame before the card has loaded and told it its event's title.
var titlesMarker = []byte("/*TITLES*/ {}")

// loader is web/embed.js with the titles filled in, minified: partners' pages pay for every
// byte of it (budget: 1.5 KB gzip).
func loader(web fs.FS, set *views.Set) (assets.File, error) {
	js, err := loaderJS(web, set)
	if err != nil {
		return assets.File{}, err
	}
	return assets.File{Addr: "/embed.js", ContentType: "text/javascript; charset=utf-8", Body: js}, nil
}

func loaderJS(web fs.FS, set *views.Set) ([]byte, error) {
	src, err := fs.ReadFile(web, "embed.js")
	if err != nil {
		return nil, err
	}
	if bytes.Count(src, titlesMarker) != 1 {
		return nil, fmt.Errorf("web/embed.js: want one %s", titlesMarker)
	}
	// In the switcher's order: the first is the loader's fallback, the source language.
	b, _ := set.Bundle(pages.UnknownEvent) // its labels have the frame's generic title
	var js bytes.Buffer
	js.WriteByte('{')
	for i, l := range b.Languages {
		if i > 0 {
			js.WriteByte(',')
		}
		k, _ := json.Marshal(l.Code)
		v, err := json.Marshal(b.View(l.Code).Labels.FrameTitle)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&js, "%s:%s", k, v)
	}
	js.WriteByte('}')
	return minifyJS(bytes.Replace(src, titlesMarker, js.Bytes(), 1))
}

// minifyJS minifies one of our own scripts with esbuild, for the browsers of the last years
// (ES2020: optional chaining, object spread).
func minifyJS(src []byte) ([]byte, error) {
	r := api.Transform(string(src), api.TransformOptions{
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Target:            api.ES2020,
		LegalComments:     api.LegalCommentsInline,
	})
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("minifying: %s", r.Errors[0].Text)
	}
	return r.Code, nil
}
