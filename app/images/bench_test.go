//go:build unix

package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gen2brain/avif"
	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"
)

// The measurements behind the encoders' settings (process.go) and the social card's format:
//
//	go test -run '^$' -bench . -benchtime 1x ./app/images
//
// IMAGES_BANNER=a.jpg and IMAGES_PORTRAIT=b.jpg measure real photos as well. Each reports the bytes, the SSIM against
// the resized pixels (1 is identical) and the CPU time: on a shared machine wall time says less.

func BenchmarkEncode(b *testing.B) {
	type encoder struct {
		name   string
		encode func(*bytes.Buffer, image.Image) error
		decode func(*bytes.Reader) (image.Image, error)
	}
	jpegAt := func(q int) encoder {
		return encoder{fmt.Sprintf("jpeg-q%d", q),
			func(w *bytes.Buffer, m image.Image) error { return jpeg.Encode(w, m, &jpeg.Options{Quality: q}) },
			func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) }}
	}
	webpAt := func(q, method int) encoder {
		return encoder{fmt.Sprintf("webp-q%d-m%d", q, method),
			func(w *bytes.Buffer, m image.Image) error {
				return webp.Encode(w, m, webp.Options{Quality: q, Method: method})
			},
			func(r *bytes.Reader) (image.Image, error) { return webp.Decode(r) }}
	}
	avifAt := func(q, speed int) encoder {
		return encoder{fmt.Sprintf("avif-q%d-s%d", q, speed),
			func(w *bytes.Buffer, m image.Image) error {
				return avif.Encode(w, m, avif.Options{Quality: q, QualityAlpha: q, Speed: speed})
			},
			func(r *bytes.Reader) (image.Image, error) { return avif.Decode(r) }}
	}
	encoders := []encoder{jpegAt(75), jpegAt(80), webpAt(75, 4), webpAt(85, 4), webpAt(90, 4), avifAt(60, 6), avifAt(60, 8), avifAt(60, 10), avifAt(70, 8)}
	for _, p := range benchPhotos(b) {
		for _, w := range p.spec.Widths {
			crop := centreCrop(p.m.Bounds(), p.spec.Aspect)
			pixels := resize(p.m, crop, w, w*p.spec.Aspect.H/p.spec.Aspect.W)
			for _, enc := range encoders {
				b.Run(fmt.Sprintf("%s/%d/%s", p.name, w, enc.name), func(b *testing.B) {
					var out bytes.Buffer
					cpu := cpuTime()
					for b.Loop() {
						out.Reset()
						if err := enc.encode(&out, pixels); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
					b.ReportMetric(float64(out.Len()), "bytes")
					back, err := enc.decode(bytes.NewReader(out.Bytes()))
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(ssim(pixels, back), "ssim")
				})
			}
		}
	}
}

// BenchmarkProcess is what one source costs: decode, crop, resize and encode every variant.
func BenchmarkProcess(b *testing.B) {
	for _, p := range benchPhotos(b) {
		src := jpegOf(b, p.m)
		b.Run(p.name, func(b *testing.B) {
			avif.InitEncoder()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := process(src, p.spec); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

func BenchmarkResize(b *testing.B) {
	src := decodeJPEG(b, jpegOf(b, landscape(3000, 2000)))
	crop := centreCrop(src.Bounds(), Ratio{16, 9})
	for _, k := range []struct {
		name string
		draw.Interpolator
	}{{"catmull-rom", draw.CatmullRom}, {"approx-bilinear", draw.ApproxBiLinear}} {
		for _, w := range []int{480, 1200} {
			b.Run(fmt.Sprintf("%s/%d", k.name, w), func(b *testing.B) {
				dst := image.NewRGBA(image.Rect(0, 0, w, w*9/16))
				cpu := cpuTime()
				for b.Loop() {
					k.Scale(dst, dst.Bounds(), src, crop, draw.Src, nil)
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}

// BenchmarkSocialCard renders a card and reports both encodings' bytes: Render keeps the smaller.
func BenchmarkSocialCard(b *testing.B) {
	for _, tt := range []struct {
		name   string
		banner []byte
	}{{"text", nil}, {"banner", jpegOf(b, landscape(1600, 900))}} {
		card := SocialCard{Title: longTitle, Date: "Jueves 12 de noviembre de 2026 · 10:00–13:00",
			Organizers: "Fundación Ñandú · Coletivo São Tomé", Site: "Agenda de la red", Banner: tt.banner}
		b.Run(tt.name, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, _, err := card.render(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			m, _ := card.draw()
			var p, j bytes.Buffer
			png.Encode(&p, m)
			jpeg.Encode(&j, m, &jpeg.Options{Quality: jpegSocial})
			b.ReportMetric(float64(p.Len()), "png-bytes")
			b.ReportMetric(float64(j.Len()), "jpeg-bytes")
		})
	}
}

type benchPhoto struct {
	name string
	m    image.Image // decoded from a camera-like JPEG, as a source is
	spec Spec
}

func benchPhotos(b *testing.B) []benchPhoto {
	photos := []benchPhoto{
		{"landscape", decodeJPEG(b, jpegOf(b, landscape(3000, 2000))), Banner},
		{"portrait", decodeJPEG(b, jpegOf(b, face(1200))), Portrait},
	}
	for _, real := range []struct {
		env  string
		spec Spec
	}{{"IMAGES_BANNER", Banner}, {"IMAGES_PORTRAIT", Portrait}} {
		if name := os.Getenv(real.env); name != "" {
			src, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			photos = append(photos, benchPhoto{strings.ToLower(real.env[7:]) + "-photo", decodeJPEG(b, src), real.spec})
		}
	}
	return photos
}

func decodeJPEG(b testing.TB, src []byte) image.Image {
	m, err := jpeg.Decode(bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// ssim is the mean structural similarity of two images' luma over 8×8 windows.
func ssim(a, b image.Image) float64 {
	luma := func(m image.Image) []float64 {
		r := m.Bounds()
		out := make([]float64, 0, r.Dx()*r.Dy())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				cr, cg, cb, _ := m.At(x, y).RGBA()
				out = append(out, (0.299*float64(cr)+0.587*float64(cg)+0.114*float64(cb))/257)
			}
		}
		return out
	}
	la, lb, w, h := luma(a), luma(b), a.Bounds().Dx(), a.Bounds().Dy()
	const c1, c2 = 6.5025, 58.5225 // (0.01·255)², (0.03·255)²
	var total float64
	var n int
	for y := 0; y+8 <= h; y += 4 {
		for x := 0; x+8 <= w; x += 4 {
			var ma, mb, va, vb, cov float64
			for j := 0; j < 8; j++ {
				for i := 0; i < 8; i++ {
					p, q := la[(y+j)*w+x+i], lb[(y+j)*w+x+i]
					ma, mb, va, vb, cov = ma+p, mb+q, va+p*p, vb+q*q, cov+p*q
				}
			}
			ma, mb = ma/64, mb/64
			va, vb, cov = va/64-ma*ma, vb/64-mb*mb, cov/64-ma*mb
			total += (2*ma*mb + c1) * (2*cov + c2) / ((ma*ma + mb*mb + c1) * (va + vb + c2))
			n++
		}
	}
	return total / float64(n)
}
