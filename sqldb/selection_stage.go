package sqldb

import (
	"context"

	"merit"
	"merit/selection"
)

// Stages and scores of a selection. A rule spanning several parts is
// checked on a selection.Record loaded inside the write transaction.

// loadRecord reads everything stored about a selection (selection.Record).
func loadRecord(ctx context.Context, q querier, agencyID, selectionID int64) (*selection.Record, error) {
	s, err := loadSelection(ctx, q, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	r := &selection.Record{Selection: *s}
	if r.Members, err = selectionMembers(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	if r.Conflicts, err = selectionConflicts(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	if r.Candidates, err = selectionCandidates(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	if r.Scores, err = selectionScores(ctx, q, agencyID, selectionID, 0); err != nil {
		return nil, err
	}
	if r.Decisions, err = selectionDecisions(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	if r.Seals, err = selectionSeals(ctx, q, agencyID, selectionID, 0); err != nil {
		return nil, err
	}
	r.Amendments, err = selectionAmendments(ctx, q, agencyID, selectionID)
	return r, err
}

// selectionScores reads the scores of a selection (stageID 0) or of one
// stage, in a stable order: stage, candidate, member, criterion.
func selectionScores(ctx context.Context, q querier, agencyID, selectionID, stageID int64) ([]selection.Score, error) {
	cond, args := `selection_id = $2`, []any{agencyID, selectionID}
	if stageID != 0 {
		cond, args = cond+` AND stage_id = $3`, append(args, stageID)
	}
	rows, err := q.QueryContext(ctx, `SELECT stage_id, candidate_id, member_id, criterion, value, scored_at FROM selection_score
		WHERE agency_id = $1 AND `+cond+` ORDER BY stage_id, candidate_id, member_id, criterion`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Score
	for rows.Next() {
		sc := selection.Score{SelectionID: selectionID}
		if err := rows.Scan(&sc.StageID, &sc.CandidateID, &sc.MemberID, &sc.Criterion, &sc.Value, &sc.ScoredAt); err != nil {
			return nil, err
		}
		sc.ScoredAt = sc.ScoredAt.UTC()
		out = append(out, sc)
	}
	return out, rows.Err()
}

// AdvanceSelectionStage moves a stage one step forward
// (selection.Record.Advance checks the step: no scoring before
// administrasi closes, no publication of incomplete scores...), audited.
// Publishing goes through PublishSelectionStage, which also seals.
func (db *DB) AdvanceSelectionStage(ctx context.Context, agencyID, selectionID, stageID int64, to selection.StageStatus) (*selection.Stage, error) {
	const op = "sqldb.AdvanceSelectionStage"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	if to == selection.StagePublished {
		st, _, err := db.PublishSelectionStage(ctx, agencyID, selectionID, stageID)
		return st, err
	}
	var st *selection.Stage
	err := db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRecord(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		if st, err = r.Stage(stageID); err != nil {
			return err
		}
		before := st.Status
		if err := r.Advance(stageID, to); err != nil {
			return err
		}
		return tx.saveStageStatus(ctx, agencyID, st, before)
	})
	return st, translate(op, err)
}

// saveStageStatus writes a stage's new status, audited.
func (tx *Tx) saveStageStatus(ctx context.Context, agencyID int64, st *selection.Stage, before selection.StageStatus) error {
	if _, err := tx.ExecContext(ctx, `UPDATE selection_stage SET status = $3 WHERE agency_id = $1 AND id = $2`, agencyID, st.ID, st.Status); err != nil {
		return err
	}
	return tx.audit(ctx, agencyID, "advance", "selection_stage", st.ID, map[string]any{"status": before}, map[string]any{"status": st.Status})
}

// SetSelectionScores records a member's scorecard of one candidate in one
// stage (one score per criterion), replacing the member's earlier scores
// of the same cells, audited. Each score is checked by
// selection.Record.SetScore: the stage open, the candidate eligible, the
// member's ethics accepted and no declared conflict with the candidate
// (KindForbidden), the value within the criterion's maximum. A panel
// member scores as themself only (memberID 0 means themself); the
// secretariat records a member's paper scorecard on their behalf.
func (db *DB) SetSelectionScores(ctx context.Context, agencyID, selectionID int64, scores []selection.Score) error {
	const op = "sqldb.SetSelectionScores"
	own, err := selectionAccess(ctx, db.read, merit.PermSelectionScore, agencyID, selectionID)
	if err != nil {
		return err
	}
	for i := range scores {
		if scores[i].MemberID == 0 {
			scores[i].MemberID = own
		}
		switch {
		case scores[i].MemberID == 0:
			return merit.Invalid(op, merit.FieldError{Field: "memberId", Code: "field.required"})
		case own != 0 && scores[i].MemberID != own:
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRecord(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		for i := range scores {
			sc := &scores[i]
			sc.SelectionID, sc.ScoredAt = selectionID, tx.now
			if err := r.SetScore(*sc); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO selection_score (agency_id, stage_id, candidate_id, member_id, criterion, selection_id,
				value, scored_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
				ON CONFLICT (agency_id, stage_id, candidate_id, member_id, criterion) DO UPDATE SET value = excluded.value, scored_at = excluded.scored_at`,
				agencyID, sc.StageID, sc.CandidateID, sc.MemberID, sc.Criterion, selectionID, int64(sc.Value), tx.now); err != nil {
				return err
			}
		}
		if len(scores) == 0 {
			return nil
		}
		return tx.audit(ctx, agencyID, "score", "selection_stage", scores[0].StageID, nil, scores)
	}))
}

// StageScores returns the scores of one stage: all of them for a reader,
// only the member's own for a panel member (who scores independently).
func (db *DB) StageScores(ctx context.Context, agencyID, selectionID, stageID int64) ([]selection.Score, error) {
	const op = "sqldb.StageScores"
	own, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	all, err := selectionScores(ctx, db.read, agencyID, selectionID, stageID)
	if err != nil || own == 0 {
		return all, translate(op, err)
	}
	var mine []selection.Score
	for _, s := range all {
		if s.MemberID == own {
			mine = append(mine, s)
		}
	}
	return mine, nil
}

// StageProgress returns the score cells of a stage still missing
// (selection.Record.Missing), for the secretariat's progress view.
func (db *DB) StageProgress(ctx context.Context, agencyID, selectionID, stageID int64) ([]selection.Score, error) {
	const op = "sqldb.StageProgress"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	r, err := loadRecord(ctx, db.read, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	if _, err := r.Stage(stageID); err != nil {
		return nil, err
	}
	return r.Missing(stageID), nil
}

// StageResults returns a scored stage's results per eligible candidate
// (selection.Record.Results), for a reader or a member of the selection's
// panel (the panel proposes the top three).
func (db *DB) StageResults(ctx context.Context, agencyID, selectionID, stageID int64) ([]selection.StageResult, error) {
	const op = "sqldb.StageResults"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	r, err := loadRecord(ctx, db.read, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	return r.Results(stageID)
}

// SelectionRankings returns each post's ranking over the weighted stages
// (selection.Record.Rankings, with the stated tie rule), the top three
// first, for a reader (the PPK among them) or a member of the selection's
// panel.
func (db *DB) SelectionRankings(ctx context.Context, agencyID, selectionID int64) ([]selection.Ranking, error) {
	const op = "sqldb.SelectionRankings"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	r, err := loadRecord(ctx, db.read, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	return r.Rankings()
}

// DecideSelection records the PPK's choice of one of a post's top three
// with the reason (selection.Record.Decide: every weighted stage
// published, one decision per post); when every post is decided the
// selection is decided. Audited.
func (db *DB) DecideSelection(ctx context.Context, agencyID int64, d *selection.Decision) error {
	const op = "sqldb.DecideSelection"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionDecide, agencyID, d.SelectionID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRecord(ctx, tx, agencyID, d.SelectionID)
		if err != nil {
			return err
		}
		d.DecidedBy, d.DecidedAt = actorID(ctx), tx.now
		if err := r.Decide(*d); err != nil {
			return err
		}
		*d = r.Decisions[len(r.Decisions)-1]
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_decision (agency_id, post_id, selection_id, candidate_id, reason, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, agencyID, d.PostID, d.SelectionID, d.CandidateID, d.Reason, d.DecidedBy, d.DecidedAt); err != nil {
			return err
		}
		if r.Selection.Status == selection.StatusDecided {
			if _, err := tx.ExecContext(ctx, `UPDATE selection SET status = $3, updated_at = $4 WHERE agency_id = $1 AND id = $2`,
				agencyID, d.SelectionID, r.Selection.Status, tx.now); err != nil {
				return err
			}
		}
		return tx.audit(ctx, agencyID, "decide", "selection", d.SelectionID, nil, d)
	}))
}

// SelectionRecord returns everything stored about a selection
// (selection.Record: the selection, panel, conflicts, candidates, scores,
// decisions, seals, amendments), for a reader: the report for the
// supervisor (package selection/report) is built from it.
func (db *DB) SelectionRecord(ctx context.Context, agencyID, selectionID int64) (*selection.Record, error) {
	const op = "sqldb.SelectionRecord"
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		return nil, err
	}
	r, err := loadRecord(ctx, db.read, agencyID, selectionID)
	return r, translate(op, err)
}
