package sqldb

import (
	"context"
	"strings"
	"unicode/utf8"

	"merit"
	"merit/selection"
)

// Uji publik: while a selection's uji publik stage is open, the public
// comments on the shortlisted (qualified) candidates; the secretariat
// moderates; the panel reads the approved comments.

// MaxCommentLength bounds a public comment, in characters.
const MaxCommentLength = 2000

// ShortlistEntry is a shortlisted candidate as the public sees them during
// uji publik.
type ShortlistEntry struct {
	CandidateID     int64  `json:"candidateId"`
	RegNo           string `json:"regNo"`
	Name            string `json:"name"`
	CurrentPosition string `json:"currentPosition"`
	AgencyName      string `json:"agencyName"`
}

// publicTestOpen returns the selection's record when its uji publik stage
// is open; otherwise KindConflict (no stage, or not open).
func publicTestOpen(ctx context.Context, q querier, agencyID, selectionID int64) (*selection.Record, error) {
	r, err := publicRecord(ctx, q, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	if st, ok := r.Selection.Stage(selection.UjiPublik); !ok || st.Status != selection.StageOpen {
		return nil, merit.Errorf(merit.KindConflict, "sqldb.publicTestOpen", "selection.err.public_test_closed")
	}
	return r, nil
}

// PublicShortlist returns the qualified candidates on whom the public may
// comment while the uji publik stage is open (KindConflict otherwise).
func (db *DB) PublicShortlist(ctx context.Context, agencyID, selectionID int64) ([]ShortlistEntry, error) {
	const op = "sqldb.PublicShortlist"
	r, err := publicTestOpen(ctx, db.read, agencyID, selectionID)
	if err != nil {
		return nil, translate(op, err)
	}
	out := []ShortlistEntry{}
	for _, c := range r.Eligible() {
		out = append(out, ShortlistEntry{CandidateID: c.ID, RegNo: c.RegNo, Name: c.Name, CurrentPosition: c.CurrentPosition, AgencyName: c.AgencyName})
	}
	return out, nil
}

// SubmitSelectionComment stores a public comment (no actor) on a
// shortlisted candidate while uji publik is open: a name and a text of at
// most MaxCommentLength characters; it waits for moderation. Audited.
func (db *DB) SubmitSelectionComment(ctx context.Context, agencyID int64, c *selection.Comment) error {
	const op = "sqldb.SubmitSelectionComment"
	c.Name, c.Text = strings.TrimSpace(c.Name), strings.TrimSpace(c.Text)
	var fs merit.Fields
	if c.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if c.Text == "" {
		fs.Add("text", "field.required", "")
	} else if utf8.RuneCountInString(c.Text) > MaxCommentLength {
		fs.Add("text", "field.too_long", "", MaxCommentLength)
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		r, err := publicTestOpen(ctx, tx, agencyID, c.SelectionID)
		if err != nil {
			return err
		}
		cand, err := r.Candidate(c.CandidateID)
		if err != nil || !cand.Eligible() {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		id, err := tx.nextID(ctx, "selection_comment")
		if err != nil {
			return err
		}
		c.ID, c.Status, c.At = id, selection.CommentPending, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_comment (agency_id, id, selection_id, candidate_id, name, body, status, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, agencyID, c.ID, c.SelectionID, c.CandidateID, c.Name, c.Text, c.Status, c.At); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "selection_comment", c.ID, nil, c)
	}))
}

// SelectionComments returns a selection's public comments, oldest first:
// every one for a reader (the secretariat moderates them), only the
// approved ones for a member of its panel.
func (db *DB) SelectionComments(ctx context.Context, agencyID, selectionID int64) ([]selection.Comment, error) {
	const op = "sqldb.SelectionComments"
	own, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	cond, args := ``, []any{agencyID, selectionID}
	if own != 0 {
		cond, args = ` AND status = $3`, append(args, selection.CommentApproved)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, candidate_id, name, body, status, at FROM selection_comment
		WHERE agency_id = $1 AND selection_id = $2`+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []selection.Comment
	for rows.Next() {
		c := selection.Comment{SelectionID: selectionID}
		if err := rows.Scan(&c.ID, &c.CandidateID, &c.Name, &c.Text, &c.Status, &c.At); err != nil {
			return nil, translate(op, err)
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, translate(op, rows.Err())
}

// ModerateSelectionComment approves or rejects a public comment, audited.
func (db *DB) ModerateSelectionComment(ctx context.Context, agencyID, selectionID, commentID int64, status selection.CommentStatus) (*selection.Comment, error) {
	const op = "sqldb.ModerateSelectionComment"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	if status != selection.CommentApproved && status != selection.CommentRejected {
		return nil, merit.Invalid(op, merit.FieldError{Field: "status", Code: "field.unknown_ref", Value: string(status)})
	}
	c := &selection.Comment{SelectionID: selectionID}
	err := db.writeTx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT id, candidate_id, name, body, status, at FROM selection_comment
			WHERE agency_id = $1 AND selection_id = $2 AND id = $3`, agencyID, selectionID, commentID).
			Scan(&c.ID, &c.CandidateID, &c.Name, &c.Text, &c.Status, &c.At); err != nil {
			return err
		}
		before := c.Status
		c.Status, c.At = status, c.At.UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE selection_comment SET status = $3, moderated_by = $4, moderated_at = $5 WHERE agency_id = $1 AND id = $2`,
			agencyID, commentID, status, actorName(ctx), tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "moderate", "selection_comment", commentID, map[string]any{"status": before}, map[string]any{"status": status})
	})
	return c, translate(op, err)
}
