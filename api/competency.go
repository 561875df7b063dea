package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/competency"
	"merit/sqldb"
)

// The competency writes and the permission their store methods check,
// added to writePermissions so authorizeFirst answers before the body is read.
func init() {
	writePermissions["set-standard"] = merit.PermCompetencyWrite
	writePermissions["create-jpm-rule"] = merit.PermCompetencyWrite
	writePermissions["create-assessment"] = merit.PermCompetencyWrite
}

// registerCompetency adds the competency operations: the dictionary,
// standards (SKJ), the versioned JPM rule, assessment results, an
// employee's JPM with gaps and development records.
func (h *handlers) registerCompetency(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const agency = "/agencies/{agency}"
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	huma.Register(api, op("list-competencies", get, agency+"/competencies", "competency",
		"The competency dictionary: PermenPANRB 38/2017 managerial and socio-cultural competencies, then the agency's technical ones, with level descriptions", 0, 401, 403, 404), h.listCompetencies)
	huma.Register(api, op("list-standards", get, agency+"/standards", "competency",
		"Competency standards (SKJ) of the agency's positions, or of one position", 0, 401, 403, 404), h.listStandards)
	huma.Register(api, op("set-standard", put, agency+"/standards", "competency",
		"Replace the standard of a position: the required level (1–5) per competency", 0, 401, 403, 404), h.setStandard)
	rules := op("list-jpm-rules", get, agency+"/jpm-rules", "competency", "The JPM rule versions, newest (current) first, ending with the built-in default", 0, 401, 403, 404)
	rules.Description = "JPM % = Σ min(actual, required) ÷ Σ required over the standard's competencies, in hundredths of a percent; " +
		"the category is decided on that rounded figure, each lower bound inclusive."
	huma.Register(api, rules, h.listJPMRules)
	huma.Register(api, op("create-jpm-rule", post, agency+"/jpm-rules", "competency",
		"Set new JPM thresholds (a new version; old results stay explainable)", http.StatusCreated, 401, 403, 404), h.createJPMRule)
	huma.Register(api, op("list-assessments", get, agency+"/assessments", "competency",
		"Assessment results, newest first, a page at a time", 0, 401, 403, 404), h.listAssessments)
	huma.Register(api, op("create-assessment", post, agency+"/assessments", "competency",
		"Add an assessment result of an employee", http.StatusCreated, 401, 403, 404), h.createAssessment)
	huma.Register(api, op("get-employee-competency", get, agency+"/employees/{id}/competency", "competency",
		"An employee's assessment results and JPM with the gap per competency, against the current position and optionally a target position", 0, 401, 403, 404), h.employeeCompetency)
	huma.Register(api, op("get-employee-development", get, agency+"/employees/{id}/development", "competency",
		"An employee's coaching and mentoring sessions, development plans, riwayat diklat and JP progress towards 20 a year", 0, 401, 403, 404), h.employeeDevelopment)
}

// competencyReader returns the agency's ID for a caller holding
// PermCompetencyRead there. The store also shows the dictionary and the
// rule to the agency's employees (for their own results); through the API,
// which serves the agency's tools, these lists need the permission.
func competencyReader(ctx context.Context, code string) (int64, error) {
	id, err := agencyID(ctx, code)
	if err != nil {
		return 0, err
	}
	return id, merit.Authorize(ctx, merit.PermCompetencyRead, id)
}

func (h *handlers) listCompetencies(ctx context.Context, in *AgencyPath) (*itemsOutput[*competency.Competency], error) {
	id, err := competencyReader(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.Competencies(ctx, id))
}

type standardsInput struct {
	AgencyPath
	Position int64 `query:"position" doc:"Only this position's standard"`
}

func (h *handlers) listStandards(ctx context.Context, in *standardsInput) (*itemsOutput[*competency.Standard], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	var positions []int64
	if in.Position != 0 {
		positions = []int64{in.Position}
	} else {
		counts, err := h.db.StandardCounts(ctx, id)
		if err != nil {
			return nil, err
		}
		for p := range counts {
			positions = append(positions, p)
		}
	}
	out := []*competency.Standard{}
	for _, p := range positions {
		s, err := h.db.Standard(ctx, id, p)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return list(out, nil)
}

func (h *handlers) setStandard(ctx context.Context, in *struct {
	AgencyPath
	Body competency.Standard
}) (*output[*competency.Standard], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s := &in.Body
	s.AgencyID = id
	if s.Requirements == nil {
		s.Requirements = []competency.Requirement{}
	}
	if err := h.db.SaveStandard(ctx, s); err != nil {
		return nil, err
	}
	return &output[*competency.Standard]{Body: s}, nil
}

func (h *handlers) listJPMRules(ctx context.Context, in *AgencyPath) (*itemsOutput[competency.Rule], error) {
	id, err := competencyReader(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.JPMRules(ctx, id))
}

// ruleBody is a new version of the JPM thresholds.
type ruleBody struct {
	MeetsMin      int    `json:"meetsMin" doc:"Lowest percentage, in hundredths (9000 = 90.00 %), that is memenuhi syarat"`
	StillMeetsMin int    `json:"stillMeetsMin" doc:"Lowest percentage, in hundredths, that is masih memenuhi syarat"`
	Basis         string `json:"basis" maxLength:"500" doc:"Legal basis or reason"`
	Unverified    bool   `json:"unverified,omitempty"`
}

func (h *handlers) createJPMRule(ctx context.Context, in *struct {
	AgencyPath
	Body ruleBody
}) (*output[*competency.Rule], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	r := &competency.Rule{MeetsMin: in.Body.MeetsMin, StillMeetsMin: in.Body.StillMeetsMin, Basis: in.Body.Basis, Unverified: in.Body.Unverified}
	if err := h.db.SetJPMRule(ctx, id, r); err != nil {
		return nil, err
	}
	return &output[*competency.Rule]{Body: r}, nil
}

type assessmentsInput struct {
	AgencyPath
	Employee int64 `query:"employee" doc:"Only this employee's results"`
	Limit    int   `query:"limit" minimum:"0" maximum:"1000" doc:"Page size (default 50)"`
	Offset   int   `query:"offset" minimum:"0"`
}

// assessmentPage is one page of results and the total.
type assessmentPage struct {
	Items []*competency.Assessment `json:"items"`
	Total int                      `json:"total"`
}

func (h *handlers) listAssessments(ctx context.Context, in *assessmentsInput) (*output[assessmentPage], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	items, total, err := h.db.FindAssessments(ctx, id, sqldb.AssessmentFilter{EmployeeID: in.Employee, Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []*competency.Assessment{}
	}
	return &output[assessmentPage]{Body: assessmentPage{Items: items, Total: total}}, nil
}

func (h *handlers) createAssessment(ctx context.Context, in *struct {
	AgencyPath
	Body competency.Assessment
}) (*output[*competency.Assessment], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	a := &in.Body
	a.AgencyID, a.ID = id, 0
	if err := h.db.CreateAssessment(ctx, a); err != nil {
		return nil, err
	}
	return &output[*competency.Assessment]{Body: a}, nil
}

// jpmResult is JPM against one position's standard.
type jpmResult struct {
	PositionID  int64               `json:"positionId"`
	Percent     int                 `json:"percent" doc:"Hundredths of a percent: 8889 = 88.89 %"`
	Category    competency.Category `json:"category" doc:"MS (memenuhi syarat), MMS (masih memenuhi syarat), KMS (kurang memenuhi syarat), none (no standard)"`
	RuleVersion int                 `json:"ruleVersion"`
	Gaps        []gapItem           `json:"gaps"`
}

// gapItem is one competency of the standard: required, actual (0 = not assessed) and their difference.
type gapItem struct {
	CompetencyID int64 `json:"competencyId"`
	Required     uint8 `json:"required"`
	Actual       uint8 `json:"actual"`
	Gap          int   `json:"gap"`
}

// employeeCompetency is an employee's results and JPM.
type employeeCompetency struct {
	Assessments []*competency.Assessment `json:"assessments" doc:"Newest (current) first"`
	Current     *jpmResult               `json:"current,omitempty" doc:"Against the position held; absent without a position"`
	Target      *jpmResult               `json:"target,omitempty" doc:"Against the target position asked for"`
}

type employeeCompetencyInput struct {
	IDPath
	Target int64 `query:"target" doc:"A target position to match against"`
}

func (h *handlers) employeeCompetency(ctx context.Context, in *employeeCompetencyInput) (*output[employeeCompetency], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	e, err := h.db.FindEmployeeByID(ctx, id, in.ID)
	if err != nil {
		return nil, err
	}
	as, _, err := h.db.FindAssessments(ctx, id, sqldb.AssessmentFilter{EmployeeID: e.ID, Limit: 100})
	if err != nil {
		return nil, err
	}
	rule, err := h.db.JPMRule(ctx, id)
	if err != nil {
		return nil, err
	}
	var levels []competency.Level
	if len(as) > 0 {
		levels = as[0].Levels
	}
	match := func(positionID int64) (*jpmResult, error) {
		std, err := h.db.Standard(ctx, id, positionID)
		if err != nil {
			return nil, err
		}
		required, actual := competency.Align(std.Requirements, levels)
		m := rule.Match(required, actual)
		r := &jpmResult{PositionID: positionID, Percent: m.Percent, Category: m.Category, RuleVersion: rule.Version, Gaps: []gapItem{}}
		for i, g := range competency.Gaps(nil, required, actual) {
			r.Gaps = append(r.Gaps, gapItem{CompetencyID: std.Requirements[i].CompetencyID, Required: required[i], Actual: actual[i], Gap: int(g)})
		}
		return r, nil
	}
	out := employeeCompetency{Assessments: as}
	if out.Assessments == nil {
		out.Assessments = []*competency.Assessment{}
	}
	if e.PositionID != 0 {
		if out.Current, err = match(e.PositionID); err != nil {
			return nil, err
		}
	}
	if in.Target != 0 {
		if out.Target, err = match(in.Target); err != nil {
			return nil, err
		}
	}
	return &output[employeeCompetency]{Body: out}, nil
}

type developmentInput struct {
	IDPath
	Year int `query:"year" minimum:"0" maximum:"2100" doc:"Year of the JP progress (default: this year)"`
}

func (h *handlers) employeeDevelopment(ctx context.Context, in *developmentInput) (*output[*sqldb.Development], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	year := in.Year
	if year == 0 {
		year = merit.Today().Year()
	}
	d, err := h.db.EmployeeDevelopment(ctx, id, in.ID, year)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.Development]{Body: d}, nil
}
