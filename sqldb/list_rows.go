package sqldb

import (
	"context"
	"slices"
	"sync"
	"time"

	"merit"
)

// rowCache keeps the employee rows that list pages showed, by ID. A list
// page picks its IDs in SQL from an ordering index (or from the name index
// in memory), which costs little: 0.04 ms for a page of 50 among 20,000.
// Reading those 50 rows with their 26 columns, unit and position through
// the SQLite driver cost 0.8 ms, three quarters of a list request, and the
// same rows are read again and again as people page, search and filter.
//
// A row is used only while no write has committed through this DB since it
// was read, and for at most rowTTL: the rule of the list totals
// (countCache) and the name index, so a page never shows a row older than
// the last write through this server, and a write by another process (a
// CLI import beside the server) shows within rowTTL. The profile and the
// forms read the employee afresh (FindEmployeeByID), never from here.
type rowCache struct {
	mu sync.Mutex
	m  map[rowKey]rowEntry
}

type rowKey struct{ agency, id int64 }

type rowEntry struct {
	e, masked *merit.Employee // as read, and with personal data masked; never changed
	writes    uint64          // db.counts.writes when read
	at        time.Time
}

const (
	rowTTL     = countTTL
	rowEntries = 20_000 // two copies of each row, about 20 MB; beyond it the cache starts afresh
)

// employeesByID returns the agency's employees with the IDs, in the order
// of ids, each the caller's own copy, masked for the context's actor. An ID
// whose employee is gone is left out. Rows missing from the cache, or out
// of date, are read in one query.
func (db *DB) employeesByID(ctx context.Context, agencyID int64, ids []int64) ([]*merit.Employee, error) {
	c := &db.rows
	writes, now := db.counts.writes.Load(), time.Now()
	found := make([]rowEntry, len(ids))
	var missing []int64
	c.mu.Lock()
	for i, id := range ids {
		if e, ok := c.m[rowKey{agencyID, id}]; ok && e.writes == writes && now.Sub(e.at) < rowTTL {
			found[i] = e
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) > 0 {
		read, err := db.readRows(ctx, agencyID, missing)
		if err != nil {
			return nil, err
		}
		byID := make(map[int64]rowEntry, len(read))
		for _, e := range read {
			masked := *e
			masked.MaskPersonal()
			masked.Masked = slices.Clip(masked.Masked) // a caller's append must not reach the shared array
			byID[e.ID] = rowEntry{e: e, masked: &masked, writes: writes, at: now}
		}
		c.mu.Lock()
		if c.m == nil || len(c.m)+len(read) > rowEntries {
			c.m = make(map[rowKey]rowEntry)
		}
		for id, e := range byID {
			c.m[rowKey{agencyID, id}] = e
		}
		c.mu.Unlock()
		for i, id := range ids {
			if found[i].e == nil {
				found[i] = byID[id]
			}
		}
	}
	// Each reader gets a copy, masked as merit.MaskPersonalFor would: the
	// masked form is made once per row read, not per page.
	actor := merit.ActorFrom(ctx)
	out := make([]*merit.Employee, 0, len(ids))
	for _, f := range found {
		if f.e == nil {
			continue
		}
		own := *f.masked
		if actor.SeesPersonal(agencyID, f.e.ID) {
			own = *f.e
		}
		out = append(out, &own)
	}
	return out, nil
}

// readRows reads the rows of the agency's employees with the IDs, in no
// particular order. The IN list is padded (with 0, which no employee has)
// to a power of two, so few statement texts are prepared and reused.
func (db *DB) readRows(ctx context.Context, agencyID int64, ids []int64) ([]*merit.Employee, error) {
	n := 8
	for n < len(ids) {
		n *= 2
	}
	stmt, err := db.readStmt(ctx, employeesByIDQuery(n))
	if err != nil {
		return nil, err
	}
	args := make([]any, n+1)
	args[0] = agencyID
	for i := range n {
		args[i+1] = int64(0)
		if i < len(ids) {
			args[i+1] = ids[i]
		}
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]*merit.Employee, 0, len(ids))
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
