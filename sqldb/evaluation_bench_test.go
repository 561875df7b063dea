package sqldb_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
)

// BenchmarkYearRescore reads every verified assessment of a year of 630
// agencies (YearAssessments: two statements) and scores and ranks them
// again with the domain (evaluation.Rank), as an evaluator granted all 630.
// The rows are written behind the store's back: the flow's own cost is
// measured by bench/evaluation.go.
func BenchmarkYearRescore(b *testing.B) {
	for _, engine := range testdb.Engines {
		b.Run(engine, func(b *testing.B) {
			dsn := testdb.DSN(b, engine)
			db := testdb.OpenDSN(b, dsn)
			raw := testdb.Raw(b, dsn)
			in := evaluation.Seed(evaluation.InstrumentKASN2018)
			rng := rand.New(rand.NewPCG(7, 630))
			actor := &merit.Actor{Username: "evaluator"}
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			for i := 1; i <= 630; i++ {
				id := int64(1000 + i)
				if _, err := tx.Exec(`INSERT INTO agency (id, code, name, kind, created_at) VALUES ($1, $2, $3, 'KOTA', '2024-01-01 00:00:00')`,
					id, fmt.Sprintf("bench-%03d", i), fmt.Sprintf("Instansi %03d", i)); err != nil {
					b.Fatal(err)
				}
				if _, err := tx.Exec(`INSERT INTO evaluation_assessment (agency_id, id, year, framework, version, status, created_at)
					VALUES ($1, 1, 2023, $2, $3, 'verified', '2024-01-01 00:00:00')`, id, string(in.Framework), in.Version); err != nil {
					b.Fatal(err)
				}
				for _, ind := range in.Indicators() {
					l := 1 + rng.IntN(4)
					if _, err := tx.Exec(`INSERT INTO evaluation_entry (agency_id, assessment_id, indicator, self_level, verified_level, updated_at)
						VALUES ($1, 1, $2, 4, $3, '2024-01-01 00:00:00')`, id, ind.Code, l); err != nil {
						b.Fatal(err)
					}
				}
				actor.Grants = append(actor.Grants, merit.Grant{AgencyID: id, Role: merit.RoleEvaluator})
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			ctx := merit.WithActor(b.Context(), actor)
			b.ResetTimer()
			for b.Loop() {
				as, err := db.YearAssessments(ctx, 2023)
				if err != nil {
					b.Fatal(err)
				}
				r, err := evaluation.Rank(in, 2023, as)
				if err != nil || len(r.Rows) != 630 {
					b.Fatalf("%d ranked, %v", len(r.Rows), err)
				}
			}
		})
	}
}
