package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/gen2brain/avif"
	"github.com/gen2brain/webp"
)

// Small widths keep the tests fast; the card's own widths are the same code.
var testBanner = Spec{Widths: []int{160, 320, 480}, Aspect: Ratio{16, 9}, MaxElongation: 4}

func TestProcessMakesEachWidthInAVIFAndJPEG(t *testing.T) {
	im := processed(t, jpegOf(t, landscape(960, 640)), testBanner,
		"image/avif 160×90", "image/avif 320×180", "image/avif 480×270",
		"image/jpeg 160×90", "image/jpeg 320×180", "image/jpeg 480×270")
	if im.Width != 480 || im.Height != 270 {
		t.Errorf("Image is %d×%d, want the widest variant's 480×270", im.Width, im.Height)
	}
	if fb := im.Fallback(); fb.ContentType != JPEG || fb.Width != 480 {
		t.Errorf("Fallback() = %s %d wide, want image/jpeg 480 wide", fb.ContentType, fb.Width)
	}
	url := func(v Variant) string { return fmt.Sprintf("/b-%d%s", v.Width, v.Ext()) }
	if got, want := im.Srcset(AVIF, url), "/b-160.avif 160w, /b-320.avif 320w, /b-480.avif 480w"; got != want {
		t.Errorf("Srcset(AVIF) = %q, want %q", got, want)
	}
	if got, want := im.Srcset(JPEG, url), "/b-160.jpg 160w, /b-320.jpg 320w, /b-480.jpg 480w"; got != want {
		t.Errorf("Srcset(JPEG) = %q, want %q", got, want)
	}
	for _, v := range im.Variants {
		if v.ContentType == AVIF && len(v.Body) >= len(fallbackOf(im, v.Width).Body) {
			t.Errorf("%d wide: AVIF is %d bytes, not smaller than JPEG's %d", v.Width, len(v.Body), len(fallbackOf(im, v.Width).Body))
		}
	}
}

func TestProcessNeverUpscales(t *testing.T) {
	// a 400×300 source at 160/320/480/640
	processed(t, pngOf(t, landscape(400, 300)), Spec{Widths: []int{160, 320, 480, 640}},
		"image/avif 160×120", "image/avif 320×240", "image/avif 400×300",
		"image/jpeg 160×120", "image/jpeg 320×240", "image/jpeg 400×300")
}

func TestProcessCropsAPortraitToTheCentreSquare(t *testing.T) {
	// red | green | blue thirds, 300×200: the centred 200×200 square is green but for its edges
	src := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 300; x++ {
			c := color.RGBA{0, 200, 0, 255}
			if x < 50 {
				c = color.RGBA{220, 0, 0, 255}
			} else if x >= 250 {
				c = color.RGBA{0, 0, 220, 255}
			}
			src.SetRGBA(x, y, c)
		}
	}
	im := processed(t, pngOf(t, src), Spec{Widths: []int{64, 128}, Aspect: Ratio{1, 1}, MaxElongation: 2.5},
		"image/avif 64×64", "image/avif 128×128", "image/jpeg 64×64", "image/jpeg 128×128")
	m := decode(t, im.Fallback())
	for _, x := range []int{2, 64, 125} {
		if r, g, b, _ := m.At(x, 64).RGBA(); g>>8 < 150 || r>>8 > 60 || b>>8 > 60 {
			t.Errorf("pixel (%d, 64) is %d,%d,%d: not the source's green centre", x, r>>8, g>>8, b>>8)
		}
	}
}

func TestProcessKeepsTransparencyWithAPNGFallback(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 320, 180))
	for y := 0; y < 180; y++ {
		for x := 0; x < 320; x++ {
			src.SetNRGBA(x, y, color.NRGBA{200, 40, 40, uint8(x * 255 / 319)})
		}
	}
	im := processed(t, pngOf(t, src), Spec{Widths: []int{160}, Aspect: Ratio{16, 9}}, "image/avif 160×90", "image/png 160×90")
	for _, v := range im.Variants {
		if _, _, _, a := decode(t, v).At(2, 45).RGBA(); a>>8 > 16 {
			t.Errorf("%s: the transparent edge has alpha %d", v.ContentType, a>>8)
		}
	}
}

func TestProcessTakesWebP(t *testing.T) {
	var src bytes.Buffer
	if err := webp.Encode(&src, landscape(480, 270), webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	im, err := Process(src.Bytes(), testBanner)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(im.Variants); got != 6 {
		t.Errorf("%d variants from a 480×270 WebP, want 6", got)
	}
}

func TestProcessDropsEXIFAndTurnsThePhotoUpright(t *testing.T) {
	// A phone's portrait photo: stored sideways, 200×100 (left half red, right half blue), with
	// an EXIF block saying "turn a quarter clockwise" and where it was taken.
	m := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for y := 0; y < 100; y++ {
		for x := 0; x < 200; x++ {
			c := color.RGBA{220, 0, 0, 255}
			if x >= 100 {
				c = color.RGBA{0, 0, 220, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	src := withEXIF(jpegOf(t, m), 6, "GPS 34.9011 S 56.1645 W")
	if jpegOrientation(src) != 6 {
		t.Fatalf("the test photo's orientation reads %d, want 6", jpegOrientation(src))
	}
	im, err := Process(src, Spec{Widths: []int{50, 100}})
	if err != nil {
		t.Fatal(err)
	}
	if im.Width != 100 || im.Height != 200 {
		t.Errorf("upright size %d×%d, want 100×200", im.Width, im.Height)
	}
	up := decode(t, im.Fallback())
	if r, _, b, _ := up.At(50, 20).RGBA(); r < b {
		t.Errorf("the top of the upright photo is not red (%d, %d): the orientation was not applied", r>>8, b>>8)
	}
	for _, v := range im.Variants {
		for _, leak := range []string{"Exif", "GPS", "34.9011"} {
			if bytes.Contains(v.Body, []byte(leak)) {
				t.Errorf("%s %d wide contains %q", v.ContentType, v.Width, leak)
			}
		}
	}
}

func TestProcessIsDeterministic(t *testing.T) {
	src := jpegOf(t, face(300))
	a, err := process(src, Portrait)
	if err != nil {
		t.Fatal(err)
	}
	b, err := process(src, Portrait)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Variants {
		if !bytes.Equal(a.Variants[i].Body, b.Variants[i].Body) {
			t.Errorf("%s %d wide differs between two runs", a.Variants[i].ContentType, a.Variants[i].Width)
		}
	}
}

func TestProcessRemembersBySource(t *testing.T) {
	src := jpegOf(t, face(200))
	results := make(chan *Image, 4)
	for range cap(results) { // callers at the same time wait for one run
		go func() {
			im, err := Process(bytes.Clone(src), Portrait)
			if err != nil {
				t.Error(err)
			}
			results <- im
		}()
	}
	first := <-results
	for range cap(results) - 1 {
		if <-results != first {
			t.Error("the same source was processed twice")
		}
	}
	if again, _ := Process(src, Portrait); again != first {
		t.Error("a reload processed an unchanged source again")
	}
	if other, _ := Process(src, Spec{Widths: []int{64}, Aspect: Ratio{1, 1}}); other == first {
		t.Error("another spec returned the first spec's variants")
	}
	if changed, _ := Process(jpegOf(t, face(201)), Portrait); changed == first {
		t.Error("a changed source returned the old variants")
	}
}

func TestProcessForgetsTheLeastRecentlyUsedPastItsLimit(t *testing.T) {
	defer func(limit int) { memoLimit = limit }(memoLimit)
	memoLimit = 1 // every new entry evicts the others
	a, b := jpegOf(t, face(100)), jpegOf(t, face(101))
	first, _ := Process(a, Portrait)
	Process(b, Portrait)
	if again, _ := Process(a, Portrait); again == first {
		t.Error("an entry past the limit was kept")
	}
}

func TestProcessRefusesBadSources(t *testing.T) {
	good := jpegOf(t, landscape(320, 180))
	tests := []struct {
		name string
		src  []byte
		spec Spec
		is   error
		says string
	}{
		{"empty", nil, testBanner, errFormat, "an empty file"},
		{"text", []byte("title: Taller de datos\n"), testBanner, errFormat, "not an image"},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), testBanner, errFormat, "a GIF"},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), testBanner, errFormat, "a HEIC photo"},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), testBanner, errFormat, "an SVG"},
		{"truncated JPEG", good[:len(good)/2], testBanner, errCorrupt, "corrupt or truncated JPEG"},
		{"truncated PNG", pngOf(t, landscape(320, 180))[:300], testBanner, errCorrupt, "corrupt or truncated PNG"},
		{"PNG bomb", pngDeclaring(t, 20000, 20000), testBanner, errTooLarge, "20000×20000 pixels (400 megapixels)"},
		{"JPEG bomb", jpegDeclaring(t, 20000, 20000), testBanner, errTooLarge, "20000×20000 pixels"},
		{"over 25 MB", append([]byte("\xff\xd8\xff"), make([]byte, 26<<20)...), testBanner, errTooLarge, "26.0 MB, more than 25 MB"},
		{"a strip as a portrait", jpegOf(t, landscape(600, 100)), Portrait, errElongated, "600×100 pixels, its long side 6.0 times its short one; at most 2.5"},
		{"too small a portrait", jpegOf(t, face(40)), Portrait, errTooSmall, "at least 64 pixels wide"},
		{"too small a banner", good, Banner, errTooSmall, "cropped to 320×180; the card needs at least 480"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Process(tt.src, tt.spec)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q, want %q saying %q", err, tt.is, tt.says)
			}
		})
	}
}

func TestJPEGOrientationIgnoresBrokenEXIF(t *testing.T) {
	src := jpegOf(t, landscape(32, 32))
	for _, broken := range [][]byte{
		src[:4],
		withEXIF(src, 6, "x")[:30], // cut inside the EXIF block
		append([]byte("\xff\xd8\xff\xe1\x00\x08Exif\x00\x00"), src[2:]...), // an empty TIFF block
	} {
		if o := jpegOrientation(broken); o != 1 {
			t.Errorf("orientation %d from a broken block, want 1", o)
		}
	}
}

// describe lists an Image's variants as "type W×H", checking each decodes to its stated size.
// processed is src processed to spec, failing unless its variants are want (each a content
// type and a size, as describe writes them).
func processed(t *testing.T, src []byte, spec Spec, want ...string) *Image {
	t.Helper()
	im, err := Process(src, spec)
	if err != nil {
		t.Fatal(err)
	}
	if got := describe(t, im); !slices.Equal(got, want) {
		t.Fatalf("variants:\n got %v\nwant %v", got, want)
	}
	return im
}

func describe(t *testing.T, im *Image) []string {
	t.Helper()
	var out []string
	for _, v := range im.Variants {
		b := decode(t, v).Bounds()
		if b.Dx() != v.Width || b.Dy() != v.Height {
			t.Errorf("%s says %d×%d, decodes to %d×%d", v.ContentType, v.Width, v.Height, b.Dx(), b.Dy())
		}
		out = append(out, fmt.Sprintf("%s %d×%d", v.ContentType, v.Width, v.Height))
	}
	return out
}

// decode reads a variant back with the decoder of its content type.
func decode(t *testing.T, v Variant) image.Image {
	t.Helper()
	read := map[string]func(*bytes.Reader) (image.Image, error){
		AVIF: func(r *bytes.Reader) (image.Image, error) { return avif.Decode(r) },
		JPEG: func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) },
		PNG:  func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) },
	}[v.ContentType]
	if read == nil {
		t.Fatalf("unknown content type %q", v.ContentType)
	}
	m, err := read(bytes.NewReader(v.Body))
	if err != nil {
		t.Fatalf("%s %d wide does not decode: %v", v.ContentType, v.Width, err)
	}
	return m
}

func fallbackOf(im *Image, width int) Variant {
	for _, v := range im.Variants {
		if v.ContentType != AVIF && v.Width == width {
			return v
		}
	}
	return Variant{}
}

func pngOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngDeclaring is a small, valid PNG whose header says it is w×h.
func pngDeclaring(t *testing.T, w, h int) []byte {
	src := pngOf(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	ihdr := src[8+8 : 8+8+13] // after the signature, the IHDR chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	binary.BigEndian.PutUint32(src[8+8+13:], crc32.ChecksumIEEE(src[8+4:8+8+13]))
	return src
}

// jpegDeclaring is a small JPEG whose frame header says it is w×h.
func jpegDeclaring(t *testing.T, w, h int) []byte {
	src := jpegOf(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	i := bytes.Index(src, []byte{0xff, 0xc0}) // the baseline frame header: length, precision, height, width
	binary.BigEndian.PutUint16(src[i+5:], uint16(h))
	binary.BigEndian.PutUint16(src[i+7:], uint16(w))
	return src
}

// withEXIF puts an EXIF block (IFD0: orientation, and a maker note holding note) after a
// JPEG's start marker, as a camera does.
func withEXIF(src []byte, orientation uint16, note string) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00*")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(2)) // two entries
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{orientation, 0})
	binary.Write(&tiff, binary.BigEndian, []uint16{0x927c, 7}) // the maker note, undefined bytes
	binary.Write(&tiff, binary.BigEndian, uint32(len(note)))
	binary.Write(&tiff, binary.BigEndian, uint32(8+2+2*12+4))
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next directory
	tiff.WriteString(note)
	segment := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(out[4:], uint16(len(segment)+2))
	out = append(out, segment...)
	return append(out, src[2:]...)
}
