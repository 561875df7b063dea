package selection

import (
	"slices"
	"testing"

	"merit/performance"
)

// give records, bypassing the checks, the value v for candidate on every
// criterion of the stage from every member without a conflict.
func give(r *Record, stageID, candidate int64, v performance.Hundredths) {
	st, _ := r.Stage(stageID)
	for _, m := range r.Members {
		if Conflicted(r.Conflicts, m.ID, candidate) {
			continue
		}
		for _, c := range st.Criteria {
			r.Scores = append(r.Scores, Score{SelectionID: 7, StageID: stageID, CandidateID: candidate, MemberID: m.ID, Criterion: c.Code, Value: v})
		}
	}
}

// result returns the candidate's stage result.
func result(t *testing.T, r *Record, stageID, candidate int64) StageResult {
	t.Helper()
	res, err := r.Results(stageID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range res {
		if x.CandidateID == candidate {
			return x
		}
	}
	t.Fatalf("no result of candidate %d in stage %d", candidate, stageID)
	return StageResult{}
}

func TestResults(t *testing.T) {
	one := []Criterion{{Code: "nilai", Name: "Nilai", Max: 100_00}}
	tests := []struct {
		name     string
		agg      Aggregation
		criteria []Criterion
		values   [][]performance.Hundredths // per member, per criterion
		want     performance.Hundredths
		members  int
	}{
		{"mean of three", Mean, one, [][]performance.Hundredths{{80_00}, {70_00}, {90_00}}, 80_00, 3},
		{"mean rounded down", Mean, one, [][]performance.Hundredths{{80_00}, {70_00}, {90_01}}, 80_00, 3}, // 80.0033
		{"mean rounded up", Mean, one, [][]performance.Hundredths{{80_00}, {70_01}, {90_01}}, 80_01, 3},   // 80.0067
		{"half rounded up", Mean, one, [][]performance.Hundredths{{70_01}, {70_00}}, 70_01, 2},            // 70.005
		{"normalised to 100", Mean, []Criterion{{Code: "a", Max: 50_00}, {Code: "b", Max: 100_00}}, [][]performance.Hundredths{{25_00, 50_00}}, 50_00, 1},
		{"out of 10", Mean, []Criterion{{Code: "a", Max: 10_00}}, [][]performance.Hundredths{{7_50}, {8_00}}, 77_50, 2},
		{"trimmed mean of five", TrimmedMean, one, [][]performance.Hundredths{{10_00}, {80_00}, {80_00}, {80_00}, {100_00}}, 80_00, 3},
		{"plain mean of the same five", Mean, one, [][]performance.Hundredths{{10_00}, {80_00}, {80_00}, {80_00}, {100_00}}, 70_00, 5},
		{"trimmed mean of four is the mean", TrimmedMean, one, [][]performance.Hundredths{{10_00}, {80_00}, {80_00}, {100_00}}, 67_50, 4},
		{"trimmed drops one of equal highs", TrimmedMean, one, [][]performance.Hundredths{{90_00}, {90_00}, {60_00}, {60_00}, {75_00}}, 75_00, 3},
	}
	for _, tt := range tests {
		r := fixture(t, len(tt.values))
		r.Conflicts = nil
		r.Candidates[0].Status = CandidateQualified
		r.Selection.Aggregation = tt.agg
		r.Selection.Stages[2].Criteria = tt.criteria
		for m, vs := range tt.values {
			for c, v := range vs {
				r.Scores = append(r.Scores, Score{StageID: 3, CandidateID: 101, MemberID: int64(m + 1), Criterion: tt.criteria[c].Code, Value: v})
			}
		}
		got := result(t, r, 3, 101)
		if got.Score != tt.want || got.Members != tt.members || got.Kind != Asesmen {
			t.Errorf("%s: got %s from %d members, want %s from %d", tt.name, got.Score, got.Members, tt.want, tt.members)
		}
	}
}

func TestResultsSkipConflictAndPartial(t *testing.T) {
	r := fixture(t, 5)
	qualifyAll(t, r)
	give(r, 3, 103, 80_00)
	// Member 2 has a conflict with 103: a score of his (entered before the
	// declaration) is not counted.
	r.Scores = append(r.Scores, Score{StageID: 3, CandidateID: 103, MemberID: 2, Criterion: "manajerial", Value: 0})
	if got := result(t, r, 3, 103); got.Members != 4 || got.Score != 80_00 {
		t.Errorf("conflicted member: got %s from %d members, want 80.00 from 4", got.Score, got.Members)
	}
	// A member who scored only some criteria is left out.
	r.Scores = append(r.Scores, Score{StageID: 3, CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 10_00})
	give(r, 3, 101, 0)
	r.Scores = slices.DeleteFunc(r.Scores, func(s Score) bool { return s.CandidateID == 101 && s.MemberID == 1 && s.Criterion != "teknis" })
	if got := result(t, r, 3, 101); got.Members != 4 {
		t.Errorf("partial member: got %d members, want 4", got.Members)
	}
	res, _ := r.Results(3)
	if len(res) != 2 {
		t.Errorf("results: got %d (candidate 102 was not scored), want 2", len(res))
	}
}

func TestTotal(t *testing.T) {
	stages := Plan()
	for i := range stages {
		stages[i].ID = int64(i + 1)
	}
	tests := []struct {
		name   string
		scores map[int64]performance.Hundredths // by stage ID
		want   performance.Hundredths
	}{
		{"all 100", map[int64]performance.Hundredths{2: 100_00, 3: 100_00, 4: 100_00, 5: 100_00}, 100_00},
		// 0.10×80 + 0.40×75.50 + 0.20×90.25 + 0.30×66.67 = 76.251
		{"rounded down", map[int64]performance.Hundredths{2: 80_00, 3: 75_50, 4: 90_25, 5: 66_67}, 76_25},
		// 0.10×80.05 + 0.40×70 + 0.20×70 + 0.30×70 = 71.005
		{"half rounded up", map[int64]performance.Hundredths{2: 80_05, 3: 70_00, 4: 70_00, 5: 70_00}, 71_01},
		{"a missing stage counts 0", map[int64]performance.Hundredths{3: 100_00}, 40_00},
		{"the gate does not count", map[int64]performance.Hundredths{1: 100_00}, 0},
	}
	for _, tt := range tests {
		var res []StageResult
		for id, s := range tt.scores {
			res = append(res, StageResult{StageID: id, Score: s})
		}
		if got := Total(stages, res); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// scored returns the fixture with administrasi closed, candidates 101–103
// (and 105, if five) qualified and every weighted stage given per-candidate
// values: stage ID → candidate → value.
func scored(t *testing.T, values map[int64]map[int64]performance.Hundredths) *Record {
	t.Helper()
	r := fixture(t, 5)
	qualifyAll(t, r)
	for stage, byCandidate := range values {
		for c, v := range byCandidate {
			give(r, stage, c, v)
		}
	}
	return r
}

func ranks(t *testing.T, r *Record) []string {
	t.Helper()
	rks, err := r.Rankings()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range rks[0].Rows {
		out = append(out, row.RegNo+"="+row.Total.String())
	}
	return out
}

func TestRankingTies(t *testing.T) {
	// Stages: 2 rekam jejak 10 %, 3 asesmen 40 %, 4 makalah 20 %, 5 wawancara 30 %.
	// Registrations: 101 on 2 March, 102 on 3 March, 103 on 1 March.
	tests := []struct {
		name   string
		values map[int64]map[int64]performance.Hundredths
		want   []string
	}{
		{"by total", map[int64]map[int64]performance.Hundredths{
			3: {101: 70_00, 102: 90_00, 103: 80_00},
		}, []string{"JPT-2026-002=36.00", "JPT-2026-003=32.00", "JPT-2026-001=28.00"}},
		{"equal totals: higher asesmen wins", map[int64]map[int64]performance.Hundredths{
			3: {101: 70_00, 102: 76_00, 103: 10_00}, 5: {101: 80_00, 102: 72_00, 103: 10_00},
		}, []string{"JPT-2026-002=52.00", "JPT-2026-001=52.00", "JPT-2026-003=7.00"}},
		{"equal totals and asesmen: higher wawancara wins", map[int64]map[int64]performance.Hundredths{
			3: {101: 50_00, 102: 50_00}, 4: {101: 70_00, 102: 85_00}, 5: {101: 80_00, 102: 70_00},
		}, []string{"JPT-2026-001=58.00", "JPT-2026-002=58.00", "JPT-2026-003=0.00"}},
		{"all equal: earlier registration wins", map[int64]map[int64]performance.Hundredths{
			3: {101: 50_00, 102: 50_00, 103: 50_00},
		}, []string{"JPT-2026-003=20.00", "JPT-2026-001=20.00", "JPT-2026-002=20.00"}},
	}
	for _, tt := range tests {
		if got := ranks(t, scored(t, tt.values)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	// Registered at the same moment: the registration number decides.
	r := scored(t, map[int64]map[int64]performance.Hundredths{3: {101: 50_00, 102: 50_00, 103: 50_00}})
	for i := range r.Candidates {
		r.Candidates[i].RegisteredAt = r.Candidates[0].RegisteredAt
	}
	if got := ranks(t, r); !slices.Equal(got, []string{"JPT-2026-001=20.00", "JPT-2026-002=20.00", "JPT-2026-003=20.00"}) {
		t.Errorf("same registration time: got %v", got)
	}
}

func TestDecide(t *testing.T) {
	r := scored(t, nil)
	r.Candidates = append(r.Candidates, Candidate{SelectionID: 7, ID: 105, PostID: 70, RegNo: "JPT-2026-005", Status: CandidateQualified, RegisteredAt: r.Candidates[0].RegisteredAt})
	for _, st := range []int64{2, 3, 4, 5} {
		for c, v := range map[int64]performance.Hundredths{101: 90_00, 102: 80_00, 103: 70_00, 105: 60_00} {
			give(r, st, c, v)
		}
	}
	d := Decision{PostID: 70, CandidateID: 102, Reason: "Paling sesuai dengan visi misi daerah", DecidedBy: 3}
	if got := kindCode(r.Decide(d)); got != "conflict/selection.err.not_final" {
		t.Errorf("before the stages are published: got %s", got)
	}
	for _, st := range []int64{2, 3, 4, 5} {
		mustAdvance(t, r, st, StageOpen, StageClosed, StagePublished)
	}
	tests := []struct {
		name string
		edit func(*Decision)
		want []string
	}{
		{"fourth place", func(d *Decision) { d.CandidateID = 105 }, []string{"candidateId=selection.err.not_top_three"}},
		{"not a candidate", func(d *Decision) { d.CandidateID = 104 }, []string{"candidateId=selection.err.not_top_three"}},
		{"no reason", func(d *Decision) { d.Reason = " " }, []string{"reason=field.required"}},
	}
	for _, tt := range tests {
		x := d
		tt.edit(&x)
		if got := fieldCodes(r.Decide(x)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := kindCode(r.Decide(Decision{PostID: 99, CandidateID: 102, Reason: "x"})); got != "not_found/err.not_found" {
		t.Errorf("unknown post: got %s", got)
	}
	if err := r.Decide(d); err != nil {
		t.Fatalf("second place chosen: %v", err)
	}
	if r.Selection.Status != StatusDecided || len(r.Decisions) != 1 || r.Decisions[0].SelectionID != 7 {
		t.Errorf("after the decision: status %s, decisions %+v", r.Selection.Status, r.Decisions)
	}
	r.Selection.Status = StatusAnnounced
	if got := kindCode(r.Decide(d)); got != "conflict/selection.err.decided" {
		t.Errorf("second decision for the post: got %s", got)
	}
}
