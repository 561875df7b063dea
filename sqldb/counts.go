package sqldb

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// countCache remembers the totals of list queries. Counting every match of a
// filter is the costly part of a list page (a scan of the agency), while the
// total rarely changes between two pages. An entry is used only while no
// write has committed through this DB since it was counted, and for at most
// countTTL, which bounds how stale a total can be after a write by another
// process (a CLI import beside the server).
type countCache struct {
	writes atomic.Uint64 // committed write transactions of this DB
	mu     sync.Mutex
	m      map[string]countEntry
}

type countEntry struct {
	n      int
	writes uint64
	at     time.Time
}

const (
	countTTL     = 5 * time.Second
	countEntries = 4096
)

func (c *countCache) get(ctx context.Context, q querier, query string, args []any) (int, error) {
	key := fmt.Sprint(query, args)
	writes := c.writes.Load()
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && e.writes == writes && now.Sub(e.at) < countTTL {
		return e.n, nil
	}
	var n int
	if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= countEntries {
		c.m = make(map[string]countEntry)
	}
	c.m[key] = countEntry{n: n, writes: writes, at: now}
	c.mu.Unlock()
	return n, nil
}
