package performance

import (
	"strconv"
	"time"

	"merit"
)

// Coefficient is the angka kredit a JF jenjang earns in a full year at 100 %
// (PermenPANRB 1/2023 Lampiran A; regulations.md §6.3 marks the values [P]).
type Coefficient struct {
	Jenjang    string     `json:"jenjang"` // jenjang_jabatan code
	ValidFrom  merit.Date `json:"validFrom"`
	Value      Hundredths `json:"value"`
	LegalBasis string     `json:"legalBasis"`
	Verified   bool       `json:"verified"`
}

// Percentage is the share of the coefficient earned at a predikat
// (PermenPANRB 1/2023 Ps. 37: 150, 100, 75, 50, 25).
type Percentage struct {
	Predikat   Predikat   `json:"predikat"`
	ValidFrom  merit.Date `json:"validFrom"`
	Percent    int        `json:"percent"`
	LegalBasis string     `json:"legalBasis"`
	Verified   bool       `json:"verified"`
}

// CurveBand is the share of a unit's staff expected at one predikat when the
// unit has the organisation predikat OrgPredikat: MinPct to MaxPct percent,
// inclusive. The percentages are unofficial ([I], regulations.md §6.1).
type CurveBand struct {
	OrgPredikat OrgPredikat `json:"orgPredikat"`
	Predikat    Predikat    `json:"predikat"`
	ValidFrom   merit.Date  `json:"validFrom"`
	MinPct      int         `json:"minPct"`
	MaxPct      int         `json:"maxPct"`
	LegalBasis  string      `json:"legalBasis"`
	Verified    bool        `json:"verified"`
}

// Instruments are the performance instruments as stored (sqldb.Instruments):
// every version of each row; the methods pick the one in force for a year.
type Instruments struct {
	Coefficients []Coefficient `json:"coefficients"`
	Percentages  []Percentage  `json:"percentages"`
	Curve        []CurveBand   `json:"curve"`
}

// inForce reports whether a row valid from vf is in force in year and newer
// than the best found so far.
func inForce(vf merit.Date, year int, best merit.Date, found bool) bool {
	if vf.After(merit.NewDate(year, time.January, 1)) {
		return false
	}
	return !found || vf.After(best)
}

// Coefficient returns the coefficient of a jenjang in force in year.
func (in *Instruments) Coefficient(year int, jenjang string) (Coefficient, bool) {
	var best Coefficient
	found := false
	for _, c := range in.Coefficients {
		if c.Jenjang == jenjang && inForce(c.ValidFrom, year, best.ValidFrom, found) {
			best, found = c, true
		}
	}
	return best, found
}

// Percent returns the percentage of a predikat in force in year.
func (in *Instruments) Percent(year int, p Predikat) (Percentage, bool) {
	var best Percentage
	found := false
	for _, c := range in.Percentages {
		if c.Predikat == p && inForce(c.ValidFrom, year, best.ValidFrom, found) {
			best, found = c, true
		}
	}
	return best, found
}

// AngkaKredit returns the angka kredit an SKP earns: coefficient × percentage
// × months/12, rounded half up to two decimals as SIASN does (Ahli Madya:
// Sangat Baik 56.25, Butuh Perbaikan 28.13). Only the annual SKP earns it;
// Months pro-rates a partial year in the jenjang. ok is false when the SKP
// earns none: a periodic SKP, not a JF jenjang, a legacy SKP, or no
// instrument for its year (angka kredit from predikat starts with
// PermenPANRB 1/2023).
func (in *Instruments) AngkaKredit(s *SKP) (Hundredths, bool) {
	if s.Jenjang == "" || s.Scheme != Scheme2022 || s.Period != Annual {
		return 0, false
	}
	c, ok := in.Coefficient(s.Year, s.Jenjang)
	if !ok {
		return 0, false
	}
	p, ok := in.Percent(s.Year, s.Predikat)
	if !ok {
		return 0, false
	}
	return Credit(c.Value, p.Percent, s.Months), true
}

// Credit is the arithmetic of AngkaKredit: coef (hundredths) × percent/100 ×
// months/12, rounded half up to hundredths, in integers so that 28.125
// becomes 28.13 exactly.
func Credit(coef Hundredths, percent, months int) Hundredths {
	n := int64(coef) * int64(percent) * int64(months)
	const d = 100 * 12
	return Hundredths((2*n + d) / (2 * d))
}

// OrgPredikat is the predikat kinerja organisasi of a unit for a year.
type OrgPredikat string

// The organisation predikat, best first.
const (
	OrgIstimewa       OrgPredikat = "ISTIMEWA"
	OrgBaik           OrgPredikat = "BAIK"
	OrgButuhPerbaikan OrgPredikat = "BUTUH_PERBAIKAN"
	OrgKurang         OrgPredikat = "KURANG"
	OrgSangatKurang   OrgPredikat = "SANGAT_KURANG"
)

// OrgPredikats lists the organisation predikat, best first.
var OrgPredikats = []OrgPredikat{OrgIstimewa, OrgBaik, OrgButuhPerbaikan, OrgKurang, OrgSangatKurang}

// Valid reports whether o is an organisation predikat.
func (o OrgPredikat) Valid() bool {
	for _, x := range OrgPredikats {
		if o == x {
			return true
		}
	}
	return false
}

// UnitPredikat is the organisation predikat set for a unit and year.
type UnitPredikat struct {
	AgencyID  int64       `json:"agencyId"`
	UnitID    int64       `json:"unitId"`
	Year      int         `json:"year"`
	Predikat  OrgPredikat `json:"predikat"`
	SetBy     string      `json:"setBy,omitempty"`
	UpdatedAt time.Time   `json:"updatedAt"`
}

// Validate checks the organisation predikat.
func (u *UnitPredikat) Validate(today merit.Date) error {
	var fs merit.Fields
	if u.Year < FirstYear2022 || u.Year > today.Year() {
		fs.Add("year", "field.range", strconv.Itoa(u.Year), FirstYear2022, today.Year())
	}
	if !u.Predikat.Valid() {
		fs.Add("predikat", ruleForOrg(u.Predikat), string(u.Predikat))
	}
	if u.UnitID == 0 {
		fs.Add("unitId", "field.required", "")
	}
	return fs.Err("UnitPredikat.Validate")
}

func ruleForOrg(o OrgPredikat) string {
	if o == "" {
		return "field.required"
	}
	return "field.unknown_ref"
}

// CurveMinStaff is the smallest number of rated staff for which a unit's
// distribution is compared with its curve: below it one person moves a
// share by more than the bands are wide (docs/decisions.md "Distribution curve").
const CurveMinStaff = 10

// Departure is one predikat whose share in a unit lies outside the curve of
// the unit's organisation predikat: a soft warning for the raters, never a
// reason to refuse a rating.
type Departure struct {
	Predikat Predikat `json:"predikat"`
	Count    int      `json:"count"`
	Total    int      `json:"total"`
	MinPct   int      `json:"minPct"`
	MaxPct   int      `json:"maxPct"`
	Verified bool     `json:"verified"` // false: the curve itself is unofficial
}

// Percent returns the share of the predikat in the unit, in whole percent.
func (d Departure) Percent() int { return (200*d.Count + d.Total) / (2 * d.Total) }

// CheckCurve compares the predikat counts of a unit's staff for a year with
// the curve of its organisation predikat and returns the predikat whose
// share is outside its band, in the order of Predikats. Nothing is returned
// below CurveMinStaff rated staff or when no curve is in force.
func (in *Instruments) CheckCurve(year int, org OrgPredikat, counts map[Predikat]int) []Departure {
	total := 0
	for _, p := range Predikats {
		total += counts[p]
	}
	if total < CurveMinStaff {
		return nil
	}
	var out []Departure
	for _, p := range Predikats {
		var best CurveBand
		found := false
		for _, b := range in.Curve {
			if b.OrgPredikat == org && b.Predikat == p && inForce(b.ValidFrom, year, best.ValidFrom, found) {
				best, found = b, true
			}
		}
		if !found {
			continue
		}
		n := counts[p]
		if 100*n < best.MinPct*total || 100*n > best.MaxPct*total {
			out = append(out, Departure{Predikat: p, Count: n, Total: total, MinPct: best.MinPct, MaxPct: best.MaxPct, Verified: best.Verified})
		}
	}
	return out
}
