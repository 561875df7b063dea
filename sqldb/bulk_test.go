package sqldb_test

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/ipasn"
	"merit/sqldb"
)

// TestIPASNBatchedWrites: rows written several hundred per statement all
// arrive, across the statements' boundaries. 600 employees (two INSERTs, the
// first of them changed again in the same batch) with two diklat each go
// through one AddHistories call (1,200 rows, three INSERTs); the first
// recompute stores 600 inputs, 600 scores and 600 fingerprints (two
// statements each), so the next recompute finds nothing changed; a third
// diklat for 550 of them is re-read and rescored from the audit trail, and
// their new fingerprints stored.
func TestIPASNBatchedWrites(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, unit := testdb.Agency(t, db, "kota-batch")
		const n = 600
		var emps []*merit.Employee
		err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
			var hs []merit.HistoryEntry
			for i := range n {
				e := testdb.Employee(a.ID, i+1)
				e.UnitID = unit.ID
				if _, err := b.Upsert(ctx, e); err != nil {
					return err
				}
				emps = append(emps, e)
				hs = append(hs,
					merit.HistoryEntry{EmployeeID: e.ID, Kind: merit.HistDiklat, Ref: "TEKNIS", Title: "Kearsipan Dinamis",
						Hours: 24 + i%30, Start: merit.MustDate("2025-01-20"), End: merit.MustDate("2025-02-01")},
					merit.HistoryEntry{EmployeeID: e.ID, Kind: merit.HistDiklat, Ref: "SEMINAR", Title: "Seminar Manajemen ASN",
						Hours: 4, Start: merit.MustDate("2025-05-02"), End: merit.MustDate("2025-05-02")})
			}
			// A known NIP inserted in this batch and changed: the update
			// reads it back first.
			again := *emps[0]
			again.Golongan = "III/d"
			if out, err := b.Upsert(ctx, &again); err != nil || out != sqldb.Updated {
				t.Fatalf("upsert of a changed employee of the batch: %v, %v; want updated", out, err)
			}
			return b.AddHistories(ctx, hs)
		})
		if err != nil {
			t.Fatal(err)
		}
		if e, err := db.FindEmployeeByID(ctx, a.ID, emps[n-1].ID); err != nil || e.NIP != emps[n-1].NIP {
			t.Fatalf("last employee of the batch: %v, %v", e, err)
		}
		if e, err := db.FindEmployeeByID(ctx, a.ID, emps[0].ID); err != nil || e.Golongan != "III/d" {
			t.Fatalf("updated employee of the batch: %v, %v; want golongan III/d", e, err)
		}
		for _, e := range []*merit.Employee{emps[0], emps[499], emps[500], emps[n-1]} {
			hs, err := db.FindHistory(ctx, a.ID, e.ID, merit.HistDiklat)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != 2 {
				t.Fatalf("employee %s: %d diklat stored, want 2", e.NIP, len(hs))
			}
		}
		on := merit.MustDate("2026-06-30")
		res, err := db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Full || res.Refreshed != n || res.Employees != n || res.Changed != n {
			t.Fatalf("first recompute: %+v, want %d refreshed, scored and changed", res, n)
		}
		scored := 0
		err = db.EachIPASNInput(ctx, a.ID, func(id int64, in *ipasn.Input, hash int64) error {
			if hash == 0 {
				t.Errorf("employee %d: no fingerprint stored", id)
			}
			scored++
			return nil
		})
		if err != nil || scored != n {
			t.Fatalf("stored inputs: %d, %v; want %d", scored, err, n)
		}
		if res, err = db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil); err != nil || res.Changed != 0 || res.Refreshed != 0 {
			t.Fatalf("steady recompute: %+v, %v; want nothing refreshed or changed", res, err)
		}
		const changed = 550
		for _, e := range emps[:changed] {
			h := &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: e.ID, Kind: merit.HistDiklat, Ref: "TEKNIS",
				Title: "Pengelolaan Arsip Elektronik", Hours: 40, Start: merit.MustDate("2026-03-02"), End: merit.MustDate("2026-03-06")}
			if err := db.CreateHistory(ctx, h); err != nil {
				t.Fatal(err)
			}
		}
		if res, err = db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil); err != nil || res.Refreshed != changed || res.Full || res.Changed == 0 {
			t.Fatalf("after %d new diklat: %+v, %v; want them re-read and rescored", changed, res, err)
		}
		if res, err = db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, nil); err != nil || res.Changed != 0 || res.Refreshed != 0 {
			t.Fatalf("steady recompute after the changes: %+v, %v", res, err)
		}
	})
}
