package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"merit"
	"merit/talent"
)

// TalentPlacement is one employee's place in a review as the pages, the
// export and the talent pool read it: who (name, NIP, unit, position,
// jenis, golongan at the time of the review), the computed placement and
// the final one. Final is the computed cell until a locked calibration
// session moved the person (Calibrated); the talent pool and succession
// read Final and FinalBox.
type TalentPlacement struct {
	ReviewID     int64  `json:"reviewId"`
	EmployeeID   int64  `json:"employeeId"`
	Name         string `json:"name"`
	NIP          string `json:"nip"`
	UnitID       int64  `json:"unitId,omitempty"`
	UnitName     string `json:"unitName,omitempty"`
	PositionID   int64  `json:"positionId,omitempty"`
	PositionName string `json:"positionName,omitempty"`
	Jenis        string `json:"jenisJabatan,omitempty"`
	Golongan     string `json:"golongan"`
	// Computed is the placement the rule set gave; its Points are filled
	// only where one person is read (the talent card, EmployeeTalent).
	Computed   talent.Placement `json:"computed"`
	Final      talent.Cell      `json:"final"`
	FinalBox   int              `json:"finalBox"` // 0 when not mapped
	Calibrated bool             `json:"calibrated"`
}

// TalentFilter narrows the placements of a review: a unit (and every unit
// below it), a jenis jabatan, a golongan, a final box (1–9; 0 for all).
type TalentFilter struct {
	UnitID   int64
	Jenis    string
	Golongan string
	Box      int
}

// placementColumns are the columns scanPlacement reads, in its order.
const placementColumns = `p.review_id, p.employee_id, e.name, e.nip, COALESCE(p.unit_id, 0), COALESCE(u.name, ''),
	COALESCE(p.position_id, 0), COALESCE(pos.name, ''), p.jenis, p.golongan, p.mapped, p.performance, p.potential, p.box,
	p.performance_score, p.potential_score, p.final_performance, p.final_potential, p.final_box, p.calibrated`

const placementFrom = `talent_placement p
	JOIN employee e ON e.agency_id = p.agency_id AND e.id = p.employee_id
	LEFT JOIN unit u ON u.agency_id = p.agency_id AND u.id = p.unit_id
	LEFT JOIN position pos ON pos.agency_id = p.agency_id AND pos.id = p.position_id`

// placementOrder ranks a review: the best final box first, within a box the
// higher potential score, then the higher performance score, then the
// employee ID (so rank 1 of box 9 is well defined, regulations.md §1.6).
const placementOrder = `p.final_box DESC, p.potential_score DESC, p.performance_score DESC, p.employee_id`

// scanPlacement reads placementColumns and then extra.
func scanPlacement(s scanner, p *TalentPlacement, extra ...any) error {
	var perf, pot, fperf, fpot uint8
	err := s.Scan(append([]any{&p.ReviewID, &p.EmployeeID, &p.Name, &p.NIP, &p.UnitID, &p.UnitName, &p.PositionID, &p.PositionName,
		&p.Jenis, &p.Golongan, &p.Computed.Mapped, &perf, &pot, &p.Computed.Box, &p.Computed.PerformanceScore,
		&p.Computed.PotentialScore, &fperf, &fpot, &p.FinalBox, &p.Calibrated}, extra...)...)
	p.Computed.EmployeeID = p.EmployeeID
	p.Computed.Cell = talent.Cell{Performance: talent.Level(perf), Potential: talent.Level(pot)}
	p.Final = talent.Cell{Performance: talent.Level(fperf), Potential: talent.Level(fpot)}
	return err
}

// where builds the WHERE clause of a review's placements under the filter
// and the reader's unit scope; args start with agency and review.
func (f TalentFilter) where(units []*merit.Unit, scope unitScope, agencyID, reviewID int64) (string, []any) {
	var b strings.Builder
	args := []any{agencyID, reviewID}
	b.WriteString(`p.agency_id = $1 AND p.review_id = $2`)
	add := func(cond string, v any) {
		args = append(args, v)
		b.WriteString(" AND ")
		b.WriteString(strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Jenis != "" {
		add("p.jenis = ?", f.Jenis)
	}
	if f.Golongan != "" {
		add("p.golongan = ?", f.Golongan)
	}
	if f.Box != 0 {
		add("p.final_box = ?", f.Box)
	}
	var ids []int64
	if f.UnitID != 0 {
		for _, id := range merit.UnitDescendants(units, f.UnitID) {
			if scope.has(id) {
				ids = append(ids, id)
			}
		}
		if ids == nil {
			ids = []int64{-1}
		}
	} else if scope != nil {
		ids = append(scope.ids(), -1)
	}
	if ids != nil {
		b.WriteString(" AND p.unit_id IN (")
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(',')
			}
			args = append(args, id)
			b.WriteString("$" + strconv.Itoa(len(args)))
		}
		b.WriteByte(')')
	}
	return b.String(), args
}

// TalentReviews returns the agency's reviews, the newest first. The list is
// read again after a write or after readTTL (see readCache); the caller must
// not change it.
func (db *DB) TalentReviews(ctx context.Context, agencyID int64) ([]*talent.Review, error) {
	const op = "sqldb.TalentReviews"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	out, err := cachedRead(db, readKey{what: "talent_reviews", agency: agencyID}, func() ([]*talent.Review, error) {
		rows, err := db.read.QueryContext(ctx, `SELECT `+reviewColumns+` FROM talent_review WHERE agency_id = $1 ORDER BY year DESC, id DESC`, agencyID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []*talent.Review
		for rows.Next() {
			rv, err := scanReview(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, rv)
		}
		return out, rows.Err()
	})
	return out, translate(op, err)
}

const reviewColumns = `agency_id, id, year, performance_year, name, population, rule_version, scheme, reviewed_on,
	employees, mapped, created_by, created_at`

func scanReview(s scanner) (*talent.Review, error) {
	rv := &talent.Review{}
	var pop string
	err := s.Scan(&rv.AgencyID, &rv.ID, &rv.Year, &rv.PerformanceYear, &rv.Name, &pop, &rv.RuleVersion, &rv.Scheme,
		&rv.ReviewedOn, &rv.Employees, &rv.Mapped, &rv.CreatedBy, &rv.CreatedAt)
	rv.Population = talent.ParsePopulation(pop)
	return rv, err
}

// TalentReview returns one review; id 0 is the latest (the highest year,
// then the newest), KindNotFound when the agency has none. It is read
// again after a write or after readTTL (see readCache); the caller must not
// change it.
func (db *DB) TalentReview(ctx context.Context, agencyID, id int64) (*talent.Review, error) {
	const op = "sqldb.TalentReview"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	rv, err := cachedRead(db, readKey{what: "talent_review", agency: agencyID, id: id}, func() (*talent.Review, error) {
		return talentReview(ctx, db.read, agencyID, id)
	})
	return rv, translate(op, err)
}

func talentReview(ctx context.Context, q querier, agencyID, id int64) (*talent.Review, error) {
	if id == 0 {
		return scanReview(q.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM talent_review WHERE agency_id = $1
			ORDER BY year DESC, id DESC LIMIT 1`, agencyID))
	}
	return scanReview(q.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM talent_review WHERE agency_id = $1 AND id = $2`, agencyID, id))
}

// ReviewPlacements returns the placements of a review under the filter and
// the reader's unit scope, ranked (best final box first, then potential,
// then performance; see placementOrder), without their explanations.
func (db *DB) ReviewPlacements(ctx context.Context, agencyID, reviewID int64, f TalentFilter) ([]TalentPlacement, error) {
	const op = "sqldb.ReviewPlacements"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	where, args, err := db.placementWhere(ctx, agencyID, reviewID, f)
	if err != nil {
		return nil, translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+placementColumns+` FROM `+placementFrom+` WHERE `+where+` ORDER BY `+placementOrder, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []TalentPlacement
	for rows.Next() {
		var p TalentPlacement
		if err := scanPlacement(rows, &p); err != nil {
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	return out, translate(op, rows.Err())
}

// placementWhere reads what the filter needs (the unit tree for a unit
// filter, the reader's scope) and builds the WHERE clause.
func (db *DB) placementWhere(ctx context.Context, agencyID, reviewID int64, f TalentFilter) (string, []any, error) {
	scope, err := scopeOf(ctx, db.read, merit.PermTalentRead, agencyID)
	if err != nil {
		return "", nil, err
	}
	var units []*merit.Unit
	if f.UnitID != 0 {
		if units, err = db.cachedUnitTree(ctx, agencyID); err != nil {
			return "", nil, err
		}
	}
	where, args := f.where(units, scope, agencyID, reviewID)
	return where, args, nil
}

// TalentPlacements returns the current placements of the agency: those of
// its latest review (TalentReview with id 0), final where a locked
// calibration session moved them, ranked best first (final box, then
// potential score, then performance score; rank 1 of box 9 is the first
// row with FinalBox 9 under the PermenPANRB scheme). Unmapped people are
// included with FinalBox 0. The talent pool and succession build on it.
// KindNotFound when the agency has no review yet.
func (db *DB) TalentPlacements(ctx context.Context, agencyID int64) (*talent.Review, []TalentPlacement, error) {
	rv, err := db.TalentReview(ctx, agencyID, 0)
	if err != nil {
		return nil, nil, err
	}
	ps, err := db.ReviewPlacements(ctx, agencyID, rv.ID, TalentFilter{})
	return rv, ps, err
}

// TalentGrid is the 9-box of a review under a filter: the count of each
// final box (index 1–9; 0 counts the unmapped) and the first people of
// each box by rank.
type TalentGrid struct {
	Review *talent.Review
	Counts talent.Distribution
	People [10][]TalentPlacement
}

// TalentGrid reads the grid of a review (0: the latest) with up to perBox
// people of each box, in 1 + 10 indexed queries whatever the agency's size.
// A grid is kept in readCache, per review, filter and reader's unit scope,
// until the next write through this DB (a lock of a calibration session,
// the only thing that moves final boxes, is one) and for at most readTTL;
// with the review and the unit tree also kept there, the page under load
// reads nothing from the database.
func (db *DB) TalentGrid(ctx context.Context, agencyID, reviewID int64, f TalentFilter, perBox int) (*TalentGrid, error) {
	const op = "sqldb.TalentGrid"
	rv, err := db.TalentReview(ctx, agencyID, reviewID)
	if err != nil {
		return nil, err
	}
	scope, err := scopeOf(ctx, db.read, merit.PermTalentRead, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	key := readKey{what: "talent_grid", agency: agencyID, id: rv.ID, code: fmt.Sprint(f, perBox, scope.ids())}
	g, err := cachedRead(db, key, func() (*TalentGrid, error) { return db.talentGrid(ctx, agencyID, rv.ID, f, perBox) })
	if err != nil {
		return nil, translate(op, err)
	}
	out := *g
	out.Review = rv
	return &out, nil
}

// talentGrid computes the grid of the review (without its Review).
func (db *DB) talentGrid(ctx context.Context, agencyID, reviewID int64, f TalentFilter, perBox int) (*TalentGrid, error) {
	g := &TalentGrid{}
	where, args, err := db.placementWhere(ctx, agencyID, reviewID, f)
	if err != nil {
		return nil, err
	}
	countSQL, boxSQL := TalentGridSQL(where, len(args), perBox)
	rows, err := db.read.QueryContext(ctx, countSQL, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var box, n int
		if err := rows.Scan(&box, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if box >= 0 && box < len(g.Counts) {
			g.Counts[box] = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.Box == 0 && perBox > 0 {
		for box := range g.Counts {
			if g.Counts[box] == 0 {
				continue
			}
			rows, err := db.read.QueryContext(ctx, boxSQL, append(args, box)...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var p TalentPlacement
				if err := scanPlacement(rows, &p); err != nil {
					rows.Close()
					return nil, err
				}
				g.People[box] = append(g.People[box], p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

// TalentGridSQL returns the grid's two statements for a WHERE clause over
// talent_placement p with n arguments: the count per final box, and the
// first perBox people of one box (its number the next argument), ranked,
// with the columns scanPlacement reads. The 9-box page runs them, and so
// does the benchmark's bare handler.
func TalentGridSQL(where string, n, perBox int) (countSQL, boxSQL string) {
	countSQL = `SELECT p.final_box, count(*) FROM talent_placement p WHERE ` + where + ` GROUP BY p.final_box`
	boxSQL = `SELECT ` + placementColumns + ` FROM ` + placementFrom + ` WHERE ` + where + ` AND p.final_box = $` + strconv.Itoa(n+1) +
		` ORDER BY ` + placementOrder + ` LIMIT ` + strconv.Itoa(perBox)
	return countSQL, boxSQL
}

// TalentGridWhere is the WHERE clause and arguments of a review's
// placements under a filter, for TalentGridSQL (units: the agency's unit
// tree, needed for a unit filter; no unit scope applied).
func TalentGridWhere(units []*merit.Unit, agencyID, reviewID int64, f TalentFilter) (string, []any) {
	return f.where(units, nil, agencyID, reviewID)
}

// TalentCard is what the talent card shows of one employee: his placement
// in every review (newest first, with the review and the explanation) and
// his annual predikat, newest first.
type TalentCard struct {
	History  []TalentCardEntry
	Predikat []talent.YearPredikat
}

// TalentCardEntry is the employee's placement in one review.
type TalentCardEntry struct {
	Review    *talent.Review
	Placement TalentPlacement
	Moves     []talent.Move // calibration moves of the person in this review's sessions
}

// EmployeeTalent reads the talent card of an employee: every review's
// placement with its explanation and moves, and the predikat history.
func (db *DB) EmployeeTalent(ctx context.Context, agencyID, employeeID int64) (*TalentCard, error) {
	const op = "sqldb.EmployeeTalent"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermTalentRead, agencyID, employeeID); err != nil {
		return nil, err
	}
	card := &TalentCard{}
	rows, err := db.read.QueryContext(ctx, `SELECT `+placementColumns+`, p.points FROM `+placementFrom+`
		WHERE p.agency_id = $1 AND p.employee_id = $2 ORDER BY p.review_id DESC`, agencyID, employeeID)
	if err != nil {
		return nil, translate(op, err)
	}
	for rows.Next() {
		var e TalentCardEntry
		var points string
		p := &e.Placement
		if err := scanPlacement(rows, p, &points); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		if err := json.Unmarshal([]byte(points), &p.Computed.Points); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		card.History = append(card.History, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	for i := range card.History {
		e := &card.History[i]
		if e.Review, err = talentReview(ctx, db.read, agencyID, e.Placement.ReviewID); err != nil {
			return nil, translate(op, err)
		}
		if e.Moves, err = talentMoves(ctx, db.read, agencyID, `m.employee_id = $2 AND s.review_id = $3`, employeeID, e.Placement.ReviewID); err != nil {
			return nil, translate(op, err)
		}
	}
	if card.Predikat, err = predikatHistory(ctx, db.read, agencyID, employeeID); err != nil {
		return nil, translate(op, err)
	}
	return card, nil
}
