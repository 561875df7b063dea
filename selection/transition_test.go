package selection

import (
	"slices"
	"testing"

	"merit/performance"
)

func TestAdvanceForwardOnly(t *testing.T) {
	tests := []struct {
		from, to StageStatus
		want     string
	}{
		{StagePlanned, StageOpen, "ok"},
		{StagePlanned, StageClosed, "conflict/selection.err.stage_step"},
		{StagePlanned, StagePublished, "conflict/selection.err.stage_step"},
		{StageOpen, StageClosed, "ok"},
		{StageOpen, StagePlanned, "conflict/selection.err.stage_step"},
		{StageClosed, StagePublished, "ok"},
		{StageClosed, StageOpen, "conflict/selection.err.stage_step"},
		{StagePublished, StageClosed, "conflict/selection.err.stage_step"},
		{StagePublished, StagePublished, "conflict/selection.err.stage_step"},
		{StageOpen, "archived", "conflict/selection.err.stage_step"},
	}
	for _, tt := range tests {
		r := fixture(t, 5)
		for i := range r.Candidates {
			r.Candidates[i].Status = CandidateUnqualified
		}
		r.Selection.Stages[0].Status = tt.from
		if got := kindCode(r.Advance(1, tt.to)); got != tt.want {
			t.Errorf("administrasi %s → %s: got %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAdvanceChecks(t *testing.T) {
	r := fixture(t, 5)
	if got := kindCode(r.Advance(99, StageOpen)); got != "not_found/err.not_found" {
		t.Errorf("unknown stage: got %s", got)
	}
	// No scoring stage opens before administrasi is closed.
	if got := kindCode(r.Advance(3, StageOpen)); got != "conflict/selection.err.admin_not_closed" {
		t.Errorf("asesmen before administrasi: got %s", got)
	}
	mustAdvance(t, r, 1, StageOpen)
	if got := kindCode(r.Advance(3, StageOpen)); got != "conflict/selection.err.admin_not_closed" {
		t.Errorf("asesmen while administrasi open: got %s", got)
	}
	// Administrasi closes only when every candidate was decided.
	r.Candidates[2].Status = CandidateCorrection
	if got := kindCode(r.Advance(1, StageClosed)); got != "conflict/selection.err.admin_undecided" {
		t.Errorf("administrasi with undecided candidates: got %s", got)
	}
	qualifyAll(t, r)
	// The panel must meet its rule before a scored stage opens.
	members := r.Members
	r.Members = members[:4]
	err := r.Advance(3, StageOpen)
	if got := kindCode(err); got != "conflict/selection.err.panel_invalid" {
		t.Errorf("open with 4 members: got %s", got)
	}
	// Two of four members are internal (50 %).
	if got := fieldCodes(err); !slices.Equal(got, []string{"panel=selection.err.panel_size", "panel=selection.err.panel_even", "panel=selection.err.panel_internal"}) {
		t.Errorf("open with 4 members: fields %v", got)
	}
	r.Members = members
	mustAdvance(t, r, 3, StageOpen, StageClosed)
	// No publication with incomplete scores: 3 eligible candidates × 5
	// members (4 for candidate 103, member 2 declared a conflict) × 3
	// criteria = 42 cells.
	if got := len(r.Missing(3)); got != 42 {
		t.Errorf("missing cells: got %d, want 42", got)
	}
	r.Selection.Stages[2].Status = StageOpen
	scoreAll(t, r, 3, func(c, m int64, cr string) performance.Hundredths { return 80_00 })
	last := r.Scores[len(r.Scores)-1]
	r.Scores = r.Scores[:len(r.Scores)-1]
	mustAdvance(t, r, 3, StageClosed)
	err = r.Advance(3, StagePublished)
	if got := kindCode(err); got != "conflict/selection.err.scores_incomplete" {
		t.Errorf("publish with one score missing: got %s", got)
	}
	if got := fieldCodes(err); !slices.Equal(got, []string{"scores=selection.err.scores_missing_n"}) {
		t.Errorf("publish with one score missing: fields %v", got)
	}
	r.Scores = append(r.Scores, last)
	mustAdvance(t, r, 3, StagePublished)
	// A stage of a decided selection does not move.
	r.Selection.Status = StatusDecided
	if got := kindCode(r.Advance(4, StageOpen)); got != "conflict/selection.err.not_running" {
		t.Errorf("decided selection: got %s", got)
	}
}

func TestCheckScore(t *testing.T) {
	r := fixture(t, 5)
	ok := Score{StageID: 3, CandidateID: 101, MemberID: 1, Criterion: "manajerial", Value: 75_50}
	if got := kindCode(r.CheckScore(ok)); got != "conflict/selection.err.stage_not_open" {
		t.Errorf("before administrasi closed: got %s", got)
	}
	qualifyAll(t, r)
	r.Candidates[2].Status = CandidateQualified
	r.Candidates[1].Status = CandidateWithdrawn
	if got := kindCode(r.CheckScore(ok)); got != "conflict/selection.err.stage_not_open" {
		t.Errorf("stage planned: got %s", got)
	}
	mustAdvance(t, r, 3, StageOpen)
	noEthics := Member{ID: 9, Code: "P9", Name: "Belum menerima kode etik", Kind: External, Role: Anggota}
	r.Members = append(r.Members, noEthics)
	tests := []struct {
		name string
		edit func(*Score)
		want string
	}{
		{"valid", func(*Score) {}, "ok"},
		{"zero", func(s *Score) { s.Value = 0 }, "ok"},
		{"the maximum", func(s *Score) { s.Value = 100_00 }, "ok"},
		{"above the maximum", func(s *Score) { s.Value = 100_01 }, "invalid/err.invalid"},
		{"negative", func(s *Score) { s.Value = -1 }, "invalid/err.invalid"},
		{"unknown criterion", func(s *Score) { s.Criterion = "visi" }, "invalid/err.invalid"},
		{"gate stage", func(s *Score) { s.StageID = 1 }, "conflict/selection.err.stage_not_scored"},
		{"planned stage", func(s *Score) { s.StageID = 5; s.Criterion = "visi" }, "conflict/selection.err.stage_not_open"},
		{"withdrawn candidate", func(s *Score) { s.CandidateID = 102 }, "conflict/selection.err.not_eligible"},
		{"unqualified candidate", func(s *Score) { s.CandidateID = 104 }, "conflict/selection.err.not_eligible"},
		{"conflict of interest", func(s *Score) { s.MemberID = 2; s.CandidateID = 103 }, "forbidden/selection.err.conflict_of_interest"},
		{"same member, other candidate", func(s *Score) { s.MemberID = 2 }, "ok"},
		{"no ethics", func(s *Score) { s.MemberID = 9 }, "forbidden/selection.err.ethics"},
		{"unknown member", func(s *Score) { s.MemberID = 99 }, "not_found/err.not_found"},
		{"unknown candidate", func(s *Score) { s.CandidateID = 99 }, "not_found/err.not_found"},
	}
	for _, tt := range tests {
		sc := ok
		tt.edit(&sc)
		if got := kindCode(r.CheckScore(sc)); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := fieldCodes(r.CheckScore(Score{StageID: 3, CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 100_01})); !slices.Equal(got, []string{"value=field.range"}) {
		t.Errorf("value above max: fields %v", got)
	}
	// SetScore replaces the member's earlier score of the same cell.
	for _, v := range []performance.Hundredths{60_00, 70_00} {
		sc := ok
		sc.Value = v
		if err := r.SetScore(sc); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.Scores) != 1 || r.Scores[0].Value != 70_00 || r.Scores[0].SelectionID != 7 {
		t.Errorf("SetScore twice: %+v", r.Scores)
	}
}
