package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/performance"
)

// skpColumns is the select list scanSKP reads: the skp row and, for lists,
// the employee's NIP, name and unit.
const skpColumns = `s.agency_id, s.id, s.employee_id, s.year, s.period, s.scheme, s.hasil_kerja, s.berakhlak, s.perilaku,
	s.legacy_score, s.legacy_innovation, s.predikat, s.months, s.jenjang, s.rater_id, s.rater_nip, s.rater_name,
	s.rater_override, s.note, s.source, s.rated_by, s.updated_at, e.nip, e.name, COALESCE(e.unit_id, 0), COALESCE(u.name, '')`

const skpFrom = ` FROM skp s
	JOIN employee e ON e.agency_id = s.agency_id AND e.id = s.employee_id
	LEFT JOIN unit u ON u.agency_id = e.agency_id AND u.id = e.unit_id`

func scanSKP(sc scanner) (*performance.SKP, error) {
	s := &performance.SKP{}
	var rater sql.NullInt64
	var behaviour string
	err := sc.Scan(&s.AgencyID, &s.ID, &s.EmployeeID, &s.Year, &s.Period, &s.Scheme, &s.HasilKerja, &behaviour, &s.Perilaku,
		&s.LegacyScore, &s.LegacyInnovation, &s.Predikat, &s.Months, &s.Jenjang, &rater, &s.RaterNIP, &s.RaterName,
		&s.RaterOverride, &s.Note, &s.Source, &s.RatedBy, &s.UpdatedAt, &s.EmployeeNIP, &s.EmployeeName, &s.UnitID, &s.UnitName)
	if err != nil {
		return nil, err
	}
	s.RaterID = rater.Int64
	s.UpdatedAt = s.UpdatedAt.UTC()
	s.Behaviour, err = performance.ParseBehaviour(behaviour)
	return s, err
}

// AnnualPredikat returns each employee's annual SKP result for a year
// (period TAHUNAN), keyed by employee ID: the predikat under the 2022
// scheme, or the legacy nilai SKP and its band before 2022. Employees
// without an annual SKP for the year are absent. IP ASN (kinerja dimension),
// talent mapping and the merit score read performance through it.
func (db *DB) AnnualPredikat(ctx context.Context, agencyID int64, year int) (map[int64]performance.AnnualResult, error) {
	const op = "sqldb.AnnualPredikat"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT employee_id, scheme, predikat, legacy_score FROM skp
		WHERE agency_id = $1 AND year = $2 AND period = $3`, agencyID, year, string(performance.Annual))
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	out := make(map[int64]performance.AnnualResult)
	for rows.Next() {
		r := performance.AnnualResult{Year: year}
		if err := rows.Scan(&r.EmployeeID, &r.Scheme, &r.Predikat, &r.LegacyScore); err != nil {
			return nil, translate(op, err)
		}
		out[r.EmployeeID] = r
	}
	return out, translate(op, rows.Err())
}

// Instruments returns the performance instruments (angka kredit
// coefficients and percentages, the distribution curve), every version.
// They are public reference data: no actor is needed.
func (db *DB) Instruments(ctx context.Context) (*performance.Instruments, error) {
	const op = "sqldb.Instruments"
	in := &performance.Instruments{}
	rows, err := db.read.QueryContext(ctx, `SELECT jenjang, CAST(valid_from AS TEXT), coefficient, legal_basis, verified FROM ak_coefficient ORDER BY jenjang, valid_from`)
	if err != nil {
		return nil, translate(op, err)
	}
	for rows.Next() {
		var c performance.Coefficient
		if err := rows.Scan(&c.Jenjang, &c.ValidFrom, &c.Value, &c.LegalBasis, &c.Verified); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		in.Coefficients = append(in.Coefficients, c)
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT predikat, CAST(valid_from AS TEXT), percent, legal_basis, verified FROM ak_percentage ORDER BY predikat, valid_from`)
	if err != nil {
		return nil, translate(op, err)
	}
	for rows.Next() {
		var p performance.Percentage
		if err := rows.Scan(&p.Predikat, &p.ValidFrom, &p.Percent, &p.LegalBasis, &p.Verified); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		in.Percentages = append(in.Percentages, p)
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT org_predikat, predikat, CAST(valid_from AS TEXT), min_pct, max_pct, legal_basis, verified
		FROM skp_curve ORDER BY org_predikat, predikat, valid_from`)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var b performance.CurveBand
		if err := rows.Scan(&b.OrgPredikat, &b.Predikat, &b.ValidFrom, &b.MinPct, &b.MaxPct, &b.LegalBasis, &b.Verified); err != nil {
			return nil, translate(op, err)
		}
		in.Curve = append(in.Curve, b)
	}
	return in, translate(op, rows.Err())
}

// raters is what choosing default raters needs: the unit tree and the head
// of each unit. It is loaded once per write (or per import).
type raters struct {
	scope   unitScope // the writer's unit scope (nil: not limited), checked by saveSKP
	units   []*merit.Unit
	holders []performance.Holder // every holder of a managerial position
	heads   map[int64]performance.Holder
}

// managerialJenis is the SQL list of performance.Managerial's codes.
func managerialJenis() (string, []any) {
	codes := slices.Sorted(maps.Keys(performance.Managerial))
	list, args := "", []any{}
	for _, code := range codes {
		if list != "" {
			list += ", "
		}
		args = append(args, code)
		list += "$" + strconv.Itoa(len(args)+1)
	}
	return list, args
}

// loadRaters reads the units and the holders of managerial positions.
func loadRaters(ctx context.Context, q querier, agencyID int64) (*raters, error) {
	r := &raters{}
	rows, err := q.QueryContext(ctx, `SELECT id, parent_id FROM unit WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		u := &merit.Unit{AgencyID: agencyID}
		var parent sql.NullInt64
		if err := rows.Scan(&u.ID, &parent); err != nil {
			rows.Close()
			return nil, err
		}
		u.ParentID = parent.Int64
		r.units = append(r.units, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	list, args := managerialJenis()
	rows, err = q.QueryContext(ctx, `SELECT e.id, e.nip, e.name, e.unit_id, e.position_id, p.jenis
		FROM employee e JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND e.unit_id IS NOT NULL AND p.jenis IN (`+list+`)`, append([]any{agencyID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h performance.Holder
		if err := rows.Scan(&h.EmployeeID, &h.NIP, &h.Name, &h.UnitID, &h.PositionID, &h.Jenis); err != nil {
			return nil, err
		}
		r.holders = append(r.holders, h)
	}
	r.heads = performance.UnitHeads(r.holders)
	return r, rows.Err()
}

// RaterCandidates returns the holders of the agency's managerial positions
// ordered by name: whom an operator may choose as rater instead of the
// default. It needs PermPerformanceRead.
func (db *DB) RaterCandidates(ctx context.Context, agencyID int64) ([]performance.Holder, error) {
	const op = "sqldb.RaterCandidates"
	if err := merit.Authorize(ctx, merit.PermPerformanceRead, agencyID); err != nil {
		return nil, err
	}
	r, err := loadRaters(ctx, db.read, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	slices.SortFunc(r.holders, func(a, b performance.Holder) int { return strings.Compare(a.Name, b.Name) })
	return r.holders, nil
}

// DefaultRater returns the default pejabat penilai of an employee (see
// performance.DefaultRater); ok is false when no unit above him has a head.
func (db *DB) DefaultRater(ctx context.Context, agencyID, employeeID int64) (performance.Holder, bool, error) {
	const op = "sqldb.DefaultRater"
	if err := merit.AuthorizeEmployee(ctx, merit.PermRead, agencyID, employeeID); err != nil {
		return performance.Holder{}, false, err
	}
	r, err := loadRaters(ctx, db.read, agencyID)
	if err != nil {
		return performance.Holder{}, false, translate(op, err)
	}
	var unit sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit); err != nil {
		return performance.Holder{}, false, translate(op, err)
	}
	h, ok := performance.DefaultRater(r.units, r.heads, employeeID, unit.Int64)
	return h, ok, nil
}

// SaveSKP stores an employee's SKP for its year and period, replacing the
// one there (one SKP per employee, year and period). It validates the SKP
// (filling perilaku and predikat), sets the default rater unless the rater
// is overridden, and records the change on the audit trail. Saving what is
// already stored changes nothing and records nothing.
//
// Operators (PermPerformanceWrite) may save any SKP of the agency and choose
// its rater. An employee account may save the SKP of those it rates
// (merit.AuthorizePerformance) and keeps the rater as it is.
func (db *DB) SaveSKP(ctx context.Context, s *performance.SKP) error {
	const op = "sqldb.SaveSKP"
	err := merit.Authorize(ctx, merit.PermPerformanceWrite, s.AgencyID)
	asRater := merit.KindOf(err) == merit.KindForbidden
	if err != nil && !asRater {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		r, err := loadRaters(ctx, tx, s.AgencyID)
		if err != nil {
			return err
		}
		if r.scope, err = scopeOf(ctx, tx, merit.PermPerformanceWrite, s.AgencyID); err != nil {
			return err
		}
		if asRater {
			cur, err := tx.currentRater(ctx, r, s.AgencyID, s.EmployeeID, s.Year, s.Period)
			if err != nil {
				return err
			}
			if err := merit.AuthorizePerformance(ctx, merit.PermPerformanceWrite, s.AgencyID, s.EmployeeID, cur.RaterID); err != nil {
				return err
			}
			s.RaterOverride, s.RaterID, s.RaterNIP, s.RaterName = cur.RaterOverride, cur.RaterID, cur.RaterNIP, cur.RaterName
		}
		_, err = tx.saveSKP(ctx, r, s, true, nil)
		return err
	}))
}

// currentRater returns who rates an employee's SKP for a year and period:
// the rater stored on it when overridden, else the default rater now.
func (tx *Tx) currentRater(ctx context.Context, r *raters, agencyID, employeeID int64, year int, period performance.Period) (*performance.SKP, error) {
	old, err := scanSKP(tx.QueryRowContext(ctx, `SELECT `+skpColumns+skpFrom+`
		WHERE s.agency_id = $1 AND s.employee_id = $2 AND s.year = $3 AND s.period = $4`, agencyID, employeeID, year, string(period)))
	if err == nil && old.RaterOverride {
		return old, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	var unit sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, merit.Errorf(merit.KindNotFound, "sqldb.currentRater", "err.not_found")
	}
	if err != nil {
		return nil, err
	}
	cur := &performance.SKP{}
	if h, ok := performance.DefaultRater(r.units, r.heads, employeeID, unit.Int64); ok {
		cur.RaterID, cur.RaterNIP, cur.RaterName = h.EmployeeID, h.NIP, h.Name
	}
	return cur, nil
}

// skpChange says what saveSKP did.
type skpChange int

const (
	skpUnchanged skpChange = iota
	skpInserted
	skpUpdated
)

// saveSKP validates s and inserts or updates it inside tx. An update is
// always audited with before and after; an insert only when auditInsert (a
// batch records one import entry with its counts instead). With a batch,
// the employee, the stored SKP and new IDs come from what the batch loaded
// instead of a query per SKP.
func (tx *Tx) saveSKP(ctx context.Context, r *raters, s *performance.SKP, auditInsert bool, b *SKPBatch) (skpChange, error) {
	// The employee first: another agency's record is not found, whatever
	// the rating says.
	unit, err := tx.skpEmployeeUnit(ctx, b, s.AgencyID, s.EmployeeID)
	if err != nil {
		return 0, err
	}
	if !r.scope.has(unit) {
		return 0, merit.Errorf(merit.KindNotFound, "sqldb.saveSKP", "err.not_found")
	}
	ref, err := tx.db.Reference(ctx)
	if err != nil {
		return 0, err
	}
	verr := s.Validate(ref, merit.DateOf(tx.db.Now()))
	fields := merit.FieldsOf(verr)
	if verr != nil && fields == nil {
		return 0, verr
	}
	fs := merit.Fields(fields)
	switch {
	case !s.RaterOverride:
		h, ok := performance.DefaultRater(r.units, r.heads, s.EmployeeID, unit)
		s.RaterID, s.RaterNIP, s.RaterName = h.EmployeeID, h.NIP, h.Name
		if !ok {
			s.RaterID, s.RaterNIP, s.RaterName = 0, "", ""
		}
	case s.RaterID == s.EmployeeID && s.RaterID != 0:
		fs.Add("raterId", "skp.rater_self", "")
	case s.RaterID != 0:
		err := tx.QueryRowContext(ctx, `SELECT nip, name FROM employee WHERE agency_id = $1 AND id = $2`, s.AgencyID, s.RaterID).Scan(&s.RaterNIP, &s.RaterName)
		if errors.Is(err, sql.ErrNoRows) {
			fs.Add("raterId", "err.bad_reference", strconv.FormatInt(s.RaterID, 10))
		} else if err != nil {
			return 0, err
		}
	case s.RaterName == "":
		fs.Add("raterName", "field.required", "")
	}
	if err := fs.Err("SKP.Validate"); err != nil {
		return 0, err
	}
	if a := merit.ActorFrom(ctx); a != nil && s.RatedBy == "" {
		s.RatedBy = a.Username
	}
	old, err := tx.storedSKP(ctx, b, s)
	if err != nil {
		return 0, err
	}
	if old == nil {
		if s.ID, err = tx.newSKPID(ctx, b); err != nil {
			return 0, err
		}
		s.UpdatedAt = tx.now
		args := []any{s.AgencyID, s.ID, s.EmployeeID, s.Year, string(s.Period), string(s.Scheme), string(s.HasilKerja), s.Behaviour.String(),
			string(s.Perilaku), int64(s.LegacyScore), s.LegacyInnovation, string(s.Predikat), s.Months, s.Jenjang, nullID(s.RaterID),
			s.RaterNIP, s.RaterName, s.RaterOverride, s.Note, s.Source, s.RatedBy, s.UpdatedAt}
		if b != nil {
			// A batch inserts many rows per statement (see SKPBatch.flush).
			if err := b.pending.add(ctx, args...); err != nil {
				return 0, err
			}
		} else if _, err := tx.ExecContext(ctx, valuesSQL(tx.db.engine, insertSKPHead, skpColumnCount, 1), args...); err != nil {
			return 0, err
		}
		b.remember(s)
		if !auditInsert {
			return skpInserted, nil
		}
		return skpInserted, tx.audit(ctx, s.AgencyID, merit.AuditCreate, "skp", s.ID, nil, s)
	}
	s.ID = old.ID
	if sameSKP(old, s) {
		*s = *old
		return skpUnchanged, nil
	}
	s.UpdatedAt = tx.now
	if err := b.flush(ctx); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE skp SET scheme = $3, hasil_kerja = $4, berakhlak = $5, perilaku = $6, legacy_score = $7,
		legacy_innovation = $8, predikat = $9, months = $10, jenjang = $11, rater_id = $12, rater_nip = $13, rater_name = $14,
		rater_override = $15, note = $16, source = $17, rated_by = $18, updated_at = $19
		WHERE agency_id = $1 AND id = $2`,
		s.AgencyID, s.ID, string(s.Scheme), string(s.HasilKerja), s.Behaviour.String(), string(s.Perilaku), int64(s.LegacyScore),
		s.LegacyInnovation, string(s.Predikat), s.Months, s.Jenjang, nullID(s.RaterID), s.RaterNIP, s.RaterName, s.RaterOverride,
		s.Note, s.Source, s.RatedBy, s.UpdatedAt); err != nil {
		return 0, err
	}
	b.remember(s)
	return skpUpdated, tx.audit(ctx, s.AgencyID, merit.AuditUpdate, "skp", s.ID, old, s)
}

// insertSKPHead is the INSERT of SKP rows up to its VALUES; each row has
// skpColumnCount values.
const insertSKPHead = `INSERT INTO skp (agency_id, id, employee_id, year, period, scheme, hasil_kerja, berakhlak, perilaku, legacy_score,
		legacy_innovation, predikat, months, jenjang, rater_id, rater_nip, rater_name, rater_override, note, source, rated_by, updated_at) VALUES `

// skpColumnCount is how many values an SKP row of insertSKPHead has.
const skpColumnCount = 22

// skpEmployeeUnit returns the unit of the employee (0 when none), or
// KindNotFound when the agency has no such employee.
func (tx *Tx) skpEmployeeUnit(ctx context.Context, b *SKPBatch, agencyID, employeeID int64) (int64, error) {
	if b != nil {
		e, ok := b.byID[employeeID]
		if !ok {
			return 0, merit.Errorf(merit.KindNotFound, "sqldb.saveSKP", "err.not_found")
		}
		return e.UnitID, nil
	}
	var unit sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, merit.Errorf(merit.KindNotFound, "sqldb.saveSKP", "err.not_found")
	}
	return unit.Int64, err
}

// storedSKP returns the stored SKP of s's employee, year and period, or nil.
func (tx *Tx) storedSKP(ctx context.Context, b *SKPBatch, s *performance.SKP) (*performance.SKP, error) {
	if b != nil {
		return b.stored[skpKey{s.EmployeeID, s.Year, s.Period}], nil
	}
	old, err := scanSKP(tx.QueryRowContext(ctx, `SELECT `+skpColumns+skpFrom+`
		WHERE s.agency_id = $1 AND s.employee_id = $2 AND s.year = $3 AND s.period = $4`, s.AgencyID, s.EmployeeID, s.Year, string(s.Period)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return old, err
}

// newSKPID reserves the ID of a new SKP: one at a time, or from the batch's block.
func (tx *Tx) newSKPID(ctx context.Context, b *SKPBatch) (int64, error) {
	if b == nil {
		return tx.nextID(ctx, "skp")
	}
	return b.ids.take(ctx, tx, "skp")
}

// sameSKP reports whether saving b over a would change nothing stored but
// who saved it and how.
func sameSKP(a, b *performance.SKP) bool {
	return a.Scheme == b.Scheme && a.HasilKerja == b.HasilKerja && a.Behaviour == b.Behaviour && a.Perilaku == b.Perilaku &&
		a.LegacyScore == b.LegacyScore && a.LegacyInnovation == b.LegacyInnovation && a.Predikat == b.Predikat &&
		a.Months == b.Months && a.Jenjang == b.Jenjang && a.RaterID == b.RaterID && a.RaterNIP == b.RaterNIP &&
		a.RaterName == b.RaterName && a.RaterOverride == b.RaterOverride && a.Note == b.Note
}
