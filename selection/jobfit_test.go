package selection

import (
	"testing"

	"merit"
	"merit/competency"
)

// std is a standard of three competencies (1, 2, 3) required at level 3:
// sum 9, so each missing level is 11.11 %; MS (≥ 90 %) allows none missing.
var std = []competency.Requirement{{CompetencyID: 1, Level: 3}, {CompetencyID: 2, Level: 3}, {CompetencyID: 3, Level: 3}}

// holder is a pratama holder in post 101 since tmt with levels l1..l3.
func holder(id int64, nip, tmt string, l ...uint8) *JobFitHolder {
	h := &JobFitHolder{EmployeeID: id, NIP: nip, Name: "Pejabat " + nip, PositionID: 100 + id, Jenis: "JPT_PRATAMA", TMTJabatan: merit.MustDate(tmt)}
	for i, v := range l {
		h.Levels = append(h.Levels, competency.Level{CompetencyID: int64(i + 1), Level: v})
		h.Assessed = true
	}
	return h
}

func TestJobFitWindowBoundaries(t *testing.T) {
	on := merit.MustDate("2026-07-01")
	post := &JobFitPost{PositionID: 1, Name: "Kepala Dinas", Jenis: "JPT_PRATAMA", Standard: std}
	tests := []struct {
		tmt  string
		want JobFitReason
	}{
		{"2024-07-02", ReasonTenureShort}, // one day short of two years
		{"2024-07-01", ReasonRecommended}, // exactly two years
		{"2021-07-01", ReasonRecommended}, // exactly five years
		{"2021-06-30", ReasonTenureLong},  // five years and a day
		{"2026-01-01", ReasonTenureShort},
	}
	for _, tt := range tests {
		res := JobFit(JobFitInput{On: on, Rule: competency.DefaultRule, Posts: []*JobFitPost{post}, Holders: []*JobFitHolder{holder(1, "1", tt.tmt, 3, 3, 3)}})
		if got := res.Posts[0].Entries[0].Reason; got != tt.want {
			t.Errorf("TMT %s on %s: got %s, want %s", tt.tmt, on, got, tt.want)
		}
	}
	// 29 February: the second anniversary is 1 March.
	from, until := JobFitWindow(merit.MustDate("2024-02-29"))
	if from.String() != "2026-03-01" || until.String() != "2029-03-01" {
		t.Errorf("window of 2024-02-29: %s..%s", from, until)
	}
}

func TestJobFitRecommendation(t *testing.T) {
	on := merit.MustDate("2026-07-01")
	a := &JobFitPost{PositionID: 1, Name: "Kepala Dinas A", Jenis: "JPT_PRATAMA", Standard: std}
	b := &JobFitPost{PositionID: 2, Name: "Kepala Dinas B", Jenis: "JPT_PRATAMA", Standard: std}
	c := &JobFitPost{PositionID: 3, Name: "Kepala Badan C", Jenis: "JPT_PRATAMA", Standard: std}
	noStd := &JobFitPost{PositionID: 4, Name: "Staf Ahli", Jenis: "JPT_PRATAMA"}
	tests := []struct {
		name    string
		posts   []*JobFitPost
		holders []*JobFitHolder
		want    map[int64]int64 // post → recommended employee (0: open selection)
		reasons map[int64]JobFitReason
	}{
		{"best jpm wins", []*JobFitPost{a},
			[]*JobFitHolder{holder(1, "1", "2023-01-01", 3, 3, 3), holder(2, "2", "2023-01-01", 4, 4, 4)},
			map[int64]int64{1: 1}, nil}, // levels above the standard do not count: both 100 %, tie → NIP
		{"tie goes to the longer in post", []*JobFitPost{a},
			[]*JobFitHolder{holder(1, "1", "2023-01-01", 3, 3, 3), holder(2, "2", "2022-01-01", 3, 3, 3)},
			map[int64]int64{1: 2}, map[int64]JobFitReason{1: ReasonRunnerUp}},
		{"below standard goes to open selection", []*JobFitPost{a},
			[]*JobFitHolder{holder(1, "1", "2023-01-01", 3, 3, 2)},
			map[int64]int64{1: 0}, map[int64]JobFitReason{1: ReasonBelowStandard}},
		{"not assessed", []*JobFitPost{a},
			[]*JobFitHolder{holder(1, "1", "2023-01-01")},
			map[int64]int64{1: 0}, map[int64]JobFitReason{1: ReasonNotAssessed}},
		{"other classification", []*JobFitPost{a},
			[]*JobFitHolder{func() *JobFitHolder { h := holder(1, "1", "2023-01-01", 3, 3, 3); h.Jenis = "JPT_MADYA"; return h }()},
			map[int64]int64{1: 0}, map[int64]JobFitReason{1: ReasonClassification}},
		{"own post", []*JobFitPost{a},
			[]*JobFitHolder{func() *JobFitHolder { h := holder(1, "1", "2023-01-01", 3, 3, 3); h.PositionID = 1; return h }()},
			map[int64]int64{1: 0}, map[int64]JobFitReason{1: ReasonSamePost}},
		{"no tmt", []*JobFitPost{a},
			[]*JobFitHolder{func() *JobFitHolder {
				h := holder(1, "1", "2023-01-01", 3, 3, 3)
				h.TMTJabatan = merit.Date{}
				return h
			}()},
			map[int64]int64{1: 0}, map[int64]JobFitReason{1: ReasonNoTMT}},
		{"no standard", []*JobFitPost{noStd},
			[]*JobFitHolder{holder(1, "1", "2023-01-01", 3, 3, 3)},
			map[int64]int64{4: 0}, map[int64]JobFitReason{1: ReasonNoStandard}},
		{"one person one post", []*JobFitPost{a, b, c},
			[]*JobFitHolder{holder(1, "1", "2023-01-01", 3, 3, 3), holder(2, "2", "2024-01-01", 3, 3, 3)},
			map[int64]int64{1: 1, 2: 2, 3: 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := JobFit(JobFitInput{On: on, Rule: competency.DefaultRule, Posts: tt.posts, Holders: tt.holders})
			for _, pr := range res.Posts {
				want := tt.want[pr.Post.PositionID]
				var got int64
				if pr.Recommended != nil {
					got = pr.Recommended.EmployeeID
				}
				if got != want || pr.OpenSelection != (want == 0) {
					t.Errorf("post %d: recommended %d (open %v), want %d", pr.Post.PositionID, got, pr.OpenSelection, want)
				}
				if len(pr.Entries) != len(tt.holders) {
					t.Errorf("post %d: %d entries, want one per holder", pr.Post.PositionID, len(pr.Entries))
				}
			}
			for id, want := range tt.reasons {
				for _, e := range res.Posts[0].Entries {
					if e.EmployeeID == id && e.Reason != want {
						t.Errorf("employee %d: reason %s, want %s", id, e.Reason, want)
					}
				}
			}
		})
	}
}

func TestJobFitTakenElsewhere(t *testing.T) {
	// Holder 1 fits A at 100 % and B at 100 %; holder 2 fits only B at
	// 100 %. Pairs best first, post order breaking the tie: 1→A, then 2→B;
	// holder 1 is shown as taken on B.
	on := merit.MustDate("2026-07-01")
	a := &JobFitPost{PositionID: 1, Jenis: "JPT_PRATAMA", Standard: std}
	b := &JobFitPost{PositionID: 2, Jenis: "JPT_PRATAMA", Standard: std[:2]}
	res := JobFit(JobFitInput{On: on, Rule: competency.DefaultRule, Posts: []*JobFitPost{a, b},
		Holders: []*JobFitHolder{holder(1, "1", "2022-01-01", 3, 3, 3), holder(2, "2", "2023-01-01", 3, 3, 1)}})
	if r := res.Posts[0].Recommended; r == nil || r.EmployeeID != 1 {
		t.Fatalf("post A: %+v", r)
	}
	if r := res.Posts[1].Recommended; r == nil || r.EmployeeID != 2 {
		t.Fatalf("post B: %+v", r)
	}
	for _, e := range res.Posts[1].Entries {
		if e.EmployeeID == 1 && (e.Reason != ReasonTaken || e.Other != 1) {
			t.Errorf("holder 1 on B: %s other %d, want taken for post 1", e.Reason, e.Other)
		}
	}
	// The eligible come first, best match first.
	if res.Posts[0].Entries[0].EmployeeID != 1 || res.Posts[0].Entries[1].Reason != ReasonBelowStandard {
		t.Errorf("post A order: %+v %+v", res.Posts[0].Entries[0], res.Posts[0].Entries[1])
	}
}
