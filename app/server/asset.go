package server

import (
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// An asset is a response body held in memory with its gzip and brotli encodings, made once: at
// build time (the wasm's, see compress.go), at start (the build's other files, the loader) or
// when a page is first asked for compressed (pages.go). serve sends the encoding the request
// accepts; no response is compressed per request.
type asset struct {
	contentType []string   // header values, made once: the hot path allocates no header
	vary        bool       // it has encodings: caches key on Accept-Encoding
	encodings   []encoding // identity first, then the others in the server's preference
	lazy        *lazyEncodings
}

// lazyEncodings are a page's encodings, made the first time a request (or the static export,
// in parallel) asks for one, then kept with the page: a page rendered for a client that takes
// identity, or for the export's crawl, costs no compression then.
type lazyEncodings struct {
	once     sync.Once
	compress func() (gz, br []byte, err error)
	err      error
}

// encoding is one representation of an asset's body: in memory, or a file left where it is.
type encoding struct {
	name   string // Content-Encoding: "" (identity), "br" or "gzip"
	body   []byte
	file   fileRef // when body is nil
	etag   string  // quoted; each encoding its own (RFC 9110, 8.8.3): a 304 never swaps them
	header struct{ etag, length, encoding []string }
}

// fileRef is a file of the binary's own (embedded, read-only) file system.
type fileRef struct {
	fsys fs.FS
	name string
}

// Encodings in the server's order of preference when a request accepts several equally:
// brotli is the smallest (the wasm: 1.51 MB against 2.07 MB gzip).
const (
	identity = iota
	brotliEnc
	gzipEnc
)

var encodingNames = [...]string{identity: "", brotliEnc: "br", gzipEnc: "gzip"}

// newAsset is body, tagged etag (quoted, as in the ETag header), with its gzip and brotli
// encodings when they are smaller than the body (nil: not worth it, as for a PNG).
func newAsset(contentType string, body []byte, etag string, gz, br []byte) *asset {
	a := &asset{contentType: []string{contentType}}
	a.add(identity, body, etag)
	if br != nil && len(br) < len(body) {
		a.add(brotliEnc, br, suffixETag(etag, "br"))
	}
	if gz != nil && len(gz) < len(body) {
		a.add(gzipEnc, gz, suffixETag(etag, "gzip"))
	}
	a.vary = len(a.encodings) > 1
	return a
}

// newFileAsset is a large file of the build left in the binary's read-only file system with
// its precompressed siblings (files, sizes: identity, gzip, brotli): each answer is read from
// there. Its bytes are in memory once, the binary's, not twice (README, "Performance": RSS).
func newFileAsset(contentType, etag string, fsys fs.FS, files [3]string, sizes [3]int64) *asset {
	a := &asset{contentType: []string{contentType}, vary: true}
	a.add(identity, nil, etag)
	a.add(brotliEnc, nil, suffixETag(etag, "br"))
	a.add(gzipEnc, nil, suffixETag(etag, "gzip"))
	for i, j := range [3]int{0, 2, 1} { // encodings are identity, br, gzip; files identity, gzip, br
		a.encodings[i].file = fileRef{fsys, files[j]}
		a.encodings[i].header.length = []string{strconv.FormatInt(sizes[j], 10)}
	}
	return a
}

func (a *asset) add(kind int, body []byte, etag string) {
	e := encoding{name: encodingNames[kind], body: body, etag: etag}
	e.header.etag = []string{etag}
	e.header.length = []string{strconv.Itoa(len(body))}
	if e.name != "" {
		e.header.encoding = []string{e.name}
	}
	a.encodings = append(a.encodings, e)
}

// bytes returns the encoding's body, read from its file if it is not in memory.
func (e *encoding) bytes() ([]byte, error) {
	if e.body != nil || e.file.fsys == nil {
		return e.body, nil
	}
	return fs.ReadFile(e.file.fsys, e.file.name)
}

// suffixETag is the entity tag of an encoding: "v" → "v-br".
// newLazyAsset is body with gzip and brotli encodings that compress makes when first needed.
func newLazyAsset(contentType string, body []byte, etag string, compress func() (gz, br []byte, err error)) *asset {
	a := &asset{contentType: []string{contentType}, vary: true, lazy: &lazyEncodings{compress: compress}}
	a.add(identity, body, etag)
	a.add(brotliEnc, nil, suffixETag(etag, "br"))
	a.add(gzipEnc, nil, suffixETag(etag, "gzip"))
	return a
}

// encode makes a lazy asset's encodings, once; false if that failed (identity is sent then).
func (a *asset) encode() bool {
	if a.lazy == nil {
		return true
	}
	a.lazy.once.Do(func() {
		gz, br, err := a.lazy.compress()
		if a.lazy.err = err; err != nil {
			return
		}
		for i, b := range map[int][]byte{brotliEnc: br, gzipEnc: gz} {
			a.encodings[i].body = b
			a.encodings[i].header.length = []string{strconv.Itoa(len(b))}
		}
	})
	return a.lazy.err == nil
}

func suffixETag(etag, suffix string) string {
	return strings.TrimSuffix(etag, `"`) + "-" + suffix + `"`
}

// encoded returns the body in the named encoding ("" for identity), if the asset has it.
func (a *asset) encoded(name string) ([]byte, bool) {
	if name != "" && !a.encode() {
		return nil, false
	}
	for i := range a.encodings {
		if e := &a.encodings[i]; e.name == name {
			b, err := e.bytes()
			return b, err == nil
		}
	}
	return nil, false
}

// serve answers r with the asset in the best encoding r accepts, with status (a 404 page has a
// body too). The caller has set the other headers (Cache-Control, Content-Language…). A GET
// or HEAD whose If-None-Match names the chosen encoding's tag gets a 304; a HEAD gets the
// headers of the GET.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, status int) {
	e := &a.encodings[a.choose(r.Header["Accept-Encoding"])]
	if e.name != "" && !a.encode() {
		e = &a.encodings[identity]
	}
	h := w.Header()
	h["Content-Type"] = a.contentType
	if a.vary {
		if v, ok := h["Vary"]; ok {
			h["Vary"] = append(v[:len(v):len(v)], "Accept-Encoding")
		} else {
			h["Vary"] = varyEncoding
		}
	}
	h["Etag"] = e.header.etag
	if status == http.StatusOK && noneMatch(r.Header["If-None-Match"], e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	var file fs.File
	if e.body == nil && e.file.fsys != nil && r.Method != http.MethodHead {
		f, err := e.file.fsys.Open(e.file.name)
		if err != nil { // the binary's own files: only a broken build gets here
			delete(h, "Vary")
			delete(h, "Etag")
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		file = f
	}
	if e.header.encoding != nil {
		h["Content-Encoding"] = e.header.encoding
	}
	h["Content-Length"] = e.header.length
	w.WriteHeader(status)
	switch {
	case r.Method == http.MethodHead:
	case file != nil:
		io.Copy(w, file)
	default:
		w.Write(e.body)
	}
}

var varyEncoding = []string{"Accept-Encoding"}

// choose is the index of the encoding to send for the Accept-Encoding header values: the
// highest q-value among those the asset has, ties going to the server's preference (br, gzip,
// identity). Identity is the answer when nothing else is acceptable, even if refused ("*;q=0"):
// a 406 would help no one.
func (a *asset) choose(accept []string) int {
	if len(a.encodings) == 1 || len(accept) == 0 {
		return identity
	}
	best, bestQ := identity, -1.0
	for i := 1; i < len(a.encodings); i++ {
		if q := acceptQ(accept, a.encodings[i].name); q > 0 && q > bestQ {
			best, bestQ = i, q
		}
	}
	if best != identity {
		if q := acceptQ(accept, "identity"); q > bestQ {
			return identity
		}
	}
	return best
}

// acceptQ is the q-value Accept-Encoding gives coding (RFC 9110, 12.5.3): its own, else that of
// "*", else 0 (1 for identity, acceptable unless refused). "x-gzip" is gzip.
func acceptQ(accept []string, coding string) float64 {
	q, star := -1.0, -1.0
	for _, line := range accept {
		for line != "" {
			var item string
			item, line, _ = strings.Cut(line, ",")
			name, params, _ := strings.Cut(item, ";")
			name = strings.TrimSpace(name)
			v := 1.0
			for params != "" {
				var p string
				p, params, _ = strings.Cut(params, ";")
				k, val, _ := strings.Cut(p, "=")
				if strings.EqualFold(strings.TrimSpace(k), "q") {
					if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil && f >= 0 && f <= 1 {
						v = f
					} else {
						v = 0 // malformed: not an acceptance
					}
				}
			}
			switch {
			case strings.EqualFold(name, coding) || coding == "gzip" && strings.EqualFold(name, "x-gzip"):
				q = max(q, v)
			case name == "*":
				star = max(star, v)
			}
		}
	}
	switch {
	case q >= 0:
		return q
	case star >= 0:
		return star
	case coding == "identity":
		return 1
	}
	return 0
}

// noneMatch reports whether If-None-Match names etag (weak comparison, RFC 9110, 13.1.2) or
// is "*".
func noneMatch(ifNoneMatch []string, etag string) bool {
	for _, line := range ifNoneMatch {
		for line != "" {
			var tag string
			tag, line, _ = strings.Cut(line, ",")
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				return true
			}
		}
	}
	return false
}
