package server

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"eventcard/app/card"
)

// oEmbed (https://oembed.com), so that a site's editor turns a pasted link to an event's page
// into the card: GET /oembed?url=<a standalone page of this widget>&format=json answers a "rich"
// response whose html is the README's embed snippet. A static host cannot answer a query: the
// same JSON is at /oembed/{lang}/{id}.json, which the standalone pages name when rendered for
// one (see oembedDiscovery).

// The card's size in a partner's page (web/embed.js, FOLD): it opens folded to a fixed height,
// and fills the width it is given. oembedWidth is the standalone page's column (48rem).
const (
	oembedHeight        = 720 // FOLD.full
	oembedCompactHeight = 440 // FOLD.compact, with data-compact
	oembedWidth         = 768
)

// oembedFilePath is where a static host serves the oEmbed of event id in lang.
func oembedFilePath(lang, id string) string { return "/oembed/" + lang + "/" + id + ".json" }

type oembedResponse struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	Title           string `json:"title"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

// snippetTemplate is the README's embed snippet: the placeholder link (the card's place, and
// its fallback without JavaScript), then the loader. html/template escapes every value.
var snippetTemplate = template.Must(template.New("snippet").Parse(
	`<a class="eventcard" href="{{.Href}}" style="display:block;height:{{.Height}}px">{{.Title}}</a>` + "\n" +
		`<script async src="{{.Loader}}" data-event="{{.Event}}"{{if .Lang}} data-lang="{{.Lang}}"{{end}}{{if .Compact}} data-compact{{end}}></script>`))

type snippet struct {
	Href, Title, Loader, Event, Lang string
	Height                           int
	Compact                          bool
}

// oembedTarget is what a URL given to the endpoint names: an event, in a language, which the
// URL pins (its path or its ?lang=) or not (the card then picks the visitor's).
type oembedTarget struct {
	id, lang string
	pinned   bool
}

// serveOEmbed answers GET /oembed. A URL that is not a standalone page of this widget (another
// host, an embed, an unknown event, a language the card lacks, anything malformed) is a 404; a
// format other than JSON is a 501, as the specification says.
func (s *Server) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "only format=json is implemented", http.StatusNotImplemented)
		return
	}
	t, ok := s.oembedTargetOf(q.Get("url"))
	if !ok {
		http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
		return
	}
	s.writeOEmbed(w, r, t, positive(q.Get("maxwidth")), positive(q.Get("maxheight")))
}

// serveOEmbedFile answers /oembed/{lang}/{id}.json: the response for the event's page in lang.
func (s *Server) serveOEmbedFile(w http.ResponseWriter, r *http.Request) {
	lang, file := r.PathValue("lang"), r.PathValue("file")
	id, ok := strings.CutSuffix(file, ".json")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if _, ok := s.cards.Facts(id, lang); !ok {
		http.NotFound(w, r)
		return
	}
	s.writeOEmbed(w, r, oembedTarget{id: id, lang: lang, pinned: true}, 0, 0)
}

// oembedTargetOf reads a URL given to the endpoint: {base}/events/{id}[/], {base}/{lang}/events/{id}[/],
// the home page {base}/ or {base}/{lang}/ (the featured event), on the configured host (http
// or https).
func (s *Server) oembedTargetOf(raw string) (oembedTarget, bool) {
	u, err := url.Parse(raw)
	if err != nil || raw == "" || len(raw) > 2048 || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Opaque != "" || u.User != nil || !strings.EqualFold(u.Host, s.base.Host) {
		return oembedTarget{}, false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	path, ok := card.ParsePath(p)
	if !ok || (path.Kind != card.EventPage && path.Kind != card.HomePage) {
		return oembedTarget{}, false
	}
	id := path.Event
	if path.Kind == card.HomePage {
		id = s.cards.Featured()
	}
	t := oembedTarget{id: id, lang: path.Lang, pinned: path.Lang != ""}
	if !t.pinned {
		// The standalone page takes ?lang= when its address names no language.
		if lang, ok := s.cards.Matcher(id).Tag(u.Query().Get("lang")); ok {
			t.lang, t.pinned = lang, true
		} else {
			b, _ := s.cards.Bundle(id)
			t.lang = b.Default
		}
	}
	if _, ok := s.cards.Facts(id, t.lang); !ok {
		return oembedTarget{}, false
	}
	return t, true
}

// writeOEmbed answers the oEmbed of t. maxWidth and maxHeight (0: none) bound the size: the
// card fills any width, and opens compact (shorter) when the full fold does not fit.
func (s *Server) writeOEmbed(w http.ResponseWriter, r *http.Request, t oembedTarget, maxWidth, maxHeight int) {
	f, _ := s.cards.Facts(t.id, t.lang)
	site, _ := s.cards.Site(t.lang)
	width, height := oembedWidth, oembedHeight
	if maxWidth > 0 && maxWidth < width {
		width = maxWidth
	}
	compact := maxHeight > 0 && maxHeight < oembedHeight
	if compact {
		height = oembedCompactHeight
	}
	page := card.Path{Kind: card.EventPage, Event: t.id}
	sn := snippet{Title: f.View.Title, Loader: s.abs("/embed.js"), Event: t.id, Height: height, Compact: compact}
	if t.pinned {
		page.Lang, sn.Lang = t.lang, t.lang
	}
	sn.Href = s.abs(page.String())
	var html bytes.Buffer
	if err := snippetTemplate.Execute(&html, sn); err != nil {
		s.log.Error("oembed snippet", "event", t.id, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	body, err := json.Marshal(oembedResponse{
		Version:         "1.0",
		Type:            "rich",
		ProviderName:    site.Name,
		ProviderURL:     s.abs("/"),
		Title:           f.View.Title,
		HTML:            html.String(),
		Width:           width,
		Height:          height,
		ThumbnailURL:    s.abs(shareImage),
		ThumbnailWidth:  shareImageSize,
		ThumbnailHeight: shareImageSize,
	})
	if err != nil {
		s.log.Error("oembed", "event", t.id, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	// Public data, asked for by editors in the browser too.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.writeBuilt(w, r, "application/json; charset=utf-8", body)
}

// positive reads a positive integer parameter; anything else is no bound.
func positive(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
