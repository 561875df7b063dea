package tabular

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// checkReader reads r to the end and fails unless rows are numbered upwards
// from 1 and any error is an *Error naming a row.
func checkReader(t *testing.T, r Reader) {
	last := 0
	for i := 0; ; i++ {
		row, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			var te *Error
			if !errors.As(err, &te) || te.Row <= last {
				t.Fatalf("error %v does not name a row after %d", err, last)
			}
			return
		}
		if row.Num <= last {
			t.Fatalf("row %d follows row %d", row.Num, last)
		}
		last = row.Num
		for j := range row.Cells {
			row.Shown(j)
			row.Date(j)
		}
	}
}

// FuzzCSVReader: no input makes the CSV reader panic, loop or lose count of
// rows. Seeds are in testdata/fuzz/FuzzCSVReader.
func FuzzCSVReader(f *testing.F) {
	f.Add([]byte("nipBaru;nama\n198503102010011001;Siti\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewCSVReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err) // a bytes.Reader cannot fail
		}
		checkReader(t, r)
	})
}

// FuzzXLSXReader: no input makes the XLSX reader panic; a file that is not a
// workbook is a file-level error. Seeds are in testdata/fuzz/FuzzXLSXReader.
func FuzzXLSXReader(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewXLSXReader(bytes.NewReader(data))
		if err != nil {
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("open error %v is not an *Error", err)
			}
			return
		}
		defer r.Close()
		checkReader(t, r)
	})
}
