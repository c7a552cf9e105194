package card

import (
	"encoding/json"
	"errors"
)

// Data is b as the page carries it to the wasm: JSON, the text of the element DataElementID, a
// <script type="application/json">. A data block, not a script: a strict CSP does not block it,
// and json.Marshal escapes <, > and & so no text in it can close the element.
func Data(b *Bundle) ([]byte, error) {
	return json.Marshal(b)
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
