package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"merit"
)

// authorizeProposal lets through the operators of the agency (PermWrite) and
// the employee whose record the proposal is about; anyone else gets what
// merit.AuthorizeEmployee says (404 for another employee's proposal).
func authorizeProposal(ctx context.Context, agencyID, employeeID int64) error {
	if merit.Authorize(ctx, merit.PermWrite, agencyID) == nil {
		return nil
	}
	return merit.AuthorizeEmployee(ctx, merit.PermPropose, agencyID, employeeID)
}

// CreateProposal stores an employee's usulan perubahan data about their own
// record, with its attachments (checked by merit.NewAttachment), as
// submitted. Only the employee linked to the record may propose.
func (db *DB) CreateProposal(ctx context.Context, p *merit.Proposal) error {
	const op = "sqldb.CreateProposal"
	if err := merit.AuthorizeEmployee(ctx, merit.PermPropose, p.AgencyID, p.EmployeeID); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	changes, err := json.Marshal(p.Changes)
	if err != nil {
		return translate(op, err)
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "employee_proposal")
		if err != nil {
			return err
		}
		p.ID, p.Status, p.CreatedAt = id, merit.ProposalSubmitted, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO employee_proposal (agency_id, id, employee_id, changes, reason, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.AgencyID, p.ID, p.EmployeeID, string(changes), p.Reason, string(p.Status), p.CreatedAt); err != nil {
			return err
		}
		for _, at := range p.Attachments {
			if at.ID, err = tx.nextID(ctx, "proposal_attachment"); err != nil {
				return err
			}
			at.ProposalID = p.ID
			if _, err := tx.ExecContext(ctx, `INSERT INTO proposal_attachment (agency_id, id, proposal_id, file_name, content_type, size, sha256, bytes)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, p.AgencyID, at.ID, p.ID, at.Name, at.ContentType, at.Size, at.SHA256, at.Data); err != nil {
				return err
			}
		}
		return tx.audit(ctx, p.AgencyID, merit.AuditCreate, "proposal", p.ID, nil, p)
	}))
}

const proposalColumns = `p.agency_id, p.id, p.employee_id, e.name, p.changes, p.reason, p.status, p.created_at, p.decided_by, p.decided_at, p.decision_reason
	FROM employee_proposal p JOIN employee e ON e.agency_id = p.agency_id AND e.id = p.employee_id`

func scanProposal(s scanner) (*merit.Proposal, error) {
	p := &merit.Proposal{}
	var changes string
	var decided sql.NullTime
	if err := s.Scan(&p.AgencyID, &p.ID, &p.EmployeeID, &p.EmployeeName, &changes, &p.Reason, &p.Status, &p.CreatedAt,
		&p.DecidedBy, &decided, &p.DecisionReason); err != nil {
		return nil, err
	}
	if decided.Valid {
		t := decided.Time
		p.DecidedAt = &t
	}
	return p, json.Unmarshal([]byte(changes), &p.Changes)
}

// FindProposals lists proposals newest first, with their attachments'
// metadata: of one employee when
// employeeID is not 0 (the employee themselves or an operator), otherwise
// the agency's queue (operators), optionally of one status.
func (db *DB) FindProposals(ctx context.Context, agencyID, employeeID int64, status merit.ProposalStatus) ([]*merit.Proposal, error) {
	const op = "sqldb.FindProposals"
	q := `SELECT ` + proposalColumns + ` WHERE p.agency_id = $1`
	args := []any{agencyID}
	if employeeID != 0 {
		if err := authorizeProposal(ctx, agencyID, employeeID); err != nil {
			return nil, err
		}
		q += ` AND p.employee_id = $2`
		args = append(args, employeeID)
	} else if err := merit.Authorize(ctx, merit.PermWrite, agencyID); err != nil {
		return nil, err
	}
	if status != "" {
		args = append(args, string(status))
		q += ` AND p.status = $` + strconv.Itoa(len(args))
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY p.created_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.Proposal
	for rows.Next() {
		p, err := scanProposal(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	rows.Close()
	// An operator limited to some units sees only their employees' proposals.
	scope, err := scopeOf(ctx, db.read, merit.PermWrite, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	if scope != nil {
		kept := out[:0]
		for _, p := range out {
			if checkEmployeeScope(ctx, db.read, merit.PermWrite, agencyID, p.EmployeeID) == nil {
				kept = append(kept, p)
			}
		}
		out = kept
	}
	for _, p := range out {
		if p.Attachments, err = db.attachments(ctx, agencyID, p.ID); err != nil {
			return nil, translate(op, err)
		}
	}
	return out, nil
}

// FindProposal returns one proposal with its attachments' metadata, to the
// employee it is about and to the agency's operators.
func (db *DB) FindProposal(ctx context.Context, agencyID, id int64) (*merit.Proposal, error) {
	const op = "sqldb.FindProposal"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil && merit.KindOf(err) != merit.KindForbidden {
		return nil, err
	}
	p, err := proposalByID(ctx, db.read, agencyID, id)
	if err != nil {
		return nil, translate(op, err)
	}
	if err := authorizeProposal(ctx, agencyID, p.EmployeeID); err != nil {
		return nil, err
	}
	if err := checkEmployeeScope(ctx, db.read, merit.PermWrite, agencyID, p.EmployeeID); err != nil {
		return nil, err
	}
	p.Attachments, err = db.attachments(ctx, agencyID, id)
	return p, translate(op, err)
}

// attachments reads the metadata (not the bytes) of a proposal's attachments.
func (db *DB) attachments(ctx context.Context, agencyID, proposalID int64) ([]*merit.Attachment, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, proposal_id, file_name, content_type, size, sha256 FROM proposal_attachment
		WHERE agency_id = $1 AND proposal_id = $2 ORDER BY id`, agencyID, proposalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*merit.Attachment
	for rows.Next() {
		at := &merit.Attachment{}
		if err := rows.Scan(&at.ID, &at.ProposalID, &at.Name, &at.ContentType, &at.Size, &at.SHA256); err != nil {
			return nil, err
		}
		out = append(out, at)
	}
	return out, rows.Err()
}

func proposalByID(ctx context.Context, q querier, agencyID, id int64) (*merit.Proposal, error) {
	return scanProposal(q.QueryRowContext(ctx, `SELECT `+proposalColumns+` WHERE p.agency_id = $1 AND p.id = $2`, agencyID, id))
}

// FindAttachment returns an attachment with its bytes, to whoever may see
// its proposal.
func (db *DB) FindAttachment(ctx context.Context, agencyID, proposalID, id int64) (*merit.Attachment, error) {
	const op = "sqldb.FindAttachment"
	if _, err := db.FindProposal(ctx, agencyID, proposalID); err != nil {
		return nil, err
	}
	at := &merit.Attachment{}
	err := db.read.QueryRowContext(ctx, `SELECT id, proposal_id, file_name, content_type, size, sha256, bytes FROM proposal_attachment
		WHERE agency_id = $1 AND proposal_id = $2 AND id = $3`, agencyID, proposalID, id).
		Scan(&at.ID, &at.ProposalID, &at.Name, &at.ContentType, &at.Size, &at.SHA256, &at.Data)
	return at, translate(op, err)
}

// DecideProposal accepts or rejects a submitted proposal (operators only: an
// employee cannot decide their own). Accepting applies the changes through
// the validated employee update in the same transaction, so history and
// audit are recorded as for any edit; rejecting needs a reason.
func (db *DB) DecideProposal(ctx context.Context, agencyID, id int64, accept bool, reason string) (*merit.Proposal, error) {
	const op = "sqldb.DecideProposal"
	if err := merit.Authorize(ctx, merit.PermWrite, agencyID); err != nil {
		return nil, err
	}
	var p *merit.Proposal
	err := db.writeTx(ctx, func(tx *Tx) error {
		var err error
		if p, err = proposalByID(ctx, tx, agencyID, id); err != nil {
			return err
		}
		if err := checkEmployeeScope(ctx, tx, merit.PermWrite, agencyID, p.EmployeeID); err != nil {
			return err
		}
		if p.Status != merit.ProposalSubmitted {
			return merit.Errorf(merit.KindConflict, op, "proposal.already_decided")
		}
		old := *p
		p.DecisionReason = strings.TrimSpace(reason)
		p.Status = merit.ProposalRejected
		if accept {
			p.Status = merit.ProposalAccepted
			e, err := employeeByID(ctx, tx, agencyID, p.EmployeeID)
			if err != nil {
				return err
			}
			p.Apply(e)
			if err := tx.validatedUpdate(ctx, e); err != nil {
				return err
			}
		} else if p.DecisionReason == "" {
			var fs merit.Fields
			fs.Add("decisionReason", "field.required", "")
			return fs.Err(op)
		}
		if a := merit.ActorFrom(ctx); a != nil {
			p.DecidedBy = a.Username
		}
		now := tx.now
		p.DecidedAt = &now
		if _, err := tx.ExecContext(ctx, `UPDATE employee_proposal SET status = $3, decided_by = $4, decided_at = $5, decision_reason = $6
			WHERE agency_id = $1 AND id = $2`, agencyID, id, string(p.Status), p.DecidedBy, now, p.DecisionReason); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "proposal", id, &old, p)
	})
	return p, translate(op, err)
}
