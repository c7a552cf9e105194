package images

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"slices"

	"github.com/gen2brain/avif"
	"golang.org/x/image/draw"
)

// The encoders' settings, from BenchmarkEncode on two photos: a 3264×2448 mountain landscape as
// a banner and a 2056×3088 photo as a portrait. Bytes at 480/800/1200 and 64/128/192 px, SSIM
// against the resized pixels in brackets:
//
//	JPEG q80       30 466 / 81 668 / 180 622 (.95)   1 711 / 4 264 / 7 741 (.98)
//	WebP q85       32 514 / 86 798 / 193 164 (.96)   1 144 / 3 316 / 6 068 (.98)
//	AVIF q60 s8    23 601 / 62 400 / 139 247 (.96)   1 171 / 2 667 / 4 417 (.98)
//
// AVIF is the smallest at the same SSIM and looks the same as the JPEG side by side, so no WebP
// is made. Speed 8 is a third of speed 6's CPU time for no more bytes on these photos; speed 10
// is faster still but up to a third larger on portraits. All are deterministic: stable ETags.
const (
	avifQuality = 60
	avifSpeed   = 8
	jpegQuality = 80
)

// Process validates a banner's or a portrait's source file (JPEG, PNG or WebP) and makes the
// variants spec asks for, each width in AVIF and in JPEG (PNG when the source has transparency).
// A width larger than the source is replaced by the source's own: nothing is upscaled. An error
// says what is wrong with the file; the caller adds its name and field. Results are kept by the
// source's SHA-256, so an unchanged source is processed once; the Image is shared, read only.
func Process(src []byte, spec Spec) (*Image, error) {
	key := sha256.New()
	key.Write([]byte("process\x00"))
	key.Write(src)
	fmt.Fprintf(key, "\x00%v", spec)
	return remember(sum(key), func() (*Image, int, error) {
		im, err := process(src, spec)
		if err != nil {
			return nil, 0, err
		}
		size := 0
		for _, v := range im.Variants {
			size += len(v.Body)
		}
		return im, size, nil
	})
}

// process is Process without the memory.
func process(src []byte, spec Spec) (*Image, error) {
	if len(spec.Widths) == 0 || slices.Min(spec.Widths) <= 0 {
		return nil, fmt.Errorf("images: a spec needs positive widths, not %v", spec.Widths)
	}
	m, err := decodeSource(src)
	if err != nil {
		return nil, err
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	if e := float64(max(w, h)) / float64(min(w, h)); spec.MaxElongation > 0 && e > spec.MaxElongation {
		return nil, fmt.Errorf("%w: %d×%d pixels, its long side %.1f times its short one; at most %.1f",
			errElongated, w, h, e, spec.MaxElongation)
	}
	crop := centreCrop(m.Bounds(), spec.Aspect)
	widths, ok := plan(spec.Widths, crop.Dx())
	if !ok {
		return nil, fmt.Errorf("%w: %d×%d pixels, cropped to %d×%d; the card needs at least %d pixels wide",
			errTooSmall, w, h, crop.Dx(), crop.Dy(), slices.Min(spec.Widths))
	}
	fallback, encodeFallback := JPEG, encodeJPEG
	if !opaque(m, crop) {
		fallback, encodeFallback = PNG, encodePNG
	}

	height := func(w int) int {
		if spec.Aspect.W > 0 && spec.Aspect.H > 0 {
			return max(1, (w*spec.Aspect.H+spec.Aspect.W/2)/spec.Aspect.W)
		}
		return max(1, (w*crop.Dy()+crop.Dx()/2)/crop.Dx())
	}
	// The narrower variants are scaled from the widest, not from the source: as sharp, and a
	// tenth of the time from a camera's photo.
	widest := resize(m, crop, widths[len(widths)-1], height(widths[len(widths)-1]))
	im := &Image{Width: widest.Rect.Dx(), Height: widest.Rect.Dy()}
	var fallbacks []Variant
	for _, vw := range widths {
		vh := height(vw)
		pixels := widest
		if vw != im.Width {
			pixels = resize(widest, widest.Rect, vw, vh)
		}
		a, err := encodeAVIF(pixels)
		if err != nil {
			return nil, fmt.Errorf("images: encoding %d×%d AVIF: %v", vw, vh, err)
		}
		f, err := encodeFallback(pixels)
		if err != nil {
			return nil, fmt.Errorf("images: encoding %d×%d %s: %v", vw, vh, fallback, err)
		}
		im.Variants = append(im.Variants, Variant{vw, vh, AVIF, a})
		fallbacks = append(fallbacks, Variant{vw, vh, fallback, f})
	}
	im.Variants = append(im.Variants, fallbacks...)
	return im, nil
}

// centreCrop is the largest rectangle of shape aspect centred in r (r itself for a zero aspect).
func centreCrop(r image.Rectangle, aspect Ratio) image.Rectangle {
	if aspect.W <= 0 || aspect.H <= 0 {
		return r
	}
	w, h := r.Dx(), r.Dx()*aspect.H/aspect.W
	if h > r.Dy() {
		w, h = r.Dy()*aspect.W/aspect.H, r.Dy()
	}
	at := r.Min.Add(image.Pt((r.Dx()-w)/2, (r.Dy()-h)/2))
	return image.Rectangle{at, at.Add(image.Pt(w, h))}
}

// opaque tells whether the crop of m has no transparent pixel.
func opaque(m image.Image, crop image.Rectangle) bool {
	if s, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		m = s.SubImage(crop)
	}
	o, ok := m.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// plan is the widths to make from a source available pixels wide: those that fit, then the
// source's own width in place of any larger one. Not ok when even the narrowest does not fit.
func plan(widths []int, available int) (out []int, ok bool) {
	widths = slices.Sorted(slices.Values(widths))
	widths = slices.Compact(widths)
	for _, w := range widths {
		if w <= available {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return nil, false
	}
	if len(out) < len(widths) && out[len(out)-1] < available {
		out = append(out, available)
	}
	return out, true
}

// resize scales the crop of m to w×h. Catmull-Rom weighs every source pixel under the kernel,
// so a six-fold reduction does not alias as the faster bilinear approximation does.
func resize(m image.Image, crop image.Rectangle, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if crop.Dx() == w && crop.Dy() == h {
		draw.Copy(dst, image.Point{}, m, crop, draw.Src, nil)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, crop, draw.Src, nil)
	return dst
}

func encodeAVIF(m *image.RGBA) ([]byte, error) {
	var b bytes.Buffer
	err := avif.Encode(&b, m, avif.Options{Quality: avifQuality, QualityAlpha: avifQuality,
		Speed: avifSpeed, ChromaSubsampling: image.YCbCrSubsampleRatio420})
	return b.Bytes(), err
}

func encodeJPEG(m *image.RGBA) ([]byte, error) {
	var b bytes.Buffer
	err := jpeg.Encode(&b, m, &jpeg.Options{Quality: jpegQuality})
	return b.Bytes(), err
}

func encodePNG(m *image.RGBA) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
	return b.Bytes(), err
}
