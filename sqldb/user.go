package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"merit"
)

// CreateUser adds an account with a password hash (see package auth) and its
// grants. The actor must manage users in every agency granted (merit.AuthorizeUsers);
// an account without grants, or a platform admin, only the system or a
// platform admin may create.
func (db *DB) CreateUser(ctx context.Context, u *merit.User, passwordHash string) error {
	const op = "sqldb.CreateUser"
	for _, g := range u.Grants {
		if err := merit.AuthorizeUsers(ctx, g.AgencyID); err != nil {
			return err
		}
	}
	if len(u.Grants) == 0 || u.PlatformAdmin {
		if err := merit.AuthorizePlatform(ctx); err != nil {
			return err
		}
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "app_user")
		if err != nil {
			return err
		}
		u.ID, u.CreatedAt = id, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO app_user (id, username, name, password_hash, disabled, created_at, platform_admin)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, u.ID, u.Username, u.Name, passwordHash, u.Disabled, u.CreatedAt, u.PlatformAdmin); err != nil {
			return err
		}
		if err := tx.insertGrants(ctx, op, u.ID, u.Grants); err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditCreate, "user", u.ID, nil, u)
	}))
}

// insertGrants stores grants of a user: an employee grant's record and a
// grant's units must exist in its agency (field errors "nip", "unitIds").
func (tx *Tx) insertGrants(ctx context.Context, op string, userID int64, grants []merit.Grant) error {
	for _, g := range grants {
		var employeeID sql.NullInt64
		if g.Role == merit.RoleEmployee {
			if _, err := employeeByID(ctx, tx, g.AgencyID, g.EmployeeID); errors.Is(err, sql.ErrNoRows) {
				var fs merit.Fields
				fs.Add("nip", "err.not_found", "")
				return fs.Err(op)
			} else if err != nil {
				return err
			}
			employeeID = sql.NullInt64{Int64: g.EmployeeID, Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_grant (user_id, agency_id, role, employee_id) VALUES ($1, $2, $3, $4)`,
			userID, g.AgencyID, string(g.Role), employeeID); err != nil {
			return err
		}
		for _, unitID := range g.UnitIDs {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM unit WHERE agency_id = $1 AND id = $2`, g.AgencyID, unitID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return merit.Invalid(op, merit.FieldError{Field: "unitIds", Code: "err.bad_reference", Value: strconv.FormatInt(unitID, 10)})
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_grant_unit (user_id, agency_id, role, unit_id) VALUES ($1, $2, $3, $4)
				ON CONFLICT DO NOTHING`, userID, g.AgencyID, string(g.Role), unitID); err != nil {
				return err
			}
		}
	}
	return nil
}

// SetPassword replaces a user's password hash and ends their sessions. The
// system actor may do it for anyone; a user for themselves.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	const op = "sqldb.SetPassword"
	if a := merit.ActorFrom(ctx); a == nil || (!a.System && a.UserID != userID) {
		return merit.Errorf(merit.KindForbidden, op, "err.forbidden")
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE app_user SET password_hash = $2 WHERE id = $1`, userID, passwordHash)
		if err != nil {
			return err
		}
		if err := mustAffect(res, op); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM user_session WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditUpdate, "user", userID, nil, map[string]bool{"passwordChanged": true})
	}))
}

// FindUsers lists every account (the system or a platform admin; the CLI's "user list").
func (db *DB) FindUsers(ctx context.Context) ([]*merit.User, error) {
	const op = "sqldb.FindUsers"
	if err := merit.AuthorizePlatform(ctx); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM app_user ORDER BY username`)
	if err != nil {
		return nil, translate(op, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]*merit.User, 0, len(ids))
	for _, id := range ids {
		u, _, err := db.userByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// UserForSignIn returns the account and password hash for a username. It is
// for package auth only: it needs no actor because nobody is signed in yet.
func (db *DB) UserForSignIn(ctx context.Context, username string) (*merit.User, string, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, `SELECT id FROM app_user WHERE username = $1`, username).Scan(&id)
	if err != nil {
		return nil, "", translate("sqldb.UserForSignIn", err)
	}
	return db.userByID(ctx, id)
}

func (db *DB) userByID(ctx context.Context, id int64) (*merit.User, string, error) {
	const op = "sqldb.userByID"
	u := &merit.User{}
	var hash string
	err := db.read.QueryRowContext(ctx, `SELECT id, username, name, password_hash, disabled, created_at, platform_admin FROM app_user WHERE id = $1`, id).
		Scan(&u.ID, &u.Username, &u.Name, &hash, &u.Disabled, &u.CreatedAt, &u.PlatformAdmin)
	if err != nil {
		return nil, "", translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT g.agency_id, a.code, g.role, g.employee_id FROM user_grant g JOIN agency a ON a.id = g.agency_id
		WHERE g.user_id = $1 ORDER BY a.name, g.role`, id)
	if err != nil {
		return nil, "", translate(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var g merit.Grant
		var employeeID sql.NullInt64
		if err := rows.Scan(&g.AgencyID, &g.AgencyCode, &g.Role, &employeeID); err != nil {
			return nil, "", translate(op, err)
		}
		g.EmployeeID = employeeID.Int64
		u.Grants = append(u.Grants, g)
	}
	if err := rows.Err(); err != nil {
		return nil, "", translate(op, err)
	}
	rows.Close()
	return u, hash, translate(op, db.grantUnits(ctx, u))
}

// grantUnits reads the units each of the user's grants is limited to.
func (db *DB) grantUnits(ctx context.Context, u *merit.User) error {
	rows, err := db.read.QueryContext(ctx, `SELECT agency_id, role, unit_id FROM user_grant_unit WHERE user_id = $1 ORDER BY unit_id`, u.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var agencyID, unitID int64
		var role merit.Role
		if err := rows.Scan(&agencyID, &role, &unitID); err != nil {
			return err
		}
		for i := range u.Grants {
			if g := &u.Grants[i]; g.AgencyID == agencyID && g.Role == role {
				g.UnitIDs = append(g.UnitIDs, unitID)
			}
		}
	}
	return rows.Err()
}

// Session is a signed-in browser session, found by the hash of its token.
type Session struct {
	TokenHash string
	UserID    int64
	Lang      string
	CreatedAt time.Time
	SeenAt    time.Time
	ExpiresAt time.Time
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *Session) error {
	return translate("sqldb.CreateSession", db.sessionTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO user_session (token_hash, user_id, lang, created_at, seen_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, s.TokenHash, s.UserID, s.Lang, s.CreatedAt.UTC(), s.SeenAt.UTC(), s.ExpiresAt.UTC())
		return err
	}))
}

// SessionUser returns the session with the token hash and its user, if the
// session has not expired and the user is not disabled.
func (db *DB) SessionUser(ctx context.Context, tokenHash string, now time.Time) (*Session, *merit.User, error) {
	const op = "sqldb.SessionUser"
	s := &Session{TokenHash: tokenHash}
	err := db.read.QueryRowContext(ctx, `SELECT user_id, lang, created_at, seen_at, expires_at FROM user_session
		WHERE token_hash = $1 AND expires_at > $2`, tokenHash, now.UTC()).Scan(&s.UserID, &s.Lang, &s.CreatedAt, &s.SeenAt, &s.ExpiresAt)
	if err == sql.ErrNoRows {
		return nil, nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	if err != nil {
		return nil, nil, translate(op, err)
	}
	u, _, err := db.userByID(ctx, s.UserID)
	if err != nil {
		return nil, nil, err
	}
	if u.Disabled {
		return nil, nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	return s, u, nil
}

// TouchSession records activity (for the idle timeout) and the language.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, seen time.Time, lang string) error {
	return translate("sqldb.TouchSession", db.sessionTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE user_session SET seen_at = $2, lang = $3 WHERE token_hash = $1`, tokenHash, seen.UTC(), lang)
		return err
	}))
}

// DeleteSession ends one session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return translate("sqldb.DeleteSession", db.sessionTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM user_session WHERE token_hash = $1`, tokenHash)
		return err
	}))
}
