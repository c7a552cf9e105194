package middleware

import (
	"io"
	"sync"
	"time"
)

// A LineWriter holds the request log's lines and writes them in batches: at most every
// interval, or sooner when a batch is full, and on Close. A write to the log per request is a
// system call per request, which cost the server about a quarter of its throughput under load;
// a batch costs one. A line reaches the log at most interval late.
type LineWriter struct {
	mu    sync.Mutex
	out   io.Writer
	buf   []byte
	timer *time.Timer
	every time.Duration
}

// batchSize is the most a batch holds before it is written at once.
const batchSize = 64 << 10

// NewLineWriter batches the writes to out, interval apart at most.
func NewLineWriter(out io.Writer, interval time.Duration) *LineWriter {
	w := &LineWriter{out: out, every: interval}
	w.timer = time.AfterFunc(time.Hour, w.flush)
	w.timer.Stop()
	return w
}

// Write adds p (a whole line, as slog writes them) to the batch.
func (w *LineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) == 0 {
		w.timer.Reset(w.every)
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) >= batchSize {
		return len(p), w.writeLocked()
	}
	return len(p), nil
}

// Close writes what the batch holds.
func (w *LineWriter) Close() error {
	w.timer.Stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writeLocked()
}

func (w *LineWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writeLocked()
}

func (w *LineWriter) writeLocked() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.out.Write(w.buf)
	w.buf = w.buf[:0]
	if cap(w.buf) > 4*batchSize {
		w.buf = nil // a burst's buffer goes back to the heap
	}
	return err
}
