package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"merit/demo"
	"merit/internal/testdb"
	"merit/sqldb"
)

func TestDemoCommand(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			vars := map[string]string{"MERIT_DB": testdb.DSN(t, engine)}
			out, _, err := cli(t, vars, "demo", "--agencies", "2", "--employees", "150", "--seed", "3", "--today", "2026-01-15")
			if err != nil {
				t.Fatalf("demo: %v\n%s", err, out)
			}
			for _, want := range []string{"kota-magelang", "150 employees", "kota-salatiga", "Masuk / Sign in: http://localhost:8080",
				"admin.magelang", "viewer.salatiga", demo.Password} {
				if !strings.Contains(out, want) {
					t.Errorf("demo output lacks %q:\n%s", want, out)
				}
			}
			out, _, err = cli(t, vars, "demo", "--employees", "150")
			if err != nil || !strings.Contains(out, "skipped") || strings.Contains(out, "Sign in") {
				t.Errorf("second demo run: %v\n%s", err, out)
			}
			if _, _, err := cli(t, vars, "demo", "--today", "2999-01-01"); err == nil {
				t.Error("a --today in the future was accepted")
			}
		})
	}
}

// TestLoadDemoIfEmpty is what make run does on a fresh machine: serve --demo
// loads the default demo (two agencies) into an empty SQLite database and
// prints the sign-ins; the next start only reminds of them.
func TestLoadDemoIfEmpty(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 12,000 employees")
	}
	db := testdb.Open(t, sqldb.SQLite)
	var out bytes.Buffer
	env := &Env{Stdout: &out, Getenv: func(string) string { return "" }}
	if err := loadDemoIfEmpty(context.Background(), env, db, ":8080"); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "admin.magelang") || !strings.Contains(s, "admin.salatiga") || !strings.Contains(s, "│ Masuk / Sign in: http://localhost:8080") {
		t.Errorf("first start printed:\n%s", s)
	}
	out.Reset()
	if err := loadDemoIfEmpty(context.Background(), env, db, ":8080"); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "as admin.magelang, password "+demo.Password) || strings.Contains(s, "creating") {
		t.Errorf("second start printed:\n%s", s)
	}
}
