package web

import (
	"net/http"
	"net/url"
	"strconv"

	"merit"
	"merit/i18n"
	"merit/performance"
	"merit/sqldb"
)

// skpEmployeeView is the SKP tab of an employee: his predikat history with
// legacy scores and angka kredit, and, on a rater's own page, those he rates.
type skpEmployeeView struct {
	Tabs         profileTabs
	Name, NIP    string
	Position     string
	Unit         string
	Back         string // the profile (or /saya)
	Rate         string // a new rating for last year (operators)
	Rows         []skpHistoryRow
	CreditTotal  string // sum of the angka kredit shown; "" when none
	Self         bool
	Ratees       []skpRowView // self-service: whom the employee rates, for RateesYear
	RateesYear   int
	RateesPeriod performance.Period
}

// skpHistoryRow is one SKP of the history, with its labels.
type skpHistoryRow struct {
	*performance.SKP
	PredikatLabel string
	Credit        string // angka kredit, "" when the SKP earns none
	Edit, Delete  string
}

// skpHistory builds the rows of an employee's SKP history.
func (h *handler) skpHistory(r *http.Request, list []*performance.SKP, edit func(*performance.SKP) (string, string)) ([]skpHistoryRow, string, error) {
	in, err := h.db.Instruments(r.Context())
	if err != nil {
		return nil, "", err
	}
	lang := langOf(r)
	var rows []skpHistoryRow
	var total performance.Hundredths
	credited := false
	for _, s := range list {
		row := skpHistoryRow{SKP: s, PredikatLabel: predikatName(lang, s.Scheme, s.Predikat)}
		if ak, ok := in.AngkaKredit(s); ok {
			row.Credit, total, credited = ak.String(), total+ak, true
		}
		if edit != nil {
			row.Edit, row.Delete = edit(s)
		}
		rows = append(rows, row)
	}
	if !credited {
		return rows, "", nil
	}
	return rows, total.String(), nil
}

// showEmployeeSKP is the SKP tab of an employee's profile.
func (h *handler) showEmployeeSKP(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermPerformanceRead, a); err != nil {
		return err
	}
	list, err := h.db.EmployeeSKPs(r.Context(), a.ID, e.ID)
	if err != nil {
		return err
	}
	canWrite := merit.ActorFrom(r.Context()).Can(merit.PermPerformanceWrite, a.ID)
	var edit func(*performance.SKP) (string, string)
	if canWrite {
		edit = func(s *performance.SKP) (string, string) {
			return agencyURL(a, "pegawai", e.ID, "kinerja", "nilai") + "?" + url.Values{"tahun": {strconv.Itoa(s.Year)}, "periode": {string(s.Period)}}.Encode(),
				agencyURL(a, "pegawai", e.ID, "kinerja", s.ID, "hapus")
		}
	}
	v := skpEmployeeView{Name: e.FullName(), NIP: e.NIP, Position: e.PositionName, Unit: e.UnitName, Back: agencyURL(a, "pegawai", e.ID),
		Tabs: profileTabs{Base: agencyURL(a, "pegawai", e.ID), Active: "skp"}}
	if canWrite {
		v.Rate = agencyURL(a, "pegawai", e.ID, "kinerja", "nilai")
	}
	if v.Rows, v.CreditTotal, err = h.skpHistory(r, list, edit); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "skp_employee", &page{Agency: a, Nav: "skp", Data: v})
}

// deleteSKP deletes an SKP.
func (h *handler) deleteSKP(w http.ResponseWriter, r *http.Request) error {
	a, e, s, err := h.employeeSKP(r)
	if err != nil {
		return err
	}
	if err := h.db.DeleteSKP(r.Context(), a.ID, s.ID); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", e.ID, "kinerja"), "ui.flash.skp_deleted")
}

// employeeSKP returns the agency, employee and SKP named by the path.
func (h *handler) employeeSKP(r *http.Request) (*merit.Agency, *merit.Employee, *performance.SKP, error) {
	a, e, err := h.employee(r)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := authorize(r, merit.PermPerformanceWrite, a); err != nil {
		return nil, nil, nil, err
	}
	id, err := pathID(r, "entry")
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := h.db.FindSKP(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, nil, err
	}
	if s.EmployeeID != e.ID {
		return nil, nil, nil, merit.Errorf(merit.KindNotFound, "web.employeeSKP", "err.not_found")
	}
	return a, e, s, nil
}

// showSelfSKP is an employee's own SKP (/saya/kinerja) and, when he rates
// others, their SKP for a year and period with links to rate them.
func (h *handler) showSelfSKP(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	list, err := h.db.EmployeeSKPs(r.Context(), a.ID, e.ID)
	if err != nil {
		return err
	}
	v := skpEmployeeView{Name: e.FullName(), NIP: e.NIP, Position: e.PositionName, Unit: e.UnitName, Back: "/saya", Self: true,
		Tabs: profileTabs{Base: "/saya", Active: "skp"}}
	if v.Rows, v.CreditTotal, err = h.skpHistory(r, list, nil); err != nil {
		return err
	}
	v.RateesYear, v.RateesPeriod = skpYearPeriod(r.URL.Query())
	ratees, err := h.db.Ratees(r.Context(), a.ID, e.ID, v.RateesYear, v.RateesPeriod)
	if err != nil {
		return err
	}
	q := "?" + url.Values{"tahun": {strconv.Itoa(v.RateesYear)}, "periode": {string(v.RateesPeriod)}}.Encode()
	for _, row := range ratees {
		v.Ratees = append(v.Ratees, skpRowView{SKPRow: row, Rate: "/saya/kinerja/nilai/" + strconv.FormatInt(row.EmployeeID, 10) + q})
	}
	return h.render(w, r, http.StatusOK, "skp_employee", &page{Agency: a, Nav: "self-skp", Data: v})
}

// raterSubject is the employee named by the path, whom the signed-in
// employee rates; anyone else is not found.
func (h *handler) raterSubject(r *http.Request) (skpSubject, error) {
	a, me, err := h.selfEmployee(r)
	if err != nil {
		return skpSubject{}, err
	}
	id, err := pathID(r, "ratee")
	if err != nil {
		return skpSubject{}, err
	}
	year, period := skpYearPeriod(r.URL.Query())
	ratees, err := h.db.Ratees(r.Context(), a.ID, me.ID, year, period)
	if err != nil {
		return skpSubject{}, err
	}
	for _, row := range ratees {
		if row.EmployeeID == id {
			return skpSubject{agency: a, employeeID: id, name: row.Name, nip: row.NIP, jenjang: row.Jenjang, self: true,
				action: "/saya/kinerja/nilai/" + strconv.FormatInt(id, 10), done: "/saya/kinerja"}, nil
		}
	}
	return skpSubject{}, merit.Errorf(merit.KindNotFound, "web.raterSubject", "err.not_found")
}

// rateAsRater shows the rating form to the employee's rater in self-service.
func (h *handler) rateAsRater(w http.ResponseWriter, r *http.Request) error {
	s, err := h.raterSubject(r)
	if err != nil {
		return err
	}
	return h.showSKPForm(w, r, s, "self-skp")
}

// saveAsRater saves a rater's rating from self-service.
func (h *handler) saveAsRater(w http.ResponseWriter, r *http.Request) error {
	s, err := h.raterSubject(r)
	if err != nil {
		return err
	}
	return h.postSKPForm(w, r, s, "self-skp")
}

// skpUnitsView is the organisation predikat page.
type skpUnitsView struct {
	Year    int
	Years   []option
	Units   []skpUnitRow
	Options []option // organisation predikat
	Action  string
	Legend  []performance.Predikat
}

// skpUnitRow is one unit with its organisation predikat and distribution.
type skpUnitRow struct {
	*sqldb.UnitPerformance
	Indent   int
	Shares   []skpShare
	Warnings []string // translated soft warnings
}

// skpShare is the number and share of one predikat in a unit.
type skpShare struct {
	Count   int
	Percent int
}

// listUnitSKP shows every unit's organisation predikat for a year, the
// distribution of its staff's annual predikat and a soft warning where it
// departs from the curve.
func (h *handler) listUnitSKP(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	year, _ := skpYearPeriod(r.URL.Query())
	if year < performance.FirstYear2022 {
		year = defaultSKPYear()
	}
	ups, err := h.db.UnitPerformances(r.Context(), a.ID, year)
	if err != nil {
		return err
	}
	lang := langOf(r)
	v := skpUnitsView{Year: year, Action: agencyURL(a, "kinerja", "unit"), Legend: performance.Predikats}
	for _, o := range yearOptions() {
		if y, _ := strconv.Atoi(o.Value); y >= performance.FirstYear2022 {
			v.Years = append(v.Years, o)
		}
	}
	for _, o := range performance.OrgPredikats {
		v.Options = append(v.Options, option{Value: string(o), Label: i18n.T(lang, "skp.org."+string(o))})
	}
	for _, up := range ups {
		row := skpUnitRow{UnitPerformance: up, Indent: up.Unit.Depth}
		for _, p := range performance.Predikats {
			sh := skpShare{Count: up.Counts[p]}
			if up.Rated > 0 {
				sh.Percent = (200*sh.Count + up.Rated) / (2 * up.Rated)
			}
			row.Shares = append(row.Shares, sh)
		}
		for _, d := range up.Departures {
			row.Warnings = append(row.Warnings, i18n.T(lang, "skp.curve_warning", i18n.T(lang, "skp.predikat."+string(d.Predikat)),
				d.Percent(), d.MinPct, d.MaxPct, i18n.T(lang, "skp.org."+string(up.Predikat))))
		}
		v.Units = append(v.Units, row)
	}
	return h.render(w, r, http.StatusOK, "skp_units", &page{Agency: a, Nav: "skp", Data: v})
}

// setUnitSKP sets a unit's organisation predikat for a year.
func (h *handler) setUnitSKP(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return merit.Errorf(merit.KindInvalid, "web.setUnitSKP", "err.invalid")
	}
	unit, _ := strconv.ParseInt(r.PostForm.Get("unit"), 10, 64)
	year, _ := strconv.Atoi(r.PostForm.Get("tahun"))
	u := &performance.UnitPredikat{AgencyID: a.ID, UnitID: unit, Year: year, Predikat: performance.OrgPredikat(r.PostForm.Get("predikat"))}
	if err := h.db.SetUnitPredikat(r.Context(), u); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "kinerja", "unit")+"?tahun="+strconv.Itoa(year), "ui.flash.skp_unit_saved")
}
