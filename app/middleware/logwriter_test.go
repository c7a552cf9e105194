package middleware

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is what the writer writes to, read while it writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	n   int // writes
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	return b.buf.Write(p)
}

func (b *lockedBuffer) read() (string, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String(), b.n
}

// Lines go out together, within the interval, every one of them, in order; Close writes the rest.
func TestLineWriterBatches(t *testing.T) {
	var out lockedBuffer
	w := NewLineWriter(&out, 50*time.Millisecond)
	for i := range 100 {
		w.Write([]byte(strings.Repeat("x", i%7) + "\n"))
	}
	if got, _ := out.read(); got != "" {
		t.Fatalf("written before the interval: %q", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for got, _ := out.read(); strings.Count(got, "\n") < 100; got, _ = out.read() {
		if time.Now().After(deadline) {
			t.Fatalf("after 5 s, %d lines of 100", strings.Count(got, "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, n := out.read(); n != 1 {
		t.Errorf("100 lines in %d writes, want 1", n)
	}
	w.Write([]byte("last\n"))
	w.Close()
	if got, _ := out.read(); !strings.HasSuffix(got, "x\nlast\n") {
		t.Errorf("Close left the last line out: %q", got[max(0, len(got)-20):])
	}
}

// A full batch goes out at once, without waiting for the interval.
func TestLineWriterFullBatch(t *testing.T) {
	var out lockedBuffer
	w := NewLineWriter(&out, time.Hour)
	defer w.Close()
	line := []byte(strings.Repeat("y", 1023) + "\n")
	for range batchSize / len(line) {
		w.Write(line)
	}
	if got, n := out.read(); len(got) != batchSize || n != 1 {
		t.Errorf("a full batch: %d bytes in %d writes, want %d in 1", len(got), n, batchSize)
	}
}
