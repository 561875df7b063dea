package importer

import (
	"context"
	"io"
	"strconv"
	"strings"

	"merit"
	"merit/competency"
	"merit/nip"
	"merit/sqldb"
	"merit/tabular"
)

// The fixed columns of the assessment file; every other column is a
// competency, named by its code (integritas, kerjasama, ...) or its name,
// holding the level found (1–5) or nothing when it was not assessed.
var assessmentColumns = []struct {
	Name     string
	Field    string // the field of competency.Assessment, for mapping validation errors
	Required bool
}{
	{"nipBaru", "nip", true},
	{"tanggalAsesmen", "date", true},
	{"lembaga", "body", true},
	{"nilaiPotensi", "potential", true},
	{"rekomendasi", "recommendation", false},
}

// AssessmentColumns returns the header of an assessment file for the
// agency's dictionary: the fixed columns, then one per competency code.
func AssessmentColumns(dict []*competency.Competency) []string {
	var out []string
	for _, c := range assessmentColumns {
		out = append(out, c.Name)
	}
	for _, c := range dict {
		out = append(out, c.Code)
	}
	return out
}

// Assessments imports assessment results (one per row) from a CSV or XLSX
// file into the agency: employees are found by NIP, each row is validated
// and every problem reported with its row, column and value, and the rows
// are written in one transaction, all or nothing (or, with SkipInvalid, the
// valid ones). A row equal to a stored result (same employee, date and body)
// counts as unchanged. It needs merit.PermImport and PermCompetencyWrite.
func Assessments(ctx context.Context, db *sqldb.DB, r io.Reader, opts Options) (*Report, error) {
	const op = "importer.Assessments"
	if opts.Format != tabular.CSV && opts.Format != tabular.XLSX {
		return nil, merit.Invalid(op, merit.FieldError{Field: "file", Code: "import.format", Value: opts.Format})
	}
	if err := merit.Authorize(ctx, merit.PermImport, opts.AgencyID); err != nil {
		return nil, err
	}
	dict, err := db.Competencies(ctx, opts.AgencyID)
	if err != nil {
		return nil, err
	}
	tr, err := tabular.NewReader(r, opts.Format)
	if err != nil {
		return nil, fileError(op, opts.Format, err)
	}
	defer tr.Close()
	m := &assessmentMapper{db: db, dict: dict, opts: opts, rep: &Report{}, today: merit.Today(), writing: true, seen: map[string]int{}}
	if err := m.run(ctx, tr); err != nil {
		return nil, err
	}
	rep := m.rep
	if !m.writing || len(m.valid) == 0 {
		return rep, nil
	}
	ins, same, err := db.ImportAssessments(ctx, opts.AgencyID, m.valid, opts.DryRun)
	if err != nil {
		return nil, err
	}
	rep.Inserted, rep.Unchanged, rep.Written = ins, same, !opts.DryRun
	return rep, nil
}

// assessmentMapper turns the rows of one assessment file into results.
type assessmentMapper struct {
	db      *sqldb.DB
	dict    []*competency.Competency
	opts    Options
	rep     *Report
	today   merit.Date
	writing bool

	fixed [5]int // position of each fixed column; -1 when absent
	comps []struct {
		col  int
		name string
		id   int64
	}
	seen  map[string]int // NIP|date|body → first row, to catch a row given twice
	valid []*competency.Assessment
}

func (m *assessmentMapper) run(ctx context.Context, tr tabular.Reader) error {
	header := func(row *tabular.Row) bool {
		ok := m.header(row)
		m.writing = m.writing && ok
		return ok
	}
	bad, noHeader, err := eachRow(ctx, tr, header, m.row, func() int { return m.rep.Rows }, nil)
	if err != nil {
		return err
	}
	if !fileRead(m.rep, m.opts, bad, noHeader) {
		m.writing = false
	}
	return nil
}

// header maps the columns: the fixed ones by name, the others to
// competencies by code or name.
func (m *assessmentMapper) header(row *tabular.Row) bool {
	for i := range m.fixed {
		m.fixed[i] = -1
	}
	byName := map[string]*competency.Competency{}
	for _, c := range m.dict {
		byName[strings.ToLower(c.Code)], byName[strings.ToLower(c.Name)] = c, c
	}
	var errs []RowError
	used := map[int64]bool{}
next:
	for i := range row.Cells {
		name := row.Cell(i)
		if name == "" {
			continue
		}
		for f, col := range assessmentColumns {
			if strings.EqualFold(name, col.Name) {
				if m.fixed[f] >= 0 {
					errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_repeated"})
				}
				m.fixed[f] = i
				continue next
			}
		}
		c, ok := byName[strings.ToLower(name)]
		switch {
		case !ok:
			errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_unknown", Args: []any{strings.Join(AssessmentColumns(m.dict), ", ")}})
		case used[c.ID]:
			errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_repeated"})
		default:
			used[c.ID] = true
			m.comps = append(m.comps, struct {
				col  int
				name string
				id   int64
			}{i, name, c.ID})
		}
	}
	for f, col := range assessmentColumns {
		if col.Required && m.fixed[f] < 0 {
			errs = append(errs, RowError{Row: row.Num, Column: col.Name, Code: "import.column_missing"})
		}
	}
	if len(m.comps) == 0 {
		errs = append(errs, RowError{Row: row.Num, Code: "import.assessment.no_competency"})
	}
	m.rep.Errors = append(m.rep.Errors, errs...)
	return len(errs) == 0
}

// row checks one data row and keeps the result when it is valid.
func (m *assessmentMapper) row(ctx context.Context, row *tabular.Row) error {
	m.rep.Rows++
	var errs []RowError
	cell := func(f int) string { return row.Cell(m.fixed[f]) }
	add := func(f int, value, code string, args ...any) {
		errs = append(errs, RowError{Row: row.Num, Column: assessmentColumns[f].Name, Value: value, Code: code, Args: args})
	}
	a := &competency.Assessment{AgencyID: m.opts.AgencyID, Body: cell(2), Recommendation: cell(4)}

	// NIP: the employee must be in the agency.
	n := strings.ReplaceAll(cell(0), " ", "")
	if i := m.fixed[0]; nip.LooksNumeric(row.Shown(i)) && !nip.LooksNumeric(n) {
		add(0, row.Shown(i), "nip.excel_number", row.Shown(i))
	} else if n == "" {
		add(0, "", "field.required")
	} else {
		e, err := m.db.FindEmployeeByNIP(ctx, m.opts.AgencyID, n)
		switch {
		case merit.KindOf(err) == merit.KindNotFound:
			add(0, n, "import.assessment.unknown_nip")
		case err != nil:
			return err
		default:
			a.EmployeeID = e.ID
		}
	}
	// Date: an XLSX date cell or text.
	if t, ok := row.Date(m.fixed[1]); ok {
		a.Date = merit.DateOf(t)
	} else if d, err := merit.ParseDate(cell(1)); err != nil {
		add(1, cell(1), "field.not_a_date")
	} else {
		a.Date = d
	}
	if p := strings.Replace(cell(3), ",", ".", 1); p != "" {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			add(3, cell(3), "field.not_a_number")
		}
		a.Potential = v
	} else {
		add(3, "", "field.required")
	}
	for _, c := range m.comps {
		v := row.Cell(c.col)
		if v == "" {
			continue
		}
		lv, ok := wholeNumber(v)
		if !ok || lv < competency.MinLevel || lv > competency.MaxLevel {
			errs = append(errs, RowError{Row: row.Num, Column: c.name, Value: v, Code: "field.range", Args: []any{competency.MinLevel, competency.MaxLevel}})
			continue
		}
		a.Levels = append(a.Levels, competency.Level{CompetencyID: c.id, Level: uint8(lv)})
	}
	// The domain rules (date not ahead, body, potential 0–100, levels).
	if len(errs) == 0 {
		known := func(int64) bool { return true } // levels come from mapped columns only
		for _, f := range merit.FieldsOf(a.Validate(known, m.today)) {
			col := f.Field
			for _, fc := range assessmentColumns {
				if fc.Field == f.Field {
					col = fc.Name
				}
			}
			errs = append(errs, RowError{Row: row.Num, Column: col, Value: f.Value, Code: f.Code, Args: f.Args})
		}
	}
	if len(errs) == 0 {
		key := strconv.FormatInt(a.EmployeeID, 10) + "|" + a.Date.String() + "|" + strings.ToLower(a.Body)
		if first, ok := m.seen[key]; ok {
			errs = append(errs, RowError{Row: row.Num, Column: assessmentColumns[0].Name, Value: n, Code: "import.assessment.duplicate", Args: []any{first}})
		} else {
			m.seen[key] = row.Num
		}
	}
	if len(errs) > 0 {
		m.rep.Rejected++
		m.rep.Errors = append(m.rep.Errors, errs...)
		if !m.opts.SkipInvalid {
			m.writing = false
		}
		return nil
	}
	m.valid = append(m.valid, a)
	return nil
}
