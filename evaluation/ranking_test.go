package evaluation

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// verified returns an assessment of the KASN seed verified at the levels.
func verified(in *Instrument, agency int64, year int, levels Levels) Assessment {
	a := Assessment{AgencyID: agency, Year: year, Instrument: in.Ref(), Status: Verified}
	for _, ind := range in.Indicators() {
		a.Entries = append(a.Entries, IndicatorEntry{Indicator: ind.Code, SelfLevel: 4, VerifiedLevel: levels[ind.Code]})
	}
	return a
}

// TestRank2021: 630 agencies of which 123 are awarded (109 Baik at 273, 14
// Sangat Baik at 337.5), as KASN announced for 2021.
func TestRank2021(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	pub := PublishedResults()
	var as []Assessment
	for i := range int64(630) {
		levels := pub[0].Levels // 149.5 Buruk
		switch {
		case i%45 == 7 && i < 630: // 14 agencies
			levels = pub[2].Levels // 337.5 Sangat Baik
		case i%5 == 1 && len(as) > 0 && i < 545: // 109 agencies
			levels = pub[1].Levels // 273 Baik
		}
		as = append(as, verified(in, 1000+i, 2021, levels))
	}
	as = append(as, Assessment{AgencyID: 9999, Year: 2021, Instrument: in.Ref(), Status: Submitted},
		verified(in, 8888, 2020, pub[2].Levels)) // pending, and another year
	r, err := Rank(in, 2021, as)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range r.Counts {
		counts[c.Category.Code] = c.Count
	}
	if len(r.Rows) != 630 || counts["sangat-baik"] != 14 || counts["baik"] != 109 || counts["kurang"] != 0 || counts["buruk"] != 507 {
		t.Errorf("rows %d counts %v, want 630: 14 sangat-baik, 109 baik, 507 buruk", len(r.Rows), counts)
	}
	if len(r.Awards) != 123 || r.Pending[Submitted] != 1 {
		t.Errorf("awards %d pending %v, want 123 and 1 submitted", len(r.Awards), r.Pending)
	}
	// Equal totals share a rank: 1 (×14), 15 (×109), 124 (×507).
	if r.Rows[0].Rank != 1 || r.Rows[13].Rank != 1 || r.Rows[14].Rank != 15 || r.Rows[122].Rank != 15 || r.Rows[123].Rank != 124 || r.Rows[629].Rank != 124 {
		t.Errorf("ranks: %d %d %d %d %d %d", r.Rows[0].Rank, r.Rows[13].Rank, r.Rows[14].Rank, r.Rows[122].Rank, r.Rows[123].Rank, r.Rows[629].Rank)
	}
	if !slices.IsSortedFunc(r.Rows, func(a, b Ranked) int { return int(b.Total - a.Total) }) {
		t.Error("rows not by total")
	}
	// An incomplete verification names the agency.
	as[3].Entries[0].VerifiedLevel = 0
	if _, err := Rank(in, 2021, as); !slices.Contains(fieldsOf(err), "agency.1003=evaluation.err.incomplete") {
		t.Errorf("incomplete: %v", err)
	}
}

// generated returns n verified assessments with random levels (seeded).
func generated(in *Instrument, n int) []Assessment {
	rng := rand.New(rand.NewPCG(7, 2021))
	var out []Assessment
	for i := range n {
		levels := Levels{}
		base := 1 + rng.IntN(4)
		for _, ind := range in.Indicators() {
			levels[ind.Code] = min(4, max(1, base+rng.IntN(3)-1))
		}
		out = append(out, verified(in, int64(i+1), 2021, levels))
	}
	return out
}

// BenchmarkRank scores every indicator of 630 agencies from their verified
// levels and ranks them (evaluation), beside a naive baseline that sums
// float64 weights and sorts with sort.Slice (naive). docs/benchmarks.md.
func BenchmarkRank(b *testing.B) {
	in := Seed(InstrumentKASN2018)
	as := generated(in, 630)
	b.Run("evaluation", func(b *testing.B) {
		for b.Loop() {
			if _, err := Rank(in, 2021, as); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive-float64", func(b *testing.B) {
		weights := map[string]float64{}
		for _, ind := range in.Indicators() {
			weights[ind.Code] = ind.Weight.Float()
		}
		type row struct {
			id    int64
			total float64
		}
		for b.Loop() {
			rows := make([]row, 0, len(as))
			for _, a := range as {
				var t float64
				for _, e := range a.Entries {
					t += weights[e.Indicator] * float64(e.VerifiedLevel)
				}
				rows = append(rows, row{a.AgencyID, t})
			}
			sort.Slice(rows, func(i, j int) bool { return rows[i].total > rows[j].total })
		}
	})
}
