package sqldb

import (
	"sync"
	"time"
)

// readCache keeps the small lists that a page reads on every request and
// that change only by a write: the unit tree of the filters, an agency's
// talent reviews, a review's calibration sessions. Under load the 9-box page
// read them again for each of its requests (a quarter of its CPU, most of it
// the unit tree). An entry is used only while no write has committed
// through this DB since it was read, and for at most readTTL, which bounds
// how long a write by another process (a CLI import beside the server) goes
// unseen: the same rule as the list totals (countCache).
//
// A cached value is shared by every reader: callers must not change it.
// Authorization is checked by the caller on every request, before the cache.
type readCache struct {
	mu sync.Mutex
	m  map[readKey]readEntry
}

// readKey names a cached read: what was read (a constant of the caller)
// and for which agency and item (an ID or a code).
type readKey struct {
	what       string
	agency, id int64
	code       string
}

type readEntry struct {
	v      any
	writes uint64
	at     time.Time
}

const (
	readTTL     = countTTL
	readEntries = 1024 // beyond it the cache starts afresh
)

// cachedRead returns what read returns for k, from the cache while it is
// fresh. Two readers that miss at once both read; the later one is kept.
func cachedRead[T any](db *DB, k readKey, read func() (T, error)) (T, error) {
	c := &db.reads
	writes, now := db.counts.writes.Load(), time.Now()
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && e.writes == writes && now.Sub(e.at) < readTTL {
		return e.v.(T), nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= readEntries {
		c.m = make(map[readKey]readEntry)
	}
	c.m[k] = readEntry{v: v, writes: writes, at: now}
	c.mu.Unlock()
	return v, nil
}
