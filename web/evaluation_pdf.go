package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"

	"merit"
	"merit/evaluation"
	"merit/i18n"
	"merit/sqldb"
)

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
	p := newPDF(title+" · "+a.Name, a.Name+" · "+t("ui.succession.generated", i18n.DateTime(lang, at)), at)
	p.Heading(16, title)
	p.Para(a.Name)
	p.Para(in.Name + " · " + in.Version)
	p.Para(t("ui.merit.status") + ": " + t("ui.merit.status."+string(m.Status)))
	p.Para(t("ui.succession.generated", i18n.DateTime(lang, at)))
	p.Space(3)

	p.Heading(12, t("ui.merit.result"))
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
	p.Table([]float64{0.4, 0.6}, []string{t("ui.merit.result"), ""}, rows)

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
		p.Heading(11, asp.Code+". "+asp.Name)
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
		p.Table([]float64{0.06, 0.3, 0.07, 0.07, 0.08, 0.26, 0.16},
			[]string{"#", t("ui.merit.indicator"), t("ui.merit.weight"), t("ui.merit.self_short"), t("ui.merit.verified_short"),
				t("ui.merit.suggestion"), t("ui.merit.verifier_note")}, rows)
	}
	p.Heading(12, t("ui.merit.evidence_index"))
	if len(index) == 0 {
		p.Para(t("ui.merit.no_evidence"))
	} else {
		p.Table([]float64{0.05, 0.07, 0.3, 0.1, 0.48}, []string{"#", t("ui.merit.indicator"), t("ui.merit.file"), t("ui.merit.size"), "SHA-256"}, index)
	}
	return p.Output(w)
}
