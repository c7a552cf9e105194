package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"eventcard/app/cards"

	"github.com/evanw/esbuild/pkg/api"
)

// titlesMarker is where web/embed.js receives the frame's title in each language: the loader
// names the frame before the card has loaded and told it its event's title.
var titlesMarker = []byte("/*TITLES*/ {}")

// loader is web/embed.js with the titles filled in, minified, and compressed: partners' pages
// pay for every byte of it (budget: 1.5 KB gzip). Its ETag is the build's version.
func loader(web fs.FS, set *cards.Set, version string) (*asset, error) {
	js, err := loaderJS(web, set)
	if err != nil {
		return nil, err
	}
	return loaderAsset(js, version)
}

func loaderJS(web fs.FS, set *cards.Set) ([]byte, error) {
	src, err := fs.ReadFile(web, "embed.js")
	if err != nil {
		return nil, err
	}
	if bytes.Count(src, titlesMarker) != 1 {
		return nil, fmt.Errorf("web/embed.js: want one %s", titlesMarker)
	}
	// In the switcher's order: the first is the loader's fallback, the source language.
	b, _ := set.Bundle(unknownEvent) // its labels have the frame's generic title
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

// loaderAsset is the loader with its encodings, made at start.
func loaderAsset(js []byte, version string) (*asset, error) {
	gz, br, _, err := encodeFile(js, nil, nil)
	if err != nil {
		return nil, err
	}
	return newAsset("text/javascript; charset=utf-8", js, `"`+version+`"`, gz, br), nil
}

func (s *Server) serveLoader(w http.ResponseWriter, r *http.Request) {
	// Partners link this URL and never change it: revalidate, so a fix reaches every page.
	w.Header()["Cache-Control"] = cacheRevalidate
	s.loader.serve(w, r, http.StatusOK)
}
