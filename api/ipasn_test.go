package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/ipasn"
	"merit/sqldb"
)

// The IP ASN API: the tables are public; a viewer reads the summary and an
// employee's value but may not recompute; an operator recomputes; an
// employee reads their own value through /me/ipasn and no one else's.
func TestIPASNAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := testdb.System()
		e := testdb.Employee(f.a.ID, 5)
		e.UnitID = f.unitA.ID
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		other := testdb.Employee(f.a.ID, 6)
		other.UnitID = f.unitA.ID
		if err := db.CreateEmployee(ctx, other); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(password, auth.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		u := &merit.User{Username: e.NIP, Name: e.Name, Grants: []merit.Grant{{AgencyID: f.a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
		if err := db.CreateUser(ctx, u, hash); err != nil {
			t.Fatal(err)
		}
		f.addUser("viewer-ipasn", f.a.ID, merit.RoleViewer)

		var tables items[ipasn.Table]
		f.anon().call("GET", "/api/v1/ipasn/tables", nil, http.StatusOK, &tables)
		if len(tables.Items) != 1 || tables.Items[0].Version != ipasn.Current.Version || len(tables.Items[0].Education) != 6 {
			t.Fatalf("tables: %+v", tables.Items)
		}

		viewer := f.signIn("viewer-ipasn")
		viewer.fail("POST", "/api/v1/agencies/kota-a/ipasn/recompute", nil, http.StatusForbidden)
		var rc recomputeOut
		f.signIn("op-a").call("POST", "/api/v1/agencies/kota-a/ipasn/recompute", nil, http.StatusOK, &rc)
		if rc.Employees < 2 || !rc.Full || rc.Changed != rc.Employees {
			t.Fatalf("recompute: %+v", rc)
		}
		var sum sqldb.IPASNSummary
		viewer.call("GET", "/api/v1/agencies/kota-a/ipasn", nil, http.StatusOK, &sum)
		if sum.Employees != rc.Employees || sum.Version != ipasn.Current.Version {
			t.Errorf("summary: %+v", sum)
		}
		var got sqldb.EmployeeIPASN
		viewer.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/ipasn", e.ID), nil, http.StatusOK, &got)
		// S-1 (15), a pelaksana without training (0), no SKP (0), no sanction (5).
		if got.Result.Total != 2000 || got.Result.Category != ipasn.SangatRendah || len(got.Result.Scores[1].Items) != 2 {
			t.Errorf("employee: %+v", got.Result)
		}
		var diffs items[sqldb.IPASNDifference]
		viewer.call("GET", "/api/v1/agencies/kota-a/ipasn/differences", nil, http.StatusOK, &diffs)
		if len(diffs.Items) != 0 {
			t.Errorf("differences without official values: %+v", diffs.Items)
		}

		me := f.signIn(e.NIP)
		var mine sqldb.EmployeeIPASN
		me.call("GET", "/api/v1/me/ipasn", nil, http.StatusOK, &mine)
		if mine.Result.Total != 2000 {
			t.Errorf("own IP ASN: %+v", mine.Result)
		}
		me.fail("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/ipasn", other.ID), nil, http.StatusNotFound)
		me.fail("GET", "/api/v1/agencies/kota-a/ipasn", nil, http.StatusForbidden)
		viewer.fail("GET", "/api/v1/me/ipasn", nil, http.StatusNotFound)
	})
}
