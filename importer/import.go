// Package importer reads and writes the employee file: the SIASN-style CSV
// or XLSX sheet with one employee per row that agencies already keep
// (nipBaru, nama, tglLahir, golRuangAkhir, ...). It validates every row,
// reports each problem with its row, column and value, and writes through
// sqldb.Bulk in one transaction, so a file is imported whole or not at all.
package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"merit"
	"merit/i18n"
	"merit/nip"
	"merit/sqldb"
	"merit/tabular"
)

// Options say how to import one file.
type Options struct {
	AgencyID    int64
	Format      string // tabular.CSV or tabular.XLSX; see FormatOf
	DryRun      bool   // validate and count, then roll everything back
	SkipInvalid bool   // write the valid rows even when some rows are rejected
	Progress    func(Progress)
}

// Progress is reported every few hundred rows and once at the end.
type Progress struct {
	Rows  int   // data rows read so far
	Bytes int64 // bytes of the file read so far
	Total int64 // size of the file; 0 when unknown or when bytes say nothing (XLSX is unpacked before its rows are read)
}

// RowError says why a row was rejected: the spreadsheet row number, the
// column's header, the value found there and a message key with its
// arguments (translate with Reason or Text).
type RowError struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Value  string `json:"value,omitempty"`
	Code   string `json:"code"`
	Args   []any  `json:"args,omitempty"`
}

// Reason returns the rule the row broke, in lang.
func (e RowError) Reason(lang string) string { return i18n.T(lang, e.Code, e.Args...) }

// Text returns the whole error as one line for a person:
// baris 12, kolom tglLahir, nilai "31-02-1990": bukan tanggal (...).
func (e RowError) Text(lang string) string {
	switch {
	case e.Column == "":
		return i18n.T(lang, "import.row_error_row", e.Row, e.Reason(lang))
	case e.Value == "":
		return i18n.T(lang, "import.row_error_blank", e.Row, e.Column, e.Reason(lang))
	}
	return i18n.T(lang, "import.row_error", e.Row, e.Column, e.Value, e.Reason(lang))
}

// Report is the outcome of an import. Inserted, Updated and Unchanged count
// the rows written (in a dry run: that would be written); they are zero when
// nothing could be written because rows were rejected.
type Report struct {
	Rows      int        `json:"rows"` // data rows in the file, blank rows not counted
	Inserted  int        `json:"inserted"`
	Updated   int        `json:"updated"`
	Unchanged int        `json:"unchanged"`
	Rejected  int        `json:"rejected"`
	Errors    []RowError `json:"errors,omitempty"`
	Written   bool       `json:"written"` // the transaction was committed
}

// FormatOf returns the format of a file by its name: tabular.CSV for .csv,
// tabular.XLSX for .xlsx.
func FormatOf(filename string) (string, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".csv":
		return tabular.CSV, nil
	case ".xlsx":
		return tabular.XLSX, nil
	}
	return "", merit.Invalid("importer.FormatOf", merit.FieldError{Field: "file", Code: "import.format", Value: filepath.Base(filename)})
}

// progressEvery is how many rows pass between progress reports and checks
// for cancellation.
const progressEvery = 500

// Employees imports the employee file read from r (size bytes; 0 when
// unknown) into the agency. Every row is validated and every problem
// reported. By default nothing is written when any row is invalid; with
// SkipInvalid the valid rows are written; with DryRun nothing is. Employees
// are matched by NIP, so importing the same file again changes nothing. A
// file that cannot be read at all is a KindInvalid error with field "file".
// It needs merit.PermImport.
func Employees(ctx context.Context, db *sqldb.DB, r io.Reader, size int64, opts Options) (*Report, error) {
	const op = "importer.Employees"
	if opts.Format != tabular.CSV && opts.Format != tabular.XLSX {
		return nil, merit.Invalid(op, merit.FieldError{Field: "file", Code: "import.format", Value: opts.Format})
	}
	rep := &Report{}
	commit := false
	err := db.Bulk(ctx, opts.AgencyID, merit.PermImport, func(b *sqldb.Bulk) error {
		ref, err := b.Reference(ctx)
		if err != nil {
			return err
		}
		in := &countingReader{r: r}
		tr, err := tabular.NewReader(in, opts.Format)
		if err != nil {
			return fileError(op, opts.Format, err)
		}
		defer tr.Close()
		m := &rowMapper{b: b, ref: ref, today: b.Today(), opts: opts, rep: rep, seen: map[uint64]int32{}, writing: true}
		if opts.Format == tabular.CSV {
			m.total = size
		}
		if err := m.run(ctx, tr, in); err != nil {
			return err
		}
		if !m.writing {
			rep.Inserted, rep.Updated, rep.Unchanged = 0, 0, 0
		}
		if opts.DryRun || !m.writing {
			return sqldb.ErrRollback
		}
		commit = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.Written = commit
	return rep, nil
}

// fileError explains a file that cannot be opened as the format.
func fileError(op, format string, err error) error {
	return &merit.Error{Kind: merit.KindInvalid, Op: op, Code: "err.invalid", Err: err,
		Fields: []merit.FieldError{{Field: "file", Code: "import.bad_file", Args: []any{strings.ToUpper(format)}}}}
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// rowMapper turns the rows of one file into employees and writes them.
type rowMapper struct {
	b     *sqldb.Bulk
	ref   *merit.Reference
	today merit.Date
	opts  Options
	rep   *Report
	total int64

	index   [numColumns]int  // position of each column in the file's rows; -1 when absent
	seen    map[uint64]int32 // NIP → the first row it appeared on
	writing bool             // false once a row was rejected and the file cannot be written

	// Per row, reused.
	text [numColumns]string // each cell as understood (a date serial as its ISO date), for error reports
	errs []RowError
	bad  [numColumns]bool // the column already has an error in this row
}

// run reads the header, then every row.
func (m *rowMapper) run(ctx context.Context, tr tabular.Reader, in *countingReader) error {
	bad, noHeader, err := eachRow(ctx, tr, m.header, m.row, func() int { return m.rep.Rows }, func() { m.progress(in) })
	switch {
	case err != nil:
		return err
	case bad != nil:
		m.unreadable(bad)
		return nil
	case noHeader:
		m.rep.Errors = append(m.rep.Errors, RowError{Row: 1, Code: "import.no_header"})
		m.writing = false
	}
	m.progress(in)
	return nil
}

func (m *rowMapper) progress(in *countingReader) {
	if m.opts.Progress == nil {
		return
	}
	p := Progress{Rows: m.rep.Rows, Total: m.total}
	if m.total > 0 {
		p.Bytes = in.n
	}
	m.opts.Progress(p)
}

// unreadable records a row the reader could not parse. The rest of the file
// cannot be trusted, so nothing is written.
func (m *rowMapper) unreadable(err error) {
	te, ok := errors.AsType[*tabular.Error](err)
	if !ok {
		te = &tabular.Error{Row: 1, Err: err}
	}
	code, args := "import.row_unreadable", []any{te.Err.Error()}
	switch {
	case errors.Is(err, csv.ErrQuote):
		code, args = "import.csv_quote", nil
	case errors.Is(err, csv.ErrBareQuote):
		code, args = "import.csv_bare_quote", nil
	}
	m.reject(RowError{Row: max(te.Row, 1), Code: code, Args: args})
	m.writing = false
}

// reject records the errors of one row and, unless invalid rows are
// skipped, stops writing.
func (m *rowMapper) reject(errs ...RowError) {
	m.rep.Rejected++
	m.rep.Errors = append(m.rep.Errors, errs...)
	if !m.opts.SkipInvalid {
		m.writing = false
	}
}

// header finds the columns in the header row. An unknown, repeated or
// missing required column rejects the file.
func (m *rowMapper) header(row *tabular.Row) bool {
	errs := matchHeader(row, m.index[:], columnByName, columnList, func(c int) (string, bool) {
		return columns[c].Name, columns[c].Required
	})
	if len(errs) > 0 {
		m.rep.Errors = append(m.rep.Errors, errs...)
		m.writing = false
		return false
	}
	return true
}

var columnByName = func() map[string]int {
	m := make(map[string]int, numColumns)
	for c, col := range columns {
		m[strings.ToLower(col.Name)] = c
	}
	return m
}()

var columnList = func() string {
	names := make([]string, numColumns)
	for c, col := range columns {
		names[c] = col.Name
	}
	return strings.Join(names, ", ")
}()

// add records that column c of the current row broke rule code.
func (m *rowMapper) add(row, c int, code string, args ...any) {
	m.bad[c] = true
	// The value is cloned: it is cut from the whole line, which must not stay
	// in memory for each error of a large file.
	m.errs = append(m.errs, RowError{Row: row, Column: columns[c].Name, Value: strings.Clone(m.text[c]), Code: code, Args: args})
}

// addFields records the field errors of a validation, each on its column;
// a column that already has an error keeps only the first.
func (m *rowMapper) addFields(row int, err error, byField map[string]int) error {
	if err == nil {
		return nil
	}
	fs := merit.FieldsOf(err)
	if fs == nil {
		return err
	}
	for _, f := range fs {
		if c, ok := byField[f.Field]; ok && !m.bad[c] {
			m.add(row, c, f.Code, f.Args...)
		}
	}
	return nil
}

// row checks one data row and, while the file can still be written, writes
// it.
func (m *rowMapper) row(ctx context.Context, row *tabular.Row) error {
	m.rep.Rows++
	m.errs, m.bad = m.errs[:0], [numColumns]bool{}
	for c := range m.text {
		m.text[c] = ""
		if i := m.index[c]; i >= 0 {
			m.text[c] = row.Cell(i)
		}
	}
	e := &merit.Employee{
		AgencyID: m.opts.AgencyID, Name: m.text[colNama], GelarDepan: m.text[colGelarDepan],
		GelarBelakang: m.text[colGelarBelakang], BirthPlace: m.text[colTempatLahir], Sex: m.text[colJenisKelamin],
		Religion: m.text[colAgama], Status: m.text[colStatus], Golongan: m.text[colGolongan],
		Education: m.text[colPendidikan], Email: m.text[colEmail], Phone: m.text[colNoHP],
		NIK: m.text[colNIK], Alamat: m.text[colAlamat],
	}
	// A NIP typed into a number cell has lost its last digits (or will, the
	// next time the sheet is saved): never store it.
	if i := m.index[colNIP]; i >= 0 && (nip.LooksNumeric(row.Cell(i)) || nip.LooksNumeric(row.Shown(i))) {
		if nip.LooksNumeric(row.Shown(i)) {
			m.text[colNIP] = row.Shown(i)
		}
		m.add(row.Num, colNIP, "nip.excel_number", m.text[colNIP])
	} else {
		e.NIP = strings.ReplaceAll(m.text[colNIP], " ", "") // NIPs are often written 19850310 201001 1 001
	}
	e.BirthDate = m.date(row, colTglLahir)
	e.TMTCPNS = m.date(row, colTMTCPNS)
	e.TMTGolongan = m.date(row, colTMTGolongan)
	e.TMTJabatan = m.date(row, colTMTJabatan)
	if err := m.addFields(row.Num, e.Validate(m.ref, m.today), employeeColumn); err != nil {
		return err
	}
	if key, ok := nip.Number(e.NIP); ok && !m.bad[colNIP] {
		if first, dup := m.seen[key]; dup {
			m.add(row.Num, colNIP, "import.nip_duplicate", int(first))
		} else {
			m.seen[key] = int32(row.Num)
		}
	}
	pos, err := m.position(row.Num)
	if err != nil {
		return err
	}
	unit, parent := m.text[colUnorNama], m.text[colUnorIndukNama]
	if unit == "" && (pos != nil || parent != "") {
		m.add(row.Num, colUnorNama, "import.unit_required")
	}
	unitID, err := m.b.FindUnit(parent, unit)
	if err := m.addFields(row.Num, err, unitColumn); err != nil {
		return err
	}
	if len(m.errs) > 0 {
		m.reject(m.errs...)
		return nil
	}
	if !m.writing {
		return nil
	}
	return m.write(ctx, row.Num, e, pos, unitID, parent, unit)
}

// write stores a valid row: its unit and position (created when new), then
// the employee.
func (m *rowMapper) write(ctx context.Context, rowNum int, e *merit.Employee, pos *merit.Position, unitID int64, parent, unit string) error {
	var err error
	if unitID == 0 && unit != "" {
		if unitID, err = m.b.Unit(ctx, parent, unit); err != nil {
			return m.refused(rowNum, err)
		}
	}
	e.UnitID = unitID
	if pos != nil {
		pos.UnitID = unitID
		if e.PositionID, err = m.b.Position(ctx, pos); err != nil {
			return err
		}
	}
	out, err := m.b.Upsert(ctx, e)
	if err != nil {
		return m.refused(rowNum, err)
	}
	switch out {
	case sqldb.Inserted:
		m.rep.Inserted++
	case sqldb.Updated:
		m.rep.Updated++
	case sqldb.Unchanged:
		m.rep.Unchanged++
	}
	return nil
}

// refused turns a write the store refused with field errors (a unit or an
// employee outside an operator's units) into the row's rejection; any
// other error stops the import.
func (m *rowMapper) refused(rowNum int, err error) error {
	if merit.FieldsOf(err) == nil {
		return err
	}
	m.errs = m.errs[:0]
	if err := m.addFields(rowNum, err, scopeColumn); err != nil {
		return err
	}
	m.reject(m.errs...)
	return nil
}

// position returns the row's position (jabatan), validated, or nil when the
// row names none.
func (m *rowMapper) position(rowNum int) (*merit.Position, error) {
	name, jenis, jenjang, kelas := m.text[colJabatanNama], m.text[colJenisJabatan], m.text[colJenjangJabatan], m.text[colKelasJabatan]
	if name == "" && jenis == "" && jenjang == "" && kelas == "" {
		return nil, nil
	}
	p := &merit.Position{AgencyID: m.opts.AgencyID, Name: name, Jenis: refCode(m.ref.JenisJabatan, jenis),
		Jenjang: refCode(m.ref.JenjangJabatan, jenjang)}
	if kelas != "" {
		n, ok := wholeNumber(kelas)
		if !ok {
			m.add(rowNum, colKelasJabatan, "field.not_a_number")
		}
		p.KelasJabatan = n
	}
	return p, m.addFields(rowNum, p.Validate(m.ref), positionColumn)
}

// date reads a date column: an XLSX date serial, or text in a form
// merit.ParseDate accepts. A cell that is neither is an error.
func (m *rowMapper) date(row *tabular.Row, c int) merit.Date {
	i := m.index[c]
	if i < 0 {
		return merit.Date{}
	}
	if t, ok := row.Date(i); ok {
		d := merit.DateOf(t)
		m.text[c] = d.String()
		return d
	}
	d, err := merit.ParseDate(m.text[c])
	if err != nil {
		m.add(row.Num, c, "field.not_a_date")
	}
	return d
}

// refCode returns the code of a reference value given by code, name or
// alias, or s itself for validation to reject.
func refCode(t *merit.RefTable, s string) string {
	if it, ok := t.Lookup(s); ok {
		return it.Code
	}
	return s
}

// wholeNumber reads an integer, also as a spreadsheet writes it ("9.0").
func wholeNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// WriteRejects writes the report's errors as CSV (row, column, value,
// reason) with the header and reasons in lang: the file a person fixes the
// rejected rows from.
func WriteRejects(w io.Writer, rep *Report, lang string) error {
	cw := tabular.NewCSVWriter(w)
	if err := cw.Write(i18n.T(lang, "import.rejects.row"), i18n.T(lang, "import.rejects.column"),
		i18n.T(lang, "import.rejects.value"), i18n.T(lang, "import.rejects.reason")); err != nil {
		return err
	}
	for _, e := range rep.Errors {
		if err := cw.Write(strconv.Itoa(e.Row), e.Column, e.Value, e.Reason(lang)); err != nil {
			return err
		}
	}
	return cw.Close()
}
