package sqldb

import (
	"context"
	"database/sql"
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

func (c *countCache) get(ctx context.Context, db *DB, query string, args []any) (int, error) {
	key := fmt.Sprint(query, args)
	writes := c.writes.Load()
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && e.writes == writes && now.Sub(e.at) < countTTL {
		return e.n, nil
	}
	stmt, err := db.readStmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var n int
	if err := stmt.QueryRowContext(ctx, args...).Scan(&n); err != nil {
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

// stmtCache holds prepared statements of the read pool by SQL text, so a
// query the list page runs again and again is parsed and planned once per
// connection instead of on every request.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const stmtEntries = 512

// readStmt returns the prepared statement for query on the read pool.
func (db *DB) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c := &db.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := db.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil || len(c.m) >= stmtEntries {
		// Statements still running elsewhere must not be closed under them;
		// the dropped ones are released when their connections are recycled
		// (ConnMaxLifetime of the read pool).
		c.m = make(map[string]*sql.Stmt)
	}
	c.m[query] = st
	return st, nil
}
