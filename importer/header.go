package importer

import (
	"context"
	"io"
	"strings"

	"merit/tabular"
)

// matchHeader finds the known columns in a header row: afterwards index[c]
// is the cell of column c, or -1 when the file lacks it. byName gives the
// column of each accepted lowercased name; known lists them for the message
// about an unknown one; required(c) gives column c's name and whether the
// file must have it. Unknown and repeated names and missing required columns
// are errors that name the column.
func matchHeader(row *tabular.Row, index []int, byName map[string]int, known string, required func(c int) (string, bool)) []RowError {
	for i := range index {
		index[i] = -1
	}
	var errs []RowError
	for i := range row.Cells {
		name := row.Cell(i)
		if name == "" {
			continue
		}
		c, ok := byName[strings.ToLower(name)]
		switch {
		case !ok:
			errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_unknown", Args: []any{known}})
		case index[c] >= 0:
			errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_repeated"})
		default:
			index[c] = i
		}
	}
	for c := range index {
		if name, must := required(c); must && index[c] < 0 {
			errs = append(errs, RowError{Row: row.Num, Column: name, Code: "import.column_missing"})
		}
	}
	return errs
}

// eachRow reads a file to its end: the first row that is not blank goes to
// header (which returns false to stop reading), every later one to row; every
// progressEvery rows it checks whether ctx has ended and calls tick (if
// any). It reports a row the reader could not read (reading stops there) and
// a file without a header row, for the importer to record as it does.
func eachRow(ctx context.Context, tr tabular.Reader, header func(*tabular.Row) bool,
	row func(context.Context, *tabular.Row) error, rows func() int, tick func()) (unreadable error, noHeader bool, err error) {
	seenHeader := false
	for {
		r, err := tr.Next()
		if err == io.EOF {
			return nil, !seenHeader, nil
		}
		if err != nil {
			return err, false, nil
		}
		if r.Blank() {
			continue
		}
		if !seenHeader {
			seenHeader = true
			if !header(r) {
				return nil, false, nil
			}
			continue
		}
		if err := row(ctx, r); err != nil {
			return nil, false, err
		}
		if rows()%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
			if tick != nil {
				tick()
			}
		}
	}
}

// fileRead records what eachRow reported of a results file (SKP,
// assessments): a row it could not read, or no header row. Either means the
// file is not written; fileRead reports whether it may be.
func fileRead(rep *Report, opts Options, unreadable error, noHeader bool) bool {
	switch {
	case unreadable != nil:
		(&rowMapper{opts: opts, rep: rep}).unreadable(unreadable)
		return false
	case noHeader:
		rep.Errors = append(rep.Errors, RowError{Row: 1, Code: "import.no_header"})
		return false
	}
	return true
}
