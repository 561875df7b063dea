package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"

	"merit/competency"
)

// EachAssessedProfile streams the competency profile of every employee of
// the agency (agencyID 0: of every agency, agency by agency, each authorized)
// who has a current assessment, for recomputing JPM in bulk. Employees never
// assessed are not streamed: they have no JPM (pages and the API show "not
// assessed", as for EachCompetencyProfile's Assessed false), so the stream
// reads one row per current assessment, its levels packed in one column, and
// joins the position's standard in Go from a map read first.
//
// The rows are read in parallel over ranges of employee IDs, as
// RecomputeIPASN scores: fn is called from several goroutines at once, each
// with its own profile (employee ID order within a range, none across
// ranges), and must be safe for concurrent use. The profile's slices follow
// the rules of CompetencyProfile. The first error stops every range.
func (db *DB) EachAssessedProfile(ctx context.Context, agencyID int64, fn func(*CompetencyProfile) error) error {
	const op = "sqldb.EachAssessedProfile"
	return db.eachProfileAgency(ctx, op, agencyID, func(id int64, scope unitScope) error {
		return db.eachAssessed(ctx, id, scope, fn)
	})
}

func (db *DB) eachAssessed(ctx context.Context, agencyID int64, scope unitScope, fn func(*CompetencyProfile) error) error {
	standards, err := db.standards(ctx, agencyID)
	if err != nil {
		return err
	}
	var lo, hi int64
	if err := db.read.QueryRowContext(ctx, `SELECT COALESCE(min(id), 0), COALESCE(max(id), 0) FROM employee WHERE agency_id = $1`,
		agencyID).Scan(&lo, &hi); err != nil || hi == 0 {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	chunks := int64(workers * 4)
	step := (hi-lo)/chunks + 1
	next := make(chan int64, chunks)
	for from := lo; from <= hi; from += step {
		next <- from
	}
	close(next)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Go(func() {
			p := CompetencyProfile{AgencyID: agencyID}
			for from := range next {
				if err := db.assessedRange(ctx, &p, standards, scope, from, from+step, fn); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

// levelBits is how many bits of a packed level hold the level (1–5): a
// level is packed as competency_id<<levelBits | level (packLevels).
const levelBits = 3

// A level must fit in levelBits: this fails to compile if
// competency.MaxLevel grows past 7.
var _ [1<<levelBits - 1 - competency.MaxLevel]struct{}

// assessedRangeQuery reads the current assessments of the employees with
// IDs in [$2, $3) with each one's position and unit, from two indexes alone
// (assessment_current_levels, employee_placement). PostgreSQL is told the
// range for the employees too, so it merges the two ordered index scans
// instead of hashing every employee of the agency for each range (a range of
// 125,000 employee IDs: 27 ms against 670 ms); SQLite infers it, and told it
// looks every assessment's employee up by the range instead of by ID.
func (db *DB) assessedRangeQuery() string {
	employees := ""
	if db.engine == Postgres {
		employees = " AND e.id >= $2 AND e.id < $3"
	}
	return `SELECT a.employee_id, COALESCE(e.position_id, 0), COALESCE(e.unit_id, 0), a.packed_levels
		FROM assessment a JOIN employee e ON e.agency_id = a.agency_id AND e.id = a.employee_id
		WHERE a.agency_id = $1 AND a.current AND a.employee_id >= $2 AND a.employee_id < $3` + employees + `
		ORDER BY a.employee_id`
}

// assessedRange streams the current assessments of the employees with IDs
// in [from, to) through p. The assessment side is read from the partial
// index assessment_current_levels alone (employee, packed levels: migration
// 00020); the employee's position and unit come from the join, since they
// change without the assessment.
func (db *DB) assessedRange(ctx context.Context, p *CompetencyProfile, standards map[int64]*positionStandard, scope unitScope,
	from, to int64, fn func(*CompetencyProfile) error) error {
	rows, err := db.read.QueryContext(ctx, db.assessedRangeQuery(), p.AgencyID, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	var empty positionStandard
	var levels sql.RawBytes
	for rows.Next() {
		var unit int64
		if err := rows.Scan(&p.EmployeeID, &p.PositionID, &unit, &levels); err != nil {
			return err
		}
		if !scope.has(unit) {
			continue // outside a unit-limited reader's units
		}
		std := standards[p.PositionID]
		if std == nil {
			std = &empty
		}
		p.Assessed = true
		std.start(p)
		if err := setPacked(p, std, levels); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// setPacked records the levels packed by packLevels.
func setPacked(p *CompetencyProfile, std *positionStandard, packed []byte) error {
	for rest := packed; len(rest) > 0; {
		v, n := packedInt(rest)
		if n == 0 || (n < len(rest) && rest[n] != ',') {
			return fmt.Errorf("sqldb.setPacked: malformed levels %q", packed)
		}
		std.set(p, v>>levelBits, uint8(v&(1<<levelBits-1)))
		rest = rest[min(n+1, len(rest)):]
	}
	return nil
}

// packedInt reads the decimal number at the start of b and how many bytes
// it took.
func packedInt(b []byte) (int64, int) {
	var v int64
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + int64(b[n]-'0')
		n++
	}
	return v, n
}
