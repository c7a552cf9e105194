package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// The bounds of a source file. A phone's photo is 12 to 48 megapixels and a few megabytes.
const (
	maxSourceBytes  = 25 << 20
	maxSourcePixels = 50_000_000 // checked on the declared size, before any pixel is decoded
)

// The kinds of problem a source can have; each error names its numbers as well.
var (
	errFormat    = errors.New("unsupported file")
	errTooLarge  = errors.New("too large")
	errCorrupt   = errors.New("corrupt or truncated")
	errTooSmall  = errors.New("too small")
	errElongated = errors.New("too long and narrow")
)

// A format is one kind of source file the package reads.
type format struct {
	name         string
	decode       func([]byte) (image.Image, error)
	decodeConfig func([]byte) (image.Config, error)
}

var (
	jpegFormat = format{"JPEG",
		func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) },
		func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }}
	pngFormat = format{"PNG",
		func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) },
		func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }}
	webpFormat = format{"WebP",
		func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) },
		func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) }}
)

// decodeSource reads a JPEG, PNG or WebP file into upright pixels, refusing anything else, a
// file over the limits, or one that does not decode whole. The file's metadata goes no further.
func decodeSource(src []byte) (image.Image, error) {
	if len(src) > maxSourceBytes {
		return nil, fmt.Errorf("%w: the file is %.1f MB, more than %d MB", errTooLarge,
			float64(len(src))/(1<<20), maxSourceBytes>>20)
	}
	f, err := sniff(src)
	if err != nil {
		return nil, err
	}
	// The header first: a small file may declare a huge image (a decompression bomb).
	cfg, err := f.decodeConfig(src)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", errCorrupt, f.name, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w %s: it declares %d×%d pixels", errCorrupt, f.name, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxSourcePixels {
		return nil, fmt.Errorf("%w: the image is %d×%d pixels (%.0f megapixels), more than %d megapixels",
			errTooLarge, cfg.Width, cfg.Height, float64(px)/1e6, maxSourcePixels/1_000_000)
	}
	m, err := f.decode(src)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", errCorrupt, f.name, err)
	}
	if f.name == jpegFormat.name {
		m = orient(m, jpegOrientation(src))
	}
	return m, nil
}

// sniff tells a source's format by its first bytes, and names the usual wrong ones.
func sniff(src []byte) (format, error) {
	has := func(at int, magic string) bool {
		return len(src) >= at+len(magic) && string(src[at:at+len(magic)]) == magic
	}
	switch {
	case has(0, "\xff\xd8\xff"):
		return jpegFormat, nil
	case has(0, "\x89PNG\r\n\x1a\n"):
		return pngFormat, nil
	case has(0, "RIFF") && has(8, "WEBP"):
		return webpFormat, nil
	}
	var named string
	switch {
	case has(4, "ftypheic"), has(4, "ftypheix"), has(4, "ftypmif1"), has(4, "ftyphevc"):
		named = "a HEIC photo"
	case has(4, "ftypavif"):
		named = "an AVIF image"
	case has(0, "GIF8"):
		named = "a GIF"
	case bytes.Contains(src[:min(len(src), 512)], []byte("<svg")):
		named = "an SVG drawing"
	case len(src) == 0:
		named = "an empty file"
	default:
		named = "not an image"
	}
	return format{}, fmt.Errorf("%w: %s (the card takes JPEG, PNG or WebP)", errFormat, named)
}
