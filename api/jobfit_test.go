package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// The job-fit API: the JPT posts, a computation that recommends the one
// eligible holder who meets the standard, a kept run read back, a post
// that is not JPT refused with its field, a viewer who computes but may not
// keep a run, and another agency's operator who finds nothing.
func TestJobFitAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := testdb.System()
		pos := func(name, jenis string) *merit.Position {
			p := &merit.Position{AgencyID: f.a.ID, UnitID: f.unitA.ID, Name: name, Jenis: jenis}
			if err := db.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		target, own, admin := pos("Kepala Dinas Pendidikan", "JPT_PRATAMA"), pos("Kepala Dinas Sosial", "JPT_PRATAMA"), pos("Sekretaris", "ADMINISTRATOR")
		if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: f.a.ID, PositionID: target.ID,
			Requirements: []competency.Requirement{{CompetencyID: 1, Level: 3}, {CompetencyID: 2, Level: 3}}}); err != nil {
			t.Fatal(err)
		}
		e := testdb.Employee(f.a.ID, 3)
		e.UnitID, e.PositionID, e.TMTJabatan = f.unitA.ID, own.ID, merit.MustDate("2023-01-02")
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: f.a.ID, EmployeeID: e.ID, Date: merit.MustDate("2025-01-10"), Body: "BKN",
			Potential: 70, Levels: []competency.Level{{CompetencyID: 1, Level: 3}, {CompetencyID: 2, Level: 4}}}); err != nil {
			t.Fatal(err)
		}
		base := "/api/v1/agencies/kota-a/jobfit"
		op := f.signIn("op-a")
		var posts items[sqldb.PositionRow]
		op.call("GET", base+"/posts", nil, http.StatusOK, &posts)
		if len(posts.Items) != 2 {
			t.Errorf("JPT posts: %d, want 2", len(posts.Items))
		}
		var res selection.JobFitResult
		op.call("GET", fmt.Sprintf("%s?posts=%d&on=2026-01-02", base, target.ID), nil, http.StatusOK, &res)
		if len(res.Posts) != 1 || res.Posts[0].Recommended == nil || res.Posts[0].Recommended.EmployeeID != e.ID {
			t.Fatalf("compute: %+v", res.Posts)
		}
		op.call("GET", fmt.Sprintf("%s?posts=%d&on=2025-01-01", base, target.ID), nil, http.StatusOK, &res)
		if !res.Posts[0].OpenSelection || res.Posts[0].Entries[0].Reason != selection.ReasonTenureShort {
			t.Errorf("a day before two years: %+v", res.Posts[0].Entries[0])
		}
		if pr := op.fail("GET", fmt.Sprintf("%s?posts=%d", base, admin.ID), nil, http.StatusUnprocessableEntity); !pr.hasField("posts", "jobfit.err.not_jpt") {
			t.Errorf("not JPT: %+v", pr)
		}
		var run sqldb.JobFitRun
		op.call("POST", base+"/runs", map[string]any{"posts": []int64{target.ID}, "on": "2026-01-02", "note": "Rotasi"}, http.StatusCreated, &run)
		var got sqldb.JobFitRun
		op.call("GET", fmt.Sprintf("%s/runs/%d", base, run.ID), nil, http.StatusOK, &got)
		if got.Recommended != 1 || got.Result == nil || got.Result.Posts[0].Recommended.EmployeeID != e.ID {
			t.Errorf("run read back: %+v", got)
		}
		var runs items[sqldb.JobFitRun]
		op.call("GET", base+"/runs", nil, http.StatusOK, &runs)
		if len(runs.Items) != 1 || runs.Items[0].Result != nil {
			t.Errorf("runs: %+v", runs.Items)
		}

		view := f.signIn("view-a")
		view.call("GET", fmt.Sprintf("%s?posts=%d", base, target.ID), nil, http.StatusOK, nil)
		view.fail("POST", base+"/runs", map[string]any{"posts": []int64{target.ID}}, http.StatusForbidden)
		f.signIn("op-b").fail("GET", fmt.Sprintf("%s/runs/%d", base, run.ID), nil, http.StatusNotFound)
	})
}
