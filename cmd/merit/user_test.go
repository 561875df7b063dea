package main

import (
	"slices"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
)

// "merit user add --platform-admin" makes the first platform admin, with no
// agency; "merit user grant" gives an existing account a role in an agency,
// limited with --unit to some units (by name or ID), and replaces it when
// run again for the same role.
func TestUserPlatformAdminAndGrant(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			a, root := testdb.Agency(t, db, "kota-grant")
			bidang := &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: "Bidang Mutasi"}
			if err := db.CreateUnit(testdb.System(), bidang); err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{"MERIT_DB": dsn, "MERIT_PASSWORD": "kata-sandi-rahasia"}
			out, _, err := cli(t, vars, "user", "add", "--platform-admin", "--username", "platform", "--name", "Admin Platform")
			if err != nil || !strings.Contains(out, "platform admin") {
				t.Fatalf("add platform admin: %v %q", err, out)
			}
			if u, _, err := db.UserForSignIn(testdb.System(), "platform"); err != nil || !u.PlatformAdmin || len(u.Grants) != 0 {
				t.Fatalf("platform admin: %+v %v", u, err)
			}
			out, _, err = cli(t, vars, "user", "add", "--username", "op.mutasi", "--name", "Operator Mutasi", "--agency", "kota-grant",
				"--role", "operator", "--unit", "bidang mutasi")
			if err != nil || !strings.Contains(out, "operator of kota-grant") {
				t.Fatalf("add limited operator: %v %q", err, out)
			}
			if u, _, _ := db.UserForSignIn(testdb.System(), "op.mutasi"); !slices.Equal(u.Grants[0].UnitIDs, []int64{bidang.ID}) {
				t.Errorf("operator's units: %+v", u.Grants)
			}
			out, _, err = cli(t, vars, "user", "grant", "--username", "platform", "--agency", "kota-grant", "--role", "viewer")
			if err != nil || !strings.Contains(out, "viewer of kota-grant") {
				t.Fatalf("grant: %v %q", err, out)
			}
			if out, _, err = cli(t, vars, "user", "grant", "--username", "op.mutasi", "--agency", "kota-grant", "--role", "operator"); err != nil {
				t.Fatal(err)
			}
			if u, _, _ := db.UserForSignIn(testdb.System(), "op.mutasi"); len(u.Grants) != 1 || len(u.Grants[0].UnitIDs) != 0 {
				t.Errorf("the grant again without --unit: %+v", u.Grants)
			}
			if _, _, err := cli(t, vars, "user", "grant", "--username", "op.mutasi", "--agency", "kota-grant", "--role", "operator", "--unit", "Tidak Ada"); exitCode(err) != 2 {
				t.Errorf("unknown unit: %v (exit %d)", err, exitCode(err))
			}
			out, _, err = cli(t, vars, "user", "list")
			if err != nil || !strings.Contains(out, "platform-admin, viewer@kota-grant") {
				t.Errorf("list: %v %q", err, out)
			}
		})
	}
}
