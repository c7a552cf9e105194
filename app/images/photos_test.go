package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"
)

// The test photos are drawn, not shipped: a landscape (sky, sun, hills, water, grain) and a
// portrait (a face on a blurred background), with the smooth areas, edges and fine texture a
// camera's photo has, so the encoders' sizes are those of a photo and not of a flat drawing.

// landscape draws a w×h outdoor scene.
func landscape(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	s := float64(w) / 3000 // features scale with the picture
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/s, float64(y)/s
			t := fy / (2000)
			// sky: deep blue to pale at the horizon, a soft sun
			r, g, b := 40+150*t, 90+130*t, 200+40*t
			sun := math.Exp(-(sq(fx-2200)+sq(fy-500))/(2*sq(160))) * 120
			r, g, b = r+sun, g+sun*0.9, b+sun*0.5
			clouds := fbm(fx/400, fy/120, 1, 5)
			if c := clouds - 0.55; c > 0 {
				r, g, b = mix(r, 250, c*2), mix(g, 250, c*2), mix(b, 252, c*2)
			}
			hill := 1200 + 180*math.Sin(fx/420) + 90*math.Sin(fx/130+1) + 60*fbm(fx/200, 0, 2, 4)
			if fy > hill {
				grass := fbm(fx/25, fy/25, 3, 4)
				shade := 0.6 + 0.4*fbm(fx/300, fy/300, 4, 3)
				r, g, b = (50+60*grass)*shade, (90+90*grass)*shade, (30+40*grass)*shade
				if fy > 1650 { // a lake reflecting the sky, rippled
					ripple := 0.5 + 0.5*math.Sin(fy/3+8*fbm(fx/60, fy/15, 5, 3))
					r, g, b = 60+60*ripple, 100+60*ripple, 150+50*ripple
				}
			}
			if dx, dy := fx-700, fy-1150; dx > -8 && dx < 8 && dy > -300 && dy < 60 { // a pole
				r, g, b = 60, 45, 35
			}
			grain := (lattice(x, y, 9) - 0.5) * 10
			m.SetRGBA(x, y, color.RGBA{clamp8(r + grain), clamp8(g + grain), clamp8(b + grain), 255})
		}
	}
	return m
}

// face draws a n×n head-and-shoulders portrait.
func face(n int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, n, n))
	s := float64(n) / 1200
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)/s, float64(y)/s
			// background: out-of-focus greens and a warm light
			bg := fbm(fx/250, fy/250, 11, 3)
			r, g, b := 70+80*bg, 110+70*bg, 80+40*bg
			for i, c := range [][2]float64{{200, 250}, {1000, 180}, {950, 700}} {
				d := math.Sqrt(sq(fx-c[0]) + sq(fy-c[1]))
				if d < 90+float64(i)*20 {
					r, g, b = mix(r, 240, 0.35), mix(g, 220, 0.35), mix(b, 170, 0.35)
				}
			}
			// shoulders: a dark shirt with folds
			if fy > 900+0.0012*sq(fx-600) {
				f := fbm(fx/80, fy/40, 12, 3)
				r, g, b = 30+40*f, 40+40*f, 70+50*f
			}
			// head: lit from the left
			hx, hy := (fx-600)/260, (fy-540)/340
			if d := hx*hx + hy*hy; d < 1 {
				light := 0.75 + 0.3*(-hx*0.6-hy*0.3) + 0.1*math.Sqrt(1-d)
				skin := fbm(fx/12, fy/12, 13, 2) * 12
				r, g, b = (225+skin)*light, (170+skin)*light, (140+skin)*light
				for _, ex := range []float64{-0.38, 0.38} { // eyes
					if sq((hx-ex)/0.16)+sq((hy+0.12)/0.06) < 1 {
						r, g, b = 245, 245, 240
						if sq(hx-ex)+sq(hy+0.12) < sq(0.055) {
							r, g, b = 60, 40, 30
						}
					}
					if math.Abs(hy+0.27+0.05*math.Cos((hx-ex)*8)) < 0.018 && math.Abs(hx-ex) < 0.2 {
						r, g, b = 70, 50, 40 // brows
					}
				}
				if math.Abs(hy-0.45-0.25*sq(hx)) < 0.03 && math.Abs(hx) < 0.3 { // mouth
					r, g, b = 170, 80, 80
				}
			}
			// hair: dark strands over the top of the head
			if hx, hy := (fx-600)/290, (fy-470)/330; hx*hx+hy*hy < 1 && fy < 330+0.004*sq(fx-600) {
				strand := 0.5 + 0.5*math.Sin(fx/5+6*fbm(fx/100, fy/300, 14, 3))
				r, g, b = 40+50*strand, 28+35*strand, 20+25*strand
			}
			grain := (lattice(x, y, 15) - 0.5) * 8
			m.SetRGBA(x, y, color.RGBA{clamp8(r + grain), clamp8(g + grain), clamp8(b + grain), 255})
		}
	}
	return m
}

// jpegOf encodes m as a camera would: a JPEG at quality 92.
func jpegOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fbm is fractal value noise in [0,1].
func fbm(x, y float64, seed uint32, octaves int) float64 {
	sum, amp, norm := 0.0, 1.0, 0.0
	for i := 0; i < octaves; i++ {
		sum += amp * valueNoise(x, y, seed+uint32(i))
		norm += amp
		amp /= 2
		x, y = x*2, y*2
	}
	return sum / norm
}

func valueNoise(x, y float64, seed uint32) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	tx, ty := smooth(x-x0), smooth(y-y0)
	ix, iy := int(x0), int(y0)
	a, b := lattice(ix, iy, seed), lattice(ix+1, iy, seed)
	c, d := lattice(ix, iy+1, seed), lattice(ix+1, iy+1, seed)
	return mix(mix(a, b, tx), mix(c, d, tx), ty)
}

// lattice is a deterministic pseudo-random value in [0,1) for a lattice point.
func lattice(x, y int, seed uint32) float64 {
	h := uint32(x)*374761393 + uint32(y)*668265263 + seed*2246822519
	h = (h ^ (h >> 13)) * 1274126177
	h ^= h >> 16
	return float64(h) / (1 << 32)
}

func smooth(t float64) float64    { return t * t * (3 - 2*t) }
func mix(a, b, t float64) float64 { return a + (b-a)*t }
func sq(v float64) float64        { return v * v }
func clamp8(v float64) uint8      { return uint8(math.Max(0, math.Min(255, math.Round(v)))) }
