package sqldb_test

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/ipasn"
	"merit/performance"
	"merit/sqldb"
)

// TestIPASNRecompute: the first recompute reads every input and scores
// everyone; the next one changes nothing; a new diklat is picked up from the
// audit trail and rescored alone; the summary, the live profile value, the
// official import and the reconciliation agree; permissions hold.
func TestIPASNRecompute(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-ipasn", 2)
		a := o.agency.ID
		on := merit.MustDate("2026-06-30")
		pelaksana, kabid := o.staff[1], o.kabid
		hist := func(e *merit.Employee, h merit.HistoryEntry) {
			t.Helper()
			h.AgencyID, h.EmployeeID = a, e.ID
			if err := db.CreateHistory(ctx, &h); err != nil {
				t.Fatal(err)
			}
		}
		hist(pelaksana, merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "TEKNIS", Title: "Kearsipan Dinamis", Hours: 24,
			Start: merit.MustDate("2026-01-20"), End: merit.MustDate("2026-02-01")})
		hist(kabid, merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "KEPEMIMPINAN", Title: "Pelatihan Kepemimpinan Administrator",
			Hours: 545, Start: merit.MustDate("2020-02-01"), End: merit.MustDate("2020-06-01")})
		hist(kabid, merit.HistoryEntry{Kind: merit.HistHukdis, Ref: "TEGURAN_LISAN", Start: merit.MustDate("2024-01-10"), DocNumber: "862.3/1"})
		s := &performance.SKP{AgencyID: a, EmployeeID: pelaksana.ID, Year: 2025, HasilKerja: performance.Above,
			Behaviour: allValues(performance.Above), Source: performance.SourceForm}
		if err := db.SaveSKP(ctx, s); err != nil {
			t.Fatal(err)
		}

		viewer := merit.WithActor(ctx, &merit.Actor{UserID: 91, Username: "viewer", Grants: []merit.Grant{{AgencyID: a, Role: merit.RoleViewer}}})
		if _, err := db.RecomputeIPASN(viewer, a, ipasn.Current, on, nil); merit.KindOf(err) != merit.KindForbidden {
			t.Fatalf("viewer recompute: got %v, want forbidden", err)
		}
		res, err := db.RecomputeIPASN(ctx, a, ipasn.Current, on, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Full || res.Refreshed != 4 || res.Employees != 4 || res.Changed != 4 {
			t.Fatalf("first recompute: %+v, want full, 4 refreshed, scored and changed", res)
		}
		// Pelaksana S-1: 15 + 22.5 (teknis this year) + 30 (Sangat Baik 2025) + 5 = 72.5, Sedang.
		got, err := db.EmployeeIPASN(viewer, a, pelaksana.ID, ipasn.Current, on)
		if err != nil {
			t.Fatal(err)
		}
		if got.Result.Total != 7250 || got.Result.Category != ipasn.Sedang || got.Official != nil {
			t.Fatalf("pelaksana: %v %s, want 72.5 SEDANG: %+v", got.Result.Total, got.Result.Category, got.Result.Scores)
		}
		// Kabid: 15 + 15 (PKA) + 0 (no SKP) + 3 (teguran lisan) = 33.
		if got, _ := db.EmployeeIPASN(viewer, a, kabid.ID, ipasn.Current, on); got.Result.Total != 3300 {
			t.Fatalf("kabid: %v, want 33: %+v", got.Result.Total, got.Result.Scores)
		}

		res, err = db.RecomputeIPASN(ctx, a, ipasn.Current, on, nil)
		if err != nil || res.Full || res.Refreshed != 0 || res.Changed != 0 || res.Employees != 4 {
			t.Fatalf("second recompute: %+v %v, want nothing refreshed or changed", res, err)
		}
		// A seminar makes the pelaksana 90.00: still Tinggi, not Sangat Tinggi.
		hist(pelaksana, merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "SEMINAR", Title: "Seminar Manajemen ASN", Hours: 4,
			Start: merit.MustDate("2026-03-01"), End: merit.MustDate("2026-03-01")})
		res, err = db.RecomputeIPASN(ctx, a, ipasn.Current, on, nil)
		if err != nil || res.Full || res.Refreshed != 1 || res.Changed != 1 {
			t.Fatalf("after a seminar: %+v %v, want 1 refreshed and changed", res, err)
		}
		sum, err := db.IPASNSummary(viewer, a)
		if err != nil {
			t.Fatal(err)
		}
		// 90 + 33 + kepala 15 + 0 + 0 + 5 = 20 + JF 15 + 0 + 0 + 5 = 20 → 163 / 4 = 40.75.
		if sum.Employees != 4 || sum.Average != 4075 || sum.Category != ipasn.SangatRendah || sum.Version != ipasn.Current.Version {
			t.Errorf("summary: %+v, want 4 employees, average 40.75", sum)
		}
		cats := map[string]int{}
		for _, c := range sum.Categories {
			cats[c.Key] = c.Count
		}
		if cats[ipasn.Tinggi] != 1 || cats[ipasn.SangatRendah] != 3 {
			t.Errorf("categories %+v, want 1 Tinggi and 3 Sangat Rendah", sum.Categories)
		}
		if len(sum.Units) != 2 || sum.Units[0].Name != o.bidang.Name || len(sum.Jenis) != 4 {
			t.Errorf("by unit %+v and jenis %+v", sum.Units, sum.Jenis)
		}

		rows := []sqldb.OfficialRow{
			{Row: 2, NIP: pelaksana.NIP, IPASNOfficial: sqldb.IPASNOfficial{Year: 2025, Kualifikasi: 1500, Kompetensi: 4000, Kinerja: 3000, Disiplin: 500, Total: 9000}},
			{Row: 3, NIP: kabid.NIP, IPASNOfficial: sqldb.IPASNOfficial{Year: 2025, Kualifikasi: 1500, Kompetensi: 1500, Kinerja: 2500, Disiplin: 300, Total: 5800}},
			{Row: 4, NIP: "199001012015011001", IPASNOfficial: sqldb.IPASNOfficial{Year: 2025}},
		}
		if _, err := db.ImportIPASNOfficial(ctx, a, rows, false); merit.KindOf(err) != merit.KindInvalid ||
			len(merit.FieldsOf(err)) != 1 || merit.FieldsOf(err)[0].Field != "4" {
			t.Fatalf("unknown NIP: got %v, want invalid naming row 4", err)
		}
		if n, err := db.ImportIPASNOfficial(ctx, a, rows[:2], false); err != nil || n != 2 {
			t.Fatalf("import: %d %v", n, err)
		}
		diffs, err := db.IPASNDifferences(viewer, a, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(diffs) != 1 || diffs[0].EmployeeID != kabid.ID || diffs[0].Ours.Total != 3300 || diffs[0].Official.Total != 5800 {
			t.Fatalf("differences: %+v, want the kabid only", diffs)
		}
		if sum, _ := db.IPASNSummary(viewer, a); sum.Official != 2 || sum.Differences != 1 {
			t.Errorf("summary official %d differences %d, want 2 and 1", sum.Official, sum.Differences)
		}
		if got, _ := db.EmployeeIPASN(viewer, a, pelaksana.ID, ipasn.Current, on); got.Official == nil || got.Official.Total != 9000 {
			t.Errorf("official beside the profile value: %+v", got.Official)
		}
	})
}
