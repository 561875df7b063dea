package sqldb_test

import (
	"context"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestListCachesFollowWrites: the list's rows, the unit tree and the agency
// come from the DB's caches, yet every write through the DB shows on the
// next read (an employee renamed, moved or deleted, a unit renamed); two
// readers of the same cached rows each get them masked for themselves.
func TestListCachesFollowWrites(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, root := testdb.Agency(t, db, "kota-cache")
		var emps []*merit.Employee
		for i := 1; i <= 12; i++ {
			e := testdb.Employee(a.ID, i)
			e.UnitID = root.ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			emps = append(emps, e)
		}
		viewer := merit.WithActor(context.Background(), &merit.Actor{UserID: 5, Username: "lihat",
			Grants: []merit.Grant{{AgencyID: a.ID, AgencyCode: a.Code, Role: merit.RoleViewer}}})
		list := func(ctx context.Context, f merit.EmployeeFilter) map[int64]*merit.Employee {
			t.Helper()
			f.AgencyID, f.Limit = a.ID, 5
			page, _, err := db.FindEmployees(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]*merit.Employee{}
			for _, e := range page {
				out[e.ID] = e
			}
			return out
		}
		first := emps[0]
		for _, f := range []merit.EmployeeFilter{{}, {Query: first.Name}, {Sort: "nip"}} {
			list(ctx, f) // fill the caches
			list(ctx, f)
			// Masking is per reader, from the same cached row.
			if e := list(viewer, merit.EmployeeFilter{Sort: "nip"})[first.ID]; e == nil || len(e.Masked) == 0 || e.Religion == first.Religion || !e.BirthDate.IsZero() {
				t.Fatalf("viewer sees %+v, want the personal data masked", e)
			}
			if e := list(ctx, merit.EmployeeFilter{Sort: "nip"})[first.ID]; e == nil || len(e.Masked) != 0 || e.Religion != first.Religion || e.BirthDate != first.BirthDate {
				t.Fatalf("system sees %+v, want it unmasked", e)
			}
		}

		// A rename shows at once, by every path (name index, SQL).
		first.Name = "Zulaikha Cache"
		if err := db.UpdateEmployee(ctx, first); err != nil {
			t.Fatal(err)
		}
		if e := list(ctx, merit.EmployeeFilter{Sort: "nip"})[first.ID]; e == nil || e.Name != "Zulaikha Cache" {
			t.Fatalf("after rename, list by NIP shows %+v", e)
		}
		if e := list(ctx, merit.EmployeeFilter{Query: "zulaikha"})[first.ID]; e == nil || e.Name != "Zulaikha Cache" {
			t.Fatalf("after rename, name search shows %+v", e)
		}

		// A unit renamed shows in the unit tree and in the rows.
		units, err := db.UnitTree(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		root.Name = "Badan Kepegawaian Baru"
		if err := db.UpdateUnit(ctx, root); err != nil {
			t.Fatal(err)
		}
		if units, err = db.UnitTree(ctx, a.ID); err != nil || units[0].Name != root.Name {
			t.Fatalf("unit tree after rename: %v, %v", units, err)
		}
		if e := list(ctx, merit.EmployeeFilter{Sort: "nip"})[first.ID]; e == nil || e.UnitName != root.Name {
			t.Fatalf("after unit rename, the row shows unit %q", e.UnitName)
		}

		// A deleted employee leaves the page.
		if err := db.DeleteEmployee(ctx, a.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		if e := list(ctx, merit.EmployeeFilter{Sort: "nip"})[first.ID]; e != nil {
			t.Fatalf("deleted employee still listed: %+v", e)
		}

		// A caller changing what it got does not change the next reader's.
		page := list(ctx, merit.EmployeeFilter{Sort: "nip"})
		for _, e := range page {
			e.Name = "changed by the caller"
		}
		for _, e := range list(ctx, merit.EmployeeFilter{Sort: "nip"}) {
			if e.Name == "changed by the caller" {
				t.Fatal("a caller's change reached the cache")
			}
		}
	})
}
