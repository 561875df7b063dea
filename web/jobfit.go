package web

import (
	"net/http"
	"net/url"
	"strconv"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/selection"
	"merit/sqldb"
)

// jobFitRoutes registers the job-fit pages (uji kompetensi for rotating JPT
// holders, regulations.md §5.7): the runs with the form to compute one
// (shown without keeping it), keeping a run, and a kept run.
func (h *handler) jobFitRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/jobfit", h.member(h.showJobFit))
	mux.Handle("POST /a/{agency}/jobfit", h.member(h.runJobFit))
	mux.Handle("GET /a/{agency}/jobfit/{run}", h.member(h.showJobFitRun))
}

// jobFitView is the data of the job-fit page: the form and the runs, and
// the result of a computation or of a kept run.
type jobFitView struct {
	Posts   []jobFitChoice
	Runs    []*sqldb.JobFitRun
	On      string
	Note    string
	CanRun  bool
	Run     *sqldb.JobFitRun // a kept run shown
	Result  []jobFitPost     // the result shown, computed or kept
	Preview bool             // the result is computed, not kept
	Base    string
	// Selections is the open selection list, where a post nobody fits
	// starts a selection.
	Selections string
	Errors     []formError
	Form       url.Values
}

// jobFitChoice is a JPT post in the form.
type jobFitChoice struct {
	*sqldb.PositionRow
	Checked bool
}

// jobFitPost is one post of a result as the page shows it.
type jobFitPost struct {
	*selection.JobFitPostResult
	Rows []jobFitRow
}

// jobFitRow is a holder's line with its reason written out.
type jobFitRow struct {
	*selection.JobFitEntry
	JPM    string // the percentage, "" when not computed
	Reason string
	Chosen bool
}

// showJobFit is the job-fit page; with posts in the query it computes the
// result for them without keeping it.
func (h *handler) showJobFit(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if len(q["posts"]) == 0 {
		return h.renderJobFit(w, r, a, q, nil, nil)
	}
	ids, on, err := jobFitForm(q)
	if err == nil {
		var res *selection.JobFitResult
		if res, err = h.db.JobFit(r.Context(), a.ID, ids, on); err == nil {
			return h.renderJobFit(w, r, a, q, res, nil)
		}
	}
	if !hasFieldErrors(err) {
		return err
	}
	return h.renderJobFit(w, r, a, q, nil, err)
}

// jobFitForm reads the posts and the date of the form; an empty date is
// today.
func jobFitForm(v url.Values) ([]int64, merit.Date, error) {
	var fs merit.Fields
	var ids []int64
	for _, s := range v["posts"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fs.Add("posts", "field.not_a_number", s)
			continue
		}
		ids = append(ids, id)
	}
	on := merit.Today()
	if s := v.Get("on"); s != "" {
		d, err := merit.ParseDate(s)
		if err != nil {
			fs.Add("on", "field.not_a_date", s)
		}
		on = d
	}
	return ids, on, fs.Err("web.jobFitForm")
}

// runJobFit computes and keeps a run, then shows it.
func (h *handler) runJobFit(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	ids, on, err := jobFitForm(r.PostForm)
	var run *sqldb.JobFitRun
	if err == nil {
		run, err = h.db.RunJobFit(r.Context(), a.ID, ids, on, r.PostForm.Get("note"))
	}
	if hasFieldErrors(err) {
		return h.renderJobFit(w, r, a, r.PostForm, nil, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "jobfit", run.ID), "ui.flash.jobfit_saved")
}

// showJobFitRun shows a kept run as it was computed.
func (h *handler) showJobFitRun(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "run")
	if err != nil {
		return err
	}
	run, err := h.db.FindJobFitRun(r.Context(), a.ID, id)
	if err != nil {
		return err
	}
	v := jobFitView{Run: run, Base: agencyURL(a, "jobfit"), Result: jobFitRows(langOf(r), run.Result), Selections: agencyURL(a, "seleksi"),
		CanRun: merit.ActorFrom(r.Context()).Can(merit.PermSelectionManage, a.ID)}
	return h.render(w, r, http.StatusOK, "jobfit", &page{Agency: a, Nav: "jobfit", Data: v})
}

// renderJobFit renders the form page with the runs, and a computed result
// or the form's errors.
func (h *handler) renderJobFit(w http.ResponseWriter, r *http.Request, a *merit.Agency, form url.Values, res *selection.JobFitResult, formErr error) error {
	ctx := r.Context()
	v := jobFitView{On: form.Get("on"), Note: form.Get("note"), CanRun: merit.ActorFrom(ctx).Can(merit.PermSelectionManage, a.ID),
		Base: agencyURL(a, "jobfit"), Selections: agencyURL(a, "seleksi"), Form: form}
	if v.On == "" {
		v.On = merit.Today().String()
	}
	posts, err := h.db.JobFitPosts(ctx, a.ID)
	if err != nil {
		return err
	}
	checked := map[string]bool{}
	for _, s := range form["posts"] {
		checked[s] = true
	}
	for _, p := range posts {
		v.Posts = append(v.Posts, jobFitChoice{PositionRow: p, Checked: checked[strconv.FormatInt(p.ID, 10)]})
	}
	if v.Runs, err = h.db.FindJobFitRuns(ctx, a.ID); err != nil {
		return err
	}
	if res != nil {
		v.Result, v.Preview = jobFitRows(langOf(r), res), true
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "jobfit", &page{Agency: a, Nav: "jobfit", Data: v})
}

// jobFitRows writes out each holder's reason in the language, with the
// dates and figures that explain it.
func jobFitRows(lang string, res *selection.JobFitResult) []jobFitPost {
	names := map[int64]string{}
	for _, p := range res.Posts {
		names[p.Post.PositionID] = p.Post.Name
	}
	out := make([]jobFitPost, 0, len(res.Posts))
	for _, p := range res.Posts {
		jp := jobFitPost{JobFitPostResult: p}
		for _, e := range p.Entries {
			row := jobFitRow{JobFitEntry: e, Chosen: p.Recommended != nil && p.Recommended.EmployeeID == e.EmployeeID}
			if e.Match.Category != 0 {
				row.JPM = percentText(lang, e.Match.Percent)
			}
			from, until := selection.JobFitWindow(e.TMTJabatan)
			key := "jobfit.reason." + string(e.Reason)
			switch e.Reason {
			case selection.ReasonTenureShort:
				row.Reason = i18n.T(lang, key, e.Years, i18n.Date(lang, from))
			case selection.ReasonTenureLong:
				row.Reason = i18n.T(lang, key, e.Years, i18n.Date(lang, until))
			case selection.ReasonTaken:
				row.Reason = i18n.T(lang, key, names[e.Other])
			case selection.ReasonBelowStandard, selection.ReasonRecommended, selection.ReasonRunnerUp:
				row.Reason = i18n.T(lang, key, row.JPM, e.Match.Category.String(), e.Years)
			default:
				row.Reason = i18n.T(lang, key)
			}
			jp.Rows = append(jp.Rows, row)
		}
		out = append(out, jp)
	}
	return out
}
