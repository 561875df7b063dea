package sqldb

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"merit"
	"merit/selection"
)

// The public portal of open selections: no actor, only what is public. A
// selection is public once announced (drafts do not exist here); a stage's
// results and seals once the stage is published; candidates' names only as
// they appear in a published stage or, during uji publik, on the shortlist.

// PublicAgency returns the agency with the code for the public portal
// (agencies are public: their name is on every announcement).
func (db *DB) PublicAgency(ctx context.Context, code string) (*merit.Agency, error) {
	const op = "sqldb.PublicAgency"
	var a merit.Agency
	err := db.read.QueryRowContext(ctx, `SELECT id, code, name, kind, created_at FROM agency WHERE code = $1`, code).
		Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.CreatedAt)
	return &a, translate(op, err)
}

// publicSelection reads an announced (or decided, or cancelled) selection:
// a draft is KindNotFound.
func publicSelection(ctx context.Context, q querier, agencyID, id int64) (*selection.Selection, error) {
	s, err := loadSelection(ctx, q, agencyID, id)
	if err != nil {
		return nil, err
	}
	if s.Status == selection.StatusDraft {
		return nil, merit.Errorf(merit.KindNotFound, "sqldb.publicSelection", "err.not_found")
	}
	return s, nil
}

// PublicSelections returns the agency's public selections, newest first.
func (db *DB) PublicSelections(ctx context.Context, agencyID int64) ([]*selection.Selection, error) {
	const op = "sqldb.PublicSelections"
	rows, err := db.read.QueryContext(ctx, `SELECT `+selectionColumns+` FROM selection WHERE agency_id = $1 AND status <> $2 ORDER BY id DESC`,
		agencyID, selection.StatusDraft)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*selection.Selection
	for rows.Next() {
		s, err := scanSelection(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, s)
	}
	return out, translate(op, rows.Err())
}

// PublicAnnouncement is a selection as the public portal shows it: the
// announcement with posts, requirements and timeline, the panel's names
// (without their accounts), the seals of published stages and the PPK's
// decisions.
type PublicAnnouncement struct {
	Selection    *selection.Selection   `json:"selection"`
	Requirements selection.Requirements `json:"requirements"`
	Panel        []selection.Member     `json:"panel"`
	Seals        []selection.Seal       `json:"seals"`
	Decisions    []PublicDecision       `json:"decisions"`
}

// PublicDecision is the PPK's choice for a post as published: the chosen
// candidate's registration number and name (the reason stays internal).
type PublicDecision struct {
	PostID int64  `json:"postId"`
	RegNo  string `json:"regNo"`
	Name   string `json:"name"`
}

// PublicSelection returns a public selection's announcement.
func (db *DB) PublicSelection(ctx context.Context, agencyID, id int64) (*PublicAnnouncement, error) {
	const op = "sqldb.PublicSelection"
	r, err := publicRecord(ctx, db.read, agencyID, id)
	if err != nil {
		return nil, translate(op, err)
	}
	p := &PublicAnnouncement{Selection: &r.Selection, Requirements: selection.RequirementsFor(r.Selection.Level), Seals: r.Seals}
	for _, m := range r.Members {
		m.UserID = 0
		p.Panel = append(p.Panel, m)
	}
	for _, d := range r.Decisions {
		c, err := r.Candidate(d.CandidateID)
		if err != nil {
			return nil, err
		}
		p.Decisions = append(p.Decisions, PublicDecision{PostID: d.PostID, RegNo: c.RegNo, Name: c.Name})
	}
	return p, nil
}

// publicRecord loads the record of a public selection.
func publicRecord(ctx context.Context, q querier, agencyID, id int64) (*selection.Record, error) {
	if _, err := publicSelection(ctx, q, agencyID, id); err != nil {
		return nil, err
	}
	return loadRecord(ctx, q, agencyID, id)
}

// PublicResult is one candidate's line in a published stage: the
// registration number, the name and the stage result.
type PublicResult struct {
	RegNo string `json:"regNo"`
	Name  string `json:"name"`
	selection.StageResult
}

// PublicStage is a published stage's results with its seals (the latest
// last) for the public portal.
type PublicStage struct {
	Stage   selection.Stage  `json:"stage"`
	Results []PublicResult   `json:"results"`
	Seals   []selection.Seal `json:"seals"`
}

// PublicStageResults returns a published stage's results as stored at its
// publication (and amendments) with its seals; a stage not published is
// KindNotFound.
func (db *DB) PublicStageResults(ctx context.Context, agencyID, selectionID, stageID int64) (*PublicStage, error) {
	const op = "sqldb.PublicStageResults"
	r, err := publicRecord(ctx, db.read, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	st, err := r.Stage(stageID)
	if err != nil || st.Status != selection.StagePublished {
		return nil, merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	out := &PublicStage{Stage: *st}
	for _, s := range r.Seals {
		if s.StageID == stageID {
			out.Seals = append(out.Seals, s)
		}
	}
	results, err := storedResults(ctx, db.read, agencyID, stageID)
	if err != nil {
		return nil, translate(op, err)
	}
	for _, res := range results {
		c, err := r.Candidate(res.CandidateID)
		if err != nil {
			return nil, err
		}
		res.Kind = st.Kind
		out.Results = append(out.Results, PublicResult{RegNo: c.RegNo, Name: c.Name, StageResult: res})
	}
	slices.SortFunc(out.Results, func(a, b PublicResult) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.RegNo, b.RegNo))
	})
	return out, nil
}

// storedResults reads the results stored when a stage was published.
func storedResults(ctx context.Context, q querier, agencyID, stageID int64) ([]selection.StageResult, error) {
	rows, err := q.QueryContext(ctx, `SELECT candidate_id, score, members FROM selection_result WHERE agency_id = $1 AND stage_id = $2
		ORDER BY candidate_id`, agencyID, stageID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.StageResult
	for rows.Next() {
		res := selection.StageResult{StageID: stageID}
		if err := rows.Scan(&res.CandidateID, &res.Score, &res.Members); err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, rows.Err()
}

// PublicSealFile returns the canonical file of a published stage's seal
// (seq 0: the latest) for anyone to recompute its hash.
func (db *DB) PublicSealFile(ctx context.Context, agencyID, selectionID, stageID int64, seq int) (*selection.Seal, []byte, error) {
	const op = "sqldb.PublicSealFile"
	if _, err := publicSelection(ctx, db.read, agencyID, selectionID); err != nil {
		return nil, nil, translate(op, err)
	}
	s, data, err := sealFile(ctx, db.read, agencyID, stageID, seq)
	if err != nil || s.SelectionID != selectionID {
		return nil, nil, merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	return &s, data, nil
}
