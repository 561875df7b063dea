package importer

import (
	"bytes"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/tabular"
)

// table writes rows (the first is the header) in the format with the real writers.
func table(t *testing.T, format string, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := tabular.NewWriter(&buf, format, "Asesmen")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// assessmentAgency makes an agency with two employees (NIP seq 1 and 2).
func assessmentAgency(t *testing.T, db *sqldb.DB) *merit.Agency {
	t.Helper()
	a, _ := testdb.Agency(t, db, "kota-asesmen")
	for seq := 1; seq <= 2; seq++ {
		if err := db.CreateEmployee(testdb.System(), testdb.Employee(a.ID, seq)); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func TestImportAssessments(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a := assessmentAgency(t, db)
		header := []string{"nipBaru", "tanggalAsesmen", "lembaga", "nilaiPotensi", "rekomendasi", "integritas", "Kerjasama", "perekat-bangsa"}
		good := [][]string{header,
			{testdb.Employee(0, 1).NIP, "2024-06-10", "UPT Penilaian Kompetensi", "72,5", "Optimal", "3", "4", "3"},
			{testdb.Employee(0, 2).NIP, "10-06-2024", "UPT Penilaian Kompetensi", "65", "", "2", "", "3"},
		}
		for _, format := range []string{tabular.CSV, tabular.XLSX} {
			data := table(t, format, good...)
			rep, err := Assessments(ctx, db, bytes.NewReader(data), Options{AgencyID: a.ID, Format: format})
			if err != nil {
				t.Fatal(err)
			}
			// The second format imports the same rows again: nothing changes.
			wantIns, wantSame := 2, 0
			if format == tabular.XLSX {
				wantIns, wantSame = 0, 2
			}
			if rep.Rows != 2 || rep.Inserted != wantIns || rep.Unchanged != wantSame || len(rep.Errors) != 0 {
				t.Fatalf("%s: got %+v, want %d inserted, %d unchanged", format, rep, wantIns, wantSame)
			}
		}
		list, total, err := db.FindAssessments(ctx, a.ID, sqldb.AssessmentFilter{})
		if err != nil || total != 2 {
			t.Fatalf("stored: %d, %v", total, err)
		}
		for _, as := range list {
			if as.EmployeeNIP == testdb.Employee(0, 1).NIP && (as.Potential != 72.5 || len(as.Levels) != 3 || as.Recommendation != "Optimal") {
				t.Errorf("first row stored as %+v", as)
			}
			if as.EmployeeNIP == testdb.Employee(0, 2).NIP && len(as.Levels) != 2 {
				t.Errorf("blank level must mean not assessed: %+v", as.Levels)
			}
		}

		// One bad row rejects the whole file: nothing of it is written, and
		// each problem names its row, column and value.
		bad := table(t, tabular.CSV, header,
			[]string{testdb.Employee(0, 1).NIP, "2025-01-15", "BKN", "80", "", "3", "3", "3"},
			[]string{"199001012015011999", "2099-01-01", "", "120", "", "6", "x", "3"},
		)
		rep, err := Assessments(ctx, db, bytes.NewReader(bad), Options{AgencyID: a.ID, Format: tabular.CSV})
		if err != nil {
			t.Fatal(err)
		}
		text := ""
		for _, e := range rep.Errors {
			text += e.Text("en") + "\n"
		}
		for _, want := range []string{"row 3, column nipBaru", "column integritas, value \"6\"", "column Kerjasama, value \"x\""} {
			if !strings.Contains(text, want) {
				t.Errorf("report lacks %q:\n%s", want, text)
			}
		}
		if rep.Written || rep.Rejected != 1 {
			t.Errorf("bad file: got %+v, want nothing written and one row rejected", rep)
		}
		if _, total, _ := db.FindAssessments(ctx, a.ID, sqldb.AssessmentFilter{}); total != 2 {
			t.Errorf("after rejected file: %d results, want still 2", total)
		}

		// An unknown column rejects the file at its header.
		rep, _ = Assessments(ctx, db, bytes.NewReader(table(t, tabular.CSV, []string{"nipBaru", "tanggalAsesmen", "lembaga", "nilaiPotensi", "kepemimpinan"})),
			Options{AgencyID: a.ID, Format: tabular.CSV})
		if len(rep.Errors) == 0 || rep.Errors[0].Column != "kepemimpinan" || rep.Errors[0].Code != "import.column_unknown" {
			t.Errorf("unknown column: got %+v", rep.Errors)
		}
	})
}
