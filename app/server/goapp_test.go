package server_test

import (
	"io"
	"regexp"
	"strings"
	"testing"
)

// app.js hands the wasm's response to WebAssembly.instantiateStreaming as the network gives
// it, not through go-app's progress stream, which made every chunk a task on the page's main
// thread (the partner's, on a phone).
func TestAppJSStreamsTheWasmFromTheNetwork(t *testing.T) {
	res, err := client.Get(srv.URL + "/app.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	js := string(b)
	if res.StatusCode != 200 || strings.Contains(js, `fetchWithProgress("`) {
		t.Fatalf("app.js: %d, still fetches the wasm through its progress stream", res.StatusCode)
	}
	if !regexp.MustCompile(`instantiateStreaming\(\s*fetch\("[^"]*/web/app\.wasm"\),`).MatchString(js) {
		t.Errorf("app.js does not stream the wasm from fetch:\n%.300s", js[strings.Index(js, "instantiateStreaming("):])
	}
}

// app.js starts go-app's service worker and wasm when the card's script says (a framed card
// on a phone waits for the visitor), never on its own.
func TestAppJSStartsWhenTheCardSays(t *testing.T) {
	js := get(t, "/app.js", nil).body
	if regexp.MustCompile(`(?m)^goappInit(ServiceWorker|WebAssembly)\(\);$`).MatchString(js) {
		t.Error("app.js starts its worker or wasm by itself")
	}
	if !strings.Contains(js, "(self.eventcardStart || ((start) => start()))(() => (goappInitServiceWorker(), goappInitWebAssembly()));") {
		t.Error("app.js does not ask the card's script when to start")
	}
}
