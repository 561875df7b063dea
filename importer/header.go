package importer

import (
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
