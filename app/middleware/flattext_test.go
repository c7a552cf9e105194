package middleware

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// The flat handler writes what slog's TextHandler writes, byte for byte, whatever the strings,
// numbers, times and zones.
func FuzzFlatTextIsTheTextHandlers(f *testing.F) {
	for _, s := range []string{"", "/embed/where-are-the-women-2020", "a b", "k=v", `"quoted"`, `back\slash`, "tab\there",
		"new\nline", "\x00", "\x7f", "é", "\u00a0", "\u2028", "\xff", "µs", "…(5000 bytes)", "<script>"} {
		f.Add(s, int64(-3), int64(1234567))
	}
	f.Add("", int64(1)<<40, int64(5e6)) // the year 36812
	f.Add("", -int64(1)<<36, int64(5e6))
	zones := []*time.Location{time.UTC, time.FixedZone("", -3*3600), time.FixedZone("", 5*3600+1800), time.Local}
	var lines bytes.Buffer
	flat := NewFlatTextHandler(&lines) // one for every run: it keeps the last second it wrote
	f.Fuzz(func(t *testing.T, s string, n int64, d int64) {
		at := time.Unix(n, d).In(zones[int(uint64(n)%4)])
		for i, at := range []time.Time{{}, time.Unix(1600092000, 999_999_999), at, at.Add(time.Millisecond), at.Add(time.Second), time.Now()} {
			r := slog.NewRecord(at, slog.Level(int(n%9)), s, 0)
			r.AddAttrs(slog.String("method", s), slog.String(s, "v"), slog.Int64("bytes", n), slog.Int("status", 200),
				slog.Duration("duration", time.Duration(d)))
			lines.Reset()
			flat.Handle(context.Background(), r)
			if got, want := lines.String(), handled(textHandler, r); got != want {
				t.Fatalf("record %d: the TextHandler writes\n%q\nthe flat handler\n%q", i, want, got)
			}
		}
	})
}

// A record the fast path does not take (another kind of value, a group) is the TextHandler's,
// and so is a handler with attributes.
func TestFlatTextOtherRecords(t *testing.T) {
	r := slog.NewRecord(time.Date(2020, 9, 14, 15, 0, 0, 0, time.UTC), slog.LevelError, "panic serving a request", 0)
	r.AddAttrs(slog.String("path", "/"), slog.Bool("ok", false), slog.Group("g", slog.String("a", "b")), slog.Any("err", context.Canceled))
	if got, want := handled(NewFlatTextHandler, r), handled(textHandler, r); got != want {
		t.Fatalf("the TextHandler writes\n%q\nthe flat handler\n%q", want, got)
	}
	var got, want bytes.Buffer
	slog.New(textHandler(&want)).With("site", "x").Info("request", "path", "/")
	slog.New(NewFlatTextHandler(&got)).With("site", "x").Info("request", "path", "/")
	_, g, _ := strings.Cut(got.String(), " ") // after the time, which may have moved on
	_, w, _ := strings.Cut(want.String(), " ")
	if g != w {
		t.Fatalf("with attributes: the TextHandler writes %q, the flat handler %q", w, g)
	}
}

func textHandler(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) }

// handled is what the handler made by newHandler writes for r.
func handled(newHandler func(io.Writer) slog.Handler, r slog.Record) string {
	var b bytes.Buffer
	newHandler(&b).Handle(context.Background(), r)
	return b.String()
}
