package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/succession"
)

// The succession API: an operator flags a critical position (reasons
// required), reads it with its incumbent's retirement, its plan (with every
// reason the §1.6 rule refuses a filling) and the bench strength, and is
// refused a successor outside the pool; the admin records the merit
// result, which the operator may not; a viewer reads but does not write;
// another agency's operator finds nothing; unflagging ends it.
func TestSuccessionAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("admin-a", f.a.ID, merit.RoleAdmin)
		ctx := testdb.System()
		p := &merit.Position{AgencyID: f.a.ID, UnitID: f.unitA.ID, Name: "Kepala Bidang Mutasi", Jenis: "ADMINISTRATOR"}
		if err := db.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		e := testdb.Employee(f.a.ID, 3)
		e.PositionID = p.ID
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		other := testdb.Employee(f.a.ID, 4)
		if err := db.CreateEmployee(ctx, other); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/agencies/kota-a/critical-positions/%d", p.ID)
		op := f.signIn("op-a")
		if pr := op.fail("PUT", path, map[string]any{"reasons": []string{}}, http.StatusUnprocessableEntity); !pr.hasField("reasons", "succession.err.no_reason") {
			t.Errorf("no reasons: %+v", pr)
		}
		op.call("PUT", path, map[string]any{"reasons": []string{"strategic", "vacancy"}, "note": "Pensiun"}, http.StatusOK, nil)

		var list items[sqldb.CriticalPosition]
		op.call("GET", "/api/v1/agencies/kota-a/critical-positions", nil, http.StatusOK, &list)
		// Born 10 March 1985, BUP 58: TMT pensiun 1 April 2043.
		if len(list.Items) != 1 || list.Items[0].IncumbentID != e.ID || list.Items[0].RetireOn.String() != "2043-04-01" || list.Items[0].RetirementAge != 58 {
			t.Fatalf("critical positions %+v", list.Items)
		}
		var plan sqldb.SuccessionPlan
		op.call("GET", path+"/succession", nil, http.StatusOK, &plan)
		var codes []string
		for _, fe := range plan.FillProblems {
			codes = append(codes, fe.Code)
		}
		if fmt.Sprint(codes) != "[succession.fill.not_jpt succession.fill.no_merit_result succession.fill.no_candidate]" || plan.Nominee != nil {
			t.Errorf("fill problems %v", codes)
		}
		if pr := op.fail("POST", path+"/candidates", map[string]any{"employeeId": other.ID, "rank": 1, "readiness": "now"}, http.StatusUnprocessableEntity); !pr.hasField("employeeId", "succession.err.not_in_pool") {
			t.Errorf("candidate outside the pool: %+v", pr)
		}
		if pr := op.fail("POST", path+"/fill", nil, http.StatusForbidden); pr == nil {
			t.Error("operator fills a JPT")
		}
		var bench succession.Bench
		op.call("GET", "/api/v1/agencies/kota-a/bench-strength", nil, http.StatusOK, &bench)
		if bench != (succession.Bench{Critical: 1, NoSuccessor: 1}) {
			t.Errorf("bench %+v", bench)
		}

		result := map[string]any{"year": 2025, "score": 263.5, "category": "baik", "decree": "B-1/KASN/12/2025", "decidedOn": "2025-12-10"}
		op.fail("POST", "/api/v1/agencies/kota-a/merit-results", result, http.StatusForbidden)
		f.signIn("admin-a").call("POST", "/api/v1/agencies/kota-a/merit-results", result, http.StatusCreated, nil)
		var results items[succession.MeritResult]
		f.signIn("view-a").call("GET", "/api/v1/agencies/kota-a/merit-results", nil, http.StatusOK, &results)
		if len(results.Items) != 1 || results.Items[0].Category != succession.CategoryBaik || results.Items[0].Source != succession.SourceManual {
			t.Errorf("merit results %+v", results.Items)
		}

		f.signIn("view-a").fail("PUT", path, map[string]any{"reasons": []string{"scarce"}}, http.StatusForbidden)
		f.signIn("op-b").fail("GET", path+"/succession", nil, http.StatusNotFound)
		op.fail("GET", "/api/v1/agencies/kota-a/critical-positions/x/succession", nil, http.StatusNotFound)
		op.call("DELETE", path, nil, http.StatusNoContent, nil)
		op.fail("GET", path+"/succession", nil, http.StatusNotFound)
	})
}
