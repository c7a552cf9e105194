package images

import (
	"image"
	"image/color"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The social card's text is set in the Go fonts (BSD licence, embedded in golang.org/x/image):
// they cover Latin with every accent es, pt and fr use, œ, « », ¿ ¡ and curly quotes; they have
// U+00A0 but no U+202F, which printable maps to it.
var fonts = sync.OnceValues(func() (fontFamily, error) {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return fontFamily{}, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	return fontFamily{regular, bold}, err
})

type fontFamily struct{ regular, bold *opentype.Font }

// A textStyle is a font at a size in a colour.
type textStyle struct {
	font  *opentype.Font
	size  float64
	color color.Color
}

func (s textStyle) face() font.Face {
	face, err := opentype.NewFace(s.font, &opentype.FaceOptions{Size: s.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only for a size or DPI of zero
	}
	return face
}

// words splits text where a line may break, NFC-normalised so that an accent typed as a
// combining mark draws as one glyph, and each word mapped to glyphs the font has. A no-break
// space (U+00A0, U+202F, U+2007) joins two words into one.
func words(f *opentype.Font, text string) []string {
	breaks := func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
	}
	var out []string
	for _, w := range strings.FieldsFunc(norm.NFC.String(text), breaks) {
		out = append(out, strings.Map(printable(f), w))
	}
	return out
}

// printable maps a rune f has no glyph for to one it has when there is a fair stand-in: any
// space to a no-break space, a non-breaking hyphen to a hyphen. Others are left as they are.
func printable(f *opentype.Font) func(rune) rune {
	return func(r rune) rune {
		if i, err := f.GlyphIndex(nil, r); err == nil && i != 0 {
			return r
		}
		switch {
		case unicode.Is(unicode.Zs, r):
			return '\u00a0'
		case r == '\u2010' || r == '\u2011':
			return '-'
		}
		return r
	}
}

// wrap sets words in lines at most width wide. ok is false when a word alone is wider.
func wrap(face font.Face, words []string, width fixed.Int26_6) (lines []string, ok bool) {
	ok = true
	line := ""
	for _, w := range words {
		switch {
		case line == "":
			line = w
		case font.MeasureString(face, line+" "+w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
		if font.MeasureString(face, line) > width {
			ok = false
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, ok
}

// shorten ends line with an ellipsis within width, dropping whole words from its end; only a
// single word wider than width is cut within itself.
func shorten(face font.Face, line string, width fixed.Int26_6) string {
	for {
		trimmed := strings.TrimRight(line, " ,;:.–—-")
		if font.MeasureString(face, trimmed+"…") <= width {
			return trimmed + "…"
		}
		if i := strings.LastIndexByte(trimmed, ' '); i > 0 {
			line = trimmed[:i]
			continue
		}
		runes := []rune(trimmed)
		if len(runes) <= 1 {
			return "…"
		}
		line = string(runes[:len(runes)-1])
	}
}

// fitLines sets words in at most maxLines lines of width at the largest of sizes (largest
// first) that holds them; at the smallest size, a last line with words left over ends in an
// ellipsis.
func fitLines(f *opentype.Font, words []string, width int, sizes []float64, maxLines func(size float64) int) ([]string, float64) {
	w := fixed.I(width)
	for i, size := range sizes {
		face := textStyle{font: f, size: size}.face()
		lines, ok := wrap(face, words, w)
		n := maxLines(size)
		if ok && len(lines) <= n {
			return lines, size
		}
		if i < len(sizes)-1 {
			continue
		}
		more := len(lines) > n
		if more {
			lines = lines[:n]
		}
		for j, line := range lines {
			if font.MeasureString(face, line) > w || more && j == n-1 {
				lines[j] = shorten(face, line, w)
			}
		}
		return lines, size
	}
	return nil, 0
}

// drawText draws lines in style from the first baseline at (x, y), lineHeight apart.
func drawText(dst *image.RGBA, style textStyle, lines []string, x, y, lineHeight int) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(style.color), Face: style.face()}
	for i, line := range lines {
		d.Dot = fixed.P(x, y+i*lineHeight)
		d.DrawString(line)
	}
}
