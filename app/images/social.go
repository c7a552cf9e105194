package images

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"
)

// A SocialCard is the image a shared link shows (og:image, twitter:image, oEmbed's thumbnail):
// one per event and language, its texts already in that language.
type SocialCard struct {
	Title      string
	Date       string // the date line, as the card writes it
	Organizers string
	Site       string // the site's name
	Banner     []byte // the banner's source file, as given to Process; nil for none
	// The card's palette; nil takes a near-black Ink, a white Paper and a green Accent.
	Accent, Ink, Paper color.Color
	// Format is PNG or JPEG; "" is whichever is smaller. A caller that names the file before
	// it is drawn (its address in a page) says which.
	Format string
}

// The social card's layout in pixels: 1200×630 is the size Facebook, LinkedIn and X crop least.
const (
	socialWidth  = 1200
	socialHeight = 630
	bandWidth    = 20  // the accent band down the left edge
	marginX      = 80  // left of the text, and right of it when there is no banner
	marginTop    = 60  // above the site's name
	marginBottom = 58  // below the organizers line
	panelWidth   = 460 // the banner's panel on the right, full height
	panelGap     = 56  // between the text and the panel
	titleTop     = 136 // the title's block, under the site's name
	titleBottom  = 440 // the lowest a title's descender may reach, well above the date line
	jpegSocial   = 90  // text edges ring below this
)

var (
	titleSizes = []float64{72, 64, 56, 48, 42}
	dateSizes  = []float64{32, 28, 24}
	otherSizes = []float64{26, 23, 20} // the site's name and the organizers line
)

// Render draws the card and encodes it as PNG or JPEG, whichever is smaller: PNG for a card of
// flat colours and text, JPEG once a photo's banner is on it. Results are kept like Process's.
func (c SocialCard) Render() (body []byte, contentType string, err error) {
	key := sha256.New()
	fmt.Fprintf(key, "social\x00%q\x00%q\x00%q\x00%q\x00%q\x00", c.Title, c.Date, c.Organizers, c.Site, c.Format)
	for _, col := range []color.Color{c.accent(), c.ink(), c.paper()} {
		r, g, b, a := col.RGBA()
		fmt.Fprintf(key, "%d,%d,%d,%d\x00", r, g, b, a)
	}
	key.Write(c.Banner)
	type rendered struct {
		body        []byte
		contentType string
	}
	r, err := remember(sum(key), func() (rendered, int, error) {
		body, contentType, err := c.render()
		return rendered{body, contentType}, len(body), err
	})
	return r.body, r.contentType, err
}

// render is Render without the memory.
func (c SocialCard) render() ([]byte, string, error) {
	m, err := c.draw()
	if err != nil {
		return nil, "", err
	}
	var p, j bytes.Buffer
	if c.Format != JPEG {
		if err := png.Encode(&p, m); err != nil {
			return nil, "", err
		}
	}
	if c.Format != PNG {
		if err := jpeg.Encode(&j, m, &jpeg.Options{Quality: jpegSocial}); err != nil {
			return nil, "", err
		}
	}
	if c.Format == JPEG || c.Format == "" && j.Len() < p.Len() {
		return j.Bytes(), JPEG, nil
	}
	return p.Bytes(), PNG, nil
}

// draw lays out the card: the band, the banner's panel, then the texts from top to bottom.
func (c SocialCard) draw() (*image.RGBA, error) {
	fam, err := fonts()
	if err != nil {
		return nil, err
	}
	m := image.NewRGBA(image.Rect(0, 0, socialWidth, socialHeight))
	draw.Draw(m, m.Bounds(), image.NewUniform(c.paper()), image.Point{}, draw.Src)
	draw.Draw(m, image.Rect(0, 0, bandWidth, socialHeight), image.NewUniform(c.accent()), image.Point{}, draw.Src)
	left, right := marginX, socialWidth-marginX
	if c.Banner != nil {
		banner, err := decodeSource(c.Banner)
		if err != nil {
			return nil, fmt.Errorf("banner: %w", err)
		}
		panel := image.Rect(socialWidth-panelWidth, 0, socialWidth, socialHeight)
		crop := centreCrop(banner.Bounds(), Ratio{panel.Dx(), panel.Dy()})
		xdraw.CatmullRom.Scale(m, panel, banner, crop, draw.Over, nil)
		right = panel.Min.X - panelGap
	}
	width := right - left

	// The site's name at the top, the title under it, the date and the organizers at the foot.
	site, siteSize := fitLines(fam.bold, words(fam.bold, c.Site), width, otherSizes, one)
	drawText(m, textStyle{fam.bold, siteSize, c.accent()}, site, left, marginTop+ascent(fam, siteSize), 0)

	title, titleSize := fitLines(fam.bold, words(fam.bold, c.Title), width, titleSizes, titleLines)
	drawText(m, textStyle{fam.bold, titleSize, c.ink()}, title, left, titleTop+ascent(fam, titleSize), titleLineHeight(titleSize))

	org, orgSize := fitLines(fam.regular, words(fam.regular, c.Organizers), width, otherSizes, one)
	orgBaseline := socialHeight - marginBottom - descent(fam, orgSize)
	drawText(m, textStyle{fam.regular, orgSize, c.muted()}, org, left, orgBaseline, 0)

	date, dateSize := fitLines(fam.bold, words(fam.bold, c.Date), width, dateSizes, one)
	dateBaseline := orgBaseline - int(orgSize*1.5)
	drawText(m, textStyle{fam.bold, dateSize, c.ink()}, date, left, dateBaseline, 0)
	return m, nil
}

func one(float64) int { return 1 }

// titleLines is how many lines of a title at size fit its block, 4 at most: 3 at 72 px.
func titleLines(size float64) int {
	fam, _ := fonts()
	free := titleBottom - titleTop - ascent(fam, size) - descent(fam, size)
	return min(4, 1+free/titleLineHeight(size))
}

func titleLineHeight(size float64) int { return int(size * 1.18) }

func ascent(fam fontFamily, size float64) int {
	return textStyle{font: fam.bold, size: size}.face().Metrics().Ascent.Ceil()
}

func descent(fam fontFamily, size float64) int {
	return textStyle{font: fam.bold, size: size}.face().Metrics().Descent.Ceil()
}

func (c SocialCard) accent() color.Color { return or(c.Accent, color.RGBA{0x0b, 0x6e, 0x4f, 0xff}) }
func (c SocialCard) ink() color.Color    { return or(c.Ink, color.RGBA{0x1b, 0x1f, 0x24, 0xff}) }
func (c SocialCard) paper() color.Color  { return or(c.Paper, color.White) }

// muted is the ink a third of the way to the paper: the organizers line says less than the date.
func (c SocialCard) muted() color.Color {
	ir, ig, ib, _ := c.ink().RGBA()
	pr, pg, pb, _ := c.paper().RGBA()
	mix := func(i, p uint32) uint8 { return uint8((2*i + p) / 3 >> 8) }
	return color.RGBA{mix(ir, pr), mix(ig, pg), mix(ib, pb), 0xff}
}

func or(c, otherwise color.Color) color.Color {
	if c == nil {
		return otherwise
	}
	return c
}
