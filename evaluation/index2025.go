package evaluation

import (
	"merit"
)

// Index scores a 2025-framework assessment (PermenPANRB 19/2025,
// regulations.md §1.7 [P]): the maturity component is Σ weight × level
// divided by 100 × FullLevel (so all indicators at level 4 give 1.00 and
// level 5 goes beyond), the index is MaturityWeight × maturity +
// SurveyWeight × survey (0.75 and 0.25), then multiplied by the correction
// factor 1 − CorrectionPerViolation × violations (never below 0). survey is
// the employee-survey score, 0..1. Every step is fixed point; the category
// comes from the instrument's bands (Dasar … Maju).
func (in *Instrument) Index(levels Levels, survey Score, violations int) (Result, error) {
	const op = "evaluation.Instrument.Index"
	sc := in.Survey
	if sc == nil {
		return Result{}, merit.Invalid(op, merit.FieldError{Field: "framework", Code: "evaluation.err.no_survey", Value: string(in.Framework)})
	}
	var fs merit.Fields
	if survey < 0 || survey > One {
		fs.Add("surveyScore", "field.range", survey.String(), 0, 1)
	}
	if violations < 0 {
		fs.Add("violations", "field.range", "", 0, "∞")
	}
	if err := fs.Err(op); err != nil {
		return Result{}, err
	}
	raw, err := in.Total(levels)
	if err != nil {
		return Result{}, err
	}
	maturity := raw.DivInt(int64(100 * sc.FullLevel))
	index := maturity.Mul(sc.MaturityWeight) + survey.Mul(sc.SurveyWeight)
	index = index.Mul(CorrectionFactor(sc.CorrectionPerViolation, violations))
	cat, _ := in.Category(index)
	return Result{Total: index, Category: cat}, nil
}

// CorrectionFactor is 1 − per × violations, floored at 0: the share of the
// index an agency keeps after proven merit-system violations.
func CorrectionFactor(per Score, violations int) Score {
	return max(One-per.MulInt(int64(violations)), 0)
}
