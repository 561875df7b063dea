package importer

import (
	"bytes"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
	"merit/tabular"
)

// skpFile writes a header and rows of an SKP file with the real writers.
func skpFile(t *testing.T, format string, head []string, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := tabular.NewWriter(&buf, format, "SKP")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append([][]string{head}, rows...) {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The SKP import on both engines and both formats: every rejected row is
// reported by row, column and value and keeps the file out; the seven values
// give the perilaku; a kuadran must agree with the matrix; a rater is found
// by NIP; the same file again changes nothing.
func TestImportSKP(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, unit := testdb.Agency(t, db, "kota-skp-impor")
		var emps []*merit.Employee
		for seq := 1; seq <= 3; seq++ {
			e := testdb.Employee(a.ID, seq)
			e.UnitID = unit.ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			emps = append(emps, e)
		}
		head := []string{"NIPBaru", "tahun", "periode", "hasilKinerja", "perilakuKinerja", "kuadranKinerja", "nilaiSkp",
			"penilaiNipNrp", "berorientasiPelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"}
		head[4] = "perilakuKerja"
		seven := func(r string) []string { return []string{r, r, r, r, r, r, r} }
		row := func(nip, year, period, hasil, perilaku, kuadran, nilai, rater string, values []string) []string {
			return append([]string{nip, year, period, hasil, perilaku, kuadran, nilai, rater}, values...)
		}
		none := make([]string, 7)
		good := [][]string{
			row(emps[0].NIP, "2024", "", "Di atas ekspektasi", "", "Sangat Baik", "", emps[2].NIP, seven("3")),
			row(emps[1].NIP, "2024", "Triwulan 2", "2", "1", "Kurang/Misconduct", "", "", none),
			row(emps[1].NIP, "2020", "", "", "", "", "87,25", "", none),
		}
		bad := [][]string{
			row("199001012020011999", "2024", "", "2", "2", "", "", "", none),             // 3: unknown NIP
			row(emps[2].NIP, "2024", "", "2", "2", "Sangat Baik", "", "", none),           // 4: kuadran disagrees
			row(emps[2].NIP, "2024", "B13", "2", "2", "", "", "", none),                   // 5: period
			row(emps[2].NIP, "dua ribu", "", "2", "2", "", "", "", none),                  // 6: year
			row(emps[2].NIP, "2024", "", "2", "", "", "", "", append(seven("2")[:6], "")), // 7: one value missing
			row(emps[0].NIP, "2024", "", "2", "2", "", "", "", none),                      // 8: the same SKP as row 2
			row(emps[2].NIP, "2019", "", "", "", "", "130", "", none),                     // 9: legacy out of range
		}
		for _, format := range []string{tabular.CSV, tabular.XLSX} {
			rep, err := SKP(ctx, db, bytes.NewReader(skpFile(t, format, head, append(good[:1:1], bad...)...)), Options{AgencyID: a.ID, Format: format})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range rep.Errors {
				got = append(got, e.Text("en"))
			}
			want := []string{`row 3, column nipBaru`, `row 4, column kuadranKinerjaNilai, value "Sangat Baik": does not match the ratings: the matrix gives BAIK`,
				`row 5, column periode, value "B13"`, `row 6, column tahun, value "dua ribu"`, `row 7, column kolaboratif`,
				`row 8, column nipBaru`, `row 9, column nilaiSkp, value "130"`}
			if len(got) != len(want) || rep.Rejected != 7 || rep.Written || rep.Inserted != 0 {
				t.Fatalf("%s: %+v\n%s", format, rep, strings.Join(got, "\n"))
			}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("%s: error %d = %q, want %q…", format, i, got[i], want[i])
				}
			}
		}
		if got, _ := db.AnnualPredikat(ctx, a.ID, 2024); len(got) != 0 {
			t.Fatalf("a rejected file stored %v", got)
		}
		data := skpFile(t, tabular.XLSX, head, good...)
		rep, err := SKP(ctx, db, bytes.NewReader(data), Options{AgencyID: a.ID, Format: tabular.XLSX, DryRun: true})
		if err != nil || rep.Inserted != 3 || rep.Written {
			t.Fatalf("dry run: %+v %v", rep, err)
		}
		rep, err = SKP(ctx, db, bytes.NewReader(data), Options{AgencyID: a.ID, Format: tabular.XLSX})
		if err != nil || rep.Inserted != 3 || !rep.Written {
			t.Fatalf("import: %+v %v", rep, err)
		}
		hist, err := db.EmployeeSKPs(ctx, a.ID, emps[0].ID)
		if err != nil || len(hist) != 1 || hist[0].Predikat != performance.SangatBaik || hist[0].RaterID != emps[2].ID || !hist[0].RaterOverride ||
			hist[0].Behaviour.Perilaku() != performance.Above {
			t.Errorf("imported SKP: %+v %v", hist, err)
		}
		hist, _ = db.EmployeeSKPs(ctx, a.ID, emps[1].ID)
		if len(hist) != 2 || hist[0].Period != "TW2" || hist[0].Predikat != performance.Kurang || hist[1].LegacyScore != 8725 || hist[1].Predikat != performance.Cukup {
			t.Errorf("imported SKPs: %+v", hist)
		}
		rep, err = SKP(ctx, db, bytes.NewReader(data), Options{AgencyID: a.ID, Format: tabular.XLSX})
		if err != nil || rep.Unchanged != 3 || rep.Inserted+rep.Updated != 0 {
			t.Errorf("again: %+v %v", rep, err)
		}
	})
}
