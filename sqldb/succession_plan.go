package sqldb

import (
	"context"
	"slices"
	"strconv"

	"merit"
	"merit/competency"
	"merit/succession"
)

// FindSuccessionPlan returns the succession plan of a critical position.
func (db *DB) FindSuccessionPlan(ctx context.Context, agencyID, positionID int64) (*SuccessionPlan, error) {
	const op = "sqldb.FindSuccessionPlan"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	crit, err := findCritical(ctx, db.read, agencyID, positionID, merit.DateOf(db.Now()))
	if err != nil {
		return nil, translate(op, err)
	}
	if len(crit) == 0 {
		return nil, merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	ps, err := db.successionPlans(ctx, agencyID, crit)
	if err != nil {
		return nil, translate(op, err)
	}
	return ps[0], nil
}

// successionPlans builds the plans of critical positions, reading the
// placements, the pool, the JPM rule and the merit result once for all.
func (db *DB) successionPlans(ctx context.Context, agencyID int64, crit []*CriticalPosition) ([]*SuccessionPlan, error) {
	placements, boxes, err := db.currentPlacements(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	pool, err := poolRule(ctx, db.read, agencyID)
	if err != nil {
		return nil, err
	}
	rule, err := db.JPMRule(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	result, err := latestMeritResult(ctx, db.read, agencyID)
	if err != nil {
		return nil, err
	}
	today := merit.DateOf(db.Now())
	out := make([]*SuccessionPlan, len(crit))
	for i, c := range crit {
		p := &SuccessionPlan{Critical: c, Pool: pool, Merit: result}
		if p.Candidates, err = candidates(ctx, db.read, agencyID, c.Position.ID); err != nil {
			return nil, err
		}
		if err := matchCandidates(ctx, db.read, agencyID, p, boxes, rule); err != nil {
			return nil, err
		}
		skip := map[int64]bool{c.IncumbentID: true}
		for _, x := range p.Candidates {
			skip[x.EmployeeID] = true
		}
		p.Talents = poolTalents(pool, placements, skip)
		p.Nominee, p.FillErr = succession.CheckJPTFill(c.Position.Jenis, result, today, p.Candidates)
		p.FillProblems = append([]merit.FieldError{}, merit.FieldsOf(p.FillErr)...)
		if p.Fills, err = findFills(ctx, db.read, agencyID, c.Position.ID); err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// TalentPool returns the agency's pool rule and the talents in the pool
// (their current box is one of the rule's), best box first.
func (db *DB) TalentPool(ctx context.Context, agencyID int64) (*succession.Pool, []*Talent, error) {
	const op = "sqldb.TalentPool"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, nil, err
	}
	placements, _, err := db.currentPlacements(ctx, agencyID)
	if err != nil {
		return nil, nil, err
	}
	pool, err := poolRule(ctx, db.read, agencyID)
	if err != nil {
		return nil, nil, translate(op, err)
	}
	return pool, poolTalents(pool, placements, nil), nil
}

// SuccessionReport is everything the agency's talent report shows.
type SuccessionReport struct {
	Pool    *succession.Pool        `json:"pool"`
	Talents []*Talent               `json:"talents"`
	Bench   succession.Bench        `json:"bench"`
	Plans   []*SuccessionPlan       `json:"plans"` // one per critical position, by unit and name
	Merit   *succession.MeritResult `json:"meritResult,omitempty"`
}

// FindSuccessionReport gathers the talent pool, every critical position's
// plan and the bench strength of the agency.
func (db *DB) FindSuccessionReport(ctx context.Context, agencyID int64) (*SuccessionReport, error) {
	const op = "sqldb.FindSuccessionReport"
	pool, talents, err := db.TalentPool(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	crit, err := findCritical(ctx, db.read, agencyID, 0, merit.DateOf(db.Now()))
	if err != nil {
		return nil, translate(op, err)
	}
	r := &SuccessionReport{Pool: pool, Talents: talents}
	if r.Plans, err = db.successionPlans(ctx, agencyID, crit); err != nil {
		return nil, translate(op, err)
	}
	ss := make([]succession.Status, len(crit))
	for i, c := range crit {
		ss[i] = c.Status()
	}
	r.Bench = succession.BenchStrength(ss)
	if len(r.Plans) > 0 {
		r.Merit = r.Plans[0].Merit
	} else if r.Merit, err = latestMeritResult(ctx, db.read, agencyID); err != nil {
		return nil, translate(op, err)
	}
	return r, nil
}

// matchCandidates fills each candidate's box and JPM against the position's
// standard (the levels of his current assessment under the agency's JPM rule).
func matchCandidates(ctx context.Context, q querier, agencyID int64, p *SuccessionPlan, boxes map[int64]int, rule competency.Rule) error {
	std, err := standard(ctx, q, agencyID, p.Critical.Position.ID)
	if err != nil {
		return err
	}
	p.Standard = len(std.Requirements) > 0
	for _, c := range p.Candidates {
		c.Box = boxes[c.EmployeeID]
		if !p.Standard {
			continue
		}
		levels, err := currentLevels(ctx, q, agencyID, c.EmployeeID)
		if err != nil {
			return err
		}
		c.JPM = rule.Match(competency.Align(std.Requirements, levels))
	}
	return nil
}

// currentLevels reads the levels of the employee's current assessment, by competency ID.
func currentLevels(ctx context.Context, q querier, agencyID, employeeID int64) ([]competency.Level, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.competency_id, l.level FROM assessment a
		JOIN assessment_level l ON l.agency_id = a.agency_id AND l.assessment_id = a.id
		WHERE a.agency_id = $1 AND a.employee_id = $2 AND a.current ORDER BY l.competency_id`, agencyID, employeeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []competency.Level
	for rows.Next() {
		var l competency.Level
		if err := rows.Scan(&l.CompetencyID, &l.Level); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// poolTalents lists the talents of the pool except those in skip (a
// plan's candidates and incumbent), in the placements' rank order (best
// box first, then potential, then performance).
func poolTalents(pool *succession.Pool, placements []TalentPlacement, skip map[int64]bool) []*Talent {
	out := []*Talent{}
	for i := range placements {
		p := &placements[i]
		if pool.Contains(p.FinalBox) && !skip[p.EmployeeID] {
			out = append(out, &Talent{EmployeeID: p.EmployeeID, Name: p.Name, NIP: p.NIP, PositionName: p.PositionName, Box: p.FinalBox})
		}
	}
	return out
}

// SaveCandidate adds a candidate to a critical position's plan (ID 0) or
// changes one (its rank, readiness, development plan and text); the other
// candidates are renumbered so ranks run 1, 2, 3… A new candidate must be
// in the talent pool (his box in the current placements is one of the
// pool's) and not the incumbent; a linked development plan must be his.
func (db *DB) SaveCandidate(ctx context.Context, c *succession.Candidate) error {
	const op = "sqldb.SaveCandidate"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, c.AgencyID); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	_, boxes, err := db.currentPlacements(ctx, c.AgencyID)
	if err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		crit, err := findCritical(ctx, tx, c.AgencyID, c.PositionID, merit.DateOf(tx.now))
		if err != nil {
			return err
		}
		if len(crit) == 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		if len(crit[0].Critical.Reasons) == 0 {
			return merit.Invalid(op, merit.FieldError{Field: "positionId", Code: "succession.err.no_reasons_yet"})
		}
		cands, err := candidates(ctx, tx, c.AgencyID, c.PositionID)
		if err != nil {
			return err
		}
		var old *succession.Candidate
		if c.ID != 0 {
			i := slices.IndexFunc(cands, func(x *succession.Candidate) bool { return x.ID == c.ID })
			if i < 0 {
				return merit.Errorf(merit.KindNotFound, op, "err.not_found")
			}
			before := *cands[i]
			old, c.EmployeeID, c.CreatedAt = &before, before.EmployeeID, before.CreatedAt
			cands[i] = c
		} else {
			if err := employeeExists(ctx, tx, c.AgencyID, c.EmployeeID, op); err != nil {
				return merit.Invalid(op, merit.FieldError{Field: "employeeId", Code: "err.not_found", Value: strconv.FormatInt(c.EmployeeID, 10)})
			}
			pool, err := poolRule(ctx, tx, c.AgencyID)
			if err != nil {
				return err
			}
			var fs merit.Fields
			box := boxes[c.EmployeeID]
			switch {
			case c.EmployeeID == crit[0].IncumbentID:
				fs.Add("employeeId", "succession.err.incumbent", "")
			case slices.ContainsFunc(cands, func(x *succession.Candidate) bool { return x.EmployeeID == c.EmployeeID }):
				fs.Add("employeeId", "succession.err.already_candidate", "")
			case !pool.Contains(box):
				fs.Add("employeeId", "succession.err.not_in_pool", strconv.Itoa(box), box)
			}
			if err := fs.Err(op); err != nil {
				return err
			}
			if c.ID, err = tx.nextID(ctx, "succession_candidate"); err != nil {
				return err
			}
			c.CreatedAt = tx.now
			cands = append(cands, c)
		}
		if c.PlanID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM development_plan WHERE agency_id = $1 AND id = $2 AND employee_id = $3`,
				c.AgencyID, c.PlanID, c.EmployeeID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return merit.Invalid(op, merit.FieldError{Field: "planId", Code: "succession.err.plan_not_his", Value: strconv.FormatInt(c.PlanID, 10)})
			}
		}
		ranks := map[int64]int{}
		for _, x := range cands {
			ranks[x.ID] = x.Rank
		}
		succession.Rerank(cands, c)
		if old == nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO succession_candidate (agency_id, id, position_id, employee_id, rank, readiness, plan_id, development, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.AgencyID, c.ID, c.PositionID, c.EmployeeID, c.Rank, c.Readiness,
				c.PlanID, c.Development, c.CreatedAt); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE succession_candidate SET rank = $3, readiness = $4, plan_id = $5, development = $6
			WHERE agency_id = $1 AND id = $2`, c.AgencyID, c.ID, c.Rank, c.Readiness, c.PlanID, c.Development); err != nil {
			return err
		}
		if err := tx.rerank(ctx, c.AgencyID, cands, ranks, c.ID); err != nil {
			return err
		}
		action := merit.AuditCreate
		if old != nil {
			action = merit.AuditUpdate
		}
		return tx.audit(ctx, c.AgencyID, action, "succession_candidate", c.ID, old, c)
	}))
}

// rerank writes the ranks that changed from before (by candidate ID),
// except skip's (written by the caller).
func (tx *Tx) rerank(ctx context.Context, agencyID int64, cands []*succession.Candidate, before map[int64]int, skip int64) error {
	for _, x := range cands {
		if x.ID == skip || before[x.ID] == x.Rank {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE succession_candidate SET rank = $3 WHERE agency_id = $1 AND id = $2`,
			agencyID, x.ID, x.Rank); err != nil {
			return err
		}
	}
	return nil
}

// RemoveCandidate takes a candidate off a plan; those below move up.
func (db *DB) RemoveCandidate(ctx context.Context, agencyID, positionID, id int64) error {
	const op = "sqldb.RemoveCandidate"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		cands, err := candidates(ctx, tx, agencyID, positionID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(cands, func(x *succession.Candidate) bool { return x.ID == id })
		if i < 0 {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		old := cands[i]
		if _, err := tx.ExecContext(ctx, `DELETE FROM succession_candidate WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			return err
		}
		cands = slices.Delete(cands, i, i+1)
		ranks := map[int64]int{}
		for _, x := range cands {
			ranks[x.ID] = x.Rank
		}
		succession.Rerank(cands, nil)
		if err := tx.rerank(ctx, agencyID, cands, ranks, 0); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "succession_candidate", id, old, nil)
	}))
}

// currentPlacements returns the agency's current 9-box placements
// (TalentPlacements) and each employee's final box by ID; none before the
// agency's first talent review.
func (db *DB) currentPlacements(ctx context.Context, agencyID int64) ([]TalentPlacement, map[int64]int, error) {
	_, ps, err := db.TalentPlacements(ctx, agencyID)
	if merit.KindOf(err) == merit.KindNotFound && merit.Authorize(ctx, merit.PermTalentRead, agencyID) == nil {
		return nil, map[int64]int{}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	boxes := make(map[int64]int, len(ps))
	for i := range ps {
		boxes[ps[i].EmployeeID] = ps[i].FinalBox
	}
	return ps, boxes, nil
}
