package importer

import (
	"bytes"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/ipasn"
	"merit/sqldb"
	"merit/tabular"
)

// officialFile writes rows of cells with the real CSV or XLSX writer.
func officialFile(t *testing.T, format string, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := tabular.NewWriter(&buf, format, "IP ASN")
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

// TestIPASNOfficial: official values from CSV and XLSX, decimal commas, a
// missing total summed; every bad row reported with row, column and value
// and nothing stored; a NIP of no employee is a row error too.
func TestIPASNOfficial(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-resmi")
		e := testdb.Employee(a.ID, 1)
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		header := []string{"nipBaru", "tahun", "kualifikasi", "kompetensi", "kinerja", "disiplin", "nilaiIpAsn"}
		for _, format := range []string{tabular.CSV, tabular.XLSX} {
			good := officialFile(t, format, header, []string{e.NIP, "2025", "15", "22,5", "25", "5", ""})
			rep, err := IPASNOfficial(ctx, db, bytes.NewReader(good), 2025, Options{AgencyID: a.ID, Format: format})
			if err != nil || len(rep.Errors) > 0 || rep.Inserted != 1 || !rep.Written {
				t.Fatalf("%s: %+v %v", format, rep, err)
			}
			got, err := db.EmployeeIPASN(ctx, a.ID, e.ID, ipasn.Current, merit.MustDate("2026-06-30"))
			if err != nil || got.Official == nil || got.Official.Total != 6750 || got.Official.Kompetensi != 2250 {
				t.Fatalf("%s: official %+v %v, want 67.5 with kompetensi 22.5", format, got.Official, err)
			}
		}
		bad := officialFile(t, tabular.CSV, header,
			[]string{e.NIP, "2025", "26", "40", "30", "5", "101"},
			[]string{"12345", "", "15", "40", "30", "5", ""},
			[]string{"199001152022212003", "", "15", "40", "30", "5", ""})
		rep, err := IPASNOfficial(ctx, db, bytes.NewReader(bad), 2025, Options{AgencyID: a.ID, Format: tabular.CSV})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, e := range rep.Errors {
			texts = append(texts, e.Text("en"))
		}
		all := strings.Join(texts, "\n")
		for _, want := range []string{"row 2, column kualifikasi", "row 2, column nilaiIpAsn", "row 3, column nipBaru"} {
			if !strings.Contains(all, want) {
				t.Errorf("errors lack %q:\n%s", want, all)
			}
		}
		if rep.Written || rep.Inserted != 0 {
			t.Errorf("a rejected file wrote %d rows", rep.Inserted)
		}
		unknown := officialFile(t, tabular.CSV, header, []string{"199001152022212003", "", "15", "40", "30", "5", ""})
		rep, err = IPASNOfficial(ctx, db, bytes.NewReader(unknown), 2025, Options{AgencyID: a.ID, Format: tabular.CSV})
		if err != nil || len(rep.Errors) != 1 || rep.Errors[0].Row != 2 || rep.Errors[0].Code != "ipasn.import.nip_unknown" {
			t.Fatalf("unknown NIP: %+v %v", rep, err)
		}
		missing := officialFile(t, tabular.CSV, []string{"nip", "kualifikasi", "kompetensi", "kinerja", "warna"})
		rep, _ = IPASNOfficial(ctx, db, bytes.NewReader(missing), 2025, Options{AgencyID: a.ID, Format: tabular.CSV})
		if len(rep.Errors) != 2 {
			t.Errorf("header: %+v, want disiplin missing and warna unknown", rep.Errors)
		}
	})
}
