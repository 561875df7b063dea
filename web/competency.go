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
)

// competencyView is the data of the competency page: the dictionary, the
// positions with how many competencies their standard lists, and the JPM
// rule with its versions.
type competencyView struct {
	Kinds     []kindGroup
	Positions []positionStandardRow // the page of the standards list shown
	Base      string                // the page's address, for the search form
	Query     string                // the position name searched for
	Total     int                   // positions the search finds
	pager
	Rule     ruleRow
	Rules    []ruleRow
	CanWrite bool
	Errors   []formError // of the rule or technical competency form
	Form     url.Values  // the posted values, shown again with the errors
}

// ruleRow is one version of the JPM rule, its thresholds as the reader
// writes percentages.
type ruleRow struct {
	competency.Rule
	Meets, StillMeets string
}

// levelChoices are the levels a select offers.
var levelChoices = []uint8{1, 2, 3, 4, 5}

// kindGroup is the dictionary's competencies of one kind.
type kindGroup struct {
	Kind  competency.Kind
	Items []*competency.Competency
}

// positionStandardRow is one position on the standards list.
type positionStandardRow struct {
	Position *sqldb.PositionRow
	Count    int
	Href     string
}

// percentText writes a percentage in basis points as the reader writes it
// ("89,50 %" in Indonesian, "89.50 %" in English).
func percentText(lang string, bp int) string {
	s := strconv.Itoa(bp/100) + "." + strconv.Itoa(bp%100/10) + strconv.Itoa(bp%10)
	if lang != i18n.EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " %"
}

// parsePercent reads a percentage typed as "90", "78,5" or "78.50" into
// basis points.
func parsePercent(fs *merit.Fields, v url.Values, name string) int {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v.Get(name)), "%"))
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		fs.Add(name, "field.not_a_number", v.Get(name))
		return 0
	}
	return int(f*100 + 0.5)
}

// showCompetency is the competency page of an agency.
func (h *handler) showCompetency(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderCompetency(w, r, a, nil, nil)
}

func (h *handler) renderCompetency(w http.ResponseWriter, r *http.Request, a *merit.Agency, form url.Values, formErr error) error {
	ctx := r.Context()
	if err := authorize(r, merit.PermCompetencyRead, a); err != nil {
		return err
	}
	dict, err := h.db.Competencies(ctx, a.ID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	positions, err := h.db.ListPositions(ctx, sqldb.PositionFilter{AgencyID: a.ID, Query: query})
	if err != nil {
		return err
	}
	counts, err := h.db.StandardCounts(ctx, a.ID)
	if err != nil {
		return err
	}
	rules, err := h.db.JPMRules(ctx, a.ID)
	if err != nil {
		return err
	}
	lang := langOf(r)
	base := agencyURL(a, "kompetensi")
	v := competencyView{CanWrite: merit.ActorFrom(ctx).Can(merit.PermCompetencyWrite, a.ID), Form: form,
		Base: base, Query: query, Total: len(positions)}
	for _, rule := range rules {
		v.Rules = append(v.Rules, ruleRow{Rule: rule, Meets: percentText(lang, rule.MeetsMin), StillMeets: percentText(lang, rule.StillMeetsMin)})
	}
	v.Rule, v.Kinds = v.Rules[0], kindGroups(dict)
	pageNo := pageParam(q)
	v.pager = newPager(pageNo, len(positions), func(n int) string { return queryLink(base, url.Values{"q": {query}})(n) + "#standar" })
	for _, p := range pageRows(positions, pageNo) {
		v.Positions = append(v.Positions, positionStandardRow{Position: p, Count: counts[p.ID], Href: agencyURL(a, "kompetensi", "jabatan", p.ID)})
	}
	status := http.StatusOK
	if formErr != nil {
		status = httpstatus.Of(formErr)
		v.Errors = errorList(lang, formErr)
	}
	return h.render(w, r, status, "competency", &page{Agency: a, Nav: "competency", Data: v})
}

// kindGroups splits the dictionary by kind, in competency.Kinds order.
func kindGroups(dict []*competency.Competency) []kindGroup {
	var out []kindGroup
	for _, k := range competency.Kinds {
		g := kindGroup{Kind: k}
		for _, c := range dict {
			if c.Kind == k {
				g.Items = append(g.Items, c)
			}
		}
		out = append(out, g)
	}
	return out
}

// errorList turns an error into the lines of the error summary.
func errorList(lang string, err error) []formError {
	fs := merit.FieldsOf(err)
	if len(fs) == 0 {
		return []formError{{Text: i18n.Error(lang, err)}}
	}
	out := make([]formError, len(fs))
	for i, f := range fs {
		out[i] = formError{Text: i18n.T(lang, "field."+fieldLabel(f.Field)) + ": " + i18n.Field(lang, f)}
	}
	return out
}

// fieldLabel is the label key of a field name, without any index
// ("levels[2]" → "levels").
func fieldLabel(name string) string {
	if i := strings.IndexAny(name, "[."); i > 0 {
		return name[:i]
	}
	return name
}

// setJPMRule stores a new version of the agency's JPM rule.
func (h *handler) setJPMRule(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	var fs merit.Fields
	rule := &competency.Rule{MeetsMin: parsePercent(&fs, r.PostForm, "meetsMin"), StillMeetsMin: parsePercent(&fs, r.PostForm, "stillMeetsMin"),
		Basis: strings.TrimSpace(r.PostForm.Get("basis")), Unverified: r.PostForm.Get("unverified") != ""}
	if rule.Basis == "" {
		fs.Add("basis", "field.required", "")
	}
	err = fs.Err("web.setJPMRule")
	if err == nil {
		err = h.db.SetJPMRule(r.Context(), a.ID, rule)
	} else if aerr := authorize(r, merit.PermCompetencyWrite, a); aerr != nil {
		err = aerr
	}
	if hasFieldErrors(err) {
		return h.renderCompetency(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "kompetensi"), "ui.flash.jpm_rule_saved", rule.Version)
}

// createTechnical adds a technical competency to the agency's dictionary.
func (h *handler) createTechnical(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	c := &competency.Competency{AgencyID: a.ID, Kind: competency.KindTeknis, Code: r.PostForm.Get("code"), Name: r.PostForm.Get("name"),
		Description: r.PostForm.Get("description")}
	for lv := competency.MinLevel; lv <= competency.MaxLevel; lv++ {
		c.Levels = append(c.Levels, r.PostForm.Get("level"+strconv.Itoa(lv)))
	}
	err = h.db.SaveTechnicalCompetency(r.Context(), c)
	if hasFieldErrors(err) || merit.KindOf(err) == merit.KindConflict {
		return h.renderCompetency(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "kompetensi"), "ui.flash.competency_created", c.Name)
}

// standardView is the data of a position's standard form.
type standardView struct {
	Position *merit.Position
	Kinds    []kindGroup
	Levels   map[int64]uint8 // required level per competency ID
	Choices  []uint8
	Errors   []formError
	CanWrite bool
	Action   string
	Back     string
}

// showStandard shows (and, for writers, edits) a position's standard.
func (h *handler) showStandard(w http.ResponseWriter, r *http.Request) error {
	return h.standardPage(w, r, nil, nil)
}

func (h *handler) standardPage(w http.ResponseWriter, r *http.Request, posted *competency.Standard, formErr error) error {
	ctx := r.Context()
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	pos, err := h.position(r, a)
	if err != nil {
		return err
	}
	dict, err := h.db.Competencies(ctx, a.ID)
	if err != nil {
		return err
	}
	std := posted
	if std == nil {
		if std, err = h.db.Standard(ctx, a.ID, pos.ID); err != nil {
			return err
		}
	}
	v := standardView{Position: pos, Levels: map[int64]uint8{}, Choices: levelChoices, CanWrite: merit.ActorFrom(ctx).Can(merit.PermCompetencyWrite, a.ID),
		Action: agencyURL(a, "kompetensi", "jabatan", pos.ID), Back: agencyURL(a, "kompetensi")}
	v.Kinds = kindGroups(dict)
	for _, req := range std.Requirements {
		v.Levels[req.CompetencyID] = req.Level
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "competency_standard", &page{Agency: a, Nav: "competency", Data: v})
}

// position returns the position named by the path.
func (h *handler) position(r *http.Request, a *merit.Agency) (*merit.Position, error) {
	id, err := pathID(r, "position")
	if err != nil {
		return nil, err
	}
	return h.findPosition(r, a, id)
}

// findPosition returns one of the agency's positions by ID.
func (h *handler) findPosition(r *http.Request, a *merit.Agency, id int64) (*merit.Position, error) {
	positions, err := h.db.FindPositions(r.Context(), a.ID, 0)
	if err != nil {
		return nil, err
	}
	for _, p := range positions {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "web.findPosition", "err.not_found")
}

// saveStandard replaces a position's standard with the levels posted as
// level-<competencyID> (blank: not required).
func (h *handler) saveStandard(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	pos, err := h.position(r, a)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	std := &competency.Standard{AgencyID: a.ID, PositionID: pos.ID, Requirements: []competency.Requirement{}}
	var fs merit.Fields
	for _, l := range levelsFromForm(&fs, r.PostForm) {
		std.Requirements = append(std.Requirements, competency.Requirement(l))
	}
	err = fs.Err("web.saveStandard")
	if err == nil {
		err = h.db.SaveStandard(r.Context(), std)
	} else if aerr := authorize(r, merit.PermCompetencyWrite, a); aerr != nil {
		err = aerr
	}
	if hasFieldErrors(err) {
		return h.standardPage(w, r, std, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "kompetensi"), "ui.flash.standard_saved", pos.Name)
}

// levelsFromForm reads the fields level-<competencyID> that hold a level.
func levelsFromForm(fs *merit.Fields, v url.Values) []competency.Level {
	var out []competency.Level
	for key, vals := range v {
		idText, ok := strings.CutPrefix(key, "level-")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		id, err1 := strconv.ParseInt(idText, 10, 64)
		lv, err2 := strconv.Atoi(strings.TrimSpace(vals[0]))
		if err1 != nil || err2 != nil {
			fs.Add("levels", "field.not_a_number", vals[0])
			continue
		}
		out = append(out, competency.Level{CompetencyID: id, Level: uint8(min(max(lv, 0), 255))})
	}
	return out
}
