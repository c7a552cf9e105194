package middleware

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// logged runs one request through RequestLog around h and returns the log's text.
func logged(t *testing.T, h http.Handler, req *http.Request) (string, *httptest.ResponseRecorder) {
	t.Helper()
	var buf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&buf, nil))
	rec := httptest.NewRecorder()
	RequestLog(lg, lg)(h).ServeHTTP(rec, req)
	return buf.String(), rec
}

// One line per request: what an operator needs, nothing that follows a visitor.
func TestRequestLogLine(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("twelve bytes"))
	})
	req := httptest.NewRequest("GET", "/embed/where-are-the-women-2020?lang=pt-BR&origin=https%3A%2F%2Fpartner.example%2Fpage&hl=es&theme=dark", nil)
	req.Header.Set("Referer", "https://partner.example/articles/trafficking-survivors")
	req.Header.Set("User-Agent", "Mozilla/5.0 (Visitor's phone)")
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	req.RemoteAddr = "198.51.100.9:50000"
	line, _ := logged(t, ok, req)
	if strings.Count(line, "\n") != 1 {
		t.Fatalf("want one line, got %q", line)
	}
	for _, want := range []string{"level=INFO", "msg=request", "method=GET", "path=/embed/where-are-the-women-2020", "lang=pt-BR", "status=404", "bytes=12", "duration="} {
		if !strings.Contains(line, want) {
			t.Errorf("the line lacks %s: %s", want, line)
		}
	}
	for _, never := range []string{"partner.example", "origin", "hl=", "theme", "trafficking", "Mozilla", "203.0.113.7", "198.51.100.9", "?"} {
		if strings.Contains(line, never) {
			t.Errorf("the line keeps %q: %s", never, line)
		}
	}

	// A lang that is not a language is logged as such, never as given.
	line, _ = logged(t, ok, httptest.NewRequest("GET", "/events/x?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E", nil))
	if !strings.Contains(line, "lang=invalid") || strings.Contains(line, "script") {
		t.Errorf("a hostile lang: %s", line)
	}
	// No lang: no attribute. HEAD: no bytes sent.
	line, _ = logged(t, ok, httptest.NewRequest("HEAD", "/", nil))
	if strings.Contains(line, "lang=") || !strings.Contains(line, "bytes=0") {
		t.Errorf("HEAD without lang: %s", line)
	}
	// A path is the client's word: bounded, and quoted (no line of its own in the log).
	long := httptest.NewRequest("GET", "/", nil)
	long.URL.Path = "/embed/" + strings.Repeat("a", 5000) + "\nlevel=ERROR msg=forged"
	line, _ = logged(t, ok, long)
	if strings.Count(line, "\n") != 1 || len(line) > 600 || strings.Contains(line, "\nlevel=ERROR") {
		t.Errorf("a long path with a newline: %d bytes, %q…", len(line), line[:min(len(line), 120)])
	}
	// Nothing written: an empty 200.
	line, _ = logged(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(line, "status=200 bytes=0") {
		t.Errorf("an empty answer: %s", line)
	}
}

// A panic: one error line with the stack for the operator, a bare 500 for the client.
func TestRequestLogPanic(t *testing.T) {
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom: secret detail") })
	out, rec := logged(t, boom, httptest.NewRequest("GET", "/embed/x", nil))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "boom") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("the client got %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "boom: secret detail") || !strings.Contains(out, "status=500") {
		t.Errorf("the log: %s", out)
	}

	// Half an answer already sent: the connection is cut (http.ErrAbortHandler), not ended as if whole.
	half := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("half"))
		panic("later")
	})
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("after half an answer: panic %v, want http.ErrAbortHandler", v)
			}
		}()
		logged(t, half, httptest.NewRequest("GET", "/", nil))
	}()
}

// net/http's own error lines name the client's address: the server's log does not.
func TestServerErrorsWithoutAddresses(t *testing.T) {
	var buf bytes.Buffer
	l := ServerErrors(slog.New(slog.NewTextHandler(&buf, nil)))
	l.Printf("http: TLS handshake error from 203.0.113.7:51234: remote error: tls: bad certificate")
	l.Printf("http: TLS handshake error from [2001:db8::1]:443: EOF")
	l.Printf("http: panic serving 198.51.100.9:50000: boom")
	out := buf.String()
	for _, addr := range []string{"203.0.113.7", "2001:db8", "198.51.100.9", "51234"} {
		if strings.Contains(out, addr) {
			t.Errorf("the log keeps %s: %s", addr, out)
		}
	}
	if strings.Count(out, "level=WARN") != 3 || !strings.Contains(out, "bad certificate") {
		t.Errorf("the log: %s", out)
	}
}
