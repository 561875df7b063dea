package sqldb

import (
	"context"
	"database/sql"

	"merit"
)

// CreateAgency adds an agency. Only the system actor (CLI) and platform
// admins may do this.
func (db *DB) CreateAgency(ctx context.Context, a *merit.Agency) error {
	const op = "sqldb.CreateAgency"
	if err := merit.AuthorizePlatform(ctx); err != nil {
		return err
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := a.Validate(ref); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "agency")
		if err != nil {
			return err
		}
		a.ID, a.CreatedAt = id, tx.now
		if _, err = tx.ExecContext(ctx, `INSERT INTO agency (id, code, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)`,
			a.ID, a.Code, a.Name, a.Kind, a.CreatedAt); err != nil {
			return err
		}
		return tx.audit(ctx, a.ID, merit.AuditCreate, "agency", a.ID, nil, a)
	}))
}

// FindAgencyByCode returns the agency with the code if the actor belongs to
// it; otherwise KindNotFound, whether or not it exists. Every page of an
// agency starts with it, so the row is kept in db.reads (see readCache).
func (db *DB) FindAgencyByCode(ctx context.Context, code string) (*merit.Agency, error) {
	const op = "sqldb.FindAgencyByCode"
	found, err := cachedRead(db, readKey{what: "agency", code: code}, func() (*merit.Agency, error) {
		var a merit.Agency
		err := db.read.QueryRowContext(ctx, `SELECT id, code, name, kind, created_at FROM agency WHERE code = $1`, code).
			Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.CreatedAt)
		return &a, err
	})
	if err != nil {
		return nil, translate(op, err)
	}
	a := *found // the caller's own copy
	// A member without PermRead (an employee, a panel member) still sees the
	// agency itself; what they may read in it is checked by each read.
	if err := merit.Authorize(ctx, merit.PermRead, a.ID); err != nil && merit.KindOf(err) != merit.KindForbidden {
		return nil, err
	}
	return &a, nil
}

// FindAgencies returns the agencies the actor belongs to (all, for the system).
func (db *DB) FindAgencies(ctx context.Context) ([]*merit.Agency, error) {
	const op = "sqldb.FindAgencies"
	actor := merit.ActorFrom(ctx)
	if actor == nil {
		return nil, merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, code, name, kind, created_at FROM agency ORDER BY name`)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.Agency
	for rows.Next() {
		var a merit.Agency
		if err := rows.Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.CreatedAt); err != nil {
			return nil, translate(op, err)
		}
		if actor.Member(a.ID) {
			out = append(out, &a)
		}
	}
	return out, translate(op, rows.Err())
}

// CountAgencies returns how many agencies exist; used to decide whether to
// load demo data into an empty database.
func (db *DB) CountAgencies(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM agency`).Scan(&n)
	return n, translate("sqldb.CountAgencies", err)
}

// CreateUnit adds an organisation unit.
func (db *DB) CreateUnit(ctx context.Context, u *merit.Unit) error {
	const op = "sqldb.CreateUnit"
	if err := merit.Authorize(ctx, merit.PermWrite, u.AgencyID); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := checkScopeTarget(ctx, tx, u.AgencyID, u.ParentID, "parentId"); err != nil {
			return err
		}
		if err := tx.createUnit(ctx, u); err != nil {
			return err
		}
		return tx.audit(ctx, u.AgencyID, merit.AuditCreate, "unit", u.ID, nil, u)
	}))
}

func (tx *Tx) createUnit(ctx context.Context, u *merit.Unit) error {
	id, err := tx.nextID(ctx, "unit")
	if err != nil {
		return err
	}
	u.ID = id
	_, err = tx.ExecContext(ctx, `INSERT INTO unit (agency_id, id, parent_id, name) VALUES ($1, $2, $3, $4)`,
		u.AgencyID, u.ID, nullID(u.ParentID), u.Name)
	return err
}

// UpdateUnit renames or moves a unit. Moving a unit below itself is refused.
func (db *DB) UpdateUnit(ctx context.Context, u *merit.Unit) error {
	const op = "sqldb.UpdateUnit"
	if err := merit.Authorize(ctx, merit.PermWrite, u.AgencyID); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old := &merit.Unit{AgencyID: u.AgencyID, ID: u.ID}
		var parent sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT parent_id, name FROM unit WHERE agency_id = $1 AND id = $2`, u.AgencyID, u.ID).
			Scan(&parent, &old.Name); err != nil {
			return err
		}
		old.ParentID = parent.Int64
		// A unit-limited operator moves and renames only units of their
		// scope, and only within it.
		if err := checkUnitScope(ctx, tx, u.AgencyID, u.ID); err != nil {
			return err
		}
		if u.ParentID != old.ParentID {
			if err := checkScopeTarget(ctx, tx, u.AgencyID, u.ParentID, "parentId"); err != nil {
				return err
			}
		}
		if u.ParentID != 0 {
			units, err := findUnits(ctx, tx, u.AgencyID)
			if err != nil {
				return err
			}
			for _, id := range merit.UnitAncestors(units, u.ParentID) {
				if id == u.ID {
					return merit.Invalid(op, merit.FieldError{Field: "parentId", Code: "unit.parent_cycle"})
				}
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE unit SET parent_id = $3, name = $4 WHERE agency_id = $1 AND id = $2`,
			u.AgencyID, u.ID, nullID(u.ParentID), u.Name)
		if err != nil {
			return err
		}
		if err := mustAffect(res, op); err != nil {
			return err
		}
		return tx.audit(ctx, u.AgencyID, merit.AuditUpdate, "unit", u.ID, old, u)
	}))
}

// FindUnits returns every unit of the agency with its direct and total
// headcounts, ordered as a tree (parents before children, siblings by name).
func (db *DB) FindUnits(ctx context.Context, agencyID int64) ([]*merit.Unit, error) {
	const op = "sqldb.FindUnits"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil {
		return nil, err
	}
	units, err := findUnits(ctx, db.read, agencyID)
	return units, translate(op, err)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// UnitTree returns every unit of the agency ordered as a tree like
// FindUnits, without headcounts (left 0): for choosing a unit in a filter
// or form, where counting the agency's employees per unit on every page
// view would cost more than the rest of the page (20,000 employees: ~2 ms).
// The tree is read again after a write or after readTTL (see readCache);
// the caller must not change it.
func (db *DB) UnitTree(ctx context.Context, agencyID int64) ([]*merit.Unit, error) {
	const op = "sqldb.UnitTree"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil {
		return nil, err
	}
	units, err := db.cachedUnitTree(ctx, agencyID)
	return units, translate(op, err)
}

// cachedUnitTree is the agency's unit tree without headcounts, kept in
// db.reads: shared, not to be changed.
func (db *DB) cachedUnitTree(ctx context.Context, agencyID int64) ([]*merit.Unit, error) {
	return cachedRead(db, readKey{what: "unit_tree", agency: agencyID}, func() ([]*merit.Unit, error) {
		return unitTree(ctx, db.read, agencyID, false)
	})
}

func findUnits(ctx context.Context, q querier, agencyID int64) ([]*merit.Unit, error) {
	return unitTree(ctx, q, agencyID, true)
}

// unitTree reads the agency's units in tree order, with their direct
// headcounts when asked.
func unitTree(ctx context.Context, q querier, agencyID int64, headcounts bool) ([]*merit.Unit, error) {
	count := "0"
	if headcounts {
		count = "(SELECT count(*) FROM employee e WHERE e.agency_id = u.agency_id AND e.unit_id = u.id)"
	}
	// In key order (no sort): SortUnitTree orders siblings by name, stably,
	// so ties keep their ID order as ORDER BY name, id gave them.
	rows, err := q.QueryContext(ctx, `
		SELECT u.id, u.parent_id, u.name, `+count+`
		FROM unit u WHERE u.agency_id = $1 ORDER BY u.id`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var units []*merit.Unit
	for rows.Next() {
		u := &merit.Unit{AgencyID: agencyID}
		var parent sql.NullInt64
		if err := rows.Scan(&u.ID, &parent, &u.Name, &u.Headcount); err != nil {
			return nil, err
		}
		u.ParentID = parent.Int64
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return merit.SortUnitTree(units), nil
}

// mustAffect returns KindNotFound when an UPDATE or DELETE matched no row.
func mustAffect(res sql.Result, op string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	return nil
}
