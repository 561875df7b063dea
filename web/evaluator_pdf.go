package web

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"merit/i18n"
)

// writeEvaluatorPDF renders the evaluator's year as PDF: the count per
// category, the award list, the JPT index's count per band with the agencies
// in its award bands, and the ranking (each framework on its own
// scale), from the same data as the page.
func writeEvaluatorPDF(w io.Writer, v *evaluatorView, lang string, at time.Time) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	title := t("ui.evaluator.title") + " " + strconv.Itoa(v.Year)
	p := newPDF(title, title+" · "+t("ui.succession.generated", i18n.DateTime(lang, at)), at)
	p.Heading(16, title)
	p.Para(t("ui.evaluator.agencies", v.Agencies))
	p.Space(3)

	p.Heading(12, t("ui.evaluator.counts"))
	var rows [][]string
	for _, c := range v.Counts {
		rows = append(rows, []string{t("ui.merit.framework." + string(c.Instrument.Framework)), c.Label, i18n.Number(lang, c.N)})
	}
	p.Table([]float64{0.4, 0.4, 0.2}, []string{t("ui.merit.instrument"), t("field.category"), t("ui.evaluator.count")}, rows)

	p.Heading(12, t("ui.evaluator.awards", len(v.Awarded)))
	rows = rows[:0]
	for i, x := range v.Awarded {
		rows = append(rows, []string{fmt.Sprint(i + 1), x.AgencyName, x.Score, x.CategoryLabel})
	}
	if len(rows) == 0 {
		p.Para(t("ui.evaluator.no_awards"))
	} else {
		p.Table([]float64{0.08, 0.52, 0.15, 0.25}, []string{"#", t("ui.evaluator.agency"), t("ui.merit.official_score"), t("field.category")}, rows)
	}

	p.Heading(12, t("ui.jpt.title")+" "+strconv.Itoa(v.Year))
	rows = rows[:0]
	for _, c := range v.JPT.Counts {
		rows = append(rows, []string{c.Category.Label, i18n.Number(lang, c.Count)})
	}
	p.Table([]float64{0.6, 0.4}, []string{t("field.category"), t("ui.evaluator.count")}, rows)
	rows = rows[:0]
	for i, x := range v.JPT.Awarded {
		rows = append(rows, []string{fmt.Sprint(i + 1), x.Name, x.Total, x.Band})
	}
	if len(rows) > 0 {
		p.Table([]float64{0.08, 0.52, 0.15, 0.25}, []string{"#", t("ui.evaluator.agency"), t("ui.jpt.points"), t("field.category")}, rows)
	}

	p.Heading(12, t("ui.evaluator.ranking"))
	rows = rows[:0]
	for _, x := range v.Ranked {
		rows = append(rows, []string{fmt.Sprint(x.Rank), x.AgencyName, t("ui.merit.framework." + string(x.Instrument.Framework)), x.Score, x.CategoryLabel})
	}
	if len(rows) == 0 {
		p.Para(t("ui.merit.no_official"))
	} else {
		p.Table([]float64{0.08, 0.37, 0.2, 0.12, 0.23}, []string{t("ui.evaluator.rank"), t("ui.evaluator.agency"), t("ui.merit.instrument"),
			t("ui.merit.official_score"), t("field.category")}, rows)
	}
	return p.Output(w)
}
