package images

import (
	"encoding/binary"
	"image"
	"image/draw"
)

// jpegOrientation is the EXIF orientation of a JPEG (1 to 8; 1, upright, when it has none): a
// phone stores a portrait photo sideways and says so here. The EXIF block itself, GPS position
// included, is never copied: every variant is encoded anew from pixels.
func jpegOrientation(src []byte) int {
	for i := 2; i+4 <= len(src); {
		if src[i] != 0xff {
			return 1
		}
		marker := src[i+1]
		if marker == 0xff { // a fill byte
			i++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // the image data: no metadata after it
			return 1
		}
		n := int(binary.BigEndian.Uint16(src[i+2:]))
		if n < 2 || i+2+n > len(src) {
			return 1
		}
		if segment := src[i+4 : i+2+n]; marker == 0xe1 && len(segment) > 6 && string(segment[:6]) == "Exif\x00\x00" {
			return exifOrientation(segment[6:])
		}
		i += 2 + n
	}
	return 1
}

// exifOrientation reads tag 0x0112 from a TIFF block's first directory.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	dir := int(order.Uint32(tiff[4:]))
	if dir < 8 || dir+2 > len(tiff) {
		return 1
	}
	n := int(order.Uint16(tiff[dir:]))
	for e := dir + 2; n > 0 && e+12 <= len(tiff); e, n = e+12, n-1 {
		if order.Uint16(tiff[e:]) == 0x0112 {
			if v := int(order.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns m upright from EXIF orientation o: 2 to 4 mirror or turn it half round, 5 to 8
// swap its width and height.
func orient(m image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return m
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(src, src.Bounds(), m, b.Min, draw.Src)
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // mirrored along the diagonal
				dx, dy = y, x
			case 6: // stored a quarter turn anticlockwise: turn it clockwise
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8: // stored a quarter turn clockwise
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+dx*4:][:4], src.Pix[y*src.Stride+x*4:][:4])
		}
	}
	return dst
}
