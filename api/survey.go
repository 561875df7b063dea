package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit/evaluation"
	"merit/sqldb"
)

// registerSurvey adds the employee survey of the 2025 framework: the
// agency's surveys and their results for readers of its evaluation,
// preparing, opening and closing them for its writers, and for the
// signed-in employee the open surveys of their agency and one anonymous
// answer to each.
func (h *handlers) registerSurvey(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const (
		agency = "/agencies/{agency}"
		survey = agency + "/surveys/{survey}"
		tag    = "survey"
	)
	get, post := http.MethodGet, http.MethodPost
	huma.Register(api, op("list-surveys", get, agency+"/surveys", tag, "The agency's employee surveys with response counts", 0, 401, 403, 404), h.listSurveys)
	huma.Register(api, op("create-survey", post, agency+"/surveys", tag,
		"Prepare a survey: questions on a 1..scaleMax scale, in dimensions (kepuasan, keterlibatan)", http.StatusCreated, 401, 403, 404), h.createSurvey)
	huma.Register(api, op("get-survey", get, survey, tag, "A survey with its questions", 0, 401, 403, 404), h.getSurvey)
	huma.Register(api, op("open-survey", post, survey+"/open", tag,
		"Open a prepared survey; the agency's employees now are the invited (the base of the response rate)", 0, 401, 403, 404, 409), h.openSurvey)
	huma.Register(api, op("close-survey", post, survey+"/close", tag, "Close an open survey", 0, 401, 403, 404, 409), h.closeSurvey)
	results := op("get-survey-results", get, survey+"/results", tag, "The survey's results as far as anonymity allows", 0, 401, 403, 404)
	results.Description = "The response rate always; answers only once at least minGroupSize responded; per group (top-level unit) only " +
		"for groups of at least minGroupSize, smaller ones pooled and named without numbers."
	huma.Register(api, results, h.surveyResults)

	huma.Register(api, op("list-my-surveys", get, "/me/surveys", tag, "The open surveys of the signed-in employee's agency", 0, 401, 404), h.mySurveys)
	huma.Register(api, op("get-my-survey", get, "/me/surveys/{survey}", tag, "An open survey of the employee's agency, to answer", 0, 401, 404), h.mySurvey)
	respond := op("respond-survey", post, "/me/surveys/{survey}/responses", tag,
		"Answer an open survey, once; the answers are stored without any link to the employee", http.StatusNoContent, 401, 404, 409)
	respond.Description = "That the employee answered is recorded apart from what was answered; a second answer is 409. " +
		"The answers keep only the day and the employee's top-level unit as the group."
	huma.Register(api, respond, h.respondSurvey)
}

// SurveyPath names a survey of the agency.
type SurveyPath struct {
	AgencyPath
	Survey string `path:"survey" maxLength:"20" doc:"Survey ID"`
}

func (p *SurveyPath) ids(ctx context.Context) (agency, survey int64, err error) {
	if agency, err = agencyID(ctx, p.Agency); err != nil {
		return 0, 0, err
	}
	survey, err = pathNumber(p.Survey)
	return agency, survey, err
}

// MySurveyPath names a survey of the signed-in employee's agency.
type MySurveyPath struct {
	Survey string `path:"survey" maxLength:"20" doc:"Survey ID"`
}

func (h *handlers) listSurveys(ctx context.Context, in *AgencyPath) (*itemsOutput[*sqldb.Survey], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.Surveys(ctx, id))
}

// surveyBody prepares a survey.
type surveyBody struct {
	Year         int                   `json:"year" minimum:"2015" maximum:"9999"`
	Title        string                `json:"title" maxLength:"200"`
	ScaleMax     int                   `json:"scaleMax,omitempty" minimum:"0" maximum:"10" doc:"Default 5 (Likert 1-5)"`
	MinGroupSize int                   `json:"minGroupSize,omitempty" minimum:"0" maximum:"1000" doc:"Default 10"`
	Questions    []evaluation.Question `json:"questions" maxItems:"100"`
}

func (h *handlers) createSurvey(ctx context.Context, in *struct {
	AgencyPath
	Body surveyBody
}) (*created[*sqldb.Survey], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b := in.Body
	s := &sqldb.Survey{Title: b.Title}
	s.AgencyID, s.Year, s.ScaleMax, s.MinGroupSize, s.Questions = id, b.Year, b.ScaleMax, b.MinGroupSize, b.Questions
	if err := h.db.CreateSurvey(ctx, s); err != nil {
		return nil, err
	}
	return &created[*sqldb.Survey]{Location: prefix + "/agencies/" + in.Agency + "/surveys/" + strconv.FormatInt(s.ID, 10), Body: s}, nil
}

func (h *handlers) getSurvey(ctx context.Context, in *SurveyPath) (*output[*sqldb.Survey], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return surveyOut(h.db.FindSurvey(ctx, agency, id))
}

func surveyOut(s *sqldb.Survey, err error) (*output[*sqldb.Survey], error) {
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.Survey]{Body: s}, nil
}

func (h *handlers) openSurvey(ctx context.Context, in *SurveyPath) (*output[*sqldb.Survey], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return surveyOut(h.db.OpenSurvey(ctx, agency, id))
}

func (h *handlers) closeSurvey(ctx context.Context, in *SurveyPath) (*output[*sqldb.Survey], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return surveyOut(h.db.CloseSurvey(ctx, agency, id))
}

// surveyResultsOut is a survey and what may be shown of its answers.
type surveyResultsOut struct {
	Survey  *sqldb.Survey            `json:"survey"`
	Results *evaluation.SurveyResult `json:"results"`
}

func (h *handlers) surveyResults(ctx context.Context, in *SurveyPath) (*output[surveyResultsOut], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	s, r, err := h.db.SurveyResults(ctx, agency, id)
	if err != nil {
		return nil, err
	}
	return &output[surveyResultsOut]{Body: surveyResultsOut{Survey: s, Results: r}}, nil
}

func (h *handlers) mySurveys(ctx context.Context, _ *struct{}) (*itemsOutput[*sqldb.Survey], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.OpenSurveys(ctx, g.AgencyID))
}

func (h *handlers) mySurvey(ctx context.Context, in *MySurveyPath) (*output[*sqldb.Survey], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	id, err := pathNumber(in.Survey)
	if err != nil {
		return nil, err
	}
	return surveyOut(h.db.FindSurvey(ctx, g.AgencyID, id))
}

func (h *handlers) respondSurvey(ctx context.Context, in *struct {
	MySurveyPath
	Body struct {
		Answers []int `json:"answers" maxItems:"100" doc:"One per question in order, 1..scaleMax; 0 leaves a question unanswered"`
	}
}) (*struct{}, error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	id, err := pathNumber(in.Survey)
	if err != nil {
		return nil, err
	}
	return nil, h.db.RespondSurvey(ctx, g.AgencyID, id, in.Body.Answers)
}
