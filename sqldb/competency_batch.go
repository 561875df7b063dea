package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"merit"
	"merit/competency"
)

// CompetencyBatch writes many competency records of one agency in one
// transaction: technical competencies, standards, assessment results,
// coaching sessions and development plans, each validated as its single
// write is, with one audit entry (import) carrying the counts. It serves the
// demo generator and bulk tools, where a transaction per record would be
// slow.
type CompetencyBatch struct {
	tx       *Tx
	db       *DB
	agencyID int64
	today    merit.Date
	known    func(int64) bool
	counts   map[string]int

	assessmentIDs idBlock
	// Assessments are queued and written assessmentInsertRows at a time:
	// the rows (assessments), then their levels (levels, levelInsertRows
	// rows a statement), and the employees' current marks once at the end
	// (assessed). One statement per assessment and per assessment's levels
	// crawled at ~66 assessments/s on PostgreSQL under load.
	assessments *rowWriter
	queued      int   // assessments queued in assessments
	levels      []any // level rows of the queued assessments, 4 values each
	assessed    map[int64]bool
}

// assessmentInsertRows is how many assessments one INSERT of a batch
// writes, levelInsertRows how many levels (5,000 and 4,000 parameters).
const (
	assessmentInsertRows = 500
	levelInsertRows      = 1000
)

// CompetencyEmployee is an employee as a batch sees him: ID and position.
type CompetencyEmployee struct {
	ID         int64
	PositionID int64
	Jenis      string // the position's jenis jabatan
	Jenjang    string
}

// CompetencyBatch runs fn in one write transaction on the agency's
// competency data; fn returning an error rolls everything back. It needs
// PermImport and PermCompetencyWrite.
func (db *DB) CompetencyBatch(ctx context.Context, agencyID int64, fn func(*CompetencyBatch) error) error {
	const op = "sqldb.CompetencyBatch"
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return err
	}
	if err := merit.Authorize(ctx, merit.PermCompetencyWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		b := &CompetencyBatch{tx: tx, db: db, agencyID: agencyID, today: merit.DateOf(db.Now()), counts: map[string]int{},
			assessments: tx.rows(insertAssessmentHead, "", assessmentColumnCount, assessmentInsertRows), assessed: map[int64]bool{}}
		if err := b.refreshKnown(ctx); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		if err := b.flushAssessments(ctx); err != nil {
			return err
		}
		if err := tx.markCurrent(ctx, agencyID, slices.Sorted(maps.Keys(b.assessed))); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditImport, "competency", 0, nil, b.counts)
	}))
}

func (b *CompetencyBatch) refreshKnown(ctx context.Context) error {
	var err error
	b.known, err = knownCompetencies(ctx, b.tx, b.agencyID)
	return err
}

// Employees lists the agency's employees with their positions, by ID.
func (b *CompetencyBatch) Employees(ctx context.Context) ([]CompetencyEmployee, error) {
	rows, err := b.tx.QueryContext(ctx, `SELECT e.id, COALESCE(e.position_id, 0), COALESCE(p.jenis, ''), COALESCE(p.jenjang, '')
		FROM employee e LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 ORDER BY e.id`, b.agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CompetencyEmployee
	for rows.Next() {
		var e CompetencyEmployee
		if err := rows.Scan(&e.ID, &e.PositionID, &e.Jenis, &e.Jenjang); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Positions lists the agency's positions, by ID.
func (b *CompetencyBatch) Positions(ctx context.Context) ([]*merit.Position, error) {
	rows, err := b.tx.QueryContext(ctx, `SELECT id, unit_id, name, jenis, jenjang FROM position WHERE agency_id = $1 ORDER BY id`, b.agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*merit.Position
	for rows.Next() {
		p := &merit.Position{AgencyID: b.agencyID}
		if err := rows.Scan(&p.ID, &p.UnitID, &p.Name, &p.Jenis, &p.Jenjang); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Technical adds a technical competency to the agency's dictionary.
func (b *CompetencyBatch) Technical(ctx context.Context, c *competency.Competency) error {
	c.AgencyID, c.Kind = b.agencyID, competency.KindTeknis
	if err := c.Validate(); err != nil {
		return err
	}
	levels, err := json.Marshal(c.Levels)
	if err != nil {
		return err
	}
	if err := b.tx.insertTechnical(ctx, c, levels); err != nil {
		return err
	}
	b.counts["technical"]++
	return b.refreshKnown(ctx)
}

// Standard replaces a position's standard.
func (b *CompetencyBatch) Standard(ctx context.Context, s *competency.Standard) error {
	s.AgencyID = b.agencyID
	if err := s.Validate(b.known); err != nil {
		return err
	}
	b.counts["standards"]++
	return b.tx.replaceStandard(ctx, s)
}

// Assessment adds an assessment result. It is queued: written with others
// in a few statements, and the employee's current assessment marked, by the
// end of the batch; nothing in a batch reads assessments back. An employee
// not in the agency fails the statement that writes the queue (field error
// of the foreign key, for the whole batch).
func (b *CompetencyBatch) Assessment(ctx context.Context, a *competency.Assessment) error {
	a.AgencyID = b.agencyID
	if err := a.Validate(b.known, b.today); err != nil {
		return err
	}
	id, err := b.assessmentIDs.take(ctx, b.tx, "assessment")
	if err != nil {
		return err
	}
	a.ID, a.CreatedAt = id, b.tx.now
	b.counts["assessments"]++
	b.assessed[a.EmployeeID] = true
	for _, l := range a.Levels {
		b.levels = append(b.levels, a.AgencyID, a.ID, l.CompetencyID, l.Level)
	}
	if err := b.assessments.add(ctx, assessmentArgs(a)...); err != nil {
		return err
	}
	if b.queued++; b.queued < assessmentInsertRows {
		return nil
	}
	return b.flushAssessments(ctx)
}

// flushAssessments writes the queued assessments, then their levels (which
// reference them).
func (b *CompetencyBatch) flushAssessments(ctx context.Context) error {
	if err := b.assessments.flush(ctx); err != nil {
		return fmt.Errorf("write assessments: %w", err)
	}
	b.queued = 0
	w := b.tx.rows(insertLevelHead, "", 4, levelInsertRows)
	for row := range slices.Chunk(b.levels, 4) {
		if err := w.add(ctx, row...); err != nil {
			return fmt.Errorf("write assessment levels: %w", err)
		}
	}
	b.levels = b.levels[:0]
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("write assessment levels: %w", err)
	}
	return nil
}

// Session adds a coaching or mentoring session.
func (b *CompetencyBatch) Session(ctx context.Context, s *competency.CoachingSession) error {
	s.AgencyID = b.agencyID
	if err := s.Validate(b.today); err != nil {
		return err
	}
	b.counts["sessions"]++
	return b.tx.insertSession(ctx, s)
}

// Plan adds a development plan (one per employee and year).
func (b *CompetencyBatch) Plan(ctx context.Context, p *competency.Plan) error {
	p.AgencyID = b.agencyID
	if err := p.Validate(); err != nil {
		return err
	}
	acts, err := json.Marshal(p.Activities)
	if err != nil {
		return err
	}
	b.counts["plans"]++
	return b.tx.insertPlan(ctx, p, acts)
}
