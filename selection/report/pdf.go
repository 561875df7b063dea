package report

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"merit/i18n"
	"merit/selection"
)

// Fonts are the TrueType fonts the PDF embeds, regular and bold: the caller
// passes the fonts it serves (package web embeds DejaVu Sans Condensed), so
// the report draws the same UTF-8 text on every server.
type Fonts struct {
	Regular, Bold []byte
}

// Layout of the report, in millimetres (A4 landscape: the results table
// has a column per stage).
const (
	family = "report"
	margin = 12.0
	lineH  = 4.6
)

// PDF writes the report in lang to w.
func (r *Report) PDF(w io.Writer, lang string, fonts Fonts) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", fonts.Bold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+5)
	pdf.SetCreationDate(r.At)
	pdf.SetModificationDate(r.At)
	pdf.SetTitle(t("selection.report.title")+" · "+r.Selection.Title, true)
	pdf.SetCreator("Merit", true)
	pdf.AliasNbPages("")
	generated := t("selection.report.generated", i18n.DateTime(lang, r.At))
	pdf.SetFooterFunc(func() {
		pdf.SetY(-margin)
		pdf.SetFont(family, "", 7.5)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s · %s · %s · %d/{nb}", r.Agency, r.Selection.Title, generated, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	width, pageH := pdf.GetPageSize()
	body := width - 2*margin

	heading := func(size float64, s string) {
		if pdf.GetY() > pageH-margin-30 { // keep a heading with what follows it
			pdf.AddPage()
		}
		pdf.SetFont(family, "B", size)
		pdf.MultiCell(body, size*0.5, text(s), "", "L", false)
		pdf.Ln(1.5)
	}
	para := func(s string) {
		pdf.SetFont(family, "", 9)
		pdf.MultiCell(body, lineH, text(s), "", "L", false)
	}
	// table writes rows under a header, each cell wrapped to its column
	// (widths as shares of the body), the header repeated on a new page.
	table := func(shares []float64, head []string, rows [][]string) {
		var row func(cells []string, isHead bool)
		row = func(cells []string, isHead bool) {
			style := ""
			if isHead {
				style = "B"
			}
			pdf.SetFont(family, style, 8)
			lines := make([][]string, len(cells))
			n := 1
			for i, c := range cells {
				lines[i] = pdf.SplitText(text(c), shares[i]*body-2)
				n = max(n, len(lines[i]))
			}
			h := float64(n) * 3.9
			if pdf.GetY()+h > pageH-margin-5 {
				pdf.AddPage()
				if !isHead {
					row(head, true)
					pdf.SetFont(family, style, 8)
				}
			}
			x, y := pdf.GetX(), pdf.GetY()
			for i := range cells {
				cw := shares[i] * body
				if isHead {
					pdf.SetFillColor(230, 234, 240)
					pdf.Rect(x, y, cw, h, "F")
				}
				pdf.Rect(x, y, cw, h, "D")
				for j, l := range lines[i] {
					pdf.SetXY(x+1, y+float64(j)*3.9)
					pdf.CellFormat(cw-2, 3.9, l, "", 0, "L", false, 0, "")
				}
				x += cw
			}
			pdf.SetXY(margin, y+h)
		}
		row(head, true)
		for _, cells := range rows {
			row(cells, false)
		}
		pdf.Ln(3)
	}

	heading(15, t("selection.report.title"))
	para(r.Selection.Title)
	para(generated)
	pdf.Ln(3)
	var overview [][]string
	for _, kv := range r.overview(lang) {
		overview = append(overview, kv[:])
	}
	table([]float64{0.25, 0.75}, []string{t("selection.report.selection"), ""}, overview)

	heading(11, t("selection.report.plan"))
	table([]float64{0.06, 0.3, 0.12, 0.3, 0.22}, []string{"#", t("field.stage"), t("selection.report.weight"), t("selection.report.dates"), t("selection.report.status")}, r.planRows(lang))

	heading(11, t("selection.report.panel"))
	table([]float64{0.07, 0.27, 0.12, 0.12, 0.24, 0.18}, []string{t("field.code"), t("field.name"), t("field.kind"), t("field.role"),
		t("selection.report.affiliation"), t("selection.report.ethics")}, r.panelRows(lang))

	heading(11, t("selection.report.candidates"))
	table([]float64{0.13, 0.25, 0.17, 0.2, 0.13, 0.12}, r.candidateHead(lang), r.candidateRows(lang))

	for _, rk := range r.Rankings {
		heading(11, t("selection.report.ranking", r.post(rk.PostID)))
		head, rows := r.rankingTable(lang, rk)
		shares := []float64{0.06, 0.11, 0.25}
		rest := (1 - 0.06 - 0.11 - 0.25 - 0.1 - 0.09) / float64(len(r.Stages))
		for range r.Stages {
			shares = append(shares, rest)
		}
		shares = append(shares, 0.1, 0.09)
		table(shares, head, rows)
		if d, ok := r.decision(rk.PostID); ok {
			c := r.candidate(d.CandidateID)
			para(t("selection.report.decided", name(c), c.RegNo, i18n.DateTime(lang, d.DecidedAt)))
			para(t("field.reason") + ": " + d.Reason)
		} else {
			para(t("selection.report.no_decision"))
		}
		pdf.Ln(3)
	}

	heading(11, t("selection.report.seals"))
	if len(r.Seals) == 0 {
		para(t("selection.report.none"))
	} else {
		table([]float64{0.16, 0.05, 0.33, 0.33, 0.13}, []string{t("field.stage"), "#", t("selection.report.hash"), t("selection.report.previous"), t("selection.report.at")}, r.sealRows(lang))
	}
	heading(11, t("selection.report.amendments"))
	if len(r.Amendments) == 0 {
		para(t("selection.report.none"))
	} else {
		table([]float64{0.14, 0.12, 0.24, 0.25, 0.25}, []string{t("field.stage"), t("selection.report.at"), t("field.reason"), t("selection.report.before"), t("selection.report.after")}, r.amendmentRows(lang))
	}
	return pdf.Output(w)
}

// candidateHead and candidateRows list every candidate: registration
// number, name, NIP, agency, post applied for, status.
func (r *Report) candidateHead(lang string) []string {
	t := func(key string) string { return i18n.T(lang, key) }
	return []string{t("selection.report.reg_no"), t("field.name"), "NIP", t("selection.report.candidate_agency"), t("selection.report.post"), t("selection.report.status")}
}

func (r *Report) candidateRows(lang string) [][]string {
	var rows [][]string
	for _, c := range r.Candidates {
		rows = append(rows, []string{c.RegNo, name(c), c.NIP, c.AgencyName, r.post(c.PostID), i18n.T(lang, "selection.candidate."+string(c.Status))})
	}
	return rows
}

// rankingTable is one post's results: rank, registration number, name,
// a column per weighted stage, total, and the top-three mark.
func (r *Report) rankingTable(lang string, rk selection.Ranking) ([]string, [][]string) {
	t := func(key string) string { return i18n.T(lang, key) }
	head := []string{t("selection.report.rank"), t("selection.report.reg_no"), t("field.name")}
	for _, st := range r.Stages {
		head = append(head, t("selection.stage."+string(st.Kind))+" ("+decimal(lang, st.Weight)+" %)")
	}
	head = append(head, t("selection.report.total"), t("selection.report.top_three"))
	var rows [][]string
	for i, row := range rk.Rows {
		c := r.candidate(row.CandidateID)
		cells := []string{fmt.Sprint(row.Rank), row.RegNo, name(c)}
		for _, st := range r.Stages {
			cells = append(cells, score(lang, row, st.ID))
		}
		mark := ""
		if i < len(rk.TopThree()) {
			mark = t("selection.report.top_three_mark")
		}
		rows = append(rows, append(cells, decimal(lang, row.Total), mark))
	}
	return head, rows
}

// text drops what the PDF fonts cannot draw: control characters (but line
// breaks) and characters outside the Basic Multilingual Plane.
func text(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || (r < 0x20 && r != '\n') {
			return -1
		}
		return r
	}, s)
}
