package evaluation

import (
	"cmp"
	"maps"
	"slices"
)

// Improvement is raising one indicator from one level to a higher one, and
// what that adds to the total.
type Improvement struct {
	Indicator string `json:"indicator"`
	From      int    `json:"from"`
	To        int    `json:"to"`
	Gain      Score  `json:"gain"`
}

// WhatIf answers "what should we improve": the single one-level steps that
// raise the total most, and the fewest steps that reach the next category.
type WhatIf struct {
	Current Result `json:"current"`
	// Steps are every indicator raised one level, largest gain first (ties
	// in instrument order); indicators at the top level are left out.
	Steps []Improvement `json:"steps"`
	// Next is the next category up, nil at the top. Path is the fewest
	// one-level steps that reach it (grouped per indicator, in the order
	// taken) and Reached the result after them; Path is empty when no set
	// of steps reaches it.
	Next    *Category     `json:"next,omitempty"`
	Path    []Improvement `json:"path,omitempty"`
	Reached Result        `json:"reached"`
}

// WhatIf works on a complete level set (the self levels while drafting, the
// verified ones after). survey and violations enter only on the 2025
// framework. Path is greedy by weight: take one-level steps of the heaviest
// indicators first until the next category's lower bound is reached. Every
// step of an indicator gains the same (its weight, on the 2025 index scaled
// by the same factor), so taking the largest first gives the fewest steps;
// it may overshoot more than another set of the same size
// (docs/decisions.md "What-if").
func (in *Instrument) WhatIf(levels Levels, survey Score, violations int) (WhatIf, error) {
	score := func(l Levels) (Result, error) {
		if in.Survey != nil {
			return in.Index(l, survey, violations)
		}
		return in.Result(l)
	}
	cur, err := score(levels)
	if err != nil {
		return WhatIf{}, err
	}
	w := WhatIf{Current: cur, Reached: cur}
	type step struct {
		ind Indicator
		pos int
	}
	var steps []step
	for i, ind := range in.Indicators() {
		if levels[ind.Code] >= in.MaxLevel {
			continue
		}
		up := maps.Clone(levels)
		up[ind.Code]++
		r, err := score(up)
		if err != nil {
			return WhatIf{}, err
		}
		w.Steps = append(w.Steps, Improvement{Indicator: ind.Code, From: levels[ind.Code], To: levels[ind.Code] + 1, Gain: r.Total - cur.Total})
		steps = append(steps, step{ind, i})
	}
	slices.SortStableFunc(w.Steps, func(a, b Improvement) int { return cmp.Compare(b.Gain, a.Gain) })
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(b.ind.Weight, a.ind.Weight) })

	i := slices.IndexFunc(in.Categories, func(c Category) bool { return c.Code == cur.Category.Code })
	if i < 0 || i+1 >= len(in.Categories) {
		return w, nil
	}
	next := in.Categories[i+1]
	w.Next = &next
	l := maps.Clone(levels)
	var path []Improvement
	for _, s := range steps {
		for l[s.ind.Code] < in.MaxLevel {
			l[s.ind.Code]++
			r, err := score(l)
			if err != nil {
				return WhatIf{}, err
			}
			if n := len(path); n > 0 && path[n-1].Indicator == s.ind.Code {
				path[n-1].To, path[n-1].Gain = l[s.ind.Code], path[n-1].Gain+r.Total-w.Reached.Total
			} else {
				path = append(path, Improvement{Indicator: s.ind.Code, From: l[s.ind.Code] - 1, To: l[s.ind.Code], Gain: r.Total - w.Reached.Total})
			}
			w.Reached = r
			if r.Total >= next.Min {
				w.Path = path
				return w, nil
			}
		}
	}
	w.Reached = cur // the next category is out of reach
	return w, nil
}
