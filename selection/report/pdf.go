package report

import (
	"fmt"
	"io"

	"merit/i18n"
	"merit/pdfdoc"
	"merit/selection"
)

// Fonts are the TrueType fonts the PDF embeds, regular and bold: the caller
// passes the fonts it serves (package web embeds DejaVu Sans Condensed), so
// the report draws the same UTF-8 text on every server.
type Fonts = pdfdoc.Fonts

// PDF writes the report in lang to w: A4 landscape, as the results table has
// a column per stage.
func (r *Report) PDF(w io.Writer, lang string, fonts Fonts) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	generated := t("selection.report.generated", i18n.DateTime(lang, r.At))
	d := pdfdoc.New(pdfdoc.Landscape, fonts, t("selection.report.title")+" · "+r.Selection.Title,
		r.Agency+" · "+r.Selection.Title+" · "+generated, r.At)
	heading, para, table := d.Heading, d.Para, d.Table

	heading(15, t("selection.report.title"))
	para(r.Selection.Title)
	para(generated)
	d.Space(3)
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
		d.Space(3)
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
	return d.Output(w)
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
