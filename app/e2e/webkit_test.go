package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// WebKit: Debian's WebKitGTK, its MiniBrowser driven by its WebDriver (WebKitWebDriver, package
// webkit2gtk-driver) over classic WebDriver. MiniBrowser has no headless mode: it draws on an
// Xvfb display the package starts once. WebKitWebDriver runs one session at a time, and each
// session is a new MiniBrowser with empty storage: a driver per tab.

var (
	xvfbOnce    sync.Once
	xvfbDisplay string
	xvfbCmd     *exec.Cmd
	xvfbErr     error
)

// xvfb starts a virtual X display once for the package and returns its name (":N", the
// first free number, which Xvfb picks and writes to -displayfd).
func xvfb(t *testing.T) string {
	t.Helper()
	xvfbOnce.Do(func() {
		path, err := exec.LookPath("Xvfb")
		if err != nil {
			xvfbErr = missing("Xvfb (WebKit draws on it)", "xvfb", err)
			return
		}
		r, w, err := os.Pipe()
		if err != nil {
			xvfbErr = err
			return
		}
		defer r.Close()
		cmd := exec.Command(path, "-displayfd", "3", "-screen", "0", "1600x1200x24", "-nolisten", "tcp", "-noreset")
		cmd.ExtraFiles = []*os.File{w}
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		var out bytes.Buffer
		cmd.Stderr = &out
		if err := cmd.Start(); err != nil {
			w.Close()
			xvfbErr = err
			return
		}
		w.Close()
		xvfbCmd = cmd
		line, err := bufio.NewReader(r).ReadString('\n')
		if err != nil {
			xvfbErr = fmt.Errorf("Xvfb did not start (%v): %s", err, out.String())
			return
		}
		xvfbDisplay = ":" + strings.TrimSpace(line)
	})
	if xvfbErr != nil {
		t.Fatal(xvfbErr)
	}
	return xvfbDisplay
}

func stopXvfb() {
	if xvfbCmd != nil {
		xvfbCmd.Process.Kill()
		xvfbCmd.Wait()
	}
}

// webkitEngine is WebKit as a browser for the core tests.
type webkitEngine struct{}

func (webkitEngine) name() string { return "webkit" }

func (w webkitEngine) newTab(t *testing.T) tab { return w.newTabIn(t, "") }

// newTabIn starts a WebKitWebDriver on a free port and opens a session: a MiniBrowser window.
// The browser's processes inherit the driver's environment: TZ sets their time zone.
func (webkitEngine) newTabIn(t *testing.T, zone string) tab {
	t.Helper()
	display := xvfb(t)
	path, err := exec.LookPath("WebKitWebDriver")
	if err != nil {
		t.Fatal(missing("WebKitWebDriver", "webkit2gtk-driver", err))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(path, "--port="+port)
	cmd.Env = append(os.Environ(), "DISPLAY="+display,
		"NO_AT_BRIDGE=1", // no accessibility bus to look for
	)
	if zone != "" {
		cmd.Env = append(cmd.Env, "TZ="+zone)
	}
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Its own process group, so that the browser and its web processes end with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &webkitPage{driver: "http://127.0.0.1:" + port}
	t.Cleanup(func() {
		if p.session != "" {
			p.call(http.MethodDelete, "", nil, nil)
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
		if t.Failed() {
			t.Logf("WebKitWebDriver's output:\n%s", out.String())
		}
	})
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		res, err := http.Get(p.driver + "/status")
		if err == nil {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("WebKitWebDriver does not answer on port %s: %v\n%s", port, err, out.String())
		}
	}
	var s struct{ SessionID string }
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"pageLoadStrategy": "normal",
		"timeouts":         map[string]any{"script": 60000, "pageLoad": 60000},
	}}}
	if err := p.call(http.MethodPost, "", caps, &s); err != nil {
		t.Fatalf("WebKit: no session: %v\n%s", err, out.String())
	}
	p.session = s.SessionID
	p.resize(t, 1200, 900) // as Chromium's window
	return p
}

// webkitPage is a WebDriver session: one MiniBrowser window. WebDriver runs script in the
// session's current frame, so each call names its frame first, under mu.
type webkitPage struct {
	driver, session string
	mu              sync.Mutex
}

// A webkitDoc is the page (frame nil) or a frame of it, by its element's WebDriver reference.
type webkitDoc struct {
	page  *webkitPage
	frame map[string]string
}

// webElement is the key of an element's reference in classic WebDriver's JSON.
const webElement = "element-6066-11e4-a52e-4f735466cecf"

func (p *webkitPage) evaluate(js string) (json.RawMessage, error) {
	return webkitDoc{page: p}.evaluate(js)
}

func (d webkitDoc) evaluate(js string) (json.RawMessage, error) {
	d.page.mu.Lock()
	defer d.page.mu.Unlock()
	if err := d.page.enter(d.frame); err != nil {
		return nil, err
	}
	return d.page.execute(`return (async () => JSON.stringify(await (` + js + `)) ?? "null")();`)
}

// enter makes frame (nil: the page) the current browsing context.
func (p *webkitPage) enter(frame map[string]string) error {
	if err := p.call(http.MethodPost, "/frame", map[string]any{"id": nil}, nil); err != nil {
		return err
	}
	if frame == nil {
		return nil
	}
	return p.call(http.MethodPost, "/frame", map[string]any{"id": frame}, nil)
}

// execute runs script, a function body, in the current frame; a promise it returns is
// awaited. Its value is a string of JSON.
func (p *webkitPage) execute(script string) (json.RawMessage, error) {
	var s string
	if err := p.call(http.MethodPost, "/execute/sync", map[string]any{"script": script, "args": []any{}}, &s); err != nil {
		return nil, err
	}
	return json.RawMessage(s), nil
}

// call sends one WebDriver command (path after /session/{id}; before there is a session, it
// asks for one) and decodes its value into out (may be nil).
func (p *webkitPage) call(method, path string, body, out any) error {
	url := p.driver + "/session"
	if p.session != "" {
		url += "/" + p.session + path
	}
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := (&http.Client{Timeout: 2 * time.Minute}).Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var v struct {
		Value json.RawMessage
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		return fmt.Errorf("%s %s: %d, %v", method, path, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(v.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if out != nil {
		return json.Unmarshal(v.Value, out)
	}
	return nil
}

func (p *webkitPage) open(t *testing.T, url string) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.call(http.MethodPost, "/url", map[string]any{"url": url}, nil); err != nil {
		t.Fatal(err)
	}
}

// frame looks at each frame of the page for its address (a cross-origin frame's address is
// only known inside it).
func (p *webkitPage) frame(t *testing.T, prefix string, contains ...string) doc {
	t.Helper()
	prefix, contains = cardFrame(prefix, contains)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if f := p.findFrame(prefix, contains); f != nil {
			return webkitDoc{p, f}
		}
	}
	t.Fatalf("no frame %s… with %q appeared", prefix, contains)
	return nil
}

func (p *webkitPage) findFrame(prefix string, contains []string) map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.enter(nil) != nil {
		return nil
	}
	var frames []map[string]string
	if p.call(http.MethodPost, "/execute/sync", map[string]any{"script": `return [...document.querySelectorAll("iframe")]`, "args": []any{}}, &frames) != nil {
		return nil
	}
	for _, f := range frames {
		if p.enter(f) != nil {
			continue
		}
		var url string
		if p.call(http.MethodPost, "/execute/sync", map[string]any{"script": `return location.href`, "args": []any{}}, &url) == nil && matches(url, prefix, contains) {
			return f
		}
	}
	return nil
}

// click is WebDriver's element click: the driver scrolls the element into view and clicks
// its centre with the platform's mouse events.
func (p *webkitPage) click(t *testing.T, d doc, selector string) {
	t.Helper()
	var frame map[string]string
	if f, ok := d.(webkitDoc); ok {
		frame = f.frame
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// Found, then clicked: the wasm may replace the element in between (the prerendered card
	// swapped for its own), and the driver says so: find it again.
	var err error
	for range 3 {
		var el map[string]string
		err = p.enter(frame)
		if err == nil {
			err = p.call(http.MethodPost, "/element", map[string]any{"using": "css selector", "value": selector}, &el)
		}
		if err == nil {
			err = p.call(http.MethodPost, "/element/"+el[webElement]+"/click", map[string]any{}, nil)
		}
		if err == nil || !strings.Contains(err.Error(), "stale element reference") {
			break
		}
	}
	if err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

// resize sets the window's size so that its viewport (the page's innerWidth and innerHeight)
// is width × height: the window's own toolbar is measured and added. MiniBrowser's window is
// never narrower than its toolbar (about 450 px): below that, the page's body is made width
// wide instead, and the card's frame, which takes the body's width, is laid out at width as
// in a viewport that narrow (the frame is all the card sees).
func (p *webkitPage) resize(t *testing.T, width, height int) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.enter(nil); err != nil {
		t.Fatal(err)
	}
	w, h := width, height
	var inner [2]int
	for range 5 {
		var err error
		if inner, err = p.setWindow(w, h); err != nil {
			t.Fatal(err)
		}
		if inner == [2]int{width, height} || inner[1] == height && inner[0] > width && w < width {
			break // there, or as narrow as the window goes
		}
		w, h = w+width-inner[0], h+height-inner[1]
	}
	if inner[1] != height || inner[0] < width {
		t.Fatalf("WebKit's window gives a %d × %d viewport, not %d × %d", inner[0], inner[1], width, height)
	}
	column := `""`
	if inner[0] > width {
		column = `"` + strconv.Itoa(width) + `px"`
	}
	if _, err := p.execute(`return JSON.stringify(document.body ? (document.body.style.width = ` + column + `, true) : null)`); err != nil {
		t.Fatal(err)
	}
}

// setWindow asks for a w × h window and returns the viewport the page then has. The page
// learns of its new size after WebDriver has answered: it is read once the page sees the
// window's new height (and a width at least w: the window may not get that narrow).
func (p *webkitPage) setWindow(w, h int) (inner [2]int, err error) {
	if err := p.call(http.MethodPost, "/window/rect", map[string]any{"width": w, "height": h}, nil); err != nil {
		return inner, err
	}
	// The outer size comes first; the viewport follows a layout later (under load, reads of
	// the old viewport were seen after the new outer size): it counts once it reads the same
	// three times in a row.
	var got [4]int
	var last [2]int
	same := 0
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(40 * time.Millisecond) {
		raw, err := p.execute(`return JSON.stringify([innerWidth, innerHeight, outerWidth, outerHeight])`)
		if err != nil {
			return inner, err
		}
		json.Unmarshal(raw, &got)
		if got[3] != h || got[2] < w {
			same = 0
			continue
		}
		if now := [2]int{got[0], got[1]}; now == last {
			same++
		} else {
			last, same = now, 1
		}
		if same == 3 {
			return last, nil
		}
	}
	return inner, fmt.Errorf("WebKit's window is %d × %d, not the %d × %d asked for", got[2], got[3], w, h)
}

// console: WebDriver has no console in WebKit (MiniBrowser's --enable-write-console-messages-to-stdout
// does not reach the window WebDriver opens): the probe is the console.
func (p *webkitPage) console(t *testing.T) []string { return nil }

// syncBuffer is a bytes.Buffer that a process writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
