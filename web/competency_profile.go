package web

import (
	"html/template"
	"net/http"
	"strconv"

	"merit"
	"merit/competency"
	"merit/i18n"
	"merit/sqldb"
	"merit/web/chart"
)

// matchView is JPM against one position: the percentage, the category and
// a row per competency of the position's standard.
type matchView struct {
	Label    string // i18n key of the heading, with the position's name
	Position *merit.Position
	Percent  string // as the reader writes it
	Category string // MS, MMS, KMS or none
	Rows     []gapRow
	Chart    template.HTML // spider chart of required against actual levels
}

// profileTabs are the links between an employee's profile pages: data
// utama, competency and development. Base is the profile's path.
type profileTabs struct {
	Base   string
	Active string // profile, competency or development
}

// gapRow is one competency of a standard: required, actual and the gap.
type gapRow struct {
	Name     string
	Kind     competency.Kind
	Required uint8
	Actual   uint8
	Gap      int
}

// competencyProfileView is the data of an employee's competency tab.
type competencyProfileView struct {
	Employee    *merit.Employee
	Base        string // the profile's path
	Self        bool
	Tabs        profileTabs
	Meets       string // the rule's thresholds as the reader writes them
	StillMeets  string
	Current     *competency.Assessment // nil when never assessed
	Assessments []*competency.Assessment
	Names       map[int64]string // competency names by ID
	Rule        competency.Rule
	Match       *matchView // against the current position; nil without a position
	Target      *matchView // against the target position picked, if any
	TargetID    int64
	Positions   []*merit.Position // choices for the target position
	CanWrite    bool
	NewHref     string
}

// showEmployeeCompetency is the competency tab of an employee's profile.
func (h *handler) showEmployeeCompetency(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	// The operators' tab; an employee reads his own on /saya/kompetensi.
	if err := authorize(r, merit.PermCompetencyRead, a); err != nil {
		return err
	}
	v, err := h.competencyProfile(r, a, e)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "competency_profile", &page{Agency: a, Nav: "employees", Data: v})
}

// showSelfCompetency is the employee's own competency results (/saya/kompetensi).
func (h *handler) showSelfCompetency(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	v, err := h.competencyProfile(r, a, e)
	if err != nil {
		return err
	}
	v.Self, v.Base, v.CanWrite = true, "/saya", false
	v.Tabs.Base = "/saya"
	return h.render(w, r, http.StatusOK, "competency_profile", &page{Agency: a, Nav: "self", Data: v})
}

// competencyProfile gathers the employee's results, the JPM against the
// current position and, when ?target= names a position, against it.
func (h *handler) competencyProfile(r *http.Request, a *merit.Agency, e *merit.Employee) (*competencyProfileView, error) {
	ctx := r.Context()
	lang := langOf(r)
	v := &competencyProfileView{Employee: e, Base: agencyURL(a, "pegawai", e.ID), Names: map[int64]string{},
		CanWrite: merit.ActorFrom(ctx).Can(merit.PermCompetencyWrite, a.ID),
		NewHref:  agencyURL(a, "asesmen", "baru") + "?pegawai=" + idValue(e.ID)}
	dict, err := h.db.Competencies(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*competency.Competency{}
	for _, c := range dict {
		byID[c.ID], v.Names[c.ID] = c, c.Name
	}
	if v.Assessments, _, err = h.db.FindAssessments(ctx, a.ID, sqldbAssessmentsOf(e.ID)); err != nil {
		return nil, err
	}
	if len(v.Assessments) > 0 {
		v.Current = v.Assessments[0]
	}
	if v.Rule, err = h.db.JPMRule(ctx, a.ID); err != nil {
		return nil, err
	}
	v.Meets, v.StillMeets = percentText(lang, v.Rule.MeetsMin), percentText(lang, v.Rule.StillMeetsMin)
	v.Tabs = profileTabs{Base: v.Base, Active: "competency"}
	var levels []competency.Level
	if v.Current != nil {
		levels = v.Current.Levels
	}
	match := func(positionID int64) (*matchView, error) {
		pos, err := h.findPositionFor(r, a, e, positionID)
		if err != nil {
			return nil, err
		}
		std, err := h.db.Standard(ctx, a.ID, positionID)
		if err != nil {
			return nil, err
		}
		return buildMatch(lang, pos, std, levels, byID, v.Rule), nil
	}
	if e.PositionID != 0 {
		if v.Match, err = match(e.PositionID); err != nil {
			return nil, err
		}
		v.Match.Label = "ui.jpm.current"
	}
	if t, err := strconv.ParseInt(r.URL.Query().Get("target"), 10, 64); err == nil && t > 0 {
		v.TargetID = t
		if v.Target, err = match(t); err != nil {
			return nil, err
		}
		v.Target.Label = "ui.jpm.against_target"
	}
	if !v.Self && merit.ActorFrom(ctx).Can(merit.PermRead, a.ID) {
		if v.Positions, err = h.db.FindPositions(ctx, a.ID, 0); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// findPositionFor returns a position by ID for the competency tab. An
// employee reading his own tab may not list positions, so his own position
// is answered from his record.
func (h *handler) findPositionFor(r *http.Request, a *merit.Agency, e *merit.Employee, id int64) (*merit.Position, error) {
	if id == e.PositionID && !merit.ActorFrom(r.Context()).Can(merit.PermRead, a.ID) {
		return &merit.Position{AgencyID: a.ID, ID: id, Name: e.PositionName, Jenis: e.Jenis}, nil
	}
	return h.findPosition(r, a, id)
}

// buildMatch computes JPM and the gaps of levels against a standard, with
// the spider chart.
func buildMatch(lang string, pos *merit.Position, std *competency.Standard, levels []competency.Level,
	byID map[int64]*competency.Competency, rule competency.Rule) *matchView {
	required, actual := competency.Align(std.Requirements, levels)
	m := rule.Match(required, actual)
	gaps := competency.Gaps(nil, required, actual)
	v := &matchView{Position: pos, Percent: percentText(lang, m.Percent), Category: m.Category.String()}
	var labels []string
	req, act := make([]int, len(required)), make([]int, len(required))
	for i, r := range std.Requirements {
		name := strconv.FormatInt(r.CompetencyID, 10)
		kind := competency.KindTeknis
		if c := byID[r.CompetencyID]; c != nil {
			name, kind = c.Name, c.Kind
		}
		v.Rows = append(v.Rows, gapRow{Name: name, Kind: kind, Required: required[i], Actual: actual[i], Gap: int(gaps[i])})
		labels = append(labels, name)
		req[i], act[i] = int(required[i]), int(actual[i])
	}
	v.Chart = chart.Radar(i18n.T(lang, "ui.jpm.chart", pos.Name), 460, competency.MaxLevel, labels, []chart.Series{
		{Name: i18n.T(lang, "ui.jpm.required"), Class: "required", Values: req},
		{Name: i18n.T(lang, "ui.jpm.actual"), Class: "actual", Values: act},
	})
	return v
}

// sqldbAssessmentsOf is the filter for one employee's results, newest first.
func sqldbAssessmentsOf(employeeID int64) sqldb.AssessmentFilter {
	return sqldb.AssessmentFilter{EmployeeID: employeeID, Limit: 100}
}
