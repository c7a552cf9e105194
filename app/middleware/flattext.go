package middleware

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// NewFlatTextHandler is slog.NewTextHandler(w, nil) with a fast path for flat records whose
// values are strings, integers and durations, as the request log's lines are: it writes them
// itself, byte for byte as the TextHandler does (a fuzz test holds it to that). The request
// log's formatting was the largest part of the server's own work per request, about 4% of its
// throughput under load. Any other record, and the handler's WithAttrs and WithGroup, are the
// TextHandler's.
func NewFlatTextHandler(w io.Writer) slog.Handler {
	return &flatText{text: slog.NewTextHandler(w, nil), w: w}
}

type flatText struct {
	text slog.Handler
	mu   sync.Mutex // one write at a time, as the TextHandler's own
	w    io.Writer
	last atomic.Pointer[second]
}

// A second is a second's time as the TextHandler writes it, in two parts: before its
// milliseconds and after them (the zone). A busy server logs many lines a second: the
// formatting of the date was a third of a line's.
type second struct {
	unix          int64
	loc           *time.Location
	before, after string
}

// appendTime appends t as the TextHandler does: RFC 3339 to the millisecond, in t's zone.
func (h *flatText) appendTime(b []byte, t time.Time) []byte {
	s := h.last.Load()
	if s == nil || s.unix != t.Unix() || s.loc != t.Location() {
		whole := t.Format("2006-01-02T15:04:05.000Z07:00")
		s = &second{unix: t.Unix(), loc: t.Location(), before: whole[:len("2006-01-02T15:04:05")], after: whole[len("2006-01-02T15:04:05.000"):]}
		h.last.Store(s)
	}
	ms := t.Nanosecond() / int(time.Millisecond)
	b = append(append(b, s.before...), '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, s.after...)
}

func (h *flatText) Enabled(ctx context.Context, l slog.Level) bool { return h.text.Enabled(ctx, l) }
func (h *flatText) WithAttrs(as []slog.Attr) slog.Handler          { return h.text.WithAttrs(as) }
func (h *flatText) WithGroup(name string) slog.Handler             { return h.text.WithGroup(name) }

var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

func (h *flatText) Handle(ctx context.Context, r slog.Record) error {
	if y := r.Time.Year(); y < 0 || y > 9999 {
		return h.text.Handle(ctx, r) // a date of another width: the TextHandler's own rules
	}
	buf := lineBuffers.Get().(*[]byte)
	defer lineBuffers.Put(buf)
	b := (*buf)[:0]
	if !r.Time.IsZero() {
		b = append(b, "time="...)
		b = h.appendTime(b, r.Time)
		b = append(b, ' ')
	}
	b = append(b, "level="...)
	b = appendText(b, r.Level.String())
	b = append(b, " msg="...)
	b = appendText(b, r.Message)
	flat := true
	r.Attrs(func(a slog.Attr) bool {
		b = appendText(append(b, ' '), a.Key)
		b = append(b, '=')
		switch a.Value.Kind() {
		case slog.KindString:
			b = appendText(b, a.Value.String())
		case slog.KindInt64:
			b = strconv.AppendInt(b, a.Value.Int64(), 10)
		case slog.KindDuration:
			b = append(b, a.Value.Duration().String()...)
		default:
			flat = false
		}
		return flat
	})
	if !flat {
		return h.text.Handle(ctx, r)
	}
	b = append(b, '\n')
	*buf = b
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := h.w.Write(b)
	return err
}

// appendText writes s as the TextHandler does: bare, or quoted when it is empty or has a space,
// an "=", a quote, a control character or invalid UTF-8.
func appendText(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

func needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c <= ' ' || c == '=' || c == '"' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
