package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"merit"
	"merit/ipasn"
	"merit/performance"
)

// IPASNRecompute says what a recompute of an agency's IP ASN did, with the
// time of each stage (the benchmark reports them).
type IPASNRecompute struct {
	Employees int           `json:"employees"` // scored
	Refreshed int           `json:"refreshed"` // inputs re-read from the registry
	Full      bool          `json:"full"`      // every input was re-read (first run, an import, a new table version)
	Changed   int           `json:"changed"`   // scores written: those whose points or reasons changed
	Refresh   time.Duration `json:"-"`
	Score     time.Duration `json:"-"` // reading the inputs, computing, comparing
	Write     time.Duration `json:"-"`
}

// ipasnProgress reports a stage's progress: done of total employees.
type ipasnProgress func(stage string, done, total int)

// fullRefreshAbove is how many changed employees make a recompute re-read
// every input instead of each changed one.
const fullRefreshAbove = 5000

// RecomputeIPASN computes the IP ASN of every employee of the agency on the
// date with the table and stores the scores that changed. It first re-reads
// from the registry the inputs of the employees changed since the last
// recompute (every input on the first run, after an import and when the
// table version changes), then scores every employee from the stored inputs
// and the annual SKP of the year before, in parallel, and writes the
// changed scores with one audit entry in one transaction. progress may be nil.
func (db *DB) RecomputeIPASN(ctx context.Context, agencyID int64, t *ipasn.Table, on merit.Date, progress func(stage string, done, total int)) (*IPASNRecompute, error) {
	const op = "sqldb.RecomputeIPASN"
	if err := merit.Authorize(ctx, merit.PermPerformanceWrite, agencyID); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	res := &IPASNRecompute{}
	started := time.Now()
	head, err := db.ipasnRefresh(ctx, agencyID, t, res, progress)
	if err != nil {
		return nil, translate(op, err)
	}
	res.Refresh = time.Since(started)
	started = time.Now()
	changed, err := db.ipasnScore(ctx, agencyID, t, on, res, progress)
	if err != nil {
		return nil, translate(op, err)
	}
	res.Score = time.Since(started)
	started = time.Now()
	err = db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.writeScores(ctx, agencyID, on, changed, progress); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO ipasn_state (agency_id, audit_seq, version, measured_on, recomputed_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id) DO UPDATE SET audit_seq = excluded.audit_seq,
			version = excluded.version, measured_on = excluded.measured_on, recomputed_at = excluded.recomputed_at`,
			agencyID, head, inputVersion(t), on, tx.now)
		if err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "ipasn", 0, nil, map[string]any{"version": t.Version,
			"measuredOn": on, "employees": res.Employees, "changed": res.Changed, "refreshed": res.Refreshed})
	})
	res.Write = time.Since(started)
	return res, translate(op, err)
}

// inputVersion is what the stored inputs were made for: the table (its
// pruning) and the facts layout. When it changes every input is re-read.
func inputVersion(t *ipasn.Table) string { return t.Version + "/" + ipasn.FactsFormat }

// ipasnRefresh re-reads the inputs of the employees changed since the last
// recompute and returns the audit sequence number it read up to.
func (db *DB) ipasnRefresh(ctx context.Context, agencyID int64, t *ipasn.Table, res *IPASNRecompute, progress ipasnProgress) (int64, error) {
	var head int64
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE((SELECT seq FROM audit_head WHERE agency_id = $1), 0)`, agencyID).Scan(&head)
	if err != nil {
		return 0, err
	}
	var since int64
	var version string
	err = db.read.QueryRowContext(ctx, `SELECT audit_seq, version FROM ipasn_state WHERE agency_id = $1`, agencyID).Scan(&since, &version)
	switch {
	case err == sql.ErrNoRows:
		res.Full = true
	case err != nil:
		return 0, err
	case version != inputVersion(t):
		res.Full = true
	}
	var ids []int64
	if !res.Full {
		if ids, res.Full, err = db.changedSince(ctx, agencyID, since, head); err != nil {
			return 0, err
		}
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return 0, err
	}
	if res.Full {
		res.Refreshed, err = db.refreshAllInputs(ctx, agencyID, t, ref, progress)
		return head, err
	}
	err = db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.lockIPASN(ctx, agencyID); err != nil {
			return err
		}
		byBlock := map[int64][]int64{}
		for _, id := range ids {
			byBlock[blockOf(id)] = append(byBlock[blockOf(id)], id)
		}
		put := tx.putBlocks()
		for _, block := range slices.Sorted(maps.Keys(byBlock)) {
			entries, err := tx.readBlock(ctx, agencyID, block)
			if err != nil {
				return err
			}
			for _, id := range byBlock[block] {
				in, ok, err := loadInput(ctx, tx, agencyID, id, ref)
				if err != nil {
					return err
				}
				if !ok {
					entries = dropEntry(entries, id) // deleted: its input goes too
					continue
				}
				t.Prune(in)
				var hash int64
				if i := slices.IndexFunc(entries, func(e inputEntry) bool { return e.id == id }); i >= 0 {
					hash = entries[i].hash
				}
				entries = setEntry(entries, newEntry(id, hash, in))
				res.Refreshed++
			}
			if err := put.add(ctx, agencyID, block, len(entries), encodeBlock(entries)); err != nil {
				return err
			}
		}
		return put.flush(ctx)
	})
	return head, err
}

// changedSince reads the audit trail after seq for the employees whose
// registry data or SKP changed; all is true when the change touches everyone
// or unknown records (an import, a position's jenis) or is too large to go
// one by one.
func (db *DB) changedSince(ctx context.Context, agencyID, since, head int64) (ids []int64, all bool, err error) {
	rows, err := db.read.QueryContext(ctx, `SELECT action, entity, entity_id, before_json, after_json FROM audit_log
		WHERE agency_id = $1 AND seq > $2 AND seq <= $3 AND entity IN ('employee', 'history', 'position', 'skp') ORDER BY seq`,
		agencyID, since, head)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		var action, entity, before, after string
		var id int64
		if err := rows.Scan(&action, &entity, &id, &before, &after); err != nil {
			return nil, false, err
		}
		switch {
		case entity == "position" && action != merit.AuditCreate, (entity == "employee" || entity == "skp") && id == 0:
			return nil, true, nil
		case entity == "history" || entity == "skp":
			var h struct {
				EmployeeID int64 `json:"employeeId"`
			}
			doc := after
			if doc == "" {
				doc = before
			}
			if json.Unmarshal([]byte(doc), &h) != nil || h.EmployeeID == 0 {
				return nil, true, nil
			}
			id = h.EmployeeID
		case entity != "employee":
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
			if len(ids) > fullRefreshAbove {
				return nil, true, nil
			}
		}
	}
	return ids, false, rows.Err()
}

// ipasnHistoryColumns are the riwayat fields IP ASN reads.
const ipasnHistoryColumns = `employee_id, kind, ref, title, hours, CAST(start_date AS TEXT), CAST(end_date AS TEXT)`

func scanIPASNHistory(rows *sql.Rows, h *merit.HistoryEntry) error {
	return rows.Scan(&h.EmployeeID, &h.Kind, &h.Ref, &h.Title, &h.Hours, &h.Start, &h.End)
}

// loadInput reads one employee's input from the registry; ok is false when
// the employee does not exist.
func loadInput(ctx context.Context, q querier, agencyID, employeeID int64, ref *merit.Reference) (*ipasn.Input, bool, error) {
	in := &ipasn.Input{}
	err := q.QueryRowContext(ctx, `SELECT e.education, COALESCE(p.jenis, '') FROM employee e
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND e.id = $2`, agencyID, employeeID).Scan(&in.Education, &in.Jenis)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+ipasnHistoryColumns+` FROM employee_history
		WHERE agency_id = $1 AND employee_id = $2 AND kind IN ('diklat', 'hukdis')`, agencyID, employeeID)
	if err != nil {
		return nil, false, err
	}
	for rows.Next() {
		var h merit.HistoryEntry
		if err := scanIPASNHistory(rows, &h); err != nil {
			rows.Close()
			return nil, false, err
		}
		in.AddHistory(&h, ref)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if rows, err = q.QueryContext(ctx, `SELECT `+ipasnSKPColumns+` FROM skp WHERE agency_id = $1 AND employee_id = $2 AND period = $3`,
		agencyID, employeeID, string(performance.Annual)); err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var k ipasn.SKP
		if _, err := scanIPASNSKP(rows, &k); err != nil {
			return nil, false, err
		}
		in.SKP = append(in.SKP, k)
	}
	return in, true, rows.Err()
}

// ipasnSKPColumns are the fields of an annual SKP that IP ASN reads.
const ipasnSKPColumns = `employee_id, year, scheme, predikat, legacy_score`

// scanIPASNSKP reads an annual SKP as IP ASN's input: the predikat of the
// 2022 scheme, or the legacy nilai SKP.
func scanIPASNSKP(rows *sql.Rows, k *ipasn.SKP) (int64, error) {
	var id int64
	var scheme, predikat string
	if err := rows.Scan(&id, &k.Year, &scheme, &predikat, &k.Nilai); err != nil {
		return 0, err
	}
	k.Predikat = predikat
	if performance.Scheme(scheme) == performance.SchemeLegacy {
		k.Predikat = ""
	} else {
		k.Nilai = 0
	}
	return id, nil
}

// ipasnWriteRows is how many rows one statement of a recompute writes
// (scores): at most 12 columns, 6,000 parameters.
const ipasnWriteRows = 500

// cursor walks query rows ordered by employee ID, one row ahead, for a
// merge with the employees.
type cursor[T any] struct {
	rows *sql.Rows
	scan func(*sql.Rows, *T) (int64, error)
	cur  T
	id   int64
	ok   bool
	err  error
}

func (c *cursor[T]) advance() {
	var zero T
	c.cur = zero
	if c.ok = c.rows.Next(); c.ok {
		if c.id, c.err = c.scan(c.rows, &c.cur); c.err != nil {
			c.ok = false
		}
	}
}

// each calls fn for the rows of employee id, skipping rows of lower IDs.
func (c *cursor[T]) each(id int64, fn func(*T)) {
	for c.ok && c.id < id {
		c.advance()
	}
	for c.ok && c.id == id {
		fn(&c.cur)
		c.advance()
	}
}

func (c *cursor[T]) close() error {
	c.rows.Close()
	if c.err != nil {
		return c.err
	}
	return c.rows.Err()
}

// refreshAllInputs re-reads every employee's input: the employees, their
// diklat and hukdis riwayat and their annual SKP as three streams ordered by
// employee, merged, and writes every block anew in one transaction (the
// stored score fingerprints stay).
func (db *DB) refreshAllInputs(ctx context.Context, agencyID int64, t *ipasn.Table, ref *merit.Reference, progress ipasnProgress) (int, error) {
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM employee WHERE agency_id = $1`, agencyID).Scan(&total); err != nil {
		return 0, err
	}
	n := 0
	err := db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.lockIPASN(ctx, agencyID); err != nil {
			return err
		}
		hashes := map[int64]int64{}
		err := db.eachInputEntry(ctx, tx, agencyID, math.MinInt64, math.MaxInt64, func(e *inputEntry) error {
			if e.hash != 0 {
				hashes[e.id] = e.hash
			}
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM ipasn_input_block WHERE agency_id = $1`, agencyID); err != nil {
			return err
		}
		emps, err := db.read.QueryContext(ctx, `SELECT e.id, e.education, COALESCE(p.jenis, '') FROM employee e
			LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
			WHERE e.agency_id = $1 ORDER BY e.id`, agencyID)
		if err != nil {
			return err
		}
		defer emps.Close()
		hrows, err := db.read.QueryContext(ctx, `SELECT `+ipasnHistoryColumns+` FROM employee_history
			WHERE agency_id = $1 AND kind IN ('diklat', 'hukdis') ORDER BY employee_id`, agencyID)
		if err != nil {
			return err
		}
		hist := &cursor[merit.HistoryEntry]{rows: hrows, scan: func(r *sql.Rows, h *merit.HistoryEntry) (int64, error) {
			return h.EmployeeID, scanIPASNHistory(r, h)
		}}
		defer hist.close()
		srows, err := db.read.QueryContext(ctx, `SELECT `+ipasnSKPColumns+` FROM skp WHERE agency_id = $1 AND period = $2
			ORDER BY employee_id`, agencyID, string(performance.Annual))
		if err != nil {
			return err
		}
		skps := &cursor[ipasn.SKP]{rows: srows, scan: scanIPASNSKP}
		defer skps.close()
		hist.advance()
		skps.advance()
		put := tx.putBlocks()
		var entries []inputEntry
		block := int64(math.MinInt64)
		flush := func() error {
			if len(entries) == 0 {
				return nil
			}
			err := put.add(ctx, agencyID, block, len(entries), encodeBlock(entries))
			entries = entries[:0]
			return err
		}
		var in ipasn.Input
		for emps.Next() {
			var id int64
			in.Reset()
			if err := emps.Scan(&id, &in.Education, &in.Jenis); err != nil {
				return err
			}
			hist.each(id, func(h *merit.HistoryEntry) { in.AddHistory(h, ref) })
			skps.each(id, func(k *ipasn.SKP) { in.SKP = append(in.SKP, *k) })
			t.Prune(&in)
			if blockOf(id) != block {
				if err := flush(); err != nil {
					return err
				}
				block = blockOf(id)
			}
			entries = append(entries, newEntry(id, hashes[id], &in))
			if n++; n%10000 == 0 {
				progress("refresh", n, total)
			}
		}
		if err := emps.Err(); err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		if err := put.flush(ctx); err != nil {
			return err
		}
		progress("refresh", n, total)
		if err := hist.close(); err != nil {
			return err
		}
		return skps.close()
	})
	return n, err
}

// scored is one employee's new score.
type scored struct {
	id  int64
	res ipasn.Result
	fp  int64
}

// ipasnScore scores every stored input, in parallel over ranges of blocks,
// and returns the scores whose fingerprint differs from the stored one.
func (db *DB) ipasnScore(ctx context.Context, agencyID int64, t *ipasn.Table, on merit.Date, res *IPASNRecompute, progress ipasnProgress) ([]scored, error) {
	var lo, hi int64
	var total int
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE(min(block), 0), COALESCE(max(block), 0), COALESCE(sum(employees), 0)
		FROM ipasn_input_block WHERE agency_id = $1`, agencyID).Scan(&lo, &hi, &total)
	if err != nil || total == 0 {
		return nil, err
	}
	workers := runtime.GOMAXPROCS(0)
	chunks := int64(workers * 4)
	step := (hi-lo)/chunks + 1
	next := make(chan int64, chunks)
	for from := lo; from <= hi; from += step {
		next <- from
	}
	close(next)
	var (
		mu       sync.Mutex
		changed  []scored
		done     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Go(func() {
			var r ipasn.Result
			var in ipasn.Input
			for from := range next {
				var mine []scored
				n := 0
				err := db.eachInputEntry(ctx, db.read, agencyID, from<<ipasnBlockShift, (from+step)<<ipasnBlockShift, func(e *inputEntry) error {
					e.input(&in)
					t.ComputeInto(&r, &in, on)
					if fp := r.Fingerprint(); fp != e.hash {
						mine = append(mine, scored{e.id, r.Clone(), fp})
					}
					n++
					return nil
				})
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				mu.Lock()
				changed = append(changed, mine...)
				progress("score", int(done.Add(int64(n))), total) // under the lock: progress need not be safe for concurrent use
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	res.Employees, res.Changed = int(done.Load()), len(changed)
	return changed, nil
}

// EachIPASNInput streams the stored IP ASN inputs of the agency with the
// fingerprint of each stored score, for the benchmark's in-memory baseline.
// in is reused for the next employee.
func (db *DB) EachIPASNInput(ctx context.Context, agencyID int64, fn func(employeeID int64, in *ipasn.Input, scoreHash int64) error) error {
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return err
	}
	var in ipasn.Input
	return translate("sqldb.EachIPASNInput", db.eachInputEntry(ctx, db.read, agencyID, math.MinInt64, math.MaxInt64, func(e *inputEntry) error {
		e.input(&in)
		return fn(e.id, &in, e.hash)
	}))
}

// eachInputEntry calls fn for the stored input of each employee with an ID
// in [from, to), block by block (an employee's ID in the block's range).
// The entry is reused for the next employee.
func (db *DB) eachInputEntry(ctx context.Context, q querier, agencyID, from, to int64, fn func(*inputEntry) error) error {
	rows, err := q.QueryContext(ctx, `SELECT inputs FROM ipasn_input_block WHERE agency_id = $1 AND block >= $2 AND block <= $3`,
		agencyID, blockOf(from), blockOf(to-1))
	if err != nil {
		return err
	}
	defer rows.Close()
	var data string
	var e inputEntry
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return err
		}
		for s := data; s != ""; {
			if s, err = nextEntry(s, &e); err != nil {
				return err
			}
			if e.id < from || e.id >= to {
				continue
			}
			if err := fn(&e); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// writeScores stores the changed scores, a few hundred rows per statement,
// and their fingerprints in the input blocks. A recompute that refreshed an
// input after this one read it may see its newer score overwritten; the
// fingerprint stored is then the older score's, so the next recompute
// writes the newer one again.
func (tx *Tx) writeScores(ctx context.Context, agencyID int64, on merit.Date, changed []scored, progress ipasnProgress) error {
	if err := tx.lockIPASN(ctx, agencyID); err != nil {
		return err
	}
	put := tx.rows(`INSERT INTO ipasn_score (agency_id, employee_id, version, measured_on, kualifikasi,
		kompetensi, kinerja, disiplin, total, category, reasons, computed_at) VALUES `, `
		ON CONFLICT (agency_id, employee_id) DO UPDATE SET version = excluded.version, measured_on = excluded.measured_on,
		kualifikasi = excluded.kualifikasi, kompetensi = excluded.kompetensi, kinerja = excluded.kinerja,
		disiplin = excluded.disiplin, total = excluded.total, category = excluded.category, reasons = excluded.reasons,
		computed_at = excluded.computed_at`, 12, ipasnWriteRows)
	blocks := tx.putBlocks()
	slices.SortFunc(changed, func(a, b scored) int { return cmpInt(a.id, b.id) })
	for i := 0; i < len(changed); {
		block := blockOf(changed[i].id)
		entries, err := tx.readBlock(ctx, agencyID, block)
		if err != nil {
			return err
		}
		for ; i < len(changed) && blockOf(changed[i].id) == block; i++ {
			c := &changed[i]
			j, found := slices.BinarySearchFunc(entries, c.id, func(x inputEntry, id int64) int { return cmpInt(x.id, id) })
			if !found {
				continue // deleted meanwhile
			}
			entries[j].hash = c.fp
			reasons, err := json.Marshal(c.res.Scores)
			if err != nil {
				return err
			}
			r := &c.res
			if err := put.add(ctx, agencyID, c.id, r.Version, on, r.Scores[0].Points, r.Scores[1].Points,
				r.Scores[2].Points, r.Scores[3].Points, r.Total, r.Category, string(reasons), tx.now); err != nil {
				return err
			}
			if (i+1)%10000 == 0 {
				progress("write", i+1, len(changed))
			}
		}
		if err := blocks.add(ctx, agencyID, block, len(entries), encodeBlock(entries)); err != nil {
			return err
		}
	}
	if err := put.flush(ctx); err != nil {
		return err
	}
	if err := blocks.flush(ctx); err != nil {
		return err
	}
	progress("write", len(changed), len(changed))
	return nil
}

// IPASNOfficial is an employee's IP ASN as SIASN publishes it (nilaiIpAsn).
type IPASNOfficial struct {
	EmployeeID  int64        `json:"employeeId"`
	Year        int          `json:"year"`
	Kualifikasi ipasn.Points `json:"kualifikasi"`
	Kompetensi  ipasn.Points `json:"kompetensi"`
	Kinerja     ipasn.Points `json:"kinerja"`
	Disiplin    ipasn.Points `json:"disiplin"`
	Total       ipasn.Points `json:"total"`
}

// EmployeeIPASN is what the profile shows: the IP ASN computed now from the
// registry and the SKP, and SIASN's official value when imported.
type EmployeeIPASN struct {
	Result   ipasn.Result   `json:"result"`
	Official *IPASNOfficial `json:"official,omitempty"`
}

// authorizeIPASN lets through who may read performance in the agency, and
// an employee for his own record (self-service).
func authorizeIPASN(ctx context.Context, agencyID, employeeID int64) error {
	err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID)
	if merit.KindOf(err) == merit.KindForbidden {
		return merit.AuthorizeEmployee(ctx, merit.PermRead, agencyID, employeeID)
	}
	return err
}

// EmployeeIPASN computes one employee's IP ASN on the date from the
// registry and SKP as they are now (so a new diklat or rating shows at once)
// and returns it with the official value. It needs performance read permission, or is
// the employee's own.
func (db *DB) EmployeeIPASN(ctx context.Context, agencyID, employeeID int64, t *ipasn.Table, on merit.Date) (*EmployeeIPASN, error) {
	const op = "sqldb.EmployeeIPASN"
	if err := authorizeIPASN(ctx, agencyID, employeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return nil, translate(op, err)
	}
	in, ok, err := loadInput(ctx, db.read, agencyID, employeeID, ref)
	if err != nil {
		return nil, translate(op, err)
	}
	if !ok {
		return nil, merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	out := &EmployeeIPASN{Result: t.Compute(in, on)}
	o := &IPASNOfficial{EmployeeID: employeeID}
	err = db.read.QueryRowContext(ctx, `SELECT year, kualifikasi, kompetensi, kinerja, disiplin, total FROM ipasn_official
		WHERE agency_id = $1 AND employee_id = $2`, agencyID, employeeID).Scan(&o.Year, &o.Kualifikasi, &o.Kompetensi,
		&o.Kinerja, &o.Disiplin, &o.Total)
	switch {
	case err == nil:
		out.Official = o
	case err != sql.ErrNoRows:
		return nil, translate(op, err)
	}
	return out, nil
}

// IPASNGroup is the IP ASN of a group of employees: a category, a unit or a
// jenis jabatan.
type IPASNGroup struct {
	Key     string       `json:"key"` // category code, unit ID or jenis jabatan code
	Name    string       `json:"name,omitempty"`
	Count   int          `json:"count"`
	Average ipasn.Points `json:"average"`
}

// IPASNSummary is an agency's IP ASN from the last recompute: the average
// (the instansi's IP, §3.4: the mean of its employees'), the distribution by
// category, unit and jenis jabatan, and how many official values differ.
type IPASNSummary struct {
	Version      string       `json:"version,omitempty"`
	MeasuredOn   merit.Date   `json:"measuredOn"`
	RecomputedAt time.Time    `json:"recomputedAt"`
	Employees    int          `json:"employees"`
	Average      ipasn.Points `json:"average"`
	Category     string       `json:"category,omitempty"` // of the average
	Categories   []IPASNGroup `json:"categories"`
	Units        []IPASNGroup `json:"units"`
	Jenis        []IPASNGroup `json:"jenis"`
	Official     int          `json:"official"`    // employees with an imported official value
	Differences  int          `json:"differences"` // of those, how many differ from ours
}

// mean returns sum/n in hundredths, rounded half up.
func mean(sum int64, n int) ipasn.Points {
	if n == 0 {
		return 0
	}
	return ipasn.Points((2*sum + int64(n)) / (2 * int64(n)))
}

// IPASNSummary returns the agency's IP ASN summary.
func (db *DB) IPASNSummary(ctx context.Context, agencyID int64) (*IPASNSummary, error) {
	const op = "sqldb.IPASNSummary"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return nil, err
	}
	s := &IPASNSummary{}
	err := db.read.QueryRowContext(ctx, `SELECT version, CAST(measured_on AS TEXT), recomputed_at FROM ipasn_state WHERE agency_id = $1`,
		agencyID).Scan(&s.Version, &s.MeasuredOn, &s.RecomputedAt)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return nil, translate(op, err)
	}
	s.Version, _, _ = strings.Cut(s.Version, "/") // the table, without the facts layout (inputVersion)
	group := func(q string) ([]IPASNGroup, int, int64, error) {
		rows, err := db.read.QueryContext(ctx, q, agencyID)
		if err != nil {
			return nil, 0, 0, err
		}
		defer rows.Close()
		var out []IPASNGroup
		n, sum := 0, int64(0)
		for rows.Next() {
			var g IPASNGroup
			var total int64
			if err := rows.Scan(&g.Key, &g.Count, &total); err != nil {
				return nil, 0, 0, err
			}
			g.Average = mean(total, g.Count)
			n, sum = n+g.Count, sum+total
			out = append(out, g)
		}
		return out, n, sum, rows.Err()
	}
	var sum int64
	if s.Categories, s.Employees, sum, err = group(`SELECT category, count(*), sum(total) FROM ipasn_score
		WHERE agency_id = $1 GROUP BY category`); err != nil {
		return nil, translate(op, err)
	}
	s.Average = mean(sum, s.Employees)
	if t := ipasn.TableByVersion(s.Version); t != nil && s.Employees > 0 {
		s.Category = t.Category(s.Average)
	}
	if s.Units, _, _, err = group(`SELECT CAST(COALESCE(e.unit_id, 0) AS TEXT), count(*), sum(s.total) FROM ipasn_score s
		JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
		WHERE s.agency_id = $1 GROUP BY e.unit_id ORDER BY sum(s.total) * 1.0 / count(*) DESC`); err != nil {
		return nil, translate(op, err)
	}
	units, err := findUnits(ctx, db.read, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	names := map[string]string{}
	for _, u := range units {
		names[strconv.FormatInt(u.ID, 10)] = u.Name
	}
	for i := range s.Units {
		s.Units[i].Name = names[s.Units[i].Key]
	}
	if s.Jenis, _, _, err = group(`SELECT COALESCE(p.jenis, ''), count(*), sum(s.total) FROM ipasn_score s
		JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE s.agency_id = $1 GROUP BY p.jenis ORDER BY count(*) DESC`); err != nil {
		return nil, translate(op, err)
	}
	err = db.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN `+ipasnDiffers+` THEN 1 ELSE 0 END), 0)
		FROM ipasn_official o LEFT JOIN ipasn_score s ON s.agency_id = o.agency_id AND s.employee_id = o.employee_id
		WHERE o.agency_id = $1`, agencyID).Scan(&s.Official, &s.Differences)
	return s, translate(op, err)
}

// ipasnDiffers is the SQL condition: our score (s) differs from the official
// one (o) in any dimension, or we have none.
const ipasnDiffers = `(s.employee_id IS NULL OR s.kualifikasi <> o.kualifikasi OR s.kompetensi <> o.kompetensi
	OR s.kinerja <> o.kinerja OR s.disiplin <> o.disiplin OR s.total <> o.total)`

// IPASNDifference is one employee whose official IP ASN differs from ours.
type IPASNDifference struct {
	EmployeeID int64          `json:"employeeId"`
	NIP        string         `json:"nip"`
	Name       string         `json:"name"`
	Official   IPASNOfficial  `json:"official"`
	Ours       *IPASNOfficial `json:"ours,omitempty"` // our stored score in the same shape; nil when not computed
	Category   string         `json:"category,omitempty"`
}

// IPASNDifferences lists up to limit employees whose official IP ASN
// differs from our last computed one, the largest total difference first.
func (db *DB) IPASNDifferences(ctx context.Context, agencyID int64, limit int) ([]*IPASNDifference, error) {
	const op = "sqldb.IPASNDifferences"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.nip, e.name, o.year, o.kualifikasi, o.kompetensi, o.kinerja,
		o.disiplin, o.total, s.kualifikasi, s.kompetensi, s.kinerja, s.disiplin, s.total, COALESCE(s.category, '')
		FROM ipasn_official o JOIN employee e ON e.agency_id = o.agency_id AND e.id = o.employee_id
		LEFT JOIN ipasn_score s ON s.agency_id = o.agency_id AND s.employee_id = o.employee_id
		WHERE o.agency_id = $1 AND `+ipasnDiffers+`
		ORDER BY abs(COALESCE(s.total, 0) - o.total) DESC, e.name, e.id LIMIT $2`, agencyID, limit)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*IPASNDifference
	for rows.Next() {
		d := &IPASNDifference{}
		o := &d.Official
		var k1, k2, k3, k4, tot sql.NullInt64
		if err := rows.Scan(&d.EmployeeID, &d.NIP, &d.Name, &o.Year, &o.Kualifikasi, &o.Kompetensi, &o.Kinerja, &o.Disiplin,
			&o.Total, &k1, &k2, &k3, &k4, &tot, &d.Category); err != nil {
			return nil, translate(op, err)
		}
		o.EmployeeID = d.EmployeeID
		if tot.Valid {
			d.Ours = &IPASNOfficial{EmployeeID: d.EmployeeID, Kualifikasi: ipasn.Points(k1.Int64), Kompetensi: ipasn.Points(k2.Int64),
				Kinerja: ipasn.Points(k3.Int64), Disiplin: ipasn.Points(k4.Int64), Total: ipasn.Points(tot.Int64)}
		}
		out = append(out, d)
	}
	return out, translate(op, rows.Err())
}

// OfficialRow is one row of an official IP ASN import: the NIP it names and
// its spreadsheet row, for error reports.
type OfficialRow struct {
	Row int
	NIP string
	IPASNOfficial
}

// ImportIPASNOfficial stores official IP ASN values, all or nothing: a NIP
// not in the agency rejects the import with field errors naming the rows
// (Field is the row number). With dryRun it checks and rolls back. It
// returns how many values it stored.
func (db *DB) ImportIPASNOfficial(ctx context.Context, agencyID int64, rows []OfficialRow, dryRun bool) (int, error) {
	const op = "sqldb.ImportIPASNOfficial"
	if err := merit.Authorize(ctx, merit.PermPerformanceWrite, agencyID); err != nil {
		return 0, err
	}
	n := 0
	err := db.writeTx(ctx, func(tx *Tx) error {
		var missing []merit.FieldError
		for i := range rows {
			r := &rows[i]
			err := tx.QueryRowContext(ctx, `SELECT id FROM employee WHERE agency_id = $1 AND nip = $2`, agencyID, r.NIP).Scan(&r.EmployeeID)
			if err == sql.ErrNoRows {
				missing = append(missing, merit.FieldError{Field: strconv.Itoa(r.Row), Code: "ipasn.import.nip_unknown", Value: r.NIP})
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO ipasn_official (agency_id, employee_id, year, kualifikasi, kompetensi,
				kinerja, disiplin, total, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
				ON CONFLICT (agency_id, employee_id) DO UPDATE SET year = excluded.year, kualifikasi = excluded.kualifikasi,
				kompetensi = excluded.kompetensi, kinerja = excluded.kinerja, disiplin = excluded.disiplin,
				total = excluded.total, imported_at = excluded.imported_at`,
				agencyID, r.EmployeeID, r.Year, r.Kualifikasi, r.Kompetensi, r.Kinerja, r.Disiplin, r.Total, tx.now); err != nil {
				return err
			}
			n++
		}
		if len(missing) > 0 {
			return merit.Invalid(op, missing...)
		}
		if err := tx.audit(ctx, agencyID, merit.AuditImport, "ipasn_official", 0, nil, map[string]int{"rows": n}); err != nil {
			return err
		}
		if dryRun {
			return ErrRollback
		}
		return nil
	})
	if err == ErrRollback {
		err = nil
	}
	if err != nil {
		return 0, translate(op, err)
	}
	return n, nil
}
