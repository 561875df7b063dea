package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"merit"
	"merit/selection"
)

// Open selection of JPT posts (issue 6): the selection with its posts and
// stage plan. The rules are package selection's; this file only stores and
// authorizes. Access (selectionAccess): selection.read reads every
// selection of the agency, selection.manage runs them, selection.decide is
// the PPK's choice; a panel member (selection.score: pansel, asesor) reads
// and scores only the selections whose panel lists their account, and every
// other selection is KindNotFound for them, so they cannot probe IDs.

// selectionAccess authorizes perm on one selection of the agency and
// returns the actor's member ID on its panel when access comes from panel
// membership (0 otherwise). For PermSelectionRead a panel member of the
// selection may read; for PermSelectionScore the secretariat
// (selection.manage) records scores on behalf of any member, a panel member
// only as themself. The selection must exist (KindNotFound otherwise).
func selectionAccess(ctx context.Context, q querier, perm merit.Permission, agencyID, selectionID int64) (int64, error) {
	const op = "sqldb.selectionAccess"
	err := merit.Authorize(ctx, perm, agencyID)
	if perm == merit.PermSelectionScore {
		if merit.Authorize(ctx, merit.PermSelectionManage, agencyID) == nil {
			err = nil
			perm = merit.PermSelectionManage
		}
	}
	if err == nil && perm != merit.PermSelectionScore {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM selection WHERE agency_id = $1 AND id = $2`, agencyID, selectionID).Scan(&n); err != nil {
			return 0, translate(op, err)
		}
		if n == 0 {
			return 0, merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		return 0, nil
	}
	if err != nil && (merit.KindOf(err) != merit.KindForbidden || perm != merit.PermSelectionRead) {
		return 0, err
	}
	// A panel member: the selection must list their account.
	a := merit.ActorFrom(ctx)
	if !a.Can(merit.PermSelectionScore, agencyID) || a.UserID == 0 {
		return 0, err
	}
	var memberID int64
	e := q.QueryRowContext(ctx, `SELECT id FROM selection_member WHERE agency_id = $1 AND selection_id = $2 AND user_id = $3`,
		agencyID, selectionID, a.UserID).Scan(&memberID)
	if errors.Is(e, sql.ErrNoRows) {
		return 0, merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	if e != nil {
		return 0, translate(op, e)
	}
	return memberID, nil
}

const selectionColumns = `agency_id, id, title, legal_basis, level, status, aggregation, registration_open, registration_close,
	weights_frozen, panel_rule, extras, announced_at`

func scanSelection(s scanner) (*selection.Selection, error) {
	sel := &selection.Selection{}
	var panel, extras string
	var announced sql.NullTime
	if err := s.Scan(&sel.AgencyID, &sel.ID, &sel.Title, &sel.LegalBasis, &sel.Level, &sel.Status, &sel.Aggregation,
		&sel.RegistrationOpen, &sel.RegistrationClose, &sel.WeightsFrozen, &panel, &extras, &announced); err != nil {
		return nil, err
	}
	if announced.Valid {
		sel.AnnouncedAt = announced.Time.UTC()
	}
	if err := unmarshalNonEmpty(panel, &sel.Panel); err != nil {
		return nil, err
	}
	return sel, unmarshalNonEmpty(extras, &sel.Extras)
}

func unmarshalNonEmpty(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

func marshalString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// SelectionFilter narrows Selections.
type SelectionFilter struct {
	Status selection.Status // "" for every status
}

// Selections returns the agency's selections, newest first, without posts
// and stages: every one for a reader, only those whose panel lists the
// actor for a panel member.
func (db *DB) Selections(ctx context.Context, agencyID int64, f SelectionFilter) ([]*selection.Selection, error) {
	const op = "sqldb.Selections"
	cond, args := `s.agency_id = $1`, []any{agencyID}
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		a := merit.ActorFrom(ctx)
		if merit.KindOf(err) != merit.KindForbidden || !a.Can(merit.PermSelectionScore, agencyID) {
			return nil, err
		}
		cond += ` AND EXISTS (SELECT 1 FROM selection_member m WHERE m.agency_id = s.agency_id AND m.selection_id = s.id AND m.user_id = $2)`
		args = append(args, a.UserID)
	}
	if f.Status != "" {
		args = append(args, f.Status)
		cond += ` AND s.status = $` + strconv.Itoa(len(args))
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+prefixColumns("s.", selectionColumns)+` FROM selection s WHERE `+cond+` ORDER BY s.id DESC`, args...)
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

// Selection returns one selection with its posts (with position names) and
// its stage plan with criteria, for a reader or a member of its panel.
func (db *DB) Selection(ctx context.Context, agencyID, id int64) (*selection.Selection, error) {
	const op = "sqldb.Selection"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, id); err != nil {
		return nil, err
	}
	s, err := loadSelection(ctx, db.read, agencyID, id)
	return s, translate(op, err)
}

// loadSelection reads a selection with its posts and stages.
func loadSelection(ctx context.Context, q querier, agencyID, id int64) (*selection.Selection, error) {
	s, err := scanSelection(q.QueryRowContext(ctx, `SELECT `+selectionColumns+` FROM selection WHERE agency_id = $1 AND id = $2`, agencyID, id))
	if err != nil {
		return nil, err
	}
	if s.Posts, err = selectionPosts(ctx, q, agencyID, id); err != nil {
		return nil, err
	}
	s.Stages, err = selectionStages(ctx, q, agencyID, id)
	return s, err
}

func selectionPosts(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Post, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.position_id, pos.name FROM selection_post p
		JOIN position pos ON pos.agency_id = p.agency_id AND pos.id = p.position_id
		WHERE p.agency_id = $1 AND p.selection_id = $2 ORDER BY p.id`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Post
	for rows.Next() {
		p := selection.Post{SelectionID: selectionID}
		if err := rows.Scan(&p.ID, &p.PositionID, &p.PositionName); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func selectionStages(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Stage, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, seq, weight, starts_on, ends_on, status FROM selection_stage
		WHERE agency_id = $1 AND selection_id = $2 ORDER BY seq`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	var out []selection.Stage
	for rows.Next() {
		st := selection.Stage{SelectionID: selectionID}
		if err := rows.Scan(&st.ID, &st.Kind, &st.Order, &st.Weight, &st.Start, &st.End, &st.Status); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crit, err := q.QueryContext(ctx, `SELECT c.stage_id, c.code, c.name, c.max_score FROM selection_criterion c
		JOIN selection_stage s ON s.agency_id = c.agency_id AND s.id = c.stage_id
		WHERE c.agency_id = $1 AND s.selection_id = $2 ORDER BY c.stage_id, c.seq`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer crit.Close()
	for crit.Next() {
		var stageID int64
		var c selection.Criterion
		if err := crit.Scan(&stageID, &c.Code, &c.Name, &c.Max); err != nil {
			return nil, err
		}
		for i := range out {
			if out[i].ID == stageID {
				out[i].Criteria = append(out[i].Criteria, c)
			}
		}
	}
	return out, crit.Err()
}

// CreateSelection stores a new draft selection with its posts and stage
// plan (IDs are set), audited. Its rules are checked by package selection.
func (db *DB) CreateSelection(ctx context.Context, s *selection.Selection) error {
	const op = "sqldb.CreateSelection"
	if err := merit.Authorize(ctx, merit.PermSelectionManage, s.AgencyID); err != nil {
		return err
	}
	s.Status, s.WeightsFrozen, s.AnnouncedAt = selection.StatusDraft, false, time.Time{}
	if err := s.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "selection")
		if err != nil {
			return err
		}
		s.ID = id
		panel, extras, err := selectionRules(s)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection (agency_id, id, title, legal_basis, level, status, aggregation,
			registration_open, registration_close, weights_frozen, panel_rule, extras, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $11, $12, $13, $13)`,
			s.AgencyID, s.ID, s.Title, s.LegalBasis, s.Level, s.Status, s.Aggregation, s.RegistrationOpen, s.RegistrationClose,
			panel, extras, actorName(ctx), tx.now); err != nil {
			return err
		}
		if err := tx.writePosts(ctx, s); err != nil {
			return err
		}
		if err := tx.writeStages(ctx, s); err != nil {
			return err
		}
		return tx.audit(ctx, s.AgencyID, merit.AuditCreate, "selection", s.ID, nil, s)
	}))
}

// actorName is the username of the context's actor ("" for none: the public).
func actorName(ctx context.Context) string {
	if a := merit.ActorFrom(ctx); a != nil {
		return a.Username
	}
	return ""
}

// actorID is the user ID of the context's actor (0 for none or the system).
func actorID(ctx context.Context) int64 {
	if a := merit.ActorFrom(ctx); a != nil {
		return a.UserID
	}
	return 0
}

func selectionRules(s *selection.Selection) (panel, extras string, err error) {
	if panel, err = marshalString(s.Panel); err != nil {
		return "", "", err
	}
	extras, err = marshalString(s.Extras)
	return panel, extras, err
}

// writePosts inserts the selection's posts, setting their IDs.
func (tx *Tx) writePosts(ctx context.Context, s *selection.Selection) error {
	for i := range s.Posts {
		p := &s.Posts[i]
		id, err := tx.nextID(ctx, "selection_post")
		if err != nil {
			return err
		}
		p.ID, p.SelectionID = id, s.ID
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_post (agency_id, id, selection_id, position_id) VALUES ($1, $2, $3, $4)`,
			s.AgencyID, p.ID, s.ID, p.PositionID); err != nil {
			return err
		}
	}
	return nil
}

// writeStages inserts the selection's stages with their criteria, setting
// their IDs.
func (tx *Tx) writeStages(ctx context.Context, s *selection.Selection) error {
	for i := range s.Stages {
		st := &s.Stages[i]
		id, err := tx.nextID(ctx, "selection_stage")
		if err != nil {
			return err
		}
		st.ID, st.SelectionID = id, s.ID
		if st.Status == "" {
			st.Status = selection.StagePlanned
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_stage (agency_id, id, selection_id, seq, kind, weight, starts_on, ends_on, status)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, s.AgencyID, st.ID, s.ID, st.Order, st.Kind, int64(st.Weight), st.Start, st.End,
			st.Status); err != nil {
			return err
		}
		if err := tx.writeCriteria(ctx, s.AgencyID, st); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) writeCriteria(ctx context.Context, agencyID int64, st *selection.Stage) error {
	for j, c := range st.Criteria {
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_criterion (agency_id, stage_id, code, seq, name, max_score)
			VALUES ($1, $2, $3, $4, $5, $6)`, agencyID, st.ID, c.Code, j+1, c.Name, int64(c.Max)); err != nil {
			return err
		}
	}
	return nil
}

// UpdateSelection replaces a selection's title, legal basis, level,
// registration window, aggregation, panel rule, extra requirements and
// stage plan (through Selection.SetPlan: once announced, the stages and
// their weights are frozen and only the timeline and the scorecards of
// stages not yet started change). Posts change only while it is a draft
// (KindConflict after). Audited with the selection before and after; s is
// refreshed from the store.
func (db *DB) UpdateSelection(ctx context.Context, s *selection.Selection) error {
	const op = "sqldb.UpdateSelection"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, s.AgencyID, s.ID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := loadSelection(ctx, tx, s.AgencyID, s.ID)
		if err != nil {
			return err
		}
		next := *old
		next.Title, next.LegalBasis, next.Level, next.Aggregation = s.Title, s.LegalBasis, s.Level, s.Aggregation
		next.RegistrationOpen, next.RegistrationClose, next.Panel, next.Extras = s.RegistrationOpen, s.RegistrationClose, s.Panel, s.Extras
		draft := old.Status == selection.StatusDraft
		if draft {
			next.Posts = s.Posts
		} else if !samePosts(old.Posts, s.Posts) {
			return merit.Errorf(merit.KindConflict, op, "selection.err.not_draft")
		}
		stages := slices.Clone(s.Stages)
		for i := range stages {
			stages[i].SelectionID = s.ID
			if !draft && i < len(old.Stages) {
				stages[i].ID, stages[i].Status = old.Stages[i].ID, old.Stages[i].Status
			}
		}
		if err := next.SetPlan(stages); err != nil {
			return err
		}
		if err := next.Validate(); err != nil {
			return err
		}
		panel, extras, err := selectionRules(&next)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection SET title = $3, legal_basis = $4, level = $5, aggregation = $6,
			registration_open = $7, registration_close = $8, panel_rule = $9, extras = $10, updated_at = $11
			WHERE agency_id = $1 AND id = $2`, s.AgencyID, s.ID, next.Title, next.LegalBasis, next.Level, next.Aggregation,
			next.RegistrationOpen, next.RegistrationClose, panel, extras, tx.now); err != nil {
			return err
		}
		if draft {
			for _, q := range []string{
				`DELETE FROM selection_criterion WHERE agency_id = $1 AND stage_id IN (SELECT id FROM selection_stage WHERE agency_id = $1 AND selection_id = $2)`,
				`DELETE FROM selection_stage WHERE agency_id = $1 AND selection_id = $2`,
				`DELETE FROM selection_post WHERE agency_id = $1 AND selection_id = $2`,
			} {
				if _, err := tx.ExecContext(ctx, q, s.AgencyID, s.ID); err != nil {
					return err
				}
			}
			if err := tx.writePosts(ctx, &next); err != nil {
				return err
			}
			if err := tx.writeStages(ctx, &next); err != nil {
				return err
			}
		} else {
			for i := range next.Stages {
				st := &next.Stages[i]
				if _, err := tx.ExecContext(ctx, `UPDATE selection_stage SET starts_on = $3, ends_on = $4 WHERE agency_id = $1 AND id = $2`,
					s.AgencyID, st.ID, st.Start, st.End); err != nil {
					return err
				}
				if slices.Equal(st.Criteria, old.Stages[i].Criteria) {
					continue
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM selection_criterion WHERE agency_id = $1 AND stage_id = $2`, s.AgencyID, st.ID); err != nil {
					return err
				}
				if err := tx.writeCriteria(ctx, s.AgencyID, st); err != nil {
					return err
				}
			}
		}
		if err := tx.audit(ctx, s.AgencyID, merit.AuditUpdate, "selection", s.ID, old, &next); err != nil {
			return err
		}
		*s = next
		return nil
	}))
}

// samePosts reports whether the posts name the same positions in order.
func samePosts(a, b []selection.Post) bool {
	return slices.EqualFunc(a, b, func(x, y selection.Post) bool { return x.PositionID == y.PositionID })
}

// AnnounceSelection makes a draft selection public (Selection.Announce:
// valid, a post and a registration window; the weights freeze). Audited.
func (db *DB) AnnounceSelection(ctx context.Context, agencyID, id int64) (*selection.Selection, error) {
	const op = "sqldb.AnnounceSelection"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, id); err != nil {
		return nil, err
	}
	var s *selection.Selection
	err := db.writeTx(ctx, func(tx *Tx) error {
		var err error
		if s, err = loadSelection(ctx, tx, agencyID, id); err != nil {
			return err
		}
		if err := s.Announce(tx.now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection SET status = $3, weights_frozen = TRUE, announced_at = $4, updated_at = $4
			WHERE agency_id = $1 AND id = $2`, agencyID, id, s.Status, tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "announce", "selection", id, nil, s)
	})
	return s, translate(op, err)
}

// DeleteSelection removes a draft selection with its posts, plan and panel,
// audited; an announced one stays (KindConflict: it is public record).
func (db *DB) DeleteSelection(ctx context.Context, agencyID, id int64) error {
	const op = "sqldb.DeleteSelection"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, id); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		s, err := loadSelection(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if s.Status != selection.StatusDraft {
			return merit.Errorf(merit.KindConflict, op, "selection.err.not_draft")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM selection WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "selection", id, s, nil)
	}))
}
