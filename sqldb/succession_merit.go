package sqldb

import (
	"context"
	"database/sql"

	"merit"
	"merit/succession"
)

// SaveMeritResult records the agency's official merit-system result of a
// year (as the KASN/BKN decision states it), replacing that year's if one
// was entered. Entering it is the agency admin's act (PermManageUsers, the
// permission only admins hold) until the merit evaluation of issue 7
// records results itself.
func (db *DB) SaveMeritResult(ctx context.Context, m *succession.MeritResult) error {
	const op = "sqldb.SaveMeritResult"
	if err := merit.Authorize(ctx, merit.PermManageUsers, m.AgencyID); err != nil {
		return err
	}
	if err := m.Validate(merit.DateOf(db.Now())); err != nil {
		return err
	}
	if a := merit.ActorFrom(ctx); a != nil {
		m.CreatedBy = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error { return tx.saveMeritResult(ctx, m) }))
}

// saveMeritResult records a validated merit result in the transaction,
// replacing that year's, with its audit entry: the agency admin's entry
// above and the merit evaluation's penetapan (sqldb/evaluation_assessment.go)
// both write through it.
func (tx *Tx) saveMeritResult(ctx context.Context, m *succession.MeritResult) error {
	results, err := findMeritResults(ctx, tx, m.AgencyID)
	if err != nil {
		return err
	}
	m.CreatedAt = tx.now
	for _, old := range results {
		if old.Year != m.Year {
			continue
		}
		m.ID = old.ID
		if _, err := tx.ExecContext(ctx, `UPDATE merit_result SET score = $3, category = $4, decree = $5, decided_on = $6,
			source = $7, created_at = $8, created_by = $9 WHERE agency_id = $1 AND id = $2`,
			m.AgencyID, m.ID, m.Score, m.Category, m.Decree, m.DecidedOn, m.Source, m.CreatedAt, m.CreatedBy); err != nil {
			return err
		}
		return tx.audit(ctx, m.AgencyID, merit.AuditUpdate, "merit_result", m.ID, old, m)
	}
	if m.ID, err = tx.nextID(ctx, "merit_result"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO merit_result (agency_id, id, year, score, category, decree, decided_on, source, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, m.AgencyID, m.ID, m.Year, m.Score, m.Category, m.Decree, m.DecidedOn,
		m.Source, m.CreatedAt, m.CreatedBy); err != nil {
		return err
	}
	return tx.audit(ctx, m.AgencyID, merit.AuditCreate, "merit_result", m.ID, nil, m)
}

// FindMeritResults returns the agency's merit results, newest year first.
func (db *DB) FindMeritResults(ctx context.Context, agencyID int64) ([]*succession.MeritResult, error) {
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	out, err := findMeritResults(ctx, db.read, agencyID)
	return out, translate("sqldb.FindMeritResults", err)
}

func findMeritResults(ctx context.Context, q querier, agencyID int64) ([]*succession.MeritResult, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, year, score, category, decree, decided_on, source, created_at, created_by
		FROM merit_result WHERE agency_id = $1 ORDER BY year DESC`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*succession.MeritResult{}
	for rows.Next() {
		m := &succession.MeritResult{AgencyID: agencyID}
		if err := rows.Scan(&m.ID, &m.Year, &m.Score, &m.Category, &m.Decree, &m.DecidedOn, &m.Source, &m.CreatedAt, &m.CreatedBy); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// latestMeritResult returns the newest result, or nil when none was entered.
func latestMeritResult(ctx context.Context, q querier, agencyID int64) (*succession.MeritResult, error) {
	rs, err := findMeritResults(ctx, q, agencyID)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return rs[0], nil
}

// FillJPT records the PPK's decision to fill a critical JPT position
// through talent management. It applies succession.CheckJPTFill to the plan
// as it stands in the transaction: a KindInvalid error says every reason it
// cannot be done (not a JPT, no merit result, a category below Baik or out
// of date, the rank-1 candidate not in box 9).
func (db *DB) FillJPT(ctx context.Context, agencyID, positionID int64) (*succession.Fill, error) {
	const op = "sqldb.FillJPT"
	if err := merit.Authorize(ctx, merit.PermTalentDecide, agencyID); err != nil {
		return nil, err
	}
	_, boxes, err := db.currentPlacements(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	f := &succession.Fill{AgencyID: agencyID, PositionID: positionID}
	if a := merit.ActorFrom(ctx); a != nil {
		f.DecidedBy = a.Username
	}
	err = db.writeTx(ctx, func(tx *Tx) error {
		crit, err := findCritical(ctx, tx, agencyID, positionID, merit.DateOf(tx.now))
		if err != nil {
			return err
		}
		if len(crit) == 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		cands, err := candidates(ctx, tx, agencyID, positionID)
		if err != nil {
			return err
		}
		for _, c := range cands {
			c.Box = boxes[c.EmployeeID]
		}
		result, err := latestMeritResult(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		nominee, err := succession.CheckJPTFill(crit[0].Position.Jenis, result, merit.DateOf(tx.now), cands)
		if err != nil {
			return err
		}
		if f.ID, err = tx.nextID(ctx, "succession_fill"); err != nil {
			return err
		}
		f.EmployeeID, f.MeritResultID, f.DecidedAt, f.Name = nominee.EmployeeID, result.ID, tx.now, nominee.Name
		if _, err := tx.ExecContext(ctx, `INSERT INTO succession_fill (agency_id, id, position_id, employee_id, merit_result_id, decided_at, decided_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, agencyID, f.ID, positionID, f.EmployeeID, f.MeritResultID, f.DecidedAt, f.DecidedBy); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "succession_fill", f.ID, nil, f)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return f, nil
}

// findFills reads the fillings decided for a position, newest first.
func findFills(ctx context.Context, q querier, agencyID, positionID int64) ([]*succession.Fill, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.id, f.employee_id, f.merit_result_id, f.decided_at, f.decided_by, COALESCE(e.name, '')
		FROM succession_fill f LEFT JOIN employee e ON e.agency_id = f.agency_id AND e.id = f.employee_id
		WHERE f.agency_id = $1 AND f.position_id = $2 ORDER BY f.decided_at DESC, f.id DESC`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*succession.Fill{}
	for rows.Next() {
		f := &succession.Fill{AgencyID: agencyID, PositionID: positionID}
		var name sql.NullString
		if err := rows.Scan(&f.ID, &f.EmployeeID, &f.MeritResultID, &f.DecidedAt, &f.DecidedBy, &name); err != nil {
			return nil, err
		}
		f.Name = name.String
		out = append(out, f)
	}
	return out, rows.Err()
}
