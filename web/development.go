package web

import (
	"net/http"
	"strconv"

	"merit"
	"merit/competency"
	"merit/httpstatus"
	"merit/sqldb"
)

// developmentView is the data of an employee's development tab.
type developmentView struct {
	Employee      *merit.Employee
	Base          string
	Self          bool
	Tabs          profileTabs
	Year          int
	Years         []int // links to other years
	Dev           *sqldb.Development
	CanWrite      bool
	ActivityKinds []string
	Errors        []formError
	SessionAction string
	PlanAction    string
	Plan          *competency.Plan // the plan of Year, prefilled in its form
	PlanRows      []planRow        // its activities and blank rows to add more
}

// planRow is one activity line of the plan form; Index numbers its
// checkbox (activityDone<Index>), which a browser omits when unticked.
type planRow struct {
	Index int
	competency.Activity
}

// planBlankRows is how many empty activity lines the plan form offers.
const planBlankRows = 3

// showEmployeeDevelopment is the development tab of an employee's profile.
func (h *handler) showEmployeeDevelopment(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	// The operators' tab; an employee reads his own on /saya/pengembangan.
	if err := authorize(r, merit.PermCompetencyRead, a); err != nil {
		return err
	}
	return h.renderDevelopment(w, r, a, e, false, nil)
}

// showSelfDevelopment is the employee's own development records (/saya/pengembangan).
func (h *handler) showSelfDevelopment(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	return h.renderDevelopment(w, r, a, e, true, nil)
}

func (h *handler) renderDevelopment(w http.ResponseWriter, r *http.Request, a *merit.Agency, e *merit.Employee, self bool, formErr error) error {
	ctx := r.Context()
	year := merit.Today().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("tahun")); err == nil && y >= 2000 && y <= year+1 {
		year = y
	}
	d, err := h.db.EmployeeDevelopment(ctx, a.ID, e.ID, year)
	if err != nil {
		return err
	}
	base := agencyURL(a, "pegawai", e.ID)
	v := developmentView{Employee: e, Base: base, Self: self, Year: year, Dev: d, ActivityKinds: competency.ActivityKinds,
		CanWrite:      !self && merit.ActorFrom(ctx).Can(merit.PermCompetencyWrite, a.ID),
		SessionAction: base + "/pengembangan/sesi", PlanAction: base + "/pengembangan/rencana?tahun=" + strconv.Itoa(year),
		Plan: &competency.Plan{Year: year}}
	if self {
		v.Base = "/saya"
	}
	v.Tabs = profileTabs{Base: v.Base, Active: "development"}
	for y := merit.Today().Year(); y >= merit.Today().Year()-3; y-- {
		v.Years = append(v.Years, y)
	}
	for _, p := range d.Plans {
		if p.Year == year {
			v.Plan = p
		}
	}
	for i, act := range append(append([]competency.Activity{}, v.Plan.Activities...), make([]competency.Activity, planBlankRows)...) {
		v.PlanRows = append(v.PlanRows, planRow{Index: i, Activity: act})
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	nav := "employees"
	if self {
		nav = "self"
	}
	return h.render(w, r, status, "development", &page{Agency: a, Nav: nav, Data: v})
}

// createCoachingSession records a coaching or mentoring session.
func (h *handler) createCoachingSession(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	var fs merit.Fields
	s := &competency.CoachingSession{AgencyID: a.ID, EmployeeID: e.ID, Kind: r.PostForm.Get("kind"), Date: parseDate(&fs, r.PostForm, "date"),
		Coach: r.PostForm.Get("coach"), Topic: r.PostForm.Get("topic"), Notes: r.PostForm.Get("notes"), Hours: parseInt(&fs, r.PostForm, "hours")}
	err = fs.Err("web.createCoachingSession")
	if err == nil {
		err = h.db.CreateCoachingSession(r.Context(), s)
	} else if aerr := authorize(r, merit.PermCompetencyWrite, a); aerr != nil {
		err = aerr
	}
	if hasFieldErrors(err) {
		return h.renderDevelopment(w, r, a, e, false, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", e.ID, "pengembangan")+"?tahun="+strconv.Itoa(s.Date.Year()), "ui.flash.session_saved")
}

// savePlan stores the year's development plan: the goal and up to
// planRows activities (rows left blank are dropped).
func (h *handler) savePlan(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	var fs merit.Fields
	p := &competency.Plan{AgencyID: a.ID, EmployeeID: e.ID, Year: parseInt(&fs, r.PostForm, "year"), Goal: r.PostForm.Get("goal")}
	kinds, names, hours := r.PostForm["activityKind"], r.PostForm["activityName"], r.PostForm["activityHours"]
	for i := range names {
		if names[i] == "" && (i >= len(hours) || hours[i] == "") {
			continue
		}
		act := competency.Activity{Name: names[i], Done: r.PostForm.Get("activityDone"+strconv.Itoa(i)) != ""}
		if i < len(kinds) {
			act.Kind = kinds[i]
		}
		if i < len(hours) {
			n, perr := strconv.Atoi(hours[i])
			if perr != nil {
				fs.Add("activities", "field.not_a_number", hours[i])
			}
			act.Hours = n
		}
		p.Activities = append(p.Activities, act)
	}
	err = fs.Err("web.savePlan")
	if err == nil {
		err = h.db.SavePlan(r.Context(), p)
	} else if aerr := authorize(r, merit.PermCompetencyWrite, a); aerr != nil {
		err = aerr
	}
	if hasFieldErrors(err) {
		return h.renderDevelopment(w, r, a, e, false, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", e.ID, "pengembangan")+"?tahun="+strconv.Itoa(p.Year), "ui.flash.plan_saved", p.Year)
}
