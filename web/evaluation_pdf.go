package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"merit"
	"merit/evaluation"
	"merit/i18n"
	"merit/sqldb"
)

// pdfReport is an A4 report in the embedded DejaVu font with a footer,
// headings, text and tables that wrap their cells and repeat their header
// on a new page: the talent report, the merit-evaluation report and the
// evaluator's export.
type pdfReport struct {
	pdf  *fpdf.Fpdf
	body float64 // the width between the margins
}

// newPDFReport starts a report titled title, with footer (before the page
// number) on every page; at is stored as the document's dates.
func newPDFReport(title, footer string, at time.Time) (*pdfReport, error) {
	regular, err := pdfFonts.ReadFile("fonts/DejaVuSansCondensed.ttf")
	if err != nil {
		return nil, err
	}
	bold, err := pdfFonts.ReadFile("fonts/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		return nil, err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", regular)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", bold)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin+5)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Merit", true)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfMargin)
		pdf.SetFont(pdfFamily, "", 8)
		pdf.CellFormat(0, 4, pdfText(fmt.Sprintf("%s · %d/{nb}", footer, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	return &pdfReport{pdf: pdf, body: width - 2*pdfMargin}, nil
}

// heading writes a bold heading of the font size.
func (p *pdfReport) heading(size float64, s string) {
	p.pdf.SetFont(pdfFamily, "B", size)
	p.pdf.MultiCell(p.body, size*0.5, pdfText(s), "", "L", false)
	p.pdf.Ln(1.5)
}

// text writes a wrapped paragraph.
func (p *pdfReport) text(s string) {
	p.pdf.SetFont(pdfFamily, "", 9.5)
	p.pdf.MultiCell(p.body, pdfLine, pdfText(s), "", "L", false)
}

// table writes rows under a header; cols are fractions of the body width.
func (p *pdfReport) table(cols []float64, head []string, rows [][]string) {
	pdf := p.pdf
	var row func(cells []string, isHead bool)
	row = func(cells []string, isHead bool) {
		style := ""
		if isHead {
			style = "B"
		}
		pdf.SetFont(pdfFamily, style, 8.5)
		lines := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			lines[i] = pdf.SplitText(pdfText(c), cols[i]*p.body-2)
			n = max(n, len(lines[i]))
		}
		h := float64(n) * 4.2
		_, pageH := pdf.GetPageSize()
		if pdf.GetY()+h > pageH-pdfMargin-5 {
			pdf.AddPage()
			if !isHead {
				row(head, true)
				pdf.SetFont(pdfFamily, style, 8.5)
			}
		}
		x, y := pdf.GetX(), pdf.GetY()
		for i := range cells {
			w := cols[i] * p.body
			if isHead {
				pdf.SetFillColor(230, 234, 240)
				pdf.Rect(x, y, w, h, "F")
			}
			pdf.Rect(x, y, w, h, "D")
			for j, l := range lines[i] {
				pdf.SetXY(x+1, y+float64(j)*4.2)
				pdf.CellFormat(w-2, 4.2, l, "", 0, "L", false, 0, "")
			}
			x += w
		}
		pdf.SetXY(pdfMargin, y+h)
	}
	row(head, true)
	for _, r := range rows {
		row(r, false)
	}
	pdf.Ln(3)
}

// sendPDF answers with a finished PDF as a download.
func sendPDF(w http.ResponseWriter, name string, buf *bytes.Buffer) error {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}

// meritReport is the PDF assessment report of one agency and year
// (GET /a/{agency}/sistem-merit/{assessment}/laporan.pdf).
func (h *handler) meritReport(w http.ResponseWriter, r *http.Request) error {
	a, m, in, err := h.assessmentOf(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeMeritReport(&buf, a, m, in, langOf(r), time.Now()); err != nil {
		return err
	}
	return sendPDF(w, fmt.Sprintf("penilaian-sistem-merit-%s-%d.pdf", a.Code, m.Year), &buf)
}

// writeMeritReport renders the assessment report: the result (official
// from verified levels only, the self total apart), each aspect's
// indicators with self and verified levels, the suggestion from data and
// the verifier's note, then the evidence index (file, indicator, size,
// SHA-256) so every document can be matched to what was uploaded.
func writeMeritReport(w io.Writer, a *merit.Agency, m *sqldb.MeritAssessment, in *evaluation.Instrument, lang string, at time.Time) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	title := t("ui.merit.assessment", m.Year)
	p, err := newPDFReport(title+" · "+a.Name, a.Name+" · "+t("ui.succession.generated", i18n.DateTime(lang, at)), at)
	if err != nil {
		return err
	}
	p.heading(16, title)
	p.text(a.Name)
	p.text(in.Name + " · " + in.Version)
	p.text(t("ui.merit.status") + ": " + t("ui.merit.status."+string(m.Status)))
	p.text(t("ui.succession.generated", i18n.DateTime(lang, at)))
	p.pdf.Ln(3)

	p.heading(12, t("ui.merit.result"))
	score := t("ui.merit.not_verified")
	if official(m.Status) {
		score = scoreText(lang, m.Score) + " · " + m.CategoryLabel
	}
	self := "–"
	if in.Survey == nil {
		if res, err := in.Result(m.SelfLevels()); err == nil {
			self = scoreText(lang, res.Total) + " · " + res.Category.Label
		}
	}
	rows := [][]string{{t("ui.merit.official_score"), score}, {t("ui.merit.self_total"), self}}
	if m.Decree != "" {
		rows = append(rows, []string{t("field.decree"), m.Decree})
	}
	p.table([]float64{0.4, 0.6}, []string{t("ui.merit.result"), ""}, rows)

	entries := map[string]evaluation.IndicatorEntry{}
	for _, e := range m.Entries {
		entries[e.Indicator] = e
	}
	level := func(l int) string {
		if l == 0 {
			return "–"
		}
		return fmt.Sprint(l)
	}
	var index [][]string
	for _, asp := range in.Aspects {
		p.heading(11, asp.Code+". "+asp.Name)
		rows = rows[:0]
		for _, ind := range asp.Indicators {
			e := entries[ind.Code]
			sug := "–"
			if s := e.Suggestion; s != nil {
				sug = level(s.Level) + ": " + t(s.Key, s.Args...)
			}
			rows = append(rows, []string{ind.Code, ind.Text, scoreText(lang, ind.Weight), level(e.SelfLevel), level(e.VerifiedLevel),
				sug, e.VerifierNote})
			for _, f := range e.Evidence {
				index = append(index, []string{fmt.Sprint(len(index) + 1), ind.Code, f.FileName, fmt.Sprintf("%d B", f.Size), f.SHA256})
			}
		}
		p.table([]float64{0.06, 0.3, 0.07, 0.07, 0.08, 0.26, 0.16},
			[]string{"#", t("ui.merit.indicator"), t("ui.merit.weight"), t("ui.merit.self_short"), t("ui.merit.verified_short"),
				t("ui.merit.suggestion"), t("ui.merit.verifier_note")}, rows)
	}
	p.heading(12, t("ui.merit.evidence_index"))
	if len(index) == 0 {
		p.text(t("ui.merit.no_evidence"))
	} else {
		p.table([]float64{0.05, 0.07, 0.3, 0.1, 0.48}, []string{"#", t("ui.merit.indicator"), t("ui.merit.file"), t("ui.merit.size"), "SHA-256"}, index)
	}
	return p.pdf.Output(w)
}
