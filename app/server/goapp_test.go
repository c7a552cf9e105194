package server_test

import (
	"io"
	"regexp"
	"strings"
	"testing"
)

// app.js hands the wasm's address to the card's script (which compiles it in a worker), or,
// without that script, to WebAssembly.instantiateStreaming as the network gives it: never
// through go-app's progress stream, which made every chunk a task on the page's main thread (the
// partner's, on a phone).
func TestAppJSLeavesTheWasmToTheCard(t *testing.T) {
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
	for _, want := range []string{
		`let instantiateStreaming = self.eventcardInstantiate ||`,
		`((url, imports) => WebAssembly.instantiateStreaming(fetch(url), imports));`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js does not have %s", want)
		}
	}
	if !regexp.MustCompile(`instantiateStreaming\(\s*"[^"]*/web/app\.wasm",\s*go\.importObject`).MatchString(js) {
		t.Errorf("app.js does not hand the wasm's address over:\n%.300s", js[strings.Index(js, "instantiateStreaming("):])
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
