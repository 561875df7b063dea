package sqldb

import (
	"context"
	"database/sql"

	"merit/selection"
)

// Seals, amendments and the PPK's decisions of a selection.

// selectionSeals reads the seals of a selection (stageID 0) or of one
// stage, oldest first per stage.
func selectionSeals(ctx context.Context, q querier, agencyID, selectionID, stageID int64) ([]selection.Seal, error) {
	cond, args := `s.selection_id = $2`, []any{agencyID, selectionID}
	if stageID != 0 {
		cond, args = cond+` AND s.stage_id = $3`, append(args, stageID)
	}
	rows, err := q.QueryContext(ctx, `SELECT s.stage_id, st.kind, s.seq, s.hash, s.previous, s.sealed_at FROM selection_seal s
		JOIN selection_stage st ON st.agency_id = s.agency_id AND st.id = s.stage_id
		WHERE s.agency_id = $1 AND `+cond+` ORDER BY st.seq, s.seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Seal
	for rows.Next() {
		s := selection.Seal{SelectionID: selectionID}
		if err := rows.Scan(&s.StageID, &s.Kind, &s.Seq, &s.Hash, &s.Previous, &s.At); err != nil {
			return nil, err
		}
		s.At = s.At.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}

func selectionAmendments(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Amendment, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage_id, reason, before_text, after_text, seal_hash, amended_by, amended_at FROM selection_amendment
		WHERE agency_id = $1 AND selection_id = $2 ORDER BY id`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Amendment
	for rows.Next() {
		a := selection.Amendment{SelectionID: selectionID}
		if err := rows.Scan(&a.StageID, &a.Reason, &a.Before, &a.After, &a.SealHash, &a.By, &a.At); err != nil {
			return nil, err
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

func selectionDecisions(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Decision, error) {
	rows, err := q.QueryContext(ctx, `SELECT post_id, candidate_id, reason, decided_by, decided_at FROM selection_decision
		WHERE agency_id = $1 AND selection_id = $2 ORDER BY post_id`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Decision
	for rows.Next() {
		d := selection.Decision{SelectionID: selectionID}
		if err := rows.Scan(&d.PostID, &d.CandidateID, &d.Reason, &d.DecidedBy, &d.DecidedAt); err != nil {
			return nil, err
		}
		d.DecidedAt = d.DecidedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// sealFile returns the canonical file of a stage's seal (seq 0: the latest).
func sealFile(ctx context.Context, q querier, agencyID, stageID int64, seq int) (selection.Seal, []byte, error) {
	var s selection.Seal
	var data []byte
	cond := `seq = $3`
	if seq == 0 {
		cond = `seq = (SELECT max(seq) FROM selection_seal WHERE agency_id = $1 AND stage_id = $2) AND $3 = 0`
	}
	err := q.QueryRowContext(ctx, `SELECT selection_id, stage_id, seq, hash, previous, sealed_at, canonical FROM selection_seal
		WHERE agency_id = $1 AND stage_id = $2 AND `+cond, agencyID, stageID, seq).
		Scan(&s.SelectionID, &s.StageID, &s.Seq, &s.Hash, &s.Previous, &s.At, &data)
	if err == sql.ErrNoRows {
		return s, nil, err
	}
	s.At = s.At.UTC()
	return s, data, err
}
