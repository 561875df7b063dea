package sqldb_test

import (
	"fmt"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/selection"
)

// BenchmarkSelectionScorecard measures one member's scorecard write (three
// criteria of one candidate) in a large selection: 150 candidates, a panel
// of 9, wawancara open with every other candidate scored (2,025 scores), so
// each write loads and checks the whole record. Also a stage publication
// with its seal and a verification of every seal, once, reported as
// metrics.
func BenchmarkSelectionScorecard(b *testing.B) {
	for _, engine := range testdb.Engines {
		b.Run(engine, func(b *testing.B) {
			db := testdb.Open(b, engine)
			db.Now = func() time.Time { return time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC) }
			sys := testdb.System()
			a, root := testdb.Agency(b, db, "kota-besar")
			post := &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: "Sekretaris Daerah", Jenis: "JPT_PRATAMA"}
			if err := db.CreatePosition(sys, post); err != nil {
				b.Fatal(err)
			}
			s := selection.New(a.ID, selection.Pratama, "Seleksi besar")
			s.RegistrationOpen, s.RegistrationClose = merit.MustDate("2026-03-02"), merit.MustDate("2026-03-16")
			s.Posts = []selection.Post{{PositionID: post.ID}}
			if err := db.CreateSelection(sys, &s); err != nil {
				b.Fatal(err)
			}
			var members []selection.Member
			for i := range 9 {
				m := selection.Member{SelectionID: s.ID, Code: fmt.Sprintf("P%d", i+1), Name: "Anggota", Kind: selection.External, Role: selection.Anggota}
				if i == 0 {
					m.Role = selection.Ketua
				}
				if err := db.AddSelectionMember(sys, a.ID, &m); err != nil {
					b.Fatal(err)
				}
				if _, err := db.AcceptSelectionEthics(sys, a.ID, s.ID, m.ID); err != nil {
					b.Fatal(err)
				}
				members = append(members, m)
			}
			if _, err := db.AnnounceSelection(sys, a.ID, s.ID); err != nil {
				b.Fatal(err)
			}
			var cands []*selection.Candidate
			for seq := 1; seq <= 150; seq++ {
				e := testdb.Employee(a.ID, seq)
				if err := db.CreateEmployee(sys, e); err != nil {
					b.Fatal(err)
				}
				c, err := db.RegisterInternalCandidate(sys, a.ID, s.ID, s.Posts[0].ID, e.NIP)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.DecideSelectionCandidate(sys, a.ID, s.ID, c.ID, selection.CandidateQualified, ""); err != nil {
					b.Fatal(err)
				}
				cands = append(cands, c)
			}
			st := s.Stages[4] // wawancara, 3 criteria
			for _, step := range []struct {
				id int64
				to selection.StageStatus
			}{{s.Stages[0].ID, selection.StageOpen}, {s.Stages[0].ID, selection.StageClosed}, {st.ID, selection.StageOpen}} {
				if _, err := db.AdvanceSelectionStage(sys, a.ID, s.ID, step.id, step.to); err != nil {
					b.Fatal(err)
				}
			}
			card := func(m selection.Member, c *selection.Candidate) []selection.Score {
				var out []selection.Score
				for _, cr := range st.Criteria {
					out = append(out, selection.Score{StageID: st.ID, CandidateID: c.ID, MemberID: m.ID, Criterion: cr.Code,
						Value: performance.Hundredths(7000 + c.ID%30*100)})
				}
				return out
			}
			for _, m := range members {
				for i, c := range cands {
					if i%2 == 0 {
						if err := db.SetSelectionScores(sys, a.ID, s.ID, card(m, c)); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			b.ResetTimer()
			for i := range b.N {
				if err := db.SetSelectionScores(sys, a.ID, s.ID, card(members[i%9], cands[1+2*(i%75)])); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			for _, m := range members {
				for i, c := range cands {
					if i%2 == 1 {
						if err := db.SetSelectionScores(sys, a.ID, s.ID, card(m, c)); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			if _, err := db.AdvanceSelectionStage(sys, a.ID, s.ID, st.ID, selection.StageClosed); err != nil {
				b.Fatal(err)
			}
			started := time.Now()
			if _, _, err := db.PublishSelectionStage(sys, a.ID, s.ID, st.ID); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(time.Since(started).Milliseconds()), "publish-ms")
			started = time.Now()
			checks, err := db.VerifySelectionSeals(sys, a.ID, s.ID, 0)
			if err != nil || len(checks) != 1 || checks[0].Problem != "" {
				b.Fatalf("verify %+v %v", checks, err)
			}
			b.ReportMetric(float64(time.Since(started).Milliseconds()), "verify-ms")
		})
	}
}
