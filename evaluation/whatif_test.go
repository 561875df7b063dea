package evaluation

import (
	"testing"
)

func TestWhatIfMagelang2021(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	w, err := in.WhatIf(PublishedResults()[0].Levels, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if w.Current.Total.String() != "149.5" || w.Steps[0].Indicator != "4.1" || w.Steps[0].Gain != Points(5) {
		t.Errorf("current %s, best step %+v; want 149.5 and 4.1 +5", w.Current.Total, w.Steps[0])
	}
	if w.Next == nil || w.Next.Code != "kurang" {
		t.Fatalf("next = %v, want kurang", w.Next)
	}
	want := []Improvement{{"4.1", 1, 4, Points(15)}, {"4.2", 1, 4, Points(15)}}
	if len(w.Path) != len(want) || w.Path[0] != want[0] || w.Path[1] != want[1] {
		t.Errorf("path = %+v, want %+v", w.Path, want)
	}
	if w.Reached.Total.String() != "179.5" || w.Reached.Category.Code != "kurang" {
		t.Errorf("reached %s %s", w.Reached.Total, w.Reached.Category.Code)
	}
}

// TestWhatIfFewestSteps: on every published level set the greedy path has
// the fewest one-level steps that reach the next category (checked by
// dynamic programming over the steps).
func TestWhatIfFewestSteps(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	for _, p := range PublishedResults() {
		w, err := in.WhatIf(p.Levels, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if w.Next == nil {
			if len(w.Path) != 0 {
				t.Errorf("%s %d: top category with a path", p.AgencyCode, p.Year)
			}
			continue
		}
		steps := 0
		for _, s := range w.Path {
			steps += s.To - s.From
		}
		if best := fewestSteps(in, p.Levels, w.Next.Min-w.Current.Total); steps != best || w.Reached.Total < w.Next.Min {
			t.Errorf("%s %d: greedy %d steps to %s, fewest possible %d", p.AgencyCode, p.Year, steps, w.Reached.Total, best)
		}
	}
}

// fewestSteps: the least number of one-level steps whose gains add to at
// least gap (in half points), by dynamic programming.
func fewestSteps(in *Instrument, levels Levels, gap Score) int {
	const inf = 1 << 30
	g := int(gap / (One / 2))
	best := make([]int, g+1) // best[x]: fewest steps gaining ≥ x half points
	for x := 1; x <= g; x++ {
		best[x] = inf
	}
	for _, ind := range in.Indicators() {
		w := int(ind.Weight / (One / 2))
		for range in.MaxLevel - levels[ind.Code] { // each step is one item
			for x := g; x >= 1; x-- {
				if b := best[max(x-w, 0)]; b+1 < best[x] {
					best[x] = b + 1
				}
			}
		}
	}
	return best[g]
}

func TestWhatIfTopAnd2025(t *testing.T) {
	kasn := Seed(InstrumentKASN2018)
	if w, _ := kasn.WhatIf(uniform(kasn, 4), 0, 0); len(w.Steps) != 0 || w.Next != nil {
		t.Errorf("all 4: steps %v next %v", w.Steps, w.Next)
	}
	in := Seed(InstrumentPANRB2025)
	w, err := in.WhatIf(uniform(in, 4), One, 0)
	if err != nil {
		t.Fatal(err)
	}
	if w.Current.Category.Code != "tinggi" || w.Next == nil || w.Next.Code != "maju" {
		t.Fatalf("2025: %s next %v", w.Current.Category.Code, w.Next)
	}
	if len(w.Path) != 1 || w.Path[0].Indicator != "1.1" || w.Reached.Total.String() != "1.0141" || w.Reached.Category.Code != "maju" {
		t.Errorf("2025 path %+v reached %s %s", w.Path, w.Reached.Total, w.Reached.Category.Code)
	}
	// With every violation counted nothing reaches the next band.
	w, _ = in.WhatIf(uniform(in, 1), 0, 20)
	if len(w.Path) != 0 || w.Reached != w.Current {
		t.Errorf("unreachable: path %v", w.Path)
	}
}
