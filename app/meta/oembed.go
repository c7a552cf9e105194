package meta

import (
	"encoding/json"
	"net/url"
	"strings"

	"eventcard/app/card"
	"eventcard/app/views"
)

// oEmbed (https://oembed.com), so that a site's editor turns a pasted link to an event's page
// into the card: GET /oembed?url=<a standalone page of this widget>&format=json answers a "rich"
// response whose html is the embed snippet. A static host cannot answer a query: the same JSON
// is at /oembed/{lang}/{id}.json, which the standalone pages name when rendered for one.

// oembedWidth is the standalone page's column (48rem): the card fills any width it is given.
const oembedWidth = 768

// OEmbedFilePath is where a static host serves the oEmbed of event id in lang.
func OEmbedFilePath(lang, id string) string { return "/oembed/" + lang + "/" + id + ".json" }

// OEmbedDiscovery is the href of a standalone page's oEmbed discovery link: the query endpoint
// when a server answers, the exported file on a static host, which has no queries.
func OEmbedDiscovery(base *url.URL, canonical, id, lang string, static bool) string {
	if static {
		return abs(base, OEmbedFilePath(lang, id))
	}
	return abs(base, "/oembed?"+url.Values{"url": {canonical}, "format": {"json"}}.Encode())
}

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

// OEmbedTarget is what a URL given to the endpoint names: an event, in a language, which the
// URL pins (its path or its ?lang=) or not (the card then picks the visitor's).
type OEmbedTarget struct {
	ID, Lang string
	Pinned   bool
}

// ParseOEmbedURL reads a URL given to the endpoint: {base}/events/{id}[/],
// {base}/{lang}/events/{id}[/], the home page {base}/ or {base}/{lang}/ (the featured event), on
// base's host (http or https). Anything else (another host, an embed, an unknown event, a
// language the card lacks, anything malformed) is not a target.
func ParseOEmbedURL(set *views.Set, base *url.URL, raw string) (OEmbedTarget, bool) {
	u, err := url.Parse(raw)
	if err != nil || raw == "" || len(raw) > 2048 || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Opaque != "" || u.User != nil || !strings.EqualFold(u.Host, base.Host) {
		return OEmbedTarget{}, false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	path, ok := card.ParsePath(p)
	if !ok || (path.Kind != card.EventPage && path.Kind != card.HomePage) {
		return OEmbedTarget{}, false
	}
	id := path.Event
	if path.Kind == card.HomePage {
		id = set.Featured()
	}
	t := OEmbedTarget{ID: id, Lang: path.Lang, Pinned: path.Lang != ""}
	if !t.Pinned {
		// The standalone page takes ?lang= when its address names no language.
		if lang, ok := set.Matcher(id).Tag(u.Query().Get("lang")); ok {
			t.Lang, t.Pinned = lang, true
		} else {
			b, _ := set.Bundle(id)
			t.Lang = b.Default
		}
	}
	if _, ok := set.Facts(id, t.Lang); !ok {
		return OEmbedTarget{}, false
	}
	return t, true
}

// OEmbed is the oEmbed answer for t, its addresses on base. maxWidth and maxHeight (0: none)
// bound the size: the card fills any width, and opens compact (shorter) when the full fold
// does not fit.
func OEmbed(set *views.Set, base *url.URL, t OEmbedTarget, maxWidth, maxHeight int) ([]byte, error) {
	f, _ := set.Facts(t.ID, t.Lang)
	site, _ := set.Site(t.Lang)
	width := oembedWidth
	if maxWidth > 0 && maxWidth < width {
		width = maxWidth
	}
	e := card.Embed{Event: t.ID, Title: f.View.Title, Compact: maxHeight > 0 && maxHeight < card.Folded.Full}
	if t.Pinned {
		e.Lang = t.Lang
	}
	return json.Marshal(oembedResponse{
		Version:         "1.0",
		Type:            "rich",
		ProviderName:    site.Name,
		ProviderURL:     abs(base, "/"),
		Title:           f.View.Title,
		HTML:            card.Snippet(abs(base, ""), e),
		Width:           width,
		Height:          card.Folded.Height(e.Compact),
		ThumbnailURL:    abs(base, SocialImagePath(t.ID, t.Lang, f.Event.Banner != nil)),
		ThumbnailWidth:  SocialImageWidth,
		ThumbnailHeight: SocialImageHeight,
	})
}
