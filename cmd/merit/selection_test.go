package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"merit/internal/testdb"
)

// TestSelectionVerifyAndReport loads the demo (a finished selection whose
// stages are published and sealed), verifies its seals, writes its report
// as PDF and XLSX, then edits a score in the database: verify names the
// stage and exits non-zero.
func TestSelectionVerifyAndReport(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			vars := map[string]string{"MERIT_DB": dsn}
			if out, _, err := cli(t, vars, "demo", "--agencies", "1", "--employees", "150", "--seed", "3", "--today", "2026-01-15"); err != nil {
				t.Fatalf("demo: %v\n%s", err, out)
			}
			out, _, err := cli(t, vars, "selection", "list", "--agency", "kota-magelang")
			m := regexp.MustCompile(`(?m)^\s*(\d+) decided`).FindStringSubmatch(out)
			if err != nil || m == nil {
				t.Fatalf("list: %v\n%s", err, out)
			}
			id := m[1]
			out, _, err = cli(t, vars, "selection", "verify", "--agency", "kota-magelang", "--selection", id)
			if err != nil || !strings.Contains(out, "seals hold") || strings.Contains(out, "MISMATCH") || !strings.Contains(out, "asesmen") {
				t.Fatalf("verify: %v\n%s", err, out)
			}
			dir := t.TempDir()
			for _, format := range []string{"pdf", "xlsx"} {
				file := filepath.Join(dir, "laporan."+format)
				if _, _, err := cli(t, vars, "selection", "report", "--agency", "kota-magelang", "--selection", id, "--format", format, "--out", file); err != nil {
					t.Fatalf("report %s: %v", format, err)
				}
				data, err := os.ReadFile(file)
				magic := map[string][]byte{"pdf": []byte("%PDF-"), "xlsx": []byte("PK")}[format]
				if err != nil || !bytes.HasPrefix(data, magic) {
					t.Errorf("report %s: %v, starts %q", format, err, data[:min(len(data), 8)])
				}
			}

			raw := testdb.Raw(t, dsn)
			if _, err := raw.Exec(`UPDATE selection_score SET value = value + 100 WHERE selection_id = ` + id + ` AND stage_id IN
				(SELECT id FROM selection_stage WHERE selection_id = ` + id + ` AND kind = 'asesmen')`); err != nil {
				t.Fatal(err)
			}
			out, _, err = cli(t, vars, "selection", "verify", "--agency", "kota-magelang", "--selection", id)
			if err == nil || exitCode(err) == 0 || !regexp.MustCompile(`asesmen\s+seal #\d+ \w+: MISMATCH`).MatchString(out) {
				t.Errorf("verify after the edit: %v\n%s", err, out)
			}
			if strings.Count(out, "MISMATCH") != 1 {
				t.Errorf("only asesmen was edited:\n%s", out)
			}
			out, _, err = cli(t, vars, "selection", "verify", "--agency", "kota-magelang", "--selection", id, "--stage", "wawancara")
			if err != nil || strings.Contains(out, "MISMATCH") {
				t.Errorf("verify of wawancara alone: %v\n%s", err, out)
			}
		})
	}
}
