package server

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"eventcard/app/assets"
	"eventcard/app/card"
	"eventcard/app/export"
	"eventcard/app/i18n"
	"eventcard/app/meta"
	"eventcard/app/pages"
)

// NotFoundPage is the static host's not-found page, what it serves for any address it has no
// file for: the unknown-event card in a frame, where a wrong data-event lands, in the source
// language (the card's script moves it to the visitor's).
const NotFoundPage = "404.html"

// Export writes the site for a static host into dir (README, "Static hosting"): every file the
// server serves, web/'s also under the build's version where the pages name them, every page
// in every language and without one (rendered for a static host: no server will pick the
// language of an address without one, the card's script does), the demo and the not-found
// page. Canonical addresses use the base URL.
func (s *site) Export(dir string) (export.Result, error) {
	var files []export.File
	add := func(addr string, a *assets.Asset, page bool) error {
		name, err := export.Name(addr, page)
		if err == nil {
			files = append(files, export.File{Name: name, Asset: a})
		}
		return err
	}
	for _, addr := range s.files.Addresses() {
		a := s.files.Get(addr)
		if err := add(addr, a, false); err != nil {
			return export.Result{}, err
		}
		if strings.HasPrefix(addr, "/web/") {
			if err := add(assets.StaticPrefix(s.version)+addr, a, false); err != nil {
				return export.Result{}, err
			}
		}
	}
	now := time.Now()
	for _, path := range pages.All(s.set) {
		key, _ := pages.Resolve(s.set, path, pages.Request{Static: true}, now)
		p, err := s.pages.Get(key)
		if err != nil {
			return export.Result{}, err
		}
		if err := add(path.String(), p.Asset, true); err != nil {
			return export.Result{}, err
		}
		if path == (card.Path{Kind: card.EmbedPage, Event: pages.UnknownEvent}) {
			files = append(files, export.File{Name: NotFoundPage, Asset: p.Asset})
		}
	}
	for _, lang := range append([]string{""}, s.set.Languages()...) {
		feed := s.feeds.get(or(lang, i18n.SourceLanguage), now)
		if err := add(meta.CalendarFeedPath(lang), feed, false); err != nil {
			return export.Result{}, err
		}
	}
	for _, id := range s.set.IDs() {
		for _, lang := range s.set.Languages() {
			f, _ := s.set.Facts(id, lang)
			addr := meta.SocialImagePath(id, lang, f.Event.Banner != nil)
			img, err := s.social.get(addr)
			if err != nil {
				return export.Result{}, fmt.Errorf("%s: %w", addr, err)
			}
			if err := add(addr, img, false); err != nil {
				return export.Result{}, err
			}
		}
	}
	var demo bytes.Buffer
	if err := s.writeDemo(&demo, s.base.Scheme+"://"+s.base.Host); err != nil {
		return export.Result{}, err
	}
	if err := add("/demo", assets.New("text/html; charset=utf-8", demo.Bytes(), `"`+s.version+`"`, nil, nil), true); err != nil {
		return export.Result{}, err
	}
	return export.Write(dir, files)
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
