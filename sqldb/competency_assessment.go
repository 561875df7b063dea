package sqldb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/competency"
)

const assessmentColumns = `a.agency_id, a.id, a.employee_id, e.name, e.nip, a.assessed_on, a.body, a.potential, a.recommendation, a.created_at
	FROM assessment a JOIN employee e ON e.agency_id = a.agency_id AND e.id = a.employee_id`

func scanAssessment(s scanner) (*competency.Assessment, error) {
	a := &competency.Assessment{}
	err := s.Scan(&a.AgencyID, &a.ID, &a.EmployeeID, &a.EmployeeName, &a.EmployeeNIP, &a.Date, &a.Body, &a.Potential,
		&a.Recommendation, &a.CreatedAt)
	return a, err
}

// assessmentLevels fills the levels of the given assessments (one query).
func assessmentLevels(ctx context.Context, q querier, agencyID int64, as []*competency.Assessment) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[int64]*competency.Assessment, len(as))
	args := []any{agencyID}
	var in strings.Builder
	for i, a := range as {
		byID[a.ID] = a
		a.Levels = []competency.Level{}
		if i > 0 {
			in.WriteString(", ")
		}
		args = append(args, a.ID)
		in.WriteString("$" + strconv.Itoa(len(args)))
	}
	rows, err := q.QueryContext(ctx, `SELECT assessment_id, competency_id, level FROM assessment_level
		WHERE agency_id = $1 AND assessment_id IN (`+in.String()+`) ORDER BY assessment_id, competency_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l competency.Level
		if err := rows.Scan(&id, &l.CompetencyID, &l.Level); err != nil {
			return err
		}
		byID[id].Levels = append(byID[id].Levels, l)
	}
	return rows.Err()
}

// validateAssessment checks the result against the agency's dictionary and
// that the employee is in the agency.
func (db *DB) validateAssessment(ctx context.Context, tx *Tx, a *competency.Assessment) error {
	known, err := knownCompetencies(ctx, tx, a.AgencyID)
	if err != nil {
		return err
	}
	if err := a.Validate(known, merit.DateOf(db.Now())); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM employee WHERE agency_id = $1 AND id = $2`, a.AgencyID, a.EmployeeID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return merit.Invalid("sqldb.validateAssessment", merit.FieldError{Field: "employeeId", Code: "err.not_found"})
	}
	// An operator limited to some units enters results of their employees only.
	return checkEmployeeScope(ctx, tx, merit.PermCompetencyWrite, a.AgencyID, a.EmployeeID)
}

// insertAssessmentHead is the INSERT of assessment rows up to its VALUES;
// a row has assessmentColumnCount values (assessmentArgs). A new row is not
// current: markCurrent decides once the employee's rows are written.
const insertAssessmentHead = `INSERT INTO assessment (agency_id, id, employee_id, assessed_on, body, potential, recommendation, current, created_at, packed_levels) VALUES `

const assessmentColumnCount = 10

// assessmentArgs are the values of a's row for insertAssessmentHead.
func assessmentArgs(a *competency.Assessment) []any {
	return []any{a.AgencyID, a.ID, a.EmployeeID, a.Date, a.Body, a.Potential, a.Recommendation, false, a.CreatedAt, packLevels(a.Levels)}
}

// packLevels packs levels as assessment.packed_levels holds them (migration
// 00020): the decimal competency_id*8 + level of each, comma separated, by
// competency ID, so a bulk read gets all of an assessment's levels in one
// column of one index (setPacked reads them).
func packLevels(levels []competency.Level) string {
	byID := func(x, y competency.Level) int { return cmp.Compare(x.CompetencyID, y.CompetencyID) }
	if !slices.IsSortedFunc(levels, byID) {
		levels = slices.SortedFunc(slices.Values(levels), byID)
	}
	b := make([]byte, 0, 4*len(levels))
	for i, l := range levels {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, l.CompetencyID<<levelBits|int64(l.Level), 10)
	}
	return string(b)
}

// insertAssessment writes a validated result with its levels; the caller
// records the audit entry (one per result, or one for a whole import).
// Its ID comes from ids (nil: reserved on its own).
func (tx *Tx) insertAssessment(ctx context.Context, a *competency.Assessment, ids *idBlock) error {
	id, err := ids.take(ctx, tx, "assessment")
	if err != nil {
		return err
	}
	a.ID, a.CreatedAt = id, tx.now
	if _, err := tx.ExecContext(ctx, valuesSQL(tx.db.engine, insertAssessmentHead, assessmentColumnCount, 1), assessmentArgs(a)...); err != nil {
		return err
	}
	if err := tx.insertLevels(ctx, a); err != nil {
		return err
	}
	return tx.markCurrent(ctx, a.AgencyID, []int64{a.EmployeeID})
}

// insertLevelHead is the INSERT of assessment_level rows up to its VALUES;
// a row has 4 values (agency, assessment, competency, level).
const insertLevelHead = `INSERT INTO assessment_level (agency_id, assessment_id, competency_id, level) VALUES `

func (tx *Tx) insertLevels(ctx context.Context, a *competency.Assessment) error {
	if len(a.Levels) == 0 {
		return nil
	}
	// One statement for all the levels (a handful to a few dozen rows).
	args := make([]any, 0, 4*len(a.Levels))
	for _, l := range a.Levels {
		args = append(args, a.AgencyID, a.ID, l.CompetencyID, l.Level)
	}
	_, err := tx.ExecContext(ctx, valuesSQL(tx.db.engine, insertLevelHead, 4, len(a.Levels)), args...)
	return err
}

// markCurrent sets assessment.current on each employee's newest assessment
// (by date, then ID) and clears it on the others, for currentEmployees
// employees a statement; only the rows whose mark changes are written. The
// test is "no newer assessment of the employee" rather than "the first by
// date and ID": SQLite ran that correlated ORDER BY ... LIMIT 1 by walking
// the agency's assessment_date index, every assessment of the agency for
// each row updated (8 s for a batch of 5,000).
func (tx *Tx) markCurrent(ctx context.Context, agencyID int64, employeeIDs []int64) error {
	for chunk := range slices.Chunk(employeeIDs, currentEmployees) {
		args := make([]any, 0, 1+len(chunk))
		args = append(args, agencyID)
		var in strings.Builder
		for i, id := range chunk {
			if i > 0 {
				in.WriteString(", ")
			}
			args = append(args, id)
			in.WriteString("$" + strconv.Itoa(len(args)))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessment SET current = NOT current
			WHERE agency_id = $1 AND employee_id IN (`+in.String()+`) AND current = EXISTS (SELECT 1 FROM assessment x
				WHERE x.agency_id = assessment.agency_id AND x.employee_id = assessment.employee_id
					AND (x.assessed_on, x.id) > (assessment.assessed_on, assessment.id))`, args...); err != nil {
			return fmt.Errorf("mark current assessments: %w", err)
		}
	}
	return nil
}

// currentEmployees is how many employees' current marks one UPDATE of
// markCurrent sets.
const currentEmployees = 500

// CreateAssessment stores an employee's assessment result.
func (db *DB) CreateAssessment(ctx context.Context, a *competency.Assessment) error {
	const op = "sqldb.CreateAssessment"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, a.AgencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := db.validateAssessment(ctx, tx, a); err != nil {
			return err
		}
		if err := tx.insertAssessment(ctx, a, nil); err != nil {
			return err
		}
		return tx.audit(ctx, a.AgencyID, merit.AuditCreate, "assessment", a.ID, nil, a)
	}))
}

// ImportAssessments stores many results in one transaction: all or
// nothing. A result with the same employee, date and body as a stored one is
// left alone and counted as unchanged, so importing a file twice changes
// nothing. Each result is validated again inside the transaction; dryRun
// validates and counts, then rolls back. It needs PermImport and
// PermCompetencyWrite.
func (db *DB) ImportAssessments(ctx context.Context, agencyID int64, as []*competency.Assessment, dryRun bool) (inserted, unchanged int, err error) {
	const op = "sqldb.ImportAssessments"
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return 0, 0, err
	}
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, agencyID); err != nil {
		return 0, 0, err
	}
	err = db.writeTx(ctx, func(tx *Tx) error {
		var ids idBlock
		for _, a := range as {
			a.AgencyID = agencyID
			if err := db.validateAssessment(ctx, tx, a); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assessment WHERE agency_id = $1 AND employee_id = $2 AND assessed_on = $3 AND body = $4`,
				agencyID, a.EmployeeID, a.Date, a.Body).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				unchanged++
				continue
			}
			if err := tx.insertAssessment(ctx, a, &ids); err != nil {
				return err
			}
			inserted++
		}
		if dryRun {
			return ErrRollback
		}
		return tx.audit(ctx, agencyID, merit.AuditImport, "assessment", 0, nil, map[string]int{"inserted": inserted, "unchanged": unchanged})
	})
	if errors.Is(err, ErrRollback) {
		err = nil
	}
	return inserted, unchanged, translate(op, err)
}

// UpdateAssessment replaces a result's fields and levels; its employee stays.
func (db *DB) UpdateAssessment(ctx context.Context, a *competency.Assessment) error {
	const op = "sqldb.UpdateAssessment"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, a.AgencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := assessmentByID(ctx, tx, a.AgencyID, a.ID)
		if err != nil {
			return err
		}
		a.EmployeeID, a.CreatedAt = old.EmployeeID, old.CreatedAt
		if err := db.validateAssessment(ctx, tx, a); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessment SET assessed_on = $3, body = $4, potential = $5, recommendation = $6, packed_levels = $7
			WHERE agency_id = $1 AND id = $2`, a.AgencyID, a.ID, a.Date, a.Body, a.Potential, a.Recommendation, packLevels(a.Levels)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assessment_level WHERE agency_id = $1 AND assessment_id = $2`, a.AgencyID, a.ID); err != nil {
			return err
		}
		if err := tx.insertLevels(ctx, a); err != nil {
			return err
		}
		if err := tx.markCurrent(ctx, a.AgencyID, []int64{a.EmployeeID}); err != nil {
			return err
		}
		return tx.audit(ctx, a.AgencyID, merit.AuditUpdate, "assessment", a.ID, old, a)
	}))
}

// DeleteAssessment removes a result; the employee's previous one becomes current.
func (db *DB) DeleteAssessment(ctx context.Context, agencyID, id int64) error {
	const op = "sqldb.DeleteAssessment"
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := assessmentByID(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if err := checkEmployeeScope(ctx, tx, merit.PermCompetencyWrite, agencyID, old.EmployeeID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assessment WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			return err
		}
		if err := tx.markCurrent(ctx, agencyID, []int64{old.EmployeeID}); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "assessment", id, old, nil)
	}))
}

func assessmentByID(ctx context.Context, q querier, agencyID, id int64) (*competency.Assessment, error) {
	a, err := scanAssessment(q.QueryRowContext(ctx, `SELECT `+assessmentColumns+` WHERE a.agency_id = $1 AND a.id = $2`, agencyID, id))
	if err != nil {
		return nil, err
	}
	return a, assessmentLevels(ctx, q, agencyID, []*competency.Assessment{a})
}

// FindAssessment returns one result with its levels.
func (db *DB) FindAssessment(ctx context.Context, agencyID, id int64) (*competency.Assessment, error) {
	const op = "sqldb.FindAssessment"
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, -1); err != nil {
		return nil, err
	}
	a, err := assessmentByID(ctx, db.read, agencyID, id)
	if err != nil {
		return nil, translate(op, err)
	}
	// An employee sees only his own results, a unit-limited reader those of
	// his units: check now that the owner is known.
	if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, a.EmployeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermCompetencyRead, agencyID, a.EmployeeID); err != nil {
		return nil, err
	}
	return a, nil
}

// AssessmentFilter selects assessment results: of one employee, or the
// agency's newest first, a page at a time.
type AssessmentFilter struct {
	EmployeeID int64
	Limit      int // default 50
	Offset     int
}

// FindAssessments returns results with their levels, newest first, and the
// total matching the filter. Without EmployeeID it needs PermCompetencyRead;
// an employee may list his own.
func (db *DB) FindAssessments(ctx context.Context, agencyID int64, f AssessmentFilter) ([]*competency.Assessment, int, error) {
	const op = "sqldb.FindAssessments"
	if f.EmployeeID != 0 {
		if err := authorizeCompetency(ctx, merit.PermCompetencyRead, agencyID, f.EmployeeID); err != nil {
			return nil, 0, err
		}
		if err := checkEmployeeScope(ctx, db.read, merit.PermCompetencyRead, agencyID, f.EmployeeID); err != nil {
			return nil, 0, err
		}
	} else if err := merit.Authorize(ctx, merit.PermCompetencyRead, agencyID); err != nil {
		return nil, 0, err
	}
	scope, err := scopeOf(ctx, db.read, merit.PermCompetencyRead, agencyID)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 50
	}
	where, args := ` WHERE a.agency_id = $1`, []any{agencyID}
	if f.EmployeeID != 0 {
		where += ` AND a.employee_id = $2`
		args = append(args, f.EmployeeID)
	}
	if scope != nil {
		// A unit-limited reader lists the results of his units' employees.
		where += ` AND e.unit_id IN (0`
		for _, u := range scope.ids() {
			args = append(args, u)
			where += `, $` + strconv.Itoa(len(args))
		}
		where += `)`
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM assessment a JOIN employee e ON e.agency_id = a.agency_id AND e.id = a.employee_id`+where, args...).Scan(&total); err != nil {
		return nil, 0, translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+assessmentColumns+where+` ORDER BY a.assessed_on DESC, a.id DESC LIMIT `+
		strconv.Itoa(f.Limit)+` OFFSET `+strconv.Itoa(f.Offset), args...)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	defer rows.Close()
	var out []*competency.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, 0, translate(op, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(op, err)
	}
	rows.Close()
	return out, total, translate(op, assessmentLevels(ctx, db.read, agencyID, out))
}
