package web

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"merit"
	"merit/i18n"
	"merit/sqldb"
)

// pdfFonts is DejaVu Sans Condensed, regular and bold (fonts/LICENSE):
// embedded so every server draws the same UTF-8 text, with no system fonts.
//
//go:embed fonts/DejaVuSansCondensed.ttf fonts/DejaVuSansCondensed-Bold.ttf
var pdfFonts embed.FS

// Layout of the talent report, in millimetres.
const (
	pdfFamily = "dejavu"
	pdfMargin = 15.0
	pdfLine   = 5.0
)

// successionReport is the agency's talent report as PDF
// (GET /a/{agency}/suksesi/laporan.pdf).
func (h *handler) successionReport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	rep, err := h.db.FindSuccessionReport(r.Context(), a.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeTalentReport(&buf, a, rep, langOf(r), time.Now()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="laporan-talenta-`+a.Code+`.pdf"`)
	_, err = buf.WriteTo(w)
	return err
}

// writeTalentReport renders the talent report of agency a in lang to w: the
// bench strength, the merit result, the critical positions with reasons and
// the incumbents' retirement, each succession plan with ranked successors,
// and the talent pool. at is printed as "generated" and stored as the
// document's dates. Every label comes from the i18n catalogs.
func writeTalentReport(w io.Writer, a *merit.Agency, r *sqldb.SuccessionReport, lang string, at time.Time) error {
	regular, err := pdfFonts.ReadFile("fonts/DejaVuSansCondensed.ttf")
	if err != nil {
		return err
	}
	bold, err := pdfFonts.ReadFile("fonts/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		return err
	}
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", regular)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", bold)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin+5)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle(t("ui.succession.report_title")+" · "+a.Name, true)
	pdf.SetCreator("Merit", true)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfMargin)
		pdf.SetFont(pdfFamily, "", 8)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s · %s · %d/{nb}", a.Name, t("ui.succession.generated", i18n.DateTime(lang, at)), pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	body := width - 2*pdfMargin

	heading := func(size float64, s string) {
		pdf.SetFont(pdfFamily, "B", size)
		pdf.MultiCell(body, size*0.5, pdfText(s), "", "L", false)
		pdf.Ln(1.5)
	}
	text := func(s string) {
		pdf.SetFont(pdfFamily, "", 9.5)
		pdf.MultiCell(body, pdfLine, pdfText(s), "", "L", false)
	}
	// table writes rows with a header, wrapping each cell to its column
	// and repeating the header on a new page.
	table := func(cols []float64, head []string, rows [][]string) {
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
				lines[i] = pdf.SplitText(pdfText(c), cols[i]-2)
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
				if isHead {
					pdf.SetFillColor(230, 234, 240)
					pdf.Rect(x, y, cols[i], h, "F")
				}
				pdf.Rect(x, y, cols[i], h, "D")
				for j, l := range lines[i] {
					pdf.SetXY(x+1, y+float64(j)*4.2)
					pdf.CellFormat(cols[i]-2, 4.2, l, "", 0, "L", false, 0, "")
				}
				x += cols[i]
			}
			pdf.SetXY(pdfMargin, y+h)
		}
		row(head, true)
		for _, r := range rows {
			row(r, false)
		}
		pdf.Ln(3)
	}

	heading(16, t("ui.succession.report_title"))
	text(a.Name)
	text(t("ui.succession.generated", i18n.DateTime(lang, at)))
	pdf.Ln(4)

	b := r.Bench
	heading(12, t("ui.succession.bench"))
	table([]float64{body * 0.7, body * 0.3}, []string{t("ui.succession.bench"), ""}, [][]string{
		{t("ui.succession.bench_strength"), fmt.Sprintf("%s (%s)", percentText(lang, b.Percent), t("ui.succession.bench_of", b.ReadyNow, b.Critical))},
		{t("ui.succession.critical"), i18n.Number(lang, b.Critical)},
		{t("ui.succession.no_successor"), i18n.Number(lang, b.NoSuccessor)},
		{t("ui.succession.at_risk"), i18n.Number(lang, b.AtRisk)},
	})
	if m := r.Merit; m != nil {
		text(fmt.Sprintf("%s: %d · %v · %s · %s", t("ui.succession.merit"), m.Year, m.Score, t("ui.merit.category."+string(m.Category)), m.Decree))
	} else {
		text(t("ui.succession.no_merit"))
	}
	pdf.Ln(3)

	heading(12, t("ui.succession.critical"))
	if len(r.Plans) == 0 {
		text(t("ui.succession.no_critical"))
	}
	var rows [][]string
	for _, p := range r.Plans {
		c := p.Critical
		var reasons []string
		for _, x := range c.Critical.Reasons {
			reasons = append(reasons, t("ui.succession.reason."+string(x)))
		}
		incumbent, retire := t("ui.succession.vacant"), "–"
		if c.IncumbentID != 0 {
			incumbent = c.IncumbentName
		}
		if !c.RetireOn.IsZero() {
			retire = fmt.Sprintf("%s (BUP %d)", i18n.Date(lang, c.RetireOn), c.RetirementAge)
			if c.Retiring {
				retire += " · " + t("ui.succession.retiring")
			}
		}
		rows = append(rows, []string{c.Position.Name + "\n" + c.UnitName, strings.Join(reasons, ", "), incumbent, retire,
			fmt.Sprintf("%d / %d", c.ReadyNow, c.Candidates)})
	}
	if len(rows) > 0 {
		table([]float64{body * 0.28, body * 0.24, body * 0.2, body * 0.16, body * 0.12},
			[]string{t("field.positionId"), t("ui.succession.reasons"), t("ui.succession.incumbent"), t("ui.succession.retire_on"),
				t("ui.succession.ready_now") + " / " + t("ui.succession.candidates")}, rows)
	}

	for _, p := range r.Plans {
		heading(11, t("ui.succession.plan")+": "+p.Critical.Position.Name)
		if len(p.Candidates) == 0 {
			text(t("ui.succession.no_candidates"))
			pdf.Ln(2)
			continue
		}
		rows = rows[:0]
		for _, c := range p.Candidates {
			jpm := "–"
			if p.Standard {
				jpm = percentText(lang, c.JPM.Percent) + " " + c.JPM.Category.String()
			}
			dev := c.Development
			if c.PlanGoal != "" {
				dev = strings.TrimSpace(t("ui.succession.idp", c.PlanYear) + ": " + c.PlanGoal + "\n" + dev)
			}
			box := "–"
			if c.Box != 0 {
				box = fmt.Sprint(c.Box)
			}
			rows = append(rows, []string{fmt.Sprint(c.Rank), c.Name + "\n" + c.NIP, box, t("ui.succession.readiness." + string(c.Readiness)), jpm, dev})
		}
		table([]float64{body * 0.07, body * 0.27, body * 0.07, body * 0.15, body * 0.12, body * 0.32},
			[]string{"#", t("field.name"), t("ui.succession.box_short"), t("field.readiness"), "JPM", t("field.development")}, rows)
	}

	heading(12, t("ui.succession.pool"))
	var boxes []string
	for _, x := range r.Pool.Boxes {
		boxes = append(boxes, fmt.Sprint(x))
	}
	text(t("ui.succession.pool_boxes") + ": " + strings.Join(boxes, ", "))
	pdf.Ln(2)
	if len(r.Talents) == 0 {
		text(t("ui.succession.pool_empty"))
	} else {
		rows = rows[:0]
		for _, x := range r.Talents {
			rows = append(rows, []string{fmt.Sprint(x.Box), x.Name, x.NIP, x.PositionName})
		}
		table([]float64{body * 0.08, body * 0.36, body * 0.22, body * 0.34},
			[]string{t("ui.succession.box_short"), t("field.name"), "NIP", t("field.positionId")}, rows)
	}
	return pdf.Output(w)
}

// pdfText drops runes fpdf cannot draw (above the Basic Multilingual Plane,
// such as emoji) and control characters other than newlines.
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || (r < 0x20 && r != '\n') {
			return -1
		}
		return r
	}, s)
}
