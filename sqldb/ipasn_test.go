package sqldb_test

import (
	"strconv"
	"sync"
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

// TestIPASNInputBlocks: the inputs kept in blocks follow the registry. A
// deleted employee leaves his block; an import (which re-reads every input)
// keeps the stored fingerprints, so unchanged scores are not written again;
// and recomputes running while the registry changes and each other run
// leave every stored score equal to the live one.
func TestIPASNInputBlocks(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, unit := testdb.Agency(t, db, "kota-blok")
		const n = 200 // IDs across four blocks or more
		var emps []*merit.Employee
		upsertAll := func() {
			t.Helper()
			err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
				for i := range n {
					e := testdb.Employee(a.ID, i+1)
					e.UnitID = unit.ID
					if _, err := b.Upsert(ctx, e); err != nil {
						return err
					}
					if len(emps) < n {
						emps = append(emps, e)
					} else {
						emps[i] = e // the same, or new when deleted
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		upsertAll()
		on := merit.MustDate("2026-06-30")
		recompute := func() *sqldb.IPASNRecompute {
			t.Helper()
			res, err := db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if res := recompute(); res.Employees != n || res.Changed != n {
			t.Fatalf("first recompute: %+v", res)
		}
		if err := db.DeleteEmployee(ctx, a.ID, emps[70].ID); err != nil {
			t.Fatal(err)
		}
		if res := recompute(); res.Employees != n-1 || res.Refreshed != 0 || res.Changed != 0 {
			t.Fatalf("after a deletion: %+v, want %d scored, nothing refreshed or changed", res, n-1)
		}
		upsertAll() // the deleted one comes back: a new employee
		if res := recompute(); !res.Full || res.Employees != n || res.Changed != 1 {
			t.Fatalf("after an import: %+v, want every input re-read, only the new employee's score written", res)
		}

		// Three rounds of two recomputes at once while diklat are added.
		for round := range 3 {
			var wg sync.WaitGroup
			errs := make(chan error, 2+n/10)
			for range 2 {
				wg.Go(func() {
					_, err := db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil)
					errs <- err
				})
			}
			for i := round; i < n; i += 10 {
				h := &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: emps[i].ID, Kind: merit.HistDiklat, Ref: "TEKNIS",
					Title: "Pelatihan " + strconv.Itoa(round), Hours: 20 + 10*round, Start: merit.MustDate("2026-03-02"), End: merit.MustDate("2026-03-06")}
				if err := db.CreateHistory(ctx, h); err != nil {
					t.Fatal(err)
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		recompute()
		// The live values imported as official ones: no difference means
		// every stored score is the live one.
		var live []sqldb.OfficialRow
		for i, e := range emps {
			got, err := db.EmployeeIPASN(ctx, a.ID, e.ID, ipasn.Current, on)
			if err != nil {
				t.Fatal(err)
			}
			s := got.Result.Scores
			live = append(live, sqldb.OfficialRow{Row: i + 2, NIP: e.NIP, IPASNOfficial: sqldb.IPASNOfficial{Year: 2026,
				Kualifikasi: s[0].Points, Kompetensi: s[1].Points, Kinerja: s[2].Points, Disiplin: s[3].Points, Total: got.Result.Total}})
		}
		if _, err := db.ImportIPASNOfficial(ctx, a.ID, live, false); err != nil {
			t.Fatal(err)
		}
		if res := recompute(); res.Changed != 0 || res.Refreshed != 0 {
			t.Fatalf("settled recompute: %+v, want nothing", res)
		}
		var stored, differ int
		err := db.EachIPASNInput(ctx, a.ID, func(id int64, in *ipasn.Input, hash int64) error {
			stored++
			if r := ipasn.Current.Compute(in, on); r.Fingerprint() != hash {
				differ++
			}
			return nil
		})
		if err != nil || stored != n || differ != 0 {
			t.Fatalf("stored inputs %d (want %d), %d fingerprints not of their input, %v", stored, n, differ, err)
		}
		diffs, err := db.IPASNDifferences(ctx, a.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Errorf("employee %s: stored %+v, live %+v", d.NIP, d.Ours, d.Official)
		}
	})
}
