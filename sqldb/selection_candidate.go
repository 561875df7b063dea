package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"merit"
	"merit/selection"
)

// Candidates of a selection: internal ones registered by the secretariat
// from the registry by NIP, external ones registering themselves on the
// public portal with their documents; the administrative check, the
// per-field and per-document verification and the correction loop.

const candidateColumns = `id, selection_id, post_id, reg_no, employee_id, status, registered_at, name, gelar_depan, gelar_belakang, nip,
	birth_place, birth_date, email, phone, education, graduation_year, golongan, tmt_golongan, current_position, eselon, tmt_jabatan,
	agency_name, tmt_pengangkatan, verified, admin_note`

func scanCandidate(s scanner) (*selection.Candidate, error) {
	c := &selection.Candidate{}
	var emp sql.NullInt64
	var verified string
	if err := s.Scan(&c.ID, &c.SelectionID, &c.PostID, &c.RegNo, &emp, &c.Status, &c.RegisteredAt, &c.Name, &c.GelarDepan, &c.GelarBelakang,
		&c.NIP, &c.BirthPlace, &c.BirthDate, &c.Email, &c.Phone, &c.Education, &c.GraduationYear, &c.Golongan, &c.TMTGolongan,
		&c.CurrentPosition, &c.Eselon, &c.TMTJabatan, &c.AgencyName, &c.TMTPengangkatan, &verified, &c.AdminNote); err != nil {
		return nil, err
	}
	c.EmployeeID, c.RegisteredAt = emp.Int64, c.RegisteredAt.UTC()
	if verified != "" {
		c.Verified = strings.Split(verified, ",")
	}
	return c, nil
}

func selectionCandidate(ctx context.Context, q querier, agencyID, selectionID, candidateID int64) (*selection.Candidate, error) {
	return scanCandidate(q.QueryRowContext(ctx, `SELECT `+candidateColumns+` FROM selection_candidate
		WHERE agency_id = $1 AND selection_id = $2 AND id = $3`, agencyID, selectionID, candidateID))
}

func selectionCandidates(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Candidate, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+candidateColumns+` FROM selection_candidate WHERE agency_id = $1 AND selection_id = $2
		ORDER BY reg_no`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Candidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// SelectionCandidates returns a selection's candidates in registration
// order, for a reader or a member of its panel.
func (db *DB) SelectionCandidates(ctx context.Context, agencyID, selectionID int64) ([]selection.Candidate, error) {
	const op = "sqldb.SelectionCandidates"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	cs, err := selectionCandidates(ctx, db.read, agencyID, selectionID)
	return cs, translate(op, err)
}

// SelectionCandidate returns one candidate with their documents (without
// the files' bytes), for a reader or a member of the selection's panel.
func (db *DB) SelectionCandidate(ctx context.Context, agencyID, selectionID, candidateID int64) (*selection.Candidate, []selection.Document, error) {
	const op = "sqldb.SelectionCandidate"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, nil, err
	}
	c, err := selectionCandidate(ctx, db.read, agencyID, selectionID, candidateID)
	if err != nil {
		return nil, nil, translate(op, err)
	}
	docs, err := candidateDocuments(ctx, db.read, agencyID, candidateID)
	return c, docs, translate(op, err)
}

const documentColumns = `id, candidate_id, slot, status, file_name, content_type, size, sha256, uploaded_at, note, correction_deadline`

func candidateDocuments(ctx context.Context, q querier, agencyID, candidateID int64) ([]selection.Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+documentColumns+` FROM selection_document WHERE agency_id = $1 AND candidate_id = $2`,
		agencyID, candidateID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Document
	for rows.Next() {
		var d selection.Document
		if err := rows.Scan(&d.ID, &d.CandidateID, &d.Slot, &d.Status, &d.FileName, &d.ContentType, &d.Size, &d.SHA256, &d.UploadedAt,
			&d.Note, &d.CorrectionDeadline); err != nil {
			return nil, err
		}
		d.UploadedAt = d.UploadedAt.UTC()
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b selection.Document) int {
		return cmp.Compare(slices.Index(selection.Slots, a.Slot), slices.Index(selection.Slots, b.Slot))
	})
	return out, rows.Err()
}

// insertCandidate gives c an ID and the selection's next registration
// number (JPT-<year of closing>-<selection>-<nnn>) and stores it;
// accessHash is "" for internal candidates.
func (tx *Tx) insertCandidate(ctx context.Context, agencyID int64, s *selection.Selection, c *selection.Candidate, accessHash string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM selection_candidate WHERE agency_id = $1 AND selection_id = $2`, agencyID, s.ID).Scan(&n); err != nil {
		return err
	}
	id, err := tx.nextID(ctx, "selection_candidate")
	if err != nil {
		return err
	}
	c.ID, c.SelectionID, c.RegisteredAt = id, s.ID, tx.now
	c.RegNo = fmt.Sprintf("JPT-%d-%d-%03d", s.RegistrationClose.Year(), s.ID, n+1)
	_, err = tx.ExecContext(ctx, `INSERT INTO selection_candidate (agency_id, id, selection_id, post_id, reg_no, employee_id, status, registered_at,
		name, gelar_depan, gelar_belakang, nip, birth_place, birth_date, email, phone, education, graduation_year, golongan, tmt_golongan,
		current_position, eselon, tmt_jabatan, agency_name, tmt_pengangkatan, verified, admin_note, access_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)`,
		agencyID, c.ID, s.ID, c.PostID, c.RegNo, nullID(c.EmployeeID), c.Status, c.RegisteredAt, c.Name, c.GelarDepan, c.GelarBelakang,
		c.NIP, c.BirthPlace, c.BirthDate, c.Email, c.Phone, c.Education, c.GraduationYear, c.Golongan, c.TMTGolongan, c.CurrentPosition,
		c.Eselon, c.TMTJabatan, c.AgencyName, c.TMTPengangkatan, strings.Join(c.Verified, ","), c.AdminNote, accessHash)
	return err
}

// checkPost reports KindInvalid when the post is not one of the selection's.
func checkPost(s *selection.Selection, postID int64) error {
	for _, p := range s.Posts {
		if p.ID == postID {
			return nil
		}
	}
	return merit.Invalid("sqldb.checkPost", merit.FieldError{Field: "postId", Code: "field.unknown_ref", Value: fmt.Sprint(postID)})
}

// registryFields are the profile fields an internal candidate's registry
// record fills; they count as verified.
var registryFields = []string{"name", "nip", "birthPlace", "birthDate", "education", "golongan", "tmtGolongan", "currentPosition",
	"tmtJabatan", "agencyName", "tmtPengangkatan"}

// RegisterInternalCandidate registers an employee of the agency, found by
// NIP, for a post of an announced selection: the profile is pre-filled
// from the registry (those fields count as verified) and the candidate is
// submitted for the administrative check. Audited. The same NIP twice in
// one selection is KindConflict; an unknown NIP is KindInvalid.
func (db *DB) RegisterInternalCandidate(ctx context.Context, agencyID, selectionID, postID int64, nip string) (*selection.Candidate, error) {
	const op = "sqldb.RegisterInternalCandidate"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	var c *selection.Candidate
	err := db.writeTx(ctx, func(tx *Tx) error {
		s, err := loadSelection(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		if s.Status != selection.StatusAnnounced {
			return merit.Errorf(merit.KindConflict, op, "selection.err.not_running")
		}
		if err := checkPost(s, postID); err != nil {
			return err
		}
		if c, err = candidateFromRegistry(ctx, tx, agencyID, strings.TrimSpace(nip)); err != nil {
			return err
		}
		if err := duplicateNIP(ctx, tx, agencyID, selectionID, c.NIP); err != nil {
			return err
		}
		c.PostID, c.Status = postID, selection.CandidateSubmitted
		for _, f := range registryFields {
			c.Verify(f)
		}
		if err := tx.insertCandidate(ctx, agencyID, s, c, ""); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "selection_candidate", c.ID, nil, c)
	})
	return c, translate(op, err)
}

// duplicateNIP reports KindConflict when the NIP is already registered in
// the selection.
func duplicateNIP(ctx context.Context, q querier, agencyID, selectionID int64, nip string) error {
	if nip == "" {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM selection_candidate WHERE agency_id = $1 AND selection_id = $2 AND nip = $3`,
		agencyID, selectionID, nip).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		e := merit.Errorf(merit.KindConflict, "sqldb.duplicateNIP", "selection.err.registered")
		e.Fields = []merit.FieldError{{Field: "nip", Code: "selection.err.registered", Value: nip}}
		return e
	}
	return nil
}

// candidateFromRegistry reads an employee of the agency by NIP into a
// candidate's profile: identity, education, golongan, the current position
// with its TMT, the TMT CPNS and the agency's name.
func candidateFromRegistry(ctx context.Context, q querier, agencyID int64, nip string) (*selection.Candidate, error) {
	c := &selection.Candidate{}
	var pos sql.NullString
	err := q.QueryRowContext(ctx, `SELECT e.id, e.nip, e.name, e.gelar_depan, e.gelar_belakang, e.birth_place, e.birth_date, e.tmt_cpns,
		e.golongan, e.tmt_golongan, e.tmt_jabatan, e.education, e.email, e.phone, p.name, a.name
		FROM employee e JOIN agency a ON a.id = e.agency_id LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND e.nip = $2`, agencyID, nip).Scan(&c.EmployeeID, &c.NIP, &c.Name, &c.GelarDepan, &c.GelarBelakang,
		&c.BirthPlace, &c.BirthDate, &c.TMTPengangkatan, &c.Golongan, &c.TMTGolongan, &c.TMTJabatan, &c.Education, &c.Email, &c.Phone,
		&pos, &c.AgencyName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, merit.Invalid("sqldb.candidateFromRegistry", merit.FieldError{Field: "nip", Code: "selection.err.nip_unknown", Value: nip})
	}
	c.CurrentPosition = pos.String
	return c, err
}

// DecideSelectionCandidate records the administrative check of a
// candidate (selection.Selection.DecideCandidate: qualified, unqualified or
// asked for a correction, with a note, until administrasi closes). Audited
// with the status before and after.
func (db *DB) DecideSelectionCandidate(ctx context.Context, agencyID, selectionID, candidateID int64, status selection.CandidateStatus,
	note string) (*selection.Candidate, error) {
	const op = "sqldb.DecideSelectionCandidate"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	var c *selection.Candidate
	err := db.writeTx(ctx, func(tx *Tx) error {
		s, err := loadSelection(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		if c, err = selectionCandidate(ctx, tx, agencyID, selectionID, candidateID); err != nil {
			return err
		}
		before := map[string]any{"status": c.Status, "adminNote": c.AdminNote}
		if err := s.DecideCandidate(c, status, note); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection_candidate SET status = $3, admin_note = $4 WHERE agency_id = $1 AND id = $2`,
			agencyID, candidateID, c.Status, c.AdminNote); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "admin_check", "selection_candidate", candidateID, before, map[string]any{"status": c.Status, "adminNote": c.AdminNote})
	})
	return c, translate(op, err)
}

// SelectionDocumentFile returns one document with its bytes, for a reader
// of the selection (the secretariat verifies it; the panel reads it).
func (db *DB) SelectionDocumentFile(ctx context.Context, agencyID, selectionID, candidateID int64, slot selection.Slot) (*selection.Document, []byte, error) {
	const op = "sqldb.SelectionDocumentFile"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, nil, err
	}
	var d selection.Document
	var data []byte
	err := db.read.QueryRowContext(ctx, `SELECT `+prefixColumns("d.", documentColumns)+`, d.bytes FROM selection_document d
		JOIN selection_candidate c ON c.agency_id = d.agency_id AND c.id = d.candidate_id
		WHERE d.agency_id = $1 AND c.selection_id = $2 AND d.candidate_id = $3 AND d.slot = $4`, agencyID, selectionID, candidateID, slot).
		Scan(&d.ID, &d.CandidateID, &d.Slot, &d.Status, &d.FileName, &d.ContentType, &d.Size, &d.SHA256, &d.UploadedAt, &d.Note,
			&d.CorrectionDeadline, &data)
	if err != nil {
		return nil, nil, translate(op, err)
	}
	return &d, data, nil
}

// prefixColumns qualifies each column of a comma-separated list.
func prefixColumns(prefix, cols string) string {
	fields := strings.Split(cols, ",")
	for i, f := range fields {
		fields[i] = prefix + strings.TrimSpace(f)
	}
	return strings.Join(fields, ", ")
}
