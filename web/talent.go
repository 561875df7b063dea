package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/ipasn"
	"merit/performance"
	"merit/sqldb"
	"merit/talent"
)

// talentRoutes registers the talent-review pages: the 9-box with filters
// and drill-down, running a review, the talent card, the XLSX export, and
// calibration sessions with their moves and the PPK's decision.
func (h *handler) talentRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/talenta", h.member(h.showTalent))
	mux.Handle("POST /a/{agency}/talenta", h.member(h.runTalentReview))
	mux.Handle("GET /a/{agency}/talenta/ekspor", h.member(h.exportTalent))
	mux.Handle("GET /a/{agency}/talenta/pegawai/{id}", h.member(h.showTalentCard))
	mux.Handle("POST /a/{agency}/talenta/sesi", h.member(h.createTalentSession))
	mux.Handle("GET /a/{agency}/talenta/sesi/{session}", h.member(h.showTalentSession))
	mux.Handle("POST /a/{agency}/talenta/sesi/{session}/pindah", h.member(h.moveTalent))
	mux.Handle("POST /a/{agency}/talenta/sesi/{session}/tetapkan", h.member(h.lockTalentSession))
	h.talentRuleRoutes(mux)
}

// perBox is how many names each box of the grid shows; the drill-down
// lists them all.
const perBox = 8

// talentQuery is the 9-box page's review, filters and drilled box.
type talentQuery struct {
	Review   int64
	Unit     int64
	Jenis    string
	Golongan string
	Box      int
}

func parseTalentQuery(v url.Values) talentQuery {
	q := talentQuery{Jenis: v.Get("jenis"), Golongan: v.Get("golongan")}
	q.Review, _ = strconv.ParseInt(v.Get("review"), 10, 64)
	q.Unit, _ = strconv.ParseInt(v.Get("unit"), 10, 64)
	if b, err := strconv.Atoi(v.Get("kotak")); err == nil && b >= 1 && b <= 9 {
		q.Box = b
	}
	return q
}

// encode returns the query string of q, drilled into box (0: the grid).
func (q talentQuery) encode(box int) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("review", idValue(q.Review))
	set("unit", idValue(q.Unit))
	set("jenis", q.Jenis)
	set("golongan", q.Golongan)
	if box > 0 {
		v.Set("kotak", strconv.Itoa(box))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func (q talentQuery) filter() sqldb.TalentFilter {
	return sqldb.TalentFilter{UnitID: q.Unit, Jenis: q.Jenis, Golongan: q.Golongan, Box: q.Box}
}

// talentView is the data of the 9-box page.
type talentView struct {
	Query     talentQuery
	Review    *talent.Review // nil before the first review
	Reviews   []option
	Rows      [3][3]boxView // rows di atas, sesuai, di bawah ekspektasi; columns rendah, menengah, tinggi
	Total     int
	Unmapped  int
	Drill     *boxView // the drilled box with all its people
	Filters   []field
	Base      string
	GridHref  string // the grid with the page's filters, back from a drill-down
	Export    string
	Sessions  []sessionLink
	Open      *sessionLink // the review's open calibration session
	CanWrite  bool
	CanDecide bool
	Run       talentRunForm
	NewSess   formView
}

// boxView is one box of the grid.
type boxView struct {
	Box     int
	Cell    talent.Cell
	Count   int
	People  []personView  // the drill-down's rows
	Names   template.HTML // the grid box's list items (namesHTML)
	More    int
	Href    string
	Actions []talent.Action
}

// namesHTML writes a grid box's people as list items linking to their
// talent cards. The template's range cost three reflective calls per
// person (the URL normalizer and two escapers), a fifth of the page for its
// 72 names; this costs one call per box, with the same escaping as
// optionsHTML.
func namesHTML(a *merit.Agency, people []sqldb.TalentPlacement) template.HTML {
	var b strings.Builder
	for _, p := range people {
		b.WriteString(`<li><a href="`)
		b.WriteString(html.EscapeString(agencyURL(a, "talenta", "pegawai", p.EmployeeID)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(p.Name))
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// personView is one person in a box or a list.
type personView struct {
	sqldb.TalentPlacement
	Card string
	Rank int
}

// sessionLink is a session in the page's list.
type sessionLink struct {
	*talent.Session
	Href string
}

// talentRunForm is the form that runs a new review.
type talentRunForm struct {
	Action     string
	RulesHref  string // the rule sets page, where a new version is made
	Year       field
	Rules      field
	Population []populationChoice
	Errors     []formError
}

// populationChoice is one checkbox of the population.
type populationChoice struct {
	Value, Label string
	Checked      bool
}

// talentPopulationChoices are the populations offered: every managerial
// jenis, the JF keahlian madya and utama, and the rest by jenis.
var talentPopulationChoices = []string{"JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "JF_KEAHLIAN/AHLI_UTAMA",
	"JF_KEAHLIAN/AHLI_MADYA", "JF_KEAHLIAN/AHLI_MUDA", "JF_KEAHLIAN/AHLI_PERTAMA", "JF_KETERAMPILAN", "PELAKSANA"}

// showTalent renders the 9-box of a review (the latest unless ?review=),
// filtered, or the drill-down into one box (?kotak=).
func (h *handler) showTalent(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderTalent(w, r, a, parseTalentQuery(r.URL.Query()), nil, nil)
}

func (h *handler) renderTalent(w http.ResponseWriter, r *http.Request, a *merit.Agency, q talentQuery, posted url.Values, formErr error) error {
	ctx := r.Context()
	if err := authorize(r, merit.PermTalentRead, a); err != nil {
		return err
	}
	lang := langOf(r)
	actor := merit.ActorFrom(ctx)
	v := talentView{Query: q, Base: agencyURL(a, "talenta"), CanWrite: actor.Can(merit.PermTalentWrite, a.ID),
		CanDecide: actor.Can(merit.PermTalentDecide, a.ID)}
	v.Export = v.Base + "/ekspor" + q.encode(q.Box)
	v.GridHref = v.Base + q.encode(0)
	reviews, err := h.db.TalentReviews(ctx, a.ID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if formErr != nil {
		status = httpstatus.Of(formErr)
	}
	if len(reviews) > 0 {
		grid, err := h.db.TalentGrid(ctx, a.ID, q.Review, q.filter(), perBox)
		if err != nil {
			return err
		}
		v.Review, v.Query.Review = grid.Review, grid.Review.ID
		q = v.Query
		rules, err := h.db.TalentRuleSet(ctx, a.ID, grid.Review.RuleVersion)
		if err != nil {
			return err
		}
		v.Total, v.Unmapped = grid.Counts.Total(), grid.Counts[0]
		for i, perf := range []talent.Level{talent.High, talent.Medium, talent.Low} {
			for j, pot := range talent.Levels {
				c := talent.Cell{Performance: perf, Potential: pot}
				box := grid.Review.Scheme.Box(c)
				b := boxView{Box: box, Cell: c, Count: grid.Counts[box], Href: v.Base + q.encode(box), Actions: rules.Actions.Of(c),
					Names: namesHTML(a, grid.People[box]), More: grid.Counts[box] - len(grid.People[box])}
				v.Rows[i][j] = b
			}
		}
		if q.Box != 0 {
			c, _ := grid.Review.Scheme.Cell(q.Box)
			ps, err := h.db.ReviewPlacements(ctx, a.ID, grid.Review.ID, q.filter())
			if err != nil {
				return err
			}
			d := boxView{Box: q.Box, Cell: c, Count: len(ps), Actions: rules.Actions.Of(c)}
			for k, p := range ps {
				d.People = append(d.People, personView{TalentPlacement: p, Card: agencyURL(a, "talenta", "pegawai", p.EmployeeID), Rank: k + 1})
			}
			v.Drill = &d
		}
		sessions, err := h.db.TalentSessions(ctx, a.ID, grid.Review.ID)
		if err != nil {
			return err
		}
		for _, s := range sessions {
			l := sessionLink{Session: s, Href: agencyURL(a, "talenta", "sesi", s.ID)}
			v.Sessions = append(v.Sessions, l)
			if !s.Locked {
				v.Open = &l
			}
		}
		for _, rv := range reviews {
			v.Reviews = append(v.Reviews, option{Value: idValue(rv.ID), Label: strconv.Itoa(rv.Year) + " · " + rv.Name})
		}
	}
	ref, err := h.db.Reference(ctx)
	if err != nil {
		return err
	}
	units, err := h.db.UnitTree(ctx, a.ID)
	if err != nil {
		return err
	}
	v.Filters = []field{
		{Name: "unit", Label: "field.unitId", Type: "select", Value: idValue(q.Unit), Options: unitOptions(units), Blank: "ui.list.all"},
		{Name: "jenis", Label: "field.jenisJabatan", Type: "select", Value: q.Jenis, Options: refOptions(lang, ref.JenisJabatan), Blank: "ui.list.all"},
		{Name: "golongan", Label: "field.golongan", Type: "select", Value: q.Golongan, Groups: golonganGroups(lang, ref), Blank: "ui.list.all"},
	}
	if len(v.Reviews) > 1 {
		v.Filters = append([]field{{Name: "review", Label: "talent.review", Type: "select", Value: idValue(q.Review), Options: v.Reviews}}, v.Filters...)
	}
	if v.CanWrite {
		v.Run = h.talentRunForm(r, a, lang, ref, posted, formErr)
		if v.Review != nil && v.Open == nil {
			v.NewSess = formView{Action: v.Base + "/sesi", Submit: "talent.session.create", Sections: []formSection{{Fields: []field{
				{Name: "name", Label: "talent.session.name", Type: "text", Required: true, Value: i18n.T(lang, "talent.session.default_name", v.Review.Year)},
				{Name: "heldOn", Label: "talent.session.held_on", Type: "date", Required: true, Value: merit.Today().String()},
				{Name: "participants", Label: "talent.session.participants", Type: "textarea", Required: true, Hint: "talent.session.participants_hint"},
			}}}}
			if posted != nil && posted.Has("participants") {
				v.NewSess.apply(lang, posted, formErrors(lang, formErr))
				v.Run.Errors = nil
			}
		}
	}
	return h.render(w, r, status, "talent", &page{Agency: a, Nav: "talent", Data: v})
}

// talentRunForm builds the form that runs a review, with the posted values
// and errors when it failed.
func (h *handler) talentRunForm(r *http.Request, a *merit.Agency, lang string, ref *merit.Reference, posted url.Values, formErr error) talentRunForm {
	f := talentRunForm{Action: agencyURL(a, "talenta"), RulesHref: agencyURL(a, "talenta", "aturan"),
		Year:  field{Name: "year", Label: "field.year", Type: "number", Required: true, Value: strconv.Itoa(merit.Today().Year())},
		Rules: field{Name: "ruleVersion", Label: "talent.rule_version", Type: "select", Value: "0"}}
	if rules, err := h.db.TalentRuleSets(r.Context(), a.ID); err == nil {
		for _, rs := range rules {
			f.Rules.Options = append(f.Rules.Options, option{Value: strconv.Itoa(rs.Version), Label: i18n.T(lang, "talent.rule_option", rs.Version, rs.Basis)})
		}
	}
	chosen := map[string]bool{"JPT_PRATAMA": true, "ADMINISTRATOR": true, "PENGAWAS": true, "JF_KEAHLIAN/AHLI_MADYA": true}
	if posted != nil && !posted.Has("participants") {
		chosen = map[string]bool{}
		for _, p := range posted["population"] {
			chosen[p] = true
		}
		f.Year.Value, f.Rules.Value = posted.Get("year"), posted.Get("ruleVersion")
		errs := formErrors(lang, formErr)
		f.Year.Error = errs["year"]
		for name, text := range errs {
			f.Errors = append(f.Errors, formError{Href: "#f-" + name, Text: text})
		}
	}
	for _, code := range talentPopulationChoices {
		jenis, jenjang, _ := strings.Cut(code, "/")
		label := refName(lang, ref.JenisJabatan, jenis)
		if jenjang != "" {
			label += " " + refName(lang, ref.JenjangJabatan, jenjang)
		}
		f.Population = append(f.Population, populationChoice{Value: code, Label: label, Checked: chosen[code]})
	}
	return f
}

// runTalentReview maps the chosen population under the chosen rule set.
func (h *handler) runTalentReview(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("year")))
	version, _ := strconv.Atoi(r.PostForm.Get("ruleVersion"))
	rv := &talent.Review{AgencyID: a.ID, Year: year, RuleVersion: version,
		Population: talent.ParsePopulation(strings.Join(r.PostForm["population"], ","))}
	err = h.db.RunTalentReview(r.Context(), rv)
	if hasFieldErrors(err) {
		return h.renderTalent(w, r, a, talentQuery{}, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "talenta")+"?review="+idValue(rv.ID), "ui.flash.talent_review_run", rv.Mapped, rv.Employees)
}

// talentCardView is the data of the talent card.
type talentCardView struct {
	Employee  *merit.Employee
	Card      *sqldb.TalentCard
	Latest    *sqldb.TalentCardEntry
	Points    []pointView
	Actions   []talent.Action
	Predikat  []talent.YearPredikat
	IPASN     *sqldb.EmployeeIPASN
	Back      string
	Profile   string
	Competent string
}

// pointView is one translated line of a placement's explanation.
type pointView struct {
	Text  string
	Score string
}

// showTalentCard renders one person's talent card: position and golongan,
// predikat history, assessment and JPM as the review used them, IP ASN, box
// history with calibration moves, the explanation of the latest placement
// and the recommended actions of its final box.
func (h *handler) showTalentCard(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	card, err := h.db.EmployeeTalent(ctx, a.ID, e.ID)
	if err != nil {
		return err
	}
	lang := langOf(r)
	v := talentCardView{Employee: e, Card: card, Predikat: card.Predikat, Back: agencyURL(a, "talenta"),
		Profile: agencyURL(a, "pegawai", e.ID), Competent: agencyURL(a, "pegawai", e.ID, "kompetensi")}
	if len(card.History) > 0 {
		v.Latest = &card.History[0]
		for _, pt := range v.Latest.Placement.Computed.Points {
			v.Points = append(v.Points, explainPoint(lang, pt))
		}
		if v.Latest.Placement.FinalBox > 0 {
			rules, err := h.db.TalentRuleSet(ctx, a.ID, v.Latest.Review.RuleVersion)
			if err != nil {
				return err
			}
			v.Actions = rules.Actions.Of(v.Latest.Placement.Final)
		}
	}
	if res, err := h.db.EmployeeIPASN(ctx, a.ID, e.ID, ipasn.Current, merit.Today()); err == nil {
		v.IPASN = res
	} else if k := merit.KindOf(err); k != merit.KindNotFound && k != merit.KindForbidden {
		return err
	}
	return h.render(w, r, http.StatusOK, "talent_card", &page{Agency: a, Nav: "talent", Data: v})
}

// explainPoint translates one step of a placement's explanation: the
// codes among its arguments (predikat, levels, scheme) become words, and
// the step's score is the last argument.
func explainPoint(lang string, pt talent.Point) pointView {
	args := make([]any, 0, len(pt.Args)+1)
	for i, s := range pt.Args {
		args = append(args, explainArg(lang, pt.Code, i, s))
	}
	args = append(args, pt.Score.String())
	pv := pointView{Text: i18n.T(lang, pt.Code, args...)}
	if pt.Score != 0 {
		pv.Score = pt.Score.String()
	}
	return pv
}

func explainArg(lang, code string, i int, s string) string {
	if _, ok := talent.ParseLevel(s); ok {
		axis := "perf"
		if strings.HasPrefix(code, "talent.x.potential") || (code == "talent.x.box" && i == 3) {
			axis = "pot"
		}
		return i18n.T(lang, "talent."+axis+"."+s)
	}
	if performance.Predikat(s).Valid() || performance.Predikat(s) == performance.Cukup {
		return i18n.T(lang, "skp.predikat."+s)
	}
	if talent.Scheme(s).Valid() {
		return i18n.T(lang, "talent.scheme."+s)
	}
	return s
}
