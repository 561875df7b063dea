package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/performance"
	"merit/talent"
)

// talentRuleRoutes registers the page of the talent rule sets: the
// versions, and a form that stores a new version made from an existing one
// (the API had the only way to do it).
func (h *handler) talentRuleRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/talenta/aturan", h.member(h.showTalentRules))
	mux.Handle("POST /a/{agency}/talenta/aturan", h.member(h.saveTalentRules))
}

// talentRulesView is the data of the rule sets page.
type talentRulesView struct {
	Versions []ruleVersionView
	Pool     string // the talent pool's boxes, e.g. "7, 8, 9"
	PoolHref string
	Grid     string
	Form     *formView // nil for a reader without PermTalentWrite
	From     int       // the version the form starts from
}

// ruleVersionView is one version in the list.
type ruleVersionView struct {
	*talent.RuleSet
	Years     string
	Composite string // potensial: assessment / JPM / track record weights
	Track     string // track record: education / training / experience weights
	UseHref   string
	Chosen    bool
}

// talentRuleFields are the form's fields, named as RuleSet.Validate names
// its errors, so each message lands on its input. The predikat mapping,
// the education scores and the training and experience bands are copied
// from the version the form starts from.
var talentRuleFields = []struct {
	section string
	names   []string
}{
	{"talent.rules.section.general", []string{"basis", "scheme"}},
	{"talent.rules.section.performance", []string{"performance.years", "performance.medium", "performance.high"}},
	{"talent.rules.section.potential", []string{"potential.assessmentWeight", "potential.competencyWeight",
		"potential.trackRecordWeight", "potential.medium", "potential.high"}},
	{"talent.rules.section.track", []string{"potential.educationWeight", "potential.trainingWeight",
		"potential.experienceWeight", "potential.trainingYears"}},
}

// ruleValues are the form values of a rule set.
func ruleValues(r *talent.RuleSet) url.Values {
	p, q := &r.Performance, &r.Potential
	itoa := strconv.Itoa
	return url.Values{
		"basis": {r.Basis}, "scheme": {string(r.Scheme)}, "performance.years": {itoa(p.Years)},
		"performance.medium": {p.Medium.String()}, "performance.high": {p.High.String()},
		"potential.assessmentWeight": {itoa(q.AssessmentWeight)}, "potential.competencyWeight": {itoa(q.CompetencyWeight)},
		"potential.trackRecordWeight": {itoa(q.TrackRecordWeight)}, "potential.medium": {q.Medium.String()},
		"potential.high": {q.High.String()}, "potential.educationWeight": {itoa(q.EducationWeight)},
		"potential.trainingWeight": {itoa(q.TrainingWeight)}, "potential.experienceWeight": {itoa(q.ExperienceWeight)},
		"potential.trainingYears": {itoa(q.TrainingYears)},
	}
}

// parseRuleForm returns a copy of base with the posted values; values that
// are no number are field errors.
func parseRuleForm(base *talent.RuleSet, v url.Values) (*talent.RuleSet, merit.Fields) {
	var fs merit.Fields
	r := *base
	r.Version, r.CreatedBy = 0, ""
	r.Basis, r.Scheme = v.Get("basis"), talent.Scheme(v.Get("scheme"))
	score := func(name string) talent.Score {
		h, err := performance.ParseHundredths(v.Get(name))
		if err != nil {
			fs.Add(name, "field.not_a_number", v.Get(name))
		}
		return talent.Score(h)
	}
	p, q := &r.Performance, &r.Potential
	p.Years = parseInt(&fs, v, "performance.years")
	p.Medium, p.High = score("performance.medium"), score("performance.high")
	q.AssessmentWeight = parseInt(&fs, v, "potential.assessmentWeight")
	q.CompetencyWeight = parseInt(&fs, v, "potential.competencyWeight")
	q.TrackRecordWeight = parseInt(&fs, v, "potential.trackRecordWeight")
	q.Medium, q.High = score("potential.medium"), score("potential.high")
	q.EducationWeight = parseInt(&fs, v, "potential.educationWeight")
	q.TrainingWeight = parseInt(&fs, v, "potential.trainingWeight")
	q.ExperienceWeight = parseInt(&fs, v, "potential.experienceWeight")
	q.TrainingYears = parseInt(&fs, v, "potential.trainingYears")
	return &r, fs
}

// showTalentRules lists the rule set versions and, for a talent writer,
// the form of a new version starting from ?dari= (default the latest).
func (h *handler) showTalentRules(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	from := -1 // the latest
	if s := r.URL.Query().Get("dari"); s != "" {
		from, _ = strconv.Atoi(s)
	}
	return h.renderTalentRules(w, r, a, from, nil, nil)
}

// saveTalentRules stores the posted rule set as the agency's next version.
func (h *handler) saveTalentRules(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermTalentWrite)
	if err != nil {
		return err
	}
	from, _ := strconv.Atoi(r.PostForm.Get("from"))
	base, err := h.db.TalentRuleSet(r.Context(), a.ID, from)
	if merit.KindOf(err) == merit.KindNotFound {
		return h.renderTalentRules(w, r, a, -1, r.PostForm, merit.Fields{{Field: "from", Code: "talent.err.rule_version",
			Value: r.PostForm.Get("from")}}.Err("web.saveTalentRules"))
	}
	if err != nil {
		return err
	}
	rules, unread := parseRuleForm(base, r.PostForm)
	if len(unread) > 0 {
		// Show every message at once: what could not be read, then the
		// rules' own checks of the other fields.
		bad := map[string]bool{}
		for _, f := range unread {
			bad[f.Field] = true
		}
		for _, f := range merit.FieldsOf(rules.Validate()) {
			if !bad[f.Field] {
				unread = append(unread, f)
			}
		}
		err = unread.Err("web.saveTalentRules")
	} else {
		err = h.db.SaveTalentRuleSet(r.Context(), a.ID, rules)
	}
	if hasFieldErrors(err) {
		return h.renderTalentRules(w, r, a, from, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "talenta", "aturan")+"?dari="+strconv.Itoa(rules.Version), "ui.flash.talent_rules_saved", rules.Version)
}

func (h *handler) renderTalentRules(w http.ResponseWriter, r *http.Request, a *merit.Agency, from int, posted url.Values, formErr error) error {
	ctx := r.Context()
	if err := authorize(r, merit.PermTalentRead, a); err != nil {
		return err
	}
	lang := langOf(r)
	sets, err := h.db.TalentRuleSets(ctx, a.ID)
	if err != nil {
		return err
	}
	pool, err := h.db.PoolRule(ctx, a.ID)
	if err != nil {
		return err
	}
	v := talentRulesView{PoolHref: agencyURL(a, "suksesi"), Grid: agencyURL(a, "talenta")}
	var boxes []string
	for _, b := range pool.Boxes {
		boxes = append(boxes, strconv.Itoa(b))
	}
	v.Pool = strings.Join(boxes, ", ")
	base := sets[len(sets)-1] // the latest, unless from names another
	for _, rs := range sets {
		if rs.Version == from {
			base = rs
		}
	}
	v.From = base.Version
	for i := len(sets) - 1; i >= 0; i-- { // the newest first
		rs := sets[i]
		q := &rs.Potential
		v.Versions = append(v.Versions, ruleVersionView{RuleSet: rs, Years: i18n.T(lang, "talent.rules.years_"+strconv.Itoa(rs.Performance.Years)),
			Composite: strconv.Itoa(q.AssessmentWeight) + " / " + strconv.Itoa(q.CompetencyWeight) + " / " + strconv.Itoa(q.TrackRecordWeight),
			Track:     strconv.Itoa(q.EducationWeight) + " / " + strconv.Itoa(q.TrainingWeight) + " / " + strconv.Itoa(q.ExperienceWeight),
			UseHref:   agencyURL(a, "talenta", "aturan") + "?dari=" + strconv.Itoa(rs.Version) + "#rules-form",
			Chosen:    rs.Version == base.Version})
	}
	status := http.StatusOK
	if formErr != nil {
		status = httpstatus.Of(formErr)
	}
	if merit.ActorFrom(ctx).Can(merit.PermTalentWrite, a.ID) {
		f := &formView{Action: agencyURL(a, "talenta", "aturan"), Submit: "talent.rules.submit"}
		for _, s := range talentRuleFields {
			sec := formSection{Title: s.section}
			for _, name := range s.names {
				fd := field{Name: name, Label: "field." + name, Type: "text", Required: true}
				switch name {
				case "scheme":
					fd.Type = "select"
					for _, sc := range talent.Schemes {
						fd.Options = append(fd.Options, option{Value: string(sc), Label: i18n.T(lang, "talent.scheme."+string(sc))})
					}
				case "performance.years":
					fd.Type = "select"
					for _, y := range []string{"1", "2"} {
						fd.Options = append(fd.Options, option{Value: y, Label: i18n.T(lang, "talent.rules.years_"+y)})
					}
				case "basis":
					fd.Hint = "talent.rules.basis_hint"
				case "performance.medium", "potential.medium":
					fd.Hint = "talent.rules.threshold_hint"
				case "potential.assessmentWeight", "potential.educationWeight":
					fd.Hint = "talent.rules.weights_hint"
				}
				sec.Fields = append(sec.Fields, fd)
			}
			f.Sections = append(f.Sections, sec)
		}
		values := ruleValues(base)
		values.Set("basis", "") // each version states its own basis
		if posted != nil {
			values = posted
		}
		f.apply(lang, values, formErrors(lang, formErr))
		v.Form = f
	}
	return h.render(w, r, status, "talent_rules", &page{Agency: a, Nav: "talent", Data: v})
}
