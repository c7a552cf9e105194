package server

import (
	"net/http"

	"eventcard/app/cards"
	"eventcard/app/frontend"
)

// frameTitles are the frame's title in each language, in the switcher's order (the first is
// the loader's fallback, the source language): the loader names the frame before the card has
// loaded and told it its event's title.
func frameTitles(set *cards.Set) []frontend.FrameTitle {
	b, _ := set.Bundle(unknownEvent) // its labels have the frame's generic title
	titles := make([]frontend.FrameTitle, len(b.Languages))
	for i, l := range b.Languages {
		titles[i] = frontend.FrameTitle{Lang: l.Code, Text: b.View(l.Code).Labels.FrameTitle}
	}
	return titles
}

// loader is /embed.js as built (web/src/embed.js), compressed: partners' pages pay for every
// byte of it (budget: 1.5 KB gzip). Its ETag is the build's version.
func loader(built frontend.File, version string) (*asset, error) {
	gz, br, _, err := encodeFile(built.Body, nil, nil)
	if err != nil {
		return nil, err
	}
	return newAsset(built.ContentType, built.Body, `"`+version+`"`, gz, br), nil
}

func (s *Server) serveLoader(w http.ResponseWriter, r *http.Request) {
	// Partners link this URL and never change it: revalidate, so a fix reaches every page.
	w.Header()["Cache-Control"] = cacheRevalidate
	s.loader.serve(w, r, http.StatusOK)
}
