// Package images makes the pictures the card serves: event banners and speaker portraits as AVIF
// with a JPEG (or PNG) fallback at each width the card uses, and a social image per event and
// language.
package images

import (
	"strconv"
	"strings"
)

// The content types Process writes.
const (
	AVIF = "image/avif" // every variant has one: the smallest a pure-Go build can write
	JPEG = "image/jpeg" // the fallback of an opaque source
	PNG  = "image/png"  // the fallback of a source with transparency
)

// A Spec says which variants a source becomes.
type Spec struct {
	Widths []int // the pixel widths the card serves, narrowest first
	Aspect Ratio // the shape every variant is centre-cropped to; zero keeps the source's own
	// MaxElongation refuses a source whose long side is more than this many times its short one
	// (zero: any): cropped to Aspect, it would lose most of itself.
	MaxElongation float64
}

// Ratio is a width to height ratio, such as 16:9.
type Ratio struct{ W, H int }

// The card's two kinds of picture. A caller may copy one and change its widths.
var (
	// Banner is cropped to 16:9 so every card reserves the same box whatever the source, and
	// search engines take 16:9 for an event's image.
	Banner = Spec{Widths: []int{480, 800, 1200}, Aspect: Ratio{16, 9}, MaxElongation: 4}
	// Portrait is a square for a round badge: 64, 128 and 192 are its 1×, 2× and 3× pixels.
	Portrait = Spec{Widths: []int{64, 128, 192}, Aspect: Ratio{1, 1}, MaxElongation: 2.5}
)

// An Image is one source made into the variants the card serves.
type Image struct {
	Width, Height int       // the widest variant's: <img width height>, so the box is reserved
	Variants      []Variant // AVIF first, then the fallback format; each narrowest first
}

// A Variant is one encoded file of an Image. Its Body is shared: never modify it.
type Variant struct {
	Width, Height int
	ContentType   string // AVIF, JPEG or PNG
	Body          []byte
}

// Ext is the variant's file name extension, with its dot.
func (v Variant) Ext() string {
	switch v.ContentType {
	case AVIF:
		return ".avif"
	case PNG:
		return ".png"
	}
	return ".jpg"
}

// Fallback is the variant for <img src>: the widest in the format every browser decodes.
func (im *Image) Fallback() Variant {
	var widest Variant
	for _, v := range im.Variants {
		if v.ContentType != AVIF && v.Width >= widest.Width {
			widest = v
		}
	}
	return widest
}

// Srcset is the srcset attribute's value for the variants of one content type, each named by
// url: "/a-480.avif 480w, /a-800.avif 800w".
func (im *Image) Srcset(contentType string, url func(Variant) string) string {
	var b strings.Builder
	for _, v := range im.Variants {
		if v.ContentType != contentType {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(url(v))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(v.Width))
		b.WriteByte('w')
	}
	return b.String()
}
