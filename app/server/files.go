package server

import (
	"io/fs"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"eventcard/app/assets"
	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/frontend"
	"eventcard/app/i18n"
	"eventcard/app/meta"
	"eventcard/app/pages"
	"eventcard/app/views"
)

// madeFiles are the files the site makes at start, besides web/'s: go-app's, the scripts and
// the stylesheet built from web/src (the loader among them), the web app manifests, and per event and language its calendar file and its oEmbed answer for a
// static host (oEmbed's query endpoint answers the same).
func (s *site) madeFiles(web fs.FS) ([]assets.File, error) {
	files, err := goAppFiles(s.set, web, s.version)
	if err != nil {
		return nil, err
	}
	// card.js, card.css and the loader (/embed.js), built from web/src with the facts.
	b := s.set.Branding()
	built, err := frontend.Build(web, frameTitles(s.set), frontend.Brand{Colours: card.Palette.WithAccents(b.Accent, b.AccentDark), Theme: b.Theme})
	if err != nil {
		return nil, err
	}
	for _, addr := range slices.Sorted(maps.Keys(built)) {
		files = append(files, assets.File{Addr: addr, ContentType: built[addr].ContentType, Body: built[addr].Body})
	}
	// The organisation's logo, for the standalone pages' header (card.Brand.Logo).
	if b.Logo != "" {
		body, err := fs.ReadFile(s.content, content.LogoPath(b.Logo))
		if err != nil {
			return nil, err
		}
		ctype := map[bool]string{true: "image/svg+xml", false: "image/png"}[strings.HasSuffix(b.Logo, ".svg")]
		files = append(files, assets.File{Addr: card.LogoAddr(b.Logo), ContentType: ctype, Body: body})
	}
	// go-app's file server used to answer these from web/; a forged Host header must never
	// make the server fetch them from anywhere (go-app's own proxy did).
	for _, name := range []string{"robots.txt"} {
		if body, err := fs.ReadFile(web, name); err == nil {
			files = append(files, assets.File{Addr: "/" + name, ContentType: "text/plain; charset=utf-8", Body: body})
		}
	}
	for _, lang := range s.set.Languages() {
		site, _ := s.set.Site(lang)
		m, err := meta.Manifest(site)
		if err != nil {
			return nil, err
		}
		files = append(files, assets.File{Addr: meta.ManifestPath(lang), ContentType: "application/manifest+json", Body: m})
		if lang == i18n.SourceLanguage {
			files = append(files, assets.File{Addr: "/manifest.webmanifest", ContentType: "application/manifest+json", Body: m})
		}
	}
	stamp := time.Now() // every calendar's DTSTAMP: this build's, the same in every answer
	for _, id := range s.set.IDs() {
		b, _ := s.set.Bundle(id)
		for _, lang := range s.set.Languages() {
			f, _ := s.set.Facts(id, lang)
			ics := assets.File{ContentType: "text/calendar; charset=utf-8", Body: meta.Calendar([]views.Facts{f}, "", s.base, stamp), Lazy: true,
				Header: http.Header{"Content-Disposition": {`attachment; filename="` + id + `.ics"`}}} // ids are [a-z0-9-]
			for _, l := range []string{lang, ""} {
				if l == "" && lang != b.Default {
					continue
				}
				ics.Addr = card.Path{Lang: l, Event: id}.Calendar()
				files = append(files, ics)
			}
			o, err := meta.OEmbed(s.set, s.base, meta.OEmbedTarget{ID: id, Lang: lang, Pinned: true}, 0, 0)
			if err != nil {
				return nil, err
			}
			files = append(files, assets.File{Addr: meta.OEmbedFilePath(lang, id), ContentType: "application/json; charset=utf-8",
				Body: o, Lazy: true, Header: publicData})
		}
	}
	for _, lang := range s.set.Languages() {
		atom, err := meta.Atom(s.set, lang, s.base, stamp, stamp)
		if err != nil {
			return nil, err
		}
		files = append(files, assets.File{Addr: meta.AtomPath(lang), ContentType: "application/atom+xml; charset=utf-8", Body: atom, Lazy: true})
	}
	sitemap, err := meta.Sitemap(s.set, s.base)
	if err != nil {
		return nil, err
	}
	files = append(files, assets.File{Addr: meta.SitemapPath, ContentType: "application/xml; charset=utf-8", Body: sitemap, Lazy: true})
	return files, nil
}

// publicData may be read by any page: an editor's browser asks for oEmbed answers too.
var publicData = http.Header{"Access-Control-Allow-Origin": {"*"}}

// frameTitles are the frame's title in each language, in the switcher's order (the first is
// the loader's fallback, the source language): the loader names the frame before the card has
// loaded and told it its event's title.
func frameTitles(set *views.Set) []frontend.FrameTitle {
	b, _ := set.Bundle(pages.UnknownEvent) // its labels have the frame's generic title
	titles := make([]frontend.FrameTitle, len(b.Languages))
	for i, l := range b.Languages {
		titles[i] = frontend.FrameTitle{Lang: l.Code, Text: b.View(l.Code).Labels.FrameTitle}
	}
	return titles
}
