package sqldb

import (
	"context"
	"encoding/json"
	"slices"

	"merit"
	"merit/competency"
)

// authorizeCompetency lets through whoever holds perm in the agency and, for
// reading (perm PermCompetencyRead), the employee whose own record it is:
// employeeID is the record read, or -1 for agency-wide data every employee of
// the agency may see (the dictionary). Another employee's record is
// KindNotFound, as in merit.AuthorizeEmployee.
func authorizeCompetency(ctx context.Context, perm merit.Permission, agencyID, employeeID int64) error {
	err := merit.Authorize(ctx, perm, agencyID)
	if err == nil || merit.KindOf(err) != merit.KindForbidden || perm != merit.PermCompetencyRead {
		return err
	}
	for _, g := range merit.ActorFrom(ctx).Grants {
		if g.AgencyID == agencyID && g.Role == merit.RoleEmployee {
			if employeeID == -1 || g.EmployeeID == employeeID {
				return nil
			}
			return merit.Errorf(merit.KindNotFound, "sqldb.authorizeCompetency", "err.not_found")
		}
	}
	return err
}

// Competencies returns the dictionary an agency uses: the national
// managerial and socio-cultural competencies (seed data) followed by the
// agency's technical ones, each with its level descriptions.
func (db *DB) Competencies(ctx context.Context, agencyID int64) ([]*competency.Competency, error) {
	const op = "sqldb.Competencies"
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, -1); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, c.code, c.kind, c.name, c.definition, l.level, l.description
		FROM competency c JOIN competency_level l ON l.competency_id = c.id ORDER BY c.ordinal, c.id, l.level`)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*competency.Competency
	for rows.Next() {
		var c competency.Competency
		var level int
		var desc string
		if err := rows.Scan(&c.ID, &c.Code, &c.Kind, &c.Name, &c.Description, &level, &desc); err != nil {
			return nil, translate(op, err)
		}
		if len(out) == 0 || out[len(out)-1].ID != c.ID {
			out = append(out, &c)
		}
		last := out[len(out)-1]
		last.Levels = append(last.Levels, desc)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	rows.Close()
	tech, err := db.read.QueryContext(ctx, `SELECT id, code, name, description, levels FROM technical_competency
		WHERE agency_id = $1 ORDER BY name, id`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer tech.Close()
	for tech.Next() {
		c := &competency.Competency{AgencyID: agencyID, Kind: competency.KindTeknis}
		var levels string
		if err := tech.Scan(&c.ID, &c.Code, &c.Name, &c.Description, &levels); err != nil {
			return nil, translate(op, err)
		}
		if err := json.Unmarshal([]byte(levels), &c.Levels); err != nil {
			return nil, translate(op, err)
		}
		out = append(out, c)
	}
	return out, translate(op, tech.Err())
}

// SaveTechnicalCompetency creates (ID 0) or updates one of the agency's
// technical competencies.
func (db *DB) SaveTechnicalCompetency(ctx context.Context, c *competency.Competency) error {
	const op = "sqldb.SaveTechnicalCompetency"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, c.AgencyID); err != nil {
		return err
	}
	c.Kind = competency.KindTeknis
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Levels == nil {
		c.Levels = []string{}
	}
	levels, err := json.Marshal(c.Levels)
	if err != nil {
		return translate(op, err)
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if c.ID == 0 {
			if err := tx.insertTechnical(ctx, c, levels); err != nil {
				return err
			}
			return tx.audit(ctx, c.AgencyID, merit.AuditCreate, "competency", c.ID, nil, c)
		}
		old := &competency.Competency{AgencyID: c.AgencyID, ID: c.ID, Kind: competency.KindTeknis}
		var oldLevels string
		if err := tx.QueryRowContext(ctx, `SELECT code, name, description, levels FROM technical_competency WHERE agency_id = $1 AND id = $2`,
			c.AgencyID, c.ID).Scan(&old.Code, &old.Name, &old.Description, &oldLevels); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(oldLevels), &old.Levels); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE technical_competency SET code = $3, name = $4, description = $5, levels = $6
			WHERE agency_id = $1 AND id = $2`, c.AgencyID, c.ID, c.Code, c.Name, c.Description, string(levels)); err != nil {
			return err
		}
		return tx.audit(ctx, c.AgencyID, merit.AuditUpdate, "competency", c.ID, old, c)
	}))
}

// insertTechnical adds a validated technical competency (levels is its
// level descriptions as JSON) and sets its ID.
func (tx *Tx) insertTechnical(ctx context.Context, c *competency.Competency, levels []byte) error {
	var err error
	if c.ID, err = tx.nextID(ctx, "technical_competency"); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO technical_competency (agency_id, id, code, name, description, levels)
		VALUES ($1, $2, $3, $4, $5, $6)`, c.AgencyID, c.ID, c.Code, c.Name, c.Description, string(levels))
	return err
}

// knownCompetencies returns a test for "is this ID in the agency's
// dictionary", for validating standards and results.
func knownCompetencies(ctx context.Context, q querier, agencyID int64) (func(int64) bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM competency UNION ALL SELECT id FROM technical_competency WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return func(id int64) bool { _, ok := slices.BinarySearch(ids, id); return ok }, rows.Err()
}

// Standard returns the standard (SKJ) of a position; a position without one
// has no requirements.
func (db *DB) Standard(ctx context.Context, agencyID, positionID int64) (*competency.Standard, error) {
	const op = "sqldb.Standard"
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, -1); err != nil {
		return nil, err
	}
	s, err := standard(ctx, db.read, agencyID, positionID)
	return s, translate(op, err)
}

func standard(ctx context.Context, q querier, agencyID, positionID int64) (*competency.Standard, error) {
	rows, err := q.QueryContext(ctx, `SELECT competency_id, level FROM competency_standard
		WHERE agency_id = $1 AND position_id = $2 ORDER BY competency_id`, agencyID, positionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &competency.Standard{AgencyID: agencyID, PositionID: positionID, Requirements: []competency.Requirement{}}
	for rows.Next() {
		var r competency.Requirement
		if err := rows.Scan(&r.CompetencyID, &r.Level); err != nil {
			return nil, err
		}
		s.Requirements = append(s.Requirements, r)
	}
	return s, rows.Err()
}

// SaveStandard replaces the standard of a position with s.
func (db *DB) SaveStandard(ctx context.Context, s *competency.Standard) error {
	const op = "sqldb.SaveStandard"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, s.AgencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM position WHERE agency_id = $1 AND id = $2`, s.AgencyID, s.PositionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		known, err := knownCompetencies(ctx, tx, s.AgencyID)
		if err != nil {
			return err
		}
		if err := s.Validate(known); err != nil {
			return err
		}
		old, err := standard(ctx, tx, s.AgencyID, s.PositionID)
		if err != nil {
			return err
		}
		if err := tx.replaceStandard(ctx, s); err != nil {
			return err
		}
		return tx.audit(ctx, s.AgencyID, merit.AuditUpdate, "competency_standard", s.PositionID, old, s)
	}))
}

// replaceStandard writes a validated standard in place of the position's.
func (tx *Tx) replaceStandard(ctx context.Context, s *competency.Standard) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM competency_standard WHERE agency_id = $1 AND position_id = $2`, s.AgencyID, s.PositionID); err != nil {
		return err
	}
	for _, r := range s.Requirements {
		if _, err := tx.ExecContext(ctx, `INSERT INTO competency_standard (agency_id, position_id, competency_id, level) VALUES ($1, $2, $3, $4)`,
			s.AgencyID, s.PositionID, r.CompetencyID, r.Level); err != nil {
			return err
		}
	}
	return nil
}

// StandardCounts returns, per position ID, how many competencies its
// standard lists (positions without a standard are absent), for the
// standards page.
func (db *DB) StandardCounts(ctx context.Context, agencyID int64) (map[int64]int, error) {
	const op = "sqldb.StandardCounts"
	if err := merit.Authorize(ctx, merit.PermCompetencyRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT position_id, count(*) FROM competency_standard WHERE agency_id = $1 GROUP BY position_id`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, translate(op, err)
		}
		out[id] = n
	}
	return out, translate(op, rows.Err())
}

// JPMRule returns the agency's current JPM rule: its newest version, or
// competency.DefaultRule (version 0) when the agency never set one.
func (db *DB) JPMRule(ctx context.Context, agencyID int64) (competency.Rule, error) {
	rules, err := db.JPMRules(ctx, agencyID)
	if err != nil {
		return competency.Rule{}, err
	}
	return rules[0], nil
}

// JPMRules returns every version of the agency's JPM rule, newest first,
// ending with the built-in default (version 0).
func (db *DB) JPMRules(ctx context.Context, agencyID int64) ([]competency.Rule, error) {
	const op = "sqldb.JPMRules"
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, -1); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, meets_min, still_meets_min, basis, unverified, created_by
		FROM jpm_rule WHERE agency_id = $1 ORDER BY version DESC`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []competency.Rule
	for rows.Next() {
		var r competency.Rule
		if err := rows.Scan(&r.Version, &r.MeetsMin, &r.StillMeetsMin, &r.Basis, &r.Unverified, &r.CreatedBy); err != nil {
			return nil, translate(op, err)
		}
		out = append(out, r)
	}
	return append(out, competency.DefaultRule), translate(op, rows.Err())
}

// SetJPMRule stores r as the agency's next rule version (r.Version is set).
// Older versions stay, so a past result can be explained by its rule.
func (db *DB) SetJPMRule(ctx context.Context, agencyID int64, r *competency.Rule) error {
	const op = "sqldb.SetJPMRule"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, agencyID); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if a := merit.ActorFrom(ctx); a != nil {
		r.CreatedBy = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) + 1 FROM jpm_rule WHERE agency_id = $1`, agencyID).Scan(&r.Version); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jpm_rule (agency_id, version, meets_min, still_meets_min, basis, unverified, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, agencyID, r.Version, r.MeetsMin, r.StillMeetsMin, r.Basis, r.Unverified, r.CreatedBy, tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "jpm_rule", int64(r.Version), nil, r)
	}))
}

// CompetencyProfile is one employee's input to JPM against his current
// position, as streamed by EachCompetencyProfile: the levels the position's
// standard requires and the levels of the employee's current assessment,
// aligned index by index (competency.Align). Required is shared between the
// employees of one position and Actual is reused for the next employee:
// neither may be kept or changed after the callback returns.
type CompetencyProfile struct {
	AgencyID   int64
	EmployeeID int64
	PositionID int64 // 0 when the employee has no position
	Assessed   bool  // the employee has an assessment
	Required   []uint8
	Actual     []uint8
}

// EachCompetencyProfile streams the competency profile of every employee of
// the agency (agencyID 0: of every agency, agency by agency, each authorized)
// in employee ID order, the never assessed included (Assessed false, Actual
// all zero), for readers that need everyone in one goroutine (talent
// mapping). It runs two queries per agency, never one per employee: the
// standards of all positions, then the employees with the levels of their
// current assessment (assessment.current) in one join ordered by employee,
// merged in Go. Feed Required and Actual to competency.Rule.Match. For JPM
// in bulk use EachAssessedProfile: only the assessed have a JPM, and it
// reads a row per assessment instead of a row per employee and competency.
func (db *DB) EachCompetencyProfile(ctx context.Context, agencyID int64, fn func(*CompetencyProfile) error) error {
	const op = "sqldb.EachCompetencyProfile"
	return db.eachProfileAgency(ctx, op, agencyID, func(id int64, scope unitScope) error {
		return db.eachProfile(ctx, id, scope, fn)
	})
}

// eachProfileAgency runs each for the agency (agencyID 0: for every agency,
// in turn) after authorizing the read, with the reader's unit scope.
func (db *DB) eachProfileAgency(ctx context.Context, op string, agencyID int64, each func(agencyID int64, scope unitScope) error) error {
	ids := []int64{agencyID}
	if agencyID == 0 {
		agencies, err := db.FindAgencies(ctx)
		if err != nil {
			return err
		}
		ids = ids[:0]
		for _, a := range agencies {
			ids = append(ids, a.ID)
		}
	}
	for _, id := range ids {
		if err := merit.Authorize(ctx, merit.PermCompetencyRead, id); err != nil {
			return err
		}
		scope, err := scopeOf(ctx, db.read, merit.PermCompetencyRead, id)
		if err != nil {
			return translate(op, err)
		}
		if err := each(id, scope); err != nil {
			return translate(op, err)
		}
	}
	return nil
}

// positionStandard is a position's standard split for the merge: competency
// IDs and required levels, both ordered by competency ID.
type positionStandard struct {
	ids    []int64
	levels []uint8
}

// standards reads the standard of every position of the agency.
func (db *DB) standards(ctx context.Context, agencyID int64) (map[int64]*positionStandard, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT position_id, competency_id, level FROM competency_standard
		WHERE agency_id = $1 ORDER BY position_id, competency_id`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	standards := map[int64]*positionStandard{}
	for rows.Next() {
		var pos, comp int64
		var level uint8
		if err := rows.Scan(&pos, &comp, &level); err != nil {
			return nil, err
		}
		s := standards[pos]
		if s == nil {
			s = &positionStandard{}
			standards[pos] = s
		}
		s.ids, s.levels = append(s.ids, comp), append(s.levels, level)
	}
	return standards, rows.Err()
}

// start makes p the profile of an employee against s: Required is the
// standard's levels, Actual zeroed to the same length.
func (s *positionStandard) start(p *CompetencyProfile) {
	p.Required = s.levels
	p.Actual = slices.Grow(p.Actual[:0], len(s.levels))[:len(s.levels)]
	clear(p.Actual)
}

// set records an assessed level at the standard's place. A standard lists
// about ten competencies: a scan finds this level's place faster than a
// map, and needs no order from SQL (ordering the levels too would make
// SQLite sort the whole result). Levels the standard does not ask for are
// skipped.
func (s *positionStandard) set(p *CompetencyProfile, comp int64, level uint8) {
	if i := slices.Index(s.ids, comp); i >= 0 {
		p.Actual[i] = level
	}
}

func (db *DB) eachProfile(ctx context.Context, agencyID int64, scope unitScope, fn func(*CompetencyProfile) error) error {
	standards, err := db.standards(ctx, agencyID)
	if err != nil {
		return err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, COALESCE(e.position_id, 0), COALESCE(e.unit_id, 0), COALESCE(l.competency_id, 0), COALESCE(l.level, 0), a.id IS NOT NULL
		FROM employee e
		LEFT JOIN assessment a ON a.agency_id = e.agency_id AND a.employee_id = e.id AND a.current
		LEFT JOIN assessment_level l ON l.agency_id = a.agency_id AND l.assessment_id = a.id
		WHERE e.agency_id = $1 ORDER BY e.id`, agencyID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		p     = CompetencyProfile{AgencyID: agencyID}
		std   *positionStandard
		empty positionStandard
	)
	flush := func() error {
		if p.EmployeeID == 0 {
			return nil
		}
		return fn(&p)
	}
	for rows.Next() {
		var emp, pos, unit, comp int64
		var level uint8
		var assessed bool
		if err := rows.Scan(&emp, &pos, &unit, &comp, &level, &assessed); err != nil {
			return err
		}
		if !scope.has(unit) {
			continue // outside a unit-limited reader's units
		}
		if emp != p.EmployeeID {
			if err := flush(); err != nil {
				return err
			}
			if std = standards[pos]; std == nil {
				std = &empty
			}
			p.EmployeeID, p.PositionID, p.Assessed = emp, pos, assessed
			std.start(&p)
		}
		std.set(&p, comp, level)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}
