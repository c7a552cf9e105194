package card

import (
	"encoding/json"
	"errors"
)

// Data is the element that carries b in the prerendered page (DataElementID). A data block,
// not a script: a strict CSP does not block it, and json.Marshal escapes <, > and & so no text
// in it can close the element.
func Data(b *Bundle) (string, error) {
	js, err := json.Marshal(b)
	if err != nil {
		return "", err
	}
	return `<script type="application/json" id="` + DataElementID + `">` + string(js) + `</script>`, nil
}

// ParseData reads back what Data wrote (the element's text), as the wasm does at start.
func ParseData(text string) (*Bundle, error) {
	var b Bundle
	if err := json.Unmarshal([]byte(text), &b); err != nil {
		return nil, err
	}
	if len(b.Views) == 0 || !b.Has(b.Default) {
		return nil, errors.New("card data: no view in the default language")
	}
	return &b, nil
}

// PageSource is the Source of a page in the browser: the bundle the server wrote into it,
// whatever the path.
type PageSource struct{ B *Bundle }

// Page implements Source.
func (s PageSource) Page(Path) (*Bundle, bool) { return s.B, !s.B.unknown() }

// unknown reports whether the bundle says its event does not exist.
func (b *Bundle) unknown() bool {
	v := b.Views[b.Default]
	return v.Error != ""
}
