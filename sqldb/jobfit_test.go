package sqldb_test

import (
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// TestJobFitStore reads JPT holders and their current assessments from the
// registry, recommends per post, keeps an audited run and refuses a post
// that is not JPT, on both engines.
func TestJobFitStore(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, root := testdb.Agency(t, db, "kota-jobfit")
		newPos := func(name, jenis string) *merit.Position {
			p := &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: name, Jenis: jenis}
			if err := db.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		target := newPos("Kepala Dinas Pendidikan", "JPT_PRATAMA")
		second := newPos("Kepala Dinas Sosial", "JPT_PRATAMA")
		own1, own2, own3 := newPos("Kepala Dinas Kesehatan", "JPT_PRATAMA"), newPos("Kepala Badan Keuangan", "JPT_PRATAMA"), newPos("Kepala Dinas PU", "JPT_PRATAMA")
		admin := newPos("Sekretaris Dinas", "ADMINISTRATOR")
		std := &competency.Standard{AgencyID: a.ID, PositionID: target.ID, Requirements: reqs(1, 3, 2, 3, 3, 3)}
		if err := db.SaveStandard(ctx, std); err != nil {
			t.Fatal(err)
		}
		hold := func(seq int, p *merit.Position, tmt string, levels ...int64) *merit.Employee {
			e := testdb.Employee(a.ID, seq)
			e.UnitID, e.PositionID, e.TMTJabatan = root.ID, p.ID, merit.MustDate(tmt)
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			if len(levels) > 0 {
				as := &competency.Assessment{AgencyID: a.ID, EmployeeID: e.ID, Date: merit.MustDate("2025-06-01"), Body: "BKN", Potential: 70, Levels: lvls(levels...)}
				if err := db.CreateAssessment(ctx, as); err != nil {
					t.Fatal(err)
				}
			}
			return e
		}
		on := merit.MustDate("2026-07-01")
		best := hold(1, own1, "2024-07-01", 1, 3, 2, 3, 3, 4) // exactly two years, 100 %
		hold(2, own2, "2024-07-02", 1, 3, 2, 3, 3, 3)         // a day short
		hold(3, own3, "2022-01-01", 1, 3, 2, 2, 3, 2)         // 77.78 %: below standard
		hold(4, admin, "2020-01-01", 1, 5, 2, 5, 3, 5)        // not a JPT holder: not considered

		res, err := db.JobFit(ctx, a.ID, []int64{target.ID, second.ID, target.ID}, on)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Posts) != 2 {
			t.Fatalf("posts: %d, want 2 (duplicates dropped)", len(res.Posts))
		}
		pr := res.Posts[0]
		if pr.Post.PositionID != target.ID || pr.Recommended == nil || pr.Recommended.EmployeeID != best.ID || pr.Recommended.Match.Percent != 10000 {
			t.Fatalf("target: %+v", pr.Recommended)
		}
		if len(pr.Entries) != 3 {
			t.Errorf("entries: %d, want the three JPT holders", len(pr.Entries))
		}
		reasons := map[string]selection.JobFitReason{}
		for _, e := range pr.Entries {
			reasons[e.NIP] = e.Reason
		}
		if reasons["198503102010011002"] != selection.ReasonTenureShort || reasons["198503102010011003"] != selection.ReasonBelowStandard {
			t.Errorf("reasons: %v", reasons)
		}
		if !res.Posts[1].OpenSelection || res.Posts[1].HasStandard {
			t.Errorf("post without standard: %+v", res.Posts[1])
		}

		// Only JPT posts.
		if _, err := db.JobFit(ctx, a.ID, []int64{admin.ID}, on); merit.KindOf(err) != merit.KindInvalid || merit.CodeOf(err) == "" {
			t.Errorf("administrator post: got %v, want invalid", err)
		}
		if _, err := db.JobFit(ctx, a.ID, nil, on); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("no posts: got %v, want invalid", err)
		}

		// A kept run: audited, read back as it was.
		run, err := db.RunJobFit(ctx, a.ID, []int64{target.ID, second.ID}, on, "Rotasi Juli")
		if err != nil {
			t.Fatal(err)
		}
		if run.Posts != 2 || run.Recommended != 1 {
			t.Errorf("run: %+v", run)
		}
		runs, err := db.FindJobFitRuns(ctx, a.ID)
		if err != nil || len(runs) != 1 || runs[0].ID != run.ID || runs[0].Note != "Rotasi Juli" {
			t.Fatalf("runs: %+v %v", runs, err)
		}
		got, err := db.FindJobFitRun(ctx, a.ID, run.ID)
		if err != nil || got.On != on || got.Result.Posts[0].Recommended.EmployeeID != best.ID || got.Result.Posts[0].Recommended.TMTJabatan.String() != "2024-07-01" {
			t.Fatalf("run read back: %+v %v", got, err)
		}
		entries, err := db.FindAudit(ctx, a.ID, "jobfit_run", run.ID, 10)
		if err != nil || len(entries) != 1 {
			t.Errorf("audit: %d entries, %v", len(entries), err)
		}

		// Access: a viewer reads but does not run; a pansel member neither.
		viewer := merit.WithActor(ctx, &merit.Actor{Username: "v", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})
		if _, err := db.JobFit(viewer, a.ID, []int64{target.ID}, on); err != nil {
			t.Errorf("viewer reads: %v", err)
		}
		if _, err := db.RunJobFit(viewer, a.ID, []int64{target.ID}, on, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer runs: got %v, want forbidden", err)
		}
		panel := merit.WithActor(ctx, &merit.Actor{Username: "p", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RolePanel}}})
		if _, err := db.FindJobFitRuns(panel, a.ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("pansel reads runs: got %v, want forbidden", err)
		}
	})
}
