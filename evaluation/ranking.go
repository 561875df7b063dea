package evaluation

import (
	"cmp"
	"fmt"
	"slices"

	"merit"
)

// Ranked is one agency's place in the evaluator's ranking of a year.
type Ranked struct {
	AgencyID int64    `json:"agencyId"`
	Rank     int      `json:"rank"` // equal totals share a rank (1, 2, 2, 4)
	Total    Score    `json:"total"`
	Category Category `json:"category"`
}

// CategoryCount is how many agencies fell in a category.
type CategoryCount struct {
	Category Category `json:"category"`
	Count    int      `json:"count"`
}

// Ranking is the evaluator's view of one year on one instrument: every
// official result ranked, the count per category (e.g. 68 Baik, 14 Sangat
// Baik), the award list (the categories with Award: Baik and Sangat Baik)
// and how many assessments are still on their way, by status.
type Ranking struct {
	Year       int             `json:"year"`
	Instrument InstrumentRef   `json:"instrument"`
	Rows       []Ranked        `json:"rows"`
	Counts     []CategoryCount `json:"counts"` // in category order, zeros included
	Awards     []Ranked        `json:"awards"` // in rank order
	Pending    map[Status]int  `json:"pending"`
}

// Rank scores and ranks the assessments of a year on an instrument: those
// verified or ditetapkan count, from verified levels only (Official); the
// others are counted as pending; other years and instruments are skipped.
// Rows are by total, highest first, then agency ID. A counted assessment
// whose verified levels are incomplete is an error naming the agency. It is
// linear in the assessments plus a sort: 630 agencies rank in a few
// milliseconds (BenchmarkRank, docs/benchmarks.md; the goal is 1 s).
func Rank(in *Instrument, year int, assessments []Assessment) (*Ranking, error) {
	r := &Ranking{Year: year, Instrument: in.Ref(), Pending: map[Status]int{}}
	var fs merit.Fields
	scratch := make(Levels, 64)
	for i := range assessments {
		a := &assessments[i]
		if a.Year != year || a.Instrument != r.Instrument {
			continue
		}
		if a.Status != Verified && a.Status != Ditetapkan {
			r.Pending[a.Status]++
			continue
		}
		res, err := a.official(in, scratch)
		if err != nil {
			fs.Add(fmt.Sprintf("agency.%d", a.AgencyID), "evaluation.err.incomplete", "")
			continue
		}
		r.Rows = append(r.Rows, Ranked{AgencyID: a.AgencyID, Total: res.Total, Category: res.Category})
	}
	if err := fs.Err("evaluation.Rank"); err != nil {
		return nil, err
	}
	slices.SortFunc(r.Rows, func(a, b Ranked) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.AgencyID, b.AgencyID))
	})
	totals := make([]Score, len(r.Rows))
	for i := range r.Rows {
		row := &r.Rows[i]
		row.Rank = i + 1
		if i > 0 && row.Total == r.Rows[i-1].Total {
			row.Rank = r.Rows[i-1].Rank
		}
		totals[i] = row.Total
		if row.Category.Award {
			r.Awards = append(r.Awards, *row)
		}
	}
	r.Counts = CountCategories(in.Categories, totals)
	return r, nil
}

// CountCategories counts the totals per category (or JPT-index band), in
// category order with zeros included; totals below every category are not
// counted. The evaluator's view shows it for the merit results (123 awarded
// in 2021) and for the JPT index (68 Baik, 14 Sangat Baik).
func CountCategories(cats []Category, totals []Score) []CategoryCount {
	out := make([]CategoryCount, len(cats))
	for i, c := range cats {
		out[i].Category = c
	}
	for _, t := range totals {
		if i := categoryIndex(cats, t); i >= 0 {
			out[i].Count++
		}
	}
	return out
}
