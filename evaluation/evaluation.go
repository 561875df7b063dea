// Package evaluation is the merit-system evaluation (issue 7; regulations.md
// §1 and §2): versioned instruments for the KASN framework (PermenPANRB
// 40/2018, totals 100–400) and the PermenPANRB 19/2025 framework (maturity
// plus an employee survey), the self-assessment with its verification, the
// score and category taken from verified levels only, the Indeks Kualitas
// Pengisian JPT, and the evaluator's tools (what-if, fairness monitor,
// ranking). It is pure Go: no SQL, no HTTP; sqldb stores what it defines.
//
// Every number is a Score, a fixed-point decimal with four places kept in an
// int64, so 0.5-point weights, half-point totals and the 2025 index (0.75 ×
// maturity + 0.25 × survey) add up exactly and every category boundary
// (174.5 is Buruk, 175 Kurang) is an integer comparison: no binary floats.
package evaluation

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"merit"
)

// Score is a fixed-point decimal in ten-thousandths: 3315000 is 331.5. Four
// places hold the products of the 2025 index (0.75 × 0.83 = 0.6225) exactly;
// KASN totals and JPT indices use only the first one or two.
type Score int64

// One is the Score 1.
const One Score = 10000

// scoreDigits is the number of decimal places of a Score.
const scoreDigits = 4

// Points returns whole points as a Score.
func Points(whole int64) Score { return Score(whole) * One }

// Halves returns n half points as a Score: Halves(3) is 1.5. KASN weights and
// totals are multiples of a half.
func Halves(n int64) Score { return Score(n) * One / 2 }

// MulInt multiplies s by an integer (a weight by a level), exactly.
func (s Score) MulInt(n int64) Score { return s * Score(n) }

// Mul multiplies two scores, rounding the fifth decimal half away from zero
// (0.75 × 0.8333 = 0.624975 → 0.625). It is the only rounding in the package.
func (s Score) Mul(t Score) Score { return roundDiv(int64(s)*int64(t), int64(One)) }

// DivInt divides s by n, rounding half away from zero (averages, shares).
func (s Score) DivInt(n int64) Score { return roundDiv(int64(s), n) }

// roundDiv divides a by b (b > 0 or < 0), rounding half away from zero.
func roundDiv(a, b int64) Score {
	if b < 0 {
		a, b = -a, -b
	}
	q, r := a/b, a%b
	if r < 0 {
		r = -r
	}
	if 2*r >= b {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return Score(q)
}

// String formats s with a dot and only the decimals it needs: "331.5",
// "273", "0.6225", "-2.25". Pages format per language with Float.
func (s Score) String() string {
	sign := ""
	u := int64(s)
	if u < 0 {
		sign, u = "-", -u
	}
	whole, frac := u/int64(One), u%int64(One)
	if frac == 0 {
		return sign + strconv.FormatInt(whole, 10)
	}
	f := fmt.Sprintf("%04d", frac)
	return sign + strconv.FormatInt(whole, 10) + "." + strings.TrimRight(f, "0")
}

// Float returns s as a float64, for charts and display only: never compute
// with it.
func (s Score) Float() float64 { return float64(s) / float64(One) }

// ParseScore reads a decimal with at most four places; a comma is accepted
// as the decimal mark ("331,5" as the press and Indonesian spreadsheets write
// it).
func ParseScore(text string) (Score, error) {
	t := strings.ReplaceAll(strings.TrimSpace(text), ",", ".")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, dot := strings.Cut(t, ".")
	if whole == "" || (dot && frac == "") || len(frac) > scoreDigits || len(whole) > 12 || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("evaluation.ParseScore: %q is not a number with at most %d decimals", text, scoreDigits)
	}
	frac += strings.Repeat("0", scoreDigits-len(frac))
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	s := Score(w*int64(One) + f)
	if neg {
		s = -s
	}
	return s, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MarshalText writes s as String does, so JSON and files carry "331.5"
// rather than a binary float.
func (s Score) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what ParseScore reads.
func (s *Score) UnmarshalText(b []byte) error {
	v, err := ParseScore(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Framework names a merit-evaluation framework; each has its own scale and
// instruments, and an agency's history spans both (regulations.md §1.7).
type Framework string

// The frameworks. They are untyped so they fit both Framework fields and
// plain string codes (SuggestRule.Instrument).
const (
	// InstrumentKASN2018 is PermenPANRB 40/2018 as assessed by KASN (and BKN
	// after 2024): indicators scored 1–4, weights adding to 100, totals
	// 100–400.
	InstrumentKASN2018 = "kasn-2018"
	// InstrumentPANRB2025 is PermenPANRB 19/2025: aspect maturity plus an
	// employee survey, index = 0.75 × maturity + 0.25 × survey, corrected
	// for violations.
	InstrumentPANRB2025 = "permenpanrb-19-2025"
	// InstrumentJPT is the Indeks Kualitas Pengisian JPT (§2), stored as an
	// instrument of its own.
	InstrumentJPT = "kasn-jpt"
)

// Instrument is one version of a framework's instrument: its aspects and
// indicators with rubric text per level, weights and categories, as data
// (editable by the platform admin, importable and exportable as a file)
// because the indicator list is not confirmed (regulations.md §1.3).
type Instrument struct {
	Framework  Framework  `json:"framework"`
	Version    string     `json:"version"` // e.g. "2019.1"; an assessment records it
	Name       string     `json:"name"`
	LegalBasis string     `json:"legalBasis"`
	ValidFrom  merit.Date `json:"validFrom"`
	ValidTo    merit.Date `json:"validTo,omitzero"` // zero: still in force
	// Unverified marks an instrument whose content is inferred, not read
	// from the regulation text; pages show it.
	Unverified bool `json:"unverified"`
	// MinLevel and MaxLevel bound the level of every indicator: 1–4 for the
	// KASN rubric, 1–5 for the 2025 maturity levels.
	MinLevel   int        `json:"minLevel"`
	MaxLevel   int        `json:"maxLevel"`
	Aspects    []Aspect   `json:"aspects"`
	Categories []Category `json:"categories"` // ascending by Min
	// Survey is the employee-survey component of the 2025 framework; nil for
	// KASN.
	Survey *SurveyComponent `json:"survey,omitempty"`
}

// Ref names the instrument version an assessment used.
func (in *Instrument) Ref() InstrumentRef {
	return InstrumentRef{Framework: in.Framework, Version: in.Version}
}

// InForce reports whether the instrument is valid on day d.
func (in *Instrument) InForce(d merit.Date) bool {
	return !d.Before(in.ValidFrom) && (in.ValidTo.IsZero() || !d.After(in.ValidTo))
}

// InstrumentRef is the framework and version of an instrument, which an
// assessment keeps so a later instrument never rescores an old year.
type InstrumentRef struct {
	Framework Framework `json:"framework"`
	Version   string    `json:"version"`
}

// String is "kasn-2018@2019.1".
func (r InstrumentRef) String() string { return string(r.Framework) + "@" + r.Version }

// Aspect is one of an instrument's aspects (the 8 of §1.2 or §1.7) with its
// indicators.
type Aspect struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Unverified bool        `json:"unverified"`
	Indicators []Indicator `json:"indicators"`
}

// Indicator is one scored item: a unique code, its text, its weight (KASN:
// a multiple of 0.5, all adding to 100) and the rubric text of each level.
type Indicator struct {
	Code       string  `json:"code"`
	Text       string  `json:"text"`
	Weight     Score   `json:"weight"`
	Rubric     []Level `json:"rubric"` // one per level, MinLevel..MaxLevel
	Unverified bool    `json:"unverified"`
}

// Level is the rubric text of one level of an indicator (KASN 1–4, or a
// 2025 maturity level).
type Level struct {
	Level int    `json:"level"`
	Text  string `json:"text"`
}

// Category is a result band: a score at or above Min (and below the next
// category's Min) falls in it. Bands are data (§1.4, §1.7, §2).
type Category struct {
	Code  string `json:"code"`  // e.g. "sangat-baik"
	Label string `json:"label"` // e.g. "Sangat Baik"
	Min   Score  `json:"min"`   // inclusive lower bound
	// Award marks the categories that receive the Anugerah Meritokrasi
	// (Baik and Sangat Baik, §1.6).
	Award bool `json:"award,omitempty"`
}

// SurveyComponent is how the 2025 framework combines the aspect maturity
// with the employee survey and corrects for violations (§1.7).
type SurveyComponent struct {
	MaturityWeight Score `json:"maturityWeight"` // 0.75
	SurveyWeight   Score `json:"surveyWeight"`   // 0.25
	// FullLevel is the maturity level that counts as 1.00 in the maturity
	// component (4): level 5 goes beyond it, which is how the reported band
	// Maju (> 1) can be reached (docs/decisions.md "2025 maturity scale").
	FullLevel int `json:"fullLevel"`
	// CorrectionPerViolation is deducted from the index for each proven
	// violation of the merit system, down to zero.
	CorrectionPerViolation Score `json:"correctionPerViolation"`
	MinGroupSize           int   `json:"minGroupSize"` // results shown only for groups this large
	Unverified             bool  `json:"unverified"`
}

// Status is where an assessment stands in the flow draft → submitted →
// verified → ditetapkan (§1.5).
type Status string

// The assessment statuses.
const (
	Draft      Status = "draft"      // the agency's team fills in self levels and evidence
	Submitted  Status = "submitted"  // sent to the evaluator; the agency can no longer edit
	Verified   Status = "verified"   // the evaluator set a verified level per indicator
	Ditetapkan Status = "ditetapkan" // the result is set (penetapan) and final
)

// Assessment is one agency's evaluation of one year on one instrument
// version.
type Assessment struct {
	ID         int64            `json:"id"`
	AgencyID   int64            `json:"agencyId"`
	Year       int              `json:"year"`
	Instrument InstrumentRef    `json:"instrument"`
	Status     Status           `json:"status"`
	Team       []TeamMember     `json:"team"`
	Entries    []IndicatorEntry `json:"entries"`
	// Violations is the number of proven merit-system violations the
	// evaluator recorded (the 2025 correction factor).
	Violations int `json:"violations,omitempty"`
	// SurveyScore is the employee-survey result (0..1, SurveyResult.Score)
	// the store fills in on the 2025 framework; KASN ignores it.
	SurveyScore Score     `json:"surveyScore,omitempty"`
	Decree      string    `json:"decree,omitempty"` // number of the penetapan decision
	SubmittedAt time.Time `json:"submittedAt,omitzero"`
	VerifiedAt  time.Time `json:"verifiedAt,omitzero"`
	SetAt       time.Time `json:"setAt,omitzero"` // ditetapkan
}

// TeamMember is a member of the agency's self-assessment team (tim
// penilaian mandiri).
type TeamMember struct {
	EmployeeID int64  `json:"employeeId,omitempty"`
	Name       string `json:"name"`
	Role       string `json:"role"` // e.g. "ketua", "anggota"
}

// IndicatorEntry is the agency's answer on one indicator and the
// evaluator's verification of it. Level 0 means not given yet. Only
// VerifiedLevel ever counts towards the official score.
type IndicatorEntry struct {
	Indicator     string      `json:"indicator"` // Indicator.Code
	SelfLevel     int         `json:"selfLevel"`
	Narrative     string      `json:"narrative"`
	VerifiedLevel int         `json:"verifiedLevel"`
	VerifierNote  string      `json:"verifierNote"`
	Suggestion    *Suggestion `json:"suggestion,omitempty"`
	Evidence      []Evidence  `json:"evidence"`
}

// Evidence is one bukti dukung file: identified by its SHA-256, never
// executed, served only to those allowed.
type Evidence struct {
	ID          int64     `json:"id"`
	FileName    string    `json:"fileName"`
	SHA256      string    `json:"sha256"` // lower-case hex
	Size        int64     `json:"size"`
	ContentType string    `json:"contentType"`
	UploadedAt  time.Time `json:"uploadedAt,omitzero"`
}

// Survey is the 2025 framework's anonymous employee survey of one agency and
// year: questions on a 1..ScaleMax scale, answered per group; results are
// shown only for groups of at least MinGroupSize responses.
type Survey struct {
	ID           int64      `json:"id"`
	AgencyID     int64      `json:"agencyId"`
	Year         int        `json:"year"`
	Questions    []Question `json:"questions"`
	ScaleMax     int        `json:"scaleMax"`     // e.g. 5 (Likert 1–5)
	MinGroupSize int        `json:"minGroupSize"` // default DefaultMinGroupSize
	Invited      int        `json:"invited"`      // ASN asked to respond, for the response rate
}

// DefaultMinGroupSize is the smallest group whose survey results are shown
// (docs/decisions.md).
const DefaultMinGroupSize = 10

// Question is one survey item, in one of the two dimensions the 2025
// framework names (kepuasan, keterlibatan).
type Question struct {
	Code      string `json:"code"`
	Text      string `json:"text"`
	Dimension string `json:"dimension"`
}

// Response is one anonymous response: the group it is counted in (a unit or
// a band, never a person) and one answer per question, 0 for unanswered.
type Response struct {
	Group   string `json:"group"`
	Answers []int  `json:"answers"` // same order as Survey.Questions
}

// JPTIndex is the Indeks Kualitas Pengisian JPT instrument (§2) as data: a
// weighted index of dimensions, one of which (pelanggaran) deducts, with
// bands. Everything in it is unverified until the KASN/BKN instrument is
// obtained.
type JPTIndex struct {
	Framework  Framework      `json:"framework"` // InstrumentJPT
	Version    string         `json:"version"`
	LegalBasis string         `json:"legalBasis"`
	Unverified bool           `json:"unverified"`
	Dimensions []JPTDimension `json:"dimensions"`
	Bands      []Category     `json:"bands"` // ascending by Min
	// MinAnnouncementDays is the shortest announcement that counts (15
	// calendar days, [I] §5.6); ReportWithinDays is how soon after a
	// selection ends its report must reach the supervisor to be on time.
	MinAnnouncementDays int `json:"minAnnouncementDays"`
	ReportWithinDays    int `json:"reportWithinDays"`
}

// JPTDimension is one dimension of the JPT index: its weight (the points it
// can add, or take away when Sign is -1) and its indicators, each scored
// from 0 to its Max.
type JPTDimension struct {
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	Weight     Score          `json:"weight"`
	Sign       int            `json:"sign"` // +1 adds, -1 deducts (pelanggaran)
	Indicators []JPTIndicator `json:"indicators"`
}

// JPTIndicator is one item of a JPT-index dimension, scored 0..Max. When
// Measure names a JPTMeasure the score is computed from the selection
// records (Max × the share of selections that meet it); otherwise the
// evaluator gives it.
type JPTIndicator struct {
	Code    string     `json:"code"`
	Text    string     `json:"text"`
	Max     Score      `json:"max"`
	Measure JPTMeasure `json:"measure,omitempty"`
}
