// Package assets holds response bodies in memory with their gzip and brotli encodings, each
// made once, and answers a request with the encoding it accepts: nothing is compressed per
// request.
package assets

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// An Asset is one response body and its encodings: identity first, then brotli and gzip, each
// with an entity tag of its own (RFC 9110, 8.8.3), so a 304 never swaps one for another.
type Asset struct {
	contentType  []string    // header values, made once: the hot path allocates no header
	header       http.Header // sent with every answer
	cacheControl []string    // Files.Lookup's answer for it, when not the default
	encodings    []encoding
	lazy         *lazyEncodings
}

// encoding is one representation of an asset's body: in memory, or a file left where it is.
type encoding struct {
	name   string // Content-Encoding: "" (identity), "br" or "gzip"
	body   []byte
	file   fileRef // when body is nil
	etag   []string
	header []string // Content-Encoding's value, nil for identity
	length []string // Content-Length's value, with body: made once, not per answer
}

// fileRef is a file of the binary's own read-only file system.
type fileRef struct {
	fsys fs.FS
	name string
}

// lazyEncodings are made the first time a request asks for one, then kept: a page rendered for
// a client that takes identity costs no compression.
type lazyEncodings struct {
	once     sync.Once
	compress func() (gz, br []byte, err error)
	err      error
}

// The encodings, in the server's order of preference when a request accepts several equally:
// brotli is the smallest.
const (
	identity = iota
	brotliEnc
	gzipEnc
)

var encodingNames = [...]string{identity: "", brotliEnc: "br", gzipEnc: "gzip"}

// New is body, tagged etag (quoted, as in the ETag header), with its gzip and brotli encodings
// when they are smaller than the body (nil: not worth it, as for a PNG).
func New(contentType string, body []byte, etag string, gz, br []byte) *Asset {
	a := &Asset{contentType: []string{contentType}}
	a.add(identity, body, etag)
	if br != nil && len(br) < len(body) {
		a.add(brotliEnc, br, etag)
	}
	if gz != nil && len(gz) < len(body) {
		a.add(gzipEnc, gz, etag)
	}
	return a
}

// NewLazy is body with gzip and brotli encodings that compress makes when first needed.
func NewLazy(contentType string, body []byte, etag string, compress func() (gz, br []byte, err error)) *Asset {
	a := &Asset{contentType: []string{contentType}, lazy: &lazyEncodings{compress: compress}}
	a.add(identity, body, etag)
	a.add(brotliEnc, nil, etag)
	a.add(gzipEnc, nil, etag)
	return a
}

// newInPlace is a large file of the binary's read-only file system with its precompressed
// siblings (files: identity, gzip, brotli), each answer read from there: its bytes are in
// memory once, the binary's, not twice.
func newInPlace(contentType, etag string, fsys fs.FS, files [3]string) *Asset {
	a := &Asset{contentType: []string{contentType}}
	for _, kind := range []int{identity, brotliEnc, gzipEnc} {
		a.add(kind, nil, etag)
	}
	for i, j := range [3]int{0, 2, 1} { // encodings are identity, br, gzip; files identity, gzip, br
		a.encodings[i].file = fileRef{fsys, files[j]}
	}
	return a
}

func (a *Asset) add(kind int, body []byte, etag string) {
	e := encoding{name: encodingNames[kind], body: body, etag: []string{etag}, length: contentLength(body)}
	if e.name != "" {
		e.etag = []string{strings.TrimSuffix(etag, `"`) + "-" + e.name + `"`}
		e.header = []string{e.name}
	}
	a.encodings = append(a.encodings, e)
}

// ContentType is the asset's media type, as its Content-Type header says it.
func (a *Asset) ContentType() string { return a.contentType[0] }

// encode makes a lazy asset's encodings, once; false if that failed (identity is sent then).
func (a *Asset) encode() bool {
	if a.lazy == nil {
		return true
	}
	a.lazy.once.Do(func() {
		gz, br, err := a.lazy.compress()
		if a.lazy.err = err; err == nil {
			a.encodings[brotliEnc].body, a.encodings[gzipEnc].body = br, gz
			a.encodings[brotliEnc].length, a.encodings[gzipEnc].length = contentLength(br), contentLength(gz)
		}
	})
	return a.lazy.err == nil
}

// Encoded returns the body in the named encoding ("" for identity, "gzip", "br"), made now if
// it has not been yet; ok is false if the asset has no such encoding.
func (a *Asset) Encoded(name string) (body []byte, ok bool) {
	if name != "" && !a.encode() {
		return nil, false
	}
	for i := range a.encodings {
		if e := &a.encodings[i]; e.name == name {
			if e.body != nil || e.file.fsys == nil {
				return e.body, true
			}
			b, err := fs.ReadFile(e.file.fsys, e.file.name)
			return b, err == nil
		}
	}
	return nil, false
}

var varyEncoding = []string{"Accept-Encoding"}

// Serve answers r with the asset in the best encoding r accepts, with status (a not-found
// page has a body too). The caller has set the other headers (Cache-Control,
// Content-Language…). net/http's ServeContent answers the conditional requests (If-None-Match
// → 304), ranges and HEAD of a 200.
func (a *Asset) Serve(w http.ResponseWriter, r *http.Request, status int) {
	e := &a.encodings[a.choose(r.Header["Accept-Encoding"])]
	if e.name != "" && !a.encode() {
		e = &a.encodings[identity]
	}
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	h["Content-Type"] = a.contentType
	if len(a.encodings) > 1 {
		if v, ok := h["Vary"]; ok {
			h["Vary"] = append(v[:len(v):len(v)], "Accept-Encoding")
		} else {
			h["Vary"] = varyEncoding
		}
	}
	h["Etag"] = e.etag
	if e.header != nil {
		h["Content-Encoding"] = e.header
	}
	if status == http.StatusOK && e.body != nil && plain(r) {
		// What ServeContent answers a request with no condition and no range, without its
		// parsing and copying: the hot path of the pages and the loader.
		h["Content-Length"] = e.length
		h["Accept-Ranges"] = acceptRanges
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(e.body)
		}
		return
	}
	body, err := e.open()
	if err != nil { // the binary's own files: only a broken build gets here
		for _, k := range []string{"Vary", "Etag", "Content-Encoding"} {
			delete(h, k)
		}
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	defer body.Close()
	size, _ := body.Seek(0, io.SeekEnd)
	body.Seek(0, io.SeekStart)
	// ServeContent leaves Content-Length out of an encoded answer; this one is known.
	h["Content-Length"] = []string{strconv.FormatInt(size, 10)}
	if status == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, body)
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, body)
	}
}

var acceptRanges = []string{"bytes"}

// contentLength is the Content-Length of body, nil without one (a file's is measured when sent).
func contentLength(body []byte) []string {
	if body == nil {
		return nil
	}
	return []string{strconv.Itoa(len(body))}
}

// plain reports whether r asks for the whole body unconditionally: no validator, no range.
func plain(r *http.Request) bool {
	for _, k := range []string{"If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "Range", "If-Range"} {
		if _, ok := r.Header[k]; ok {
			return false
		}
	}
	return true
}

// readSeekCloser is an encoding's body, to read from the start.
type readSeekCloser interface {
	io.ReadSeeker
	io.Closer
}

type memoryBody struct{ *bytes.Reader }

func (memoryBody) Close() error { return nil }

func (e *encoding) open() (readSeekCloser, error) {
	if e.body != nil || e.file.fsys == nil {
		return memoryBody{bytes.NewReader(e.body)}, nil
	}
	f, err := e.file.fsys.Open(e.file.name)
	if err != nil {
		return nil, err
	}
	if rs, ok := f.(readSeekCloser); ok {
		return rs, nil
	}
	f.Close()
	return nil, &fs.PathError{Op: "seek", Path: e.file.name, Err: fs.ErrInvalid}
}
