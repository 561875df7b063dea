package tabular

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// readAll reads every row as (number, cells) pairs.
func readAll(t *testing.T, r Reader) ([]int, [][]string, error) {
	t.Helper()
	var nums []int
	var rows [][]string
	for {
		row, err := r.Next()
		if err == io.EOF {
			return nums, rows, nil
		}
		if err != nil {
			return nums, rows, err
		}
		nums = append(nums, row.Num)
		rows = append(rows, append([]string(nil), row.Cells...))
	}
}

func TestCSVReader(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		nums     []int
		rows     [][]string
	}{
		{"comma", "a,b\n1,2\n", []int{1, 2}, [][]string{{"a", "b"}, {"1", "2"}}},
		{"semicolon from Indonesian Excel", "nipBaru;nama\r\n1;Siti, S.E.\r\n", []int{1, 2}, [][]string{{"nipBaru", "nama"}, {"1", "Siti, S.E."}}},
		{"tab", "a\tb\n1\t2\n", []int{1, 2}, [][]string{{"a", "b"}, {"1", "2"}}},
		{"BOM", "\xEF\xBB\xBFa;b\n1;2\n", []int{1, 2}, [][]string{{"a", "b"}, {"1", "2"}}},
		{"separator inside quotes ignored", "\"a;b;c\",d\n1,2\n", []int{1, 2}, [][]string{{"a;b;c", "d"}, {"1", "2"}}},
		{"leading blank lines", "\r\n\na;b\n1;2\n", []int{3, 4}, [][]string{{"a", "b"}, {"1", "2"}}},
		{"blank line is a row", "a,b\n\n1,2\n", []int{1, 3}, [][]string{{"a", "b"}, {"1", "2"}}},
		{"multi-line cell is one row", "a,b\n\"x\ny\",2\n3,4\n", []int{1, 2, 3}, [][]string{{"a", "b"}, {"x\ny", "2"}, {"3", "4"}}},
		{"multi-line last cell", "a,b\n1,\"x\n\ny\"\n3,4\n", []int{1, 2, 3}, [][]string{{"a", "b"}, {"1", "x\n\ny"}, {"3", "4"}}},
		{"short rows allowed", "a,b,c\n1\n", []int{1, 2}, [][]string{{"a", "b", "c"}, {"1"}}},
		{"empty", "", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewCSVReader(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			nums, rows, err := readAll(t, r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(nums, tc.nums) || !reflect.DeepEqual(rows, tc.rows) {
				t.Errorf("%q: got %v %q, want %v %q", tc.in, nums, rows, tc.nums, tc.rows)
			}
		})
	}
}

func TestCSVReaderErrorCarriesRow(t *testing.T) {
	r, err := NewCSVReader(strings.NewReader("a,b\n1,2\n\n\"x\ny\",2\n3,\"bad\"quote\n5,6\n"))
	if err != nil {
		t.Fatal(err)
	}
	nums, _, err := readAll(t, r)
	var te *Error
	if !errors.As(err, &te) || te.Row != 5 {
		t.Fatalf("got rows %v, error %v; want an error on row 5", nums, err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("error is not sticky: got %v after %v", again, err)
	}
}

func TestCSVWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	rows := [][]string{{"nipBaru", "nama"}, {"198503102010011001", "Siti \"Ani\", S.E."}, {"007", "x\ny"}}
	for _, r := range rows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := NewCSVReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := readAll(t, r)
	if err != nil || !reflect.DeepEqual(got, rows) {
		t.Errorf("got %q, %v; want %q", got, err, rows)
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, "Pegawai")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{{"nipBaru", "kode", "tglLahir"}, {"198503102010011001", "007", "1985-03-10"}, {"", "", ""}, {"x", "=1+1", "31116"}}
	for _, r := range rows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if typ, _ := f.GetCellType("Pegawai", "A2"); typ != excelize.CellTypeInlineString {
		t.Errorf("NIP cell type %v, want an inline string", typ)
	}
	f.Close()

	r, err := NewXLSXReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	nums, got, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{rows[0], rows[1], nil, rows[3]}
	if !reflect.DeepEqual(nums, []int{1, 2, 3, 4}) || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v %q, want 1..4 %q", nums, got, want)
	}
}

// numberSheet writes a workbook as a spreadsheet user would leave it: the NIP
// typed into number cells, dates in date cells.
func numberSheet(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetSheetRow("Sheet1", "A1", &[]any{"nipBaru", "tglLahir", "kelas"})
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(198503102010011001), time.Date(1985, 3, 10, 0, 0, 0, 0, time.UTC), 9})
	f.SetCellStyle("Sheet1", "B2", "B2", date)
	f.SetCellFloat("Sheet1", "A4", 1.98503102010011e17, -1, 64)
	f.SetCellValue("Sheet1", "B4", 1985)
	f.SetCellStr("Sheet1", "A5", "198503102010011001")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXNumberCells(t *testing.T) {
	r, err := NewXLSXReader(bytes.NewReader(numberSheet(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	next := func() *Row {
		t.Helper()
		row, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		return row
	}
	next()
	row := next()
	if row.Num != 2 || row.Cell(0) != "198503102010011001" || row.Shown(0) != "1.98503102010011E+17" {
		t.Errorf("number-cell NIP: got row %d raw %q shown %q", row.Num, row.Cell(0), row.Shown(0))
	}
	if d, ok := row.Date(1); !ok || !d.Equal(time.Date(1985, 3, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date cell %q: got %v %v, want 1985-03-10", row.Cell(1), d, ok)
	}
	if row.Cell(2) != "9" {
		t.Errorf("number cell: got %q, want 9", row.Cell(2))
	}
	if row := next(); row.Num != 3 || !row.Blank() {
		t.Errorf("missing row 3: got %d %q", row.Num, row.Cells)
	}
	row = next()
	if row.Num != 4 || row.Cell(0) != "198503102010011000" {
		t.Errorf("float NIP: got %d %q", row.Num, row.Cell(0))
	}
	if d, ok := row.Date(1); ok {
		t.Errorf("a year alone (1985) read as the date %v", d)
	}
	row = next()
	if row.Cell(0) != "198503102010011001" || row.Shown(0) != "198503102010011001" {
		t.Errorf("text NIP: got raw %q shown %q", row.Cell(0), row.Shown(0))
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the last row: got %v, want EOF", err)
	}
}

func TestSerialDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		y1904 bool
		want  string
	}{
		{"31116", false, "1985-03-10"},
		{"31116.75", false, "1985-03-10"},
		{"29654", true, "1985-03-10"},
		{"61", false, "1900-03-01"},
		{"2020", false, ""}, // a year alone
		{"0", false, ""},
		{"-5", false, ""},
		{"abc", false, ""},
		{"1985-03-10", false, ""},
	} {
		d, ok := SerialDate(tc.in, tc.y1904)
		got := ""
		if ok {
			got = d.Format(time.DateOnly)
		}
		if got != tc.want {
			t.Errorf("SerialDate(%q, %v) = %q, want %q", tc.in, tc.y1904, got, tc.want)
		}
	}
}

func TestXLSXSpooled(t *testing.T) {
	old := xlsxMemoryLimit
	xlsxMemoryLimit = 100
	defer func() { xlsxMemoryLimit = old }()
	before, _ := filepath.Glob(filepath.Join(os.TempDir(), "merit-upload-*"))
	r, err := NewXLSXReader(bytes.NewReader(numberSheet(t)))
	if err != nil {
		t.Fatal(err)
	}
	if r.spool == "" {
		t.Fatal("a file above the memory limit was not spooled")
	}
	if _, rows, err := readAll(t, r); err != nil || len(rows) != 5 {
		t.Errorf("got %d rows, %v; want 5", len(rows), err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := filepath.Glob(filepath.Join(os.TempDir(), "merit-upload-*"))
	if len(after) > len(before) {
		t.Errorf("spool file left behind: %v", after)
	}
}

func TestXLSXNotAWorkbook(t *testing.T) {
	_, err := NewXLSXReader(strings.NewReader("nipBaru,nama\n"))
	var te *Error
	if !errors.As(err, &te) || te.Row != 0 {
		t.Errorf("got %v, want a file-level *Error", err)
	}
}
