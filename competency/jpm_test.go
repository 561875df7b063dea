package competency

import (
	"slices"
	"testing"
)

// levels builds n competencies all at level v, to reach exact sums.
func levels(vs ...uint8) []uint8 { return vs }

func TestPercentAndCategoryAtBoundaries(t *testing.T) {
	// Twenty competencies each required at level 5: the sum required is 100,
	// so every point of shortfall is exactly one percent.
	req := slices.Repeat([]uint8{5}, 20)
	withMet := func(met int) []uint8 {
		a := make([]uint8, 20)
		for i := range a {
			take := uint8(min(5, met))
			a[i], met = take, met-int(take)
		}
		return a
	}
	tests := []struct {
		met     int
		percent int
		want    Category
	}{
		{100, 10000, Memenuhi},
		{91, 9100, Memenuhi},
		{90, 9000, Memenuhi}, // lower bound inclusive
		{89, 8900, MasihMemenuhi},
		{79, 7900, MasihMemenuhi},
		{78, 7800, MasihMemenuhi}, // lower bound inclusive
		{77, 7700, Kurang},
		{0, 0, Kurang},
	}
	for _, tt := range tests {
		got := DefaultRule.Match(req, withMet(tt.met))
		if got.Percent != tt.percent || got.Category != tt.want {
			t.Errorf("met %d of 100: got %d %v, want %d %v", tt.met, got.Percent, got.Category, tt.percent, tt.want)
		}
	}
}

func TestPercentRounding(t *testing.T) {
	tests := []struct {
		name             string
		required, actual []uint8
		want             int
		wantCat          Category
	}{
		// 8/9 = 88.888… → 88.89 %, half up.
		{"two thirds up", levels(3, 3, 3), levels(3, 3, 2), 8889, MasihMemenuhi},
		// 7/9 = 77.777… → 77.78 %: still below 78.00, Kurang.
		{"just below 78", levels(3, 3, 3), levels(3, 2, 2), 7778, Kurang},
		// 25/27 = 92.592… → 92.59 %.
		{"nine managerial", slices.Repeat([]uint8{3}, 9), levels(3, 3, 3, 3, 3, 3, 3, 2, 2), 9259, Memenuhi},
		// A surplus does not make up for a shortfall: min(5,3)+min(1,3) = 4 of 6.
		{"surplus capped", levels(3, 3), levels(5, 1), 6667, Kurang},
		// Missing actual levels (shorter slice, or 0) count as not assessed.
		{"not assessed", levels(2, 2), levels(2), 5000, Kurang},
	}
	for _, tt := range tests {
		got := DefaultRule.Match(tt.required, tt.actual)
		if got.Percent != tt.want || got.Category != tt.wantCat {
			t.Errorf("%s: got %d %v, want %d %v", tt.name, got.Percent, got.Category, tt.want, tt.wantCat)
		}
	}
}

func TestNoStandard(t *testing.T) {
	if got := DefaultRule.Match(nil, levels(3)); got != (Match{}) || got.Category != NoStandard {
		t.Errorf("empty standard: got %+v, want NoStandard", got)
	}
}

func TestCustomRule(t *testing.T) {
	r := Rule{Version: 2, MeetsMin: 8000, StillMeetsMin: 6000}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		p    int
		want Category
	}{{8000, Memenuhi}, {7999, MasihMemenuhi}, {6000, MasihMemenuhi}, {5999, Kurang}} {
		if got := r.Categorize(tt.p); got != tt.want {
			t.Errorf("Categorize(%d): got %v, want %v", tt.p, got, tt.want)
		}
	}
	for _, bad := range []Rule{{MeetsMin: 7000, StillMeetsMin: 8000}, {MeetsMin: 10001, StillMeetsMin: 5000}, {MeetsMin: 9000, StillMeetsMin: 0}} {
		if bad.Validate() == nil {
			t.Errorf("Validate(%+v): got nil, want an error", bad)
		}
	}
	if err := DefaultRule.Validate(); err != nil {
		t.Errorf("DefaultRule: %v", err)
	}
}

func TestGapsAndAlign(t *testing.T) {
	reqs := []Requirement{{1, 3}, {4, 4}, {7, 2}, {1001, 3}}
	lv := []Level{{1, 4}, {2, 5}, {7, 1}, {1001, 3}}
	required, actual := Align(reqs, lv)
	if want := levels(3, 4, 2, 3); !slices.Equal(required, want) {
		t.Errorf("required: got %v, want %v", required, want)
	}
	if want := levels(4, 0, 1, 3); !slices.Equal(actual, want) {
		t.Errorf("actual: got %v, want %v", actual, want)
	}
	if got, want := Gaps(nil, required, actual), []int8{1, -4, -1, 0}; !slices.Equal(got, want) {
		t.Errorf("gaps: got %v, want %v", got, want)
	}
}

func TestCategoryText(t *testing.T) {
	for c, want := range map[Category]string{NoStandard: "none", Memenuhi: "MS", MasihMemenuhi: "MMS", Kurang: "KMS"} {
		b, _ := c.MarshalText()
		if string(b) != want {
			t.Errorf("%d: got %q, want %q", c, b, want)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	req := levels(3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3)
	act := levels(3, 2, 4, 3, 3, 1, 3, 3, 2, 2, 3, 3)
	for b.Loop() {
		_ = DefaultRule.Match(req, act)
	}
}
