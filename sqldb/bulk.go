package sqldb

import (
	"cmp"
	"context"
	"errors"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"merit"
	"merit/nip"
)

// Outcome says what Bulk.Upsert did with one employee.
type Outcome uint8

// The outcomes of an upsert.
const (
	Inserted  Outcome = iota + 1 // a new NIP
	Updated                      // a known NIP whose fields changed (history recorded)
	Unchanged                    // a known NIP with the same fields: nothing written
)

// Bulk writes many rows of one agency inside one transaction: the import of
// a spreadsheet, the demo generator. Units and positions are found or created
// by name, and employees are matched by NIP, so re-running the same input
// changes nothing.
type Bulk struct {
	tx        *Tx
	agencyID  int64
	units     map[string]int64 // "parent\x00name" and "\x00name" → id
	unitNames map[string][]int64
	positions map[string]int64 // unit id + name → id
	known     nipIndex
	inserts   *rowWriter // new employees, written a few hundred per statement
	ids       idBlock
	written   int // employees inserted or updated
	counts    BulkCounts
	scope     unitScope      // the actor's unit scope; nil when not limited
	outside   map[int64]bool // employees outside the scope, by ID
}

// BulkCounts is what one Bulk wrote, recorded as its "import" audit entry.
type BulkCounts struct {
	Inserted  int `json:"inserted"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Units     int `json:"units"`     // units created
	Positions int `json:"positions"` // positions created
}

type knownEmployee struct {
	id  int64
	sum uint64 // fingerprint of the stored fields, to skip unchanged rows without reading them
}

// nipIndex maps the agency's NIPs to their employees. A valid NIP is 18
// digits and is kept as a number, so a million of them take a few tens of
// MiB and no key holds on to the text it was cut from (a whole CSV line).
type nipIndex struct {
	nums  map[uint64]knownEmployee
	texts map[string]knownEmployee // any NIP that is not 18 digits
}

func (x *nipIndex) get(text string) (knownEmployee, bool) {
	if n, ok := nip.Number(text); ok {
		k, found := x.nums[n]
		return k, found
	}
	k, found := x.texts[text]
	return k, found
}

func (x *nipIndex) put(text string, k knownEmployee) {
	if n, ok := nip.Number(text); ok {
		x.nums[n] = k
		return
	}
	x.texts[strings.Clone(text)] = k
}

// idBlock hands out IDs reserved from id_sequence in blocks, so a bulk load
// does not touch the sequence row once per row. On PostgreSQL that matters
// beyond the round trip: each reservation leaves a version of the sequence
// row behind that cannot be cleaned up while the load's transaction runs, so
// reserving one ID at a time makes every reservation slower than the last
// (250,000 assessments in one batch ran at under 200 a second and slowing).
type idBlock struct{ next, end int64 }

// idBlockSize is how many IDs an idBlock reserves at a time.
const idBlockSize = 1000

// take returns the next ID of the named sequence, reserving a new block when
// this one is used up. A nil block reserves a single ID (a one-row write).
func (blk *idBlock) take(ctx context.Context, tx *Tx, name string) (int64, error) {
	if blk == nil {
		return tx.nextID(ctx, name)
	}
	if blk.next == blk.end {
		first, err := tx.nextIDs(ctx, name, idBlockSize)
		if err != nil {
			return 0, err
		}
		*blk = idBlock{next: first, end: first + idBlockSize}
	}
	id := blk.next
	blk.next++
	return id, nil
}

// ErrRollback, returned by a Bulk function, rolls the transaction back
// without being reported as an error: the dry run of an import.
var ErrRollback = errors.New("sqldb: roll back")

// Bulk runs fn with a Bulk writer for the agency in one write transaction.
// If fn returns an error the transaction is rolled back and nothing is
// stored; ErrRollback does this and makes Bulk return nil.
func (db *DB) Bulk(ctx context.Context, agencyID int64, perm merit.Permission, fn func(*Bulk) error) error {
	const op = "sqldb.Bulk"
	if err := merit.Authorize(ctx, perm, agencyID); err != nil {
		return err
	}
	var b *Bulk
	err := db.writeTx(ctx, func(tx *Tx) error {
		b = &Bulk{tx: tx, agencyID: agencyID, units: map[string]int64{}, unitNames: map[string][]int64{},
			positions: map[string]int64{}, outside: map[int64]bool{},
			known: nipIndex{nums: map[uint64]knownEmployee{}, texts: map[string]knownEmployee{}}}
		var err error
		if b.scope, err = scopeOf(ctx, tx, perm, agencyID); err != nil {
			return err
		}
		if err := b.load(ctx); err != nil {
			return err
		}
		b.inserts = tx.rows(insertEmployeeHead, "", employeeColumnCount, employeeInsertRows)
		err = fn(b)
		if err == nil || errors.Is(err, ErrRollback) {
			// Every insert runs, also in a dry run, so it meets the same
			// database errors as the real one.
			err = cmp.Or(b.inserts.flush(ctx), err)
		}
		if err != nil {
			return err
		}
		// One entry for the whole batch; inserted employees get no entry of
		// their own (docs/decisions.md, "Audit of imports").
		return tx.audit(ctx, agencyID, merit.AuditImport, "employee", 0, nil, b.counts)
	})
	if errors.Is(err, ErrRollback) {
		return nil
	}
	if err == nil && b.written >= optimizeAfter {
		err = db.Optimize(ctx)
	}
	return translate(op, err)
}

// insertEmployeeHead is InsertEmployeeSQL up to its VALUES; a row has
// employeeColumnCount values (employeeArgs).
var insertEmployeeHead = func() string {
	head, _, _ := strings.Cut(InsertEmployeeSQL, "VALUES")
	return head + "VALUES "
}()

const (
	employeeColumnCount = 24
	// employeeInsertRows is how many new employees one INSERT of a Bulk
	// writes: 12,000 parameters (PostgreSQL allows 65,535, SQLite 32,766).
	// A statement per employee cost a round trip each on PostgreSQL.
	employeeInsertRows = 500
)

// optimizeAfter is how many rows a bulk write must insert or change before
// the planner's statistics are refreshed (see Optimize).
const optimizeAfter = 1000

// load reads the agency's units, positions and employee fingerprints.
func (b *Bulk) load(ctx context.Context) error {
	units, err := findUnits(ctx, b.tx, b.agencyID)
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(units))
	for _, u := range units {
		names[u.ID] = u.Name
	}
	for _, u := range units {
		b.rememberUnit(u.ID, names[u.ParentID], u.Name)
	}
	rows, err := b.tx.QueryContext(ctx, `SELECT id, unit_id, name FROM position WHERE agency_id = $1`, b.agencyID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, unit int64
		var name string
		if err := rows.Scan(&id, &unit, &name); err != nil {
			rows.Close()
			return err
		}
		b.positions[positionKey(unit, name)] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = b.tx.QueryContext(ctx, `SELECT `+employeeColumns+employeeFrom+` WHERE e.agency_id = $1`, b.agencyID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return err
		}
		b.known.put(e.NIP, knownEmployee{id: e.ID, sum: fingerprint(e)})
		if !b.scope.has(e.UnitID) {
			b.outside[e.ID] = true
		}
	}
	return rows.Err()
}

func (b *Bulk) rememberUnit(id int64, parent, name string) {
	b.units[strings.ToLower(parent)+"\x00"+strings.ToLower(name)] = id
	key := strings.ToLower(name)
	b.unitNames[key] = append(b.unitNames[key], id)
}

func positionKey(unitID int64, name string) string {
	return strconv.FormatInt(unitID, 10) + "\x00" + strings.ToLower(name)
}

// FindUnit finds, without creating anything, the unit called name below
// the unit called parent, or with no parent the only unit of that name. It
// returns 0 when there is no such unit yet. Two units of the same name
// without a parent to tell them apart is an error with field "unit".
func (b *Bulk) FindUnit(parent, name string) (int64, error) {
	parent, name = strings.TrimSpace(parent), strings.TrimSpace(name)
	if name == "" {
		return 0, nil
	}
	if id, ok := b.units[strings.ToLower(parent)+"\x00"+strings.ToLower(name)]; ok {
		return id, nil
	}
	if parent != "" {
		_, err := b.FindUnit("", parent) // a new unit goes below its parent, which must be unambiguous
		return 0, err
	}
	switch ids := b.unitNames[strings.ToLower(name)]; len(ids) {
	case 0:
		return 0, nil
	case 1:
		return ids[0], nil
	default:
		return 0, merit.Invalid("Bulk.Unit", merit.FieldError{Field: "unit", Code: "import.unit_ambiguous", Value: name})
	}
}

// Unit finds the unit as FindUnit does, and creates it (and its parent) when
// missing.
func (b *Bulk) Unit(ctx context.Context, parent, name string) (int64, error) {
	parent, name = strings.TrimSpace(parent), strings.TrimSpace(name)
	if id, err := b.FindUnit(parent, name); id != 0 || err != nil || name == "" {
		return id, err
	}
	var parentID int64
	if parent != "" {
		var err error
		if parentID, err = b.Unit(ctx, "", parent); err != nil {
			return 0, err
		}
	}
	u := &merit.Unit{AgencyID: b.agencyID, ParentID: parentID, Name: name}
	if err := u.Validate(); err != nil {
		return 0, err
	}
	if !b.scope.has(parentID) {
		return 0, merit.Invalid("Bulk.Unit", merit.FieldError{Field: "unit", Code: "user.unit_outside_scope", Value: name})
	}
	if err := b.tx.createUnit(ctx, u); err != nil {
		return 0, err
	}
	if b.scope != nil {
		b.scope[u.ID] = true
	}
	b.rememberUnit(u.ID, parent, name)
	b.counts.Units++
	return u.ID, nil
}

// Position finds the position called name in the unit, or creates it with
// the given jenis and jenjang.
func (b *Bulk) Position(ctx context.Context, p *merit.Position) (int64, error) {
	p.AgencyID = b.agencyID
	p.Name = strings.TrimSpace(p.Name)
	if id, ok := b.positions[positionKey(p.UnitID, p.Name)]; ok {
		return id, nil
	}
	if err := b.tx.createPosition(ctx, p); err != nil {
		return 0, err
	}
	b.positions[positionKey(p.UnitID, p.Name)] = p.ID
	b.counts.Positions++
	return p.ID, nil
}

// Upsert writes a validated employee: inserts a new NIP, updates a changed
// one (recording golongan and jabatan history), and skips an unchanged one.
//
// An actor limited to some units writes only employees inside them: a row
// for a unit outside (field "unit") or for a known NIP of an employee outside
// (field "nip") is refused with a field error and nothing written.
func (b *Bulk) Upsert(ctx context.Context, e *merit.Employee) (Outcome, error) {
	e.AgencyID = b.agencyID
	k, ok := b.known.get(e.NIP)
	if ok && b.outside[k.id] {
		return 0, merit.Invalid("Bulk.Upsert", merit.FieldError{Field: "nip", Code: "user.employee_outside_scope", Value: e.NIP})
	}
	if !b.scope.has(e.UnitID) {
		return 0, merit.Invalid("Bulk.Upsert", merit.FieldError{Field: "unit", Code: "user.unit_outside_scope", Value: e.UnitName})
	}
	if !ok {
		id, err := b.nextEmployeeID(ctx)
		if err != nil {
			return 0, err
		}
		e.ID, e.UpdatedAt = id, b.tx.now
		// Written with the next few hundred (see employeeInsertRows), before
		// anything that reads employees or refers to them in this batch.
		if err := b.inserts.add(ctx, employeeArgs(e)...); err != nil {
			return 0, err
		}
		b.known.put(e.NIP, knownEmployee{id: e.ID, sum: fingerprint(e)})
		b.written++
		b.counts.Inserted++
		return Inserted, nil
	}
	e.ID = k.id
	sum := fingerprint(e)
	if sum == k.sum {
		b.counts.Unchanged++
		return Unchanged, nil
	}
	if err := b.inserts.flush(ctx); err != nil { // the employee may be one of them
		return 0, err
	}
	old, err := employeeByID(ctx, b.tx, b.agencyID, k.id)
	if err != nil {
		return 0, err
	}
	if err := b.tx.updateEmployee(ctx, old, e); err != nil {
		return 0, err
	}
	if err := b.tx.audit(ctx, b.agencyID, merit.AuditUpdate, "employee", e.ID, old, e); err != nil {
		return 0, err
	}
	b.counts.Updated++
	b.known.put(e.NIP, knownEmployee{id: e.ID, sum: sum})
	b.written++
	return Updated, nil
}

// AddHistory adds a history entry for an employee written in this batch.
func (b *Bulk) AddHistory(ctx context.Context, h *merit.HistoryEntry) error {
	h.AgencyID = b.agencyID
	if err := b.inserts.flush(ctx); err != nil {
		return err
	}
	return b.tx.insertHistory(ctx, h)
}

// AddHistories adds the history entries of employees written in this batch
// with one ID reservation and INSERTs of historyInsertRows rows each: for
// loads that carry whole histories (the demo generator writes about fifteen
// per employee; the IP ASN benchmark passes a thousand employees' at once).
// One statement per row made a million generated employees take hours on
// PostgreSQL, a round trip each.
func (b *Bulk) AddHistories(ctx context.Context, hs []merit.HistoryEntry) error {
	if len(hs) == 0 {
		return nil
	}
	if err := b.inserts.flush(ctx); err != nil {
		return err
	}
	first, err := b.tx.nextIDs(ctx, "employee_history", len(hs))
	if err != nil {
		return err
	}
	w := b.tx.rows(insertHistoryHead, "", historyColumnCount, historyInsertRows)
	for i := range hs {
		h := &hs[i]
		h.AgencyID, h.ID, h.CreatedAt = b.agencyID, first+int64(i), b.tx.now
		if err := w.add(ctx, historyArgs(h)...); err != nil {
			return err
		}
	}
	return w.flush(ctx)
}

// historyInsertRows is how many history rows one INSERT of AddHistories
// writes: 6,500 parameters, well inside PostgreSQL's 65,535 and SQLite's
// 32,766.
const historyInsertRows = 500

// rowWriter writes rows through statements of up to max rows each: head,
// the rows' placeholders (valuesSQL) and tail. One statement per row costs a
// round trip per row on PostgreSQL; a few hundred rows per statement make
// the round trips negligible.
type rowWriter struct {
	tx         *Tx
	head, tail string
	cols, max  int
	args       []any // queued rows, cols values each
}

// rows returns a rowWriter for statements head VALUES... tail of up to max
// rows of cols values; max*cols must stay within the engines' parameter
// limits (PostgreSQL 65,535, SQLite 32,766).
func (tx *Tx) rows(head, tail string, cols, max int) *rowWriter {
	return &rowWriter{tx: tx, head: head, tail: tail, cols: cols, max: max}
}

// add queues one row of cols values, writing the queue when it is full.
func (w *rowWriter) add(ctx context.Context, row ...any) error {
	w.args = append(w.args, row...)
	if len(w.args) >= w.max*w.cols {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the queued rows; it does nothing when none are queued.
func (w *rowWriter) flush(ctx context.Context) error {
	if len(w.args) == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, valuesSQL(w.tx.db.engine, w.head, w.cols, len(w.args)/w.cols)+w.tail, w.args...)
	w.args = w.args[:0]
	return err
}

// valuesSQL is head ("INSERT INTO t (c1, ..., cn) VALUES ") followed by rows
// groups of cols placeholders: one INSERT writing rows rows, whose arguments
// are given row after row. PostgreSQL gets numbered placeholders ($1, $2...);
// SQLite gets plain "?" in the same order, because it looks each "$n" up in
// the list of the names seen before it, which makes compiling a statement of
// thousands of them take quadratic time (a 500-row employee INSERT, 12,000
// parameters, took a quarter of a second).
func valuesSQL(engine, head string, cols, rows int) string {
	var b strings.Builder
	b.Grow(len(head) + rows*cols*8)
	b.WriteString(head)
	n := 0
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			if engine == SQLite {
				b.WriteByte('?')
				continue
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (b *Bulk) nextEmployeeID(ctx context.Context) (int64, error) {
	return b.ids.take(ctx, b.tx, "employee")
}

// fingerprint hashes the stored fields of an employee.
func fingerprint(e *merit.Employee) uint64 {
	h := fnv.New64a()
	for _, s := range []string{e.NIP, e.Name, e.GelarDepan, e.GelarBelakang, e.BirthPlace, e.BirthDate.String(), e.Sex,
		e.Religion, e.Status, e.TMTCPNS.String(), e.Golongan, e.TMTGolongan.String(), idString(e.UnitID),
		idString(e.PositionID), e.TMTJabatan.String(), e.Education, e.Email, e.Phone, e.NIK, e.Alamat} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return h.Sum64()
}

func idString(id int64) string {
	var b [8]byte
	for i := range b {
		b[i] = byte(id >> (8 * i))
	}
	return string(b[:])
}

// Reference returns the reference tables (for validating rows in a batch).
func (b *Bulk) Reference(ctx context.Context) (*merit.Reference, error) {
	return b.tx.db.Reference(ctx)
}

// Today is the date against which rows in this batch are validated.
func (b *Bulk) Today() merit.Date { return merit.DateOf(b.tx.now) }

// EachEmployee calls fn with every employee of the agency in NIP order, one
// at a time from a single query, so an export of any size streams. Personal
// data leaving the system leaves a trace: the export is recorded on the
// agency's audit trail (action "export", entity "employee", with how many
// records were handed out), also when it stops part way.
func (db *DB) EachEmployee(ctx context.Context, agencyID int64, fn func(*merit.Employee) error) error {
	const op = "sqldb.EachEmployee"
	if err := merit.Authorize(ctx, merit.PermExport, agencyID); err != nil {
		return err
	}
	count, err := db.eachEmployee(ctx, agencyID, fn)
	if count > 0 || err == nil {
		audited := translate(op, db.writeTx(ctx, func(tx *Tx) error {
			return tx.audit(ctx, agencyID, auditExport, "employee", 0, nil, struct {
				Count int `json:"count"`
			}{count})
		}))
		err = errors.Join(err, audited)
	}
	return err
}

// eachEmployee is the query of EachEmployee; it returns how many employees
// fn was given.
func (db *DB) eachEmployee(ctx context.Context, agencyID int64, fn func(*merit.Employee) error) (int, error) {
	const op = "sqldb.EachEmployee"
	scope, err := scopeOf(ctx, db.read, merit.PermExport, agencyID)
	if err != nil {
		return 0, translate(op, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+employeeColumns+employeeFrom+` WHERE e.agency_id = $1 ORDER BY e.nip`, agencyID)
	if err != nil {
		return 0, translate(op, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return n, translate(op, err)
		}
		if !scope.has(e.UnitID) {
			continue
		}
		n++
		merit.MaskPersonalFor(ctx, e)
		if err := fn(e); err != nil {
			return n, err
		}
	}
	return n, translate(op, rows.Err())
}

// RawInsertEmployees inserts the rows that each gives into the employee table
// with one prepared statement in one transaction and nothing else: the
// baseline the import benchmark compares Bulk with (bench raw-insert). Each
// row holds the insert's 24 arguments in column order.
func (db *DB) RawInsertEmployees(ctx context.Context, agencyID int64, each func(yield func(row []any) error) error) (int, error) {
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return 0, err
	}
	n := 0
	err := db.writeTx(ctx, func(tx *Tx) error {
		stmt, err := tx.PrepareContext(ctx, InsertEmployeeSQL)
		if err != nil {
			return err
		}
		defer stmt.Close()
		return each(func(row []any) error {
			n++
			_, err := stmt.ExecContext(ctx, row...)
			return err
		})
	})
	return n, translate("sqldb.RawInsertEmployees", err)
}
