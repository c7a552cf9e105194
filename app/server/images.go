package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/color"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"eventcard/app/assets"
	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/images"
	"eventcard/app/meta"
	"eventcard/app/views"
)

// eventImages makes the events' pictures while the views are built: each image file of an event
// resized and encoded (app/images), its variants kept to be served at
// /images/{id}/{name}-{hash}-{width}.{ext} (the hash of the source in the name: a new photo is a
// new address, so each may be kept a year), and the card.Picture that names them.
type eventImages struct {
	fsys  fs.FS
	mu    sync.Mutex
	files []assets.File
	seen  map[string]bool
}

// sizes are how wide the card shows each kind of picture, for the browser to pick a width.
var sizes = map[views.PictureKind]string{
	views.Banner:   "(min-width: 48rem) 48rem, 100vw",
	views.Portrait: "3rem",
}

var specs = map[views.PictureKind]images.Spec{views.Banner: images.Banner, views.Portrait: images.Portrait}

// picture is views.Pictures.
func (ei *eventImages) picture(e *content.Event, img *content.Image, kind views.PictureKind, alt string) (*card.Picture, error) {
	name := content.ImagePath(e.ID, img.File)
	src, err := fs.ReadFile(ei.fsys, name)
	if err != nil {
		return nil, err
	}
	im, err := images.Process(src, specs[kind])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sum := sha256.Sum256(src)
	stem := "/images/" + e.ID + "/" + strings.TrimSuffix(img.File, pathExt(img.File)) + "-" + hex.EncodeToString(sum[:4])
	url := func(v images.Variant) string { return stem + "-" + strconv.Itoa(v.Width) + v.Ext() }
	ei.keep(im, url)
	fallback := im.Fallback()
	return &card.Picture{
		Alt:      alt,
		Sources:  []card.Source{{Type: images.AVIF, Srcset: im.Srcset(images.AVIF, url)}},
		Fallback: card.Source{Type: fallback.ContentType, Srcset: im.Srcset(fallback.ContentType, url)},
		Src:      url(fallback),
		Sizes:    sizes[kind],
		Width:    im.Width,
		Height:   im.Height,
	}, nil
}

// keep records the variants to serve, once each.
func (ei *eventImages) keep(im *images.Image, url func(images.Variant) string) {
	ei.mu.Lock()
	defer ei.mu.Unlock()
	for _, v := range im.Variants {
		addr := url(v)
		if ei.seen[addr] {
			continue
		}
		ei.seen[addr] = true
		ei.files = append(ei.files, assets.File{Addr: addr, ContentType: v.ContentType, Body: v.Body, CacheControl: assets.CacheImmutable})
	}
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// socialImages draws each event's social image in each language when first asked for, and
// keeps it: 1200×630, its title, date and organizers, with its banner if it has one.
type socialImages struct {
	s    *site
	made sync.Map // address → *socialEntry
}

type socialEntry struct {
	once  sync.Once
	asset *assets.Asset
	err   error
}

// serveImage answers /images/{id}/{file}: an event's picture (a file made at start) or its
// social image in a language, drawn when first asked for (meta.SocialImagePath).
func (s *site) serveImage(w http.ResponseWriter, r *http.Request) {
	if a, cacheControl, ok := s.files.Lookup(r.URL.Path); ok {
		w.Header()["Cache-Control"] = cacheControl
		a.Serve(w, r, http.StatusOK)
		return
	}
	a, err := s.social.get(r.URL.Path)
	switch {
	case err == errNoSuchImage:
		http.NotFound(w, r)
		return
	case err != nil:
		s.log.Error("social image", "path", r.URL.Path, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header()["Cache-Control"] = assets.CacheRevalidate
	a.Serve(w, r, http.StatusOK)
}

var errNoSuchImage = fmt.Errorf("no such image")

func (si *socialImages) get(addr string) (*assets.Asset, error) {
	id, lang, ok := si.parse(addr)
	if !ok {
		return nil, errNoSuchImage
	}
	v, _ := si.made.LoadOrStore(addr, &socialEntry{})
	e := v.(*socialEntry)
	e.once.Do(func() { e.asset, e.err = si.draw(id, lang) })
	return e.asset, e.err
}

// parse finds the event and language an address names, if it is one of meta.SocialImagePath's.
func (si *socialImages) parse(addr string) (id, lang string, ok bool) {
	rest, ok := strings.CutPrefix(addr, "/images/")
	if !ok {
		return "", "", false
	}
	id, _, _ = strings.Cut(rest, "/")
	for _, l := range si.s.set.Languages() {
		if f, known := si.s.set.Facts(id, l); known && addr == meta.SocialImagePath(id, l, f.Event.Banner != nil) {
			return id, l, true
		}
	}
	return "", "", false
}

func (si *socialImages) draw(id, lang string) (*assets.Asset, error) {
	f, _ := si.s.set.Facts(id, lang)
	site, _ := si.s.set.Site(lang)
	c := images.SocialCard{Title: f.View.Title, Date: f.View.Card.When.Text, Site: site.Name, Format: images.PNG,
		Accent: hexColour(site.Accent), Ink: hexColour(card.Palette.Light.Ink), Paper: hexColour(card.Palette.Light.Paper)}
	var orgs []string
	for _, o := range f.View.Card.Organizers {
		orgs = append(orgs, o.Text)
	}
	c.Organizers = strings.Join(orgs, " · ")
	if b := f.Event.Banner; b != nil {
		src, err := fs.ReadFile(si.s.content, content.ImagePath(id, b.File))
		if err != nil {
			return nil, err
		}
		c.Banner, c.Format = src, images.JPEG
	}
	body, ctype, err := c.Render()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	return assets.New(ctype, body, `"`+hex.EncodeToString(sum[:12])+`"`, nil, nil), nil
}

// hexColour reads "#rrggbb".
func hexColour(s string) color.Color {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil {
		return nil
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
