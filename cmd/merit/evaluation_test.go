package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"merit/evaluation"
	"merit/internal/testdb"
)

// The instrument file goes out and back in through the CLI, and the score
// command shows the official score from verified levels only.
func TestEvaluationCommand(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			vars := map[string]string{"MERIT_DB": dsn, "MERIT_LANG": "en"}
			if _, _, err := cli(t, vars, "migrate"); err != nil {
				t.Fatal(err)
			}
			out, _, err := cli(t, vars, "evaluation", "instrument", "list")
			if err != nil || !strings.Contains(out, "kasn-2018 2019.1") || !strings.Contains(out, "unverified") {
				t.Fatalf("list: %v %q", err, out)
			}
			file := filepath.Join(t.TempDir(), "kasn.json")
			if _, _, err := cli(t, vars, "evaluation", "instrument", "export", "--version", "2019.1", file); err != nil {
				t.Fatal(err)
			}
			in, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			x, err := evaluation.ReadInstrument(in)
			in.Close()
			if err != nil {
				t.Fatalf("exported file: %v", err)
			}
			x.Version, x.Name = "2019.2", "Instrumen KASN (koreksi)"
			f, _ := os.Create(file)
			evaluation.WriteInstrument(f, x)
			f.Close()
			out, _, err = cli(t, vars, "evaluation", "instrument", "import", file)
			if err != nil || !strings.Contains(out, "kasn-2018@2019.2") {
				t.Fatalf("import: %v %q", err, out)
			}
			os.WriteFile(file, []byte(`{"framework": "kasn-2018", "version": "x", "aspects": [`), 0o644)
			if _, _, err := cli(t, vars, "evaluation", "instrument", "import", file); exitCode(err) != 2 {
				t.Errorf("broken file: %v", err)
			}

			db := testdb.OpenDSN(t, dsn)
			ag, _ := testdb.Agency(t, db, "kota-magelang")
			ctx := testdb.System()
			var p evaluation.Published
			for _, r := range evaluation.PublishedResults() {
				if r.AgencyCode == "kota-magelang" && r.Year == 2021 {
					p = r
				}
			}
			a, err := db.CreateMeritAssessment(ctx, ag.ID, 2021, x.Ref())
			if err != nil {
				t.Fatal(err)
			}
			if err := db.SetMeritTeam(ctx, ag.ID, a.ID, []evaluation.TeamMember{{Name: "Sekda", Role: "ketua"}}); err != nil {
				t.Fatal(err)
			}
			for code := range p.Levels {
				if err := db.SetSelfLevel(ctx, ag.ID, a.ID, code, 3, ""); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.SubmitMeritAssessment(ctx, ag.ID, a.ID); err != nil {
				t.Fatal(err)
			}
			out, _, err = cli(t, vars, "evaluation", "score", "--agency", "kota-magelang", "--year", "2021")
			if err != nil || !strings.Contains(out, "No official score") || !strings.Contains(out, "Self-assessment total (not the official score): 300") {
				t.Errorf("score before verification: %v %q", err, out)
			}
			for code, l := range p.Levels {
				if err := db.VerifyIndicator(ctx, ag.ID, a.ID, code, l, "diperiksa"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.CompleteVerification(ctx, ag.ID, a.ID, 0); err != nil {
				t.Fatal(err)
			}
			out, _, err = cli(t, vars, "evaluation", "score", "--agency", "kota-magelang", "--year", "2021")
			if err != nil || !strings.Contains(out, "Official score (from verified levels): 149.5, category Buruk") {
				t.Errorf("score: %v %q", err, out)
			}
			if _, _, err := cli(t, vars, "evaluation", "score", "--agency", "kota-magelang", "--year", "2020"); exitCode(err) != 2 {
				t.Errorf("no assessment of 2020: %v", err)
			}
		})
	}
}

// The JPT index goes out and back in through the same commands: listed
// after the instruments, exported (the current version without --version),
// imported as a new version by the file's framework, a broken file refused
// with the JSON path of the problem.
func TestEvaluationJPTIndexCommand(t *testing.T) {
	dsn := testdb.DSN(t, testdb.Engines[0])
	vars := map[string]string{"MERIT_DB": dsn, "MERIT_LANG": "en"}
	if _, _, err := cli(t, vars, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, vars, "evaluation", "instrument", "list")
	if err != nil || !strings.Contains(out, "kasn-jpt 2021.1\tIndeks Kualitas Pengisian JPT (unverified)") {
		t.Fatalf("list: %v %q", err, out)
	}
	file := filepath.Join(t.TempDir(), "jpt.json")
	if _, _, err := cli(t, vars, "evaluation", "instrument", "export", "--framework", "kasn-jpt", file); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(file)
	var seed bytes.Buffer
	evaluation.WriteJPTIndex(&seed, evaluation.SeedJPT())
	if !bytes.Equal(b, seed.Bytes()) {
		t.Fatalf("exported file is not the seed:\n%s", b)
	}
	os.WriteFile(file, bytes.Replace(b, []byte(`"version": "2021.1"`), []byte(`"version": "2022.1"`), 1), 0o644)
	out, _, err = cli(t, vars, "evaluation", "instrument", "import", file)
	if err != nil || !strings.Contains(out, "kasn-jpt@2022.1") {
		t.Fatalf("import: %v %q", err, out)
	}
	out, _, err = cli(t, vars, "evaluation", "instrument", "export", "--framework", "kasn-jpt", "-")
	if err != nil || !strings.Contains(out, `"version": "2022.1"`) {
		t.Errorf("current version after the import: %v %q", err, out)
	}
	os.WriteFile(file, bytes.Replace(b, []byte(`"weight": "25"`), []byte(`"weight": "35"`), 1), 0o644)
	_, errOut, err := cli(t, vars, "evaluation", "instrument", "import", file)
	if exitCode(err) != 2 || !strings.Contains(errOut+err.Error(), "dimensions") {
		t.Errorf("weights not adding up: %v %q", err, errOut)
	}
}
