package selection

import (
	"fmt"
	"testing"
	"time"

	"merit/performance"
)

// large returns a selection the size of a big open bidding: 3 posts, 150
// qualified candidates, a panel of 9, the default plan with every weighted
// stage scored (150 × 9 × 10 criteria = 13,500 scores).
func large(b *testing.B) *Record {
	b.Helper()
	s := announceable()
	s.ID = 7
	s.Posts = []Post{{ID: 70, PositionID: 10}, {ID: 71, PositionID: 11}, {ID: 72, PositionID: 12}}
	for i := range s.Stages {
		s.Stages[i].ID = int64(i + 1)
	}
	r := &Record{Selection: s, Members: panel(9, 4)}
	for i := range 150 {
		r.Candidates = append(r.Candidates, Candidate{ID: int64(1000 + i), PostID: int64(70 + i%3), RegNo: fmt.Sprintf("JPT-%04d", i),
			Status: CandidateQualified, RegisteredAt: time.Date(2026, 3, 1, 0, i, 0, 0, time.UTC)})
	}
	for _, st := range s.Stages {
		for _, c := range r.Candidates {
			for _, m := range r.Members {
				for _, cr := range st.Criteria {
					v := performance.Hundredths((c.ID*7919 + m.ID*104729 + int64(len(cr.Code))*31) % 100_01)
					r.Scores = append(r.Scores, Score{StageID: st.ID, CandidateID: c.ID, MemberID: m.ID, Criterion: cr.Code, Value: v})
				}
			}
		}
	}
	return r
}

func BenchmarkRankings(b *testing.B) {
	r := large(b)
	for b.Loop() {
		if _, err := r.Rankings(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSealAndVerify(b *testing.B) {
	r := large(b)
	r.Selection.Stages[2].Status = StagePublished
	for b.Loop() {
		r.Seals = nil
		if _, _, err := r.Seal(3, time.Time{}); err != nil {
			b.Fatal(err)
		}
		if err := r.VerifySeal(3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSheet(b *testing.B) {
	r := large(b)
	sheet, err := r.Sheet(3, "")
	if err != nil {
		b.Fatal(err)
	}
	file := sheet.Bytes()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := ParseSheet(file); err != nil {
			b.Fatal(err)
		}
	}
}
