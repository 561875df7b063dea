package web

import (
	"bytes"
	"embed"
	"net/http"
	"time"

	"merit/pdfdoc"
)

// pdfFonts is DejaVu Sans Condensed, regular and bold (fonts/LICENSE):
// embedded so every server draws the same UTF-8 text, with no system fonts.
//
//go:embed fonts/DejaVuSansCondensed.ttf fonts/DejaVuSansCondensed-Bold.ttf
var pdfFonts embed.FS

// PDFFonts returns the embedded DejaVu Sans Condensed, regular and bold,
// for PDFs written outside this package (the CLI's selection report), so
// they draw the same UTF-8 text as the pages' PDFs.
func PDFFonts() (regular, bold []byte) {
	regular, _ = pdfFonts.ReadFile("fonts/DejaVuSansCondensed.ttf") // embedded: cannot fail
	bold, _ = pdfFonts.ReadFile("fonts/DejaVuSansCondensed-Bold.ttf")
	return regular, bold
}

// newPDF starts one of the pages' A4 portrait reports (talent, merit
// evaluation, evaluator's export) in the embedded fonts: titled title, with
// footer before the page number, at stored as the document's dates.
func newPDF(title, footer string, at time.Time) *pdfdoc.Doc {
	regular, bold := PDFFonts()
	return pdfdoc.New(pdfdoc.Portrait, pdfdoc.Fonts{Regular: regular, Bold: bold}, title, footer, at)
}

// sendPDF answers with a finished PDF as a download.
func sendPDF(w http.ResponseWriter, name string, buf *bytes.Buffer) error {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}
