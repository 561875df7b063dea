package sqldb

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
)

// nameIndex keeps the employee names of recently searched agencies in
// memory, in list order, for the commonest search: part of a name, with no
// other filter, sorted by name. Neither engine can use an index for "any
// part of the name" (LIKE '%q%'), so in SQL such a search reads the agency's
// whole name index, once for the page and once more for the total: 2-3 ms
// for 20,000 employees, nine tenths of the cost of the list benchmark's
// mix. A scan of the names in memory answers both in a tenth of that.
//
// An agency's names are read again after any write through this DB (the
// same counter as the list totals) and after namesTTL, which bounds how long
// a write by another process (a CLI import beside the server) goes unseen.
// Only the IDs come from here: the rows of a page come from the row cache
// under the same rule (list_rows.go).
type nameIndex struct {
	mu sync.Mutex
	m  map[int64]*agencyNames
}

// agencyNames holds one agency's latest names; a reader building them
// holds build, and the others wait for it rather than read them again.
type agencyNames struct {
	build sync.Mutex
	cur   *nameList
}

// nameList is one read of an agency's names, sorted as the list sorts them
// (name_search, id) by the database's collation. Its names are never
// changed; it remembers the matches of recent queries.
type nameList struct {
	writes uint64 // db.counts.writes when read
	at     time.Time
	text   string  // every name_search, each followed by nameSeparator
	starts []int32 // where each name starts in text, and len(text) last
	ids    []int64 // the employee of each name

	mu   sync.Mutex
	hits map[string][]int32 // matches of recent queries, by query; never changed
}

// nameHits is how many queries' matches a nameList keeps: the commonest
// searches repeat (the same name, its next pages) until the next write.
const nameHits = 256

// nameSeparator ends each name in nameList.text; no name contains it, so a
// match of a query without it never spans two names.
const nameSeparator = "\n"

const (
	namesTTL      = 5 * time.Second
	namesAgencies = 64 // agencies kept; beyond it the map starts afresh
)

// search returns the IDs of page [offset, offset+limit) of the agency's
// employees whose lowercased name contains q, in name order (reversed when
// desc), and how many match in all.
func (x *nameIndex) search(ctx context.Context, db *DB, agencyID int64, q string, desc bool, offset, limit int) ([]int64, int, error) {
	l, err := x.names(ctx, db, agencyID)
	if err != nil {
		return nil, 0, err
	}
	hits := l.cachedMatches(strings.ToLower(q))
	lo, hi := min(offset, len(hits)), min(offset+limit, len(hits))
	page := make([]int64, 0, hi-lo)
	for k := lo; k < hi; k++ {
		i := k
		if desc {
			i = len(hits) - 1 - k
		}
		page = append(page, l.ids[hits[i]])
	}
	return page, len(hits), nil
}

// cachedMatches is matches, kept for the nameHits latest queries of this
// list (the list itself is replaced after a write).
func (l *nameList) cachedMatches(q string) []int32 {
	l.mu.Lock()
	hits, ok := l.hits[q]
	l.mu.Unlock()
	if ok {
		return hits
	}
	hits = l.matches(q)
	l.mu.Lock()
	if l.hits == nil || len(l.hits) >= nameHits {
		l.hits = make(map[string][]int32)
	}
	l.hits[q] = hits
	l.mu.Unlock()
	return hits
}

// matches returns the positions, in order, of the names that contain q.
// It searches the joined text rather than name by name: strings.Index skips
// over the names that do not match at memory speed.
func (l *nameList) matches(q string) []int32 {
	var hits []int32
	if q == "" || strings.Contains(q, nameSeparator) {
		return hits
	}
	for pos, i := 0, 0; ; {
		j := strings.Index(l.text[pos:], q)
		if j < 0 {
			return hits
		}
		for l.starts[i+1] <= int32(pos+j) {
			i++
		}
		hits = append(hits, int32(i))
		pos = int(l.starts[i+1]) // a name counts once, however often it contains q
	}
}

// names returns the agency's names, read from the database when missing or
// out of date.
func (x *nameIndex) names(ctx context.Context, db *DB, agencyID int64) (*nameList, error) {
	x.mu.Lock()
	if x.m == nil || len(x.m) >= namesAgencies {
		x.m = make(map[int64]*agencyNames)
	}
	a := x.m[agencyID]
	if a == nil {
		a = &agencyNames{}
		x.m[agencyID] = a
	}
	x.mu.Unlock()

	a.build.Lock()
	defer a.build.Unlock()
	writes, now := db.counts.writes.Load(), time.Now()
	if c := a.cur; c != nil && c.writes == writes && now.Sub(c.at) < namesTTL {
		return c, nil
	}
	stmt, err := db.readStmt(ctx, `SELECT name_search, id FROM employee WHERE agency_id = $1 ORDER BY name_search, id`)
	if err != nil {
		return nil, err
	}
	rows, err := stmt.QueryContext(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := &nameList{writes: writes, at: now}
	var text strings.Builder
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return nil, err
		}
		n.starts = append(n.starts, int32(text.Len()))
		text.WriteString(strings.ReplaceAll(name, nameSeparator, " "))
		text.WriteString(nameSeparator)
		n.ids = append(n.ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	n.text, n.starts = text.String(), append(n.starts, int32(text.Len()))
	a.cur = n
	return n, nil
}

// employeesByIDQuery is the SQL that reads the rows of up to n employees by
// ID, in no particular order (the caller places them). It takes n IDs after
// the agency (pad with 0, which no employee has), so its text depends only
// on n and its statement is reused.
func employeesByIDQuery(n int) string {
	var b strings.Builder
	b.WriteString(`SELECT ` + employeeColumns + employeeFrom + ` WHERE e.agency_id = $1 AND e.id IN (`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+2))
	}
	b.WriteString(`)`)
	return b.String()
}
