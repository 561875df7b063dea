package talent

import (
	"strconv"

	"merit"
	"merit/performance"
)

// YearPredikat is one annual predikat kinerja of the employee.
type YearPredikat struct {
	Year     int                  `json:"year"`
	Predikat performance.Predikat `json:"predikat"`
}

// Training is one finished training (riwayat diklat) with its JP.
type Training struct {
	Hours int        `json:"hours"`
	Done  merit.Date `json:"done"`
}

// Input is what one employee's placement is computed from: plain values,
// however the caller got them (a database query, the demo generator, a
// test).
type Input struct {
	EmployeeID int64
	// Predikat holds the annual predikat of the review's performance years
	// (any order; other years are ignored).
	Predikat []YearPredikat
	// Assessed says the employee has an assessment; Assessment is its
	// potential score in hundredths.
	Assessed   bool
	Assessment Score
	// HasJPM says the employee's position has a standard; JPM is the match
	// in hundredths of a percent (competency.Percent).
	HasJPM    bool
	JPM       Score
	Education string // highest tingkat pendidikan (reference pendidikan)
	Training  []Training
	TMTCPNS   merit.Date // start of service; zero when unknown
}

// Reset empties the input keeping its slices, for reuse in a loop.
func (in *Input) Reset() {
	*in = Input{Predikat: in.Predikat[:0], Training: in.Training[:0]}
}

// Point is one step of a placement's explanation: Code is an i18n key
// ("talent.x.…") whose verbs Args fill; Score is the figure the step
// produced (0 when it produced a level or nothing).
type Point struct {
	Code  string   `json:"code"`
	Args  []string `json:"args,omitempty"`
	Score Score    `json:"score"`
}

// Placement is an employee's place on the 9-box under one rule set and how
// it was computed, point by point. An employee without a predikat in the
// performance years is not Mapped: the explanation says why.
type Placement struct {
	EmployeeID       int64   `json:"employeeId"`
	Mapped           bool    `json:"mapped"`
	Cell             Cell    `json:"cell"`
	Box              int     `json:"box"` // under the rule set's scheme; 0 when not mapped
	PerformanceScore Score   `json:"performanceScore"`
	PotentialScore   Score   `json:"potentialScore"`
	Points           []Point `json:"points"`
}

// ActionsOf returns the recommended actions of the placement's box under the
// rule set; none when it is not mapped.
func (r *RuleSet) ActionsOf(p *Placement) []Action {
	if !p.Mapped {
		return nil
	}
	return r.Actions.Of(p.Cell)
}

// Place computes the placement of one employee for a review whose latest
// performance year is year and whose date (for training windows and years
// of service) is on.
func (r *RuleSet) Place(in *Input, year int, on merit.Date) Placement {
	var p Placement
	r.PlaceInto(&p, in, year, on)
	return p
}

// PlaceInto is Place writing into p and reusing its Points, for mapping a
// whole agency without an allocation per employee beyond the arguments.
func (r *RuleSet) PlaceInto(p *Placement, in *Input, year int, on merit.Date) {
	*p = Placement{EmployeeID: in.EmployeeID, Points: p.Points[:0]}
	perf, ok := r.performance(p, in, year)
	if !ok {
		p.add("talent.x.unmapped", 0)
		return
	}
	pot := r.potential(p, in, on)
	p.Mapped = true
	p.Cell = Cell{Performance: perf, Potential: pot}
	p.Box = r.Scheme.Box(p.Cell)
	p.add("talent.x.box", 0, string(r.Scheme), strconv.Itoa(p.Box), perf.String(), pot.String())
}

func (p *Placement) add(code string, s Score, args ...string) {
	p.Points = append(p.Points, Point{Code: code, Args: args, Score: s})
}

// performance derives the kinerja level; ok is false when no predikat of
// the performance years is known.
func (r *RuleSet) performance(p *Placement, in *Input, year int) (Level, bool) {
	rule := &r.Performance
	var (
		n     int
		sum   Score
		level = High
	)
	for _, yp := range in.Predikat {
		if yp.Year > year || yp.Year <= year-rule.Years {
			continue
		}
		n++
		y := strconv.Itoa(yp.Year)
		if rule.Average {
			s := rule.Scores[yp.Predikat]
			sum += s
			p.add("talent.x.predikat_score", s, y, string(yp.Predikat))
			continue
		}
		l := rule.Levels[yp.Predikat]
		level = min(level, l)
		p.add("talent.x.predikat_level", 0, y, string(yp.Predikat), l.String())
	}
	if n == 0 {
		p.add("talent.x.no_predikat", 0, strconv.Itoa(year-rule.Years+1), strconv.Itoa(year))
		return Low, false
	}
	if rule.Average {
		mean := (sum + Score(n)/2) / Score(n)
		p.PerformanceScore = mean
		level = LevelOf(mean, rule.Medium, rule.High)
		p.add("talent.x.performance_mean", mean, strconv.Itoa(n), rule.Medium.String(), rule.High.String(), level.String())
		return level, true
	}
	if n > 1 {
		p.add("talent.x.performance_lower", 0, level.String())
	}
	return level, true
}

// potential composes the potensial score and its level. A missing
// assessment or JPM leaves its weight out: the other parts are reweighted
// to 100 %, and the explanation says so.
func (r *RuleSet) potential(p *Placement, in *Input, on merit.Date) Level {
	rule := &r.Potential
	var weighted, weights int64
	part := func(code string, has bool, s Score, w int) {
		if w == 0 {
			return
		}
		if !has {
			p.add(code+"_missing", 0, strconv.Itoa(w))
			return
		}
		p.add(code, s, strconv.Itoa(w))
		weighted += int64(s) * int64(w)
		weights += int64(w)
	}
	part("talent.x.assessment", in.Assessed, in.Assessment, rule.AssessmentWeight)
	part("talent.x.jpm", in.HasJPM, in.JPM, rule.CompetencyWeight)
	if rule.TrackRecordWeight > 0 {
		part("talent.x.track_record", true, r.trackRecord(p, in, on), rule.TrackRecordWeight)
	}
	var s Score
	if weights > 0 {
		s = Score((weighted + weights/2) / weights)
	}
	p.PotentialScore = s
	level := LevelOf(s, rule.Medium, rule.High)
	code := "talent.x.potential"
	if weights < 100 {
		code = "talent.x.potential_reweighted"
	}
	p.add(code, s, rule.Medium.String(), rule.High.String(), level.String(), strconv.FormatInt(weights, 10))
	return level
}

// trackRecord scores education, training in the window and years of service.
func (r *RuleSet) trackRecord(p *Placement, in *Input, on merit.Date) Score {
	rule := &r.Potential
	var edu Score
	for _, row := range rule.Education {
		for _, l := range row.Levels {
			if l == in.Education {
				edu = row.Score
			}
		}
	}
	p.add("talent.x.education", edu, in.Education, strconv.Itoa(rule.EducationWeight))

	from := merit.NewDate(on.Year()-rule.TrainingYears, on.Month(), on.Day())
	hours := 0
	for _, t := range in.Training {
		if !t.Done.Before(from) && !on.Before(t.Done) {
			hours += t.Hours
		}
	}
	train := bandScore(rule.Training, hours)
	p.add("talent.x.training", train, strconv.Itoa(hours), strconv.Itoa(rule.TrainingYears), strconv.Itoa(rule.TrainingWeight))

	years := 0
	if !in.TMTCPNS.IsZero() && !on.Before(in.TMTCPNS) {
		years = in.TMTCPNS.AgeOn(on)
	}
	exp := bandScore(rule.Experience, years)
	p.add("talent.x.experience", exp, strconv.Itoa(years), strconv.Itoa(rule.ExperienceWeight))

	total := (int64(edu)*int64(rule.EducationWeight) + int64(train)*int64(rule.TrainingWeight) + int64(exp)*int64(rule.ExperienceWeight) + 50) / 100
	return Score(total)
}
