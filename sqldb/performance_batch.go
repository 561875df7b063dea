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
	counts   SKPCounts
}

// SKPEmployee is what a batch knows of an employee: his record and the JF
// jenjang of his current position ("" for other positions).
type SKPEmployee struct {
	ID      int64
	Name    string
	Jenjang string
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
		b := &SKPBatch{tx: tx, agencyID: agencyID, byNIP: map[uint64]SKPEmployee{}}
		var err error
		if b.raters, err = loadRaters(ctx, tx, agencyID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.nip, e.name, COALESCE(p.jenjang, '') FROM employee e
			LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id WHERE e.agency_id = $1`, agencyID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e SKPEmployee
			var text string
			if err := rows.Scan(&e.ID, &text, &e.Name, &e.Jenjang); err != nil {
				rows.Close()
				return err
			}
			if n, ok := nip.Number(text); ok {
				b.byNIP[n] = e
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := fn(b); err != nil {
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

// Save validates and stores one SKP of the agency (see SaveSKP) and returns
// what it did: Inserted, Updated or Unchanged. A validation error leaves the
// batch usable, so every row of a file can be checked.
func (b *SKPBatch) Save(ctx context.Context, s *performance.SKP) (Outcome, error) {
	s.AgencyID = b.agencyID
	// saveSKP validates before it writes anything, so a rejected row
	// leaves the transaction as it was.
	c, err := b.tx.saveSKP(ctx, b.raters, s, false)
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
