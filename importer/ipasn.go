package importer

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"merit"
	"merit/ipasn"
	"merit/nip"
	"merit/sqldb"
	"merit/tabular"
)

// The columns of an official IP ASN file, as SIASN's nilaiIpAsn names the
// fields (with the NIP as nipBaru); tahun and nilaiIpAsn are optional. A
// missing total is the sum of the four dimensions.
var ipasnColumns = []struct {
	names    []string // accepted header names (any case); the first is shown
	required bool
}{
	{[]string{"nipBaru", "nip"}, true},
	{[]string{"tahun", "year"}, false},
	{[]string{"kualifikasi"}, true},
	{[]string{"kompetensi"}, true},
	{[]string{"kinerja"}, true},
	{[]string{"disiplin"}, true},
	{[]string{"nilaiIpAsn", "nilai", "total"}, false},
}

// IPASNColumnNames lists the columns of an official IP ASN file, for the
// upload form.
func IPASNColumnNames() string {
	names := make([]string, len(ipasnColumns))
	for i, c := range ipasnColumns {
		names[i] = c.names[0]
	}
	return strings.Join(names, ", ")
}

// Indices into ipasnColumns.
const (
	ipNIP = iota
	ipYear
	ipKualifikasi
	ipKompetensi
	ipKinerja
	ipDisiplin
	ipTotal
)

// IPASNOfficial imports official IP ASN values (SIASN nilaiIpAsn) from a
// CSV or XLSX file into the agency, all or nothing: every row is checked and
// every problem reported with its row, column and value, as the employee
// import does; nothing is written when any row is rejected or with DryRun.
// A row without a year takes year (the year the values were published for).
// It needs merit.PermPerformanceWrite.
func IPASNOfficial(ctx context.Context, db *sqldb.DB, r io.Reader, year int, opts Options) (*Report, error) {
	const op = "importer.IPASNOfficial"
	if opts.Format != tabular.CSV && opts.Format != tabular.XLSX {
		return nil, merit.Invalid(op, merit.FieldError{Field: "file", Code: "import.format", Value: opts.Format})
	}
	tr, err := tabular.NewReader(r, opts.Format)
	if err != nil {
		return nil, fileError(op, opts.Format, err)
	}
	defer tr.Close()
	rep := &Report{}
	var rows []sqldb.OfficialRow
	var index []int
	seen := map[uint64]int{}
	for {
		row, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var te *tabular.Error
			if errors.As(err, &te) {
				rep.Errors = append(rep.Errors, RowError{Row: te.Row, Code: "ipasn.import.unreadable", Args: []any{te.Err.Error()}})
				break
			}
			return nil, err
		}
		if row.Blank() {
			continue
		}
		if index == nil {
			if index = ipasnHeader(row, rep); index == nil {
				break
			}
			continue
		}
		rep.Rows++
		o, errs := ipasnRow(row, index, year)
		if n, ok := nip.Number(o.NIP); ok {
			if first, dup := seen[n]; dup {
				errs = append(errs, RowError{Row: row.Num, Column: ipasnColumns[ipNIP].names[0], Value: o.NIP,
					Code: "import.nip_duplicate", Args: []any{first}})
			} else {
				seen[n] = row.Num
			}
		}
		if len(errs) > 0 {
			rep.Rejected++
			rep.Errors = append(rep.Errors, errs...)
			continue
		}
		rows = append(rows, o)
	}
	if index == nil && len(rep.Errors) == 0 {
		rep.Errors = append(rep.Errors, RowError{Row: 1, Code: "ipasn.import.empty"})
	}
	if len(rep.Errors) > 0 {
		return rep, nil
	}
	n, err := db.ImportIPASNOfficial(ctx, opts.AgencyID, rows, opts.DryRun)
	if fs := merit.FieldsOf(err); fs != nil {
		for _, f := range fs {
			num, _ := strconv.Atoi(f.Field)
			rep.Errors = append(rep.Errors, RowError{Row: num, Column: ipasnColumns[ipNIP].names[0], Value: f.Value, Code: f.Code})
		}
		rep.Rejected = len(fs)
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	rep.Inserted, rep.Written = n, !opts.DryRun
	return rep, nil
}

// ipasnHeader maps the header row to column positions; nil when a required
// column is missing or a column is unknown.
func ipasnHeader(row *tabular.Row, rep *Report) []int {
	index := make([]int, len(ipasnColumns))
	errs := matchHeader(row, index, ipasnColumnByName, IPASNColumnNames(), func(c int) (string, bool) {
		return ipasnColumns[c].names[0], ipasnColumns[c].required
	})
	if len(errs) > 0 {
		rep.Errors = append(rep.Errors, errs...)
		return nil
	}
	return index
}

// ipasnColumnByName gives the column of every accepted header name, lowercased.
var ipasnColumnByName = func() map[string]int {
	m := map[string]int{}
	for c, col := range ipasnColumns {
		for _, n := range col.names {
			m[strings.ToLower(n)] = c
		}
	}
	return m
}()

// ipasnRow reads one data row, checking each value against its dimension's
// maximum (§3.2).
func ipasnRow(row *tabular.Row, index []int, year int) (sqldb.OfficialRow, []RowError) {
	o := sqldb.OfficialRow{Row: row.Num}
	var errs []RowError
	cell := func(c int) string {
		if index[c] < 0 {
			return ""
		}
		return row.Cell(index[c])
	}
	bad := func(c int, code string, args ...any) {
		errs = append(errs, RowError{Row: row.Num, Column: ipasnColumns[c].names[0], Value: cell(c), Code: code, Args: args})
	}
	o.NIP = cell(ipNIP)
	if _, err := nip.Parse(o.NIP); err != nil {
		bad(ipNIP, "ipasn.import.nip_invalid")
	}
	o.Year = year
	if s := cell(ipYear); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2019 || y > 2100 {
			bad(ipYear, "field.range", 2019, 2100)
		}
		o.Year = y
	}
	dims := []struct {
		c   int
		dim string
		dst *ipasn.Points
	}{
		{ipKualifikasi, ipasn.Kualifikasi, &o.Kualifikasi}, {ipKompetensi, ipasn.Kompetensi, &o.Kompetensi},
		{ipKinerja, ipasn.Kinerja, &o.Kinerja}, {ipDisiplin, ipasn.Disiplin, &o.Disiplin},
	}
	var sum ipasn.Points
	for _, d := range dims {
		max := ipasn.Current.Max(d.dim)
		p, ok := ipasn.ParsePoints(cell(d.c))
		if !ok || p > max {
			bad(d.c, "field.range", 0, max.String())
			continue
		}
		*d.dst, sum = p, sum+p
	}
	o.Total = sum
	if s := cell(ipTotal); s != "" {
		p, ok := ipasn.ParsePoints(s)
		if !ok || p > ipasn.Pts(100) {
			bad(ipTotal, "field.range", 0, 100)
		}
		o.Total = p
	}
	return o, errs
}
