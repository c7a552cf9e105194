package meta

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/url"
	"strconv"
	"strings"

	"eventcard/app/card"
	"eventcard/app/views"
)

// oEmbed (https://oembed.com), so that a site's editor turns a pasted link to an event's page
// into the card: GET /oembed?url=<a standalone page of this widget>[&format=json|xml] answers a
// "rich" response whose html is the card's frame. A static host cannot answer a query: the same
// JSON is at /oembed/{lang}/{id}.json, which the standalone pages name when rendered for one.
//
// The html is the frame itself, not the partner's snippet (a script), for every consumer:
// WordPress keeps nothing of an unknown provider's html but a, blockquote and iframe, and drops
// the embed when no iframe is left (wp_filter_oembed_result); most other consumers strip scripts
// too, or put the html in a frame of their own, where a frame works as well. A frame needs no
// script on the host, works under a host policy that allows the widget in frame-src, and its
// height attribute holds the card's place without a style attribute.
//
//	<blockquote hidden><a href="{page}">{title}</a></blockquote>
//	<iframe src="{widget}[/{lang}]/embed/{id}/[?compact=1]" width="100%" height="…" title="…" frameborder="0"></iframe>
//
// The card fills any width: the frame takes its container's (a phone's column may be narrower
// than the maxwidth a consumer asks for, and a frame of fixed width would make the page scroll
// sideways), and the answer's width says what the card asks for, maxwidth at most. Its height is
// the card's fold, maxheight at most.
//
// The blockquote is for WordPress: its filter strips every attribute (hidden included), keeps a
// blockquote only before the iframe, and only then enqueues wp-embed.js, the host script that
// sizes the frame and hides the blockquote once the card speaks (web/src/card/wordpress.js).
// Any other consumer keeps hidden: the frame, whose card works without JavaScript too, is all
// it shows.

// oembedWidth is the standalone page's column (48rem): the card fills any width it is given.
const oembedWidth = 768

// OEmbedCacheAge is the answer's cache_age, in seconds: a consumer may keep it a day. The
// frame's address does not change with a build, only what the frame shows does.
const OEmbedCacheAge = 86400

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

// oembedResponse is the answer, in JSON and in XML (the specification's two formats, the same
// fields).
type oembedResponse struct {
	XMLName         xml.Name `json:"-" xml:"oembed"`
	Version         string   `json:"version" xml:"version"`
	Type            string   `json:"type" xml:"type"`
	ProviderName    string   `json:"provider_name" xml:"provider_name"`
	ProviderURL     string   `json:"provider_url" xml:"provider_url"`
	Title           string   `json:"title" xml:"title"`
	CacheAge        int      `json:"cache_age" xml:"cache_age"`
	HTML            string   `json:"html" xml:"html"`
	Width           int      `json:"width" xml:"width"`
	Height          int      `json:"height" xml:"height"`
	ThumbnailURL    string   `json:"thumbnail_url" xml:"thumbnail_url"`
	ThumbnailWidth  int      `json:"thumbnail_width" xml:"thumbnail_width"`
	ThumbnailHeight int      `json:"thumbnail_height" xml:"thumbnail_height"`
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

// OEmbed is the oEmbed answer for t in JSON, its addresses on base. maxWidth and maxHeight (0:
// none) bound the size, as the specification requires: the card fills any width; it opens
// compact (shorter) when its full fold does not fit, and below the compact fold the frame is
// maxHeight high and the card scrolls in it.
func OEmbed(set *views.Set, base *url.URL, t OEmbedTarget, maxWidth, maxHeight int) ([]byte, error) {
	return json.Marshal(oembed(set, base, t, maxWidth, maxHeight))
}

// OEmbedXML is the same answer in XML.
func OEmbedXML(set *views.Set, base *url.URL, t OEmbedTarget, maxWidth, maxHeight int) ([]byte, error) {
	body, err := xml.Marshal(oembed(set, base, t, maxWidth, maxHeight))
	if err != nil {
		return nil, err
	}
	return append([]byte(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>`+"\n"), body...), nil
}

func oembed(set *views.Set, base *url.URL, t OEmbedTarget, maxWidth, maxHeight int) oembedResponse {
	f, _ := set.Facts(t.ID, t.Lang)
	site, _ := set.Site(t.Lang)
	width := oembedWidth
	if maxWidth > 0 && maxWidth < width {
		width = maxWidth
	}
	// The frame fills whatever column shows it, down to a phone's: the narrowest place's fold,
	// in the address's language when it names one. A frame has no placeholder to measure, and
	// a host without the loader could not make it shorter afterwards.
	b, _ := set.Bundle(t.ID)
	folds := card.FoldOf(b)
	if t.Pinned {
		folds = card.FoldIn(b, t.Lang)
	}
	fold := folds[0]
	compact := maxHeight > 0 && maxHeight < fold.Full
	height := fold.Height(compact)
	if maxHeight > 0 && maxHeight < height {
		height = maxHeight
	}
	lang := ""
	if t.Pinned {
		lang = t.Lang
	}
	return oembedResponse{
		Version:         "1.0",
		Type:            "rich",
		ProviderName:    site.Name,
		ProviderURL:     abs(base, "/"),
		Title:           f.View.Title,
		CacheAge:        OEmbedCacheAge,
		HTML:            OEmbedHTML(abs(base, ""), OEmbedFrame{Event: t.ID, Lang: lang, Title: f.View.Title, FrameTitle: f.View.Labels.FrameTitle, Height: height, Compact: compact}),
		Width:           width,
		Height:          height,
		ThumbnailURL:    abs(base, SocialImagePath(t.ID, t.Lang, f.Event.Banner != nil)),
		ThumbnailWidth:  SocialImageWidth,
		ThumbnailHeight: SocialImageHeight,
	}
}

// OEmbedFrame is the card's frame as an oEmbed answer gives it.
type OEmbedFrame struct {
	Event, Lang       string // Lang "": the visitor's
	Title, FrameTitle string // the event's title (the fallback link's text), the frame's title
	Height            int
	Compact           bool
}

// OEmbedHTML is the html of an oEmbed answer for the widget at origin: the fallback link in a
// blockquote, then the frame (see the top of this file). Every value is escaped.
func OEmbedHTML(origin string, f OEmbedFrame) string {
	esc := html.EscapeString
	// The card folds at the frame's height (fold=), the event's fold or maxheight.
	src := origin + card.Path{Kind: card.EmbedPage, Lang: f.Lang, Event: f.Event}.String() + "?"
	if f.Compact {
		src += "compact=1&"
	}
	src += "fold=" + strconv.Itoa(f.Height)
	page := origin + card.Path{Kind: card.EventPage, Lang: f.Lang, Event: f.Event}.String()
	return `<blockquote hidden><a href="` + esc(page) + `">` + esc(f.Title) + "</a></blockquote>\n" +
		`<iframe src="` + esc(src) + `" width="100%" height="` + strconv.Itoa(f.Height) +
		`" title="` + esc(f.FrameTitle) + `" frameborder="0"></iframe>`
}
