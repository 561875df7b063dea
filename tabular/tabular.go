// Package tabular reads and writes tables of text cells as CSV and XLSX, one
// row at a time, so files of a million rows are streamed rather than loaded.
//
// Readers number rows the way a spreadsheet shows them (the header is row 1)
// and every error they return carries that row number. XLSX cells are read
// raw: a number cell gives its stored number, so a NIP that a spreadsheet
// turned into a number (1.98503102010011E+17) can be recognised, and a date
// cell gives its serial number, which Row.Date converts. Writers write every
// cell as text, so codes with leading zeros and 18-digit NIPs survive a round
// trip through a spreadsheet program.
package tabular

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// The file formats.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// Row is one row of a table. Its slices are reused by the next call to
// Reader.Next: copy what must outlive it.
type Row struct {
	Num   int      // the row number a spreadsheet shows; the first row of the file is 1
	Cells []string // the cells as stored: an XLSX number cell holds its number, a date cell its serial number

	shown    []string // XLSX: the cells as a spreadsheet displays them; nil for CSV
	sheet    bool     // read from an XLSX sheet, whose number cells may hold date serials
	date1904 bool     // the workbook counts date serials from 1904
}

// Cell returns cell i with surrounding spaces removed, or "" past the end of
// the row.
func (r *Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// Shown returns cell i as a spreadsheet program displays it. For XLSX a
// number cell of more than 15 digits shows in scientific notation
// (1.98503102010011E+17) even where its stored digits are intact; for CSV it
// is the cell itself.
func (r *Row) Shown(i int) string {
	if r.shown == nil {
		return r.Cell(i)
	}
	if i < 0 || i >= len(r.shown) {
		return ""
	}
	return strings.TrimSpace(r.shown[i])
}

// Blank reports whether every cell of the row is empty.
func (r *Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Date returns the calendar date of cell i when it holds a spreadsheet date
// serial number (an XLSX date cell read raw, e.g. 31116 for 10 March 1985).
// It reports false for CSV rows and for cells that are not serial numbers.
// A whole number from 1900 to 2100 is taken for a year typed alone, not for
// a serial.
func (r *Row) Date(i int) (time.Time, bool) {
	if !r.sheet {
		return time.Time{}, false
	}
	return SerialDate(r.Cell(i), r.date1904)
}

// SerialDate converts a spreadsheet date serial number to its calendar date
// (the 1900 date system, or the 1904 one when date1904 is set). The time of
// day of a fractional serial is dropped.
func SerialDate(s string, date1904 bool) (time.Time, bool) {
	v, err := strconv.ParseFloat(s, 64)
	// 2958465 is 9999-12-31, the last date a spreadsheet can hold.
	if err != nil || v < 1 || v > 2958465 || v == float64(int(v)) && v >= 1900 && v <= 2100 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// Reader yields the rows of a table one at a time.
type Reader interface {
	// Next returns the next row, or io.EOF after the last one. Any other
	// error is an *Error naming the row, and every later call returns it
	// again.
	Next() (*Row, error)
	// Close releases the reader's resources (temporary files).
	Close() error
}

// Error is a row that could not be read: broken CSV quoting, a damaged XLSX
// sheet. Row is the spreadsheet row number; 0 means the file as a whole.
type Error struct {
	Row int
	Err error
}

func (e *Error) Error() string {
	if e.Row == 0 {
		return "tabular: " + e.Err.Error()
	}
	return fmt.Sprintf("tabular: row %d: %v", e.Row, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// NewReader returns a reader of the format (CSV or XLSX) over r.
func NewReader(r io.Reader, format string) (Reader, error) {
	switch format {
	case CSV:
		return NewCSVReader(r)
	case XLSX:
		return NewXLSXReader(r)
	}
	return nil, fmt.Errorf("tabular: unknown format %q", format)
}

// Writer writes the rows of a table one at a time.
type Writer interface {
	// Write appends a row whose every cell is text.
	Write(cells ...string) error
	// Close finishes the file; nothing is complete before it returns nil.
	Close() error
}

// NewWriter returns a writer of the format (CSV or XLSX) to w. sheet names
// the XLSX worksheet.
func NewWriter(w io.Writer, format, sheet string) (Writer, error) {
	switch format {
	case CSV:
		return NewCSVWriter(w), nil
	case XLSX:
		return NewXLSXWriter(w, sheet)
	}
	return nil, fmt.Errorf("tabular: unknown format %q", format)
}
