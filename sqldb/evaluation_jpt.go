package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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

// JPTIndexVersions lists the stored versions of the JPT index (national,
// like the instruments: read by anyone signed in), oldest first, so the
// last is the current one that a new year's index is computed with.
func (db *DB) JPTIndexVersions(ctx context.Context) ([]InstrumentInfo, error) {
	const op = "sqldb.JPTIndexVersions"
	if err := signedIn(ctx, op); err != nil {
		return nil, err
	}
	out, err := instrumentInfos(ctx, db.read, "=")
	slices.SortStableFunc(out, func(a, b InstrumentInfo) int { return evaluation.CompareVersions(a.Version, b.Version) })
	return out, translate(op, err)
}

// JPTIndexVersion returns one stored version of the JPT index in full (the
// export file).
func (db *DB) JPTIndexVersion(ctx context.Context, version string) (*evaluation.JPTIndex, error) {
	const op = "sqldb.JPTIndexVersion"
	if err := signedIn(ctx, op); err != nil {
		return nil, err
	}
	x, err := findJPTVersion(ctx, db.read, version)
	return x, translate(op, err)
}

func findJPTVersion(ctx context.Context, q querier, version string) (*evaluation.JPTIndex, error) {
	var body string
	err := q.QueryRowContext(ctx, `SELECT body FROM evaluation_instrument WHERE framework = $1 AND version = $2`,
		evaluation.InstrumentJPT, version).Scan(&body)
	if err != nil {
		return nil, err
	}
	return evaluation.ReadJPTIndex(strings.NewReader(body))
}

// currentJPTIndex reads the current version of the JPT index: the greatest
// stored version (evaluation.CompareVersions, so 2021.10 is after 2021.9).
func currentJPTIndex(ctx context.Context, q querier) (*evaluation.JPTIndex, error) {
	list, err := instrumentInfos(ctx, q, "=")
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, sql.ErrNoRows
	}
	newest := slices.MaxFunc(list, func(a, b InstrumentInfo) int { return evaluation.CompareVersions(a.Version, b.Version) })
	return findJPTVersion(ctx, q, newest.Version)
}

// SaveJPTIndex stores a version of the JPT index (the platform's act, like
// SaveEvaluationInstrument): a new version, which becomes current when it
// is the greatest, or a correction of a stored one. It is validated by the
// domain. A version a stored agency index was computed with is not changed
// (KindConflict): that index must keep meaning what it meant; store a new
// version instead.
func (db *DB) SaveJPTIndex(ctx context.Context, x *evaluation.JPTIndex) error {
	const op = "sqldb.SaveJPTIndex"
	if err := merit.AuthorizePlatform(ctx); err != nil {
		return err
	}
	if err := x.Validate(); err != nil {
		return err
	}
	body, err := fileText(func(w io.Writer) error { return evaluation.WriteJPTIndex(w, x) })
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return translate(op, db.saveInstrumentVersion(ctx, op, instrumentVersion{ref: x.Ref(), name: jptName, unverified: x.Unverified,
		body: body, value: x, usedCode: "evaluation.err.jpt_version_used",
		find: func(tx *Tx) (any, error) { return findJPTVersion(ctx, tx, x.Version) },
		used: `SELECT COUNT(*) FROM evaluation_jpt_index WHERE framework = $1 AND version = $2`}))
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
// (evaluation.verify: the evaluator's act): a year computed before keeps the
// version it was computed with, as an assessment keeps its instrument; a
// new year takes the current version (currentJPTIndex). Inputs: the selection records as JPTSelections reads them and the
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
		old, err := findJPTIndex(ctx, tx, agencyID, year)
		var x *evaluation.JPTIndex
		switch {
		case errors.Is(err, sql.ErrNoRows):
			old = nil
			x, err = currentJPTIndex(ctx, tx)
		case err == nil:
			x, err = findJPTVersion(ctx, tx, old.Index.Version)
		}
		if err != nil {
			return err
		}
		r.Index = x.Ref()
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
		if old == nil {
			if r.ID, err = tx.nextID(ctx, "evaluation_jpt_index"); err != nil {
				return err
			}
		} else {
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
