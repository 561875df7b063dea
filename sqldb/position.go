package sqldb

import (
	"context"
	"strconv"
	"strings"

	"merit"
)

// CreatePosition adds a position (jabatan) to a unit.
func (db *DB) CreatePosition(ctx context.Context, p *merit.Position) error {
	const op = "sqldb.CreatePosition"
	if err := merit.Authorize(ctx, merit.PermWrite, p.AgencyID); err != nil {
		return err
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := p.ValidateStored(ref); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := checkScopeTarget(ctx, tx, p.AgencyID, p.UnitID, "unitId"); err != nil {
			return err
		}
		if err := tx.createPosition(ctx, p); err != nil {
			return err
		}
		return tx.audit(ctx, p.AgencyID, merit.AuditCreate, "position", p.ID, nil, p)
	}))
}

func (tx *Tx) createPosition(ctx context.Context, p *merit.Position) error {
	id, err := tx.nextID(ctx, "position")
	if err != nil {
		return err
	}
	p.ID = id
	_, err = tx.ExecContext(ctx, `INSERT INTO position (agency_id, id, unit_id, name, jenis, jenjang, kelas_jabatan, critical)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		p.AgencyID, p.ID, p.UnitID, p.Name, p.Jenis, p.Jenjang, p.KelasJabatan, p.Critical)
	return err
}

// FindPositions returns the agency's positions, optionally of one unit.
func (db *DB) FindPositions(ctx context.Context, agencyID, unitID int64) ([]*merit.Position, error) {
	const op = "sqldb.FindPositions"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil {
		return nil, err
	}
	q := `SELECT id, unit_id, name, jenis, jenjang, kelas_jabatan, critical FROM position WHERE agency_id = $1`
	args := []any{agencyID}
	if unitID != 0 {
		q += ` AND unit_id = $2`
		args = append(args, unitID)
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY name, id`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*merit.Position
	for rows.Next() {
		p := &merit.Position{AgencyID: agencyID}
		if err := rows.Scan(&p.ID, &p.UnitID, &p.Name, &p.Jenis, &p.Jenjang, &p.KelasJabatan, &p.Critical); err != nil {
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	return out, translate(op, rows.Err())
}

// PositionFilter selects the rows of the positions page: a unit and the
// units below it (0: all), one jenis ("" for all) and a part of the name
// (case-insensitive).
type PositionFilter struct {
	AgencyID int64
	UnitID   int64
	Jenis    string
	Query    string
}

// PositionRow is a position with what its list shows beside it: the name of
// its unit and how many employees hold it (its incumbents).
type PositionRow struct {
	merit.Position
	UnitName   string `json:"unitName"`
	Incumbents int    `json:"incumbents"`
}

// ListPositions returns the positions the filter selects, by unit name and
// position name, with their incumbents counted. Positions are organisation
// structure like units: every reader of the agency sees them all.
func (db *DB) ListPositions(ctx context.Context, f PositionFilter) ([]*PositionRow, error) {
	const op = "sqldb.ListPositions"
	if err := merit.Authorize(ctx, merit.PermRead, f.AgencyID); err != nil {
		return nil, err
	}
	q := positionRowSelect + ` WHERE p.agency_id = $1`
	args := []any{f.AgencyID}
	if f.UnitID != 0 {
		units, err := findUnits(ctx, db.read, f.AgencyID)
		if err != nil {
			return nil, translate(op, err)
		}
		in := make([]string, 0, len(units))
		for _, id := range merit.UnitDescendants(units, f.UnitID) {
			args = append(args, id)
			in = append(in, "$"+strconv.Itoa(len(args)))
		}
		q += ` AND p.unit_id IN (` + strings.Join(in, ", ") + `)`
	}
	if f.Jenis != "" {
		args = append(args, f.Jenis)
		q += ` AND p.jenis = $` + strconv.Itoa(len(args))
	}
	if s := strings.TrimSpace(f.Query); s != "" {
		args = append(args, likePattern("%", s, "%"))
		q += ` AND lower(p.name) LIKE $` + strconv.Itoa(len(args)) + ` ESCAPE '\'`
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY u.name, p.name, p.id`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*PositionRow
	for rows.Next() {
		p, err := scanPositionRow(rows, f.AgencyID)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	return out, translate(op, rows.Err())
}

// FindPosition returns one position of the agency with its unit name and
// incumbents.
func (db *DB) FindPosition(ctx context.Context, agencyID, id int64) (*PositionRow, error) {
	const op = "sqldb.FindPosition"
	if err := merit.Authorize(ctx, merit.PermRead, agencyID); err != nil {
		return nil, err
	}
	p, err := positionRow(ctx, db.read, agencyID, id)
	return p, translate(op, err)
}

const positionRowSelect = `SELECT p.id, p.unit_id, p.name, p.jenis, p.jenjang, p.kelas_jabatan, p.critical, u.name,
	(SELECT count(*) FROM employee e WHERE e.agency_id = p.agency_id AND e.position_id = p.id)
	FROM position p JOIN unit u ON u.agency_id = p.agency_id AND u.id = p.unit_id`

func scanPositionRow(s scanner, agencyID int64) (*PositionRow, error) {
	p := &PositionRow{Position: merit.Position{AgencyID: agencyID}}
	err := s.Scan(&p.ID, &p.UnitID, &p.Name, &p.Jenis, &p.Jenjang, &p.KelasJabatan, &p.Critical, &p.UnitName, &p.Incumbents)
	if err != nil {
		return nil, err
	}
	return p, nil
}

func positionRow(ctx context.Context, q querier, agencyID, id int64) (*PositionRow, error) {
	return scanPositionRow(q.QueryRowContext(ctx, positionRowSelect+` WHERE p.agency_id = $1 AND p.id = $2`, agencyID, id), agencyID)
}

// UpdatePosition replaces a position's unit, name, jenis, jenjang, kelas
// jabatan and critical flag. An operator limited to units changes only the
// positions of his units and moves them only within them; a position
// outside them is not found. A critical position with reasons (a
// succession plan) is unflagged only through UnflagCritical.
func (db *DB) UpdatePosition(ctx context.Context, p *merit.Position) error {
	const op = "sqldb.UpdatePosition"
	if err := merit.Authorize(ctx, merit.PermWrite, p.AgencyID); err != nil {
		return err
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := p.ValidateStored(ref); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := positionRow(ctx, tx, p.AgencyID, p.ID)
		if err != nil {
			return err
		}
		if err := checkUnitScope(ctx, tx, p.AgencyID, old.UnitID); err != nil {
			return err
		}
		if p.UnitID != old.UnitID {
			if err := checkScopeTarget(ctx, tx, p.AgencyID, p.UnitID, "unitId"); err != nil {
				return err
			}
		}
		if old.Critical && !p.Critical {
			// Its reasons and succession plan go with the flag, through
			// UnflagCritical (the succession page), not silently here.
			var reasons int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM critical_position WHERE agency_id = $1 AND position_id = $2`,
				p.AgencyID, p.ID).Scan(&reasons); err != nil {
				return err
			}
			if reasons > 0 {
				return merit.Invalid(op, merit.FieldError{Field: "critical", Code: "position.critical_has_plan"})
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE position SET unit_id = $3, name = $4, jenis = $5, jenjang = $6, kelas_jabatan = $7, critical = $8
			WHERE agency_id = $1 AND id = $2`,
			p.AgencyID, p.ID, p.UnitID, p.Name, p.Jenis, p.Jenjang, p.KelasJabatan, p.Critical)
		if err != nil {
			return err
		}
		if err := mustAffect(res, op); err != nil {
			return err
		}
		return tx.audit(ctx, p.AgencyID, merit.AuditUpdate, "position", p.ID, &old.Position, p)
	}))
}

// DeletePosition removes a position. It is refused (KindConflict,
// position.in_use) while employees hold it, (position.has_standard) while a
// competency standard (SKJ) is set for it, and (position.referenced) while
// another record names it (a succession plan): each would lose what it
// says. The unit scope applies as in UpdatePosition.
func (db *DB) DeletePosition(ctx context.Context, agencyID, id int64) error {
	const op = "sqldb.DeletePosition"
	if err := merit.Authorize(ctx, merit.PermWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := positionRow(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if err := checkUnitScope(ctx, tx, agencyID, old.UnitID); err != nil {
			return err
		}
		if old.Incumbents > 0 {
			return merit.Errorf(merit.KindConflict, op, "position.in_use")
		}
		var standards int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM competency_standard WHERE agency_id = $1 AND position_id = $2`,
			agencyID, id).Scan(&standards); err != nil {
			return err
		}
		if standards > 0 {
			return merit.Errorf(merit.KindConflict, op, "position.has_standard")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM position WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			if merit.CodeOf(translate(op, err)) == "err.bad_reference" {
				// Another record (a critical position's reasons, a
				// succession filling) still names it.
				return merit.Errorf(merit.KindConflict, op, "position.referenced")
			}
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "position", id, &old.Position, nil)
	}))
}
