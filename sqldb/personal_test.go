package sqldb_test

import (
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// Personal data is stored and read back whole by roles holding
// registry.personal and by the employee themself; every other reader (viewer,
// evaluator, PPK), through every read (by ID, by NIP, the list, the export),
// gets it masked.
func TestPersonalDataMasking(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-pribadi")
		e := testdb.Employee(a.ID, 1)
		e.NIK, e.Alamat, e.Phone, e.Email = "3371031003850001", "Jl. Pemuda 12, Magelang", "081234567890", "budi@example.go.id"
		if err := db.CreateEmployee(sys, e); err != nil {
			t.Fatal(err)
		}
		other := testdb.Employee(a.ID, 2)
		if err := db.CreateEmployee(sys, other); err != nil {
			t.Fatal(err)
		}
		bad := testdb.Employee(a.ID, 3)
		bad.NIK = "3371031013850001" // month 13
		if err := db.CreateEmployee(sys, bad); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Code != "nik.birth_date" {
			t.Errorf("invalid NIK: %v", err)
		}

		actor := func(role merit.Role, employeeID int64) *merit.Actor {
			return &merit.Actor{Username: string(role), Grants: []merit.Grant{{AgencyID: a.ID, Role: role, EmployeeID: employeeID}}}
		}
		for _, tc := range []struct {
			actor  *merit.Actor
			masked bool
		}{
			{actor(merit.RoleAdmin, 0), false},
			{actor(merit.RoleOperator, 0), false},
			{actor(merit.RoleEmployee, e.ID), false},
			{actor(merit.RoleViewer, 0), true},
			{actor(merit.RoleEvaluator, 0), true},
			{actor(merit.RolePPK, 0), true},
		} {
			ctx := merit.WithActor(sys, tc.actor)
			got, err := db.FindEmployeeByID(ctx, a.ID, e.ID)
			if err != nil {
				t.Fatalf("%s: %v", tc.actor.Username, err)
			}
			reads := []*merit.Employee{got}
			if tc.actor.Can(merit.PermRead, a.ID) {
				byNIP, err := db.FindEmployeeByNIP(ctx, a.ID, e.NIP)
				if err != nil {
					t.Fatal(err)
				}
				list, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Query: e.NIP})
				if err != nil || len(list) != 1 {
					t.Fatalf("%s list: %d %v", tc.actor.Username, len(list), err)
				}
				reads = append(reads, byNIP, list[0])
			}
			for _, r := range reads {
				checkMasked(t, tc.actor.Username, r, e, tc.masked)
			}
		}

		// The change history shows a viewer that the phone changed, masked.
		changed, err := db.FindEmployeeByID(sys, a.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		changed.Phone = "089876543210"
		if err := db.UpdateEmployee(sys, changed); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			role  merit.Role
			whole bool
		}{{merit.RoleAdmin, true}, {merit.RoleViewer, false}} {
			entries, err := db.FindAudit(merit.WithActor(sys, actor(tc.role, 0)), a.ID, "employee", e.ID, 10)
			if err != nil || len(entries) != 2 {
				t.Fatalf("%s audit: %d %v", tc.role, len(entries), err)
			}
			text := entries[0].Before + entries[0].After + entries[1].After
			for _, v := range []string{e.NIK, e.Alamat, e.Phone, "089876543210", e.Email, "1985-03-10", "ISLAM"} {
				if strings.Contains(text, v) != tc.whole {
					t.Errorf("%s: audit shows %q: %v (want %v)", tc.role, v, !tc.whole, tc.whole)
				}
			}
			if !tc.whole && (!strings.Contains(text, `"0898••••••10"`) || !strings.Contains(text, `"birthDate":"1985"`)) {
				t.Errorf("viewer's audit not visibly masked: %s", text)
			}
		}
		e.Phone = changed.Phone

		// The export goes through the same masking; every role that may
		// export holds registry.personal (TestWritersSeePersonal), so it is whole.
		exported := map[string]*merit.Employee{}
		if err := db.EachEmployee(merit.WithActor(sys, actor(merit.RoleOperator, 0)), a.ID, func(x *merit.Employee) error { exported[x.NIP] = x; return nil }); err != nil {
			t.Fatal(err)
		}
		checkMasked(t, "export", exported[e.NIP], e, false)
		if o := exported[other.NIP]; o.NIK != "" || o.Alamat != "" {
			t.Errorf("unset personal data read as %q %q", o.NIK, o.Alamat)
		}
	})
}

func checkMasked(t *testing.T, who string, got, want *merit.Employee, masked bool) {
	t.Helper()
	if !masked {
		if got.NIK != want.NIK || got.Alamat != want.Alamat || got.BirthDate != want.BirthDate || got.Religion != want.Religion ||
			got.Phone != want.Phone || got.Email != want.Email || len(got.Masked) != 0 {
			t.Errorf("%s: personal data changed or masked: %+v", who, got)
		}
		return
	}
	if got.NIK != "3371••••••••0001" || got.Phone != "0812••••••90" || got.Email != "b•••@example.go.id" ||
		strings.Trim(got.Alamat, "•") != "" || strings.Trim(got.Religion, "•") != "" ||
		!got.BirthDate.IsZero() || got.BirthYear != 1985 || len(got.Masked) != len(merit.PersonalFields) {
		t.Errorf("%s: not masked: %+v", who, got)
	}
	if got.Name != want.Name || got.NIP != want.NIP {
		t.Errorf("%s: non-personal data masked: %+v", who, got)
	}
}
