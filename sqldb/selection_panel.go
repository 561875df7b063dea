package sqldb

import (
	"context"
	"database/sql"

	"merit"
	"merit/selection"
)

// The panel (pansel) of a selection: its members, their acceptance of the
// code of ethics and their declared conflicts of interest.

const memberColumns = `id, selection_id, code, name, user_id, kind, role, affiliation, ethics_at`

func scanMember(s scanner) (*selection.Member, error) {
	m := &selection.Member{}
	var user sql.NullInt64
	var ethics sql.NullTime
	if err := s.Scan(&m.ID, &m.SelectionID, &m.Code, &m.Name, &user, &m.Kind, &m.Role, &m.Affiliation, &ethics); err != nil {
		return nil, err
	}
	m.UserID = user.Int64
	if ethics.Valid {
		m.EthicsAcceptedAt = ethics.Time.UTC()
	}
	return m, nil
}

// selectionMembers reads a selection's panel in code order.
func selectionMembers(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+memberColumns+` FROM selection_member WHERE agency_id = $1 AND selection_id = $2
		ORDER BY code`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// Panel is a selection's panel as its readers see it: the members, the
// declared conflicts, and what the composition rule finds wrong (nil when
// the panel satisfies selection.PanelRule.Check).
type Panel struct {
	Members   []selection.Member   `json:"members"`
	Conflicts []selection.Conflict `json:"conflicts"`
	Problems  []merit.FieldError   `json:"problems,omitempty"`
}

// SelectionPanel returns the panel of a selection for a reader or one of
// its members, with the composition rule's verdict.
func (db *DB) SelectionPanel(ctx context.Context, agencyID, selectionID int64) (*Panel, error) {
	const op = "sqldb.SelectionPanel"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	p, err := selectionPanel(ctx, db.read, agencyID, selectionID)
	return p, translate(op, err)
}

func selectionPanel(ctx context.Context, q querier, agencyID, selectionID int64) (*Panel, error) {
	s, err := scanSelection(q.QueryRowContext(ctx, `SELECT `+selectionColumns+` FROM selection WHERE agency_id = $1 AND id = $2`, agencyID, selectionID))
	if err != nil {
		return nil, err
	}
	p := &Panel{}
	if p.Members, err = selectionMembers(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	if p.Conflicts, err = selectionConflicts(ctx, q, agencyID, selectionID); err != nil {
		return nil, err
	}
	p.Problems = merit.FieldsOf(s.Panel.Check(p.Members))
	return p, nil
}

// AddSelectionMember puts a member on a selection's panel (m.ID is set),
// audited. UserID, when set, links the account with which the member signs
// in (a pansel or asesor grant) to score.
func (db *DB) AddSelectionMember(ctx context.Context, agencyID int64, m *selection.Member) error {
	const op = "sqldb.AddSelectionMember"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, m.SelectionID); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "selection_member")
		if err != nil {
			return err
		}
		m.ID = id
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_member (agency_id, id, selection_id, code, name, user_id, kind, role, affiliation)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, agencyID, m.ID, m.SelectionID, m.Code, m.Name, nullID(m.UserID), m.Kind, m.Role,
			m.Affiliation); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "selection_member", m.ID, nil, m)
	}))
}

// UpdateSelectionMember replaces a member's code, name, account, kind, role
// and affiliation (the ethics acceptance stays), audited.
func (db *DB) UpdateSelectionMember(ctx context.Context, agencyID int64, m *selection.Member) error {
	const op = "sqldb.UpdateSelectionMember"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, m.SelectionID); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := selectionMember(ctx, tx, agencyID, m.SelectionID, m.ID)
		if err != nil {
			return err
		}
		m.EthicsAcceptedAt = old.EthicsAcceptedAt
		if _, err := tx.ExecContext(ctx, `UPDATE selection_member SET code = $3, name = $4, user_id = $5, kind = $6, role = $7, affiliation = $8
			WHERE agency_id = $1 AND id = $2`, agencyID, m.ID, m.Code, m.Name, nullID(m.UserID), m.Kind, m.Role, m.Affiliation); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "selection_member", m.ID, old, m)
	}))
}

// RemoveSelectionMember takes a member off the panel, audited; a member who
// has scored stays (KindConflict: the scores name him).
func (db *DB) RemoveSelectionMember(ctx context.Context, agencyID, selectionID, memberID int64) error {
	const op = "sqldb.RemoveSelectionMember"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := selectionMember(ctx, tx, agencyID, selectionID, memberID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM selection_score WHERE agency_id = $1 AND member_id = $2`, agencyID, memberID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return merit.Errorf(merit.KindConflict, op, "selection.err.member_scored")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM selection_member WHERE agency_id = $1 AND id = $2`, agencyID, memberID); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "selection_member", memberID, old, nil)
	}))
}

func selectionMember(ctx context.Context, q querier, agencyID, selectionID, memberID int64) (*selection.Member, error) {
	return scanMember(q.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM selection_member WHERE agency_id = $1 AND selection_id = $2 AND id = $3`,
		agencyID, selectionID, memberID))
}

// panelActor authorizes an act of one panel member (accepting the code of
// ethics, declaring a conflict, scoring): the member themself (their
// account is linked to the member), or the secretariat on a member's behalf.
// A panel account acting for another member gets KindNotFound.
func panelActor(ctx context.Context, q querier, agencyID, selectionID, memberID int64) error {
	own, err := selectionAccess(ctx, q, merit.PermSelectionScore, agencyID, selectionID)
	if err != nil {
		return err
	}
	if own != 0 && own != memberID {
		return merit.Errorf(merit.KindNotFound, "sqldb.panelActor", "err.not_found")
	}
	return nil
}

// AcceptSelectionEthics records that a member accepted the panel's code of
// ethics (Peraturan KASN 4/2017), once, audited. memberID 0 is the signed-in
// member themself.
func (db *DB) AcceptSelectionEthics(ctx context.Context, agencyID, selectionID, memberID int64) (*selection.Member, error) {
	const op = "sqldb.AcceptSelectionEthics"
	if memberID == 0 {
		own, err := selectionAccess(ctx, db.read, merit.PermSelectionScore, agencyID, selectionID)
		if err != nil {
			return nil, err
		}
		memberID = own
	}
	if err := panelActor(ctx, db.read, agencyID, selectionID, memberID); err != nil {
		return nil, err
	}
	var m *selection.Member
	err := db.writeTx(ctx, func(tx *Tx) error {
		var err error
		if m, err = selectionMember(ctx, tx, agencyID, selectionID, memberID); err != nil {
			return err
		}
		if m.EthicsAccepted() {
			return nil
		}
		m.EthicsAcceptedAt = tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE selection_member SET ethics_at = $3 WHERE agency_id = $1 AND id = $2`, agencyID, memberID, tx.now); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "accept_ethics", "selection_member", memberID, nil, m)
	})
	return m, translate(op, err)
}

// DeclareSelectionConflict records a member's conflict of interest with a
// candidate (by the member or the secretariat), audited; from then on the
// member cannot score that candidate. Declaring it again changes the reason.
// MemberID 0 is the signed-in member themself.
func (db *DB) DeclareSelectionConflict(ctx context.Context, agencyID int64, c *selection.Conflict) error {
	const op = "sqldb.DeclareSelectionConflict"
	if c.MemberID == 0 {
		own, err := selectionAccess(ctx, db.read, merit.PermSelectionScore, agencyID, c.SelectionID)
		if err != nil {
			return err
		}
		c.MemberID = own
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if err := panelActor(ctx, db.read, agencyID, c.SelectionID, c.MemberID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if _, err := selectionMember(ctx, tx, agencyID, c.SelectionID, c.MemberID); err != nil {
			return err
		}
		if _, err := selectionCandidate(ctx, tx, agencyID, c.SelectionID, c.CandidateID); err != nil {
			return err
		}
		c.DeclaredAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO selection_conflict (agency_id, member_id, candidate_id, selection_id, reason, declared_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id, member_id, candidate_id) DO UPDATE SET reason = excluded.reason`,
			agencyID, c.MemberID, c.CandidateID, c.SelectionID, c.Reason, c.DeclaredAt); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "declare_conflict", "selection_member", c.MemberID, nil, c)
	}))
}

func selectionConflicts(ctx context.Context, q querier, agencyID, selectionID int64) ([]selection.Conflict, error) {
	rows, err := q.QueryContext(ctx, `SELECT member_id, candidate_id, reason, declared_at FROM selection_conflict
		WHERE agency_id = $1 AND selection_id = $2 ORDER BY member_id, candidate_id`, agencyID, selectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.Conflict
	for rows.Next() {
		c := selection.Conflict{SelectionID: selectionID}
		if err := rows.Scan(&c.MemberID, &c.CandidateID, &c.Reason, &c.DeclaredAt); err != nil {
			return nil, err
		}
		c.DeclaredAt = c.DeclaredAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
