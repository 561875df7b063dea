package sqldb

import (
	"context"
	"database/sql"

	"merit"
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

// PublishSelectionStage publishes a stage (selection.Record.Advance to
// published: its scores complete) and, for a scored stage, stores its
// results and seals it (selection.Record.Seal: the canonical file is kept,
// its hash chained to the stage's previous seal). A gate (administrasi)
// publishes the list of candidates who passed, without a seal. Audited.
func (db *DB) PublishSelectionStage(ctx context.Context, agencyID, selectionID, stageID int64) (*selection.Stage, *selection.Seal, error) {
	const op = "sqldb.PublishSelectionStage"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, nil, err
	}
	var st *selection.Stage
	var seal *selection.Seal
	err := db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRecord(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		if st, err = r.Stage(stageID); err != nil {
			return err
		}
		before := st.Status
		if err := r.Advance(stageID, selection.StagePublished); err != nil {
			return err
		}
		if err := tx.saveStageStatus(ctx, agencyID, st, before); err != nil {
			return err
		}
		if !st.Scored() {
			var results []selection.StageResult
			for _, c := range r.Eligible() {
				results = append(results, selection.StageResult{StageID: stageID, Kind: st.Kind, CandidateID: c.ID})
			}
			return tx.saveResults(ctx, agencyID, stageID, results)
		}
		if err := tx.storeResults(ctx, agencyID, r, stageID); err != nil {
			return err
		}
		s, file, err := r.Seal(stageID, tx.now)
		if err != nil {
			return err
		}
		seal = &s
		return tx.saveSeal(ctx, agencyID, s, file)
	})
	return st, seal, translate(op, err)
}

// storeResults computes a scored stage's results and stores them.
func (tx *Tx) storeResults(ctx context.Context, agencyID int64, r *selection.Record, stageID int64) error {
	results, err := r.Results(stageID)
	if err != nil {
		return err
	}
	return tx.saveResults(ctx, agencyID, stageID, results)
}

// saveResults replaces a stage's stored results.
func (tx *Tx) saveResults(ctx context.Context, agencyID, stageID int64, results []selection.StageResult) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM selection_result WHERE agency_id = $1 AND stage_id = $2`, agencyID, stageID); err != nil {
		return err
	}
	for _, res := range results {
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_result (agency_id, stage_id, candidate_id, score, members) VALUES ($1, $2, $3, $4, $5)`,
			agencyID, stageID, res.CandidateID, int64(res.Score), res.Members); err != nil {
			return err
		}
	}
	return nil
}

// saveSeal stores a seal with its canonical file, audited.
func (tx *Tx) saveSeal(ctx context.Context, agencyID int64, s selection.Seal, file []byte) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO selection_seal (agency_id, stage_id, seq, selection_id, hash, previous, canonical, sealed_by, sealed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, agencyID, s.StageID, s.Seq, s.SelectionID, s.Hash, s.Previous, file,
		actorID(ctx), s.At); err != nil {
		return err
	}
	return tx.audit(ctx, agencyID, "seal", "selection_stage", s.StageID, nil, s)
}

// AmendSelectionStage changes scores of a published stage for a reason
// (selection.Record.Amend): the scores are updated, the amendment keeps
// the changed lines before and after, the stage's results are recomputed
// and a new seal is chained to the previous one. Audited.
func (db *DB) AmendSelectionStage(ctx context.Context, agencyID, selectionID, stageID int64, changes []selection.Score,
	reason string) (*selection.Amendment, *selection.Seal, error) {
	const op = "sqldb.AmendSelectionStage"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, nil, err
	}
	var am *selection.Amendment
	var seal *selection.Seal
	err := db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRecord(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		for i := range changes {
			changes[i].StageID, changes[i].SelectionID = stageID, selectionID
		}
		a, s, file, err := r.Amend(stageID, changes, reason, actorID(ctx), tx.now)
		if err != nil {
			return err
		}
		am, seal = &a, &s
		for _, ch := range changes {
			if _, err := tx.ExecContext(ctx, `UPDATE selection_score SET value = $6, scored_at = $7
				WHERE agency_id = $1 AND stage_id = $2 AND candidate_id = $3 AND member_id = $4 AND criterion = $5`,
				agencyID, stageID, ch.CandidateID, ch.MemberID, ch.Criterion, int64(ch.Value), tx.now); err != nil {
				return err
			}
		}
		id, err := tx.nextID(ctx, "selection_amendment")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_amendment (agency_id, id, stage_id, selection_id, reason, before_text, after_text,
			seal_hash, amended_by, amended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, agencyID, id, stageID, selectionID,
			a.Reason, a.Before, a.After, a.SealHash, a.By, a.At); err != nil {
			return err
		}
		if err := tx.audit(ctx, agencyID, "amend", "selection_stage", stageID, a.Before, a); err != nil {
			return err
		}
		if err := tx.storeResults(ctx, agencyID, r, stageID); err != nil {
			return err
		}
		return tx.saveSeal(ctx, agencyID, s, file)
	})
	return am, seal, translate(op, err)
}

// SealCheck is the verification of one stored seal: the stage, the seal's
// sequence and hash, and what is wrong (empty when it holds).
type SealCheck struct {
	StageID int64               `json:"stageId"`
	Kind    selection.StageKind `json:"kind"`
	Seq     int                 `json:"seq"`
	Hash    string              `json:"hash"`
	Latest  bool                `json:"latest"`
	// Problem is "" when the seal holds, "file" when the stored canonical
	// file no longer gives the seal's hash (or is not canonical), "scores"
	// when the stored scores no longer give the latest seal's hash (a
	// score changed without an amendment), "chain" when the seal does not
	// name its predecessor's hash.
	Problem string `json:"problem,omitempty"`
}

// VerifySelectionSeals recomputes every seal of a selection (stageID 0)
// or of one stage: each stored canonical file against its hash
// (selection.VerifyFile) and its chain, and the latest seal of each stage
// against the scores stored now (selection.Record.VerifySeal), which finds
// a score edited directly in the database. For a reader of the selection.
func (db *DB) VerifySelectionSeals(ctx context.Context, agencyID, selectionID, stageID int64) ([]SealCheck, error) {
	const op = "sqldb.VerifySelectionSeals"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	// One snapshot: a write between reading the seals and the scores must
	// not look like tampering.
	var opts *sql.TxOptions
	if db.engine == Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, translate(op, err)
	}
	defer tx.Rollback()
	r, err := loadRecord(ctx, tx, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	var out []SealCheck
	prev := map[int64]string{}
	for _, s := range r.Seals {
		if stageID != 0 && s.StageID != stageID {
			continue
		}
		c := SealCheck{StageID: s.StageID, Kind: s.Kind, Seq: s.Seq, Hash: s.Hash}
		last, _ := r.LastSeal(s.StageID)
		c.Latest = last.Seq == s.Seq
		_, file, err := sealFile(ctx, tx, agencyID, s.StageID, s.Seq)
		if err != nil {
			return nil, translate(op, err)
		}
		switch {
		case s.Previous != prev[s.StageID]:
			c.Problem = "chain"
		case selection.VerifyFile(s, file) != nil:
			c.Problem = "file"
		case c.Latest && r.VerifySeal(s.StageID) != nil:
			c.Problem = "scores"
		}
		prev[s.StageID] = s.Hash
		out = append(out, c)
	}
	return out, nil
}
