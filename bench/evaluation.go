package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"time"

	"merit"
	"merit/evaluation"
	"merit/sqldb"
)

// evaluationBench measures the evaluator's ranking of n agencies (issue 7:
// 630 agencies in under 1 s). Setup takes n generated agencies through the
// product's whole flow (create, team, 29 self levels, submit, 29 verified
// levels, complete verification). Then, each -runs times:
//   - ranking-stored: sqldb.MeritRankingOf, the evaluator's view (official
//     scores stored at verification, counts per category, award list);
//   - rescore: every assessment read back with its entries
//     (sqldb.MeritAssessment) and all indicators scored and ranked again
//     from verified levels (evaluation.Rank);
//   - rescore-bulk: the baseline of what one bulk read would give: every
//     verified level of the year in one plain SQL statement, then
//     evaluation.Rank (sqldb has no such read yet; rescore reads per agency);
//   - rank-in-memory: evaluation.Rank alone on the loaded assessments,
//     beside naive-float64 (float64 weight × level and sort.Slice).
func evaluationBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("evaluation", flag.ExitOnError)
	dsn := fs.String("db", "", "database (default: a new SQLite file in a temporary directory)")
	n := fs.Int("n", 630, "agencies")
	runs := fs.Int("runs", 5, "repetitions of each measurement")
	seed := fs.Uint64("seed", 2021, "generator seed")
	label := fs.String("label", "", "label of the output lines (default: the engine)")
	fs.Parse(args)
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "merit-bench-eval")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dsn = "sqlite:" + filepath.Join(dir, "eval.db")
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = merit.WithActor(ctx, merit.SystemActor)
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	if *label == "" {
		*label = db.Engine()
	}
	in := evaluation.Seed(evaluation.InstrumentKASN2018)
	const year = 2021
	started := time.Now()
	refs, err := evaluationSetup(ctx, db, in, *n, year, *seed)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	fmt.Printf("%s\teval-setup\tagencies=%d\tseconds=%.1f\n", *label, *n, time.Since(started).Seconds())

	plain, err := openPlain(*dsn)
	if err != nil {
		return err
	}
	defer plain.Close()
	var loaded []evaluation.Assessment
	for range *runs {
		started = time.Now()
		r, err := db.MeritRankingOf(ctx, year)
		if err != nil {
			return err
		}
		stored := time.Since(started)
		awarded := len(r.Awarded)

		started = time.Now()
		loaded = loaded[:0]
		for _, ref := range refs {
			a, err := db.MeritAssessment(ctx, ref.agency, ref.assessment)
			if err != nil {
				return err
			}
			loaded = append(loaded, a.Assessment)
		}
		ranking, err := evaluation.Rank(in, year, loaded)
		if err != nil {
			return err
		}
		rescore := time.Since(started)

		started = time.Now()
		bulk, err := bulkRescore(ctx, plain, in, year)
		if err != nil {
			return err
		}
		fmt.Printf("%s\teval-ranking\tagencies=%d\tstored_ms=%.1f\trescore_ms=%.1f\trescore_bulk_ms=%.1f\tawarded=%d/%d/%d\tload=%s\n",
			*label, len(r.Ranked), ms(stored), ms(rescore), ms(time.Since(started)), awarded, len(ranking.Awards), len(bulk.Awards), loadAverage())
	}
	for range *runs {
		started = time.Now()
		if _, err := evaluation.Rank(in, year, loaded); err != nil {
			return err
		}
		exact := time.Since(started)
		started = time.Now()
		naiveRank(in, loaded)
		fmt.Printf("%s\teval-rank-in-memory\tagencies=%d\tevaluation_ms=%.2f\tnaive_float64_ms=%.2f\n", *label, len(loaded), ms(exact), ms(time.Since(started)))
	}
	return nil
}

// assessmentRef names one stored assessment.
type assessmentRef struct{ agency, assessment int64 }

// evaluationSetup creates n agencies, each with a verified assessment of
// the year at seeded levels around a per-agency base (so every category
// occurs), through the product's flow.
func evaluationSetup(ctx context.Context, db *sqldb.DB, in *evaluation.Instrument, n, year int, seed uint64) ([]assessmentRef, error) {
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	var refs []assessmentRef
	for i := range n {
		a := &merit.Agency{Code: fmt.Sprintf("bench-eval-%03d", i+1), Name: fmt.Sprintf("Pemerintah Daerah Uji %03d", i+1), Kind: "KOTA"}
		if err := db.CreateAgency(ctx, a); err != nil {
			return nil, err
		}
		m, err := db.CreateMeritAssessment(ctx, a.ID, year, in.Ref())
		if err != nil {
			return nil, err
		}
		if err := db.SetMeritTeam(ctx, a.ID, m.ID, []evaluation.TeamMember{{Name: "Sekretaris Daerah", Role: "ketua"}}); err != nil {
			return nil, err
		}
		base := 1 + rng.IntN(4)
		levels := evaluation.Levels{}
		for _, ind := range in.Indicators() {
			levels[ind.Code] = min(4, max(1, base+rng.IntN(3)-1))
			if err := db.SetSelfLevel(ctx, a.ID, m.ID, ind.Code, min(4, levels[ind.Code]+rng.IntN(2)), "Bukti terlampir"); err != nil {
				return nil, err
			}
		}
		if _, err := db.SubmitMeritAssessment(ctx, a.ID, m.ID); err != nil {
			return nil, err
		}
		for code, l := range levels {
			if err := db.VerifyIndicator(ctx, a.ID, m.ID, code, l, "Diperiksa"); err != nil {
				return nil, err
			}
		}
		if _, err := db.CompleteVerification(ctx, a.ID, m.ID, 0); err != nil {
			return nil, err
		}
		refs = append(refs, assessmentRef{a.ID, m.ID})
	}
	return refs, nil
}

// bulkRescore reads every verified level of the year's verified or
// ditetapkan assessments in one statement and ranks them.
func bulkRescore(ctx context.Context, db *sql.DB, in *evaluation.Instrument, year int) (*evaluation.Ranking, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT a.agency_id, a.status, e.indicator, e.verified_level
		FROM evaluation_assessment a JOIN evaluation_entry e ON e.agency_id = a.agency_id AND e.assessment_id = a.id
		WHERE a.year = %d AND a.framework = '%s' AND a.version = '%s' AND a.status IN ('verified', 'ditetapkan')
		ORDER BY a.agency_id`, year, in.Framework, in.Version))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []evaluation.Assessment
	for rows.Next() {
		var agency int64
		var status, indicator string
		var level int
		if err := rows.Scan(&agency, &status, &indicator, &level); err != nil {
			return nil, err
		}
		if n := len(as); n == 0 || as[n-1].AgencyID != agency {
			as = append(as, evaluation.Assessment{AgencyID: agency, Year: year, Instrument: in.Ref(), Status: evaluation.Status(status)})
		}
		a := &as[len(as)-1]
		a.Entries = append(a.Entries, evaluation.IndicatorEntry{Indicator: indicator, VerifiedLevel: level})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return evaluation.Rank(in, year, as)
}

// naiveRank is the baseline: float64 weight × verified level summed per
// agency and sorted with sort.Slice; no checks, no categories.
func naiveRank(in *evaluation.Instrument, as []evaluation.Assessment) {
	weights := map[string]float64{}
	for _, ind := range in.Indicators() {
		weights[ind.Code] = ind.Weight.Float()
	}
	type row struct {
		id    int64
		total float64
	}
	rows := make([]row, 0, len(as))
	for _, a := range as {
		var t float64
		for _, e := range a.Entries {
			t += weights[e.Indicator] * float64(e.VerifiedLevel)
		}
		rows = append(rows, row{a.AgencyID, t})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].total > rows[j].total })
}
