package pages

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"eventcard/app/assets"
)

// Page is a rendered page: its body with its encodings, made once.
type Page struct {
	*assets.Asset
	Lang []string // Content-Language, as a header value
}

// Cache keeps each rendered page: there are at most events × languages × 2 × 2 of them, and a
// page only changes with the build. A page is rendered (and compressed) once, however many
// requests ask for it at the same time; the requests for a cached page take no lock.
type Cache struct {
	render func(Key) ([]byte, error)
	pages  sync.Map // Key → *entry
}

type entry struct {
	once sync.Once
	page *Page
	err  error
}

// NewCache keeps the pages render renders (Renderer.Render).
func NewCache(render func(Key) ([]byte, error)) *Cache { return &Cache{render: render} }

// Get is the page key names, rendered now if it has not been. A failed render is tried again by
// the next request.
func (c *Cache) Get(key Key) (*Page, error) {
	v, ok := c.pages.Load(key)
	if !ok {
		v, _ = c.pages.LoadOrStore(key, &entry{})
	}
	e := v.(*entry)
	e.once.Do(func() {
		body, err := c.render(key)
		if e.err = err; err != nil {
			return
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:12]) + `"`
		// Compressed when first asked for in an encoding, once for the life of the cached
		// page: never per request.
		a := assets.NewLazy("text/html; charset=utf-8", body, etag, func() (gz, br []byte, err error) { return assets.Encode(body) })
		e.page = &Page{Asset: a, Lang: []string{key.Path.Lang}}
	})
	if e.err != nil {
		c.pages.CompareAndDelete(key, e)
		return nil, e.err
	}
	return e.page, nil
}
