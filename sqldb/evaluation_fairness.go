package sqldb

import (
	"context"
	"database/sql"
	"errors"

	"merit"
	"merit/evaluation"
)

// FairnessCheck is the four-fifths check (evaluation.FourFifths) of one
// decision point by one attribute of the people concerned.
type FairnessCheck struct {
	// Point is "talent" (placement in a favourable 9-box of the latest
	// review) or "selection:" and a stage kind (passing that stage of the
	// agency's open selections).
	Point     string                    `json:"point"`
	Attribute string                    `json:"attribute" enum:"sex,ageBand,religion"`
	Report    evaluation.FairnessReport `json:"report"`
}

// fairnessPerson is one person's outcome at a decision point with the
// attributes the monitor groups by.
type fairnessPerson struct {
	point      string
	sex        string
	religion   string
	birth      merit.Date
	on         merit.Date // the day the age band is taken
	favourable bool
}

// Fairness returns the agency's fairness monitor (evaluation.read): for
// the latest talent review, placement in a favourable box
// (evaluation.FavourableBox) by sex, age band and religion; for every stage
// kind of its open selections, passing the stage (a result in the next
// stage, or the PPK's decision after the last) by the same attributes, for
// the candidates who are the agency's employees (external applicants carry
// no sex or religion in the selection records). A stage is counted only
// once its selection has moved past it. Each check applies the domain's
// four-fifths rule with its default thresholds.
func (db *DB) Fairness(ctx context.Context, agencyID int64) ([]FairnessCheck, error) {
	const op = "sqldb.Fairness"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	people, err := talentOutcomes(ctx, db.read, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	sel, err := selectionOutcomes(ctx, db.read, agencyID, merit.DateOf(db.Now()))
	if err != nil {
		return nil, translate(op, err)
	}
	people = append(people, sel...)
	var points []string
	byPoint := map[string][]fairnessPerson{}
	for _, p := range people {
		if _, ok := byPoint[p.point]; !ok {
			points = append(points, p.point)
		}
		byPoint[p.point] = append(byPoint[p.point], p)
	}
	out := []FairnessCheck{}
	for _, point := range points {
		for _, attr := range []string{"sex", "ageBand", "religion"} {
			var outcomes []evaluation.Outcome
			for _, p := range byPoint[point] {
				g := p.sex
				switch attr {
				case "ageBand":
					g = merit.AgeBands[merit.AgeBand(p.birth.AgeOn(p.on))].Label
				case "religion":
					g = p.religion
				}
				outcomes = append(outcomes, evaluation.Outcome{Group: g, Favourable: p.favourable})
			}
			out = append(out, FairnessCheck{Point: point, Attribute: attr,
				Report: evaluation.FourFifths(evaluation.Tally(outcomes), evaluation.DefaultFairness)})
		}
	}
	return out, nil
}

// talentOutcomes reads the mapped placements of the agency's latest talent
// review with each person's attributes.
func talentOutcomes(ctx context.Context, q querier, agencyID int64) ([]fairnessPerson, error) {
	var reviewID int64
	var on merit.Date
	err := q.QueryRowContext(ctx, `SELECT id, reviewed_on FROM talent_review WHERE agency_id = $1 ORDER BY reviewed_on DESC, id DESC LIMIT 1`,
		agencyID).Scan(&reviewID, &on)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT p.final_box, e.sex, e.religion, e.birth_date FROM talent_placement p
		JOIN employee e ON e.agency_id = p.agency_id AND e.id = p.employee_id
		WHERE p.agency_id = $1 AND p.review_id = $2 AND p.mapped`, agencyID, reviewID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []fairnessPerson
	for rows.Next() {
		p := fairnessPerson{point: "talent", on: on}
		var box int
		if err := rows.Scan(&box, &p.sex, &p.religion, &p.birth); err != nil {
			return nil, err
		}
		p.favourable = evaluation.FavourableBox(box)
		out = append(out, p)
	}
	return out, rows.Err()
}

// selectionOutcomes reads, for every stage result of the agency's open
// selections whose candidate is an employee, whether the candidate went on
// (a result in the next stage, or a decision), keeping only stages their
// selection has moved past (a later stage has results, or a post was
// decided).
func selectionOutcomes(ctx context.Context, q querier, agencyID int64, today merit.Date) ([]fairnessPerson, error) {
	rows, err := q.QueryContext(ctx, `SELECT st.kind, e.sex, e.religion, e.birth_date,
		EXISTS (SELECT 1 FROM selection_result r2 JOIN selection_stage s2 ON s2.agency_id = r2.agency_id AND s2.id = r2.stage_id
			WHERE r2.agency_id = r.agency_id AND r2.candidate_id = r.candidate_id AND s2.selection_id = st.selection_id AND s2.seq > st.seq)
		OR EXISTS (SELECT 1 FROM selection_decision d WHERE d.agency_id = r.agency_id AND d.candidate_id = r.candidate_id),
		EXISTS (SELECT 1 FROM selection_result r3 JOIN selection_stage s3 ON s3.agency_id = r3.agency_id AND s3.id = r3.stage_id
			WHERE r3.agency_id = r.agency_id AND s3.selection_id = st.selection_id AND s3.seq > st.seq)
		OR EXISTS (SELECT 1 FROM selection_decision d2 WHERE d2.agency_id = r.agency_id AND d2.selection_id = st.selection_id)
		FROM selection_result r
		JOIN selection_stage st ON st.agency_id = r.agency_id AND st.id = r.stage_id
		JOIN selection_candidate c ON c.agency_id = r.agency_id AND c.id = r.candidate_id
		JOIN employee e ON e.agency_id = c.agency_id AND e.id = c.employee_id
		WHERE r.agency_id = $1 ORDER BY st.seq, st.kind`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []fairnessPerson
	for rows.Next() {
		p := fairnessPerson{on: today}
		var kind string
		var moved bool
		if err := rows.Scan(&kind, &p.sex, &p.religion, &p.birth, &p.favourable, &moved); err != nil {
			return nil, err
		}
		if moved {
			p.point = "selection:" + kind
			out = append(out, p)
		}
	}
	return out, rows.Err()
}
