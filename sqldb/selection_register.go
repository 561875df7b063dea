package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strings"

	"merit"
	"merit/selection"
)

// Registration is what an external applicant sends from the public
// portal: the profile and the documents, one per slot.
type Registration struct {
	Candidate selection.Candidate
	Documents []Upload
}

// Upload is one uploaded file for a document slot.
type Upload struct {
	Slot     selection.Slot
	FileName string
	Data     []byte
}

// RegisterExternalCandidate registers an applicant from another agency on
// the public portal (no actor): the selection must be announced and its
// registration window open today (selection.Selection.AcceptsRegistration),
// the profile valid, every document a PDF, JPEG or PNG of at most
// merit.MaxAttachmentSize (merit.NewAttachment: type by content, SHA-256).
// It returns the candidate and the access code with which the applicant
// uploads corrected documents (only its hash is kept). Audited without an
// actor.
func (db *DB) RegisterExternalCandidate(ctx context.Context, agencyID, selectionID int64, r *Registration) (*selection.Candidate, string, error) {
	const op = "sqldb.RegisterExternalCandidate"
	c := &r.Candidate
	docs, err := checkUploads(r.Documents)
	if err != nil {
		return nil, "", err
	}
	code := rand.Text()
	sum := sha256.Sum256([]byte(code))
	err = db.writeTx(ctx, func(tx *Tx) error {
		s, err := publicSelection(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		if err := s.AcceptsRegistration(merit.DateOf(tx.now)); err != nil {
			return err
		}
		if err := checkPost(s, c.PostID); err != nil {
			return err
		}
		c.EmployeeID, c.Verified, c.AdminNote, c.Status = 0, nil, "", selection.CandidateSubmitted
		if err := c.ValidateApplicant(); err != nil {
			return err
		}
		if err := duplicateNIP(ctx, tx, agencyID, selectionID, c.NIP); err != nil {
			return err
		}
		if err := tx.insertCandidate(ctx, agencyID, s, c, hex.EncodeToString(sum[:])); err != nil {
			return err
		}
		for _, d := range docs {
			if err := tx.putDocument(ctx, agencyID, c.ID, d); err != nil {
				return err
			}
		}
		return tx.audit(ctx, agencyID, "register", "selection_candidate", c.ID, nil, c)
	})
	if err != nil {
		return nil, "", translate(op, err)
	}
	return c, code, nil
}

// upload is a checked upload.
type upload struct {
	slot selection.Slot
	att  *merit.Attachment
}

// checkUploads checks every upload's slot, size and type (KindInvalid
// naming the slot).
func checkUploads(ups []Upload) ([]upload, error) {
	var fs merit.Fields
	var out []upload
	seen := map[selection.Slot]bool{}
	for _, u := range ups {
		if !u.Slot.Valid() || seen[u.Slot] {
			fs.Add("documents."+string(u.Slot), "field.unknown_ref", string(u.Slot))
			continue
		}
		seen[u.Slot] = true
		att, err := merit.NewAttachment(u.FileName, u.Data)
		if err != nil {
			for _, f := range merit.FieldsOf(err) {
				f.Field = "documents." + string(u.Slot)
				fs = append(fs, f)
			}
			continue
		}
		out = append(out, upload{slot: u.Slot, att: att})
	}
	return out, fs.Err("sqldb.checkUploads")
}

// putDocument stores (or replaces) the candidate's document in a slot, as
// uploaded and unchecked.
func (tx *Tx) putDocument(ctx context.Context, agencyID, candidateID int64, u upload) error {
	id, err := tx.nextID(ctx, "selection_document")
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO selection_document (agency_id, id, candidate_id, slot, status, file_name, content_type, size, sha256,
		bytes, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (agency_id, candidate_id, slot) DO UPDATE SET status = excluded.status, file_name = excluded.file_name,
		content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256, bytes = excluded.bytes,
		uploaded_at = excluded.uploaded_at, correction_deadline = NULL, checked_by = '', checked_at = NULL`,
		agencyID, id, candidateID, u.slot, selection.DocUploaded, u.att.Name, u.att.ContentType, u.att.Size, u.att.SHA256, u.att.Data, tx.now)
	return err
}

// UploadSelectionDocument stores a document of a candidate: by the
// secretariat (ctx with selection.manage; code ignored), or by an external
// applicant on the public portal with the access code of their
// registration (ctx without an actor). An applicant may upload while
// registration is open, or for a document asked to be corrected until its
// deadline. A wrong code is KindNotFound. Audited.
func (db *DB) UploadSelectionDocument(ctx context.Context, agencyID, selectionID, candidateID int64, code string, u Upload) (*selection.Document, error) {
	const op = "sqldb.UploadSelectionDocument"
	secretariat := merit.ActorFrom(ctx) != nil
	if secretariat {
		if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
			return nil, err
		}
	}
	ups, err := checkUploads([]Upload{u})
	if err != nil {
		return nil, err
	}
	var d *selection.Document
	err = db.writeTx(ctx, func(tx *Tx) error {
		if !secretariat {
			if err := checkApplicant(ctx, tx, agencyID, selectionID, candidateID, code, u.Slot); err != nil {
				return err
			}
		}
		if _, err := selectionCandidate(ctx, tx, agencyID, selectionID, candidateID); err != nil {
			return err
		}
		if err := tx.putDocument(ctx, agencyID, candidateID, ups[0]); err != nil {
			return err
		}
		docs, err := candidateDocuments(ctx, tx, agencyID, candidateID)
		if err != nil {
			return err
		}
		for i := range docs {
			if docs[i].Slot == u.Slot {
				d = &docs[i]
			}
		}
		return tx.audit(ctx, agencyID, "upload", "selection_candidate", candidateID, nil, d)
	})
	return d, translate(op, err)
}

// checkApplicant checks an applicant's access code and that the slot may
// be uploaded now: registration open, or a correction asked with a
// deadline not passed (selection.Document.CorrectableOn).
func checkApplicant(ctx context.Context, tx *Tx, agencyID, selectionID, candidateID int64, code string, slot selection.Slot) error {
	const op = "sqldb.checkApplicant"
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT access_hash FROM selection_candidate WHERE agency_id = $1 AND selection_id = $2 AND id = $3`,
		agencyID, selectionID, candidateID).Scan(&hash)
	sum := sha256.Sum256([]byte(code))
	if err != nil || hash == "" || subtle.ConstantTimeCompare([]byte(hash), []byte(hex.EncodeToString(sum[:]))) != 1 {
		return merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	s, err := publicSelection(ctx, tx, agencyID, selectionID)
	if err != nil {
		return err
	}
	today := merit.DateOf(tx.now)
	if s.AcceptsRegistration(today) == nil {
		return nil
	}
	docs, err := candidateDocuments(ctx, tx, agencyID, candidateID)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.Slot == slot && d.CorrectableOn(today) {
			return nil
		}
	}
	return merit.Errorf(merit.KindConflict, op, "selection.err.registration_closed")
}

// CheckSelectionDocument records the secretariat's verdict on a document
// (selection.Document.Check: verified, rejected, or a correction with a deadline,
// each with a note), audited.
func (db *DB) CheckSelectionDocument(ctx context.Context, agencyID, selectionID, candidateID int64, slot selection.Slot,
	status selection.DocStatus, note string, deadline merit.Date) (*selection.Document, error) {
	const op = "sqldb.CheckSelectionDocument"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	var out *selection.Document
	err := db.writeTx(ctx, func(tx *Tx) error {
		if _, err := selectionCandidate(ctx, tx, agencyID, selectionID, candidateID); err != nil {
			return err
		}
		docs, err := candidateDocuments(ctx, tx, agencyID, candidateID)
		if err != nil {
			return err
		}
		for i := range docs {
			if docs[i].Slot == slot {
				out = &docs[i]
			}
		}
		if out == nil {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		before := *out
		if err := out.Check(status, note, deadline, merit.DateOf(tx.now)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection_document SET status = $3, note = $4, correction_deadline = $5, checked_by = $6,
			checked_at = $7 WHERE agency_id = $1 AND id = $2`, agencyID, out.ID, out.Status, out.Note, out.CorrectionDeadline,
			actorName(ctx), tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "check_document", "selection_candidate", candidateID, &before, out)
	})
	return out, translate(op, err)
}

// VerifySelectionFields marks profile fields (JSON names) of a candidate
// verified by the secretariat, audited.
func (db *DB) VerifySelectionFields(ctx context.Context, agencyID, selectionID, candidateID int64, fields []string) (*selection.Candidate, error) {
	const op = "sqldb.VerifySelectionFields"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	var c *selection.Candidate
	err := db.writeTx(ctx, func(tx *Tx) error {
		var err error
		if c, err = selectionCandidate(ctx, tx, agencyID, selectionID, candidateID); err != nil {
			return err
		}
		before := strings.Join(c.Verified, ",")
		for _, f := range fields {
			if !slices.Contains(selection.ProfileFields, f) {
				return merit.Invalid(op, merit.FieldError{Field: "fields", Code: "field.unknown_ref", Value: f})
			}
			c.Verify(f)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection_candidate SET verified = $3 WHERE agency_id = $1 AND id = $2`,
			agencyID, candidateID, strings.Join(c.Verified, ",")); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "verify_fields", "selection_candidate", candidateID, before, c.Verified)
	})
	return c, translate(op, err)
}
