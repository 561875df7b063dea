package sqldb

import (
	"context"
	"slices"

	"merit"
)

// Accounts of an agency, managed by its admins (merit.PermManageUsers) and
// by platform admins (merit.AuthorizeUsers). Each change is audited on the
// agency's chain, entity "user"; a password never is, only that it was reset.

// inAgency returns a copy of u with only its grants in the agency, or
// KindNotFound when it holds none there: an admin sees nothing of a user's
// roles elsewhere.
func inAgency(u *merit.User, agencyID int64) (*merit.User, error) {
	out := *u
	out.Grants = nil
	for _, g := range u.Grants {
		if g.AgencyID == agencyID {
			out.Grants = append(out.Grants, g)
		}
	}
	if len(out.Grants) == 0 {
		return nil, merit.Errorf(merit.KindNotFound, "sqldb.inAgency", "err.not_found")
	}
	return &out, nil
}

// FindAgencyUsers lists the accounts holding a role in the agency, by
// username, each with its grants there only.
func (db *DB) FindAgencyUsers(ctx context.Context, agencyID int64) ([]*merit.User, error) {
	const op = "sqldb.FindAgencyUsers"
	if err := merit.AuthorizeUsers(ctx, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT u.id, u.username FROM app_user u JOIN user_grant g ON g.user_id = u.id
		WHERE g.agency_id = $1 ORDER BY u.username`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var username string
		if err := rows.Scan(&id, &username); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	out := make([]*merit.User, 0, len(ids))
	for _, id := range ids {
		u, _, err := db.userByID(ctx, id)
		if err != nil {
			return nil, err
		}
		if u, err = inAgency(u, agencyID); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// FindAgencyUser returns one account of the agency with its grants there;
// KindNotFound for an account that holds no role in the agency.
func (db *DB) FindAgencyUser(ctx context.Context, agencyID, userID int64) (*merit.User, error) {
	if err := merit.AuthorizeUsers(ctx, agencyID); err != nil {
		return nil, err
	}
	u, _, err := db.userByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	return inAgency(u, agencyID)
}

// manageAccount returns the user if the context's actor may change their
// whole account (disable it, reset its password) from the agency: the user
// holds a role there, the actor manages users in every agency the user
// belongs to (an admin of one agency must not take over an evaluator who
// reads others), and only a platform admin changes a platform admin.
func (db *DB) manageAccount(ctx context.Context, op string, agencyID, userID int64) (*merit.User, error) {
	u, err := db.FindAgencyUser(ctx, agencyID, userID)
	if err != nil {
		return nil, err
	}
	all, _, err := db.userByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, g := range all.Grants {
		if merit.AuthorizeUsers(ctx, g.AgencyID) != nil {
			return nil, merit.Errorf(merit.KindForbidden, op, "user.other_agencies")
		}
	}
	if all.PlatformAdmin && merit.AuthorizePlatform(ctx) != nil {
		return nil, merit.Errorf(merit.KindForbidden, op, "user.platform_admin")
	}
	return u, nil
}

// notSelf refuses a change an admin must not make to their own account
// (their roles, disabling it): it would lock them out.
func notSelf(ctx context.Context, op string, userID int64) error {
	if a := merit.ActorFrom(ctx); a != nil && a.UserID == userID {
		return merit.Errorf(merit.KindForbidden, op, "user.self")
	}
	return nil
}

// SetGrants replaces the user's roles in the agency (at least one; each
// with its units, an employee role with its record). Roles elsewhere stay.
// The user must hold a role there already, unless the actor is the system
// or a platform admin.
// API tokens above the new roles stop working at their next use.
func (db *DB) SetGrants(ctx context.Context, agencyID, userID int64, grants []merit.Grant) error {
	const op = "sqldb.SetGrants"
	old, err := db.FindAgencyUser(ctx, agencyID, userID)
	if merit.KindOf(err) == merit.KindNotFound && merit.AuthorizePlatform(ctx) == nil {
		// The system and platform admins also grant a first role in an
		// agency to an existing account (merit user grant).
		var all *merit.User
		if all, _, err = db.userByID(ctx, userID); err == nil {
			old = &merit.User{ID: all.ID, Username: all.Username, Name: all.Name}
		}
	}
	if err != nil {
		return err
	}
	if err := notSelf(ctx, op, userID); err != nil {
		return err
	}
	var fs merit.Fields
	if len(grants) == 0 {
		fs.Add("roles", "field.required", "")
	}
	var roles []merit.Role
	for i := range grants {
		grants[i].AgencyID = agencyID
		if slices.Contains(roles, grants[i].Role) {
			fs.Add("roles", "user.role_twice", string(grants[i].Role))
		}
		roles = append(roles, grants[i].Role)
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	check := &merit.User{Username: old.Username, Name: old.Name, Grants: grants}
	if err := check.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_grant_unit WHERE user_id = $1 AND agency_id = $2`, userID, agencyID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_grant WHERE user_id = $1 AND agency_id = $2`, userID, agencyID); err != nil {
			return err
		}
		if err := tx.insertGrants(ctx, op, userID, grants); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "user", userID, map[string]any{"grants": old.Grants},
			map[string]any{"grants": grants})
	}))
}

// SetDisabled disables or enables an account. A disabled account cannot
// sign in, its sessions end and its API tokens stop working.
func (db *DB) SetDisabled(ctx context.Context, agencyID, userID int64, disabled bool) error {
	const op = "sqldb.SetDisabled"
	u, err := db.manageAccount(ctx, op, agencyID, userID)
	if err != nil {
		return err
	}
	if err := notSelf(ctx, op, userID); err != nil {
		return err
	}
	if u.Disabled == disabled {
		return nil
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE app_user SET disabled = $2 WHERE id = $1`, userID, disabled); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_session WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "user", userID, map[string]bool{"disabled": u.Disabled},
			map[string]bool{"disabled": disabled})
	}))
}

// ResetPassword replaces the password hash of a user as an admin of the
// agency (see manageAccount) and ends every session of the user. The audit
// entry says that the password was reset and how many sessions ended,
// never the password or its hash.
func (db *DB) ResetPassword(ctx context.Context, agencyID, userID int64, passwordHash string) error {
	const op = "sqldb.ResetPassword"
	if _, err := db.manageAccount(ctx, op, agencyID, userID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE app_user SET password_hash = $2 WHERE id = $1`, userID, passwordHash); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM user_session WHERE user_id = $1`, userID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "user", userID, nil,
			map[string]any{"passwordReset": true, "sessionsEnded": n})
	}))
}

// GrantableUnits returns the agency's unit tree (tree-ordered, with
// headcounts) for whoever manages its accounts: the choices of a grant's
// units, also for a platform admin, who reads no registry.
func (db *DB) GrantableUnits(ctx context.Context, agencyID int64) ([]*merit.Unit, error) {
	if err := merit.AuthorizeUsers(ctx, agencyID); err != nil {
		return nil, err
	}
	units, err := findUnits(ctx, db.read, agencyID)
	return units, translate("sqldb.GrantableUnits", err)
}
