package selection

import (
	"fmt"
	"testing"
	"time"

	"merit"
	"merit/performance"
)

// fixture returns an announced selection of one post with the default plan
// (stage IDs 1–5: administrasi, rekam jejak, asesmen, makalah, wawancara), a
// panel of n members who accepted the code of ethics (P1 ketua, one internal
// member per started 45 %), and four candidates: 101–103 submitted, 104
// unqualified. Member 2 declared a conflict with candidate 103.
func fixture(t *testing.T, n int) *Record {
	t.Helper()
	s := announceable()
	s.ID = 7
	s.Posts = []Post{{SelectionID: 7, ID: 70, PositionID: 10}}
	for i := range s.Stages {
		s.Stages[i].ID, s.Stages[i].SelectionID = int64(i+1), 7
	}
	if err := s.Announce(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	r := &Record{Selection: s, Members: panel(n, n*45/100)}
	r.Selection.Panel.Min = min(r.Selection.Panel.Min, n)
	for i := range r.Members {
		r.Members[i].SelectionID = 7
		r.Members[i].EthicsAcceptedAt = time.Date(2026, 2, 21, 8, 0, 0, 0, time.UTC)
	}
	for i, reg := range []time.Time{
		time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC),
	} {
		r.Candidates = append(r.Candidates, Candidate{
			SelectionID: 7, ID: int64(101 + i), PostID: 70, RegNo: fmt.Sprintf("JPT-2026-%03d", i+1),
			Name: fmt.Sprintf("Calon %d", i+1), Status: CandidateSubmitted, RegisteredAt: reg,
		})
	}
	r.Candidates[3].Status = CandidateUnqualified
	r.Conflicts = []Conflict{{SelectionID: 7, MemberID: 2, CandidateID: 103, Reason: "ipar"}}
	return r
}

// mustAdvance moves stage id through the statuses up to to.
func mustAdvance(t *testing.T, r *Record, id int64, to ...StageStatus) {
	t.Helper()
	for _, s := range to {
		if err := r.Advance(id, s); err != nil {
			t.Fatalf("Advance(%d, %s): %v", id, s, err)
		}
	}
}

// qualifyAll closes administrasi with candidates 101–103 qualified.
func qualifyAll(t *testing.T, r *Record) {
	t.Helper()
	for i := range 3 {
		r.Candidates[i].Status = CandidateQualified
	}
	if r.Selection.Stages[0].Status == StagePlanned {
		mustAdvance(t, r, 1, StageOpen)
	}
	mustAdvance(t, r, 1, StageClosed)
}

// scoreAll enters every missing score of stage id as value(candidate,
// member, criterion).
func scoreAll(t *testing.T, r *Record, id int64, value func(c, m int64, cr string) performance.Hundredths) {
	t.Helper()
	for _, sc := range r.Missing(id) {
		sc.Value = value(sc.CandidateID, sc.MemberID, sc.Criterion)
		if err := r.SetScore(sc); err != nil {
			t.Fatalf("SetScore(%+v): %v", sc, err)
		}
	}
}

// kindCode is "kind/code" of err, or "ok".
func kindCode(err error) string {
	if err == nil {
		return "ok"
	}
	return merit.KindOf(err).String() + "/" + merit.CodeOf(err)
}
