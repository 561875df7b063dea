package demo

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/succession"
)

// The demo agency's critical positions carry reasons, the agency has a
// Baik merit result of last year, and, once the talent review has placed
// people, plans whose successors come from the pool with bench strength
// computed over them.
func TestSuccessionDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		today := merit.Today()
		res, err := Generate(ctx, db, Options{Seed: 5, Agencies: 1, Employees: 400, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		critical, err := db.FindCriticalPositions(ctx, a.ID)
		if err != nil || len(critical) == 0 {
			t.Fatalf("%d critical positions, %v", len(critical), err)
		}
		for _, c := range critical {
			if len(c.Critical.Reasons) == 0 {
				t.Errorf("%s has no reasons", c.Position.Name)
			}
			if c.Retiring != (c.Critical.Reasons[len(c.Critical.Reasons)-1] == succession.ReasonVacancy) {
				t.Errorf("%s: retiring %v, reasons %v", c.Position.Name, c.Retiring, c.Critical.Reasons)
			}
		}
		results, err := db.FindMeritResults(ctx, a.ID)
		if err != nil || len(results) != 1 || results[0].Year != today.Year()-1 || results[0].Category != succession.CategoryBaik {
			t.Fatalf("merit results %v %v", results, err)
		}
		report, err := db.FindSuccessionReport(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if report.Bench.Critical != len(critical) {
			t.Errorf("bench %+v", report.Bench)
		}
		candidates := 0
		for _, p := range report.Plans {
			for _, c := range p.Candidates {
				candidates++
				if !report.Pool.Contains(c.Box) {
					t.Errorf("%s: candidate %s in box %d, outside the pool", p.Critical.Position.Name, c.Name, c.Box)
				}
			}
		}
		if len(report.Talents) > 0 && candidates == 0 {
			t.Errorf("the pool has %d talents but no plan has a successor", len(report.Talents))
		}
		t.Logf("%d critical positions, %d successors, pool %d, bench %+v", len(critical), candidates, len(report.Talents), report.Bench)
	})
}
