package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/i18n"
	"merit/performance"
	"merit/sqldb"
)

// skpQuery is the SKP page's year, period, filters and page, read from the
// query string; values that make no sense fall back to the defaults.
type skpQuery struct {
	Year     int
	Period   performance.Period
	Unit     int64
	Predikat string
	Rated    string
	Q        string
	Page     int
}

// defaultSKPYear is the year an SKP page opens at: last year, whose annual
// rating is the one being entered for most of this year.
func defaultSKPYear() int { return merit.Today().Year() - 1 }

// skpYearPeriod reads tahun and periode; anything unusable gives last year's
// annual period.
func skpYearPeriod(v url.Values) (int, performance.Period) {
	year, err := strconv.Atoi(v.Get("tahun"))
	if err != nil || year < 1980 || year > merit.Today().Year() {
		year = defaultSKPYear()
	}
	p := performance.Period(v.Get("periode"))
	if !p.Valid() {
		p = performance.Annual
	}
	return year, p
}

func parseSKPQuery(v url.Values) skpQuery {
	q := skpQuery{Predikat: v.Get("predikat"), Rated: v.Get("status"), Q: strings.TrimSpace(v.Get("q")), Page: 1}
	q.Year, q.Period = skpYearPeriod(v)
	q.Unit, _ = strconv.ParseInt(v.Get("unit"), 10, 64)
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 1 {
		q.Page = p
	}
	return q
}

// encode returns the query string of q with page n.
func (q skpQuery) encode(n int) string {
	v := url.Values{"tahun": {strconv.Itoa(q.Year)}, "periode": {string(q.Period)}}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", q.Q)
	set("unit", idValue(q.Unit))
	set("predikat", q.Predikat)
	set("status", q.Rated)
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return "?" + v.Encode()
}

// skpListView is the data of the agency's SKP page.
type skpListView struct {
	Query    skpQuery
	Rows     []skpRowView
	Total    int
	From, To int
	pager
	Filters []field
	Base    string
}

// skpRowView is one employee of the SKP page.
type skpRowView struct {
	sqldb.SKPRow
	Profile string // the employee's SKP tab
	Rate    string // the rating form for the page's year and period
}

// listSKP shows the agency's employees with their SKP for a year and
// period, filtered and paged.
func (h *handler) listSKP(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	q := parseSKPQuery(r.URL.Query())
	rows, total, err := h.db.FindSKPRows(r.Context(), sqldb.SKPFilter{AgencyID: a.ID, Year: q.Year, Period: q.Period, UnitID: q.Unit,
		Predikat: performance.Predikat(q.Predikat), Rated: q.Rated, Query: q.Q, Offset: (q.Page - 1) * pageSize, Limit: pageSize})
	if err != nil {
		return err
	}
	units, err := h.db.FindUnits(r.Context(), a.ID)
	if err != nil {
		return err
	}
	lang := langOf(r)
	base := agencyURL(a, "kinerja")
	v := skpListView{Query: q, Total: total, Base: base}
	for _, row := range rows {
		v.Rows = append(v.Rows, skpRowView{SKPRow: row, Profile: agencyURL(a, "pegawai", row.EmployeeID, "kinerja"),
			Rate: agencyURL(a, "pegawai", row.EmployeeID, "kinerja", "nilai") + "?" + url.Values{"tahun": {strconv.Itoa(q.Year)}, "periode": {string(q.Period)}}.Encode()})
	}
	if len(rows) > 0 {
		v.From, v.To = (q.Page-1)*pageSize+1, (q.Page-1)*pageSize+len(rows)
	}
	v.pager = newPager(q.Page, total, func(n int) string { return base + q.encode(n) })
	predikat := predikatOptions(lang, q.Year)
	v.Filters = []field{
		{Name: "tahun", Label: "field.year", Type: "select", Value: strconv.Itoa(q.Year), Options: yearOptions()},
		{Name: "periode", Label: "field.period", Type: "select", Value: string(q.Period), Options: periodOptions(lang)},
		{Name: "unit", Label: "field.unitId", Type: "select", Value: idValue(q.Unit), Options: unitOptions(units), Blank: "ui.list.all"},
		{Name: "predikat", Label: "field.predikat", Type: "select", Value: q.Predikat, Options: predikat, Blank: "ui.list.all"},
		{Name: "status", Label: "skp.rated", Type: "select", Value: q.Rated, Blank: "ui.list.all", Options: []option{
			{Value: sqldb.SKPRated, Label: i18n.T(lang, "skp.rated.yes")}, {Value: sqldb.SKPUnrated, Label: i18n.T(lang, "skp.rated.no")}}},
	}
	return h.render(w, r, http.StatusOK, "skp_list", &page{Agency: a, Nav: "skp", Data: v})
}

// yearOptions lists the years an SKP can be for, newest first.
func yearOptions() []option {
	var out []option
	for y := merit.Today().Year(); y >= merit.Today().Year()-10; y-- {
		out = append(out, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y)})
	}
	return out
}

// periodOptions lists the periods of a year.
func periodOptions(lang string) []option {
	var out []option
	for _, p := range performance.Periods() {
		out = append(out, option{Value: string(p), Label: i18n.T(lang, "skp.period."+string(p))})
	}
	return out
}

// predikatOptions lists the predikat of the year's scheme (legacy bands before 2022).
func predikatOptions(lang string, year int) []option {
	list := performance.Predikats
	if performance.SchemeOf(year) == performance.SchemeLegacy {
		list = performance.LegacyBands
	}
	var out []option
	for _, p := range list {
		out = append(out, option{Value: string(p), Label: predikatName(lang, performance.SchemeOf(year), p)})
	}
	return out
}

// predikatName is the display name of a predikat or legacy band.
func predikatName(lang string, scheme performance.Scheme, p performance.Predikat) string {
	if scheme == performance.SchemeLegacy {
		return i18n.T(lang, "skp.band."+string(p))
	}
	return i18n.T(lang, "skp.predikat."+string(p))
}

// ratingOptions lists the three ratings, best first.
func ratingOptions(lang string) []option {
	var out []option
	for _, r := range performance.Ratings {
		out = append(out, option{Value: string(r), Label: i18n.T(lang, "skp.rating."+string(r))})
	}
	return out
}

// skpSubject is whom a rating form is about and where it goes.
type skpSubject struct {
	agency     *merit.Agency
	employeeID int64
	name, nip  string
	jenjang    string // the JF jenjang of his position
	action     string // where the form posts
	done       string // where a saved rating leads
	self       bool   // a rater in self-service: no rater choice
}

// skpForm builds the rating form for a year and period: hasil kerja and the
// seven BerAKHLAK values (2022 scheme), or the nilai SKP (legacy years).
func (h *handler) skpForm(r *http.Request, s skpSubject, year int, period performance.Period) (formView, error) {
	lang := langOf(r)
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return formView{}, err
	}
	var jenjang []option
	for _, it := range ref.JenjangJabatan.Items {
		jenjang = append(jenjang, option{Value: it.Code, Label: refName(lang, ref.JenjangJabatan, it.Code)})
	}
	subtitle := s.name + " · " + s.nip
	if !s.self {
		if rater, ok, err := h.db.DefaultRater(r.Context(), s.agency.ID, s.employeeID); err != nil {
			return formView{}, err
		} else if ok {
			subtitle += " · " + i18n.T(lang, "skp.default_rater", rater.Name)
		}
	}
	fv := formView{Title: i18n.T(lang, "skp.rate_title", i18n.T(lang, "skp.period."+string(period)), year), Subtitle: subtitle,
		Action: s.action + "?" + url.Values{"tahun": {strconv.Itoa(year)}, "periode": {string(period)}}.Encode(),
		Submit: "ui.save", Cancel: s.done}
	if performance.SchemeOf(year) == performance.SchemeLegacy {
		fv.Sections = append(fv.Sections, formSection{Title: "skp.form.legacy", Fields: []field{
			{Name: "legacyScore", Label: "field.legacyScore", Type: "text", Required: true, Hint: "skp.hint.legacy"},
			{Name: "legacyInnovation", Label: "field.legacyInnovation", Type: "select", Blank: "skp.no",
				Options: []option{{Value: "1", Label: i18n.T(lang, "skp.yes")}}},
		}})
	} else {
		fv.Sections = append(fv.Sections, formSection{Title: "skp.form.hasil", Fields: []field{
			{Name: "hasilKerja", Label: "field.hasilKerja", Type: "select", Required: true, Options: ratingOptions(lang), Blank: "ui.choose"},
		}})
		var values []field
		for _, v := range performance.Values {
			name := "berakhlak." + strings.ToLower(string(v))
			values = append(values, field{Name: name, Label: "field." + name, Type: "select", Required: true, Options: ratingOptions(lang), Blank: "ui.choose"})
		}
		fv.Sections = append(fv.Sections, formSection{Title: "skp.form.perilaku", Fields: values})
	}
	other := []field{
		{Name: "months", Label: "field.months", Type: "number", Hint: "skp.hint.months"},
		{Name: "jenjang", Label: "field.jenjang", Type: "select", Options: jenjang, Blank: "skp.no_jf"},
	}
	if !s.self {
		candidates, err := h.db.RaterCandidates(r.Context(), s.agency.ID)
		if err != nil {
			return formView{}, err
		}
		var opts []option
		for _, c := range candidates {
			if c.EmployeeID != s.employeeID {
				opts = append(opts, option{Value: idValue(c.EmployeeID), Label: c.Name + " (" + c.NIP + ")"})
			}
		}
		other = append(other, field{Name: "raterId", Label: "field.raterId", Type: "select", Options: opts, Blank: "skp.rater_default", Hint: "skp.hint.rater"})
	}
	other = append(other, field{Name: "note", Label: "field.note", Type: "text"})
	fv.Sections = append(fv.Sections, formSection{Title: "skp.form.other", Fields: other})
	return fv, nil
}

// skpValues are a stored SKP as form values.
func skpValues(s *performance.SKP) url.Values {
	v := url.Values{"hasilKerja": {string(s.HasilKerja)}, "months": {strconv.Itoa(s.Months)}, "jenjang": {s.Jenjang}, "note": {s.Note}}
	for i, val := range performance.Values {
		v.Set("berakhlak."+strings.ToLower(string(val)), string(s.Behaviour[i]))
	}
	if s.Scheme == performance.SchemeLegacy {
		v.Set("legacyScore", s.LegacyScore.String())
	}
	if s.LegacyInnovation {
		v.Set("legacyInnovation", "1")
	}
	if s.RaterOverride {
		v.Set("raterId", idValue(s.RaterID))
	}
	return v
}

// skpFromForm reads the posted rating.
func skpFromForm(v url.Values, agencyID, employeeID int64, year int, period performance.Period) (*performance.SKP, merit.Fields) {
	var fs merit.Fields
	s := &performance.SKP{AgencyID: agencyID, EmployeeID: employeeID, Year: year, Period: period, Source: performance.SourceForm,
		HasilKerja: performance.Rating(v.Get("hasilKerja")), Jenjang: v.Get("jenjang"), Note: v.Get("note"),
		LegacyInnovation: v.Get("legacyInnovation") == "1"}
	for i, val := range performance.Values {
		s.Behaviour[i] = performance.Rating(v.Get("berakhlak." + strings.ToLower(string(val))))
	}
	// The form always asks for the seven values (the overall rating alone is
	// for imports): none chosen is seven missing answers.
	if performance.SchemeOf(year) == performance.Scheme2022 && s.Behaviour.Empty() {
		for _, val := range performance.Values {
			fs.Add("berakhlak."+strings.ToLower(string(val)), "field.required", "")
		}
	}
	if m := strings.TrimSpace(v.Get("months")); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			fs.Add("months", "field.not_a_number", m)
		}
		s.Months = n
	}
	if performance.SchemeOf(year) == performance.SchemeLegacy {
		score, err := performance.ParseHundredths(v.Get("legacyScore"))
		if err != nil {
			fs.Add("legacyScore", "field.not_a_number", v.Get("legacyScore"))
		}
		s.LegacyScore = score
	}
	if id, err := strconv.ParseInt(v.Get("raterId"), 10, 64); err == nil && id > 0 {
		s.RaterOverride, s.RaterID = true, id
	}
	return s, fs
}

// skpExisting returns the employee's stored SKP for a year and period, or nil.
func skpExisting(list []*performance.SKP, year int, period performance.Period) *performance.SKP {
	for _, s := range list {
		if s.Year == year && s.Period == period {
			return s
		}
	}
	return nil
}

// operatorSubject is the employee named by the path, for the operators' form.
func (h *handler) operatorSubject(r *http.Request) (skpSubject, error) {
	a, e, err := h.employee(r)
	if err != nil {
		return skpSubject{}, err
	}
	if err := authorize(r, merit.PermPerformanceWrite, a); err != nil {
		return skpSubject{}, err
	}
	s := skpSubject{agency: a, employeeID: e.ID, name: e.FullName(), nip: e.NIP,
		action: agencyURL(a, "pegawai", e.ID, "kinerja", "nilai"), done: agencyURL(a, "pegawai", e.ID, "kinerja")}
	if e.PositionID != 0 {
		positions, err := h.db.FindPositions(r.Context(), a.ID, e.UnitID)
		if err != nil {
			return skpSubject{}, err
		}
		for _, p := range positions {
			if p.ID == e.PositionID {
				s.jenjang = p.Jenjang
			}
		}
	}
	return s, nil
}

// rateSKP shows the operators' rating form for an employee.
func (h *handler) rateSKP(w http.ResponseWriter, r *http.Request) error {
	s, err := h.operatorSubject(r)
	if err != nil {
		return err
	}
	return h.showSKPForm(w, r, s, "skp")
}

// saveRating saves the operators' rating form.
func (h *handler) saveRating(w http.ResponseWriter, r *http.Request) error {
	s, err := h.operatorSubject(r)
	if err != nil {
		return err
	}
	return h.postSKPForm(w, r, s, "skp")
}

// showSKPForm renders the rating form, filled with the stored SKP or with
// the position's jenjang for a new one.
func (h *handler) showSKPForm(w http.ResponseWriter, r *http.Request, s skpSubject, nav string) error {
	year, period := skpYearPeriod(r.URL.Query())
	fv, err := h.skpForm(r, s, year, period)
	if err != nil {
		return err
	}
	list, err := h.db.EmployeeSKPs(r.Context(), s.agency.ID, s.employeeID)
	if err != nil && merit.KindOf(err) != merit.KindNotFound {
		return err
	}
	values := url.Values{"jenjang": {s.jenjang}}
	if old := skpExisting(list, year, period); old != nil {
		values = skpValues(old)
	}
	fv.apply(langOf(r), values, nil)
	return h.render(w, r, http.StatusOK, "form", &page{Agency: s.agency, Nav: nav, Data: fv})
}

// postSKPForm saves a rating and shows the predikat it gave, or the form
// again with its errors.
func (h *handler) postSKPForm(w http.ResponseWriter, r *http.Request, s skpSubject, nav string) error {
	if err := r.ParseForm(); err != nil {
		return merit.Errorf(merit.KindInvalid, "web.postSKPForm", "err.invalid")
	}
	year, period := skpYearPeriod(r.URL.Query())
	skp, fs := skpFromForm(r.PostForm, s.agency.ID, s.employeeID, year, period)
	var err error
	if len(fs) == 0 {
		err = h.db.SaveSKP(r.Context(), skp)
	} else {
		// Show the rules' messages for the other fields too, at once.
		for _, fe := range merit.FieldsOf(skp.Validate(nil, merit.Today())) {
			if fe.Field != "perilaku" && !slices.ContainsFunc(fs, func(x merit.FieldError) bool { return x.Field == fe.Field }) {
				fs = append(fs, fe)
			}
		}
		err = fs.Err("web.postSKPForm")
	}
	lang := langOf(r)
	if merit.KindOf(err) == merit.KindInvalid {
		fv, ferr := h.skpForm(r, s, year, period)
		if ferr != nil {
			return ferr
		}
		fv.apply(lang, r.PostForm, formErrors(lang, err))
		return h.render(w, r, http.StatusUnprocessableEntity, "form", &page{Agency: s.agency, Nav: nav, Data: fv})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, s.done, "ui.flash.skp_saved", s.name, predikatName(lang, skp.Scheme, skp.Predikat))
}
