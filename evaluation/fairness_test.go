package evaluation

import (
	"fmt"
	"testing"
)

func TestFourFifths(t *testing.T) {
	for _, tc := range []struct {
		name    string
		groups  []GroupOutcome
		want    []string // verdict per group
		ratios  []string
		highest string
	}{
		{"half the rate is flagged",
			[]GroupOutcome{{"L", 48, 80}, {"P", 12, 40}},
			[]string{FairOK, FairFlagged}, []string{"1", "0.5"}, "0.6"},
		{"exactly four fifths passes",
			[]GroupOutcome{{"A", 50, 100}, {"B", 40, 100}},
			[]string{FairOK, FairOK}, []string{"1", "0.8"}, "0.5"},
		{"just under four fifths is flagged",
			[]GroupOutcome{{"A", 50, 100}, {"B", 39, 100}},
			[]string{FairOK, FairFlagged}, []string{"1", "0.78"}, "0.5"},
		{"a small group is too small and not the reference",
			[]GroupOutcome{{"Islam", 30, 100}, {"Hindu", 4, 4}, {"Kristen", 0, 3}, {"Katolik", 5, 20}},
			[]string{FairOK, FairTooSmall, FairTooSmall, FairOK}, []string{"1", "0", "0", "0.8333"}, "0.3"},
		{"nobody selected flags nobody",
			[]GroupOutcome{{"A", 0, 10}, {"B", 0, 12}},
			[]string{FairOK, FairOK}, []string{"0", "0"}, "0"},
		{"empty group",
			[]GroupOutcome{{"A", 5, 10}, {"B", 0, 0}},
			[]string{FairOK, FairTooSmall}, []string{"1", "0"}, "0.5"},
	} {
		rep := FourFifths(tc.groups, DefaultFairness)
		flagged := 0
		for i, g := range rep.Groups {
			if g.Verdict != tc.want[i] || g.Ratio.String() != tc.ratios[i] {
				t.Errorf("%s: %s verdict %s ratio %s, want %s %s", tc.name, g.Group, g.Verdict, g.Ratio, tc.want[i], tc.ratios[i])
			}
			if g.Verdict == FairFlagged {
				flagged++
			}
		}
		if rep.Flagged != flagged || rep.Highest.String() != tc.highest {
			t.Errorf("%s: flagged %d highest %s, want %d %s", tc.name, rep.Flagged, rep.Highest, flagged, tc.highest)
		}
	}
}

// TestFourFifthsNineBox: 9-box placements by sex, boxes 7–9 favourable.
func TestFourFifthsNineBox(t *testing.T) {
	var out []Outcome
	for i := range 60 { // men: 18 of 60 in boxes 7-9 (0.3)
		out = append(out, Outcome{"L", FavourableBox(map[bool]int{true: 8, false: 5}[i < 18])})
	}
	for i := range 50 { // women: 10 of 50 (0.2, ratio 0.6667)
		out = append(out, Outcome{"P", FavourableBox(map[bool]int{true: 9, false: 6}[i < 10])})
	}
	groups := Tally(out)
	if fmt.Sprint(groups) != "[{L 18 60} {P 10 50}]" {
		t.Fatalf("tally = %v", groups)
	}
	rep := FourFifths(groups, DefaultFairness)
	if rep.Groups[1].Verdict != FairFlagged || rep.Groups[1].Ratio.String() != "0.6667" {
		t.Errorf("women: %+v", rep.Groups[1])
	}
	for box, want := range map[int]bool{1: false, 6: false, 7: true, 8: true, 9: true, 10: false} {
		if FavourableBox(box) != want {
			t.Errorf("FavourableBox(%d) = %t", box, !want)
		}
	}
}
