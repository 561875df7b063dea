package demo

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
)

// The demo rates everyone for the last three years with a plausible spread
// (most Baik, some Sangat Baik, few lower), gives older staff numeric SKP
// before 2022, and sets the organisation predikat of top-level units.
func TestSKPDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		today := merit.NewDate(2026, 3, 1)
		res, err := Generate(ctx, db, Options{Seed: 3, Employees: 400, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		counts := map[performance.Predikat]int{}
		total := 0
		for year := 2023; year <= 2025; year++ {
			got, err := db.AnnualPredikat(ctx, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) < 300 {
				t.Errorf("%d: %d rated of 400", year, len(got))
			}
			for _, r := range got {
				counts[r.Predikat]++
				total++
			}
		}
		share := func(p performance.Predikat) int { return 100 * counts[p] / total }
		if share(performance.Baik) < 65 || share(performance.SangatBaik) < 8 || share(performance.SangatBaik) > 25 ||
			share(performance.ButuhPerbaikan)+share(performance.Kurang)+share(performance.SangatKurang) > 15 || counts[performance.SangatKurang] == 0 {
			t.Errorf("distribution %v of %d", counts, total)
		}
		legacy, err := db.AnnualPredikat(ctx, a.ID, 2021)
		if err != nil || len(legacy) < 200 {
			t.Fatalf("2021: %d legacy SKPs, %v", len(legacy), err)
		}
		for _, r := range legacy {
			if r.Scheme != performance.SchemeLegacy || r.LegacyScore < 7600 || r.LegacyScore > 10200 {
				t.Fatalf("legacy %+v", r)
			}
		}
		ups, err := db.UnitPerformances(ctx, a.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if ups[0].Unit.ParentID != 0 || ups[0].Predikat == "" || ups[0].Rated == 0 {
			t.Errorf("first top-level unit: %+v", ups[0])
		}
	})
}
