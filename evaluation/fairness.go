package evaluation

import (
	"cmp"
	"slices"
)

// GroupOutcome is how one group fared at one decision point: Selected of
// Total (passed a selection stage, or placed in a favourable 9-box).
type GroupOutcome struct {
	Group    string `json:"group"`
	Selected int    `json:"selected"`
	Total    int    `json:"total"`
}

// FairnessRule is the four-fifths rule as data: a group is flagged when its
// rate is below Threshold × the highest rate; groups smaller than
// MinGroupSize are reported as too small and neither flagged nor used as the
// reference.
type FairnessRule struct {
	Threshold    Score `json:"threshold"`    // 0.8
	MinGroupSize int   `json:"minGroupSize"` // DefaultFairness: 5
}

// DefaultFairness is the four-fifths rule with groups of at least 5
// (docs/decisions.md "Fairness monitor").
var DefaultFairness = FairnessRule{Threshold: One * 8 / 10, MinGroupSize: 5}

// Fairness verdicts.
const (
	FairOK       = "ok"
	FairFlagged  = "flagged"   // rate below Threshold × the highest rate
	FairTooSmall = "too_small" // fewer than MinGroupSize: no verdict
)

// GroupFairness is one group's rate, its ratio to the highest rate and the
// verdict.
type GroupFairness struct {
	GroupOutcome
	Rate    Score  `json:"rate"`  // Selected / Total, 0..1
	Ratio   Score  `json:"ratio"` // Rate / highest rate, 0..1 (0 when the highest is 0)
	Verdict string `json:"verdict"`
}

// FairnessReport is the four-fifths check of one decision point by one
// attribute (sex, age band, religion…).
type FairnessReport struct {
	Highest Score           `json:"highest"` // highest rate among groups large enough
	Groups  []GroupFairness `json:"groups"`  // in the order given
	Flagged int             `json:"flagged"`
}

// FourFifths applies the rule: merit means no discrimination (UU ASN), and a
// group selected at under four fifths of the best group's rate is a signal
// to look at. The comparison is exact in integers (selected_g × total_best ×
// 1 < 0.8 × selected_best × total_g); rates and ratios are rounded only for
// display.
func FourFifths(groups []GroupOutcome, rule FairnessRule) FairnessReport {
	best := -1
	for i, g := range groups {
		if g.Total < rule.MinGroupSize || g.Total <= 0 {
			continue
		}
		// g's rate > best's rate, compared as cross products.
		if best < 0 || int64(g.Selected)*int64(groups[best].Total) > int64(groups[best].Selected)*int64(g.Total) {
			best = i
		}
	}
	var rep FairnessReport
	if best >= 0 {
		rep.Highest = rate(groups[best].Selected, groups[best].Total)
	}
	for _, g := range groups {
		gf := GroupFairness{GroupOutcome: g, Verdict: FairTooSmall}
		if g.Total > 0 {
			gf.Rate = rate(g.Selected, g.Total)
		}
		if g.Total >= rule.MinGroupSize && g.Total > 0 && best >= 0 {
			b := groups[best]
			gf.Verdict = FairOK
			if b.Selected > 0 {
				gf.Ratio = Score(int64(g.Selected) * int64(b.Total) * int64(One)).DivInt(int64(b.Selected) * int64(g.Total))
				if int64(g.Selected)*int64(b.Total)*int64(One) < int64(rule.Threshold)*int64(b.Selected)*int64(g.Total) {
					gf.Verdict = FairFlagged
					rep.Flagged++
				}
			}
		}
		rep.Groups = append(rep.Groups, gf)
	}
	return rep
}

func rate(selected, total int) Score { return Points(int64(selected)).DivInt(int64(total)) }

// Outcome is one person's result at a decision point, by group: the store
// reads it from selection stages or talent placements.
type Outcome struct {
	Group      string
	Favourable bool
}

// Tally counts outcomes per group, groups in name order.
func Tally(outcomes []Outcome) []GroupOutcome {
	idx := map[string]int{}
	var out []GroupOutcome
	for _, o := range outcomes {
		i, ok := idx[o.Group]
		if !ok {
			i = len(out)
			idx[o.Group] = i
			out = append(out, GroupOutcome{Group: o.Group})
		}
		out[i].Total++
		if o.Favourable {
			out[i].Selected++
		}
	}
	slices.SortFunc(out, func(a, b GroupOutcome) int { return cmp.Compare(a.Group, b.Group) })
	return out
}

// FavourableBox reports whether a 9-box placement is the favourable outcome
// of the fairness monitor: boxes 7, 8 and 9, the talent pool (kelompok
// rencana suksesi, regulations.md §4.3) in the PermenPANRB 3/2020 numbering.
func FavourableBox(box int) bool { return box >= 7 && box <= 9 }
