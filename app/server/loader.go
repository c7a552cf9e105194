package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"eventcard/app/cards"
)

// titlesMarker is where web/embed.js receives the frame's title in each language: the loader
// names the frame before the card has loaded and told it its event's title.
var titlesMarker = []byte("/*TITLES*/{}")

// loader is web/embed.js with the titles filled in.
func loader(web fs.FS, set *cards.Set) ([]byte, error) {
	src, err := fs.ReadFile(web, "embed.js")
	if err != nil {
		return nil, err
	}
	if bytes.Count(src, titlesMarker) != 1 {
		return nil, fmt.Errorf("web/embed.js: want one %s", titlesMarker)
	}
	b, _ := set.Bundle("")
	titles := map[string]string{}
	for _, l := range b.Languages {
		titles[l.Code] = b.View(l.Code).Labels.FrameTitle
	}
	js, err := json.Marshal(titles)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(src, titlesMarker, js, 1), nil
}

func (s *Server) serveLoader(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	// Partners link this URL and never change it: revalidate, so a fix reaches every page.
	w.Header().Set("Cache-Control", "no-cache")
	etag := `"` + s.version + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(s.loader)
}
