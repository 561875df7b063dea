package evaluation

import (
	"merit"
)

// Facts is what the agency's own data in Merit says about its merit practice,
// gathered by the storage layer (sqldb) for one day. Suggest turns it into a
// suggested level for each indicator the data can speak to. A zero base
// (no positions, no JPT filled, no employees...) means the data is silent on
// that point: no suggestion is made rather than a misleading level 1.
type Facts struct {
	AsOf merit.Date `json:"asOf"`
	// Positions and PositionsWithStandard: the agency's positions and those
	// with a competency standard (standar kompetensi jabatan).
	Positions             int `json:"positions"`
	PositionsWithStandard int `json:"positionsWithStandard"`
	// JPTFilled and JPTFilledOpen: JPT posts filled in the two years before
	// AsOf, and those of them filled by open selection (seleksi terbuka).
	JPTFilled     int `json:"jptFilled"`
	JPTFilledOpen int `json:"jptFilledOpen"`
	// LastTalentReview is the date of the latest talent review (zero when
	// none); TalentPool is the size of the talent pool it produced.
	LastTalentReview merit.Date `json:"lastTalentReview"`
	TalentPool       int        `json:"talentPool"`
	// Employees is the agency's active ASN; EmployeesWithSKP those with an
	// SKP rating for the last full year; EmployeesAssessed those with a
	// competency assessment (pemetaan) on record; EmployeesComplete those
	// whose registry record has every core field filled.
	Employees         int `json:"employees"`
	EmployeesWithSKP  int `json:"employeesWithSkp"`
	EmployeesAssessed int `json:"employeesAssessed"`
	EmployeesComplete int `json:"employeesComplete"`
	// IPASNCount employees have a computed IP ASN; IPASNAverage is their
	// average in hundredths (8125 is 81.25), fixed point like ipasn.
	IPASNCount   int `json:"ipasnCount"`
	IPASNAverage int `json:"ipasnAverage"`
}

// Measure names one thing the facts can measure; each SuggestRule reads one.
type Measure string

// The measures Suggest knows.
const (
	MeasureStandards    Measure = "standards"     // share of positions with a competency standard
	MeasureAssessed     Measure = "assessed"      // share of employees with a competency assessment
	MeasureOpenJPT      Measure = "open_jpt"      // share of JPT filled by open selection, last two years
	MeasureTalentReview Measure = "talent_review" // months since the last talent review, and its pool
	MeasureSKP          Measure = "skp"           // share of employees with an SKP rating
	MeasureIPASN        Measure = "ipasn"         // average IP ASN
	MeasureRegistry     Measure = "registry"      // share of registry records complete
)

// SuggestRule says which indicator of an instrument a measure speaks to and
// from which value each level starts. The value is per mille for shares,
// hundredths for IP ASN, and months since the review for a talent review
// (where a lower value is better, so the cut points fall).
type SuggestRule struct {
	Instrument string  `json:"instrument"` // instrument code, e.g. "kasn-2018"
	Indicator  string  `json:"indicator"`  // indicator code within it
	Measure    Measure `json:"measure"`
	// From2, From3, From4: the value from which level 2, 3, 4 is suggested;
	// below From2 it is level 1. For MeasureTalentReview they are maximum
	// months since the review (and a pool of at least one for 3 and 4).
	From2 int `json:"from2"`
	From3 int `json:"from3"`
	From4 int `json:"from4"`
}

// SuggestRules is the default table (thresholds as data, see docs/decisions.md
// "Suggestions from the agency's data"). Shares: level 4 from 90 %, 3 from
// 70 %, 2 from 40 %; open selection of JPT: 4 only when every post, 3 from
// 75 %, 2 from 50 %; IP ASN: the IP ASN categories (Tinggi from 81, Sedang
// from 71, Rendah from 61); talent review: within 12 months with a pool is
// 4, within 24 months with a pool is 3, any review on record is 2.
var SuggestRules = []SuggestRule{
	{Instrument: InstrumentKASN2018, Indicator: "1.3", Measure: MeasureStandards, From2: 400, From3: 700, From4: 900},
	{Instrument: InstrumentKASN2018, Indicator: "3.1", Measure: MeasureStandards, From2: 400, From3: 700, From4: 900},
	{Instrument: InstrumentKASN2018, Indicator: "3.2", Measure: MeasureAssessed, From2: 400, From3: 700, From4: 900},
	{Instrument: InstrumentKASN2018, Indicator: "3.4", Measure: MeasureIPASN, From2: 6100, From3: 7100, From4: 8100},
	{Instrument: InstrumentKASN2018, Indicator: "3.6", Measure: MeasureTalentReview, From2: 1 << 30, From3: 24, From4: 12},
	{Instrument: InstrumentKASN2018, Indicator: "4.1", Measure: MeasureOpenJPT, From2: 500, From3: 750, From4: 1000},
	{Instrument: InstrumentKASN2018, Indicator: "5.2", Measure: MeasureSKP, From2: 400, From3: 700, From4: 900},
	{Instrument: InstrumentKASN2018, Indicator: "8.2", Measure: MeasureRegistry, From2: 400, From3: 700, From4: 900},
}

// Suggestion is a level suggested from the agency's data for one indicator,
// with the evidence that supports it: an i18n key and its arguments, so the
// operator and the evaluator read the same reason in their language.
type Suggestion struct {
	Indicator string  `json:"indicator"`
	Measure   Measure `json:"measure"`
	Level     int     `json:"level"`
	Key       string  `json:"key"`
	Args      []any   `json:"args"`
}

// Suggest returns the suggested levels for the indicators of the instrument
// that the facts speak to, in the order of rules. Rules of other instruments
// and measures whose base is zero give nothing.
func Suggest(instrument string, f Facts, rules []SuggestRule) []Suggestion {
	var out []Suggestion
	for _, r := range rules {
		if r.Instrument != instrument {
			continue
		}
		if s, ok := r.suggest(f); ok {
			out = append(out, s)
		}
	}
	return out
}

// suggest applies one rule; ok is false when the facts are silent.
func (r SuggestRule) suggest(f Facts) (Suggestion, bool) {
	s := Suggestion{Indicator: r.Indicator, Measure: r.Measure, Key: "evaluation.suggest." + string(r.Measure)}
	share := func(n, of int) (int, bool) {
		if of <= 0 {
			return 0, false
		}
		s.Args = []any{n, of, n * 100 / of}
		return n * 1000 / of, true
	}
	var v int
	var ok bool
	switch r.Measure {
	case MeasureStandards:
		v, ok = share(f.PositionsWithStandard, f.Positions)
	case MeasureAssessed:
		v, ok = share(f.EmployeesAssessed, f.Employees)
	case MeasureOpenJPT:
		v, ok = share(f.JPTFilledOpen, f.JPTFilled)
	case MeasureSKP:
		v, ok = share(f.EmployeesWithSKP, f.Employees)
	case MeasureRegistry:
		v, ok = share(f.EmployeesComplete, f.Employees)
	case MeasureIPASN:
		if f.IPASNCount > 0 {
			v, ok = f.IPASNAverage, true
			s.Args = []any{f.IPASNAverage / 100, f.IPASNAverage % 100, f.IPASNCount}
		}
	case MeasureTalentReview:
		if f.Employees <= 0 {
			return s, false
		}
		if f.LastTalentReview.IsZero() {
			s.Level, s.Key = 1, s.Key+"_none"
			return s, true
		}
		months := monthsBetween(f.LastTalentReview, f.AsOf)
		s.Args = []any{f.LastTalentReview.String(), months, f.TalentPool}
		s.Level = 2
		if f.TalentPool > 0 && months <= r.From4 {
			s.Level = 4
		} else if f.TalentPool > 0 && months <= r.From3 {
			s.Level = 3
		}
		return s, true
	}
	if !ok {
		return s, false
	}
	switch {
	case v >= r.From4:
		s.Level = 4
	case v >= r.From3:
		s.Level = 3
	case v >= r.From2:
		s.Level = 2
	default:
		s.Level = 1
	}
	return s, true
}

// monthsBetween counts whole months from a to b (0 when b is before a).
func monthsBetween(a, b merit.Date) int {
	ta, tb := a.Time(), b.Time()
	m := (tb.Year()-ta.Year())*12 + int(tb.Month()) - int(ta.Month())
	if tb.Day() < ta.Day() {
		m--
	}
	return max(m, 0)
}
