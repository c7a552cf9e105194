package images

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

var (
	paper  = color.RGBA{0xfa, 0xf7, 0xf0, 0xff}
	ink    = color.RGBA{0x10, 0x20, 0x30, 0xff}
	accent = color.RGBA{0xc0, 0x30, 0x30, 0xff}
)

const longTitle = "Taller internacional de datos abiertos, transparencia y participación ciudadana " +
	"para organizaciones sociales de América Latina y el Caribe: ¿cómo publicar información útil, " +
	"accesible y reutilizable sobre nuestros proyectos, presupuestos y resultados?"

func TestSocialCardIs1200x630PNGOrJPEGWithABanner(t *testing.T) {
	for _, tt := range []struct {
		name   string
		banner []byte
		want   string
	}{
		{"text only", nil, PNG},
		{"with a photo", jpegOf(t, landscape(1200, 675)), JPEG},
	} {
		t.Run(tt.name, func(t *testing.T) {
			card := SocialCard{Title: "Taller de datos abiertos", Date: "12 de noviembre de 2026",
				Organizers: "Red de datos", Site: "Agenda", Banner: tt.banner}
			body, contentType, err := card.Render()
			if err != nil {
				t.Fatal(err)
			}
			if contentType != tt.want {
				t.Errorf("content type %s, want %s", contentType, tt.want)
			}
			m, _, err := image.Decode(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if b := m.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
				t.Errorf("size %v, want 1200×630", b.Size())
			}
		})
	}
}

func TestSocialCardKeepsTextInsideItsMargins(t *testing.T) {
	blue := image.NewRGBA(image.Rect(0, 0, 800, 450))
	draw.Draw(blue, blue.Bounds(), image.NewUniform(color.RGBA{0, 0, 255, 255}), image.Point{}, draw.Src)
	for _, banner := range [][]byte{nil, pngOf(t, blue)} {
		card := SocialCard{Title: longTitle, Date: strings.Repeat("Jueves 12 de noviembre de 2026 ", 3),
			Organizers: strings.Repeat("Fundación Ñandú, ", 8), Site: strings.Repeat("Agenda de la red ", 6),
			Banner: banner, Accent: accent, Ink: ink, Paper: paper}
		m, err := card.draw()
		if err != nil {
			t.Fatal(err)
		}
		text := image.Rect(marginX, marginTop, socialWidth-marginX, socialHeight-marginBottom)
		if banner != nil {
			text.Max.X = socialWidth - panelWidth - panelGap
		}
		for y := 0; y < socialHeight; y++ {
			for x := bandWidth; x < socialWidth; x++ {
				want := color.Color(paper)
				if banner != nil && x >= socialWidth-panelWidth {
					want = color.RGBA{0, 0, 255, 255}
				}
				if !image.Pt(x, y).In(text) && m.At(x, y) != want {
					t.Fatalf("banner %v: pixel (%d, %d) is %v outside the text's box %v", banner != nil, x, y, m.At(x, y), text)
				}
			}
		}
	}
}

func TestSocialCardTitleShrinksThenEndsInAnEllipsis(t *testing.T) {
	fam, _ := fonts()
	short, size := fitLines(fam.bold, words(fam.bold, "Taller de datos"), 1040, titleSizes, titleLines)
	if len(short) != 1 || size != titleSizes[0] {
		t.Errorf("a short title: %d lines at %v px, want 1 at %v", len(short), size, titleSizes[0])
	}
	input := words(fam.bold, longTitle)
	lines, size := fitLines(fam.bold, input, 600, titleSizes, titleLines)
	if size != titleSizes[len(titleSizes)-1] || len(lines) != titleLines(size) {
		t.Fatalf("a long title: %d lines at %v px, want %d at the smallest size", len(lines), size, titleLines(size))
	}
	last := lines[len(lines)-1]
	if !strings.HasSuffix(last, "…") {
		t.Errorf("the last line %q has no ellipsis", last)
	}
	// every line is whole words of the title, in order: none is cut
	set := strings.Fields(strings.TrimSuffix(strings.Join(lines, " "), "…"))
	for i, w := range set {
		if w != input[i] && !(i == len(set)-1 && strings.HasPrefix(input[i], w)) {
			t.Fatalf("word %d is %q, the title's is %q", i, w, input[i])
		}
		if i == len(set)-1 && w != strings.TrimRight(input[i], ",;:") {
			t.Errorf("the last word %q was cut from %q", w, input[i])
		}
	}
	face := textStyle{font: fam.bold, size: size}.face()
	for _, l := range lines {
		if font.MeasureString(face, l) > fixed.I(600) {
			t.Errorf("line %q is wider than 600 px", l)
		}
	}
	// the lines fit the title's block
	bottom := titleTop + ascent(fam, size) + (len(lines)-1)*titleLineHeight(size) + descent(fam, size)
	if bottom > titleBottom {
		t.Errorf("%d lines at %v px end at y=%d, below the title's block (%d)", len(lines), size, bottom, titleBottom)
	}
}

func TestSocialCardDrawsEveryAccentAndSpace(t *testing.T) {
	fam, _ := fonts()
	draw := func(text string) *image.RGBA {
		m := image.NewRGBA(image.Rect(0, 0, 200, 80))
		drawText(m, textStyle{fam.bold, 48, color.Black}, []string{strings.Join(words(fam.bold, text), " ")}, 10, 60, 0)
		return m
	}
	for _, pair := range strings.Fields("áa éeÉE íi óo úu ñn çc ãa õo âa êe ôo àa èe ùu ëe ïi üu œo «< »> ¿? ¡! “\" ”\" ’'") {
		r := []rune(pair)
		if bytes.Equal(draw(string(r[0])).Pix, draw(string(r[1])).Pix) {
			t.Errorf("%q draws as %q", r[0], r[1])
		}
		if i, _ := fam.bold.GlyphIndex(nil, r[0]); i == 0 {
			t.Errorf("%q has no glyph: it would draw as a box", r[0])
		}
	}
	space := draw("12 h").Pix
	for _, s := range []string{"12\u00a0h", "12\u202fh"} {
		if !bytes.Equal(draw(s).Pix, space) {
			t.Errorf("%q does not draw as a space: a box where a space should be", s)
		}
	}
	if got := words(fam.bold, "12\u202fnov. 2026"); len(got) != 2 {
		t.Errorf("U+202F broke a line: %q", got)
	}
	// a decomposed ñ (n + U+0303) draws as the composed one
	if !bytes.Equal(draw("n\u0303").Pix, draw("ñ").Pix) {
		t.Error("n + combining tilde draws differently from ñ")
	}
}

func TestSocialCardIsDeterministicAndRemembered(t *testing.T) {
	card := SocialCard{Title: "Formation « Données ouvertes »", Date: "12\u202fnovembre 2026", Organizers: "Œuvre", Site: "Agenda"}
	a, _, err := card.render()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := card.render()
	if !bytes.Equal(a, b) {
		t.Error("two renders differ")
	}
	first, _, _ := card.Render()
	again, _, _ := card.Render()
	if &first[0] != &again[0] {
		t.Error("the same card was rendered twice")
	}
	card.Title += "!"
	if other, _, _ := card.Render(); bytes.Equal(other, first) {
		t.Error("a changed title returned the old card")
	}
}

func TestSocialCardRefusesABadBanner(t *testing.T) {
	_, _, err := SocialCard{Title: "x", Banner: []byte("not an image")}.Render()
	if err == nil || !strings.HasPrefix(err.Error(), "banner: unsupported file") {
		t.Errorf("error %v, want one naming the banner", err)
	}
}

func TestSocialCardTitleTakesThreeLargeLinesOrFourSmaller(t *testing.T) {
	for size, want := range map[float64]int{72: 3, 64: 4, 42: 4} {
		if got := titleLines(size); got != want {
			t.Errorf("titleLines(%v) = %d, want %d", size, got, want)
		}
	}
}
