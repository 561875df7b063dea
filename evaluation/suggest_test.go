package evaluation_test

import (
	"fmt"
	"testing"

	"merit"
	"merit/evaluation"
)

// Each measure's suggested level at and around its thresholds, and silence
// where the data has no base.
func TestSuggest(t *testing.T) {
	asOf := merit.MustDate("2025-06-30")
	rule := func(m evaluation.Measure) evaluation.SuggestRule {
		for _, r := range evaluation.SuggestRules {
			if r.Measure == m {
				return r
			}
		}
		t.Fatalf("no rule for %s", m)
		return evaluation.SuggestRule{}
	}
	for _, c := range []struct {
		name    string
		measure evaluation.Measure
		facts   evaluation.Facts
		level   int // 0: no suggestion
		key     string
		args    []any
	}{
		{"standards 90%", evaluation.MeasureStandards, evaluation.Facts{Positions: 10, PositionsWithStandard: 9}, 4, "evaluation.suggest.standards", []any{9, 10, 90}},
		{"standards 89.9%", evaluation.MeasureStandards, evaluation.Facts{Positions: 1000, PositionsWithStandard: 899}, 3, "evaluation.suggest.standards", []any{899, 1000, 89}},
		{"standards 70%", evaluation.MeasureStandards, evaluation.Facts{Positions: 10, PositionsWithStandard: 7}, 3, "", nil},
		{"standards 69.9%", evaluation.MeasureStandards, evaluation.Facts{Positions: 1000, PositionsWithStandard: 699}, 2, "", nil},
		{"standards 40%", evaluation.MeasureStandards, evaluation.Facts{Positions: 10, PositionsWithStandard: 4}, 2, "", nil},
		{"standards 39.9%", evaluation.MeasureStandards, evaluation.Facts{Positions: 1000, PositionsWithStandard: 399}, 1, "", nil},
		{"standards none", evaluation.MeasureStandards, evaluation.Facts{Positions: 12}, 1, "", nil},
		{"no positions", evaluation.MeasureStandards, evaluation.Facts{}, 0, "", nil},
		{"every JPT open", evaluation.MeasureOpenJPT, evaluation.Facts{JPTFilled: 4, JPTFilledOpen: 4}, 4, "evaluation.suggest.open_jpt", []any{4, 4, 100}},
		{"3 of 4 JPT open", evaluation.MeasureOpenJPT, evaluation.Facts{JPTFilled: 4, JPTFilledOpen: 3}, 3, "", nil},
		{"2 of 4 JPT open", evaluation.MeasureOpenJPT, evaluation.Facts{JPTFilled: 4, JPTFilledOpen: 2}, 2, "", nil},
		{"1 of 4 JPT open", evaluation.MeasureOpenJPT, evaluation.Facts{JPTFilled: 4, JPTFilledOpen: 1}, 1, "", nil},
		{"no JPT filled", evaluation.MeasureOpenJPT, evaluation.Facts{Employees: 100}, 0, "", nil},
		{"SKP 95%", evaluation.MeasureSKP, evaluation.Facts{Employees: 200, EmployeesWithSKP: 190}, 4, "evaluation.suggest.skp", []any{190, 200, 95}},
		{"assessed 50%", evaluation.MeasureAssessed, evaluation.Facts{Employees: 200, EmployeesAssessed: 100}, 2, "evaluation.suggest.assessed", nil},
		{"registry 70%", evaluation.MeasureRegistry, evaluation.Facts{Employees: 200, EmployeesComplete: 140}, 3, "evaluation.suggest.registry", nil},
		{"IP ASN 81.00", evaluation.MeasureIPASN, evaluation.Facts{IPASNCount: 5, IPASNAverage: 8100}, 4, "evaluation.suggest.ipasn", []any{81, 0, 5}},
		{"IP ASN 80.99", evaluation.MeasureIPASN, evaluation.Facts{IPASNCount: 5, IPASNAverage: 8099}, 3, "", []any{80, 99, 5}},
		{"IP ASN 71", evaluation.MeasureIPASN, evaluation.Facts{IPASNCount: 5, IPASNAverage: 7100}, 3, "", nil},
		{"IP ASN 61", evaluation.MeasureIPASN, evaluation.Facts{IPASNCount: 5, IPASNAverage: 6100}, 2, "", nil},
		{"IP ASN 60.99", evaluation.MeasureIPASN, evaluation.Facts{IPASNCount: 5, IPASNAverage: 6099}, 1, "", nil},
		{"IP ASN none computed", evaluation.MeasureIPASN, evaluation.Facts{Employees: 5}, 0, "", nil},
		{"review 12 months ago, pool", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2024-06-30"), TalentPool: 6}, 4, "evaluation.suggest.talent_review", []any{"2024-06-30", 12, 6}},
		{"review 12 months less a day ago", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2024-07-01"), TalentPool: 6}, 4, "", []any{"2024-07-01", 11, 6}},
		{"review 13 months ago, pool", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2024-05-30"), TalentPool: 6}, 3, "", nil},
		{"review 24 months ago, pool", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2023-06-30"), TalentPool: 1}, 3, "", nil},
		{"review 25 months ago", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2023-05-01"), TalentPool: 9}, 2, "", nil},
		{"recent review, empty pool", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50, LastTalentReview: merit.MustDate("2025-01-10")}, 2, "", nil},
		{"no review", evaluation.MeasureTalentReview, evaluation.Facts{Employees: 50}, 1, "evaluation.suggest.talent_review_none", nil},
		{"no employees", evaluation.MeasureTalentReview, evaluation.Facts{}, 0, "", nil},
	} {
		c.facts.AsOf = asOf
		got := evaluation.Suggest(evaluation.InstrumentKASN2018, c.facts, []evaluation.SuggestRule{rule(c.measure)})
		if c.level == 0 {
			if len(got) != 0 {
				t.Errorf("%s: got %+v, want no suggestion", c.name, got)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%s: got %d suggestions, want 1", c.name, len(got))
			continue
		}
		s := got[0]
		if s.Level != c.level {
			t.Errorf("%s: level %d, want %d", c.name, s.Level, c.level)
		}
		if c.key != "" && s.Key != c.key {
			t.Errorf("%s: key %q, want %q", c.name, s.Key, c.key)
		}
		if c.args != nil && fmt.Sprint(s.Args) != fmt.Sprint(c.args) {
			t.Errorf("%s: args %v, want %v", c.name, s.Args, c.args)
		}
	}
}

// Suggest gives one suggestion per rule of the instrument, each on an
// indicator the instrument has, and nothing for another instrument.
func TestSuggestRulesMatchInstrument(t *testing.T) {
	full := evaluation.Facts{AsOf: merit.MustDate("2025-06-30"), Positions: 10, PositionsWithStandard: 10, JPTFilled: 2, JPTFilledOpen: 2,
		LastTalentReview: merit.MustDate("2025-01-01"), TalentPool: 3, Employees: 10, EmployeesWithSKP: 10, EmployeesAssessed: 10,
		EmployeesComplete: 10, IPASNCount: 10, IPASNAverage: 9000}
	got := evaluation.Suggest(evaluation.InstrumentKASN2018, full, evaluation.SuggestRules)
	if len(got) != len(evaluation.SuggestRules) {
		t.Fatalf("%d suggestions, want %d", len(got), len(evaluation.SuggestRules))
	}
	for _, s := range got {
		if s.Level != 4 {
			t.Errorf("%s (%s): level %d with full data, want 4", s.Indicator, s.Measure, s.Level)
		}
	}
	if got := evaluation.Suggest(evaluation.InstrumentJPT, full, evaluation.SuggestRules); len(got) != 0 {
		t.Errorf("JPT instrument: %d suggestions, want 0", len(got))
	}
}
