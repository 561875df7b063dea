package sqldb

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/succession"
)

// PoolRule returns the agency's talent-pool rule, or the default (boxes
// 7, 8, 9) when it never set one.
func (db *DB) PoolRule(ctx context.Context, agencyID int64) (*succession.Pool, error) {
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	p, err := poolRule(ctx, db.read, agencyID)
	return p, translate("sqldb.PoolRule", err)
}

func poolRule(ctx context.Context, q querier, agencyID int64) (*succession.Pool, error) {
	p := &succession.Pool{AgencyID: agencyID, Boxes: slices.Clone(succession.DefaultPoolBoxes)}
	var boxes string
	err := q.QueryRowContext(ctx, `SELECT boxes FROM talent_pool_rule WHERE agency_id = $1`, agencyID).Scan(&boxes)
	if err == sql.ErrNoRows {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	p.Boxes = p.Boxes[:0]
	for _, s := range strings.Split(boxes, ",") {
		b, err := strconv.Atoi(s)
		if err != nil {
			return nil, err
		}
		p.Boxes = append(p.Boxes, b)
	}
	return p, nil
}

// SetPoolRule sets the boxes of the agency's talent pool.
func (db *DB) SetPoolRule(ctx context.Context, p *succession.Pool) error {
	const op = "sqldb.SetPoolRule"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, p.AgencyID); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	boxes := make([]string, len(p.Boxes))
	for i, b := range p.Boxes {
		boxes[i] = strconv.Itoa(b)
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := poolRule(ctx, tx, p.AgencyID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_pool_rule (agency_id, boxes, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (agency_id) DO UPDATE SET boxes = excluded.boxes, updated_at = excluded.updated_at`,
			p.AgencyID, strings.Join(boxes, ","), tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, p.AgencyID, merit.AuditUpdate, "talent_pool_rule", p.AgencyID, old, p)
	}))
}

// CriticalPosition is one critical position as its list and its succession
// plan show it: the position, why it is critical, its incumbent's
// retirement (the TMT pensiun from the birth date and the position's BUP;
// the birth date itself is not given, it is personal data) and its
// successors' count.
type CriticalPosition struct {
	Position *merit.Position     `json:"position"`
	UnitName string              `json:"unitName"`
	Critical succession.Critical `json:"critical"` // Reasons empty: flagged without reasons (e.g. imported)
	// The incumbent (the employee holding the position; the one retiring
	// first when several do), 0 when the position is vacant.
	IncumbentID   int64      `json:"incumbentId,omitempty"`
	IncumbentName string     `json:"incumbentName,omitempty"`
	RetirementAge int        `json:"retirementAge"`
	RetireOn      merit.Date `json:"retireOn"`
	Retiring      bool       `json:"retiring"` // retires within two years
	Candidates    int        `json:"candidates"`
	ReadyNow      int        `json:"readyNow"`
}

// Status is the position's input to bench strength.
func (c *CriticalPosition) Status() succession.Status {
	return succession.Status{Candidates: c.Candidates, ReadyNow: c.ReadyNow, Retiring: c.Retiring}
}

// FindCriticalPositions returns the agency's critical positions (those
// flagged position.critical), by unit and name, with reasons, incumbent,
// retirement and successor counts; positionID != 0 returns that one only.
func (db *DB) FindCriticalPositions(ctx context.Context, agencyID int64) ([]*CriticalPosition, error) {
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	out, err := findCritical(ctx, db.read, agencyID, 0, merit.DateOf(db.Now()))
	return out, translate("sqldb.FindCriticalPositions", err)
}

func findCritical(ctx context.Context, q querier, agencyID, positionID int64, today merit.Date) ([]*CriticalPosition, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.unit_id, p.name, p.jenis, p.jenjang, p.kelas_jabatan, u.name,
			COALESCE(c.reasons, ''), COALESCE(c.note, ''), c.flagged_at, COALESCE(c.flagged_by, '')
		FROM position p JOIN unit u ON u.agency_id = p.agency_id AND u.id = p.unit_id
		LEFT JOIN critical_position c ON c.agency_id = p.agency_id AND c.position_id = p.id
		WHERE p.agency_id = $1 AND p.critical AND ($2 = 0 OR p.id = $2) ORDER BY u.name, p.name, p.id`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	var out []*CriticalPosition
	byID := map[int64]*CriticalPosition{}
	for rows.Next() {
		c := &CriticalPosition{Position: &merit.Position{AgencyID: agencyID, Critical: true}}
		var reasons string
		var at sql.NullTime
		p := c.Position
		if err := rows.Scan(&p.ID, &p.UnitID, &p.Name, &p.Jenis, &p.Jenjang, &p.KelasJabatan, &c.UnitName,
			&reasons, &c.Critical.Note, &at, &c.Critical.FlaggedBy); err != nil {
			rows.Close()
			return nil, err
		}
		c.Critical.AgencyID, c.Critical.PositionID, c.Critical.FlaggedAt = agencyID, p.ID, at.Time
		c.Critical.Reasons = []succession.Reason{}
		for _, r := range strings.Split(reasons, ",") {
			if r != "" {
				c.Critical.Reasons = append(c.Critical.Reasons, succession.Reason(r))
			}
		}
		c.RetirementAge = succession.RetirementAge(p.Jenis, p.Jenjang)
		out = append(out, c)
		byID[p.ID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT e.id, e.name, e.gelar_depan, e.gelar_belakang, e.birth_date, e.position_id
		FROM employee e JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND p.critical AND ($2 = 0 OR p.id = $2) ORDER BY e.id`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		e := &merit.Employee{}
		var pos int64
		if err := rows.Scan(&e.ID, &e.Name, &e.GelarDepan, &e.GelarBelakang, &e.BirthDate, &pos); err != nil {
			rows.Close()
			return nil, err
		}
		c := byID[pos]
		retire := succession.RetirementDate(e.BirthDate, c.RetirementAge)
		if c.IncumbentID == 0 || retire.Before(c.RetireOn) {
			c.IncumbentID, c.IncumbentName, c.RetireOn = e.ID, e.FullName(), retire
			c.Retiring = succession.RetiresSoon(retire, today)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT s.position_id, s.readiness, count(*) FROM succession_candidate s
		JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
		WHERE s.agency_id = $1 AND ($2 = 0 OR s.position_id = $2) GROUP BY s.position_id, s.readiness`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pos int64
		var readiness string
		var n int
		if err := rows.Scan(&pos, &readiness, &n); err != nil {
			return nil, err
		}
		if c := byID[pos]; c != nil {
			c.Candidates += n
			if succession.Readiness(readiness) == succession.ReadyNow {
				c.ReadyNow += n
			}
		}
	}
	return out, rows.Err()
}

// BenchStrength returns the agency's bench strength over its critical
// positions, and those positions (for the dashboard's lists).
func (db *DB) BenchStrength(ctx context.Context, agencyID int64) (succession.Bench, []*CriticalPosition, error) {
	cs, err := db.FindCriticalPositions(ctx, agencyID)
	if err != nil {
		return succession.Bench{}, nil, err
	}
	ss := make([]succession.Status, len(cs))
	for i, c := range cs {
		ss[i] = c.Status()
	}
	return succession.BenchStrength(ss), cs, nil
}

// FlagCritical marks a position critical with the reasons checked, or
// changes the reasons of one already critical.
func (db *DB) FlagCritical(ctx context.Context, c *succession.Critical) error {
	const op = "sqldb.FlagCritical"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, c.AgencyID); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	reasons := make([]string, len(c.Reasons))
	for i, r := range c.Reasons {
		reasons[i] = string(r)
	}
	if a := merit.ActorFrom(ctx); a != nil {
		c.FlaggedBy = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE position SET critical = $3 WHERE agency_id = $1 AND id = $2`, c.AgencyID, c.PositionID, true)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return merit.Invalid(op, merit.FieldError{Field: "positionId", Code: "err.not_found", Value: strconv.FormatInt(c.PositionID, 10)})
		}
		old, err := findCritical(ctx, tx, c.AgencyID, c.PositionID, merit.DateOf(tx.now))
		if err != nil {
			return err
		}
		c.FlaggedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO critical_position (agency_id, position_id, reasons, note, flagged_at, flagged_by)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id, position_id) DO UPDATE
			SET reasons = excluded.reasons, note = excluded.note, flagged_at = excluded.flagged_at, flagged_by = excluded.flagged_by`,
			c.AgencyID, c.PositionID, strings.Join(reasons, ","), c.Note, c.FlaggedAt, c.FlaggedBy); err != nil {
			return err
		}
		var before any
		if len(old) == 1 && len(old[0].Critical.Reasons) > 0 {
			before = old[0].Critical
		}
		return tx.audit(ctx, c.AgencyID, merit.AuditUpdate, "critical_position", c.PositionID, before, c)
	}))
}

// UnflagCritical ends a position's critical status: its reasons and its
// succession plan are removed (the plan is kept in the audit trail).
func (db *DB) UnflagCritical(ctx context.Context, agencyID, positionID int64) error {
	const op = "sqldb.UnflagCritical"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := findCritical(ctx, tx, agencyID, positionID, merit.DateOf(tx.now))
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		cands, err := candidates(ctx, tx, agencyID, positionID)
		if err != nil {
			return err
		}
		for _, stmt := range []string{
			`DELETE FROM succession_candidate WHERE agency_id = $1 AND position_id = $2`,
			`DELETE FROM critical_position WHERE agency_id = $1 AND position_id = $2`,
			`UPDATE position SET critical = FALSE WHERE agency_id = $1 AND id = $2`,
		} {
			if _, err := tx.ExecContext(ctx, stmt, agencyID, positionID); err != nil {
				return err
			}
		}
		before := struct {
			Critical   succession.Critical     `json:"critical"`
			Candidates []*succession.Candidate `json:"candidates,omitempty"`
		}{old[0].Critical, cands}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "critical_position", positionID, before, nil)
	}))
}

// candidates reads a plan's candidates in rank order, with name, NIP,
// current position and linked plan; Box and JPM are left to the caller.
func candidates(ctx context.Context, q querier, agencyID, positionID int64) ([]*succession.Candidate, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.employee_id, s.rank, s.readiness, s.plan_id, s.development, s.created_at,
			e.name, e.gelar_depan, e.gelar_belakang, e.nip, COALESCE(p.name, ''), COALESCE(d.goal, ''), COALESCE(d.year, 0)
		FROM succession_candidate s JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		LEFT JOIN development_plan d ON d.agency_id = s.agency_id AND d.id = s.plan_id AND d.employee_id = s.employee_id
		WHERE s.agency_id = $1 AND s.position_id = $2 ORDER BY s.rank, s.id`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*succession.Candidate
	for rows.Next() {
		c := &succession.Candidate{AgencyID: agencyID, PositionID: positionID}
		e := &merit.Employee{}
		if err := rows.Scan(&c.ID, &c.EmployeeID, &c.Rank, &c.Readiness, &c.PlanID, &c.Development, &c.CreatedAt,
			&e.Name, &e.GelarDepan, &e.GelarBelakang, &c.NIP, &c.PositionName, &c.PlanGoal, &c.PlanYear); err != nil {
			return nil, err
		}
		c.Name = e.FullName()
		out = append(out, c)
	}
	return out, rows.Err()
}

// SuccessionPlan is a critical position's succession plan: the position,
// its ranked candidates with their box, JPM against the position's
// standard and development plan, the talent pool to pick from, and whether
// the position may be filled through talent management now (regulations.md
// §1.6): Nominee when it may, FillErr saying why not otherwise.
type SuccessionPlan struct {
	Critical   *CriticalPosition       `json:"critical"`
	Candidates []*succession.Candidate `json:"candidates"`
	Pool       *succession.Pool        `json:"pool"`
	Talents    []*Talent               `json:"talents"`  // the pool's talents not yet candidates, best box first
	Standard   bool                    `json:"standard"` // the position has a competency standard (else no JPM)
	Merit      *succession.MeritResult `json:"meritResult,omitempty"`
	Nominee    *succession.Candidate   `json:"nominee,omitempty"`
	FillErr    error                   `json:"-"`
	// FillProblems are FillErr's reasons (empty when Nominee may be named).
	FillProblems []merit.FieldError `json:"fillProblems"`
	Fills        []*succession.Fill `json:"fills"`
}

// Talent is an employee of the talent pool: his box in the current
// placements.
type Talent struct {
	EmployeeID   int64  `json:"employeeId"`
	Name         string `json:"name"`
	NIP          string `json:"nip"`
	PositionName string `json:"positionName,omitempty"`
	Box          int    `json:"box"`
}
