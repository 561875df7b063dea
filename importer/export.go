package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"merit"
	"merit/i18n"
	"merit/sqldb"
	"merit/tabular"
)

// header returns the header row: every column's SIASN name.
func header() []string {
	h := make([]string, numColumns)
	for c, col := range columns {
		h[c] = col.Name
	}
	return h
}

// newWriter starts a file of the format; an unknown format is KindInvalid.
func newWriter(op string, w io.Writer, format, sheet string) (tabular.Writer, error) {
	if format != tabular.CSV && format != tabular.XLSX {
		return nil, merit.Invalid(op, merit.FieldError{Field: "format", Code: "import.format", Value: format})
	}
	return tabular.NewWriter(w, format, sheet)
}

// ExportEmployees writes every employee of the agency to w as an employee
// file of the format (tabular.CSV or tabular.XLSX), in NIP order. The file
// imports back unchanged: codes are written as stored, dates as ISO text,
// and the unit with the unit above it so that its name is unambiguous. Rows
// are streamed from the database, never all held in memory. It needs
// merit.PermExport.
func ExportEmployees(ctx context.Context, db *sqldb.DB, agencyID int64, w io.Writer, format string) error {
	const op = "importer.ExportEmployees"
	if err := merit.Authorize(ctx, merit.PermExport, agencyID); err != nil {
		return err
	}
	units, err := db.FindUnits(ctx, agencyID)
	if err != nil {
		return err
	}
	unitName := make(map[int64]string, len(units))
	parentOf := make(map[int64]int64, len(units))
	for _, u := range units {
		unitName[u.ID], parentOf[u.ID] = u.Name, u.ParentID
	}
	list, err := db.FindPositions(ctx, agencyID, 0)
	if err != nil {
		return err
	}
	positions := make(map[int64]*merit.Position, len(list))
	for _, p := range list {
		positions[p.ID] = p
	}
	ew, err := NewEmployeeWriter(w, format)
	if err != nil {
		return err
	}
	err = db.EachEmployee(ctx, agencyID, func(e *merit.Employee) error {
		return ew.Write(e, unitName[e.UnitID], unitName[parentOf[e.UnitID]], positions[e.PositionID])
	})
	if cerr := ew.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// EmployeeWriter writes employees as an employee file: the header row, then
// one row per employee in the columns of the import contract.
type EmployeeWriter struct{ tw tabular.Writer }

// NewEmployeeWriter starts an employee file of the format (tabular.CSV or
// tabular.XLSX) on w and writes its header.
func NewEmployeeWriter(w io.Writer, format string) (*EmployeeWriter, error) {
	tw, err := newWriter("importer.NewEmployeeWriter", w, format, "Pegawai")
	if err != nil {
		return nil, err
	}
	if err := tw.Write(header()...); err != nil {
		tw.Close()
		return nil, err
	}
	return &EmployeeWriter{tw: tw}, nil
}

// Write adds one employee with the names of its unit, the unit above it and
// its position (nil for none).
func (ew *EmployeeWriter) Write(e *merit.Employee, unit, parent string, p *merit.Position) error {
	v := values(e, unit, parent, p)
	return ew.tw.Write(v[:]...)
}

// Close finishes the file.
func (ew *EmployeeWriter) Close() error { return ew.tw.Close() }

// Template writes an empty employee file of the format to fill in: the
// header row and one example row. An XLSX template also has a sheet that
// documents each column and, when ref is given, drop-down lists of the
// reference codes (golongan, agama, status, pendidikan, jenis and jenjang
// jabatan) backed by a hidden sheet of those codes.
func Template(w io.Writer, format, lang string, ref *merit.Reference) error {
	const op = "importer.Template"
	tw, err := newWriter(op, w, format, i18n.T(lang, "import.sheet.data"))
	if err != nil {
		return err
	}
	example := make([]string, numColumns)
	for c, col := range columns {
		example[c] = col.Example
	}
	err = errors.Join(tw.Write(header()...), tw.Write(example...))
	if x, ok := tw.(*tabular.XLSXWriter); ok && err == nil {
		err = describeColumns(x.File(), i18n.T(lang, "import.sheet.data"), lang, ref)
	}
	if cerr := tw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// describeColumns adds the template's documentation sheet and, with ref, the
// drop-down lists on the data sheet.
func describeColumns(f *excelize.File, data, lang string, ref *merit.Reference) error {
	doc := i18n.T(lang, "import.sheet.columns")
	if _, err := f.NewSheet(doc); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	rows := [][]any{{i18n.T(lang, "import.doc.column"), i18n.T(lang, "import.doc.label"), i18n.T(lang, "import.doc.required"),
		i18n.T(lang, "import.doc.description"), i18n.T(lang, "import.doc.values")}}
	for _, col := range columns {
		required := i18n.T(lang, "import.doc.no")
		if col.Required {
			required = i18n.T(lang, "import.doc.yes")
		}
		accepted := col.Example
		switch {
		case col.Date:
			accepted = i18n.T(lang, "import.doc.date")
		case col.Ref != "" && ref != nil:
			accepted = strings.Join(codes(ref.Table(col.Ref)), ", ")
		}
		rows = append(rows, []any{col.Name, i18n.T(lang, "field."+col.Field), required, i18n.T(lang, "import.col."+col.Name), accepted})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(doc, cell, &r); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(5, len(rows))
	err = errors.Join(f.SetColWidth(doc, "A", "C", 20), f.SetColWidth(doc, "D", "E", 60),
		f.SetCellStyle(doc, "A2", last, wrap), f.SetCellStyle(doc, "A1", "E1", bold))
	if err != nil || ref == nil {
		return err
	}
	return dropDowns(f, data, lang, ref)
}

// dropDowns lists each reference column's codes on a hidden sheet and
// offers them as a drop-down in that column of the data sheet. Other
// spellings the import accepts (names, aliases) only draw a warning.
func dropDowns(f *excelize.File, data, lang string, ref *merit.Reference) error {
	const lists = "Referensi"
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	n := 0
	for c, col := range columns {
		if col.Ref == "" && c != colJenisKelamin {
			continue
		}
		n++
		values := []string{merit.SexMale, merit.SexFemale}
		if col.Ref != "" {
			values = codes(ref.Table(col.Ref))
		}
		cells := make([]any, 0, len(values)+1)
		cells = append(cells, col.Name)
		for _, v := range values {
			cells = append(cells, v)
		}
		listCol, _ := excelize.ColumnNumberToName(n)
		if err := f.SetSheetCol(lists, listCol+"1", &cells); err != nil {
			return err
		}
		dataCol, _ := excelize.ColumnNumberToName(c + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", dataCol, dataCol, excelize.TotalRows)
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", lists, listCol, listCol, len(values)+1))
		dv.SetError(excelize.DataValidationErrorStyleWarning, col.Name, i18n.T(lang, "import.doc.not_in_list"))
		if err := f.AddDataValidation(data, dv); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(lists, false)
}

// codes lists a reference table's codes in order.
func codes(t *merit.RefTable) []string {
	if t == nil {
		return nil
	}
	out := make([]string, len(t.Items))
	for i, it := range t.Items {
		out[i] = it.Code
	}
	return out
}
