package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"merit"
)

// Token is an API token for a machine client: one grant (an agency and a
// role) on behalf of a user, until it expires or is revoked. The token
// itself is shown once at creation; only its SHA-256 (TokenHash) is stored,
// and TokenHash never leaves this package's callers in JSON or the audit.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"userId"`
	Username   string     `json:"username"`
	AgencyID   int64      `json:"agencyId"`
	AgencyCode string     `json:"agencyCode"`
	Role       merit.Role `json:"role"`
	Name       string     `json:"name"`
	TokenHash  string     `json:"-"`
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  time.Time  `json:"expiresAt"`
	RevokedAt  *time.Time `json:"revokedAt,omitempty"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
}

// selfOrSystem refuses unless the context's actor is the system or the user.
func selfOrSystem(ctx context.Context, op string, userID int64) error {
	if a := merit.ActorFrom(ctx); a == nil || (!a.System && a.UserID != userID) {
		return merit.Errorf(merit.KindForbidden, op, "err.forbidden")
	}
	return nil
}

// CreateToken stores a new API token (the system actor, or the user for
// themselves). The token's role may not exceed the user's own role in the
// agency: a viewer cannot mint an operator token. Audited on the global
// chain (agency 0) without the hash.
func (db *DB) CreateToken(ctx context.Context, t *Token) error {
	const op = "sqldb.CreateToken"
	if err := selfOrSystem(ctx, op, t.UserID); err != nil {
		return err
	}
	var fs merit.Fields
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if !t.Role.Valid() {
		fs.Add("role", "field.unknown_ref", string(t.Role))
	}
	if t.TokenHash == "" || !t.ExpiresAt.After(time.Now()) {
		fs.Add("expiresAt", "token.expiry", t.ExpiresAt.Format(time.DateOnly))
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	u, _, err := db.userByID(ctx, t.UserID)
	if err != nil {
		return err
	}
	var held merit.Role
	for _, g := range u.Grants {
		if g.AgencyID == t.AgencyID && (held == "" || g.Role.Covers(held)) {
			held = g.Role
		}
	}
	if !held.Covers(t.Role) {
		e := merit.Errorf(merit.KindForbidden, op, "token.role_exceeds")
		e.Fields = []merit.FieldError{{Field: "role", Code: "token.role_exceeds", Args: []any{string(t.Role)}, Value: string(t.Role)}}
		return e
	}
	t.Username = u.Username
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "api_token")
		if err != nil {
			return err
		}
		t.ID, t.CreatedAt = id, tx.now
		if err := tx.QueryRowContext(ctx, `SELECT code FROM agency WHERE id = $1`, t.AgencyID).Scan(&t.AgencyCode); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_token (id, user_id, agency_id, role, name, token_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, t.ID, t.UserID, t.AgencyID, string(t.Role), t.Name, t.TokenHash,
			t.CreatedAt, t.ExpiresAt.UTC()); err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditCreate, "api_token", t.ID, nil, t)
	}))
}

const tokenColumns = `t.id, t.user_id, u.username, t.agency_id, a.code, t.role, t.name, t.created_at, t.expires_at, t.revoked_at, t.last_used_at`

const tokenFrom = ` FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN agency a ON a.id = t.agency_id`

func scanToken(s scanner) (*Token, error) {
	t := &Token{}
	var revoked, used sql.NullTime
	if err := s.Scan(&t.ID, &t.UserID, &t.Username, &t.AgencyID, &t.AgencyCode, &t.Role, &t.Name, &t.CreatedAt, &t.ExpiresAt,
		&revoked, &used); err != nil {
		return nil, err
	}
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
	if revoked.Valid {
		r := revoked.Time.UTC()
		t.RevokedAt = &r
	}
	if used.Valid {
		u := used.Time.UTC()
		t.LastUsedAt = &u
	}
	return t, nil
}

// FindTokens lists API tokens, of one user when userID is not 0, newest
// first. The system actor sees all; a user only their own.
func (db *DB) FindTokens(ctx context.Context, userID int64) ([]*Token, error) {
	const op = "sqldb.FindTokens"
	if a := merit.ActorFrom(ctx); a == nil || (!a.System && (userID == 0 || a.UserID != userID)) {
		return nil, merit.Errorf(merit.KindForbidden, op, "err.forbidden")
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE $1 = 0 OR t.user_id = $1 ORDER BY t.id DESC`, userID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, t)
	}
	return out, translate(op, rows.Err())
}

// RevokeToken ends an API token at once (the system actor, or its user).
// Revoking an already revoked token is a no-op that is not audited again.
func (db *DB) RevokeToken(ctx context.Context, id int64) error {
	const op = "sqldb.RevokeToken"
	var userID int64
	var revoked sql.NullTime
	err := db.read.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM api_token WHERE id = $1`, id).Scan(&userID, &revoked)
	if err != nil {
		return translate(op, err)
	}
	if err := selfOrSystem(ctx, op, userID); err != nil {
		return err
	}
	if revoked.Valid {
		return nil
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, tx.now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditRevoke, "api_token", id, nil, map[string]any{"revokedAt": tx.now})
	}))
}

// TokenActor resolves a token hash into the actor it acts as: its user with
// exactly the token's one grant. An unknown, expired or revoked token, a
// disabled user, or a user who no longer holds that role in the agency is
// KindUnauthenticated. Use is recorded at most once a minute (not audited).
func (db *DB) TokenActor(ctx context.Context, tokenHash string, now time.Time) (*merit.Actor, error) {
	const op = "sqldb.TokenActor"
	t, err := scanToken(db.read.QueryRowContext(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE t.token_hash = $1`, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	if err != nil {
		return nil, translate(op, err)
	}
	if t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
		return nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	u, _, err := db.userByID(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	// The token acts within the units its user's covering grants are
	// limited to; a covering grant without units lifts the limit. An
	// employee's token is held by their own self-service grant alone and
	// carries its record link, so it reads what their session reads.
	held, limited := false, true
	var units []int64
	var employeeID int64
	for _, g := range u.Grants {
		if g.AgencyID == t.AgencyID && t.Role == merit.RoleEmployee {
			if g.Role == merit.RoleEmployee {
				held, employeeID = true, g.EmployeeID
			}
			continue
		}
		if g.AgencyID == t.AgencyID && g.Role.Covers(t.Role) {
			held = true
			limited = limited && len(g.UnitIDs) > 0
			units = append(units, g.UnitIDs...)
		}
	}
	if !limited {
		units = nil
	}
	if u.Disabled || !held {
		return nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		err := db.writeTx(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_token SET last_used_at = $2 WHERE id = $1`, t.ID, now.UTC())
			return err
		})
		if err != nil {
			return nil, translate(op, err)
		}
	}
	return &merit.Actor{UserID: u.ID, Username: u.Username, Name: u.Name,
		Grants: []merit.Grant{{AgencyID: t.AgencyID, AgencyCode: t.AgencyCode, Role: t.Role, UnitIDs: units, EmployeeID: employeeID}}}, nil
}

// DeleteSessionsOfUser ends every session of the user (sign out everywhere):
// the system actor, or the user themselves. Audited on the global chain.
func (db *DB) DeleteSessionsOfUser(ctx context.Context, userID int64) error {
	const op = "sqldb.DeleteSessionsOfUser"
	if err := selfOrSystem(ctx, op, userID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM user_session WHERE user_id = $1`, userID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditSignOutAll, "user", userID, nil, map[string]int64{"sessionsEnded": n})
	}))
}
