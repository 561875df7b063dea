package sqldb

import (
	"sync"
	"time"
)

// readCache keeps what a page reads on every request and what changes only
// by a write: the unit tree of the filters, the agency, its talent reviews,
// a review's calibration sessions, a computed 9-box grid. Under load the 9-box page
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
	m  map[readKey]*readSlot
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

// fresh reports whether an entry read at, when the DB had counted readAt
// writes, may still be used now that it has counted current.
func fresh(readAt, current uint64, at time.Time, ttl time.Duration) bool {
	return readAt == current && time.Since(at) < ttl
}

// readSlot holds one key's entry; a reader refreshing it holds build, and
// the readers that find it stale meanwhile wait for that read rather than
// all read the same thing at once (64 clients found the unit tree stale at
// the same moment every readTTL, which made the 9-box page's p99 seconds).
type readSlot struct {
	build sync.Mutex
	cur   readEntry // guarded by readCache.mu
}

const (
	readTTL     = countTTL
	readEntries = 1024 // beyond it the cache starts afresh
)

// cachedRead returns what read returns for k, from the cache while it is
// fresh; one reader at a time refreshes a key.
func cachedRead[T any](db *DB, k readKey, read func() (T, error)) (T, error) {
	c := &db.reads
	c.mu.Lock()
	if c.m == nil || len(c.m) >= readEntries {
		c.m = make(map[readKey]*readSlot)
	}
	slot := c.m[k]
	if slot == nil {
		slot = &readSlot{}
		c.m[k] = slot
	}
	e := slot.cur
	c.mu.Unlock()
	if e.v != nil && fresh(e.writes, db.counts.writes.Load(), e.at, readTTL) {
		return e.v.(T), nil
	}
	slot.build.Lock()
	defer slot.build.Unlock()
	c.mu.Lock()
	e = slot.cur // another reader may have refreshed it meanwhile
	c.mu.Unlock()
	writes := db.counts.writes.Load()
	if e.v != nil && fresh(e.writes, writes, e.at, readTTL) {
		return e.v.(T), nil
	}
	now := time.Now()
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	slot.cur = readEntry{v: v, writes: writes, at: now}
	c.mu.Unlock()
	return v, nil
}
