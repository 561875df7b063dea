package importer

import (
	"context"
	"io"
	"strconv"
	"strings"

	"merit"
	"merit/performance"
	"merit/sqldb"
	"merit/tabular"
)

// The columns of the SKP results file. The names are SIASN's rw-skp22
// fields (field.md §2.1) where SIASN has one; periode, bulan, inovasi, the
// seven BerAKHLAK values and catatan are Merit's.
const (
	skpNIP = iota
	skpTahun
	skpPeriode
	skpHasil
	skpPerilaku
	skpKuadran
	skpNilai
	skpInovasi
	skpBulan
	skpPenilaiNIP
	skpPenilaiNama
	skpPelayanan // the seven values, in the order of performance.Values
	skpAkuntabel
	skpKompeten
	skpHarmonis
	skpLoyal
	skpAdaptif
	skpKolaboratif
	skpCatatan
	numSKPColumns
)

// skpColumns is the file contract of the SKP import: names (with the other
// spellings SIASN exports use), the field each fills, and the template's
// example.
var skpColumns = [numSKPColumns]struct {
	Name     string
	Aliases  []string
	Field    string // the performance.SKP field of its validation errors
	Required bool
	Example  string
}{
	skpNIP:         {Name: "nipBaru", Aliases: []string{"nip"}, Field: "nip", Required: true, Example: "198503102010011001"},
	skpTahun:       {Name: "tahun", Field: "year", Required: true, Example: "2024"},
	skpPeriode:     {Name: "periode", Aliases: []string{"periodik"}, Field: "period", Example: "TAHUNAN"},
	skpHasil:       {Name: "hasilKinerjaNilai", Aliases: []string{"hasilKinerja", "hasilKerja"}, Field: "hasilKerja", Example: "Sesuai Ekspektasi"},
	skpPerilaku:    {Name: "perilakuKerjaNilai", Aliases: []string{"perilakuKerja"}, Field: "perilaku", Example: "Di Atas Ekspektasi"},
	skpKuadran:     {Name: "kuadranKinerjaNilai", Aliases: []string{"kuadranKinerja", "predikat"}, Field: "predikat", Example: "Baik"},
	skpNilai:       {Name: "nilaiSkp", Aliases: []string{"nilaiPrestasiKerja"}, Field: "legacyScore", Example: ""},
	skpInovasi:     {Name: "inovasi", Field: "legacyInnovation", Example: ""},
	skpBulan:       {Name: "bulan", Field: "months", Example: "12"},
	skpPenilaiNIP:  {Name: "penilaiNipNrp", Aliases: []string{"nipPenilai"}, Field: "raterId", Example: ""},
	skpPenilaiNama: {Name: "penilaiNama", Aliases: []string{"namaPenilai"}, Field: "raterName", Example: ""},
	skpPelayanan:   {Name: "berorientasiPelayanan", Field: "berakhlak.pelayanan"},
	skpAkuntabel:   {Name: "akuntabel", Field: "berakhlak.akuntabel"},
	skpKompeten:    {Name: "kompeten", Field: "berakhlak.kompeten"},
	skpHarmonis:    {Name: "harmonis", Field: "berakhlak.harmonis"},
	skpLoyal:       {Name: "loyal", Field: "berakhlak.loyal"},
	skpAdaptif:     {Name: "adaptif", Field: "berakhlak.adaptif"},
	skpKolaboratif: {Name: "kolaboratif", Field: "berakhlak.kolaboratif"},
	skpCatatan:     {Name: "catatan", Field: "note"},
}

var (
	skpColumnByName = func() map[string]int {
		m := map[string]int{}
		for c, col := range skpColumns {
			m[strings.ToLower(col.Name)] = c
			for _, a := range col.Aliases {
				m[strings.ToLower(a)] = c
			}
		}
		return m
	}()
	skpColumnByField = func() map[string]int {
		m := map[string]int{}
		for c, col := range skpColumns {
			m[col.Field] = c
		}
		return m
	}()
	skpColumnList = func() string {
		names := make([]string, numSKPColumns)
		for c, col := range skpColumns {
			names[c] = col.Name
		}
		return strings.Join(names, ", ")
	}()
)

// SKP imports SKP results (one employee, year and period per row) from a
// CSV or XLSX file into the agency, with the same rules as Employees: every
// row is checked and every problem reported by row, column and value;
// nothing is written when any row is rejected unless SkipInvalid; nothing
// with DryRun. Employees are found by NIP and an SKP by employee, year and
// period, so the same file imported again changes nothing. A row of the 2022
// scheme gives hasilKinerjaNilai and either perilakuKerjaNilai or the seven
// values; a kuadranKinerjaNilai, when given, must be the predikat the matrix
// gives. A row before 2022 gives nilaiSkp. It needs merit.PermImport and
// merit.PermPerformanceWrite.
func SKP(ctx context.Context, db *sqldb.DB, r io.Reader, opts Options) (*Report, error) {
	const op = "importer.SKP"
	if opts.Format != tabular.CSV && opts.Format != tabular.XLSX {
		return nil, merit.Invalid(op, merit.FieldError{Field: "file", Code: "import.format", Value: opts.Format})
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	commit := false
	err = db.SKPBatch(ctx, opts.AgencyID, func(b *sqldb.SKPBatch) error {
		tr, err := tabular.NewReader(r, opts.Format)
		if err != nil {
			return fileError(op, opts.Format, err)
		}
		defer tr.Close()
		m := &skpMapper{b: b, ref: ref, today: merit.DateOf(db.Now()), opts: opts, rep: rep, writing: true, seen: map[string]int{}}
		if err := m.run(ctx, tr); err != nil {
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

// skpMapper turns the rows of one SKP file into SKPs and writes them.
type skpMapper struct {
	b       *sqldb.SKPBatch
	ref     *merit.Reference
	today   merit.Date
	opts    Options
	rep     *Report
	writing bool
	index   [numSKPColumns]int
	seen    map[string]int // "nip/year/period" → the row it first appeared on

	text [numSKPColumns]string
	errs []RowError
	bad  [numSKPColumns]bool
}

// run reads the header, then every row.
func (m *skpMapper) run(ctx context.Context, tr tabular.Reader) error {
	bad, noHeader, err := eachRow(ctx, tr, m.header, m.row, func() int { return m.rep.Rows }, nil)
	if err != nil {
		return err
	}
	if !fileRead(m.rep, m.opts, bad, noHeader) {
		m.writing = false
	}
	return nil
}

// header finds the columns; an unknown, repeated or missing required column
// rejects the file.
func (m *skpMapper) header(row *tabular.Row) bool {
	errs := matchHeader(row, m.index[:], skpColumnByName, skpColumnList, func(c int) (string, bool) {
		return skpColumns[c].Name, skpColumns[c].Required
	})
	if len(errs) > 0 {
		m.rep.Errors = append(m.rep.Errors, errs...)
		m.writing = false
		return false
	}
	return true
}

// add records that column c of the current row broke rule code.
func (m *skpMapper) add(row, c int, code string, args ...any) {
	if m.bad[c] {
		return
	}
	m.bad[c] = true
	m.errs = append(m.errs, RowError{Row: row, Column: skpColumns[c].Name, Value: strings.Clone(m.text[c]), Code: code, Args: args})
}

// addFields records the field errors of a validation on their columns; an
// error on a field without a column is an error of the row.
func (m *skpMapper) addFields(row int, err error) error {
	fs := merit.FieldsOf(err)
	if fs == nil {
		return err
	}
	for _, f := range fs {
		if c, ok := skpColumnByField[f.Field]; ok {
			m.add(row, c, f.Code, f.Args...)
		} else {
			m.errs = append(m.errs, RowError{Row: row, Value: f.Value, Code: f.Code, Args: f.Args})
		}
	}
	return nil
}

// row checks one data row and, while the file can still be written, writes it.
func (m *skpMapper) row(ctx context.Context, row *tabular.Row) error {
	m.rep.Rows++
	m.errs, m.bad = m.errs[:0], [numSKPColumns]bool{}
	for c := range m.text {
		m.text[c] = ""
		if i := m.index[c]; i >= 0 {
			m.text[c] = row.Cell(i)
		}
	}
	n := row.Num
	s := &performance.SKP{Source: performance.SourceImport, Note: m.text[skpCatatan]}

	emp, ok := m.b.Employee(m.text[skpNIP])
	switch {
	case m.text[skpNIP] == "":
		m.add(n, skpNIP, "field.required")
	case !ok:
		m.add(n, skpNIP, "import.skp_unknown_nip")
	}
	s.EmployeeID, s.Jenjang = emp.ID, emp.Jenjang

	year, yerr := strconv.Atoi(m.text[skpTahun])
	if yerr != nil {
		m.add(n, skpTahun, "field.not_a_number")
	}
	s.Year = year
	if p, ok := performance.ParsePeriod(m.text[skpPeriode]); ok {
		s.Period = p
	} else {
		m.add(n, skpPeriode, "field.unknown_ref")
	}
	rating := func(c int) performance.Rating {
		if m.text[c] == "" {
			return ""
		}
		r, ok := performance.ParseRating(m.text[c])
		if !ok {
			m.add(n, c, "field.unknown_ref")
		}
		return r
	}
	// Without a year the scheme is unknown: the ratings wait for a fixed row.
	switch {
	case yerr != nil:
	case performance.SchemeOf(year) == performance.Scheme2022:
		s.HasilKerja, s.Perilaku = rating(skpHasil), rating(skpPerilaku)
		for i := range s.Behaviour {
			s.Behaviour[i] = rating(skpPelayanan + i)
		}
		if s.Behaviour != (performance.Behaviour{}) {
			for i, r := range s.Behaviour {
				if r == "" {
					m.add(n, skpPelayanan+i, "field.required")
				}
			}
		}
	default:
		score, err := performance.ParseHundredths(m.text[skpNilai])
		if err != nil {
			m.add(n, skpNilai, "field.not_a_number")
		}
		s.LegacyScore = score
		switch strings.ToLower(m.text[skpInovasi]) {
		case "", "0", "tidak", "no", "n", "t":
		case "1", "ya", "yes", "y":
			s.LegacyInnovation = true
		default:
			m.add(n, skpInovasi, "field.unknown_ref")
		}
	}
	if t := m.text[skpBulan]; t != "" {
		months, err := strconv.Atoi(t)
		if err != nil {
			m.add(n, skpBulan, "field.not_a_number")
		}
		s.Months = months
	}
	if raterNIP := m.text[skpPenilaiNIP]; raterNIP != "" || m.text[skpPenilaiNama] != "" {
		s.RaterOverride, s.RaterNIP, s.RaterName = true, raterNIP, m.text[skpPenilaiNama]
		if rater, ok := m.b.Employee(raterNIP); ok {
			s.RaterID = rater.ID
		}
	}
	if len(m.errs) == 0 {
		if err := m.addFields(n, s.Validate(m.ref, m.today)); err != nil {
			return err
		}
	}
	if want := m.text[skpKuadran]; want != "" && len(m.errs) == 0 {
		if p, ok := performance.ParsePredikat(want); !ok {
			m.add(n, skpKuadran, "field.unknown_ref")
		} else if p != s.Predikat {
			m.add(n, skpKuadran, "import.skp_predikat_mismatch", string(s.Predikat))
		}
	}
	key := m.text[skpNIP] + "/" + strconv.Itoa(s.Year) + "/" + string(s.Period)
	if first, dup := m.seen[key]; dup && len(m.errs) == 0 {
		m.errs = append(m.errs, RowError{Row: n, Column: skpColumns[skpNIP].Name, Value: m.text[skpNIP], Code: "import.skp_duplicate", Args: []any{first}})
	} else if !dup {
		m.seen[key] = n
	}
	if len(m.errs) > 0 {
		m.rep.Rejected++
		m.rep.Errors = append(m.rep.Errors, m.errs...)
		if !m.opts.SkipInvalid {
			m.writing = false
		}
		return nil
	}
	if !m.writing {
		return nil
	}
	out, err := m.b.Save(ctx, s)
	if merit.KindOf(err) == merit.KindInvalid {
		if err := m.addFields(n, err); err != nil {
			return err
		}
		m.rep.Rejected++
		m.rep.Errors = append(m.rep.Errors, m.errs...)
		if !m.opts.SkipInvalid {
			m.writing = false
		}
		return nil
	}
	if err != nil {
		return err
	}
	switch out {
	case sqldb.Inserted:
		m.rep.Inserted++
	case sqldb.Updated:
		m.rep.Updated++
	default:
		m.rep.Unchanged++
	}
	return nil
}

// SKPColumnNames lists the columns of the SKP results file, in template order.
func SKPColumnNames() []string { return strings.Split(skpColumnList, ", ") }
