// Package report writes the report of an open selection for the supervisor
// (BKN, formerly KASN; regulations.md §5.4): the selection and its legal
// basis, the posts, the stage plan with weights, the panel, the candidates
// with their stage scores, totals and ranks, the top three per post, the
// PPK's decision and the seals of the published stages, as PDF and as XLSX.
//
// It only lays out a Report built from a selection.Record; every figure
// comes from package selection, every label from the i18n catalogs.
package report

import (
	"fmt"
	"strings"
	"time"

	"merit/i18n"
	"merit/performance"
	"merit/selection"
)

// Report is what the supervisor's report shows, computed once so that the
// PDF and the XLSX say the same.
type Report struct {
	Agency     string
	Selection  selection.Selection
	Members    []selection.Member
	Candidates []selection.Candidate
	Rankings   []selection.Ranking
	Decisions  []selection.Decision
	Seals      []selection.Seal
	Amendments []selection.Amendment
	// Stages are the weighted, scored stages: the columns of the results.
	Stages []selection.Stage
	At     time.Time // when the report was made; printed and stored as the documents' dates
}

// New builds the report of a selection of the named agency at a time.
func New(agency string, rec *selection.Record, at time.Time) (*Report, error) {
	rankings, err := rec.Rankings()
	if err != nil {
		return nil, fmt.Errorf("report.New: %w", err)
	}
	r := &Report{
		Agency: agency, Selection: rec.Selection, Members: rec.Members, Candidates: rec.Candidates,
		Rankings: rankings, Decisions: rec.Decisions, Seals: rec.Seals, Amendments: rec.Amendments, At: at,
	}
	for _, st := range rec.Selection.Stages {
		if st.Weight > 0 && st.Scored() {
			r.Stages = append(r.Stages, st)
		}
	}
	return r, nil
}

// candidate returns the candidate with the ID (the zero Candidate if none).
func (r *Report) candidate(id int64) selection.Candidate {
	for _, c := range r.Candidates {
		if c.ID == id {
			return c
		}
	}
	return selection.Candidate{}
}

// post returns the name of the post with the ID.
func (r *Report) post(id int64) string {
	for _, p := range r.Selection.Posts {
		if p.ID == id {
			return p.PositionName
		}
	}
	return ""
}

// stageName returns the name of the stage with the ID.
func (r *Report) stageName(lang string, id int64) string {
	for _, st := range r.Selection.Stages {
		if st.ID == id {
			return i18n.T(lang, "selection.stage."+string(st.Kind))
		}
	}
	return ""
}

// decision returns the PPK's decision for the post, if any.
func (r *Report) decision(postID int64) (selection.Decision, bool) {
	for _, d := range r.Decisions {
		if d.PostID == postID {
			return d, true
		}
	}
	return selection.Decision{}, false
}

// score returns a ranked candidate's result in the stage, as text.
func score(lang string, row selection.Ranked, stageID int64) string {
	for _, x := range row.Stages {
		if x.StageID == stageID {
			return decimal(lang, x.Score)
		}
	}
	return "–"
}

// decimal writes a two-decimal number as the reader writes it (83,45 in
// Indonesian, 83.45 in English).
func decimal(lang string, h performance.Hundredths) string {
	if lang == i18n.EN {
		return h.String()
	}
	return strings.Replace(h.String(), ".", ",", 1)
}

// name is a candidate's name with gelar.
func name(c selection.Candidate) string {
	n := c.Name
	if c.GelarDepan != "" {
		n = c.GelarDepan + " " + n
	}
	if c.GelarBelakang != "" {
		n += ", " + c.GelarBelakang
	}
	return n
}

// overview returns the label/value lines about the selection itself.
func (r *Report) overview(lang string) [][2]string {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	s := r.Selection
	announced := "–"
	if !s.AnnouncedAt.IsZero() {
		announced = i18n.DateTime(lang, s.AnnouncedAt)
	}
	var posts []string
	for _, p := range s.Posts {
		posts = append(posts, p.PositionName)
	}
	return [][2]string{
		{t("selection.report.agency"), r.Agency},
		{t("selection.report.title_field"), s.Title},
		{t("field.legalBasis"), s.LegalBasis},
		{t("field.level"), t("selection.level." + string(s.Level))},
		{t("field.posts"), strings.Join(posts, "; ")},
		{t("selection.report.registration"), i18n.Date(lang, s.RegistrationOpen) + " – " + i18n.Date(lang, s.RegistrationClose)},
		{t("selection.report.announced"), announced},
		{t("selection.report.status"), t("selection.status." + string(s.Status))},
		{t("field.aggregation"), t("selection.aggregation." + string(s.Aggregation))},
	}
}

// planRows returns the stage plan: order, stage, weight, dates, status.
func (r *Report) planRows(lang string) [][]string {
	var rows [][]string
	for _, st := range r.Selection.Stages {
		dates := "–"
		if !st.Start.IsZero() {
			dates = i18n.Date(lang, st.Start) + " – " + i18n.Date(lang, st.End)
		}
		rows = append(rows, []string{fmt.Sprint(st.Order), i18n.T(lang, "selection.stage."+string(st.Kind)),
			decimal(lang, st.Weight), dates, i18n.T(lang, "selection.stage_status."+string(st.Status))})
	}
	return rows
}

// panelRows returns the panel: code, name, kind, role, affiliation, when
// the code of ethics was accepted.
func (r *Report) panelRows(lang string) [][]string {
	var rows [][]string
	for _, m := range r.Members {
		ethics := "–"
		if m.EthicsAccepted() {
			ethics = i18n.DateTime(lang, m.EthicsAcceptedAt)
		}
		rows = append(rows, []string{m.Code, m.Name, i18n.T(lang, "selection.member."+string(m.Kind)),
			i18n.T(lang, "selection.role."+string(m.Role)), m.Affiliation, ethics})
	}
	return rows
}

// sealRows returns the seals: stage, number, hash, previous hash, time.
func (r *Report) sealRows(lang string) [][]string {
	var rows [][]string
	for _, s := range r.Seals {
		rows = append(rows, []string{r.stageName(lang, s.StageID), fmt.Sprint(s.Seq), s.Hash, s.Previous, i18n.DateTime(lang, s.At)})
	}
	return rows
}

// amendmentRows returns the amendments: stage, time, reason, lines before
// and after.
func (r *Report) amendmentRows(lang string) [][]string {
	var rows [][]string
	for _, a := range r.Amendments {
		rows = append(rows, []string{r.stageName(lang, a.StageID), i18n.DateTime(lang, a.At), a.Reason,
			strings.TrimSpace(a.Before), strings.TrimSpace(a.After)})
	}
	return rows
}
