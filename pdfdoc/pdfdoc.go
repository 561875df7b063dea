// Package pdfdoc lays out the project's PDF documents on fpdf: an A4 page in
// the caller's TrueType fonts (so UTF-8 text draws the same on every server),
// the title and dates in the document's properties, a footer with the page
// number on every page, headings kept with what follows them, wrapped
// paragraphs, and tables whose cells wrap and whose header row is repeated
// after a page break. The talent, merit-evaluation and evaluator reports
// (package web) and the open selection's report (selection/report) use it.
package pdfdoc

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Fonts are the TrueType fonts a document embeds, regular and bold: the
// caller passes the fonts it serves (package web embeds DejaVu Sans
// Condensed).
type Fonts struct {
	Regular, Bold []byte
}

// Layout is a document's page and type: orientation, margin and line heights
// in millimetres, font sizes in points.
type Layout struct {
	Orientation        string  // "P" (portrait) or "L" (landscape), as fpdf
	Margin             float64 // on every side
	TextSize, TextLine float64 // paragraphs
	CellSize, CellLine float64 // table cells
	FooterSize         float64
}

// The layouts in use: Portrait for the web's reports, Landscape (smaller
// type) for the open selection's report, whose results table has a column
// per stage.
var (
	Portrait  = Layout{Orientation: "P", Margin: 15, TextSize: 9.5, TextLine: 5, CellSize: 8.5, CellLine: 4.2, FooterSize: 8}
	Landscape = Layout{Orientation: "L", Margin: 12, TextSize: 9, TextLine: 4.6, CellSize: 8, CellLine: 3.9, FooterSize: 7.5}
)

// family is the name the fonts are registered under in the document.
const family = "body"

// Doc is a PDF being written, from its first page on.
type Doc struct {
	pdf         *fpdf.Fpdf
	l           Layout
	body, pageH float64 // the width between the margins, the page's height
}

// New starts a document in layout l and fonts f titled title, with footer
// (before "page/pages") at the foot of every page; at is stored as the
// document's creation and modification dates. Bad fonts are reported by
// Output.
func New(l Layout, f Fonts, title, footer string, at time.Time) *Doc {
	pdf := fpdf.New(l.Orientation, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", f.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", f.Bold)
	pdf.SetMargins(l.Margin, l.Margin, l.Margin)
	pdf.SetAutoPageBreak(true, l.Margin+5)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Merit", true)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-l.Margin)
		pdf.SetFont(family, "", l.FooterSize)
		pdf.CellFormat(0, 4, clean(fmt.Sprintf("%s · %d/{nb}", footer, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	width, height := pdf.GetPageSize()
	return &Doc{pdf: pdf, l: l, body: width - 2*l.Margin, pageH: height}
}

// Heading writes a bold heading of the font size, on a new page when less
// than 30 mm are left (so it is not left alone at the foot of a page).
func (d *Doc) Heading(size float64, s string) {
	if d.pdf.GetY() > d.pageH-d.l.Margin-30 {
		d.pdf.AddPage()
	}
	d.pdf.SetFont(family, "B", size)
	d.pdf.MultiCell(d.body, size*0.5, clean(s), "", "L", false)
	d.pdf.Ln(1.5)
}

// Para writes a wrapped paragraph.
func (d *Doc) Para(s string) {
	d.pdf.SetFont(family, "", d.l.TextSize)
	d.pdf.MultiCell(d.body, d.l.TextLine, clean(s), "", "L", false)
}

// Space leaves mm millimetres of vertical space.
func (d *Doc) Space(mm float64) {
	d.pdf.Ln(mm)
}

// Table writes rows under a header row, each cell wrapped to its column
// (shares are the columns' widths as fractions of the body's width); a row
// that does not fit goes to a new page, under the header again.
func (d *Doc) Table(shares []float64, head []string, rows [][]string) {
	d.row(shares, head, nil)
	for _, r := range rows {
		d.row(shares, r, head)
	}
	d.pdf.Ln(3)
}

// row writes one table row: a data row under head, or the header row when
// head is nil.
func (d *Doc) row(shares []float64, cells, head []string) {
	pdf, line := d.pdf, d.l.CellLine
	style := ""
	if head == nil {
		style = "B"
	}
	pdf.SetFont(family, style, d.l.CellSize)
	lines := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		lines[i] = pdf.SplitText(clean(c), shares[i]*d.body-2)
		n = max(n, len(lines[i]))
	}
	h := float64(n) * line
	if pdf.GetY()+h > d.pageH-d.l.Margin-5 {
		pdf.AddPage()
		if head != nil {
			d.row(shares, head, nil)
			pdf.SetFont(family, style, d.l.CellSize)
		}
	}
	x, y := pdf.GetX(), pdf.GetY()
	for i := range cells {
		w := shares[i] * d.body
		if head == nil {
			pdf.SetFillColor(230, 234, 240)
			pdf.Rect(x, y, w, h, "F")
		}
		pdf.Rect(x, y, w, h, "D")
		for j, l := range lines[i] {
			pdf.SetXY(x+1, y+float64(j)*line)
			pdf.CellFormat(w-2, line, l, "", 0, "L", false, 0, "")
		}
		x += w
	}
	pdf.SetXY(d.l.Margin, y+h)
}

// Output finishes the document and writes it to w, with the first error met
// while writing it (such as fonts that could not be read).
func (d *Doc) Output(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("pdfdoc: %w", err)
	}
	return nil
}

// clean drops what the fonts cannot draw through fpdf: characters outside the
// Basic Multilingual Plane (such as emoji) and control characters other than
// line breaks. Every text the Doc writes passes through it.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || (r < 0x20 && r != '\n') {
			return -1
		}
		return r
	}, s)
}
