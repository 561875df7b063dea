package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// CSVReader reads a CSV file as a spreadsheet program would: an optional
// UTF-8 byte-order mark, a separator (comma, semicolon or tab) guessed from
// the first line, and quoted cells that may span lines.
type CSVReader struct {
	r       *csv.Reader
	row     Row
	endLine int // the line on which the last record read ended
	err     error
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// NewCSVReader starts reading CSV from r. Excel in an Indonesian locale
// separates cells with ';' because ',' is the decimal mark there, so the
// separator is whichever of ';', ',' and tab occurs most often in the first
// line outside quotes (',' when none does).
func NewCSVReader(r io.Reader) (*CSVReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &Error{Err: err}
	}
	cr := csv.NewReader(br)
	cr.Comma = separator(head)
	cr.FieldsPerRecord = -1 // short rows are normal in hand-made files; the caller checks cells
	cr.ReuseRecord = true
	return &CSVReader{r: cr}, nil
}

// separator picks the cell separator from the first line of a file that is
// not empty.
func separator(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range bytes.TrimLeft(head, "\r\n") {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted && (c == ';' || c == ',' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// Next returns the next record. Rows are counted as a spreadsheet shows
// them: each record is one row however many lines its quoted cells span,
// and an empty line is an empty row.
func (c *CSVReader) Next() (*Row, error) {
	if c.err != nil {
		return nil, c.err
	}
	rec, err := c.r.Read()
	if err != nil {
		if err == io.EOF {
			c.err = io.EOF
		} else {
			row := c.row.Num + 1
			if pe, ok := errors.AsType[*csv.ParseError](err); ok {
				row = c.row.Num + max(pe.StartLine-c.endLine, 1)
				err = pe.Err
			}
			c.err = &Error{Row: row, Err: err}
		}
		return nil, c.err
	}
	start, _ := c.r.FieldPos(0)
	c.row.Num += max(start-c.endLine, 1)
	last, _ := c.r.FieldPos(len(rec) - 1)
	c.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	c.row.Cells = rec
	return &c.row, nil
}

// Close does nothing: the caller owns the underlying reader.
func (c *CSVReader) Close() error { return nil }

// CSVWriter writes comma-separated UTF-8 with CRLF line ends, the form
// spreadsheet programs and SIASN exports use.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter starts writing CSV to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &CSVWriter{w: cw}
}

// Write appends a row.
func (c *CSVWriter) Write(cells ...string) error { return c.w.Write(cells) }

// Close flushes what is buffered.
func (c *CSVWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}
