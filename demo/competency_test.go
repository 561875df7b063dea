package demo

import (
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The demo fills competency data a new user can explore: every position
// has a standard, a plausible share of employees an assessment whose JPM
// spreads over the three categories, and some coaching and plans.
func TestCompetencyDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		res, err := Generate(ctx, db, Options{Seed: 3, Agencies: 1, Employees: 400, Today: merit.Today()})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		positions, err := db.FindPositions(ctx, a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := db.StandardCounts(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != len(positions) {
			t.Errorf("standards: %d of %d positions", len(counts), len(positions))
		}
		cats := map[competency.Category]int{}
		assessed, total := 0, 0
		err = db.EachCompetencyProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			total++
			if p.Assessed {
				assessed++
				cats[competency.DefaultRule.Match(p.Required, p.Actual).Category]++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if assessed < total/6 || assessed > total*2/3 {
			t.Errorf("assessed %d of %d, want a plausible share", assessed, total)
		}
		for _, c := range []competency.Category{competency.Memenuhi, competency.MasihMemenuhi, competency.Kurang} {
			if cats[c] == 0 {
				t.Errorf("no employee in category %v: %v", c, cats)
			}
		}
		dict, err := db.Competencies(ctx, a.ID)
		if err != nil || len(dict) != 9+len(demoTechnical) {
			t.Errorf("dictionary: %d, %v", len(dict), err)
		}
	})
}
