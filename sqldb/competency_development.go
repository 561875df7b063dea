package sqldb

import (
	"context"
	"encoding/json"

	"merit"
	"merit/competency"
)

// employeeExists reports KindNotFound unless the employee is in the agency.
func employeeExists(ctx context.Context, q querier, agencyID, employeeID int64, op string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	return nil
}

// CreateCoachingSession records a coaching or mentoring session.
func (db *DB) CreateCoachingSession(ctx context.Context, s *competency.CoachingSession) error {
	const op = "sqldb.CreateCoachingSession"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, s.AgencyID); err != nil {
		return err
	}
	if err := s.Validate(merit.DateOf(db.Now())); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := employeeExists(ctx, tx, s.AgencyID, s.EmployeeID, op); err != nil {
			return err
		}
		if err := checkEmployeeScope(ctx, tx, merit.PermCompetencyWrite, s.AgencyID, s.EmployeeID); err != nil {
			return err
		}
		if err := tx.insertSession(ctx, s); err != nil {
			return err
		}
		return tx.audit(ctx, s.AgencyID, merit.AuditCreate, "development_session", s.ID, nil, s)
	}))
}

// insertSession writes a validated session and sets its ID.
func (tx *Tx) insertSession(ctx context.Context, s *competency.CoachingSession) error {
	id, err := tx.nextID(ctx, "development_session")
	if err != nil {
		return err
	}
	s.ID, s.CreatedAt = id, tx.now
	_, err = tx.ExecContext(ctx, `INSERT INTO development_session (agency_id, id, employee_id, kind, held_on, coach, topic, notes, hours, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, s.AgencyID, s.ID, s.EmployeeID, s.Kind, s.Date, s.Coach, s.Topic, s.Notes, s.Hours, s.CreatedAt)
	return err
}

// DeleteCoachingSession removes a session of the employee.
func (db *DB) DeleteCoachingSession(ctx context.Context, agencyID, employeeID, id int64) error {
	const op = "sqldb.DeleteCoachingSession"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := checkEmployeeScope(ctx, tx, merit.PermCompetencyWrite, agencyID, employeeID); err != nil {
			return err
		}
		sessions, err := findCoachingSessions(ctx, tx, agencyID, employeeID, id)
		if err != nil {
			return err
		}
		if len(sessions) == 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM development_session WHERE agency_id = $1 AND employee_id = $2 AND id = $3`, agencyID, employeeID, id); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "development_session", id, sessions[0], nil)
	}))
}

// FindCoachingSessions returns an employee's coaching and mentoring sessions, newest first.
func (db *DB) FindCoachingSessions(ctx context.Context, agencyID, employeeID int64) ([]*competency.CoachingSession, error) {
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	out, err := findCoachingSessions(ctx, db.read, agencyID, employeeID, 0)
	return out, translate("sqldb.FindCoachingSessions", err)
}

// findCoachingSessions reads the employee's sessions, or only session id when id != 0.
func findCoachingSessions(ctx context.Context, q querier, agencyID, employeeID, id int64) ([]*competency.CoachingSession, error) {
	rows, err := q.QueryContext(ctx, `SELECT agency_id, id, employee_id, kind, held_on, coach, topic, notes, hours, created_at
		FROM development_session WHERE agency_id = $1 AND employee_id = $2 AND ($3 = 0 OR id = $3) ORDER BY held_on DESC, id DESC`,
		agencyID, employeeID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*competency.CoachingSession
	for rows.Next() {
		s := &competency.CoachingSession{}
		if err := rows.Scan(&s.AgencyID, &s.ID, &s.EmployeeID, &s.Kind, &s.Date, &s.Coach, &s.Topic, &s.Notes, &s.Hours, &s.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SavePlan stores the employee's development plan for p.Year, replacing
// the plan of that year if there is one (one plan per employee and year).
func (db *DB) SavePlan(ctx context.Context, p *competency.Plan) error {
	const op = "sqldb.SavePlan"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, p.AgencyID); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	acts, err := json.Marshal(p.Activities)
	if err != nil {
		return translate(op, err)
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := employeeExists(ctx, tx, p.AgencyID, p.EmployeeID, op); err != nil {
			return err
		}
		if err := checkEmployeeScope(ctx, tx, merit.PermCompetencyWrite, p.AgencyID, p.EmployeeID); err != nil {
			return err
		}
		plans, err := findPlans(ctx, tx, p.AgencyID, p.EmployeeID)
		if err != nil {
			return err
		}
		for _, old := range plans {
			if old.Year != p.Year {
				continue
			}
			p.ID, p.CreatedAt = old.ID, old.CreatedAt
			if _, err := tx.ExecContext(ctx, `UPDATE development_plan SET goal = $3, activities = $4 WHERE agency_id = $1 AND id = $2`,
				p.AgencyID, p.ID, p.Goal, string(acts)); err != nil {
				return err
			}
			return tx.audit(ctx, p.AgencyID, merit.AuditUpdate, "development_plan", p.ID, old, p)
		}
		if err := tx.insertPlan(ctx, p, acts); err != nil {
			return err
		}
		return tx.audit(ctx, p.AgencyID, merit.AuditCreate, "development_plan", p.ID, nil, p)
	}))
}

// insertPlan writes a validated new plan (acts: its activities as JSON)
// and sets its ID.
func (tx *Tx) insertPlan(ctx context.Context, p *competency.Plan, acts []byte) error {
	var err error
	if p.ID, err = tx.nextID(ctx, "development_plan"); err != nil {
		return err
	}
	p.CreatedAt = tx.now
	_, err = tx.ExecContext(ctx, `INSERT INTO development_plan (agency_id, id, employee_id, year, goal, activities, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.AgencyID, p.ID, p.EmployeeID, p.Year, p.Goal, string(acts), p.CreatedAt)
	return err
}

// FindPlans returns an employee's development plans, newest year first.
func (db *DB) FindPlans(ctx context.Context, agencyID, employeeID int64) ([]*competency.Plan, error) {
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	out, err := findPlans(ctx, db.read, agencyID, employeeID)
	return out, translate("sqldb.FindPlans", err)
}

func findPlans(ctx context.Context, q querier, agencyID, employeeID int64) ([]*competency.Plan, error) {
	rows, err := q.QueryContext(ctx, `SELECT agency_id, id, employee_id, year, goal, activities, created_at
		FROM development_plan WHERE agency_id = $1 AND employee_id = $2 ORDER BY year DESC`, agencyID, employeeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*competency.Plan
	for rows.Next() {
		p := &competency.Plan{}
		var acts string
		if err := rows.Scan(&p.AgencyID, &p.ID, &p.EmployeeID, &p.Year, &p.Goal, &acts, &p.CreatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(acts), &p.Activities); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Development is everything the development tab shows for one employee and
// year: sessions, plans, the riwayat diklat and the JP progress.
type Development struct {
	Sessions []*competency.CoachingSession `json:"sessions"`
	Plans    []*competency.Plan            `json:"plans"`
	Diklat   []*merit.HistoryEntry         `json:"diklat"`
	Progress competency.JPProgress         `json:"progress"`
}

// EmployeeDevelopment gathers an employee's development records and the
// year's JP progress (competency.Progress).
func (db *DB) EmployeeDevelopment(ctx context.Context, agencyID, employeeID int64, year int) (*Development, error) {
	const op = "sqldb.EmployeeDevelopment"
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	if err := employeeExists(ctx, db.read, agencyID, employeeID, op); err != nil {
		return nil, translate(op, err)
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermCompetencyRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	d := &Development{}
	var err error
	if d.Sessions, err = findCoachingSessions(ctx, db.read, agencyID, employeeID, 0); err != nil {
		return nil, translate(op, err)
	}
	if d.Plans, err = findPlans(ctx, db.read, agencyID, employeeID); err != nil {
		return nil, translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+historyColumns+` FROM employee_history
		WHERE agency_id = $1 AND employee_id = $2 AND kind = $3 ORDER BY COALESCE(end_date, start_date) DESC, id DESC`, agencyID, employeeID, merit.HistDiklat)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		h, err := scanHistory(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		d.Diklat = append(d.Diklat, h)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	d.Progress = competency.Progress(year, d.Diklat, d.Sessions, d.Plans)
	return d, nil
}
