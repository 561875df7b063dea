package sqldb_test

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An employee account is linked to one record: it reads that record and its
// riwayat, every other record of the agency is 404, the list and the
// statistics are 403, and it writes nothing. The link survives sign-in.
func TestEmployeeSelfService(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, unit := testdb.Agency(t, db, "kota-saya")
		var emps []*merit.Employee
		for seq := 1; seq <= 2; seq++ {
			e := testdb.Employee(a.ID, seq)
			e.UnitID = unit.ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			h := &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: e.ID, Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya", Start: merit.MustDate("2020-08-17")}
			if err := db.CreateHistory(ctx, h); err != nil {
				t.Fatal(err)
			}
			emps = append(emps, e)
		}
		own, other := emps[0], emps[1]

		bad := []*merit.User{
			{Username: "tanpa.link", Name: "X", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee}}},
			{Username: "operator.link", Name: "X", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator, EmployeeID: own.ID}}},
			{Username: "link.hilang", Name: "X", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: 999999}}},
		}
		for _, u := range bad {
			if err := db.CreateUser(ctx, u, "hash"); merit.KindOf(err) != merit.KindInvalid || len(merit.FieldsOf(err)) == 0 || merit.FieldsOf(err)[0].Field != "nip" {
				t.Errorf("%s: got %v, want an invalid nip field", u.Username, err)
			}
		}

		u := &merit.User{Username: own.NIP, Name: own.Name, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: own.ID}}}
		if err := db.CreateUser(ctx, u, "hash"); err != nil {
			t.Fatal(err)
		}
		signed, _, err := db.UserForSignIn(ctx, own.NIP)
		if err != nil || len(signed.Grants) != 1 || signed.Grants[0].EmployeeID != own.ID || signed.Grants[0].Role != merit.RoleEmployee {
			t.Fatalf("sign-in user: %+v %v", signed, err)
		}
		me := merit.WithActor(ctx, signed.Actor())

		if e, err := db.FindEmployeeByID(me, a.ID, own.ID); err != nil || e.NIP != own.NIP {
			t.Errorf("own record: %v %v", e, err)
		}
		if hs, err := db.FindHistory(me, a.ID, own.ID, ""); err != nil || len(hs) != 1 {
			t.Errorf("own riwayat: %d %v", len(hs), err)
		}
		if _, err := db.FindEmployeeByID(me, a.ID, other.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other record: %v, want not found", err)
		}
		if _, err := db.FindHistory(me, a.ID, other.ID, ""); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other riwayat: %v, want not found", err)
		}
		if _, err := db.FindEmployeeByNIP(me, a.ID, other.NIP); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("search by NIP: %v, want forbidden", err)
		}
		if _, _, err := db.FindEmployees(me, merit.EmployeeFilter{AgencyID: a.ID}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("list: %v, want forbidden", err)
		}
		if _, err := db.Stats(me, a.ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("stats: %v, want forbidden", err)
		}
		changed := *own
		changed.Phone = "081234567890"
		if err := db.UpdateEmployee(me, &changed); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("update own record directly: %v, want forbidden", err)
		}

		b, _ := testdb.Agency(t, db, "kota-lain")
		if _, err := db.FindEmployeeByID(me, b.ID, own.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("another agency: %v, want not found", err)
		}
	})
}
