package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"merit"
	"merit/competency"
	"merit/performance"
	"merit/talent"
)

// TalentRuleSet returns version v of the agency's talent rule set; version 0
// is the built-in talent.Default.
func (db *DB) TalentRuleSet(ctx context.Context, agencyID int64, v int) (*talent.RuleSet, error) {
	const op = "sqldb.TalentRuleSet"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	r, err := talentRuleSet(ctx, db.read, agencyID, v)
	return r, translate(op, err)
}

func talentRuleSet(ctx context.Context, q querier, agencyID int64, v int) (*talent.RuleSet, error) {
	if v == 0 {
		r := talent.Default
		return &r, nil
	}
	var text string
	if err := q.QueryRowContext(ctx, `SELECT rules FROM talent_rule WHERE agency_id = $1 AND version = $2`, agencyID, v).Scan(&text); err != nil {
		return nil, err
	}
	var r talent.RuleSet
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		return nil, fmt.Errorf("rule set %d: %w", v, err)
	}
	r.Version = v
	return &r, nil
}

// TalentRuleSets returns every version of the agency's rule set, the
// built-in default (version 0) first.
func (db *DB) TalentRuleSets(ctx context.Context, agencyID int64) ([]*talent.RuleSet, error) {
	const op = "sqldb.TalentRuleSets"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, rules FROM talent_rule WHERE agency_id = $1 ORDER BY version`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	d := talent.Default
	out := []*talent.RuleSet{&d}
	for rows.Next() {
		var v int
		var text string
		if err := rows.Scan(&v, &text); err != nil {
			return nil, translate(op, err)
		}
		var r talent.RuleSet
		if err := json.Unmarshal([]byte(text), &r); err != nil {
			return nil, fmt.Errorf("%s: version %d: %w", op, v, err)
		}
		r.Version = v
		out = append(out, &r)
	}
	return out, translate(op, rows.Err())
}

// SaveTalentRuleSet validates r and stores it as the agency's next version
// (r.Version is set), audited. Old versions stay, so old reviews stay
// explained.
func (db *DB) SaveTalentRuleSet(ctx context.Context, agencyID int64, r *talent.RuleSet) error {
	const op = "sqldb.SaveTalentRuleSet"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, agencyID); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedBy = merit.ActorFrom(ctx).Username
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) + 1 FROM talent_rule WHERE agency_id = $1`, agencyID).Scan(&r.Version); err != nil {
			return err
		}
		text, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_rule (agency_id, version, rules, basis, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, agencyID, r.Version, string(text), r.Basis, r.CreatedBy, tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "talent_rule", int64(r.Version), nil, r)
	}))
}

// TalentInputs returns the inputs of everyone in the review's population
// under the rule set (rv needs AgencyID, Population, PerformanceYear and
// ReviewedOn; nothing is stored), in employee ID order: what RunTalentReview
// maps, for measuring the mapping apart from storage (bench talent-map).
func (db *DB) TalentInputs(ctx context.Context, rv *talent.Review, rules *talent.RuleSet) ([]talent.Input, error) {
	const op = "sqldb.TalentInputs"
	if err := merit.Authorize(ctx, merit.PermTalentRead, rv.AgencyID); err != nil {
		return nil, err
	}
	people, err := db.talentInputs(ctx, rv, rules)
	if err != nil {
		return nil, translate(op, err)
	}
	out := make([]talent.Input, len(people))
	for i := range people {
		out[i] = people[i].in
	}
	return out, nil
}

// talentPerson is one employee of a review's population with his input.
type talentPerson struct {
	in                 talent.Input
	unitID, positionID sql.NullInt64
	jenis, golongan    string
}

// talentInputs reads the inputs of everyone in the review's population, in
// employee ID order, in a fixed number of queries whatever the agency's
// size: the employees with their positions, the annual predikat of each
// performance year (AnnualPredikat), the current assessments' potential,
// the JPM against the current position (EachCompetencyProfile) and the
// trainings inside the rule set's window.
func (db *DB) talentInputs(ctx context.Context, rv *talent.Review, rules *talent.RuleSet) ([]talentPerson, error) {
	agencyID := rv.AgencyID
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.unit_id, e.position_id, COALESCE(p.jenis, ''), COALESCE(p.jenjang, ''),
		e.golongan, e.education, e.tmt_cpns
		FROM employee e LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 ORDER BY e.id`, agencyID)
	if err != nil {
		return nil, err
	}
	var people []talentPerson
	for rows.Next() {
		var p talentPerson
		var jenjang string
		if err := rows.Scan(&p.in.EmployeeID, &p.unitID, &p.positionID, &p.jenis, &jenjang, &p.golongan, &p.in.Education, &p.in.TMTCPNS); err != nil {
			rows.Close()
			return nil, err
		}
		if rv.Population.Has(p.jenis, jenjang) {
			people = append(people, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	find := func(id int64) *talentPerson {
		i, ok := slices.BinarySearchFunc(people, id, func(p talentPerson, id int64) int { return cmp.Compare(p.in.EmployeeID, id) })
		if !ok {
			return nil
		}
		return &people[i]
	}
	for y := rv.PerformanceYear - rules.Performance.Years + 1; y <= rv.PerformanceYear; y++ {
		annual, err := db.AnnualPredikat(ctx, agencyID, y)
		if err != nil {
			return nil, err
		}
		for id, r := range annual {
			if p := find(id); p != nil && r.Predikat != "" {
				p.in.Predikat = append(p.in.Predikat, talent.YearPredikat{Year: y, Predikat: r.Predikat})
			}
		}
	}
	rows, err = db.read.QueryContext(ctx, `SELECT employee_id, potential FROM assessment WHERE agency_id = $1 AND current`, agencyID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var pot float64
		if err := rows.Scan(&id, &pot); err != nil {
			rows.Close()
			return nil, err
		}
		if p := find(id); p != nil {
			p.in.Assessed, p.in.Assessment = true, talent.Score(pot*100+0.5)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = db.EachCompetencyProfile(ctx, agencyID, func(c *CompetencyProfile) error {
		if p := find(c.EmployeeID); p != nil && c.Assessed {
			pct, ok := competency.Percent(c.Required, c.Actual)
			p.in.HasJPM, p.in.JPM = ok, talent.Score(pct)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	from := merit.NewDate(rv.ReviewedOn.Year()-rules.Potential.TrainingYears, rv.ReviewedOn.Month(), rv.ReviewedOn.Day())
	rows, err = db.read.QueryContext(ctx, `SELECT employee_id, hours, COALESCE(end_date, start_date) FROM employee_history
		WHERE agency_id = $1 AND kind = $2 AND COALESCE(end_date, start_date) >= $3`, agencyID, merit.HistDiklat, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t talent.Training
		if err := rows.Scan(&id, &t.Hours, &t.Done); err != nil {
			return nil, err
		}
		if p := find(id); p != nil {
			p.in.Training = append(p.in.Training, t)
		}
	}
	return people, rows.Err()
}

// RunTalentReview validates rv, maps its population under its rule-set
// version and stores the review with every placement in one transaction,
// audited as one entry with the counts (rv.ID, Scheme, Employees and Mapped
// are set). The placements are the computed ones; only a locked calibration
// session changes them afterwards.
func (db *DB) RunTalentReview(ctx context.Context, rv *talent.Review) error {
	const op = "sqldb.RunTalentReview"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, rv.AgencyID); err != nil {
		return err
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := rv.Validate(ref, merit.DateOf(db.Now())); err != nil {
		return err
	}
	rules, err := talentRuleSet(ctx, db.read, rv.AgencyID, rv.RuleVersion)
	if err != nil {
		if err == sql.ErrNoRows {
			return merit.Invalid(op, merit.FieldError{Field: "ruleVersion", Code: "talent.err.rule_version", Value: fmt.Sprint(rv.RuleVersion)})
		}
		return translate(op, err)
	}
	people, err := db.talentInputs(ctx, rv, rules)
	if err != nil {
		return translate(op, err)
	}
	rv.Scheme, rv.Employees, rv.Mapped = rules.Scheme, len(people), 0
	rv.CreatedBy = merit.ActorFrom(ctx).Username
	placements := make([]talent.Placement, len(people))
	for i := range people {
		rules.PlaceInto(&placements[i], &people[i].in, rv.PerformanceYear, rv.ReviewedOn)
		if placements[i].Mapped {
			rv.Mapped++
		}
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "talent_review")
		if err != nil {
			return err
		}
		rv.ID, rv.CreatedAt = id, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_review (agency_id, id, year, performance_year, name, population,
			rule_version, scheme, reviewed_on, employees, mapped, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			rv.AgencyID, rv.ID, rv.Year, rv.PerformanceYear, rv.Name, rv.Population.String(), rv.RuleVersion, string(rv.Scheme),
			rv.ReviewedOn, rv.Employees, rv.Mapped, rv.CreatedBy, rv.CreatedAt); err != nil {
			return err
		}
		if err := tx.insertPlacements(ctx, rv, people, placements); err != nil {
			return err
		}
		return tx.audit(ctx, rv.AgencyID, merit.AuditCreate, "talent_review", rv.ID, nil, rv)
	}))
}

// placementBatch is how many placements one INSERT writes.
const placementBatch = 200

func (tx *Tx) insertPlacements(ctx context.Context, rv *talent.Review, people []talentPerson, ps []talent.Placement) error {
	const cols = 17
	var (
		b    strings.Builder
		args []any
	)
	for start := 0; start < len(ps); start += placementBatch {
		end := min(start+placementBatch, len(ps))
		b.Reset()
		args = args[:0]
		b.WriteString(`INSERT INTO talent_placement (agency_id, review_id, employee_id, unit_id, position_id, jenis, golongan,
			mapped, performance, potential, box, performance_score, potential_score, points, final_performance, final_potential, final_box) VALUES `)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for c := range cols {
				if c > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "$%d", len(args)+c+1)
			}
			b.WriteByte(')')
			p, who := &ps[i], &people[i]
			points, err := json.Marshal(p.Points)
			if err != nil {
				return err
			}
			args = append(args, rv.AgencyID, rv.ID, p.EmployeeID, who.unitID, who.positionID, who.jenis, who.golongan,
				p.Mapped, int(p.Cell.Performance), int(p.Cell.Potential), p.Box, int(p.PerformanceScore), int(p.PotentialScore),
				string(points), int(p.Cell.Performance), int(p.Cell.Potential), p.Box)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// predikatHistory reads an employee's annual predikat, newest first, for the
// talent card.
func predikatHistory(ctx context.Context, q querier, agencyID, employeeID int64) ([]talent.YearPredikat, error) {
	rows, err := q.QueryContext(ctx, `SELECT year, predikat FROM skp WHERE agency_id = $1 AND employee_id = $2 AND period = $3
		ORDER BY year DESC`, agencyID, employeeID, string(performance.Annual))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []talent.YearPredikat
	for rows.Next() {
		var y talent.YearPredikat
		if err := rows.Scan(&y.Year, &y.Predikat); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
