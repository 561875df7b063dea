package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
)

// cli runs the merit command line in-process with the given environment
// variables and returns what it printed.
func cli(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(vars["stdin"]), Getenv: func(k string) string { return vars[k] }}
	err = Run(context.Background(), env, args)
	return out.String(), errOut.String(), err
}

func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		_, stderr, err := cli(t, nil, name, "--help")
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "Usage: merit "+name) {
			t.Errorf("%s --help: err %v, output %q", name, err, stderr)
		}
	}
	out, _, err := cli(t, nil)
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "import") {
		t.Errorf("usage: %v %q", err, out)
	}
	if _, _, err := cli(t, nil, "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
}

func TestMigrateUserAndBackup(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			vars := map[string]string{"MERIT_DB": dsn}
			out, _, err := cli(t, vars, "migrate")
			if err != nil || !strings.Contains(out, "up to date") {
				t.Fatalf("migrate: %v %q", err, out)
			}
			out, _, err = cli(t, vars, "migrate", "status")
			if err != nil || !strings.Contains(out, "applied") || strings.Contains(out, "pending") {
				t.Fatalf("migrate status: %v %q", err, out)
			}
			out, _, err = cli(t, vars, "agency", "add", "--code", "kota-cli", "--name", "Pemerintah Kota Cli", "--kind", "kota")
			if err != nil || !strings.Contains(out, "kota-cli") {
				t.Fatalf("agency add: %v %q", err, out)
			}
			if _, _, err := cli(t, vars, "agency", "add", "--code", "Kota Cli!", "--name", "X"); exitCode(err) != 2 {
				t.Errorf("bad agency code: %v", err)
			}
			if out, _, _ := cli(t, vars, "agency", "list"); !strings.Contains(out, "Pemerintah Kota Cli") {
				t.Errorf("agency list: %q", out)
			}

			vars["MERIT_PASSWORD"] = "kata-sandi-rahasia"
			out, _, err = cli(t, vars, "user", "add", "--username", "Operator.Satu", "--name", "Operator Satu", "--agency", "kota-cli", "--role", "operator")
			if err != nil || !strings.Contains(out, "operator.satu") {
				t.Fatalf("user add: %v %q", err, out)
			}
			// An evaluator reads several agencies: one grant each.
			if _, _, err := cli(t, vars, "agency", "add", "--code", "kota-dua", "--name", "Pemerintah Kota Dua", "--kind", "kota"); err != nil {
				t.Fatal(err)
			}
			out, _, err = cli(t, vars, "user", "add", "--username", "evaluator.bkn", "--name", "Evaluator BKN", "--agency", "kota-cli, kota-dua", "--role", "evaluator")
			if err != nil || !strings.Contains(out, "evaluator of kota-cli, kota-dua") {
				t.Fatalf("evaluator add: %v %q", err, out)
			}
			if _, _, err := cli(t, vars, "user", "add", "--username", "x.z", "--name", "X", "--agency", "kota-cli,kota-tidak-ada", "--role", "evaluator"); exitCode(err) != 2 {
				t.Errorf("unknown second agency: %v (exit %d)", err, exitCode(err))
			}
			if _, _, err := cli(t, vars, "user", "add", "--username", "operator.satu", "--name", "Lagi", "--agency", "kota-cli"); err == nil {
				t.Error("duplicate username accepted")
			}
			if _, _, err := cli(t, vars, "user", "add", "--username", "x.y", "--name", "X", "--agency", "kota-tidak-ada"); exitCode(err) != 2 {
				t.Errorf("unknown agency: %v (exit %d)", err, exitCode(err))
			}
			vars["MERIT_PASSWORD"] = "pendek"
			if _, _, err := cli(t, vars, "user", "add", "--username", "x.y", "--name", "X", "--agency", "kota-cli"); err == nil {
				t.Error("short password accepted")
			}
			out, _, err = cli(t, vars, "user", "list")
			if err != nil || !strings.Contains(out, "operator@kota-cli") {
				t.Fatalf("user list: %v %q", err, out)
			}
			if engine == sqldb.SQLite {
				path := filepath.Join(t.TempDir(), "copy.db")
				out, _, err = cli(t, vars, "backup", "-o", path)
				if err != nil || !strings.Contains(out, path) {
					t.Fatalf("backup: %v %q", err, out)
				}
				out, _, err = cli(t, map[string]string{"MERIT_DB": "sqlite:" + path}, "user", "list")
				if err != nil || !strings.Contains(out, "operator.satu") {
					t.Fatalf("user list on the restored copy: %v %q", err, out)
				}
			} else if _, _, err := cli(t, vars, "backup", "-o", filepath.Join(t.TempDir(), "x")); err == nil || !strings.Contains(err.Error(), "pg_dump") {
				t.Errorf("backup on PostgreSQL should point to pg_dump: %v", err)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, err := cli(t, nil, "version")
	if err != nil || !strings.HasPrefix(out, "merit ") {
		t.Errorf("version: %v %q", err, out)
	}
}
