package sqldb

import (
	"context"

	"merit"
)

const historyColumns = `agency_id, id, employee_id, kind, ref, title, place, start_date, end_date, hours, doc_number, doc_date, created_at`

func scanHistory(s scanner) (*merit.HistoryEntry, error) {
	h := &merit.HistoryEntry{}
	err := s.Scan(&h.AgencyID, &h.ID, &h.EmployeeID, &h.Kind, &h.Ref, &h.Title, &h.Place, &h.Start, &h.End, &h.Hours,
		&h.DocNumber, &h.DocDate, &h.CreatedAt)
	return h, err
}

func (tx *Tx) insertHistory(ctx context.Context, h *merit.HistoryEntry) error {
	id, err := tx.nextID(ctx, "employee_history")
	if err != nil {
		return err
	}
	h.ID, h.CreatedAt = id, tx.now
	_, err = tx.ExecContext(ctx, insertHistorySQL, historyArgs(h)...)
	return err
}

// insertHistoryHead is the INSERT of history rows up to its VALUES; each row
// has historyColumnCount values (historyArgs).
const insertHistoryHead = `INSERT INTO employee_history (` + historyColumns + `) VALUES `

// historyColumnCount is how many values historyArgs gives per row.
const historyColumnCount = 13

// insertHistorySQL inserts one row, with numbered placeholders (both engines
// take them).
var insertHistorySQL = valuesSQL(Postgres, insertHistoryHead, historyColumnCount, 1)

func historyArgs(h *merit.HistoryEntry) []any {
	return []any{h.AgencyID, h.ID, h.EmployeeID, h.Kind, h.Ref, h.Title, h.Place, h.Start, h.End, h.Hours, h.DocNumber, h.DocDate, h.CreatedAt}
}

// validateHistory checks the entry and that its employee is in its agency.
func (db *DB) validateHistory(ctx context.Context, q querier, h *merit.HistoryEntry) error {
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := h.Validate(ref, merit.DateOf(db.Now())); err != nil {
		return err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM employee WHERE agency_id = $1 AND id = $2`, h.AgencyID, h.EmployeeID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return merit.Errorf(merit.KindNotFound, "sqldb.validateHistory", "err.not_found")
	}
	return checkEmployeeScope(ctx, q, merit.PermWrite, h.AgencyID, h.EmployeeID)
}

// CreateHistory adds an entry to an employee's history.
func (db *DB) CreateHistory(ctx context.Context, h *merit.HistoryEntry) error {
	const op = "sqldb.CreateHistory"
	if err := merit.Authorize(ctx, merit.PermWrite, h.AgencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := db.validateHistory(ctx, tx, h); err != nil {
			return err
		}
		if err := tx.insertHistory(ctx, h); err != nil {
			return err
		}
		return tx.audit(ctx, h.AgencyID, merit.AuditCreate, "history", h.ID, nil, h)
	}))
}

// UpdateHistory replaces an entry's fields; its kind and employee stay.
func (db *DB) UpdateHistory(ctx context.Context, h *merit.HistoryEntry) error {
	const op = "sqldb.UpdateHistory"
	if err := merit.Authorize(ctx, merit.PermWrite, h.AgencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := db.validateHistory(ctx, tx, h); err != nil {
			return err
		}
		old, err := historyByID(ctx, tx, h.AgencyID, h.EmployeeID, h.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE employee_history SET ref = $5, title = $6, place = $7, start_date = $8,
			end_date = $9, hours = $10, doc_number = $11, doc_date = $12
			WHERE agency_id = $1 AND id = $2 AND employee_id = $3 AND kind = $4`,
			h.AgencyID, h.ID, h.EmployeeID, h.Kind, h.Ref, h.Title, h.Place, h.Start, h.End, h.Hours, h.DocNumber, h.DocDate)
		if err != nil {
			return err
		}
		if err := mustAffect(res, op); err != nil {
			return err
		}
		h.CreatedAt = old.CreatedAt
		return tx.audit(ctx, h.AgencyID, merit.AuditUpdate, "history", h.ID, old, h)
	}))
}

// DeleteHistory removes an entry from an employee's history.
func (db *DB) DeleteHistory(ctx context.Context, agencyID, employeeID, id int64) error {
	const op = "sqldb.DeleteHistory"
	if err := merit.Authorize(ctx, merit.PermWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := checkEmployeeScope(ctx, tx, merit.PermWrite, agencyID, employeeID); err != nil {
			return err
		}
		old, err := historyByID(ctx, tx, agencyID, employeeID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM employee_history WHERE agency_id = $1 AND employee_id = $2 AND id = $3`, agencyID, employeeID, id); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "history", id, old, nil)
	}))
}

// historyByID reads one history entry of the employee.
func historyByID(ctx context.Context, q querier, agencyID, employeeID, id int64) (*merit.HistoryEntry, error) {
	return scanHistory(q.QueryRowContext(ctx, `SELECT `+historyColumns+` FROM employee_history WHERE agency_id = $1 AND employee_id = $2 AND id = $3`,
		agencyID, employeeID, id))
}

// FindHistory returns an employee's history entries, all kinds or one, newest
// first within each kind.
func (db *DB) FindHistory(ctx context.Context, agencyID, employeeID int64, kind string) ([]*merit.HistoryEntry, error) {
	const op = "sqldb.FindHistory"
	if err := merit.AuthorizeEmployee(ctx, merit.PermRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	q := `SELECT ` + historyColumns + ` FROM employee_history WHERE agency_id = $1 AND employee_id = $2`
	args := []any{agencyID, employeeID}
	if kind != "" {
		q += ` AND kind = $3`
		args = append(args, kind)
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY kind, COALESCE(start_date, end_date) DESC, id DESC`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.HistoryEntry
	for rows.Next() {
		h, err := scanHistory(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, h)
	}
	return out, translate(op, rows.Err())
}
