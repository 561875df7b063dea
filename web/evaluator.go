package web

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"merit"
	"merit/evaluation"
	"merit/i18n"
	"merit/sqldb"
	"merit/tabular"
)

// evaluatorRoutes registers the evaluator's pages: the view across the
// agencies granted to them with its XLSX and PDF exports, and the
// verification and penetapan of one assessment.
func (h *handler) evaluatorRoutes(mux *routeMux) {
	mux.Handle("GET /evaluator", h.member(h.showEvaluator))
	mux.Handle("GET /evaluator/ekspor", h.member(h.exportEvaluator))
	mux.Handle("GET /a/{agency}/sistem-merit/{assessment}/verifikasi", h.member(h.showVerification))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/verifikasi", h.member(h.completeVerification))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/verifikasi/{indicator}", h.member(h.verifyIndicator))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/tetapkan", h.member(h.setMeritAssessment))
}

// evaluatorView is the data of the evaluator's page.
type evaluatorView struct {
	Year     int
	Years    []int
	All      []evaluatorRow // every assessment of the year, by agency
	Queue    []evaluatorRow // submitted, the longest waiting first
	Ranked   []evaluatorRow
	Counts   []sqldb.CategoryCount
	Awarded  []evaluatorRow
	Agencies int
	JPT      *jptOverview
}

// jptOverview is the Indeks Kualitas Pengisian JPT of the year across the
// evaluator's agencies: the count per band and the agencies in the award
// bands, highest first.
type jptOverview struct {
	Counts   []evaluation.CategoryCount
	Awarded  []jptAgency
	Computed int // agencies whose index of the year is computed
}

// jptAgency is one agency's index of the year.
type jptAgency struct {
	Name, Total, Band string
	total             evaluation.Score
}

// evaluatorRow is one assessment in the evaluator's tables.
type evaluatorRow struct {
	*sqldb.MeritAssessment
	Rank     int
	Official bool
	Score    string
	Href     string
}

// mayEvaluate refuses the evaluator's pages to anyone holding the
// verification in no agency: the lists would be empty, and the page is not
// theirs.
func mayEvaluate(r *http.Request) error {
	a := merit.ActorFrom(r.Context())
	for _, g := range a.Grants {
		if g.Role.Has(merit.PermEvaluationVerify) {
			return nil
		}
	}
	if a.System {
		return nil
	}
	return merit.Errorf(merit.KindForbidden, "web.mayEvaluate", "err.forbidden")
}

// evaluatorData reads the year of the query (default: the latest year with
// an assessment) and everything the evaluator's page and exports show.
func (h *handler) evaluatorData(r *http.Request) (*evaluatorView, error) {
	if err := mayEvaluate(r); err != nil {
		return nil, err
	}
	ctx := r.Context()
	lang := langOf(r)
	all, err := h.db.MeritAssessmentsOf(ctx, 0)
	if err != nil {
		return nil, err
	}
	if err := h.labelCategories(ctx, all); err != nil {
		return nil, err
	}
	v := &evaluatorView{}
	seen := map[int]bool{}
	agencies := map[int64]bool{}
	for _, m := range all {
		if !seen[m.Year] {
			seen[m.Year] = true
			v.Years = append(v.Years, m.Year)
		}
		agencies[m.AgencyID] = true
	}
	v.Agencies = len(agencies)
	if len(v.Years) > 0 {
		v.Year = v.Years[0]
	}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && seen[y] {
		v.Year = y
	}
	row := func(m *sqldb.MeritAssessment) evaluatorRow {
		x := evaluatorRow{MeritAssessment: m, Official: official(m.Status),
			Href: "/a/" + m.AgencyCode + "/sistem-merit/" + strconv.FormatInt(m.ID, 10)}
		if x.Official {
			x.Score = scoreText(lang, m.Score)
		}
		return x
	}
	for _, m := range all {
		if m.Year == v.Year {
			v.All = append(v.All, row(m))
		}
	}
	queue, err := h.db.VerificationQueue(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range queue {
		v.Queue = append(v.Queue, row(m))
	}
	rank, err := h.db.MeritRankingOf(ctx, v.Year)
	if err != nil {
		return nil, err
	}
	n := 0
	var prev evaluation.InstrumentRef
	for _, m := range rank.Ranked {
		if m.Instrument != prev {
			n, prev = 0, m.Instrument
		}
		n++
		x := row(m)
		x.Rank = n
		v.Ranked = append(v.Ranked, x)
	}
	for _, m := range rank.Awarded {
		v.Awarded = append(v.Awarded, row(m))
	}
	v.Counts = rank.Counts
	if v.JPT, err = h.jptOverview(r, v.Year); err != nil {
		return nil, err
	}
	return v, nil
}

// jptOverview reads the JPT index of the year of every agency where the
// actor verifies evaluations (one read per agency) and counts them per
// band of the shipped index.
func (h *handler) jptOverview(r *http.Request, year int) (*jptOverview, error) {
	ctx := r.Context()
	lang := langOf(r)
	agencies, err := h.db.FindAgencies(ctx)
	if err != nil {
		return nil, err
	}
	actor := merit.ActorFrom(ctx)
	x := evaluation.SeedJPT()
	var totals []evaluation.Score
	o := &jptOverview{}
	for _, a := range agencies {
		if !actor.Can(merit.PermEvaluationVerify, a.ID) {
			continue
		}
		rec, err := h.db.JPTIndexOf(ctx, a.ID, year)
		if merit.KindOf(err) == merit.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		totals = append(totals, rec.Result.Total)
		o.Computed++
		if rec.Result.Band.Award {
			o.Awarded = append(o.Awarded, jptAgency{Name: a.Name, Total: scoreText(lang, rec.Result.Total), Band: rec.Result.Band.Label,
				total: rec.Result.Total})
		}
	}
	slices.SortStableFunc(o.Awarded, func(a, b jptAgency) int { return cmp.Compare(b.total, a.total) })
	o.Counts = evaluation.CountCategories(x.Bands, totals)
	return o, nil
}

// showEvaluator is the evaluator's view across their agencies: the status
// of every assessment of a year, the verification queue, the ranking, the
// count per category and the award list.
func (h *handler) showEvaluator(w http.ResponseWriter, r *http.Request) error {
	v, err := h.evaluatorData(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "evaluator", &page{Nav: "evaluator", Data: v})
}

// exportEvaluator downloads the ranking of a year as XLSX (format=xlsx) or
// as a PDF with the counts and the award list (format=pdf).
func (h *handler) exportEvaluator(w http.ResponseWriter, r *http.Request) error {
	v, err := h.evaluatorData(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	name := "penilaian-sistem-merit-" + strconv.Itoa(v.Year)
	switch r.URL.Query().Get("format") {
	case "pdf":
		var buf bytes.Buffer
		if err := writeEvaluatorPDF(&buf, v, lang, time.Now()); err != nil {
			return err
		}
		return sendPDF(w, name+".pdf", &buf)
	case "xlsx", "":
		return download(w, r, name+".xlsx", tabular.XLSX, func(w http.ResponseWriter) error {
			return writeEvaluatorXLSX(w, lang, v)
		})
	}
	return merit.Invalid("web.exportEvaluator", merit.FieldError{Field: "format", Code: "field.unknown_ref", Value: r.URL.Query().Get("format")})
}

// evaluatorColumns are the export's columns (i18n keys of the header).
var evaluatorColumns = []string{"ui.evaluator.rank", "ui.evaluator.agency", "field.year", "ui.merit.instrument", "ui.merit.status",
	"ui.merit.official_score", "field.category", "ui.evaluator.award"}

// writeEvaluatorXLSX writes the ranking of the year, then the assessments
// without an official result, one row each.
func writeEvaluatorXLSX(w io.Writer, lang string, v *evaluatorView) error {
	tw, err := tabular.NewWriter(w, tabular.XLSX, "Sistem Merit "+strconv.Itoa(v.Year))
	if err != nil {
		return err
	}
	head := make([]string, len(evaluatorColumns))
	for i, k := range evaluatorColumns {
		head[i] = i18n.T(lang, k)
	}
	if err := tw.Write(head...); err != nil {
		return err
	}
	awarded := map[int64]bool{}
	for _, m := range v.Awarded {
		awarded[m.AgencyID] = true
	}
	write := func(x evaluatorRow) error {
		rank, award := "", ""
		if x.Rank > 0 {
			rank = strconv.Itoa(x.Rank)
		}
		if awarded[x.AgencyID] {
			award = i18n.T(lang, "ui.evaluator.awarded")
		}
		return tw.Write(rank, x.AgencyName, strconv.Itoa(x.Year), i18n.T(lang, "ui.merit.framework."+string(x.Instrument.Framework)),
			i18n.T(lang, "ui.merit.status."+string(x.Status)), x.Score, x.CategoryLabel, award)
	}
	for _, x := range v.Ranked {
		if err := write(x); err != nil {
			return err
		}
	}
	for _, x := range v.All {
		if !x.Official {
			if err := write(x); err != nil {
				return err
			}
		}
	}
	return tw.Close()
}

// showVerification is the evaluator's verification page: per indicator the
// self level, narrative, evidence and the data's suggestion beside the
// verified level and note; completing the verification; penetapan.
func (h *handler) showVerification(w http.ResponseWriter, r *http.Request) error {
	a, m, in, err := h.assessmentOf(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermEvaluationVerify, a); err != nil {
		return err
	}
	return h.renderMerit(w, r, "evaluator_verify", a, m, in, "", nil)
}

// verifyIndicator records the verified level and note of one indicator.
func (h *handler) verifyIndicator(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationVerify)
	if err != nil {
		return err
	}
	code := r.PathValue("indicator")
	var fs merit.Fields
	level := parseInt(&fs, r.PostForm, "level")
	err = fs.Err("web.verifyIndicator")
	if err == nil {
		err = h.db.VerifyIndicator(r.Context(), a.ID, id, code, level, r.PostForm.Get("note"))
	}
	if err == nil {
		return redirect(w, r, agencyURL(a, "sistem-merit", id, "verifikasi")+"#i-"+code, "ui.flash.merit_verified_indicator", code)
	}
	return h.meritFormError(w, r, "evaluator_verify", a, id, code, err)
}

// meritFormError shows an assessment page (template page: the agency's
// "evaluation" or the evaluator's "evaluator_verify") again with a form
// error, at the indicator code or on the page when code is "", or returns
// err when it is not the form's (a field error or a conflict of state).
func (h *handler) meritFormError(w http.ResponseWriter, r *http.Request, page string, a *merit.Agency, id int64, code string, err error) error {
	if !hasFieldErrors(err) && merit.KindOf(err) != merit.KindConflict {
		return err
	}
	m, merr := h.db.MeritAssessment(r.Context(), a.ID, id)
	if merr != nil {
		return merr
	}
	in, ierr := h.db.EvaluationInstrument(r.Context(), m.Instrument)
	if ierr != nil {
		return ierr
	}
	return h.renderMerit(w, r, page, a, m, in, code, err)
}

// completeVerification ends the verification: the official score and
// category are computed from the verified levels.
func (h *handler) completeVerification(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationVerify)
	if err != nil {
		return err
	}
	var fs merit.Fields
	violations := parseInt(&fs, r.PostForm, "violations")
	err = fs.Err("web.completeVerification")
	if err == nil {
		_, err = h.db.CompleteVerification(r.Context(), a.ID, id, violations)
	}
	if err == nil {
		return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_verified")
	}
	return h.meritFormError(w, r, "evaluator_verify", a, id, "", err)
}

// setMeritAssessment sets (ditetapkan) a verified assessment with the
// number of the decision.
func (h *handler) setMeritAssessment(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationVerify)
	if err != nil {
		return err
	}
	_, err = h.db.SetMeritAssessment(r.Context(), a.ID, id, r.PostForm.Get("decree"))
	if err == nil {
		return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_set")
	}
	return h.meritFormError(w, r, "evaluator_verify", a, id, "", err)
}
