package talent

import (
	"fmt"
	"strings"

	"merit"
	"merit/performance"
)

// Score is a score on an axis in hundredths (0–10000 is 0.00–100.00), so
// weights and thresholds compare exactly on every engine and platform.
type Score int32

// String formats the score with two decimals: 72.50.
func (s Score) String() string {
	return performance.Hundredths(s).String()
}

// Float returns the score as a number (for JSON and charts).
func (s Score) Float() float64 { return float64(s) / 100 }

// Band gives Score to a value of at least Min (JP of training, years of
// service). Bands are listed highest Min first; the first that fits counts.
type Band struct {
	Min   int   `json:"min"`
	Score Score `json:"score"`
}

// EducationScore gives a score to the listed tingkat pendidikan codes
// (reference table pendidikan).
type EducationScore struct {
	Levels []string `json:"levels"`
	Score  Score    `json:"score"`
}

// PerformanceRule derives the kinerja axis from annual predikat kinerja
// (regulations.md §4.4).
type PerformanceRule struct {
	// Years is how many annual predikat count, 1 or 2: the review's
	// performance year and, with 2, the year before.
	Years int `json:"years"`
	// Average turns each predikat into a score (Scores) and bands the mean
	// with Medium and High; otherwise each predikat maps to a level
	// (Levels) and, over two years, the lower of the two counts.
	Average bool                           `json:"average"`
	Levels  map[performance.Predikat]Level `json:"levels"`
	Scores  map[performance.Predikat]Score `json:"scores"`
	Medium  Score                          `json:"medium"` // lowest mean that is sesuai ekspektasi (inclusive)
	High    Score                          `json:"high"`   // lowest mean that is di atas ekspektasi (inclusive)
}

// PotentialRule composes the potensial axis from the assessment's potential
// score, the JPM against the current position and the track record
// (education, training, experience), each weighted in percent.
type PotentialRule struct {
	AssessmentWeight  int `json:"assessmentWeight"`
	CompetencyWeight  int `json:"competencyWeight"`
	TrackRecordWeight int `json:"trackRecordWeight"`
	// The track record's own parts, in percent of the track record.
	EducationWeight  int              `json:"educationWeight"`
	TrainingWeight   int              `json:"trainingWeight"`
	ExperienceWeight int              `json:"experienceWeight"`
	Education        []EducationScore `json:"education"`
	TrainingYears    int              `json:"trainingYears"` // trainings finished within this many years before the review date count
	Training         []Band           `json:"training"`      // by JP in the window
	Experience       []Band           `json:"experience"`    // by whole years of service since TMT CPNS
	Medium           Score            `json:"medium"`        // lowest score that is menengah (inclusive)
	High             Score            `json:"high"`          // lowest score that is tinggi (inclusive)
}

// RuleSet is one version of an agency's talent-review rules. Each change is
// a new version, so a review can always be explained by the rules it ran
// under. Version 0 is the built-in Default.
type RuleSet struct {
	Version     int             `json:"version"`
	Basis       string          `json:"basis"` // legal basis or reason for this version
	Scheme      Scheme          `json:"scheme"`
	Performance PerformanceRule `json:"performance"`
	Potential   PotentialRule   `json:"potential"`
	Actions     Actions         `json:"actions"`
	CreatedBy   string          `json:"createdBy,omitempty"`
}

// Default is the rule set an agency uses until it sets its own: the
// PermenPANRB 3/2020 numbering; kinerja from the last annual predikat by
// the categorical mapping of §4.4 (Sangat Baik di atas, Baik sesuai, the
// rest di bawah); potensial 40 % assessment, 40 % JPM, 20 % track record;
// thresholds 60/80 with the lower bound inclusive (docs/decisions.md
// "Talent review defaults").
var Default = RuleSet{
	Version: 0,
	Basis:   "PermenPANRB 3/2020; ambang 60/80 dan bobot potensial bawaan Merit (dapat diubah instansi)",
	Scheme:  SchemePermenPANRB,
	Performance: PerformanceRule{
		Years: 1,
		Levels: map[performance.Predikat]Level{
			performance.SangatBaik: High, performance.Baik: Medium, performance.ButuhPerbaikan: Low,
			performance.Cukup: Low, performance.Kurang: Low, performance.SangatKurang: Low,
		},
		Scores: map[performance.Predikat]Score{
			performance.SangatBaik: 10000, performance.Baik: 8000, performance.ButuhPerbaikan: 6000,
			performance.Cukup: 6000, performance.Kurang: 4000, performance.SangatKurang: 2000,
		},
		Medium: 6000,
		High:   8000,
	},
	Potential: PotentialRule{
		AssessmentWeight: 40, CompetencyWeight: 40, TrackRecordWeight: 20,
		EducationWeight: 40, TrainingWeight: 30, ExperienceWeight: 30,
		Education: []EducationScore{
			{Levels: []string{"S3"}, Score: 10000},
			{Levels: []string{"S2"}, Score: 9000},
			{Levels: []string{"S1", "D4"}, Score: 8000},
			{Levels: []string{"D3"}, Score: 6000},
			{Levels: []string{"D1", "D2", "SMA"}, Score: 4000},
			{Levels: []string{"SD", "SMP"}, Score: 2000},
		},
		TrainingYears: 3,
		Training:      []Band{{60, 10000}, {40, 8000}, {20, 6000}, {1, 4000}, {0, 0}},
		Experience:    []Band{{20, 10000}, {10, 8000}, {5, 6000}, {0, 4000}},
		Medium:        6000,
		High:          8000,
	},
	Actions: DefaultActions,
}

// Validate checks the rule set: a known scheme, one or two years, a level
// (and with averaging a score) for every predikat, weights that sum to 100,
// thresholds in order within 0–100, and bands and education rows in range.
// Field names follow the JSON, so errors point at what to fix.
func (r *RuleSet) Validate() error {
	var fs merit.Fields
	r.Basis = strings.TrimSpace(r.Basis)
	if r.Basis == "" {
		fs.Add("basis", "field.required", "")
	}
	if !r.Scheme.Valid() {
		fs.Add("scheme", "talent.err.scheme", string(r.Scheme))
	}
	p := &r.Performance
	if p.Years != 1 && p.Years != 2 {
		fs.Add("performance.years", "field.range", fmt.Sprint(p.Years), 1, 2)
	}
	for _, pr := range append(performance.Predikats, performance.Cukup) {
		if l, ok := p.Levels[pr]; !ok || l > High {
			fs.Add("performance.levels."+string(pr), "field.required", "")
		}
		if s, ok := p.Scores[pr]; p.Average && (!ok || s < 0 || s > 10000) {
			fs.Add("performance.scores."+string(pr), "field.range", s.String(), 0, 100)
		}
	}
	checkThresholds(&fs, "performance", p.Medium, p.High)
	q := &r.Potential
	if q.AssessmentWeight < 0 || q.CompetencyWeight < 0 || q.TrackRecordWeight < 0 || q.AssessmentWeight+q.CompetencyWeight+q.TrackRecordWeight != 100 {
		fs.Add("potential.assessmentWeight", "talent.err.weights", fmt.Sprint(q.AssessmentWeight+q.CompetencyWeight+q.TrackRecordWeight))
	}
	if q.EducationWeight < 0 || q.TrainingWeight < 0 || q.ExperienceWeight < 0 || q.EducationWeight+q.TrainingWeight+q.ExperienceWeight != 100 {
		fs.Add("potential.educationWeight", "talent.err.weights", fmt.Sprint(q.EducationWeight+q.TrainingWeight+q.ExperienceWeight))
	}
	if q.TrainingYears < 1 || q.TrainingYears > 10 {
		fs.Add("potential.trainingYears", "field.range", fmt.Sprint(q.TrainingYears), 1, 10)
	}
	for i, row := range q.Education {
		if row.Score < 0 || row.Score > 10000 {
			fs.Add(fmt.Sprintf("potential.education[%d].score", i), "field.range", row.Score.String(), 0, 100)
		}
	}
	checkBands(&fs, "potential.training", q.Training)
	checkBands(&fs, "potential.experience", q.Experience)
	checkThresholds(&fs, "potential", q.Medium, q.High)
	return fs.Err("talent.RuleSet.Validate")
}

func checkThresholds(fs *merit.Fields, axis string, medium, high Score) {
	if medium <= 0 || medium > 10000 {
		fs.Add(axis+".medium", "field.range", medium.String(), 0, 100)
	}
	if high < medium || high > 10000 {
		fs.Add(axis+".high", "talent.err.threshold_order", high.String())
	}
}

func checkBands(fs *merit.Fields, field string, bands []Band) {
	for i, b := range bands {
		if b.Score < 0 || b.Score > 10000 || b.Min < 0 || (i > 0 && b.Min >= bands[i-1].Min) {
			fs.Add(fmt.Sprintf("%s[%d]", field, i), "talent.err.band", fmt.Sprint(b.Min))
		}
	}
}

// LevelOf returns the level of a score under thresholds medium and high, each
// a lower bound, inclusive: exactly 80.00 with high 80 is High.
func LevelOf(s, medium, high Score) Level {
	switch {
	case s >= high:
		return High
	case s >= medium:
		return Medium
	}
	return Low
}

// bandScore returns the score of the first band whose Min v reaches.
func bandScore(bands []Band, v int) Score {
	for _, b := range bands {
		if v >= b.Min {
			return b.Score
		}
	}
	return 0
}
