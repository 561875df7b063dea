package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"merit"
	"merit/evaluation"
	"merit/selection"
)

// jptName names the Indeks Kualitas Pengisian JPT in the instrument list.
const jptName = "Indeks Kualitas Pengisian JPT"

// JPTIndexRecord is an agency's Indeks Kualitas Pengisian JPT of a year
// (regulations.md §2): the instrument version, what the selection records
// said, the evaluator's scores and the computed result.
type JPTIndexRecord struct {
	AgencyID   int64                    `json:"agencyId"`
	ID         int64                    `json:"id"`
	Year       int                      `json:"year"`
	Index      evaluation.InstrumentRef `json:"index"`
	Inputs     evaluation.JPTInputs     `json:"inputs"`
	Result     evaluation.JPTResult     `json:"result"`
	ComputedAt time.Time                `json:"computedAt"`
	ComputedBy string                   `json:"computedBy,omitempty"`
}

// latestJPTIndex reads the newest stored version of the JPT index.
func latestJPTIndex(ctx context.Context, q querier) (*evaluation.JPTIndex, error) {
	var body string
	err := q.QueryRowContext(ctx, `SELECT body FROM evaluation_instrument WHERE framework = $1 ORDER BY version DESC LIMIT 1`,
		evaluation.InstrumentJPT).Scan(&body)
	if err != nil {
		return nil, err
	}
	return evaluation.ReadJPTIndex(strings.NewReader(body))
}

// JPTSelections returns what the agency's open selections whose
// registration closed in the year say for the JPT index (evaluation.read):
// the panel judged by the selection's own rule (selection.PanelRule.Check),
// the announcement's length (the day announced to the closing day, both
// counted), stages planned, done (closed or published) and published,
// whether every panel member accepted the code of ethics with its
// declaration of conflicts, and the day the PPK chose (the end). Merit keeps
// no record of the report to the supervisor being sent: Reported stays
// zero, and the evaluator scores that indicator.
func (db *DB) JPTSelections(ctx context.Context, agencyID int64, year int) ([]evaluation.JPTSelection, error) {
	const op = "sqldb.JPTSelections"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	out, err := jptSelections(ctx, db.read, agencyID, year)
	return out, translate(op, err)
}

func jptSelections(ctx context.Context, q querier, agencyID int64, year int) ([]evaluation.JPTSelection, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM selection WHERE agency_id = $1 AND announced_at IS NOT NULL
		AND registration_close >= $2 AND registration_close <= $3 ORDER BY id`, agencyID,
		merit.NewDate(year, time.January, 1), merit.NewDate(year, time.December, 31))
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []evaluation.JPTSelection{}
	for _, id := range ids {
		s, err := loadSelection(ctx, q, agencyID, id)
		if err != nil {
			return nil, err
		}
		members, err := selectionMembers(ctx, q, agencyID, id)
		if err != nil {
			return nil, err
		}
		js := evaluation.JPTSelection{Code: s.Title, PanelByRules: s.Panel.Check(members) == nil, StagesPlanned: len(s.Stages),
			ConflictsAll: len(members) > 0}
		if announced := merit.DateOf(s.AnnouncedAt); !s.RegistrationClose.Before(announced) {
			js.AnnouncementDays = int(s.RegistrationClose.Time().Sub(announced.Time()).Hours()/24) + 1
		}
		for _, st := range s.Stages {
			switch st.Status {
			case selection.StagePublished:
				js.StagesPublished++
				js.StagesDone++
			case selection.StageClosed:
				js.StagesDone++
			}
		}
		for _, m := range members {
			if m.EthicsAcceptedAt.IsZero() {
				js.ConflictsAll = false
			}
		}
		// The latest decision by ORDER BY, not MAX: SQLite returns MAX of a
		// timestamp column as text, which does not scan into a time.
		var ended time.Time
		err = q.QueryRowContext(ctx, `SELECT decided_at FROM selection_decision WHERE agency_id = $1 AND selection_id = $2
			ORDER BY decided_at DESC LIMIT 1`, agencyID, id).Scan(&ended)
		switch {
		case err == nil:
			js.Ended = merit.DateOf(ended)
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
		out = append(out, js)
	}
	return out, nil
}

// ComputeJPTIndex computes and stores the agency's JPT index of a year
// (evaluation.verify: the evaluator's act) with the newest stored version
// of the index: the selection records as JPTSelections reads them and the
// evaluator's scores per indicator code (which also override a measured
// indicator). It replaces that year's index.
func (db *DB) ComputeJPTIndex(ctx context.Context, agencyID int64, year int, scores map[string]evaluation.Score) (*JPTIndexRecord, error) {
	const op = "sqldb.ComputeJPTIndex"
	if err := merit.Authorize(ctx, merit.PermEvaluationVerify, agencyID); err != nil {
		return nil, err
	}
	if err := evaluation.CheckYear(op, year, merit.DateOf(db.Now())); err != nil {
		return nil, err
	}
	if scores == nil {
		scores = map[string]evaluation.Score{}
	}
	r := &JPTIndexRecord{AgencyID: agencyID, Year: year, ComputedBy: usernameOf(ctx)}
	err := db.writeTx(ctx, func(tx *Tx) error {
		x, err := latestJPTIndex(ctx, tx)
		if err != nil {
			return err
		}
		r.Index = evaluation.InstrumentRef{Framework: x.Framework, Version: x.Version}
		sels, err := jptSelections(ctx, tx, agencyID, year)
		if err != nil {
			return err
		}
		r.Inputs = evaluation.JPTInputs{Selections: sels, Evaluator: scores}
		if r.Result, err = x.Compute(r.Inputs); err != nil {
			return err
		}
		r.ComputedAt = tx.now
		inputs, _ := json.Marshal(sels)
		evaluator, _ := json.Marshal(scores)
		result, _ := json.Marshal(r.Result)
		old, err := findJPTIndex(ctx, tx, agencyID, year)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if r.ID, err = tx.nextID(ctx, "evaluation_jpt_index"); err != nil {
				return err
			}
			old = nil
		case err != nil:
			return err
		default:
			r.ID = old.ID
			if _, err := tx.ExecContext(ctx, `DELETE FROM evaluation_jpt_index WHERE agency_id = $1 AND id = $2`, agencyID, old.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_jpt_index (agency_id, id, year, framework, version, inputs, evaluator_inputs,
			result, score, category, computed_at, computed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			agencyID, r.ID, year, string(r.Index.Framework), r.Index.Version, string(inputs), string(evaluator), string(result),
			r.Result.Total, r.Result.Band.Code, r.ComputedAt, r.ComputedBy); err != nil {
			return err
		}
		action := merit.AuditCreate
		if old != nil {
			action = merit.AuditUpdate
		}
		return tx.audit(ctx, agencyID, action, "evaluation_jpt_index", r.ID, old, r)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return r, nil
}

// JPTIndexOf returns the agency's stored JPT index of a year
// (evaluation.read).
func (db *DB) JPTIndexOf(ctx context.Context, agencyID int64, year int) (*JPTIndexRecord, error) {
	const op = "sqldb.JPTIndexOf"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	r, err := findJPTIndex(ctx, db.read, agencyID, year)
	return r, translate(op, err)
}

func findJPTIndex(ctx context.Context, q querier, agencyID int64, year int) (*JPTIndexRecord, error) {
	r := &JPTIndexRecord{AgencyID: agencyID, Year: year}
	var inputs, evaluator, result string
	err := q.QueryRowContext(ctx, `SELECT id, framework, version, inputs, evaluator_inputs, result, computed_at, computed_by
		FROM evaluation_jpt_index WHERE agency_id = $1 AND year = $2`, agencyID, year).Scan(&r.ID, &r.Index.Framework, &r.Index.Version,
		&inputs, &evaluator, &result, &r.ComputedAt, &r.ComputedBy)
	if err != nil {
		return nil, err
	}
	r.ComputedAt = r.ComputedAt.UTC()
	for _, part := range []struct {
		text string
		dst  any
	}{{inputs, &r.Inputs.Selections}, {evaluator, &r.Inputs.Evaluator}, {result, &r.Result}} {
		if err := json.Unmarshal([]byte(part.text), part.dst); err != nil {
			return nil, fmt.Errorf("evaluation_jpt_index %d: %w", r.ID, err)
		}
	}
	return r, nil
}
