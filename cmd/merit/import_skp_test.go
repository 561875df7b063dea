package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
)

// merit import skp: a rejected row keeps the file out (exit 2, the row and
// column named); the fixed file is stored and read back as annual predikat.
func TestImportSKPCommand(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			vars := map[string]string{"MERIT_DB": dsn}
			if _, _, err := cli(t, vars, "agency", "add", "--code", "kota-skp", "--name", "Pemerintah Kota SKP"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := cli(t, vars, "import", "employees", "--agency", "kota-skp", writeCSV(t, "pegawai.csv", employeeLine(0), employeeLine(1))); err != nil {
				t.Fatal(err)
			}
			nip := strings.SplitN(employeeLine(0), ";", 2)[0]
			write := func(lines ...string) string {
				path := filepath.Join(t.TempDir(), "skp.csv")
				body := "nipBaru;tahun;hasilKinerjaNilai;perilakuKerjaNilai;nilaiSkp\n" + strings.Join(lines, "\n") + "\n"
				if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			bad := write(nip+";2024;Di atas ekspektasi;Di atas ekspektasi;", nip+";2024;Luar biasa;Sesuai ekspektasi;")
			out, _, err := cli(t, vars, "import", "skp", "--agency", "kota-skp", bad)
			if exitCode(err) != 2 || !strings.Contains(out, `baris 3, kolom hasilKinerjaNilai, nilai "Luar biasa"`) || !strings.Contains(out, "Tidak ada yang disimpan") {
				t.Errorf("invalid row: exit %d\n%s", exitCode(err), out)
			}
			good := write(nip+";2024;Di atas ekspektasi;Di atas ekspektasi;", nip+";2021;;;91,5")
			out, _, err = cli(t, vars, "import", "skp", good, "--agency", "kota-skp")
			if err != nil || !strings.Contains(out, "2 baru") || !strings.Contains(out, "Tersimpan") {
				t.Fatalf("import: %v\n%s", err, out)
			}
			ctx := testdb.System()
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			a, err := db.FindAgencyByCode(ctx, "kota-skp")
			if err != nil {
				t.Fatal(err)
			}
			for year, want := range map[int]performance.Predikat{2024: performance.SangatBaik, 2021: performance.Baik} {
				got, err := db.AnnualPredikat(ctx, a.ID, year)
				if err != nil || len(got) != 1 {
					t.Fatalf("%d: %v %v", year, got, err)
				}
				for _, r := range got {
					if r.Predikat != want {
						t.Errorf("%d: %+v, want %s", year, r, want)
					}
				}
			}
		})
	}
}
