package web

// PDFFonts returns the embedded DejaVu Sans Condensed, regular and bold,
// for PDFs written outside this package (the CLI's selection report), so
// they draw the same UTF-8 text as the pages' PDFs.
func PDFFonts() (regular, bold []byte) {
	regular, _ = pdfFonts.ReadFile("fonts/DejaVuSansCondensed.ttf") // embedded: cannot fail
	bold, _ = pdfFonts.ReadFile("fonts/DejaVuSansCondensed-Bold.ttf")
	return regular, bold
}
