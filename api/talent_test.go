package api

import (
	"fmt"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
	"merit/talent"
)

// TestTalentAPI runs a review, reads the grid and the ranked placements,
// stores a rule-set version, and calibrates through the API: the move needs
// a reason, only the PPK locks, and the locked session refuses (409).
func TestTalentAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("ppk-a", f.a.ID, merit.RolePPK)
		ctx := testdb.System()
		pos := &merit.Position{AgencyID: f.a.ID, UnitID: f.unitA.ID, Name: "Kepala Bidang", Jenis: "ADMINISTRATOR"}
		if err := db.CreatePosition(ctx, pos); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i, hk := range []performance.Rating{performance.Above, performance.AsExp} {
			e := testdb.Employee(f.a.ID, 40+i)
			e.UnitID, e.PositionID = f.unitA.ID, pos.ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveSKP(ctx, &performance.SKP{AgencyID: f.a.ID, EmployeeID: e.ID, Year: 2025, HasilKerja: hk, Perilaku: hk}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		op, view, ppk := f.signIn("op-a"), f.signIn("view-a"), f.signIn("ppk-a")
		base := "/api/v1/agencies/kota-a/talent"

		view.call("POST", base+"/reviews", map[string]any{"year": 2026}, 403, nil)
		var rv talent.Review
		op.call("POST", base+"/reviews", map[string]any{"year": 2026, "population": []string{"ADMINISTRATOR"}}, 201, &rv)
		if rv.Employees != 2 || rv.Mapped != 2 {
			t.Fatalf("review %+v", rv)
		}
		var grid gridOut
		view.call("GET", base+"/reviews/0/grid", nil, 200, &grid)
		if grid.Total != 2 || len(grid.Boxes) != 9 || grid.Boxes[0].Box != 9 || len(grid.Boxes[0].Actions) == 0 {
			t.Errorf("grid %+v", grid)
		}
		var ps items[sqldb.TalentPlacement]
		view.call("GET", fmt.Sprintf("%s/reviews/%d/placements", base, rv.ID), nil, 200, &ps)
		if len(ps.Items) != 2 || ps.Items[0].EmployeeID != ids[0] || ps.Items[0].Final.Performance != talent.High {
			t.Fatalf("placements %+v", ps.Items)
		}

		// A rule-set version: averaged performance; weights not adding up is 422.
		r := talent.Default
		r.Performance.Average = true
		r.Basis = "Keputusan Kepala BKPSDM 2026"
		var saved talent.RuleSet
		op.call("POST", base+"/rules", r, 201, &saved)
		if saved.Version != 1 {
			t.Errorf("rule version %d", saved.Version)
		}
		r.Potential.AssessmentWeight = 90
		op.call("POST", base+"/rules", r, 422, nil)

		var s talent.Session
		op.call("POST", fmt.Sprintf("%s/reviews/%d/sessions", base, rv.ID), map[string]any{"name": "Sidang I", "heldOn": "2026-02-01",
			"participants": []string{"Sekda"}}, 201, &s)
		sess := fmt.Sprintf("%s/sessions/%d", base, s.ID)
		op.call("POST", sess+"/moves", map[string]any{"employeeId": ids[1], "toBox": 7}, 422, nil)
		var m talent.Move
		op.call("POST", sess+"/moves", map[string]any{"employeeId": ids[1], "toBox": 7, "reason": "Inovasi layanan 2026"}, 201, &m)
		if m.ToBox != 7 || m.FromBox != ps.Items[1].FinalBox {
			t.Errorf("move %+v", m)
		}
		op.call("POST", sess+"/lock", map[string]any{}, 403, nil)
		var locked talent.Session
		ppk.call("POST", sess+"/lock", map[string]any{"decree": "800/2/2026"}, 200, &locked)
		if !locked.Locked || locked.After[7] != locked.Before[7]+1 {
			t.Errorf("locked %+v", locked)
		}
		op.call("POST", sess+"/moves", map[string]any{"employeeId": ids[1], "toBox": 5, "reason": "lagi"}, 409, nil)
		var card sqldb.TalentCard
		view.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/talent", ids[1]), nil, 200, &card)
		if len(card.History) != 1 || card.History[0].Placement.FinalBox != 7 || len(card.History[0].Moves) != 1 || len(card.History[0].Placement.Computed.Points) == 0 {
			t.Errorf("card %+v", card)
		}
	})
}
