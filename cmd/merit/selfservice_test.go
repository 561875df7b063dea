package main

import (
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
)

// "merit user add --role employee --nip NIP" makes the employee's
// self-service account: username and name come from the record it is
// linked to; an unknown NIP and an employee role without one are refused.
func TestUserAddEmployee(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			a, unit := testdb.Agency(t, db, "kota-asn")
			e := testdb.Employee(a.ID, 7)
			e.UnitID = unit.ID
			if err := db.CreateEmployee(testdb.System(), e); err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{"MERIT_DB": dsn, "MERIT_PASSWORD": "kata-sandi-rahasia"}
			out, _, err := cli(t, vars, "user", "add", "--agency", "kota-asn", "--role", "employee", "--nip", e.NIP)
			if err != nil || !strings.Contains(out, e.NIP) {
				t.Fatalf("user add: %v %q", err, out)
			}
			u, _, err := db.UserForSignIn(testdb.System(), e.NIP)
			if err != nil || u.Name != e.Name || len(u.Grants) != 1 || u.Grants[0].Role != merit.RoleEmployee || u.Grants[0].EmployeeID != e.ID {
				t.Fatalf("account: %+v %v", u, err)
			}
			if _, _, err := cli(t, vars, "user", "add", "--agency", "kota-asn", "--role", "employee", "--nip", "199001012015031001"); exitCode(err) != 2 {
				t.Errorf("unknown NIP: %v (exit %d)", err, exitCode(err))
			}
			if _, _, err := cli(t, vars, "user", "add", "--agency", "kota-asn", "--role", "employee", "--username", "tanpa.nip", "--name", "X"); exitCode(err) != 2 {
				t.Errorf("employee without NIP: %v (exit %d)", err, exitCode(err))
			}
		})
	}
}
