package sqldb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"

	"merit"
	"merit/evaluation"
)

// MaxEvidenceSize is the largest evidence file (bukti dukung) an indicator
// takes: 10 MiB, enough for a scanned decree or a spreadsheet of data, and
// kept in the database (decisions.md "Evaluation evidence in the database").
const MaxEvidenceSize = 10 << 20

// The evidence types beyond what http.DetectContentType names: Office Open
// XML workbooks and documents, recognised by their parts.
const (
	contentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	contentTypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// EvidenceFile is an evidence file with its bytes, as downloaded.
type EvidenceFile struct {
	evaluation.Evidence
	AssessmentID int64  `json:"assessmentId"`
	Indicator    string `json:"indicator"`
	UploadedBy   string `json:"uploadedBy,omitempty"`
	Data         []byte `json:"-"`
}

// newEvidence checks an uploaded file and describes it: at most
// MaxEvidenceSize, and by its content (never its name or a client's word) a
// PDF, JPEG, PNG, XLSX or DOCX; an Office file carrying macros
// (vbaProject.bin) is refused. The name keeps only its last element.
func newEvidence(name string, data []byte) (*EvidenceFile, error) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if name == "." || name == "/" {
		name = "bukti"
	}
	bad := func(code string, args ...any) error {
		return merit.Invalid("sqldb.newEvidence", merit.FieldError{Field: "file", Code: code, Value: name, Args: args})
	}
	if len(data) == 0 {
		return nil, bad("evaluation.evidence.empty")
	}
	if len(data) > MaxEvidenceSize {
		return nil, bad("evaluation.evidence.size", MaxEvidenceSize>>20)
	}
	ct := http.DetectContentType(data)
	switch ct {
	case "application/pdf", "image/jpeg", "image/png":
	case "application/zip":
		if ct = officeType(data); ct == "" {
			return nil, bad("evaluation.evidence.type")
		}
	default:
		return nil, bad("evaluation.evidence.type")
	}
	sum := sha256.Sum256(data)
	return &EvidenceFile{Evidence: evaluation.Evidence{FileName: name, ContentType: ct, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:])}, Data: data}, nil
}

// officeType names an XLSX or DOCX by its parts; "" for any other zip or
// one with macros.
func officeType(data []byte) string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	ct, types := "", false
	for _, f := range z.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case f.Name == "xl/workbook.xml":
			ct = contentTypeXLSX
		case f.Name == "word/document.xml":
			ct = contentTypeDOCX
		case strings.HasSuffix(strings.ToLower(f.Name), "vbaproject.bin"):
			return ""
		}
	}
	if !types {
		return ""
	}
	return ct
}

// AddEvidence attaches a file to an indicator of a draft assessment
// (evaluation.write). The file is checked by newEvidence; its SHA-256 is
// kept and shown so the evaluator can tell it is the file submitted.
func (db *DB) AddEvidence(ctx context.Context, agencyID, assessmentID int64, indicator, name string, data []byte) (*EvidenceFile, error) {
	const op = "sqldb.AddEvidence"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return nil, err
	}
	f, err := newEvidence(name, data)
	if err != nil {
		return nil, err
	}
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
