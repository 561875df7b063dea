package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/competency"
	"merit/httpstatus"
	"merit/i18n"
	"merit/sqldb"
	"merit/succession"
)

// successionRoutes registers the talent pool and succession pages: the
// overview (bench strength, critical positions, pool rule, merit results),
// the plan of each critical position with its candidates and the JPT
// filling of regulations.md §1.6, and the PDF talent report.
func (h *handler) successionRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/suksesi", h.member(h.showSuccession))
	mux.Handle("GET /a/{agency}/suksesi/laporan.pdf", h.member(h.successionReport))
	mux.Handle("POST /a/{agency}/suksesi/kotak", h.member(h.setPoolRule))
	mux.Handle("POST /a/{agency}/suksesi/kritikal", h.member(h.flagCritical))
	mux.Handle("POST /a/{agency}/suksesi/merit", h.member(h.saveMeritResult))
	mux.Handle("GET /a/{agency}/suksesi/jabatan/{position}", h.member(h.showSuccessionPlan))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}", h.member(h.updateCritical))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}/hapus", h.member(h.unflagCritical))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}/kandidat", h.member(h.addCandidate))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}/kandidat/{candidate}", h.member(h.updateCandidate))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}/kandidat/{candidate}/hapus", h.member(h.removeCandidate))
	mux.Handle("POST /a/{agency}/suksesi/jabatan/{position}/isi", h.member(h.fillJPT))
}

// successionView is the data of the succession overview.
type successionView struct {
	Bench      succession.Bench
	Percent    string
	Critical   []*sqldb.CriticalPosition
	Positions  []*merit.Position // not yet critical, for the flag form
	Pool       *succession.Pool
	PoolCounts []poolCount
	Results    []*succession.MeritResult
	Reasons    []succession.Reason
	Categories []succession.Category
	Boxes      []int
	CanWrite   bool
	CanMerit   bool // the admin enters the merit result
	Errors     []formError
	Form       url.Values
	Base       string
}

// poolCount is how many talents the pool has in one box.
type poolCount struct{ Box, N int }

// showSuccession is the succession overview.
func (h *handler) showSuccession(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderSuccession(w, r, a, nil, nil)
}

func (h *handler) renderSuccession(w http.ResponseWriter, r *http.Request, a *merit.Agency, form url.Values, formErr error) error {
	ctx := r.Context()
	actor := merit.ActorFrom(ctx)
	v := successionView{Reasons: succession.Reasons, Categories: succession.Categories, Boxes: []int{9, 8, 7, 6, 5, 4, 3, 2, 1},
		CanWrite: actor.Can(merit.PermTalentWrite, a.ID), CanMerit: actor.Can(merit.PermManageUsers, a.ID),
		Form: form, Base: agencyURL(a, "suksesi")}
	var err error
	if v.Bench, v.Critical, err = h.db.BenchStrength(ctx, a.ID); err != nil {
		return err
	}
	v.Percent = percentText(langOf(r), v.Bench.Percent)
	pool, talents, err := h.db.TalentPool(ctx, a.ID)
	if err != nil {
		return err
	}
	v.Pool = pool
	for _, b := range pool.Boxes {
		n := 0
		for _, t := range talents {
			if t.Box == b {
				n++
			}
		}
		v.PoolCounts = append(v.PoolCounts, poolCount{Box: b, N: n})
	}
	if v.Results, err = h.db.FindMeritResults(ctx, a.ID); err != nil {
		return err
	}
	if v.CanWrite {
		positions, err := h.db.FindPositions(ctx, a.ID, 0)
		if err != nil {
			return err
		}
		for _, p := range positions {
			if !p.Critical {
				v.Positions = append(v.Positions, p)
			}
		}
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "succession", &page{Agency: a, Nav: "succession", Data: v})
}

// reasonsOf reads the checked reasons of a form.
func reasonsOf(v url.Values) []succession.Reason {
	var out []succession.Reason
	for _, s := range v["reasons"] {
		out = append(out, succession.Reason(s))
	}
	return out
}

// postForm parses a posted form after checking the permission, so a caller
// without it gets 403/404 and never a form error.
func (h *handler) postForm(r *http.Request, perm merit.Permission) (*merit.Agency, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, err
	}
	if err := authorize(r, perm, a); err != nil {
		return nil, err
	}
	if err := r.ParseForm(); err != nil {
		return nil, badForm(err)
	}
	return a, nil
}

// setPoolRule sets the boxes of the talent pool.
func (h *handler) setPoolRule(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	var fs merit.Fields
	p := &succession.Pool{AgencyID: a.ID}
	for _, s := range r.PostForm["boxes"] {
		p.Boxes = append(p.Boxes, parseInt(&fs, url.Values{"boxes": {s}}, "boxes"))
	}
	err = fs.Err("web.setPoolRule")
	if err == nil {
		err = h.db.SetPoolRule(r.Context(), p)
	}
	if hasFieldErrors(err) {
		return h.renderSuccession(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "suksesi"), "ui.flash.pool_saved")
}

// flagCritical marks a position critical with its reasons.
func (h *handler) flagCritical(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	var fs merit.Fields
	c := &succession.Critical{AgencyID: a.ID, PositionID: parseID(&fs, r.PostForm, "positionId"), Reasons: reasonsOf(r.PostForm),
		Note: r.PostForm.Get("note")}
	if c.PositionID == 0 {
		fs.Add("positionId", "field.required", "")
	}
	err = fs.Err("web.flagCritical")
	if err == nil {
		err = h.db.FlagCritical(r.Context(), c)
	}
	if hasFieldErrors(err) {
		return h.renderSuccession(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "suksesi", "jabatan", c.PositionID), "ui.flash.critical_saved")
}

// saveMeritResult records the agency's official merit-system result.
func (h *handler) saveMeritResult(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermManageUsers)
	if err != nil {
		return err
	}
	var fs merit.Fields
	m := &succession.MeritResult{AgencyID: a.ID, Year: parseInt(&fs, r.PostForm, "year"), Category: succession.Category(r.PostForm.Get("category")),
		Decree: r.PostForm.Get("decree"), DecidedOn: parseDate(&fs, r.PostForm, "decidedOn")}
	if s := strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("score"), ",", ".")); s != "" {
		if m.Score, err = strconv.ParseFloat(s, 64); err != nil {
			fs.Add("score", "field.not_a_number", s)
		}
	}
	err = fs.Err("web.saveMeritResult")
	if err == nil {
		err = h.db.SaveMeritResult(r.Context(), m)
	}
	if hasFieldErrors(err) {
		return h.renderSuccession(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "suksesi"), "ui.flash.merit_saved", m.Year)
}

// planView is the data of a critical position's succession plan.
type planView struct {
	Plan        *sqldb.SuccessionPlan
	Rows        []candidateRow
	Reasons     []succession.Reason
	Readinesses []succession.Readiness
	Checked     map[succession.Reason]bool
	FillReasons []string // why the position cannot be filled through talent management now
	NextRank    int      // the add form's rank: after the last candidate
	CanWrite    bool
	CanDecide   bool
	Errors      []formError
	Base        string
	Back        string
}

// candidateRow is one candidate with his JPM as text, his development
// plans to link and where his development records are.
type candidateRow struct {
	*succession.Candidate
	JPMText string
	Plans   []*competency.Plan
	DevHref string
	Action  string
}

// showSuccessionPlan is a critical position's succession plan.
func (h *handler) showSuccessionPlan(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderPlan(w, r, a, nil)
}

func (h *handler) renderPlan(w http.ResponseWriter, r *http.Request, a *merit.Agency, formErr error) error {
	ctx := r.Context()
	lang := langOf(r)
	id, err := pathID(r, "position")
	if err != nil {
		return err
	}
	p, err := h.db.FindSuccessionPlan(ctx, a.ID, id)
	if err != nil {
		return err
	}
	actor := merit.ActorFrom(ctx)
	v := planView{Plan: p, Reasons: succession.Reasons, Readinesses: succession.Readinesses, Checked: map[succession.Reason]bool{},
		CanWrite: actor.Can(merit.PermTalentWrite, a.ID), CanDecide: actor.Can(merit.PermTalentDecide, a.ID),
		Base: agencyURL(a, "suksesi", "jabatan", id), Back: agencyURL(a, "suksesi"), NextRank: len(p.Candidates) + 1}
	for _, x := range p.Critical.Critical.Reasons {
		v.Checked[x] = true
	}
	for _, f := range p.FillProblems {
		v.FillReasons = append(v.FillReasons, i18n.Field(lang, f))
	}
	for _, c := range p.Candidates {
		row := candidateRow{Candidate: c, DevHref: agencyURL(a, "pegawai", c.EmployeeID, "pengembangan"),
			Action: agencyURL(a, "suksesi", "jabatan", id, "kandidat", c.ID)}
		if p.Standard {
			row.JPMText = percentText(lang, c.JPM.Percent)
		}
		if v.CanWrite {
			if row.Plans, err = h.db.FindPlans(ctx, a.ID, c.EmployeeID); err != nil {
				return err
			}
		}
		v.Rows = append(v.Rows, row)
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(lang, formErr)
	}
	return h.render(w, r, status, "succession_plan", &page{Agency: a, Nav: "succession", Data: v})
}

// planForm checks the permission and parses the form of a plan page,
// returning the agency and the position's ID.
func (h *handler) planForm(r *http.Request, perm merit.Permission) (*merit.Agency, int64, error) {
	a, err := h.postForm(r, perm)
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r, "position")
	return a, id, err
}

// planDone answers a plan page's post: the page again with the form's
// errors, or a redirect to the plan with a message.
func (h *handler) planDone(w http.ResponseWriter, r *http.Request, a *merit.Agency, id int64, err error, flashKey string) error {
	if hasFieldErrors(err) {
		return h.renderPlan(w, r, a, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "suksesi", "jabatan", id), flashKey)
}

// updateCritical changes the reasons a position is critical.
func (h *handler) updateCritical(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	c := &succession.Critical{AgencyID: a.ID, PositionID: id, Reasons: reasonsOf(r.PostForm), Note: r.PostForm.Get("note")}
	return h.planDone(w, r, a, id, h.db.FlagCritical(r.Context(), c), "ui.flash.critical_saved")
}

// unflagCritical ends a position's critical status and removes its plan.
func (h *handler) unflagCritical(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	if err := h.db.UnflagCritical(r.Context(), a.ID, id); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "suksesi"), "ui.flash.critical_removed")
}

// candidateOf reads a candidate's form fields.
func candidateOf(fs *merit.Fields, v url.Values, a *merit.Agency, positionID int64) *succession.Candidate {
	return &succession.Candidate{AgencyID: a.ID, PositionID: positionID, EmployeeID: parseID(fs, v, "employeeId"),
		Rank: parseInt(fs, v, "rank"), Readiness: succession.Readiness(v.Get("readiness")), PlanID: parseID(fs, v, "planId"),
		Development: v.Get("development")}
}

// addCandidate puts a talent of the pool on the plan.
func (h *handler) addCandidate(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	var fs merit.Fields
	c := candidateOf(&fs, r.PostForm, a, id)
	err = fs.Err("web.addCandidate")
	if err == nil {
		err = h.db.SaveCandidate(r.Context(), c)
	}
	return h.planDone(w, r, a, id, err, "ui.flash.candidate_saved")
}

// updateCandidate changes a candidate's rank, readiness and development plan.
func (h *handler) updateCandidate(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	cid, err := pathID(r, "candidate")
	if err != nil {
		return err
	}
	var fs merit.Fields
	c := candidateOf(&fs, r.PostForm, a, id)
	c.ID = cid
	err = fs.Err("web.updateCandidate")
	if err == nil {
		err = h.db.SaveCandidate(r.Context(), c)
	}
	return h.planDone(w, r, a, id, err, "ui.flash.candidate_saved")
}

// removeCandidate takes a candidate off the plan.
func (h *handler) removeCandidate(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	cid, err := pathID(r, "candidate")
	if err != nil {
		return err
	}
	return h.planDone(w, r, a, id, h.db.RemoveCandidate(r.Context(), a.ID, id, cid), "ui.flash.candidate_removed")
}

// fillJPT records the PPK's filling of a JPT through talent management;
// when the rule of §1.6 does not allow it, the plan page says why.
func (h *handler) fillJPT(w http.ResponseWriter, r *http.Request) error {
	a, id, err := h.planForm(r, merit.PermTalentDecide)
	if err != nil {
		return err
	}
	_, err = h.db.FillJPT(r.Context(), a.ID, id)
	return h.planDone(w, r, a, id, err, "ui.flash.jpt_filled")
}
