package selection

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// panel returns n members, the first of them ketua, internal ones first.
func panel(n, internal int) []Member {
	ms := make([]Member, n)
	for i := range ms {
		ms[i] = Member{ID: int64(i + 1), Code: fmt.Sprintf("P%d", i+1), Name: fmt.Sprintf("Anggota %d", i+1), Kind: External, Role: Anggota}
		if i < internal {
			ms[i].Kind = Internal
		}
		if i == n-1 {
			ms[i].Kind = Academic
		}
	}
	if n > 0 {
		ms[0].Role = Ketua
	}
	return ms
}

func TestPanelCheck(t *testing.T) {
	tests := []struct {
		name    string
		rule    PanelRule
		members []Member
		want    []string
	}{
		{"5 with 2 internal", DefaultPanelRule, panel(5, 2), nil},
		{"5 with 3 internal (60 %)", DefaultPanelRule, panel(5, 3), []string{"panel=selection.err.panel_internal"}},
		{"9 with 4 internal (44.4 %)", DefaultPanelRule, panel(9, 4), nil},
		{"9 with 5 internal (55.6 %)", DefaultPanelRule, panel(9, 5), []string{"panel=selection.err.panel_internal"}},
		{"4 members", DefaultPanelRule, panel(4, 1), []string{"panel=selection.err.panel_size", "panel=selection.err.panel_even"}},
		{"6 members", DefaultPanelRule, panel(6, 2), []string{"panel=selection.err.panel_even"}},
		{"11 members", DefaultPanelRule, panel(11, 2), []string{"panel=selection.err.panel_size"}},
		{"no members", DefaultPanelRule, nil, []string{"panel=selection.err.panel_size", "panel=selection.err.panel_even", "panel=selection.err.panel_ketua"}},
		{"even allowed", PanelRule{Min: 4, Max: 8, MaxInternalPercent: 50}, panel(4, 2), nil},
		{"exactly 45 % of 20", PanelRule{Min: 1, Max: 20, MaxInternalPercent: 45}, panel(20, 9), nil},
		{"3 of 3 when the rule says 3 (the issue's test)", PanelRule{Min: 3, Max: 3, Odd: true, MaxInternalPercent: 45}, panel(3, 1), nil},
		{"two ketua", DefaultPanelRule, func() []Member { m := panel(5, 1); m[1].Role = Ketua; return m }(), []string{"panel=selection.err.panel_ketua"}},
		{"code twice and a bad member", DefaultPanelRule, func() []Member {
			m := panel(5, 1)
			m[2].Code = "P1"
			m[3].Name, m[3].Kind, m[3].Code = "", "dprd", "P 4"
			return m
		}(), []string{"panel=selection.err.member_code_twice", "name=field.required", "code=selection.err.code", "kind=field.unknown_ref"}},
	}
	for _, tt := range tests {
		if got := fieldCodes(tt.rule.Check(tt.members)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPanelRuleValidate(t *testing.T) {
	tests := []struct {
		rule PanelRule
		want []string
	}{
		{DefaultPanelRule, nil},
		{PanelRule{Min: 0, Max: 0, MaxInternalPercent: 101}, []string{"panel.min=field.range", "panel.max=field.range", "panel.maxInternalPercent=field.range"}},
		{PanelRule{Min: 7, Max: 5, MaxInternalPercent: 0}, []string{"panel.max=field.range"}},
	}
	for _, tt := range tests {
		if got := fieldCodes(tt.rule.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.rule, got, tt.want)
		}
	}
}

func TestConflicted(t *testing.T) {
	cs := []Conflict{{MemberID: 2, CandidateID: 7, Reason: "ipar", DeclaredAt: time.Now()}}
	for _, tt := range []struct {
		member, candidate int64
		want              bool
	}{{2, 7, true}, {2, 8, false}, {3, 7, false}} {
		if got := Conflicted(cs, tt.member, tt.candidate); got != tt.want {
			t.Errorf("Conflicted(%d, %d): got %t, want %t", tt.member, tt.candidate, got, tt.want)
		}
	}
	c := Conflict{MemberID: 1}
	if got := fieldCodes(c.Validate()); !slices.Equal(got, []string{"candidateId=field.required", "reason=field.required"}) {
		t.Errorf("Conflict.Validate: got %v", got)
	}
}
