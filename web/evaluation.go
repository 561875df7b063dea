package web

import (
	"context"
	"errors"
	"html/template"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"merit"
	"merit/evaluation"
	"merit/httpstatus"
	"merit/i18n"
	"merit/sqldb"
	"merit/web/chart"
)

// evaluationRoutes registers the merit-system evaluation (issue 7): the
// agency's assessments by year with the year-over-year chart, one
// assessment with its rubric, self levels, evidence and suggestions from the
// agency's data, the evaluator's verification and penetapan, the evaluator's
// view across agencies with its exports, the PDF report, and the employee
// survey of the 2025 framework.
func (h *handler) evaluationRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/sistem-merit", h.member(h.listMeritAssessments))
	mux.Handle("POST /a/{agency}/sistem-merit", h.member(h.createMeritAssessment))
	mux.Handle("POST /a/{agency}/sistem-merit/jpt", h.member(h.computeJPTIndex))
	mux.Handle("GET /a/{agency}/sistem-merit/{assessment}", h.member(h.showMeritAssessment))
	mux.Handle("GET /a/{agency}/sistem-merit/{assessment}/laporan.pdf", h.member(h.meritReport))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/indikator/{indicator}", h.member(h.saveSelfLevel))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/indikator/{indicator}/bukti", h.member(h.uploadEvidence))
	mux.Handle("GET /a/{agency}/sistem-merit/{assessment}/bukti/{evidence}", h.member(h.downloadEvidence))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/bukti/{evidence}/hapus", h.member(h.deleteEvidence))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/kirim", h.member(h.submitMeritAssessment))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/saran", h.member(h.suggestLevels))
	mux.Handle("POST /a/{agency}/sistem-merit/{assessment}/tim", h.member(h.saveMeritTeam))
	h.evaluatorRoutes(mux)
	h.surveyRoutes(mux)
}

// meritYear is one year of the agency's list: the assessment and its
// official result, when there is one, in the reader's format.
type meritYear struct {
	*sqldb.MeritAssessment
	Official bool   // verified or ditetapkan: Score and Category count
	Score    string // formatted on the framework's own scale
}

// meritListView is the data of the agency's evaluation page.
type meritListView struct {
	Years    []meritYear
	Chart    template.HTML // the year-over-year chart
	Survey   string        // the survey results page
	Fairness []fairnessView
	// FairnessSmall counts the checks left out because every group in
	// them is too small for a verdict.
	FairnessSmall int
	JPT           *jptView
	// NextDue is the year the next evaluation is due after the latest
	// official result (Sangat Baik: two years on; otherwise the next year).
	NextDue     int
	Instruments []sqldb.InstrumentInfo
	CanWrite    bool
	Base        string
	Errors      []formError
	Year        string
}

// listMeritAssessments is the agency's merit-system page: every year's
// assessment with its status and official result, and the year-over-year
// chart with each year on its own framework's scale.
func (h *handler) listMeritAssessments(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderMeritList(w, r, a, "", nil)
}

func (h *handler) renderMeritList(w http.ResponseWriter, r *http.Request, a *merit.Agency, year string, formErr error) error {
	ctx := r.Context()
	lang := langOf(r)
	list, err := h.db.MeritAssessments(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := h.labelCategories(ctx, list); err != nil {
		return err
	}
	v := meritListView{CanWrite: merit.ActorFrom(ctx).Can(merit.PermEvaluationWrite, a.ID), Base: agencyURL(a, "sistem-merit"), Year: year,
		Survey: agencyURL(a, "survei")}
	var bars []chart.Bar
	for i := len(list) - 1; i >= 0; i-- { // oldest first in the chart
		m := list[i]
		y := meritYear{MeritAssessment: m, Official: official(m.Status)}
		if y.Official {
			y.Score = scoreText(lang, m.Score)
			bars = append(bars, yearBar(lang, m))
			v.NextDue = evaluation.NextDue(m.Year, m.Category) // oldest first: the newest official result wins
		}
		v.Years = append([]meritYear{y}, v.Years...)
	}
	v.Chart = chart.HBar(i18n.T(lang, "ui.merit.chart"), 640, bars)
	if v.JPT, err = h.jptPanel(ctx, lang, a, v.Years); err != nil {
		return err
	}
	checks, err := h.db.Fairness(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, c := range checks {
		if judged(c.Report) {
			v.Fairness = append(v.Fairness, fairnessOf(lang, c))
		} else {
			v.FairnessSmall++
		}
	}
	if v.CanWrite {
		if v.Instruments, err = h.db.EvaluationInstruments(ctx); err != nil {
			return err
		}
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(lang, formErr)
	}
	return h.render(w, r, status, "evaluation_list", &page{Agency: a, Nav: "merit", Data: v})
}

// fairnessView is one four-fifths check of the fairness monitor panel.
type fairnessView struct {
	Point, Attribute string // translated
	Flagged          int
	Groups           []fairnessGroup
}

// fairnessGroup is one group's rate and verdict, formatted.
type fairnessGroup struct {
	Group, Rate, Ratio, Verdict string
	Selected, Total             int
}

// judged reports whether any group of a check is large enough for a
// verdict.
func judged(r evaluation.FairnessReport) bool {
	for _, g := range r.Groups {
		if g.Verdict != evaluation.FairTooSmall {
			return true
		}
	}
	return false
}

// fairnessOf formats a check: rates and ratios as percentages.
func fairnessOf(lang string, c sqldb.FairnessCheck) fairnessView {
	point := c.Point
	if kind, ok := strings.CutPrefix(point, "selection:"); ok {
		point = i18n.T(lang, "ui.merit.fair.selection", kind)
	} else {
		point = i18n.T(lang, "ui.merit.fair."+point)
	}
	v := fairnessView{Point: point, Attribute: i18n.T(lang, "ui.merit.fair.by."+c.Attribute), Flagged: c.Report.Flagged}
	pct := func(s evaluation.Score) string { return percentText(lang, int(s)) } // ten-thousandths are basis points
	for _, g := range c.Report.Groups {
		ratio := "–"
		if g.Verdict != evaluation.FairTooSmall {
			ratio = pct(g.Ratio)
		}
		v.Groups = append(v.Groups, fairnessGroup{Group: g.Group, Rate: pct(g.Rate), Ratio: ratio,
			Verdict: g.Verdict, Selected: g.Selected, Total: g.Total})
	}
	return v
}

// labelCategories names the category of each official result in a list
// (list reads carry the category's code only), from each assessment's own
// instrument version.
func (h *handler) labelCategories(ctx context.Context, list []*sqldb.MeritAssessment) error {
	instruments := map[evaluation.InstrumentRef]*evaluation.Instrument{}
	for _, m := range list {
		if !official(m.Status) || m.CategoryLabel != "" {
			continue
		}
		in := instruments[m.Instrument]
		if in == nil {
			var err error
			if in, err = h.db.EvaluationInstrument(ctx, m.Instrument); err != nil {
				return err
			}
			instruments[m.Instrument] = in
		}
		if c, ok := in.Category(m.Score); ok {
			m.CategoryLabel = c.Label
		}
	}
	return nil
}

// yearBar is one year of the chart: the bar's length is the share of its
// own framework's full scale (400 on KASN, an index of 1 on the 2025
// framework), so years of both frameworks sit on one axis without
// pretending the scales are one; the text gives the score and category.
func yearBar(lang string, m *sqldb.MeritAssessment) chart.Bar {
	full := evaluation.Points(400)
	scale := "100–400"
	if m.Instrument.Framework == evaluation.InstrumentPANRB2025 {
		full, scale = evaluation.One, i18n.T(lang, "ui.merit.index_scale")
	}
	return chart.Bar{Label: strconv.Itoa(m.Year) + " · " + scale, Value: int(m.Score * 1000 / full),
		Text: scoreText(lang, m.Score) + " " + m.CategoryLabel}
}

// official reports whether an assessment in this status has an official
// result (from verified levels only).
func official(s evaluation.Status) bool {
	return s == evaluation.Verified || s == evaluation.Ditetapkan
}

// scoreText writes a score as the reader writes decimals ("331,5" in
// Indonesian, "331.5" in English).
func scoreText(lang string, s evaluation.Score) string {
	t := s.String()
	if lang != i18n.EN {
		t = strings.Replace(t, ".", ",", 1)
	}
	return t
}

// createMeritAssessment opens the agency's assessment of a year on an
// instrument version ("framework@version").
func (h *handler) createMeritAssessment(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	var fs merit.Fields
	year := parseInt(&fs, r.PostForm, "year")
	fw, version, _ := strings.Cut(r.PostForm.Get("instrument"), "@")
	if err := fs.Err("web.createMeritAssessment"); err != nil {
		return h.renderMeritList(w, r, a, r.PostForm.Get("year"), err)
	}
	m, err := h.db.CreateMeritAssessment(r.Context(), a.ID, year, evaluation.InstrumentRef{Framework: evaluation.Framework(fw), Version: version})
	if hasFieldErrors(err) || merit.KindOf(err) == merit.KindConflict {
		return h.renderMeritList(w, r, a, r.PostForm.Get("year"), err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", m.ID), "ui.flash.merit_created", m.Year)
}

// meritAspect is one aspect of the assessment page with its rows.
type meritAspect struct {
	evaluation.Aspect
	Rows []meritRow
}

// meritRow is one indicator with the agency's entry on it.
type meritRow struct {
	evaluation.Indicator
	Entry      evaluation.IndicatorEntry
	Suggestion string // the suggestion's evidence, translated
	Use        string // accepted, overridden or ""
	Weight     string
	Errors     []formError
}

// meritView is the data of one assessment's page (and, with Verify, of the
// evaluator's verification page).
type meritView struct {
	A          *sqldb.MeritAssessment
	Instrument *evaluation.Instrument
	Aspects    []meritAspect
	Official   bool
	Score      string
	// SelfTotal is the total of the self levels, labelled as such and never
	// the official score; empty until every indicator has one.
	SelfTotal    string
	SelfCategory string
	SelfFilled   int
	Indicators   int
	WhatIf       *whatIfView
	CanWrite     bool // a draft and the agency's writer
	CanVerify    bool // submitted and the evaluator
	CanSet       bool // verified and the evaluator
	Base         string
	Errors       []formError
	Levels       []int
}

// whatIfView is the what-if panel: the one-level steps that raise the
// total most, and the fewest steps to the next category.
type whatIfView struct {
	Verified bool // from the verified levels (else from the self levels)
	Current  string
	Steps    []whatIfRow
	Next     string // the next category's label; "" at the top
	Path     []whatIfRow
	Reached  string
}

// whatIfRow is one improvement of the what-if panel.
type whatIfRow struct {
	Indicator, Text string
	From, To        int
	Gain, Total     string
	Category        string
}

// whatIfShown is how many single steps the panel lists.
const whatIfShown = 5

// whatIfOf computes the what-if panel from the verified levels once
// verified, else from the self levels; nil while a level is missing.
func whatIfOf(lang string, in *evaluation.Instrument, m *sqldb.MeritAssessment) *whatIfView {
	levels, verified := m.SelfLevels(), official(m.Status)
	if verified {
		levels = m.VerifiedLevels()
	}
	w, err := in.WhatIf(levels, m.SurveyScore, m.Violations)
	if err != nil {
		return nil
	}
	score := func(s evaluation.Score) string {
		t := scoreText(lang, s)
		if c, ok := in.Category(s); ok {
			t += " · " + c.Label
		}
		return t
	}
	row := func(x evaluation.Improvement, total evaluation.Score) whatIfRow {
		ind, _ := in.Indicator(x.Indicator)
		c, _ := in.Category(total)
		return whatIfRow{Indicator: x.Indicator, Text: ind.Text, From: x.From, To: x.To, Gain: scoreText(lang, x.Gain),
			Total: scoreText(lang, total), Category: c.Label}
	}
	v := &whatIfView{Verified: verified, Current: score(w.Current.Total)}
	for i, x := range w.Steps {
		if i == whatIfShown {
			break
		}
		v.Steps = append(v.Steps, row(x, w.Current.Total+x.Gain))
	}
	if w.Next != nil && len(w.Path) > 0 {
		v.Next, v.Reached = w.Next.Label, score(w.Reached.Total)
		total := w.Current.Total
		for _, x := range w.Path {
			total += x.Gain
			v.Path = append(v.Path, row(x, total))
		}
	}
	return v
}

// assessmentOf reads the agency and the assessment of the path.
func (h *handler) assessmentOf(r *http.Request) (*merit.Agency, *sqldb.MeritAssessment, *evaluation.Instrument, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, nil, err
	}
	id, err := pathID(r, "assessment")
	if err != nil {
		return nil, nil, nil, err
	}
	m, err := h.db.MeritAssessment(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, nil, err
	}
	in, err := h.db.EvaluationInstrument(r.Context(), m.Instrument)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, m, in, nil
}

// showMeritAssessment is one assessment: per aspect and indicator the
// rubric, the self level and narrative, evidence, the suggestion from the
// agency's data; the official score (verified levels only) and, apart, the
// self total; the what-if panel.
func (h *handler) showMeritAssessment(w http.ResponseWriter, r *http.Request) error {
	a, m, in, err := h.assessmentOf(r)
	if err != nil {
		return err
	}
	return h.renderMerit(w, r, "evaluation", a, m, in, "", nil)
}

// renderMerit renders the assessment page (name "evaluation") or the
// verification page ("evaluator_verify"), with a form error on one
// indicator (or on the page when indicator is "").
func (h *handler) renderMerit(w http.ResponseWriter, r *http.Request, name string, a *merit.Agency, m *sqldb.MeritAssessment,
	in *evaluation.Instrument, indicator string, formErr error) error {
	lang := langOf(r)
	actor := merit.ActorFrom(r.Context())
	v := meritView{A: m, Instrument: in, Official: official(m.Status), Base: agencyURL(a, "sistem-merit", m.ID),
		CanWrite:  m.Status == evaluation.Draft && actor.Can(merit.PermEvaluationWrite, a.ID),
		CanVerify: m.Status == evaluation.Submitted && actor.Can(merit.PermEvaluationVerify, a.ID),
		CanSet:    m.Status == evaluation.Verified && actor.Can(merit.PermEvaluationVerify, a.ID)}
	for l := in.MinLevel; l <= in.MaxLevel; l++ {
		v.Levels = append(v.Levels, l)
	}
	if v.Official {
		v.Score = scoreText(lang, m.Score)
	}
	var errs []formError
	status := http.StatusOK
	if formErr != nil {
		status, errs = httpstatus.Of(formErr), meritErrors(lang, formErr)
		if indicator == "" {
			v.Errors = errs
		}
	}
	entries := map[string]evaluation.IndicatorEntry{}
	for _, e := range m.Entries {
		entries[e.Indicator] = e
		if e.SelfLevel != 0 {
			v.SelfFilled++
		}
	}
	for _, asp := range in.Aspects {
		ma := meritAspect{Aspect: asp}
		for _, ind := range asp.Indicators {
			e := entries[ind.Code]
			row := meritRow{Indicator: ind, Entry: e, Use: m.SuggestionUse[ind.Code], Weight: scoreText(lang, ind.Weight)}
			if e.Suggestion != nil {
				row.Suggestion = i18n.T(lang, e.Suggestion.Key, e.Suggestion.Args...)
			}
			if ind.Code == indicator {
				row.Errors = errs
			}
			ma.Rows = append(ma.Rows, row)
			v.Indicators++
		}
		v.Aspects = append(v.Aspects, ma)
	}
	if in.Survey == nil {
		if res, err := in.Result(m.SelfLevels()); err == nil {
			v.SelfTotal, v.SelfCategory = scoreText(lang, res.Total), res.Category.Label
		}
	}
	v.WhatIf = whatIfOf(lang, in, m)
	return h.render(w, r, status, name, &page{Agency: a, Nav: "merit", Data: v})
}

// meritErrors lists a form error's messages; an indicator's ("entries.1.3")
// is named by the indicator's code and links to it.
func meritErrors(lang string, err error) []formError {
	fs := merit.FieldsOf(err)
	if len(fs) == 0 {
		return errorList(lang, err)
	}
	out := make([]formError, len(fs))
	for i, f := range fs {
		if code, ok := strings.CutPrefix(f.Field, "entries."); ok {
			// The code has dots of its own ("1.3"); a trailing field
			// name (".selfLevel") is not part of it.
			if i := strings.LastIndexByte(code, '.'); i > 0 && i+1 < len(code) && (code[i+1] < '0' || code[i+1] > '9') {
				code = code[:i]
			}
			out[i] = formError{Href: "#i-" + code, Text: i18n.T(lang, "ui.merit.indicator") + " " + code + ": " + i18n.Field(lang, f)}
			continue
		}
		out[i] = formError{Text: i18n.T(lang, "field."+fieldLabel(f.Field)) + ": " + i18n.Field(lang, f)}
	}
	return out
}

// saveMeritTeam replaces the self-assessment team: one member a line,
// "name; role" (the role defaults to anggota).
func (h *handler) saveMeritTeam(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	var team []evaluation.TeamMember
	for line := range strings.Lines(r.PostForm.Get("team")) {
		name, role, _ := strings.Cut(strings.TrimSpace(line), ";")
		if strings.TrimSpace(name) == "" {
			continue
		}
		if strings.TrimSpace(role) == "" {
			role = "anggota"
		}
		team = append(team, evaluation.TeamMember{Name: name, Role: role})
	}
	if err := h.db.SetMeritTeam(r.Context(), a.ID, id, team); err != nil {
		return h.meritFormError(w, r, "evaluation", a, id, "", err)
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_team_saved")
}

// saveSelfLevel records the self level and narrative of one indicator
// ("accept" takes the suggested level).
func (h *handler) saveSelfLevel(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	code := r.PathValue("indicator")
	var fs merit.Fields
	level := parseInt(&fs, r.PostForm, "level")
	err = fs.Err("web.saveSelfLevel")
	if err == nil {
		err = h.db.SetSelfLevel(r.Context(), a.ID, id, code, level, r.PostForm.Get("narrative"))
	}
	return h.afterIndicatorWrite(w, r, a, id, code, err, "ui.flash.merit_saved")
}

// meritPost reads the posted form of an action on one merit
// assessment after checking perm: the agency and the assessment's ID.
func (h *handler) meritPost(r *http.Request, perm merit.Permission) (*merit.Agency, int64, error) {
	a, err := h.postForm(r, perm)
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r, "assessment")
	return a, id, err
}

// afterIndicatorWrite redirects to the indicator after a write, or shows the
// page again with the write's form error at the indicator.
func (h *handler) afterIndicatorWrite(w http.ResponseWriter, r *http.Request, a *merit.Agency, id int64, code string, err error, flash string) error {
	if err != nil {
		return h.meritFormError(w, r, "evaluation", a, id, code, err)
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", id)+"#i-"+code, flash, code)
}

// uploadEvidence adds an evidence file to an indicator. The storage layer
// checks its size and its type by content.
func (h *handler) uploadEvidence(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermEvaluationWrite, a); err != nil {
		return err
	}
	id, err := pathID(r, "assessment")
	if err != nil {
		return err
	}
	code := r.PathValue("indicator")
	fileErr := func(key string, args ...any) error {
		return merit.Invalid("web.uploadEvidence", merit.FieldError{Field: "file", Code: key, Args: args})
	}
	r.Body = http.MaxBytesReader(w, r.Body, evaluation.MaxEvidenceSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return h.afterIndicatorWrite(w, r, a, id, code, fileErr("evaluation.evidence.size", evaluation.MaxEvidenceSize>>20), "")
		}
		return h.afterIndicatorWrite(w, r, a, id, code, fileErr("field.required"), "")
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return h.afterIndicatorWrite(w, r, a, id, code, fileErr("field.required"), "")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	_, err = h.db.AddEvidence(r.Context(), a.ID, id, code, hdr.Filename, data)
	return h.afterIndicatorWrite(w, r, a, id, code, err, "ui.flash.merit_evidence_added")
}

// downloadEvidence sends an evidence file to a reader of the agency's
// evaluation: always as a download, never rendered inline or sniffed.
func (h *handler) downloadEvidence(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "assessment")
	if err != nil {
		return err
	}
	eid, err := pathID(r, "evidence")
	if err != nil {
		return err
	}
	f, err := h.db.FindEvidence(r.Context(), a.ID, id, eid)
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName}))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	hd.Set("Cache-Control", "no-store")
	_, err = w.Write(f.Data)
	return err
}

// deleteEvidence removes an evidence file of a draft.
func (h *handler) deleteEvidence(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	eid, err := pathID(r, "evidence")
	if err != nil {
		return err
	}
	if err := h.db.DeleteEvidence(r.Context(), a.ID, id, eid); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_evidence_deleted")
}

// submitMeritAssessment sends the draft to the evaluator; a missing self
// level is shown on the page.
func (h *handler) submitMeritAssessment(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	if _, err := h.db.SubmitMeritAssessment(r.Context(), a.ID, id); err != nil {
		return h.meritFormError(w, r, "evaluation", a, id, "", err)
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_submitted")
}

// suggestLevels computes the levels the agency's data suggests and stores
// them on the draft's indicators; the operator then accepts or overrides
// each.
func (h *handler) suggestLevels(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.meritPost(r, merit.PermEvaluationWrite)
	if err != nil {
		return err
	}
	if _, err := h.db.SuggestLevels(r.Context(), a.ID, id); err != nil {
		return h.meritFormError(w, r, "evaluation", a, id, "", err)
	}
	return redirect(w, r, agencyURL(a, "sistem-merit", id), "ui.flash.merit_suggested")
}
