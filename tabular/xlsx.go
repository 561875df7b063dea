package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// xlsxMemoryLimit is the largest XLSX file opened in memory; larger uploads
// are spooled to a temporary file, which excelize reads piecewise.
var xlsxMemoryLimit int64 = 8 << 20

// xlsxOptions bound what a (possibly hostile) file may unpack to: 4 GiB in
// all, and sheets above 16 MiB are unpacked to temporary files rather than
// memory.
var xlsxOptions = excelize.Options{UnzipSizeLimit: 4 << 30, UnzipXMLSizeLimit: 16 << 20}

// XLSXReader reads the first worksheet of an XLSX workbook row by row.
//
// excelize's row iterator returns each cell's text without its type, so two
// iterators walk the sheet side by side: one reads cells raw (numbers as
// stored, dates as serials), the other as a spreadsheet shows them; the
// second is what tells a NIP kept in a number cell from one kept as text.
// The second runs ahead in a goroutine of its own, so that on a machine with
// two cores reading both costs little more than reading one.
type XLSXReader struct {
	f          *excelize.File
	raw, shown *excelize.Rows
	spool      string // temporary copy of the upload, removed on Close
	row        Row
	err        error

	shownRows chan shownRow // the rows of the second iterator, in order
	stop      chan struct{} // closed by Close to end the goroutine
	done      chan struct{} // closed when the goroutine has ended
}

// shownRow is one row as a spreadsheet shows it, or the error reading it.
type shownRow struct {
	cells []string
	err   error
}

// NewXLSXReader opens the workbook read from r. Small files are read into
// memory; larger ones are copied to a temporary file first, so the whole
// upload is never held in memory.
func NewXLSXReader(r io.Reader) (_ *XLSXReader, err error) {
	x := &XLSXReader{}
	defer func() {
		// excelize parses untrusted XML; a panic in it must not take the
		// server down.
		if p := recover(); p != nil {
			err = &Error{Err: fmt.Errorf("damaged workbook: %v", p)}
		}
		if err != nil {
			x.Close()
		}
	}()
	head, err := io.ReadAll(io.LimitReader(r, xlsxMemoryLimit+1))
	if err != nil {
		return nil, &Error{Err: err}
	}
	if int64(len(head)) <= xlsxMemoryLimit {
		x.f, err = excelize.OpenReader(bytes.NewReader(head), xlsxOptions)
	} else {
		if x.spool, err = spool(head, r); err != nil {
			return nil, &Error{Err: err}
		}
		x.f, err = excelize.OpenFile(x.spool, xlsxOptions)
	}
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("not an XLSX workbook: %w", err)}
	}
	sheets := x.f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &Error{Err: errors.New("the workbook has no worksheet")}
	}
	if props, err := x.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.row.date1904 = *props.Date1904
	}
	x.row.sheet = true
	if x.raw, err = x.f.Rows(sheets[0]); err != nil {
		return nil, &Error{Err: err}
	}
	if x.shown, err = x.f.Rows(sheets[0]); err != nil {
		return nil, &Error{Err: err}
	}
	x.shownRows, x.stop, x.done = make(chan shownRow, 256), make(chan struct{}), make(chan struct{})
	go x.readShown()
	return x, nil
}

// readShown reads the rows as shown until the sheet ends or Close.
func (x *XLSXReader) readShown() {
	defer close(x.done)
	defer close(x.shownRows)
	defer func() {
		if p := recover(); p != nil {
			x.send(shownRow{err: fmt.Errorf("damaged worksheet: %v", p)})
		}
	}()
	for x.shown.Next() {
		cells, err := x.shown.Columns()
		if !x.send(shownRow{cells, err}) || err != nil {
			return
		}
	}
}

func (x *XLSXReader) send(r shownRow) bool {
	select {
	case x.shownRows <- r:
		return true
	case <-x.stop:
		return false
	}
}

// spool copies head and the rest of r to a temporary file.
func spool(head []byte, r io.Reader) (string, error) {
	f, err := os.CreateTemp("", "merit-upload-*.xlsx")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(f, io.MultiReader(bytes.NewReader(head), r))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Next returns the next row of the sheet; rows missing from the file (never
// typed in) come back blank, so row numbers match the spreadsheet's.
func (x *XLSXReader) Next() (row *Row, err error) {
	if x.err != nil {
		return nil, x.err
	}
	defer func() {
		if p := recover(); p != nil {
			err = &Error{Row: x.row.Num, Err: fmt.Errorf("damaged worksheet: %v", p)}
		}
		if err != nil {
			x.err = err
		}
	}()
	if !x.raw.Next() {
		if err := x.raw.Error(); err != nil {
			return nil, &Error{Row: x.row.Num + 1, Err: err}
		}
		return nil, io.EOF
	}
	x.row.Num++
	if x.row.Cells, err = x.raw.Columns(excelize.Options{RawCellValue: true}); err != nil {
		return nil, &Error{Row: x.row.Num, Err: err}
	}
	shown := <-x.shownRows // the same row: both iterators walk the same XML
	if shown.err != nil {
		return nil, &Error{Row: x.row.Num, Err: shown.err}
	}
	x.row.shown = shown.cells
	if x.row.shown == nil {
		x.row.shown = []string{} // a blank row of a sheet is still a sheet row
	}
	return &x.row, nil
}

// Close releases the workbook and its temporary files.
func (x *XLSXReader) Close() error {
	if x.stop != nil {
		close(x.stop)
		<-x.done
		x.stop = nil
	}
	var errs []error
	for _, rows := range []*excelize.Rows{x.raw, x.shown} {
		if rows != nil {
			errs = append(errs, rows.Close())
		}
	}
	if x.f != nil {
		errs = append(errs, x.f.Close())
	}
	if x.spool != "" {
		errs = append(errs, os.Remove(x.spool))
	}
	return errors.Join(errs...)
}

// XLSXWriter streams rows into one worksheet of a new workbook. Every cell
// is a text cell and every column is formatted as Text (format "@"), so NIPs
// and codes stay exactly as written and values typed in later stay text too.
type XLSXWriter struct {
	w      io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	text   int // style ID of text cells
	header int // style ID of the header row
	n      int // rows written
	cells  []any
}

// NewXLSXWriter starts a workbook whose first sheet is named sheet.
func NewXLSXWriter(w io.Writer, sheet string) (*XLSXWriter, error) {
	f := excelize.NewFile()
	x := &XLSXWriter{w: w, f: f}
	if err := x.init(sheet); err != nil {
		f.Close()
		return nil, fmt.Errorf("tabular.NewXLSXWriter: %w", err)
	}
	return x, nil
}

func (x *XLSXWriter) init(sheet string) error {
	if sheet != "" && sheet != "Sheet1" {
		if err := x.f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	} else {
		sheet = "Sheet1"
	}
	var err error
	if x.text, err = x.f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return err
	}
	if x.header, err = x.f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if x.sw, err = x.f.NewStreamWriter(sheet); err != nil {
		return err
	}
	return x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// File returns the workbook being written, to add sheets or data validation
// before Close. Only the streamed sheet must not be touched.
func (x *XLSXWriter) File() *excelize.File { return x.f }

// Write appends a row; the first row is the header, in bold. Before the
// first row, the columns are given width and the Text format.
func (x *XLSXWriter) Write(cells ...string) error {
	style := x.text
	if x.n == 0 {
		style = x.header
		for i, c := range cells {
			if err := x.sw.SetColWidth(i+1, i+1, max(12, float64(len(c))+4)); err != nil {
				return err
			}
		}
		if len(cells) > 0 {
			if err := x.sw.SetColStyle(1, len(cells), x.text); err != nil {
				return err
			}
		}
	}
	x.n++
	x.cells = x.cells[:0]
	for _, c := range cells {
		x.cells = append(x.cells, excelize.Cell{StyleID: style, Value: c})
	}
	cell, err := excelize.CoordinatesToCellName(1, x.n)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

// Close writes the workbook to w.
func (x *XLSXWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	// excelize assembles the whole zip in a memory buffer before copying it
	// to w, which for a million-row sheet is about 100 MiB held twice over.
	// A zip writer on w itself streams the workbook instead, and leaves that
	// buffer empty.
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(x.w) })
	_, err := x.f.WriteTo(x.w)
	return err
}
