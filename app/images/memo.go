package images

import (
	"container/list"
	"hash"
	"sync"
)

// What Process and SocialCard made is kept by a digest of their input, up to memoLimit bytes
// of bodies; past that the least recently used goes first. A reload of unchanged events finds
// everything here.
var memoLimit = 96 << 20

var memo = struct {
	sync.Mutex
	entries map[[32]byte]*memoEntry
	recent  list.List // of *memoEntry, the most recently used first
	bytes   int
}{entries: map[[32]byte]*memoEntry{}}

type memoEntry struct {
	key   [32]byte
	ready chan struct{} // closed once value and err are set: a second caller waits for the first
	value any
	err   error
	bytes int
	used  *list.Element
}

// remember is build's result for key, built once however many callers ask at the same time.
func remember[T any](key [32]byte, build func() (T, int, error)) (T, error) {
	memo.Lock()
	e, found := memo.entries[key]
	if found {
		memo.recent.MoveToFront(e.used)
	} else {
		e = &memoEntry{key: key, ready: make(chan struct{})}
		e.used = memo.recent.PushFront(e)
		memo.entries[key] = e
	}
	memo.Unlock()

	if !found {
		value, size, err := build()
		e.value, e.err = value, err
		close(e.ready)
		memo.Lock()
		if memo.entries[key] == e { // not evicted while it was being built
			e.bytes = size
			memo.bytes += size
			evict(e)
		}
		memo.Unlock()
	}
	<-e.ready
	value, _ := e.value.(T)
	return value, e.err
}

// evict drops the least recently used entries, but keep, until the bodies fit memoLimit.
func evict(keep *memoEntry) {
	for memo.bytes > memoLimit {
		last := memo.recent.Back()
		e := last.Value.(*memoEntry)
		if e == keep {
			return
		}
		memo.recent.Remove(last)
		delete(memo.entries, e.key)
		memo.bytes -= e.bytes
	}
}

// sum is h's digest as a memo key.
func sum(h hash.Hash) (key [32]byte) {
	h.Sum(key[:0])
	return key
}
