package sqldb

import (
	"context"

	"merit"
	"merit/evaluation"
)

// EvidenceFile is an evidence file with its bytes, as downloaded.
type EvidenceFile struct {
	evaluation.Evidence
	AssessmentID int64  `json:"assessmentId"`
	Indicator    string `json:"indicator"`
	UploadedBy   string `json:"uploadedBy,omitempty"`
	Data         []byte `json:"-"`
}

// AddEvidence attaches a file to an indicator of a draft assessment
// (evaluation.write). The file is checked by evaluation.CheckEvidence; its SHA-256 is
// kept and shown so the evaluator can tell it is the file submitted.
func (db *DB) AddEvidence(ctx context.Context, agencyID, assessmentID int64, indicator, name string, data []byte) (*EvidenceFile, error) {
	const op = "sqldb.AddEvidence"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return nil, err
	}
	ev, err := evaluation.CheckEvidence(name, data)
	if err != nil {
		return nil, err
	}
	f := &EvidenceFile{Evidence: ev, Data: data}
	f.AssessmentID, f.Indicator = assessmentID, indicator
	if a := merit.ActorFrom(ctx); a != nil {
		f.UploadedBy = a.Username
	}
	err = db.writeTx(ctx, func(tx *Tx) error {
		a, in, err := findAssessmentHead(ctx, tx, agencyID, assessmentID)
		if err != nil {
			return err
		}
		if err := editable(a, in, indicator); err != nil {
			return err
		}
		if f.ID, err = tx.nextID(ctx, "evaluation_evidence"); err != nil {
			return err
		}
		f.UploadedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_evidence (agency_id, id, assessment_id, indicator, file_name, content_type,
			size, sha256, bytes, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			agencyID, f.ID, assessmentID, indicator, f.FileName, f.ContentType, f.Size, f.SHA256, f.Data, f.UploadedAt, f.UploadedBy); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "evaluation_evidence", f.ID, nil, f)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return f, nil
}

// DeleteEvidence removes a file from an indicator of a draft assessment
// (evaluation.write).
func (db *DB) DeleteEvidence(ctx context.Context, agencyID, assessmentID, id int64) error {
	const op = "sqldb.DeleteEvidence"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		f, err := findEvidence(ctx, tx, agencyID, assessmentID, id, false)
		if err != nil {
			return err
		}
		a, in, err := findAssessmentHead(ctx, tx, agencyID, assessmentID)
		if err != nil {
			return err
		}
		if err := editable(a, in, f.Indicator); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM evaluation_evidence WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "evaluation_evidence", id, f, nil)
	}))
}

// FindEvidence returns one evidence file with its bytes to a reader of the
// agency's evaluation (its evaluator included). Callers serve it only as a
// download (Content-Disposition: attachment, X-Content-Type-Options:
// nosniff): it is never shown inline or executed.
func (db *DB) FindEvidence(ctx context.Context, agencyID, assessmentID, id int64) (*EvidenceFile, error) {
	const op = "sqldb.FindEvidence"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	f, err := findEvidence(ctx, db.read, agencyID, assessmentID, id, true)
	return f, translate(op, err)
}

func findEvidence(ctx context.Context, q querier, agencyID, assessmentID, id int64, withData bool) (*EvidenceFile, error) {
	f := &EvidenceFile{AssessmentID: assessmentID}
	data := "NULL"
	if withData {
		data = "bytes"
	}
	var raw []byte
	err := q.QueryRowContext(ctx, `SELECT id, indicator, file_name, content_type, size, sha256, uploaded_at, uploaded_by, `+data+`
		FROM evaluation_evidence WHERE agency_id = $1 AND assessment_id = $2 AND id = $3`, agencyID, assessmentID, id).Scan(
		&f.ID, &f.Indicator, &f.FileName, &f.ContentType, &f.Size, &f.SHA256, &f.UploadedAt, &f.UploadedBy, &raw)
	if err != nil {
		return nil, err
	}
	f.UploadedAt, f.Data = f.UploadedAt.UTC(), raw
	return f, nil
}

// evidenceOf reads the evidence list (without bytes) of an assessment, by
// indicator.
func evidenceOf(ctx context.Context, q querier, agencyID, assessmentID int64) (map[string][]evaluation.Evidence, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, indicator, file_name, content_type, size, sha256, uploaded_at
		FROM evaluation_evidence WHERE agency_id = $1 AND assessment_id = $2 ORDER BY indicator, id`, agencyID, assessmentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]evaluation.Evidence{}
	for rows.Next() {
		var e evaluation.Evidence
		var ind string
		if err := rows.Scan(&e.ID, &ind, &e.FileName, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedAt); err != nil {
			return nil, err
		}
		e.UploadedAt = e.UploadedAt.UTC()
		out[ind] = append(out[ind], e)
	}
	return out, rows.Err()
}
