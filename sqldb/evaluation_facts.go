package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"merit"
	"merit/evaluation"
)

// EvaluationFacts gathers what the agency's own data says about its merit
// practice on day asOf (evaluation.read), for the suggested levels
// (evaluation.Suggest):
//   - positions, and those with a competency standard (competency_standard);
//   - JPT posts filled in the two years before asOf: by open selection (the
//     PPK's decisions of migration 00016 on JPT posts) and through talent
//     management (succession_fill); the total is the two together, since
//     Merit records no other way of filling a JPT;
//   - the latest talent review's date and its pool (final boxes in the
//     agency's pool rule);
//   - employees, those with an SKP of the year before asOf, those with a
//     competency assessment, and those whose record is complete (birth
//     place, NIK, unit, position, TMT jabatan, education and religion set);
//   - the IP ASN computed for its employees: how many and the average, in
//     hundredths.
//
// Every count is one query over the agency's rows; nothing is written.
func (db *DB) EvaluationFacts(ctx context.Context, agencyID int64, asOf merit.Date) (*evaluation.Facts, error) {
	const op = "sqldb.EvaluationFacts"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	f, err := evaluationFacts(ctx, db.read, agencyID, asOf)
	return f, translate(op, err)
}

func evaluationFacts(ctx context.Context, q querier, agencyID int64, asOf merit.Date) (*evaluation.Facts, error) {
	f := &evaluation.Facts{AsOf: asOf}
	since := merit.DateOf(asOf.Time().AddDate(-2, 0, 0))
	counts := []struct {
		dst   *int
		query string
		args  []any
	}{
		{&f.Positions, `SELECT COUNT(*) FROM position WHERE agency_id = $1`, nil},
		{&f.PositionsWithStandard, `SELECT COUNT(DISTINCT position_id) FROM competency_standard WHERE agency_id = $1`, nil},
		{&f.JPTFilledOpen, `SELECT COUNT(*) FROM selection_decision d
			JOIN selection_post sp ON sp.agency_id = d.agency_id AND sp.id = d.post_id
			JOIN position p ON p.agency_id = sp.agency_id AND p.id = sp.position_id
			WHERE d.agency_id = $1 AND d.decided_at >= $2 AND d.decided_at < $3 AND p.jenis LIKE 'JPT%'`,
			[]any{since.Time(), asOf.Time().AddDate(0, 0, 1)}},
		{&f.JPTFilled, `SELECT COUNT(*) FROM succession_fill WHERE agency_id = $1 AND decided_at >= $2 AND decided_at < $3`,
			[]any{since.Time(), asOf.Time().AddDate(0, 0, 1)}},
		{&f.Employees, `SELECT COUNT(*) FROM employee WHERE agency_id = $1`, nil},
		{&f.EmployeesWithSKP, `SELECT COUNT(DISTINCT employee_id) FROM skp WHERE agency_id = $1 AND year = $2`, []any{asOf.Year() - 1}},
		{&f.EmployeesAssessed, `SELECT COUNT(DISTINCT employee_id) FROM assessment WHERE agency_id = $1`, nil},
		{&f.EmployeesComplete, `SELECT COUNT(*) FROM employee WHERE agency_id = $1 AND birth_place <> '' AND nik <> '' AND unit_id IS NOT NULL
			AND position_id IS NOT NULL AND tmt_jabatan IS NOT NULL AND education <> '' AND religion <> ''`, nil},
		{&f.IPASNCount, `SELECT COUNT(*) FROM ipasn_score WHERE agency_id = $1`, nil},
	}
	for _, c := range counts {
		if err := q.QueryRowContext(ctx, c.query, append([]any{agencyID}, c.args...)...).Scan(c.dst); err != nil {
			return nil, err
		}
	}
	f.JPTFilled += f.JPTFilledOpen
	if f.IPASNCount > 0 {
		var sum int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(total), 0) FROM ipasn_score WHERE agency_id = $1`, agencyID).Scan(&sum); err != nil {
			return nil, err
		}
		f.IPASNAverage = int(evaluation.Score(sum).DivInt(int64(f.IPASNCount)))
	}
	var reviewID int64
	err := q.QueryRowContext(ctx, `SELECT id, reviewed_on FROM talent_review WHERE agency_id = $1 AND reviewed_on <= $2
		ORDER BY reviewed_on DESC, id DESC LIMIT 1`, agencyID, asOf).Scan(&reviewID, &f.LastTalentReview)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return f, nil
	case err != nil:
		return nil, err
	}
	pool, err := poolRule(ctx, q, agencyID)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT final_box, COUNT(*) FROM talent_placement WHERE agency_id = $1 AND review_id = $2 AND mapped
		GROUP BY final_box`, agencyID, reviewID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var box, n int
		if err := rows.Scan(&box, &n); err != nil {
			return nil, err
		}
		if slices.Contains(pool.Boxes, box) {
			f.TalentPool += n
		}
	}
	return f, rows.Err()
}

// SuggestLevels computes the levels the agency's data suggests
// (EvaluationFacts, evaluation.Suggest with the default rules) and stores
// each on its indicator of a draft assessment (evaluation.write), with the
// evidence that led to it. The operator then accepts or overrides each in
// SetSelfLevel; the suggestion stays for the evaluator.
func (db *DB) SuggestLevels(ctx context.Context, agencyID, id int64) (*MeritAssessment, error) {
	const op = "sqldb.SuggestLevels"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return nil, err
	}
	err := db.writeTx(ctx, func(tx *Tx) error {
		a, in, err := findAssessmentHead(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if err := editable(a, in, ""); err != nil {
			return err
		}
		f, err := evaluationFacts(ctx, tx, agencyID, merit.DateOf(tx.now))
		if err != nil {
			return err
		}
		suggestions := evaluation.Suggest(string(in.Framework), *f, evaluation.SuggestRules)
		for _, s := range suggestions {
			if _, ok := in.Indicator(s.Indicator); !ok {
				continue // a rule for an indicator this version lacks
			}
			body, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE evaluation_entry SET suggested_level = $4, suggestion_evidence = $5
				WHERE agency_id = $1 AND assessment_id = $2 AND indicator = $3`, agencyID, id, s.Indicator, s.Level, string(body)); err != nil {
				return err
			}
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "evaluation_suggestion", id, nil, map[string]any{"facts": f, "suggestions": suggestions})
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return db.MeritAssessment(ctx, agencyID, id)
}
