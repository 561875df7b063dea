package sqldb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"merit"
	"merit/performance"
)

// SKPFilter selects the rows of an agency's SKP page: its employees for one
// year and period, each with his SKP when rated.
type SKPFilter struct {
	AgencyID int64
	Year     int
	Period   performance.Period
	UnitID   int64                // the unit and every unit below it; 0 for all
	Predikat performance.Predikat // only SKPs with this predikat (or band)
	Rated    string               // SKPRated, SKPUnrated or "" for both
	Query    string               // part of the name, or the first digits of the NIP
	Offset   int
	Limit    int
}

// Values of SKPFilter.Rated.
const (
	SKPRated   = "rated"
	SKPUnrated = "unrated"
)

// SKPRow is an employee of the SKP page with his SKP for the period (nil when
// not rated yet).
type SKPRow struct {
	EmployeeID   int64
	NIP          string
	Name         string
	UnitID       int64
	UnitName     string
	PositionName string
	Jenis        string
	Jenjang      string // the JF jenjang of his position, "" otherwise
	SKP          *performance.SKP
}

// FindSKPRows returns one page of the agency's employees with their SKP for
// the filter's year and period, ordered by name, and the number of rows that
// match. It needs PermPerformanceRead.
func (db *DB) FindSKPRows(ctx context.Context, f SKPFilter) ([]SKPRow, int, error) {
	const op = "sqldb.FindSKPRows"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, f.AgencyID); err != nil {
		return nil, 0, err
	}
	args := []any{f.AgencyID, f.Year, string(f.Period)}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := []string{"e.agency_id = $1"}
	if q := strings.TrimSpace(f.Query); q != "" {
		if isDigits(q) && len(q) <= 18 {
			where = append(where, "e.nip >= "+arg(padRight(q, '0'))+" AND e.nip <= "+arg(padRight(q, '9')))
		} else {
			where = append(where, "e.name_search LIKE "+arg(likePattern("%", q, "%"))+` ESCAPE '\'`)
		}
	}
	if f.UnitID != 0 {
		where = append(where, `e.unit_id IN (WITH RECURSIVE below (id) AS (SELECT CAST(`+arg(f.UnitID)+` AS BIGINT)`+
			` UNION ALL SELECT c.id FROM unit c JOIN below ON c.agency_id = $1 AND c.parent_id = below.id) SELECT id FROM below)`)
	}
	if f.Predikat != "" {
		where = append(where, "s.predikat = "+arg(string(f.Predikat)))
	}
	scope, err := scopeOf(ctx, db.read, merit.PermPerformanceRead, f.AgencyID)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	if scope != nil {
		in := "NULL" // an empty scope matches nobody
		for _, id := range scope.ids() {
			in += ", " + arg(id)
		}
		where = append(where, "e.unit_id IN ("+in+")")
	}
	switch f.Rated {
	case SKPRated:
		where = append(where, "s.id IS NOT NULL")
	case SKPUnrated:
		where = append(where, "s.id IS NULL")
	}
	from := ` FROM employee e
		LEFT JOIN skp s ON s.agency_id = e.agency_id AND s.employee_id = e.id AND s.year = $2 AND s.period = $3
		LEFT JOIN unit u ON u.agency_id = e.agency_id AND u.id = e.unit_id
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE ` + strings.Join(where, " AND ")
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, translate(op, err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.nip, e.name, COALESCE(e.unit_id, 0), COALESCE(u.name, ''),
		COALESCE(p.name, ''), COALESCE(p.jenis, ''), COALESCE(p.jenjang, ''), COALESCE(s.id, 0)`+from+
		` ORDER BY e.name_search, e.id LIMIT `+arg(limit)+` OFFSET `+arg(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	defer rows.Close()
	var out []SKPRow
	var ids []int64
	for rows.Next() {
		var r SKPRow
		var skpID int64
		if err := rows.Scan(&r.EmployeeID, &r.NIP, &r.Name, &r.UnitID, &r.UnitName, &r.PositionName, &r.Jenis, &r.Jenjang, &skpID); err != nil {
			return nil, 0, translate(op, err)
		}
		if skpID != 0 {
			r.SKP = &performance.SKP{ID: skpID}
			ids = append(ids, skpID)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(op, err)
	}
	rows.Close()
	byID, err := skpsByID(ctx, db.read, f.AgencyID, ids)
	if err != nil {
		return nil, 0, translate(op, err)
	}
	for i := range out {
		if out[i].SKP != nil {
			out[i].SKP = byID[out[i].SKP.ID]
		}
	}
	return out, total, nil
}

// skpsByID reads the SKPs with the given IDs.
func skpsByID(ctx context.Context, q querier, agencyID int64, ids []int64) (map[int64]*performance.SKP, error) {
	out := make(map[int64]*performance.SKP, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{agencyID}
	in := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		in[i] = "$" + strconv.Itoa(len(args))
	}
	rows, err := q.QueryContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.agency_id = $1 AND s.id IN (`+strings.Join(in, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanSKP(rows)
		if err != nil {
			return nil, err
		}
		out[s.ID] = s
	}
	return out, rows.Err()
}

// EmployeeSKPs returns every SKP of an employee, newest year first and,
// within a year, the annual one before the periodic ones. Operators and
// readers with PermPerformanceRead see any employee's; an employee account
// its own.
func (db *DB) EmployeeSKPs(ctx context.Context, agencyID, employeeID int64) ([]*performance.SKP, error) {
	const op = "sqldb.EmployeeSKPs"
	if err := merit.AuthorizePerformance(ctx, merit.PermPerformanceRead, agencyID, employeeID, 0); err != nil {
		return nil, err
	}
	if err := db.inSKPScope(ctx, agencyID, employeeID); err != nil {
		return nil, translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.agency_id = $1 AND s.employee_id = $2
		ORDER BY s.year DESC, CASE WHEN s.period = 'TAHUNAN' THEN 0 ELSE 1 END, s.period`, agencyID, employeeID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*performance.SKP
	for rows.Next() {
		s, err := scanSKP(rows)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, s)
	}
	return out, translate(op, rows.Err())
}

// inSKPScope answers KindNotFound when the agency has no such employee or
// he is outside the reader's unit scope.
func (db *DB) inSKPScope(ctx context.Context, agencyID, employeeID int64) error {
	var unit sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit); err != nil {
		return err
	}
	scope, err := scopeOf(ctx, db.read, merit.PermPerformanceRead, agencyID)
	if err != nil {
		return err
	}
	if !scope.has(unit.Int64) {
		return merit.Errorf(merit.KindNotFound, "sqldb.inSKPScope", "err.not_found")
	}
	return nil
}

// FindSKP returns one SKP of the agency by its ID. Operators and readers see
// any; an employee account its own and those it rates.
func (db *DB) FindSKP(ctx context.Context, agencyID, id int64) (*performance.SKP, error) {
	const op = "sqldb.FindSKP"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil && merit.KindOf(err) != merit.KindForbidden {
		return nil, err
	}
	s, err := scanSKP(db.read.QueryRowContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.agency_id = $1 AND s.id = $2`, agencyID, id))
	if err != nil {
		return nil, translate(op, err)
	}
	if err := merit.AuthorizePerformance(ctx, merit.PermPerformanceRead, agencyID, s.EmployeeID, s.RaterID); err != nil {
		return nil, err
	}
	if err := db.inSKPScope(ctx, agencyID, s.EmployeeID); err != nil {
		return nil, translate(op, err)
	}
	return s, nil
}

// DeleteSKP removes an SKP (one entered for the wrong period, say). It needs
// PermPerformanceWrite and is audited.
func (db *DB) DeleteSKP(ctx context.Context, agencyID, id int64) error {
	const op = "sqldb.DeleteSKP"
	if err := merit.Authorize(ctx, merit.PermPerformanceWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := scanSKP(tx.QueryRowContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.agency_id = $1 AND s.id = $2`, agencyID, id))
		if err != nil {
			return err
		}
		scope, err := scopeOf(ctx, tx, merit.PermPerformanceWrite, agencyID)
		if err != nil {
			return err
		}
		if !scope.has(old.UnitID) {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skp WHERE agency_id = $1 AND id = $2`, agencyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditDelete, "skp", id, old, nil)
	}))
}

// Ratees returns the employees whom raterID rates for a year and period,
// ordered by name, each with his SKP when rated: those whose default rater
// he is (performance.DefaultRater over the unit tree) and those whose SKP
// names him as the chosen rater. The rater himself (through self-service)
// and readers with PermPerformanceRead may list them.
func (db *DB) Ratees(ctx context.Context, agencyID, raterID int64, year int, period performance.Period) ([]SKPRow, error) {
	const op = "sqldb.Ratees"
	if err := merit.AuthorizePerformance(ctx, merit.PermPerformanceRead, agencyID, raterID, 0); err != nil {
		return nil, err
	}
	r, err := loadRaters(ctx, db.read, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	var unit sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, raterID).Scan(&unit); err != nil {
		return nil, translate(op, err)
	}
	// Only employees in the rater's own unit and below can have him as
	// their default rater; overridden SKPs may name him from anywhere.
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.nip, e.name, COALESCE(e.unit_id, 0), COALESCE(u.name, ''),
		COALESCE(p.name, ''), COALESCE(p.jenis, ''), COALESCE(p.jenjang, ''), COALESCE(s.id, 0), COALESCE(s.rater_id, 0), COALESCE(s.rater_override, FALSE)
		FROM employee e
		LEFT JOIN skp s ON s.agency_id = e.agency_id AND s.employee_id = e.id AND s.year = $3 AND s.period = $4
		LEFT JOIN unit u ON u.agency_id = e.agency_id AND u.id = e.unit_id
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND e.id <> $2 AND (s.rater_id = $2 OR e.unit_id IN (WITH RECURSIVE below (id) AS (SELECT CAST($5 AS BIGINT)
			UNION ALL SELECT c.id FROM unit c JOIN below ON c.agency_id = $1 AND c.parent_id = below.id) SELECT id FROM below))
		ORDER BY e.name_search, e.id`, agencyID, raterID, year, string(period), unit.Int64)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []SKPRow
	var ids []int64
	for rows.Next() {
		var row SKPRow
		var skpID, skpRater int64
		var override bool
		if err := rows.Scan(&row.EmployeeID, &row.NIP, &row.Name, &row.UnitID, &row.UnitName, &row.PositionName, &row.Jenis, &row.Jenjang,
			&skpID, &skpRater, &override); err != nil {
			return nil, translate(op, err)
		}
		rater := skpRater
		if !override {
			h, _ := performance.DefaultRater(r.units, r.heads, row.EmployeeID, row.UnitID)
			rater = h.EmployeeID
		}
		if rater != raterID {
			continue
		}
		if skpID != 0 {
			row.SKP = &performance.SKP{ID: skpID}
			ids = append(ids, skpID)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	rows.Close()
	byID, err := skpsByID(ctx, db.read, agencyID, ids)
	if err != nil {
		return nil, translate(op, err)
	}
	for i := range out {
		if out[i].SKP != nil {
			out[i].SKP = byID[out[i].SKP.ID]
		}
	}
	return out, nil
}

// SetUnitPredikat stores the organisation predikat of a unit for a year,
// replacing the one there. It needs PermPerformanceWrite and is audited.
func (db *DB) SetUnitPredikat(ctx context.Context, u *performance.UnitPredikat) error {
	const op = "sqldb.SetUnitPredikat"
	if err := merit.Authorize(ctx, merit.PermPerformanceWrite, u.AgencyID); err != nil {
		return err
	}
	if a := merit.ActorFrom(ctx); a != nil {
		u.SetBy = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		// The unit first: another agency's unit is not found, whatever the
		// predikat says.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM unit WHERE agency_id = $1 AND id = $2`, u.AgencyID, u.UnitID).Scan(&n); err != nil {
			return err
		}
		scope, err := scopeOf(ctx, tx, merit.PermPerformanceWrite, u.AgencyID)
		if err != nil {
			return err
		}
		if n == 0 && u.UnitID != 0 || n > 0 && !scope.has(u.UnitID) {
			return merit.Errorf(merit.KindNotFound, op, "err.not_found")
		}
		if err := u.Validate(merit.DateOf(db.Now())); err != nil {
			return err
		}
		old := &performance.UnitPredikat{AgencyID: u.AgencyID, UnitID: u.UnitID, Year: u.Year}
		err = tx.QueryRowContext(ctx, `SELECT predikat, set_by, updated_at FROM skp_unit WHERE agency_id = $1 AND unit_id = $2 AND year = $3`,
			u.AgencyID, u.UnitID, u.Year).Scan(&old.Predikat, &old.SetBy, &old.UpdatedAt)
		u.UpdatedAt = tx.now
		switch {
		case err == sql.ErrNoRows:
			if _, err := tx.ExecContext(ctx, `INSERT INTO skp_unit (agency_id, unit_id, year, predikat, set_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				u.AgencyID, u.UnitID, u.Year, string(u.Predikat), u.SetBy, u.UpdatedAt); err != nil {
				return err
			}
			return tx.audit(ctx, u.AgencyID, merit.AuditCreate, "skp_unit", u.UnitID, nil, u)
		case err != nil:
			return err
		case old.Predikat == u.Predikat:
			*u = *old
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE skp_unit SET predikat = $4, set_by = $5, updated_at = $6 WHERE agency_id = $1 AND unit_id = $2 AND year = $3`,
			u.AgencyID, u.UnitID, u.Year, string(u.Predikat), u.SetBy, u.UpdatedAt); err != nil {
			return err
		}
		return tx.audit(ctx, u.AgencyID, merit.AuditUpdate, "skp_unit", u.UnitID, old, u)
	}))
}

// UnitPerformance is one unit's performance for a year: its organisation
// predikat (empty when not set), the annual predikat of the staff in it and
// every unit below it, and where that distribution departs from the curve
// of its organisation predikat (a soft warning).
type UnitPerformance struct {
	Unit       *merit.Unit
	Predikat   performance.OrgPredikat
	Counts     map[performance.Predikat]int
	Rated      int // staff with an annual 2022-scheme SKP for the year
	Departures []performance.Departure
}

// UnitPerformances returns every unit of the agency in tree order with its
// performance for a year. It needs PermPerformanceRead.
func (db *DB) UnitPerformances(ctx context.Context, agencyID int64, year int) ([]*UnitPerformance, error) {
	const op = "sqldb.UnitPerformances"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return nil, err
	}
	units, err := findUnits(ctx, db.read, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	in, err := db.Instruments(ctx)
	if err != nil {
		return nil, err
	}
	direct := map[int64]map[performance.Predikat]int{}
	rows, err := db.read.QueryContext(ctx, `SELECT e.unit_id, s.predikat, count(*) FROM skp s
		JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
		WHERE s.agency_id = $1 AND s.year = $2 AND s.period = $3 AND s.scheme = $4 AND e.unit_id IS NOT NULL
		GROUP BY e.unit_id, s.predikat`, agencyID, year, string(performance.Annual), string(performance.Scheme2022))
	if err != nil {
		return nil, translate(op, err)
	}
	for rows.Next() {
		var unit int64
		var p performance.Predikat
		var n int
		if err := rows.Scan(&unit, &p, &n); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		if direct[unit] == nil {
			direct[unit] = map[performance.Predikat]int{}
		}
		direct[unit][p] += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	org := map[int64]performance.OrgPredikat{}
	rows, err = db.read.QueryContext(ctx, `SELECT unit_id, predikat FROM skp_unit WHERE agency_id = $1 AND year = $2`, agencyID, year)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var unit int64
		var p performance.OrgPredikat
		if err := rows.Scan(&unit, &p); err != nil {
			return nil, translate(op, err)
		}
		org[unit] = p
	}
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	scope, err := scopeOf(ctx, db.read, merit.PermPerformanceRead, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	out := make([]*UnitPerformance, 0, len(units))
	for _, u := range units {
		if !scope.has(u.ID) {
			continue
		}
		up := &UnitPerformance{Unit: u, Predikat: org[u.ID], Counts: map[performance.Predikat]int{}}
		for _, id := range merit.UnitDescendants(units, u.ID) {
			for p, n := range direct[id] {
				up.Counts[p] += n
				up.Rated += n
			}
		}
		if up.Predikat != "" {
			up.Departures = in.CheckCurve(year, up.Predikat, up.Counts)
		}
		out = append(out, up)
	}
	return out, nil
}
