package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"merit"
	"merit/evaluation"
)

// The evaluator's view across agencies: each query reads every agency the
// actor may read the evaluation of (an evaluator holds one grant per
// agency) in one statement, and nothing of any other agency.

// readableAgencies returns the agencies in which the context's actor holds
// perm, or nil with all true for the system (every agency). An actor with
// none gets an empty list.
func readableAgencies(ctx context.Context, perm merit.Permission) (ids []int64, all bool, err error) {
	a := merit.ActorFrom(ctx)
	if a == nil {
		return nil, false, merit.Errorf(merit.KindUnauthenticated, "sqldb.readableAgencies", "err.unauthenticated")
	}
	if a.System {
		return nil, true, nil
	}
	for _, g := range a.Grants {
		if g.Role.Has(perm) && !slices.Contains(ids, g.AgencyID) {
			ids = append(ids, g.AgencyID)
		}
	}
	slices.Sort(ids)
	return ids, false, nil
}

// agencyFilter returns the condition on column that keeps the agencies
// whose evaluation the actor reads (its arguments appended to args), or
// none when the actor reads no agency at all.
func agencyFilter(ctx context.Context, column string, args []any) (cond string, out []any, none bool, err error) {
	ids, all, err := readableAgencies(ctx, merit.PermEvaluationRead)
	if err != nil || all {
		return "TRUE", args, false, err
	}
	if len(ids) == 0 {
		return "", args, true, nil
	}
	marks := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	return column + ` IN (` + strings.Join(marks, ", ") + `)`, args, false, nil
}

// acrossAgencies reads assessment heads of the actor's readable agencies
// that match cond (SQL on alias a, its arguments numbered from $1), ordered
// by order.
func acrossAgencies(ctx context.Context, q querier, cond string, args []any, order string) ([]*MeritAssessment, error) {
	filter, args, none, err := agencyFilter(ctx, "a.agency_id", args)
	if err != nil || none {
		return []*MeritAssessment{}, err
	}
	return queryAssessments(ctx, q, cond+` AND `+filter+` ORDER BY `+order, args...)
}

// MeritAssessmentsOf lists the assessments of a year (0: every year) of
// every agency whose evaluation the actor reads, by agency: the status of
// each for the evaluator's view.
func (db *DB) MeritAssessmentsOf(ctx context.Context, year int) ([]*MeritAssessment, error) {
	const op = "sqldb.MeritAssessmentsOf"
	cond, args := `($1 = 0 OR a.year = $1)`, []any{year}
	out, err := acrossAgencies(ctx, db.read, cond, args, `a.year DESC, g.name, a.agency_id`)
	return out, translate(op, err)
}

// VerificationQueue lists the submitted assessments waiting for
// verification in the agencies whose evaluation the actor reads, the
// longest waiting first.
func (db *DB) VerificationQueue(ctx context.Context) ([]*MeritAssessment, error) {
	const op = "sqldb.VerificationQueue"
	out, err := acrossAgencies(ctx, db.read, `a.status = $1`, []any{string(evaluation.Submitted)}, `a.submitted_at, a.agency_id`)
	return out, translate(op, err)
}

// MeritRanking is the evaluator's ranking of a year: the verified and set
// assessments of the agencies the actor reads, highest score first within
// each instrument (each framework has its own scale), the count per
// category, and the award list (the categories the instrument marks for
// the Anugerah Meritokrasi).
type MeritRanking struct {
	Year    int                `json:"year"`
	Ranked  []*MeritAssessment `json:"ranked"`
	Counts  []CategoryCount    `json:"counts"`
	Awarded []*MeritAssessment `json:"awarded"`
}

// CategoryCount is how many agencies of the ranking fall in a category of
// an instrument.
type CategoryCount struct {
	Instrument evaluation.InstrumentRef `json:"instrument"`
	Category   string                   `json:"category"`
	Label      string                   `json:"label"`
	Award      bool                     `json:"award"`
	N          int                      `json:"n"`
}

// MeritRankingOf returns the ranking of a year (see MeritRanking): one
// query over every agency the actor reads.
func (db *DB) MeritRankingOf(ctx context.Context, year int) (*MeritRanking, error) {
	const op = "sqldb.MeritRankingOf"
	ranked, err := acrossAgencies(ctx, db.read, `a.year = $1 AND a.status IN ($2, $3)`,
		[]any{year, string(evaluation.Verified), string(evaluation.Ditetapkan)}, `a.framework, a.version, a.score DESC, g.name`)
	if err != nil {
		return nil, translate(op, err)
	}
	r := &MeritRanking{Year: year, Ranked: ranked, Counts: []CategoryCount{}, Awarded: []*MeritAssessment{}}
	instruments := map[evaluation.InstrumentRef]*evaluation.Instrument{}
	for _, a := range ranked {
		in := instruments[a.Instrument]
		if in == nil {
			if in, err = findInstrument(ctx, db.read, a.Instrument); err != nil {
				return nil, translate(op, err)
			}
			instruments[a.Instrument] = in
			for _, c := range in.Categories {
				r.Counts = append(r.Counts, CategoryCount{Instrument: a.Instrument, Category: c.Code, Label: c.Label, Award: c.Award})
			}
		}
		c, ok := in.Category(a.Score)
		if !ok {
			continue
		}
		a.CategoryLabel = c.Label
		for i := range r.Counts {
			if r.Counts[i].Instrument == a.Instrument && r.Counts[i].Category == c.Code {
				r.Counts[i].N++
			}
		}
		if c.Award {
			r.Awarded = append(r.Awarded, a)
		}
	}
	return r, nil
}

// YearAssessments returns every assessment of a year in the agencies whose
// evaluation the actor reads, each with its self and verified levels (no
// narratives, notes, team or evidence), in two statements whatever the
// number of agencies: what a re-score of a whole year (evaluation.Rank)
// reads.
func (db *DB) YearAssessments(ctx context.Context, year int) ([]evaluation.Assessment, error) {
	const op = "sqldb.YearAssessments"
	filter, args, none, err := agencyFilter(ctx, "a.agency_id", []any{year})
	if err != nil || none {
		return []evaluation.Assessment{}, err
	}
	heads, err := queryAssessments(ctx, db.read, `a.year = $1 AND `+filter+` ORDER BY a.agency_id`, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	out := make([]evaluation.Assessment, len(heads))
	index := make(map[[2]int64]int, len(heads))
	for i, h := range heads {
		out[i] = h.Assessment
		index[[2]int64{h.AgencyID, h.ID}] = i
	}
	if len(heads) == 0 {
		return out, nil
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.agency_id, e.assessment_id, e.indicator, e.self_level, e.verified_level
		FROM evaluation_entry e JOIN evaluation_assessment a ON a.agency_id = e.agency_id AND a.id = e.assessment_id
		WHERE a.year = $1 AND `+filter, args...)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var key [2]int64
		var e evaluation.IndicatorEntry
		if err := rows.Scan(&key[0], &key[1], &e.Indicator, &e.SelfLevel, &e.VerifiedLevel); err != nil {
			return nil, translate(op, err)
		}
		if i, ok := index[key]; ok {
			out[i].Entries = append(out[i].Entries, e)
		}
	}
	return out, translate(op, rows.Err())
}
