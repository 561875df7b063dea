package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"merit"
)

// audit appends an entry to the agency's audit chain inside the write: the
// actor comes from the context (merit.ActorFrom), so does the client's
// address and user agent (merit.ClientFrom); before and after are encoded as
// JSON (nil as ""). The head row is bumped first, which on PostgreSQL locks it
// until commit, so appends to one chain never interleave.
func (tx *Tx) audit(ctx context.Context, agencyID int64, action, entity string, entityID int64, before, after any) error {
	e := &merit.AuditEntry{AgencyID: agencyID, At: tx.now, Action: action, Entity: entity, EntityID: entityID}
	if a := merit.ActorFrom(ctx); a != nil {
		e.ActorID, e.Actor = a.UserID, a.Username
	}
	c := merit.ClientFrom(ctx)
	e.IP, e.UserAgent = c.IP, c.UserAgent
	var err error
	if e.Before, err = auditJSON(before); err != nil {
		return err
	}
	if e.After, err = auditJSON(after); err != nil {
		return err
	}
	const bump = `UPDATE audit_head SET seq = seq + 1 WHERE agency_id = $1 RETURNING seq, hash`
	err = tx.QueryRowContext(ctx, bump, agencyID).Scan(&e.Seq, &e.PrevHash)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = tx.ExecContext(ctx, `INSERT INTO audit_head (agency_id, seq, hash) VALUES ($1, 0, '') ON CONFLICT (agency_id) DO NOTHING`, agencyID); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		err = tx.QueryRowContext(ctx, bump, agencyID).Scan(&e.Seq, &e.PrevHash)
	}
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	e.Hash = e.ComputeHash()
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $2 WHERE agency_id = $1`, agencyID, e.Hash); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (`+auditColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		e.AgencyID, e.Seq, e.At, e.ActorID, e.Actor, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.IP, e.UserAgent, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

const auditColumns = `agency_id, seq, at, actor_id, actor, action, entity, entity_id, before_json, after_json, ip, user_agent, prev_hash, hash`

func scanAudit(s scanner) (*merit.AuditEntry, error) {
	e := &merit.AuditEntry{}
	err := s.Scan(&e.AgencyID, &e.Seq, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After,
		&e.IP, &e.UserAgent, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// FindAudit returns up to limit entries of the agency's audit trail, newest
// first; with entity (and entityID, when not 0) only those of that record:
// the history of one employee, say. It needs read permission in the agency.
func (db *DB) FindAudit(ctx context.Context, agencyID int64, entity string, entityID int64, limit int) ([]*merit.AuditEntry, error) {
	const op = "sqldb.FindAudit"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil {
		return nil, err
	}
	q := `SELECT ` + auditColumns + ` FROM audit_log WHERE agency_id = $1`
	args := []any{agencyID}
	if entity != "" {
		args = append(args, entity)
		q += fmt.Sprintf(` AND entity = $%d`, len(args))
		if entityID != 0 {
			args = append(args, entityID)
			q += fmt.Sprintf(` AND entity_id = $%d`, len(args))
		}
	}
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, q+fmt.Sprintf(` ORDER BY seq DESC LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		merit.MaskPersonalAudit(ctx, e)
		out = append(out, e)
	}
	return out, translate(op, rows.Err())
}

// VerifyAudit walks every agency's audit chain in seq order on one snapshot,
// recomputes each entry's hash and returns the first break, or nil, with
// the number of entries checked. An entry whose fields no longer give its
// hash while its prev_hash is right was changed; one whose prev_hash is not
// the previous entry's hash follows a removed entry, unless the previous
// entry's successor sits elsewhere in the chain (reordered); a gap in seq is
// a removed entry; a head that does not match the last entry is a removed
// tail. Only the system actor (the CLI) may run it.
func (db *DB) VerifyAudit(ctx context.Context) (*merit.AuditProblem, int, error) {
	const op = "sqldb.VerifyAudit"
	if a := merit.ActorFrom(ctx); a == nil || !a.System {
		return nil, 0, merit.Errorf(merit.KindForbidden, op, "err.forbidden")
	}
	var opts *sql.TxOptions
	if db.engine == Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	defer tx.Rollback()
	p, n, err := verifyAudit(ctx, tx)
	return p, n, translate(op, err)
}

type auditHead struct {
	seq  int64
	hash string
}

func verifyAudit(ctx context.Context, tx *sql.Tx) (*merit.AuditProblem, int, error) {
	heads := map[int64]auditHead{}
	rows, err := tx.QueryContext(ctx, `SELECT agency_id, seq, hash FROM audit_head`)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var id int64
		var h auditHead
		if err := rows.Scan(&id, &h.seq, &h.hash); err != nil {
			rows.Close()
			return nil, 0, err
		}
		heads[id] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY agency_id, seq`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	checked := 0
	agency, last := int64(-1), auditHead{}
	// endChain checks the head of the chain just walked.
	endChain := func() *merit.AuditProblem {
		if agency < 0 {
			return nil
		}
		h := heads[agency]
		delete(heads, agency)
		if h != last {
			return &merit.AuditProblem{AgencyID: agency, Seq: last.seq + 1, Kind: merit.AuditTruncated}
		}
		return nil
	}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, checked, err
		}
		if e.AgencyID != agency {
			if p := endChain(); p != nil {
				return p, checked, nil
			}
			agency, last = e.AgencyID, auditHead{}
		}
		want := last.seq + 1
		if e.Seq != want {
			return &merit.AuditProblem{AgencyID: agency, Seq: want, Kind: merit.AuditRemoved}, checked, nil
		}
		if e.PrevHash != last.hash {
			rows.Close() // the connection serves one query at a time
			p, err := misplaced(ctx, tx, e, last.hash)
			return p, checked, err
		}
		if e.ComputeHash() != e.Hash {
			return &merit.AuditProblem{AgencyID: agency, Seq: e.Seq, Kind: merit.AuditChanged}, checked, nil
		}
		checked++
		last = auditHead{seq: e.Seq, hash: e.Hash}
	}
	if err := rows.Err(); err != nil {
		return nil, checked, err
	}
	if p := endChain(); p != nil {
		return p, checked, nil
	}
	var orphan *merit.AuditProblem // a head whose chain has no entries left
	for id := range heads {
		if orphan == nil || id < orphan.AgencyID {
			orphan = &merit.AuditProblem{AgencyID: id, Seq: 1, Kind: merit.AuditTruncated}
		}
	}
	return orphan, checked, nil
}

// misplaced tells why entry e does not follow the entry with hash prev: if
// the chain holds prev's successor elsewhere the entries were reordered;
// otherwise the successor was removed.
func misplaced(ctx context.Context, tx *sql.Tx, e *merit.AuditEntry, prev string) (*merit.AuditProblem, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT seq FROM audit_log WHERE agency_id = $1 AND prev_hash = $2 AND seq <> $3`,
		e.AgencyID, prev, e.Seq).Scan(&seq)
	kind := merit.AuditReordered
	if errors.Is(err, sql.ErrNoRows) {
		kind = merit.AuditRemoved
	} else if err != nil {
		return nil, err
	}
	return &merit.AuditProblem{AgencyID: e.AgencyID, Seq: e.Seq, Kind: kind}, nil
}

// AuditFilter selects entries of one agency's audit trail for the audit
// search: each set field narrows the result. From and To are civil dates in
// WIB, both included.
type AuditFilter struct {
	Entity string     `json:"entity,omitempty"`
	Action string     `json:"action,omitempty"`
	Actor  string     `json:"actor,omitempty"` // the username, exactly
	From   merit.Date `json:"from,omitzero"`
	To     merit.Date `json:"to,omitzero"`
	Limit  int        `json:"-"` // at most this many, newest first; 0 means 50
	Offset int        `json:"-"`
}

// auditExport is the action of the entry that records an export of the
// audit trail itself.
const auditExport = "export"

// wib is the zone in which the audit search reads dates.
var wib = time.FixedZone("WIB", 7*3600)

// SearchAudit returns one page of the agency's audit entries that match f,
// newest first, and how many match in all. Only agency admins may search the
// trail (merit.PermManageUsers): it shows every user's actions.
func (db *DB) SearchAudit(ctx context.Context, agencyID int64, f AuditFilter) ([]*merit.AuditEntry, int, error) {
	const op = "sqldb.SearchAudit"
	if err := merit.Authorize(ctx, merit.PermManageUsers, agencyID); err != nil {
		return nil, 0, err
	}
	where := ` FROM audit_log WHERE agency_id = $1`
	args := []any{agencyID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Entity != "" {
		add(`entity = $%d`, f.Entity)
	}
	if f.Action != "" {
		add(`action = $%d`, f.Action)
	}
	if f.Actor != "" {
		add(`actor = $%d`, f.Actor)
	}
	if !f.From.IsZero() {
		add(`at >= $%d`, dayStart(f.From).UTC())
	}
	if !f.To.IsZero() {
		add(`at < $%d`, dayStart(f.To).AddDate(0, 0, 1).UTC())
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*)`+where, args...).Scan(&total); err != nil {
		return nil, 0, translate(op, err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args = append(args, f.Limit, max(f.Offset, 0))
	rows, err := db.read.QueryContext(ctx, `SELECT `+auditColumns+where+fmt.Sprintf(` ORDER BY seq DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, translate(op, err)
		}
		merit.MaskPersonalAudit(ctx, e)
		out = append(out, e)
	}
	return out, total, translate(op, rows.Err())
}

// dayStart is midnight WIB at the start of d.
func dayStart(d merit.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, wib)
}

// RecordAuditExport writes to the agency's audit trail that the actor
// exported the entries matching f (count of them), so that reading the trail
// out of the system leaves a trace too. Admins only, like SearchAudit.
func (db *DB) RecordAuditExport(ctx context.Context, agencyID int64, f AuditFilter, count int) error {
	const op = "sqldb.RecordAuditExport"
	if err := merit.Authorize(ctx, merit.PermManageUsers, agencyID); err != nil {
		return err
	}
	after := struct {
		AuditFilter
		Count int `json:"count"`
	}{f, count}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, agencyID, auditExport, "audit_log", 0, nil, after)
	}))
}
