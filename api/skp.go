package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/performance"
	"merit/sqldb"
)

// registerSKP adds the performance (SKP) operations: the agency's SKP for a
// period, an employee's SKP history with angka kredit, rating, deletion,
// the organisation predikat per unit with curve departures, and the
// signed-in employee's own SKP.
func (h *handlers) registerSKP(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const agency = "/agencies/{agency}"
	get, put, del := http.MethodGet, http.MethodPut, http.MethodDelete
	huma.Register(api, op("list-skp", get, agency+"/skp", "performance",
		"The agency's employees with their SKP for a year and period, filtered and paged", 0, 401, 403, 404), h.listSKP)
	huma.Register(api, op("list-employee-skp", get, agency+"/employees/{id}/skp", "performance",
		"An employee's SKP, newest year first, with legacy scores and angka kredit", 0, 401, 403, 404), h.employeeSKP)
	rate := op("rate-skp", put, agency+"/employees/{id}/skp", "performance",
		"Rate an employee's SKP for a year and period (replaces the SKP there)", 0, 401, 403, 404)
	rate.Description = "From 2022 (PermenPANRB 6/2022): hasilKerja and the seven BerAKHLAK values (or, without them, the overall perilaku); " +
		"the predikat follows the matrix, perilaku is the median of the seven. Before 2022: legacyScore (0–120) for the annual period. " +
		"Without raterId or raterName the rater is the superior by position (the head of the unit, or of the unit above for the head)."
	huma.Register(api, rate, h.rateSKP)
	huma.Register(api, op("delete-skp", del, agency+"/skp/{skp}", "performance", "Remove an SKP", http.StatusNoContent, 401, 403, 404), h.deleteSKP)
	units := op("list-unit-performance", get, agency+"/skp-units", "performance",
		"Each unit's organisation predikat for a year, its staff's annual predikat counts and where they depart from the curve", 0, 401, 403, 404)
	units.Description = "Departures are soft warnings: the curve percentages are unofficial (regulations.md §6.1 [I]) and never a quota."
	huma.Register(api, units, h.unitPerformance)
	huma.Register(api, op("set-unit-predikat", put, agency+"/units/{id}/predikat", "performance",
		"Set a unit's organisation predikat for a year", 0, 401, 403, 404), h.setUnitPredikat)
	huma.Register(api, op("list-my-skp", get, "/me/skp", "performance", "The signed-in employee's own SKP", 0, 401, 404), h.mySKP)
}

// ratingCode is a rating of hasil kerja, perilaku or a core value.
type ratingCode string

// Schema implements huma.SchemaProvider.
func (ratingCode) Schema(huma.Registry) *huma.Schema {
	return enumSchema([]string{string(performance.Above), string(performance.AsExp), string(performance.Below)})
}

// periodCode is an SKP period.
type periodCode string

// Schema implements huma.SchemaProvider.
func (periodCode) Schema(huma.Registry) *huma.Schema {
	var codes []string
	for _, p := range performance.Periods() {
		codes = append(codes, string(p))
	}
	return enumSchema(codes)
}

// skpOut is an SKP as the API shows it.
type skpOut struct {
	ID               int64                 `json:"id"`
	EmployeeID       int64                 `json:"employeeId"`
	EmployeeNIP      string                `json:"employeeNip"`
	EmployeeName     string                `json:"employeeName"`
	Year             int                   `json:"year"`
	Period           periodCode            `json:"period"`
	Scheme           string                `json:"scheme" enum:"2022,LEGACY" doc:"2022: PermenPANRB 6/2022 ratings; LEGACY: numeric SKP before 2022"`
	HasilKerja       string                `json:"hasilKerja,omitempty"`
	Perilaku         string                `json:"perilaku,omitempty"`
	Berakhlak        map[string]ratingCode `json:"berakhlak,omitempty" doc:"Rating per BerAKHLAK value: PELAYANAN, AKUNTABEL, KOMPETEN, HARMONIS, LOYAL, ADAPTIF, KOLABORATIF"`
	LegacyScore      *float64              `json:"legacyScore,omitempty" doc:"Legacy nilai SKP, 0–120"`
	LegacyInnovation bool                  `json:"legacyInnovation,omitempty"`
	Predikat         string                `json:"predikat" doc:"SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG; legacy bands also CUKUP"`
	Months           int                   `json:"months"`
	Jenjang          string                `json:"jenjang,omitempty"`
	AngkaKredit      *float64              `json:"angkaKredit,omitempty" doc:"Angka kredit earned (JF, annual SKP from 2023), rounded to 2 decimals"`
	RaterID          int64                 `json:"raterId,omitempty"`
	RaterNIP         string                `json:"raterNip,omitempty"`
	RaterName        string                `json:"raterName,omitempty"`
	RaterOverride    bool                  `json:"raterOverride,omitempty" doc:"The rater was chosen instead of the superior by position"`
	Note             string                `json:"note,omitempty"`
	Source           string                `json:"source,omitempty"`
	RatedBy          string                `json:"ratedBy,omitempty"`
	UpdatedAt        time.Time             `json:"updatedAt"`
}

// skpView turns an SKP into its API form, with its angka kredit.
func skpView(in *performance.Instruments, s *performance.SKP) *skpOut {
	o := &skpOut{ID: s.ID, EmployeeID: s.EmployeeID, EmployeeNIP: s.EmployeeNIP, EmployeeName: s.EmployeeName, Year: s.Year,
		Period: periodCode(s.Period), Scheme: string(s.Scheme), HasilKerja: string(s.HasilKerja), Perilaku: string(s.Perilaku),
		LegacyInnovation: s.LegacyInnovation, Predikat: string(s.Predikat), Months: s.Months, Jenjang: s.Jenjang,
		RaterID: s.RaterID, RaterNIP: s.RaterNIP, RaterName: s.RaterName, RaterOverride: s.RaterOverride, Note: s.Note,
		Source: s.Source, RatedBy: s.RatedBy, UpdatedAt: s.UpdatedAt}
	if !s.Behaviour.Empty() {
		o.Berakhlak = map[string]ratingCode{}
		for i, v := range performance.Values {
			o.Berakhlak[string(v)] = ratingCode(s.Behaviour[i])
		}
	}
	if s.Scheme == performance.SchemeLegacy {
		f := s.LegacyScore.Float()
		o.LegacyScore = &f
	}
	if ak, ok := in.AngkaKredit(s); ok {
		f := ak.Float()
		o.AngkaKredit = &f
	}
	return o
}

type skpListInput struct {
	AgencyPath
	Year     int        `query:"year" minimum:"0" maximum:"9999" doc:"Default: last year"`
	Period   periodCode `query:"period" default:"TAHUNAN"`
	Unit     int64      `query:"unit" doc:"Unit ID: employees of this unit and of every unit below it"`
	Predikat string     `query:"predikat" doc:"Only SKPs with this predikat (or legacy band)"`
	Rated    string     `query:"rated" enum:"rated,unrated," doc:"rated or unrated; empty for both"`
	Q        string     `query:"q" maxLength:"100" doc:"Part of the name, or the first digits of a NIP"`
	Page     int        `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PerPage  int        `query:"perPage" minimum:"1" maximum:"1000" default:"50"`
}

// orLastYear is year, or last year when 0: the annual SKP being entered.
func orLastYear(year int) int {
	if year == 0 {
		return merit.Today().Year() - 1
	}
	return year
}

// skpRowOut is an employee of the SKP list with his SKP (absent when not rated).
type skpRowOut struct {
	EmployeeID   int64   `json:"employeeId"`
	NIP          string  `json:"nip"`
	Name         string  `json:"name"`
	UnitID       int64   `json:"unitId,omitempty"`
	UnitName     string  `json:"unitName,omitempty"`
	PositionName string  `json:"positionName,omitempty"`
	Jenjang      string  `json:"jenjang,omitempty"`
	SKP          *skpOut `json:"skp,omitempty"`
}

type skpPage struct {
	Items   []skpRowOut `json:"items" nullable:"false"`
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	PerPage int         `json:"perPage"`
}

func (h *handlers) listSKP(ctx context.Context, in *skpListInput) (*output[skpPage], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	rows, total, err := h.db.FindSKPRows(ctx, sqldb.SKPFilter{AgencyID: id, Year: orLastYear(in.Year), Period: performance.Period(in.Period),
		UnitID: in.Unit, Predikat: performance.Predikat(in.Predikat), Rated: in.Rated, Query: in.Q,
		Offset: (in.Page - 1) * in.PerPage, Limit: in.PerPage})
	if err != nil {
		return nil, err
	}
	instr, err := h.db.Instruments(ctx)
	if err != nil {
		return nil, err
	}
	out := skpPage{Items: []skpRowOut{}, Total: total, Page: in.Page, PerPage: in.PerPage}
	for _, r := range rows {
		row := skpRowOut{EmployeeID: r.EmployeeID, NIP: r.NIP, Name: r.Name, UnitID: r.UnitID, UnitName: r.UnitName,
			PositionName: r.PositionName, Jenjang: r.Jenjang}
		if r.SKP != nil {
			row.SKP = skpView(instr, r.SKP)
		}
		out.Items = append(out.Items, row)
	}
	return &output[skpPage]{Body: out}, nil
}

// skpViews turns SKPs into their API form.
func (h *handlers) skpViews(ctx context.Context, skps []*performance.SKP, err error) (*itemsOutput[*skpOut], error) {
	if err != nil {
		return nil, err
	}
	instr, err := h.db.Instruments(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*skpOut, 0, len(skps))
	for _, s := range skps {
		out = append(out, skpView(instr, s))
	}
	return list(out, nil)
}

func (h *handlers) employeeSKP(ctx context.Context, in *IDPath) (*itemsOutput[*skpOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	skps, err := h.db.EmployeeSKPs(ctx, id, in.ID)
	return h.skpViews(ctx, skps, err)
}

func (h *handlers) mySKP(ctx context.Context, _ *struct{}) (*itemsOutput[*skpOut], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	skps, err := h.db.EmployeeSKPs(ctx, g.AgencyID, g.EmployeeID)
	return h.skpViews(ctx, skps, err)
}

// skpBody is a rating.
type skpBody struct {
	Year             int                   `json:"year,omitempty" minimum:"0" maximum:"9999" doc:"Default: last year"`
	Period           periodCode            `json:"period,omitempty" doc:"Default TAHUNAN"`
	HasilKerja       ratingCode            `json:"hasilKerja,omitempty"`
	Berakhlak        map[string]ratingCode `json:"berakhlak,omitempty" doc:"Rating per BerAKHLAK value: PELAYANAN, AKUNTABEL, KOMPETEN, HARMONIS, LOYAL, ADAPTIF, KOLABORATIF (all seven or none)"`
	Perilaku         ratingCode            `json:"perilaku,omitempty" doc:"The overall perilaku rating, when the seven values are not given"`
	LegacyScore      float64               `json:"legacyScore,omitempty" minimum:"0" maximum:"120" doc:"Nilai SKP before 2022"`
	LegacyInnovation bool                  `json:"legacyInnovation,omitempty"`
	Months           int                   `json:"months,omitempty" minimum:"0" maximum:"12" doc:"Months in the JF position during the period (default: the whole period)"`
	Jenjang          string                `json:"jenjang,omitempty" doc:"JF jenjang held, for angka kredit"`
	RaterID          int64                 `json:"raterId,omitempty" doc:"The rater's employee ID, instead of the superior by position"`
	RaterNIP         string                `json:"raterNip,omitempty" maxLength:"30" doc:"A rater from outside the agency: NIP"`
	RaterName        string                `json:"raterName,omitempty" maxLength:"200" doc:"A rater from outside the agency: name"`
	Note             string                `json:"note,omitempty" maxLength:"2000"`
}

func (h *handlers) rateSKP(ctx context.Context, in *struct {
	IDPath
	Body skpBody
}) (*output[*skpOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b := in.Body
	s := &performance.SKP{AgencyID: id, EmployeeID: in.ID, Year: orLastYear(b.Year), Period: performance.Period(b.Period),
		HasilKerja: performance.Rating(b.HasilKerja), Perilaku: performance.Rating(b.Perilaku), LegacyInnovation: b.LegacyInnovation,
		Months: b.Months, Jenjang: b.Jenjang, RaterID: b.RaterID, RaterNIP: b.RaterNIP, RaterName: b.RaterName,
		RaterOverride: b.RaterID != 0 || b.RaterName != "", Note: b.Note, Source: performance.SourceForm}
	var fs merit.Fields
	if b.LegacyScore != 0 {
		score, err := performance.ParseHundredths(strconv.FormatFloat(b.LegacyScore, 'f', -1, 64))
		if err != nil {
			fs.Add("legacyScore", "field.not_a_number", strconv.FormatFloat(b.LegacyScore, 'f', -1, 64))
		}
		s.LegacyScore = score
	}
	for k, r := range b.Berakhlak {
		i := -1
		for j, v := range performance.Values {
			if strings.EqualFold(k, string(v)) {
				i = j
			}
		}
		if i < 0 {
			fs.Add("berakhlak", "field.unknown_ref", k)
			continue
		}
		s.Behaviour[i] = performance.Rating(r)
	}
	if err := fs.Err("api.rateSKP"); err != nil {
		return nil, err
	}
	if err := h.db.SaveSKP(ctx, s); err != nil {
		return nil, err
	}
	instr, err := h.db.Instruments(ctx)
	if err != nil {
		return nil, err
	}
	return &output[*skpOut]{Body: skpView(instr, s)}, nil
}

// SKPPath names one SKP of an agency.
type SKPPath struct {
	AgencyPath
	SKP int64 `path:"skp" minimum:"1"`
}

func (h *handlers) deleteSKP(ctx context.Context, in *SKPPath) (*struct{}, error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeleteSKP(ctx, id, in.SKP)
}

type unitPerformanceInput struct {
	AgencyPath
	Year int `query:"year" minimum:"0" maximum:"9999" doc:"Default: last year"`
}

// unitPerformanceOut is one unit's performance for a year.
type unitPerformanceOut struct {
	UnitID     int64                   `json:"unitId"`
	ParentID   int64                   `json:"parentId,omitempty"`
	Name       string                  `json:"name"`
	Predikat   string                  `json:"predikat,omitempty" doc:"Organisation predikat: ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG"`
	Rated      int                     `json:"rated" doc:"Staff in the unit and below it with an annual SKP for the year"`
	Counts     map[string]int          `json:"counts" doc:"Annual predikat → staff"`
	Departures []performance.Departure `json:"departures" nullable:"false" doc:"Predikat whose share lies outside the curve band (soft warning)"`
}

func (h *handlers) unitPerformance(ctx context.Context, in *unitPerformanceInput) (*itemsOutput[unitPerformanceOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	ups, err := h.db.UnitPerformances(ctx, id, orLastYear(in.Year))
	if err != nil {
		return nil, err
	}
	out := make([]unitPerformanceOut, 0, len(ups))
	for _, up := range ups {
		o := unitPerformanceOut{UnitID: up.Unit.ID, ParentID: up.Unit.ParentID, Name: up.Unit.Name, Predikat: string(up.Predikat),
			Rated: up.Rated, Counts: map[string]int{}, Departures: up.Departures}
		for p, n := range up.Counts {
			o.Counts[string(p)] = n
		}
		if o.Departures == nil {
			o.Departures = []performance.Departure{}
		}
		out = append(out, o)
	}
	return list(out, nil)
}

type unitPredikatBody struct {
	Year     int    `json:"year,omitempty" minimum:"0" maximum:"9999" doc:"Default: last year"`
	Predikat string `json:"predikat,omitempty" doc:"ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG"`
}

func (h *handlers) setUnitPredikat(ctx context.Context, in *struct {
	IDPath
	Body unitPredikatBody
}) (*output[*performance.UnitPredikat], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	u := &performance.UnitPredikat{AgencyID: id, UnitID: in.ID, Year: orLastYear(in.Body.Year), Predikat: performance.OrgPredikat(in.Body.Predikat)}
	if err := h.db.SetUnitPredikat(ctx, u); err != nil {
		return nil, err
	}
	return &output[*performance.UnitPredikat]{Body: u}, nil
}
