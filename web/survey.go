package web

import (
	"net/http"

	"merit"
	"merit/httpstatus"
	"merit/sqldb"
)

// surveyRoutes registers the 2025 framework's employee survey: the
// employee answers the running survey of their agency once (/saya/survei);
// readers of the agency's evaluation see the response rate and the results
// of the groups large enough to stay anonymous.
func (h *handler) surveyRoutes(mux *routeMux) {
	mux.Handle("GET /saya/survei", h.member(h.showSelfSurvey))
	mux.Handle("POST /saya/survei", h.member(h.answerSurvey))
	mux.Handle("GET /a/{agency}/survei", h.member(h.showSurveys))
}

// selfSurveyView is the data of the employee's survey page.
type selfSurveyView struct {
	Survey *sqldb.Survey // the running survey; nil when none runs
	Scale  []int
	Done   bool // answered, just now or before
	Errors []formError
}

// showSelfSurvey is the running survey of the employee's agency, to answer.
func (h *handler) showSelfSurvey(w http.ResponseWriter, r *http.Request) error {
	a, _, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	v, err := h.selfSurvey(r, a)
	if err != nil {
		return err
	}
	v.Done = r.URL.Query().Get("selesai") != ""
	return h.render(w, r, http.StatusOK, "survey", &page{Agency: a, Nav: "survey", Data: v})
}

// selfSurvey finds the agency's running survey (the newest open one).
func (h *handler) selfSurvey(r *http.Request, a *merit.Agency) (*selfSurveyView, error) {
	list, err := h.db.OpenSurveys(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	v := &selfSurveyView{}
	if len(list) > 0 {
		v.Survey = list[0]
	}
	if v.Survey != nil {
		for i := 1; i <= v.Survey.ScaleMax; i++ {
			v.Scale = append(v.Scale, i)
		}
	}
	return v, nil
}

// answerSurvey records the employee's one answer: one level per question
// (q-<code>), unanswered questions count as 0. A second answer is refused
// by the storage layer and shown as such.
func (h *handler) answerSurvey(w http.ResponseWriter, r *http.Request) error {
	a, _, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	v, err := h.selfSurvey(r, a)
	if err != nil {
		return err
	}
	if v.Survey == nil {
		return merit.Errorf(merit.KindNotFound, "web.answerSurvey", "err.not_found")
	}
	var fs merit.Fields
	answers := make([]int, len(v.Survey.Questions))
	for i, q := range v.Survey.Questions {
		answers[i] = parseInt(&fs, r.PostForm, "q-"+q.Code)
	}
	err = fs.Err("web.answerSurvey")
	if err == nil {
		err = h.db.RespondSurvey(r.Context(), a.ID, v.Survey.ID, answers)
	}
	if err == nil {
		return redirect(w, r, "/saya/survei?selesai=1", "ui.flash.survey_answered")
	}
	if !hasFieldErrors(err) && merit.KindOf(err) != merit.KindConflict {
		return err
	}
	v.Errors = errorList(langOf(r), err)
	v.Done = merit.KindOf(err) == merit.KindConflict
	return h.render(w, r, httpstatus.Of(err), "survey", &page{Agency: a, Nav: "survey", Data: v})
}

// surveysView is the data of the staff's survey page.
type surveysView struct {
	Surveys []surveyRow
}

// surveyRow is one survey with its response rate and, when enough
// answered, its results.
type surveyRow struct {
	*sqldb.Survey
	Rate   string // responded of invited; "" without invitations
	Shown  bool   // enough responded for results
	Score  string // 0..1
	Groups []surveyGroup
	Hidden []string // groups too small, pooled into Other
}

// surveyGroup is the score of one group large enough to show, or of the
// pooled small groups (Other).
type surveyGroup struct {
	Name, Score string
	N           int
	Other       bool
}

// showSurveys lists the agency's surveys with their response rate and the
// results of the groups large enough to stay anonymous.
func (h *handler) showSurveys(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	list, err := h.db.Surveys(r.Context(), a.ID)
	if err != nil {
		return err
	}
	lang := langOf(r)
	v := surveysView{}
	for _, s := range list {
		_, res, err := h.db.SurveyResults(r.Context(), a.ID, s.ID)
		if err != nil {
			return err
		}
		row := surveyRow{Survey: s, Shown: res.Shown, Score: scoreText(lang, res.Score), Hidden: res.Hidden}
		if res.Invited > 0 {
			row.Rate = percentText(lang, int(res.ResponseRate))
		}
		for _, g := range res.Groups {
			row.Groups = append(row.Groups, surveyGroup{Name: g.Group, Score: scoreText(lang, g.Score), N: g.Responses})
		}
		if o := res.Other; o != nil {
			row.Groups = append(row.Groups, surveyGroup{Score: scoreText(lang, o.Score), N: o.Responses, Other: true})
		}
		v.Surveys = append(v.Surveys, row)
	}
	return h.render(w, r, http.StatusOK, "survey_results", &page{Agency: a, Nav: "merit", Data: v})
}
