package evaluation

import (
	"fmt"

	"merit"
)

// Levels maps an indicator code to a level.
type Levels map[string]int

// Result is a scored assessment: the total on the framework's own scale
// (KASN 100–400; the 2025 index) and the category it falls in.
type Result struct {
	Total    Score    `json:"total"`
	Category Category `json:"category"`
}

// Total is Σ weight × level over every indicator of the instrument: on the
// KASN instrument 100 (all level 1) to 400 (all level 4), in half points.
// Every indicator needs a level within MinLevel..MaxLevel; a missing or
// out-of-range level is a field error "levels.<code>", so a partial set
// never yields a score.
func (in *Instrument) Total(levels Levels) (Score, error) {
	var fs merit.Fields
	var total Score
	for _, a := range in.Aspects {
		for _, ind := range a.Indicators {
			l, ok := levels[ind.Code]
			switch {
			case !ok || l == 0:
				fs.Add("levels."+ind.Code, "evaluation.err.level_missing", "")
			case l < in.MinLevel || l > in.MaxLevel:
				fs.Add("levels."+ind.Code, "field.range", fmt.Sprint(l), in.MinLevel, in.MaxLevel)
			default:
				total += ind.Weight.MulInt(int64(l))
			}
		}
	}
	if err := fs.Err("evaluation.Instrument.Total"); err != nil {
		return 0, err
	}
	return total, nil
}

// Result scores a complete level set on a KASN-style instrument: the total
// and its category. For the 2025 framework use Index, which adds the survey
// and the correction factor.
func (in *Instrument) Result(levels Levels) (Result, error) {
	total, err := in.Total(levels)
	if err != nil {
		return Result{}, err
	}
	cat, _ := in.Category(total)
	return Result{Total: total, Category: cat}, nil
}

// VerifiedLevels returns the evaluator's verified levels of the entries that
// have one. These, and only these, make the official score.
func (a *Assessment) VerifiedLevels() Levels {
	out := make(Levels, len(a.Entries))
	a.verifiedInto(out)
	return out
}

// verifiedInto fills l (emptied first) with the verified levels, so the
// ranking reuses one map for every agency.
func (a *Assessment) verifiedInto(l Levels) {
	clear(l)
	for _, e := range a.Entries {
		if e.VerifiedLevel != 0 {
			l[e.Indicator] = e.VerifiedLevel
		}
	}
}

// SelfLevels returns the agency's own levels, for the team's preview and the
// what-if: never for the official score.
func (a *Assessment) SelfLevels() Levels {
	out := make(Levels, len(a.Entries))
	for _, e := range a.Entries {
		if e.SelfLevel != 0 {
			out[e.Indicator] = e.SelfLevel
		}
	}
	return out
}

// Official returns the official result of the assessment: computed from
// verified levels only, and only once the assessment is verified or
// ditetapkan (before that there is no official score, whatever the self
// levels say). The instrument must be the version the assessment recorded.
// On the 2025 framework the survey score and violations of the assessment
// enter through Index.
func (a *Assessment) Official(in *Instrument) (Result, error) {
	return a.official(in, make(Levels, len(a.Entries)))
}

// official is Official with a scratch map for the levels.
func (a *Assessment) official(in *Instrument, scratch Levels) (Result, error) {
	const op = "evaluation.Assessment.Official"
	if in.Ref() != a.Instrument {
		return Result{}, merit.Invalid(op, merit.FieldError{Field: "instrument", Code: "evaluation.err.instrument_mismatch", Value: a.Instrument.String(), Args: []any{in.Ref().String()}})
	}
	if a.Status != Verified && a.Status != Ditetapkan {
		return Result{}, merit.Invalid(op, merit.FieldError{Field: "status", Code: "evaluation.err.not_verified", Value: string(a.Status)})
	}
	a.verifiedInto(scratch)
	if in.Survey != nil {
		return in.Index(scratch, a.SurveyScore, a.Violations)
	}
	return in.Result(scratch)
}
