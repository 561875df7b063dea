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

// acrossAgencies reads assessment heads of the actor's readable agencies
// that match cond (SQL on alias a, its arguments numbered from $1), ordered
// by order.
func acrossAgencies(ctx context.Context, q querier, cond string, args []any, order string) ([]*MeritAssessment, error) {
	ids, all, err := readableAgencies(ctx, merit.PermEvaluationRead)
	if err != nil {
		return nil, err
	}
	if !all && len(ids) == 0 {
		return []*MeritAssessment{}, nil
	}
	where := cond
	if !all {
		marks := make([]string, len(ids))
		for i, id := range ids {
			args = append(args, id)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		where += ` AND a.agency_id IN (` + strings.Join(marks, ", ") + `)`
	}
	return queryAssessments(ctx, q, where+` ORDER BY `+order, args...)
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
