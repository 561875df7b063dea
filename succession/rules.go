package succession

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"merit"
)

// Retirement ages (batas usia pensiun, BUP) by jabatan: UU 5/2014 Ps. 90 and
// PP 11/2017 Ps. 239 as amended by PP 17/2020 (see docs/decisions.md,
// "Retirement age"). Functional posts with their own statutory age (guru,
// dosen…) are not modelled.
const (
	BUPAdministrasi = 58 // administrator, pengawas, pelaksana; JF ahli muda, ahli pertama and keterampilan
	BUPSenior       = 60 // JPT; JF ahli madya
	BUPAhliUtama    = 65 // JF ahli utama
)

// RetirementAge returns the BUP of a position from its jenis jabatan and,
// for functional posts, its jenjang (reference codes).
func RetirementAge(jenis, jenjang string) int {
	switch {
	case strings.HasPrefix(jenis, "JPT_"):
		return BUPSenior
	case jenjang == "AHLI_UTAMA":
		return BUPAhliUtama
	case jenjang == "AHLI_MADYA":
		return BUPSenior
	}
	return BUPAdministrasi
}

// RetirementDate returns the TMT pensiun of someone born on birth whose BUP
// is age: the first day of the month after the one in which he reaches it.
// A zero birth date gives a zero date (unknown).
func RetirementDate(birth merit.Date, age int) merit.Date {
	if birth.IsZero() {
		return merit.Date{}
	}
	return merit.NewDate(birth.Year()+age, birth.Month()+1, 1)
}

// RiskYears is the horizon of a vacancy risk: an incumbent retiring within
// two years makes the position at risk.
const RiskYears = 2

// RetiresSoon reports whether a retirement date falls within RiskYears of
// today (a date already past counts too); an unknown date does not.
func RetiresSoon(retireOn, today merit.Date) bool {
	if retireOn.IsZero() {
		return false
	}
	return retireOn.Before(merit.DateOf(today.Time().AddDate(RiskYears, 0, 1)))
}

// Status is what bench strength needs of one critical position.
type Status struct {
	Candidates int  // successors in the plan
	ReadyNow   int  // of which siap sekarang
	Retiring   bool // the incumbent retires within RiskYears
}

// AtRisk reports a position whose incumbent retires soon with no successor ready now.
func (s Status) AtRisk() bool { return s.Retiring && s.ReadyNow == 0 }

// Bench is an agency's bench strength over its critical positions.
type Bench struct {
	Critical    int `json:"critical"`    // critical positions
	ReadyNow    int `json:"readyNow"`    // with at least one successor ready now
	NoSuccessor int `json:"noSuccessor"` // with no successor at all
	AtRisk      int `json:"atRisk"`      // incumbent retiring within two years and no successor ready now
	// Percent is ReadyNow over Critical in hundredths of a percent (basis
	// points, rounded half up); 0 when there is no critical position.
	Percent int `json:"percent"`
}

// BenchStrength sums the statuses of the critical positions.
func BenchStrength(ss []Status) Bench {
	b := Bench{Critical: len(ss)}
	for _, s := range ss {
		if s.ReadyNow > 0 {
			b.ReadyNow++
		}
		if s.Candidates == 0 {
			b.NoSuccessor++
		}
		if s.AtRisk() {
			b.AtRisk++
		}
	}
	if b.Critical > 0 {
		b.Percent = (b.ReadyNow*20000 + b.Critical) / (2 * b.Critical)
	}
	return b
}

// Category is the merit-system category of an agency (regulations.md §1.4).
type Category string

// The categories, worst first.
const (
	CategoryBuruk      Category = "buruk"       // I
	CategoryKurang     Category = "kurang"      // II
	CategoryBaik       Category = "baik"        // III
	CategorySangatBaik Category = "sangat_baik" // IV
)

// Categories lists the categories, worst first.
var Categories = []Category{CategoryBuruk, CategoryKurang, CategoryBaik, CategorySangatBaik}

// AtLeast reports whether c is o or better.
func (c Category) AtLeast(o Category) bool {
	return slices.Index(Categories, c) >= slices.Index(Categories, o) && slices.Contains(Categories, c)
}

// Label is the category's name as decisions write it ("Sangat Baik").
func (c Category) Label() string {
	switch c {
	case CategoryBuruk:
		return "Buruk"
	case CategoryKurang:
		return "Kurang"
	case CategoryBaik:
		return "Baik"
	case CategorySangatBaik:
		return "Sangat Baik"
	}
	return string(c)
}

// CategoryOf gives the category of a total score under the bands of
// regulations.md §1.4 (Buruk < 175 ≤ Kurang < 250 ≤ Baik < 325 ≤ Sangat Baik).
func CategoryOf(score float64) Category {
	switch {
	case score >= 325:
		return CategorySangatBaik
	case score >= 250:
		return CategoryBaik
	case score >= 175:
		return CategoryKurang
	}
	return CategoryBuruk
}

// MeritResult is an agency's official merit-system result (penilaian sistem
// merit) as set by the KASN/BKN decision. Until the evaluation of issue 7
// exists it is entered by an agency admin (Source "manual"); the evaluation
// will record its own results here with Source "evaluation".
type MeritResult struct {
	AgencyID  int64      `json:"agencyId"`
	ID        int64      `json:"id"`
	Year      int        `json:"year"`
	Score     float64    `json:"score"`    // 100–400 in half points
	Category  Category   `json:"category"` // as the decision states it
	Decree    string     `json:"decree"`   // number of the KASN/BKN decision
	DecidedOn merit.Date `json:"decidedOn"`
	Source    string     `json:"source"`
	CreatedAt time.Time  `json:"createdAt"`
	CreatedBy string     `json:"createdBy,omitempty"`
}

// Sources of a merit result.
const (
	SourceManual     = "manual"
	SourceEvaluation = "evaluation"
)

// Validate checks year, score, category, decree and date. The category is
// the decision's and is not recomputed from the score: the bands of §1.4
// are the probable practice, the decision is the fact.
func (m *MeritResult) Validate(today merit.Date) error {
	var fs merit.Fields
	m.Decree = strings.TrimSpace(m.Decree)
	if m.Source == "" {
		m.Source = SourceManual
	}
	if m.Year < 2015 || m.Year > today.Year() {
		fs.Add("year", "field.range", fmt.Sprint(m.Year), 2015, today.Year())
	}
	if m.Score < 100 || m.Score > 400 || m.Score*2 != math.Trunc(m.Score*2) {
		fs.Add("score", "succession.err.score", fmt.Sprint(m.Score))
	}
	if !slices.Contains(Categories, m.Category) {
		fs.Add("category", "field.unknown_ref", string(m.Category))
	}
	if m.Decree == "" {
		fs.Add("decree", "field.required", "")
	}
	switch {
	case m.DecidedOn.IsZero():
		fs.Add("decidedOn", "field.required", "")
	case today.Before(m.DecidedOn):
		fs.Add("decidedOn", "field.date_future", m.DecidedOn.String())
	}
	if m.Source != SourceManual && m.Source != SourceEvaluation {
		fs.Add("source", "field.unknown_ref", m.Source)
	}
	return fs.Err("succession.MeritResult.Validate")
}

// ValidYears is how long a result stands: a Baik agency is evaluated again
// every year, a Sangat Baik one every two (regulations.md §1.5 step 4).
func (m *MeritResult) ValidYears() int {
	if m.Category == CategorySangatBaik {
		return 2
	}
	return 1
}

// CheckJPTFill applies the rule of regulations.md §1.6 to filling a
// position through talent management instead of open selection: the
// position is a JPT, the agency's latest merit result (nil if none) is at
// least Baik and still current, and the person named is the plan's rank-1
// candidate, who sits in box 9. candidates are the plan's, in rank order,
// with Box filled. It returns the nominee, or a KindInvalid error whose
// fields say every reason it cannot be done.
func CheckJPTFill(jenis string, result *MeritResult, today merit.Date, candidates []*Candidate) (*Candidate, error) {
	var fs merit.Fields
	if !strings.HasPrefix(jenis, "JPT_") {
		fs.Add("position", "succession.fill.not_jpt", jenis)
	}
	switch {
	case result == nil:
		fs.Add("meritResult", "succession.fill.no_merit_result", "")
	case !result.Category.AtLeast(CategoryBaik):
		fs.Add("meritResult", "succession.fill.merit_below_baik", string(result.Category), result.Category.Label(), result.Year)
	case today.Year()-result.Year > result.ValidYears():
		fs.Add("meritResult", "succession.fill.merit_stale", fmt.Sprint(result.Year), result.Year, result.ValidYears())
	}
	var nominee *Candidate
	switch {
	case len(candidates) == 0:
		fs.Add("candidate", "succession.fill.no_candidate", "")
	case candidates[0].Box != PriorityBox:
		nominee = candidates[0]
		fs.Add("candidate", "succession.fill.not_box9", nominee.Name, nominee.Name, nominee.Box)
	default:
		nominee = candidates[0]
	}
	if err := fs.Err("succession.CheckJPTFill"); err != nil {
		return nil, err
	}
	return nominee, nil
}
