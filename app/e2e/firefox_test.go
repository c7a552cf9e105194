package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi, the protocol it speaks
// itself (--remote-debugging-port); Debian ships no geckodriver for classic WebDriver. One
// browser for the whole package, a user context (storage of its own) per tab.

var (
	firefoxOnce    sync.Once
	firefoxConn    *bidiConn
	firefoxCmd     *exec.Cmd
	firefoxErr     error
	firefoxProfile string
)

// firefoxPrefs keep the browser off the network (the machine has none: no update, telemetry,
// remote settings, captive-portal or connectivity checks, safe browsing, region lookup) and
// quiet. The Remote Agent's recommended prefs, on by default, already turn off most of this.
var firefoxPrefs = map[string]any{
	"app.normandy.enabled":                            false,
	"app.update.disabledForTesting":                   true,
	"browser.region.network.url":                      "",
	"browser.region.update.enabled":                   false,
	"browser.safebrowsing.downloads.enabled":          false,
	"browser.safebrowsing.malware.enabled":            false,
	"browser.safebrowsing.phishing.enabled":           false,
	"browser.safebrowsing.provider.mozilla.updateURL": "",
	"browser.shell.checkDefaultBrowser":               false,
	"browser.startup.homepage_override.mstone":        "ignore",
	"browser.startup.page":                            0,
	"browser.topsites.contile.enabled":                false,
	"datareporting.healthreport.uploadEnabled":        false,
	"datareporting.policy.dataSubmissionEnabled":      false,
	"extensions.getAddons.cache.enabled":              false,
	"extensions.update.enabled":                       false,
	"messaging-system.rsexperimentloader.enabled":     false,
	"network.captive-portal-service.enabled":          false,
	"network.connectivity-service.enabled":            false,
	"network.dns.disablePrefetch":                     true,
	"network.http.speculative-parallel-limit":         0,
	"services.settings.server":                        "http://127.0.0.1:9/remote-settings", // a closed port: refused at once
	"toolkit.telemetry.enabled":                       false,
	"toolkit.telemetry.server":                        "",
	// Scrollbars over the page, as on phones and in headless Chromium: a page taller than
	// its window keeps its whole width.
	"ui.useOverlayScrollbars": 1,
}

// firefox starts Firefox once for the package and returns its BiDi connection.
func firefox(t *testing.T) *bidiConn {
	t.Helper()
	firefoxOnce.Do(startFirefox)
	if firefoxErr != nil {
		t.Fatal(firefoxErr)
	}
	return firefoxConn
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

func startFirefox() { firefoxConn, firefoxErr = launchFirefox() }

func launchFirefox() (*bidiConn, error) {
	path, err := exec.LookPath("firefox-esr")
	if err != nil {
		return nil, missing("Firefox ESR", "firefox-esr", err)
	}
	profile, err := os.MkdirTemp("", "eventcard-firefox-")
	if err != nil {
		return nil, err
	}
	firefoxProfile = profile
	var prefs strings.Builder
	for k, v := range firefoxPrefs {
		b, _ := json.Marshal(v)
		fmt.Fprintf(&prefs, "user_pref(%q, %s);\n", k, b)
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs.String()), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(path, "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "about:blank")
	// Its own process group, so that stopFirefox ends the content processes too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = nil
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	firefoxCmd = cmd
	// The address is on stderr; the first lines are kept for a message if it never comes.
	found, ended := make(chan string, 1), make(chan struct{})
	var early []string
	var earlyMu sync.Mutex
	go func() {
		defer close(ended)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() { // to the end: a browser whose stderr is not read stops when the pipe fills
			if m := bidiListening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
			earlyMu.Lock()
			if len(early) < 50 {
				early = append(early, sc.Text())
			}
			earlyMu.Unlock()
		}
	}()
	var url string
	select {
	case url = <-found:
	case <-ended:
		earlyMu.Lock()
		defer earlyMu.Unlock()
		return nil, fmt.Errorf("Firefox exited before starting its WebDriver BiDi server:\n%s", strings.Join(early, "\n"))
	case <-time.After(2 * time.Minute): // a loaded machine starts it slowly
		earlyMu.Lock()
		defer earlyMu.Unlock()
		return nil, fmt.Errorf("Firefox did not start its WebDriver BiDi server in 2 minutes:\n%s", strings.Join(early, "\n"))
	}
	c, err := dialBiDi(url + "/session")
	if err != nil {
		return nil, err
	}
	if err := c.call("session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		return nil, err
	}
	c.onEvent = firefoxEvent
	events := []string{"browsingContext.contextCreated", "log.entryAdded"}
	if err := c.call("session.subscribe", map[string]any{"events": events}, nil); err != nil {
		return nil, err
	}
	return c, nil
}

func stopFirefox() {
	firefoxOnce.Do(func() {}) // a start still under way ends first
	if firefoxCmd == nil {
		return
	}
	if firefoxConn != nil {
		firefoxConn.call("browser.close", map[string]any{}, nil)
	}
	done := make(chan struct{})
	go func() { firefoxCmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-firefoxCmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	os.RemoveAll(firefoxProfile)
}

// bidiConn is a WebDriver BiDi session over its WebSocket: commands with their answers, and
// events.
type bidiConn struct {
	ws      *websocket.Conn
	onEvent func(method string, params json.RawMessage) // set before the first event is subscribed to

	mu      sync.Mutex
	next    int
	waiting map[int]chan bidiMessage
	err     error // the connection's end, once it ended
}

// bidiMessage is one message from the browser: an answer to a command, or an event.
type bidiMessage struct {
	Type    string          `json:"type"` // success, error, event
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

func dialBiDi(url string) (*bidiConn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connecting to Firefox at %s: %w", url, err)
	}
	ws.SetReadLimit(64 << 20) // values and screenshots can be large
	c := &bidiConn{ws: ws, waiting: map[int]chan bidiMessage{}}
	go c.read()
	return c, nil
}

func (c *bidiConn) read() {
	for {
		_, data, err := c.ws.Read(context.Background())
		if err != nil {
			c.mu.Lock()
			c.err = err
			for id, ch := range c.waiting {
				close(ch)
				delete(c.waiting, id)
			}
			c.mu.Unlock()
			return
		}
		var m bidiMessage
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		if m.Type == "event" {
			if c.onEvent != nil {
				c.onEvent(m.Method, m.Params)
			}
			continue
		}
		c.mu.Lock()
		ch := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

// call sends a command and decodes its result into result (may be nil). A command gets two
// minutes: long enough for a page's load, or a new session, on a loaded machine.
func (c *bidiConn) call(method string, params any, result any) error {
	ch := make(chan bidiMessage, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return fmt.Errorf("%s: the connection to Firefox ended: %w", method, c.err)
	}
	c.next++
	id := c.next
	c.waiting[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}()
	msg, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := c.ws.Write(ctx, websocket.MessageText, msg); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: the connection to Firefox ended", method)
		}
		if m.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, m.Error, m.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: no answer from Firefox in two minutes", method)
	}
}

// Firefox's contexts (tabs and frames, by id) and the tabs the tests opened: a frame's
// console messages go to the tab it is in.
var (
	firefoxMu      sync.Mutex
	firefoxParents = map[string]string{}       // context → its parent ("" for a tab)
	firefoxTabs    = map[string]*firefoxPage{} // a tab's context → the tab
)

func firefoxEvent(method string, params json.RawMessage) {
	switch method {
	case "browsingContext.contextCreated":
		var e struct{ Context, Parent string }
		if json.Unmarshal(params, &e) == nil {
			firefoxMu.Lock()
			firefoxParents[e.Context] = e.Parent
			firefoxMu.Unlock()
		}
	case "log.entryAdded":
		var e struct {
			Type, Level, Text, Method string
			Source                    struct{ Context string }
		}
		if json.Unmarshal(params, &e) != nil || (e.Level != "warn" && e.Level != "error") {
			return
		}
		firefoxMu.Lock()
		defer firefoxMu.Unlock()
		top := e.Source.Context
		for i := 0; i < 10 && firefoxParents[top] != ""; i++ {
			top = firefoxParents[top]
		}
		if p := firefoxTabs[top]; p != nil {
			line := e.Type + " " + e.Level + ": " + e.Text
			if e.Method != "" {
				line = "console." + e.Method + ": " + e.Text
			}
			p.lines = append(p.lines, line)
		}
	}
}

// firefoxEngine is Firefox as a browser for the core tests.
type firefoxEngine struct{}

func (firefoxEngine) name() string { return "firefox" }

func (f firefoxEngine) newTab(t *testing.T) tab { return f.newTabIn(t, "") }

// newTabIn opens a tab in a user context of its own, in zone through BiDi's emulation, which
// holds for every document of the user context, frames included.
func (firefoxEngine) newTabIn(t *testing.T, zone string) tab {
	t.Helper()
	c := firefox(t)
	var user struct{ UserContext string }
	if err := c.call("browser.createUserContext", map[string]any{}, &user); err != nil {
		t.Fatal(err)
	}
	if zone != "" {
		if err := c.call("emulation.setTimezoneOverride", map[string]any{"timezone": zone, "userContexts": []string{user.UserContext}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var created struct{ Context string }
	if err := c.call("browsingContext.create", map[string]any{"type": "tab", "userContext": user.UserContext}, &created); err != nil {
		t.Fatal(err)
	}
	p := &firefoxPage{firefoxDoc: firefoxDoc{c, created.Context}}
	firefoxMu.Lock()
	firefoxTabs[created.Context] = p
	firefoxMu.Unlock()
	t.Cleanup(func() {
		c.call("browsingContext.close", map[string]any{"context": created.Context}, nil)
		c.call("browser.removeUserContext", map[string]any{"userContext": user.UserContext}, nil)
		firefoxMu.Lock()
		delete(firefoxTabs, created.Context)
		firefoxMu.Unlock()
	})
	p.resize(t, 1200, 900) // as Chromium's window
	return p
}

// A firefoxDoc is a browsing context: a tab, or a frame in it.
type firefoxDoc struct {
	conn    *bidiConn
	context string
}

func (d firefoxDoc) evaluate(js string) (json.RawMessage, error) {
	var r struct {
		Type   string
		Result struct {
			Value string
		}
		ExceptionDetails struct {
			Text string
		}
	}
	err := d.conn.call("script.evaluate", map[string]any{
		"expression":      `(async () => JSON.stringify(await (` + js + `)) ?? "null")()`,
		"target":          map[string]any{"context": d.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &r)
	if err != nil {
		return nil, err
	}
	if r.Type == "exception" {
		return nil, errors.New(r.ExceptionDetails.Text)
	}
	return json.RawMessage(r.Result.Value), nil
}

// firefoxPage is a Firefox tab and the console lines of its documents.
type firefoxPage struct {
	firefoxDoc
	lines []string // guarded by firefoxMu
}

func (p *firefoxPage) open(t *testing.T, url string) {
	t.Helper()
	if err := p.conn.call("browsingContext.navigate", map[string]any{"context": p.context, "url": url, "wait": "complete"}, nil); err != nil {
		t.Fatal(err)
	}
}

func (p *firefoxPage) frame(t *testing.T, prefix string, contains ...string) doc {
	t.Helper()
	prefix, contains = cardFrame(prefix, contains)
	type node struct {
		Context, URL string
		Children     []json.RawMessage
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var tree struct{ Contexts []json.RawMessage }
		if err := p.conn.call("browsingContext.getTree", map[string]any{"root": p.context}, &tree); err != nil {
			t.Fatal(err)
		}
		for todo := tree.Contexts; len(todo) > 0; {
			var n node
			json.Unmarshal(todo[0], &n)
			todo = append(todo[1:], n.Children...)
			if n.Context != p.context && matches(n.URL, prefix, contains) {
				return firefoxDoc{p.conn, n.Context}
			}
		}
	}
	t.Fatalf("no frame %s… with %q appeared", prefix, contains)
	return nil
}

// click moves the mouse to the element's centre and presses it, through BiDi's input actions
// in the element's own document (an element origin), once the document has been painted and
// the element scrolled into view if it is not: only as far as needed, as Chromium's click does.
// Centring it scrolled the folded card itself (overflow: hidden scrolls by script), which no
// visitor can, and its sections then laid out moved "Show all" from under the mouse.
func (p *firefoxPage) click(t *testing.T, d doc, selector string) {
	t.Helper()
	f, inFrame := d.(firefoxDoc)
	if !inFrame { // the tab itself
		f = p.firefoxDoc
	}
	var r struct {
		Type   string
		Result struct {
			Type     string
			SharedID string
		}
		ExceptionDetails struct{ Text string }
	}
	err := p.conn.call("script.evaluate", map[string]any{
		"expression": `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => {
		  const e = document.querySelector(` + quoted(selector) + `); e.scrollIntoView({ block: "nearest" }); ok(e); })))`,
		"target":          map[string]any{"context": f.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &r)
	if err != nil || r.Type == "exception" || r.Result.SharedID == "" {
		t.Fatalf("finding %s: %v %s (%s)", selector, err, r.ExceptionDetails.Text, r.Result.Type)
	}
	origin := map[string]any{"type": "element", "element": map[string]any{"sharedId": r.Result.SharedID}}
	err = p.conn.call("input.performActions", map[string]any{
		"context": f.context,
		"actions": []any{map[string]any{
			"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
			"actions": []any{
				map[string]any{"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
				map[string]any{"type": "pointerDown", "button": 0},
				map[string]any{"type": "pointerUp", "button": 0},
			},
		}},
	}, nil)
	if err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

func (p *firefoxPage) resize(t *testing.T, width, height int) {
	t.Helper()
	err := p.conn.call("browsingContext.setViewport", map[string]any{"context": p.context, "viewport": map[string]any{"width": width, "height": height}}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func (p *firefoxPage) console(t *testing.T) []string {
	firefoxMu.Lock()
	defer firefoxMu.Unlock()
	return append([]string(nil), p.lines...)
}
