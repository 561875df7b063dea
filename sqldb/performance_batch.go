package sqldb

import (
	"context"
	"errors"

	"merit"
	"merit/nip"
	"merit/performance"
)

// SKPBatch writes many SKPs of one agency inside one transaction: the import
// of a results file, the demo data. Employees are found by NIP, so the same
// file imported again changes nothing.
type SKPBatch struct {
	tx       *Tx
	agencyID int64
	raters   *raters
	byNIP    map[uint64]SKPEmployee
	byID     map[int64]SKPEmployee
	all      []SKPEmployee
	stored   map[skpKey]*performance.SKP // the agency's SKPs, kept up to date by Save
	ids      idBlock
	pending  *rowWriter // SKPs not inserted yet
	counts   SKPCounts
}

// skpInsertRows is how many SKPs one INSERT of a batch writes: one
// round trip per row would make a demo agency's SKPs cost a minute on
// PostgreSQL.
const skpInsertRows = 200

// flush inserts the queued rows. It does nothing without a batch.
func (b *SKPBatch) flush(ctx context.Context) error {
	if b == nil {
		return nil
	}
	return b.pending.flush(ctx)
}

// skpKey names the one SKP of an employee, year and period.
type skpKey struct {
	employee int64
	year     int
	period   performance.Period
}

// remember records what was just written, so a later row of the batch for
// the same employee, year and period finds it. It does nothing without a batch.
func (b *SKPBatch) remember(s *performance.SKP) {
	if b != nil {
		c := *s
		b.stored[skpKey{s.EmployeeID, s.Year, s.Period}] = &c
	}
}

// SKPEmployee is what a batch knows of an employee: his record and the JF
// jenjang of his current position ("" for other positions).
type SKPEmployee struct {
	ID      int64
	UnitID  int64
	NIP     string
	Name    string
	Jenjang string
	TMTCPNS merit.Date // when he entered service (TMT CPNS or PPPK)
}

// SKPCounts is what one SKPBatch wrote, recorded as its "import" audit entry.
type SKPCounts struct {
	Inserted  int `json:"inserted"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// SKPBatch runs fn with a batch writer for the agency in one write
// transaction; it needs PermImport and PermPerformanceWrite. If fn returns an
// error nothing is stored; ErrRollback does this and makes SKPBatch return
// nil (a dry run). Inserted SKPs get no audit entry of their own: the batch
// records one import entry with its counts, and an update entry with before
// and after for each SKP it changed (docs/decisions.md "Audit of imports").
func (db *DB) SKPBatch(ctx context.Context, agencyID int64, fn func(*SKPBatch) error) error {
	const op = "sqldb.SKPBatch"
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return err
	}
	if err := merit.Authorize(ctx, merit.PermPerformanceWrite, agencyID); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(tx *Tx) error {
		b := &SKPBatch{tx: tx, agencyID: agencyID, byNIP: map[uint64]SKPEmployee{}, byID: map[int64]SKPEmployee{},
			stored: map[skpKey]*performance.SKP{}, pending: tx.rows(insertSKPHead, "", skpColumnCount, skpInsertRows)}
		var err error
		if b.raters, err = loadRaters(ctx, tx, agencyID); err != nil {
			return err
		}
		if b.raters.scope, err = scopeOf(ctx, tx, merit.PermImport, agencyID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.id, COALESCE(e.unit_id, 0), e.nip, e.name, COALESCE(p.jenjang, ''), CAST(e.tmt_cpns AS TEXT) FROM employee e
			LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id WHERE e.agency_id = $1 ORDER BY e.id`, agencyID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e SKPEmployee
			if err := rows.Scan(&e.ID, &e.UnitID, &e.NIP, &e.Name, &e.Jenjang, &e.TMTCPNS); err != nil {
				rows.Close()
				return err
			}
			if n, ok := nip.Number(e.NIP); ok {
				b.byNIP[n] = e
			}
			b.all = append(b.all, e)
			b.byID[e.ID] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.agency_id = $1`, agencyID)
		if err != nil {
			return err
		}
		for rows.Next() {
			s, err := scanSKP(rows)
			if err != nil {
				rows.Close()
				return err
			}
			b.stored[skpKey{s.EmployeeID, s.Year, s.Period}] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		if err := b.flush(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditImport, "skp", 0, nil, b.counts)
	})
	if errors.Is(err, ErrRollback) {
		return nil
	}
	return translate(op, err)
}

// Employee finds an employee of the agency by NIP.
func (b *SKPBatch) Employee(nipText string) (SKPEmployee, bool) {
	n, ok := nip.Number(nipText)
	if !ok {
		return SKPEmployee{}, false
	}
	e, ok := b.byNIP[n]
	return e, ok
}

// Employees returns the agency's employees in ID order.
func (b *SKPBatch) Employees() []SKPEmployee { return b.all }

// Save validates and stores one SKP of the agency (see SaveSKP) and returns
// what it did: Inserted, Updated or Unchanged. A validation error leaves the
// batch usable, so every row of a file can be checked.
func (b *SKPBatch) Save(ctx context.Context, s *performance.SKP) (Outcome, error) {
	s.AgencyID = b.agencyID
	// saveSKP validates before it writes anything, so a rejected row
	// leaves the transaction as it was.
	c, err := b.tx.saveSKP(ctx, b.raters, s, false, b)
	if err != nil {
		return 0, err
	}
	switch c {
	case skpInserted:
		b.counts.Inserted++
		return Inserted, nil
	case skpUpdated:
		b.counts.Updated++
		return Updated, nil
	}
	b.counts.Unchanged++
	return Unchanged, nil
}

// Counts returns what the batch has written so far.
func (b *SKPBatch) Counts() SKPCounts { return b.counts }
