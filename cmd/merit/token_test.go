package main

import (
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
)

// merit token create prints the token once (on stdout, alone), refuses a
// role above the user's own, lists tokens without their secret, and revoke
// marks one revoked.
func TestTokenCreateListRevoke(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			vars := map[string]string{"MERIT_DB": testdb.DSN(t, engine), "MERIT_PASSWORD": "kata-sandi-rahasia"}
			for _, args := range [][]string{
				{"migrate"},
				{"agency", "add", "--code", "kota-tok", "--name", "Pemerintah Kota Token", "--kind", "kota"},
				{"user", "add", "--username", "operator.tok", "--name", "Operator", "--agency", "kota-tok", "--role", "operator"},
			} {
				if _, _, err := cli(t, vars, args...); err != nil {
					t.Fatalf("%v: %v", args, err)
				}
			}
			out, _, err := cli(t, vars, "token", "create", "--username", "operator.tok", "--agency", "kota-tok", "--role", "admin", "--name", "x")
			if exitCode(err) == 0 || out != "" || merit.CodeOf(err) != "token.role_exceeds" {
				t.Errorf("admin token for an operator: %v %q", err, out)
			}
			out, stderr, err := cli(t, vars, "token", "create", "--username", "operator.tok", "--agency", "kota-tok", "--role", "viewer",
				"--name", "dasbor", "--days", "30")
			tok := strings.TrimSpace(out)
			if err != nil || !strings.HasPrefix(tok, "mrt_") || strings.Count(out, "\n") != 1 || !strings.Contains(stderr, "shown only now") {
				t.Fatalf("create: %v %q %q", err, out, stderr)
			}
			out, _, err = cli(t, vars, "token", "list", "--username", "operator.tok")
			if err != nil || !strings.Contains(out, "dasbor") || !strings.Contains(out, "viewer@kota-tok") || !strings.Contains(out, "active") ||
				strings.Contains(out, tok[4:]) {
				t.Errorf("list: %v %q", err, out)
			}
			id := strings.Fields(out)[0]
			if out, _, err = cli(t, vars, "token", "revoke", "--id", id); err != nil || !strings.Contains(out, "revoked") {
				t.Errorf("revoke: %v %q", err, out)
			}
			if out, _, err = cli(t, vars, "token", "list"); err != nil || !strings.Contains(out, "revoked") {
				t.Errorf("list after revoke: %v %q", err, out)
			}
			if _, _, err = cli(t, vars, "token", "revoke", "--id", "999"); exitCode(err) == 0 {
				t.Error("revoking an unknown token succeeded")
			}
			if out, _, err = cli(t, vars, "audit", "verify"); err != nil {
				t.Errorf("audit verify: %v %q", err, out)
			}
		})
	}
}
