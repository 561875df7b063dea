package main

import (
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
)

func TestAuditVerifyAndList(t *testing.T) {
	dsn := testdb.DSN(t, sqldb.SQLite)
	vars := map[string]string{"MERIT_DB": dsn}
	if _, _, err := cli(t, vars, "agency", "add", "--code", "kota-audit", "--name", "Pemerintah Kota Audit", "--kind", "kota"); err != nil {
		t.Fatal(err)
	}
	vars["MERIT_PASSWORD"] = "kata-sandi-rahasia"
	if _, _, err := cli(t, vars, "user", "add", "--username", "admin.audit", "--name", "Admin Audit", "--agency", "kota-audit", "--role", "admin"); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, vars, "audit", "verify")
	if err != nil || out != "audit trail intact: 2 entries\n" {
		t.Fatalf("verify: %v %q", err, out)
	}
	out, _, err = cli(t, vars, "audit", "list", "--agency", "kota-audit")
	if err != nil || !strings.Contains(out, "system") || !strings.Contains(out, "create") || !strings.Contains(out, "agency") {
		t.Errorf("list: %v %q", err, out)
	}
	if out, _, err = cli(t, vars, "audit", "list", "--entity", "user", "--id", "1"); err != nil || !strings.Contains(out, "user") {
		t.Errorf("list of accounts: %v %q", err, out)
	}

	raw := testdb.Raw(t, dsn)
	if _, err := raw.Exec(`UPDATE audit_log SET actor = 'someone else' WHERE agency_id <> 0 AND seq = 1`); err != nil {
		t.Fatal(err)
	}
	out, _, err = cli(t, vars, "audit", "verify")
	if err == nil || exitCode(err) == 0 || out != "" || !strings.Contains(err.Error(), "kota-audit, entry 1 was changed") {
		t.Errorf("verify after tampering: %v %q", err, out)
	}
}
