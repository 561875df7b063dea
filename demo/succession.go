package demo

import (
	"context"
	"fmt"
	"strings"

	"merit"
	"merit/sqldb"
	"merit/succession"
)

// successionDemo gives the agency's critical positions (the OPD heads the
// catalog marks critical) their reasons, a succession plan of up to two
// talents of the pool each (the first ready now when in box 8 or 9, linked
// to his development plan when he has one), and an official merit result
// of last year (Baik), so bench strength and the §1.6 check show at once.
// It runs after the talent review's demo step, whose placements it reads;
// without them the plans stay empty. The same data give the same plans.
func successionDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, today merit.Date) error {
	const op = "demo.successionDemo"
	critical, err := db.FindCriticalPositions(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	_, talents, err := db.TalentPool(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	used := map[int64]bool{}
	next := 0 // the next talent to offer, in the pool's rank order
	for i, c := range critical {
		reasons := []succession.Reason{succession.ReasonStrategic}
		switch {
		case strings.Contains(c.UnitName, "Keuangan") || strings.Contains(c.UnitName, "Rumah Sakit") || strings.Contains(c.UnitName, "Inspektorat"):
			reasons = append(reasons, succession.ReasonScarce)
		case i%3 == 2:
			reasons = append(reasons, succession.ReasonHardToReplace)
		}
		if c.Retiring {
			reasons = append(reasons, succession.ReasonVacancy)
		}
		if err := db.FlagCritical(ctx, &succession.Critical{AgencyID: a.ID, PositionID: c.Position.ID, Reasons: reasons}); err != nil {
			return fmt.Errorf("%s: %s: %w", op, c.Position.Name, err)
		}
		// Every fourth position is left without successors, so the bench
		// shows gaps; the others get one or two, while the pool lasts.
		if i%4 == 3 {
			continue
		}
		for rank := 1; rank <= 1+i%2 && next < len(talents); next++ {
			t := talents[next]
			if used[t.EmployeeID] || t.EmployeeID == c.IncumbentID {
				continue
			}
			readiness := succession.ReadyThreePlus
			switch {
			case rank == 1 && t.Box >= 8:
				readiness = succession.ReadyNow
			case rank == 2:
				readiness = succession.ReadyOneToTwo
			}
			cand := &succession.Candidate{AgencyID: a.ID, PositionID: c.Position.ID, EmployeeID: t.EmployeeID, Rank: rank, Readiness: readiness,
				Development: "Kepemimpinan strategis dan manajemen perubahan"}
			plans, err := db.FindPlans(ctx, a.ID, t.EmployeeID)
			if err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			if len(plans) > 0 {
				cand.PlanID = plans[0].ID
			}
			if err := db.SaveCandidate(ctx, cand); err != nil {
				return fmt.Errorf("%s: %s: %w", op, c.Position.Name, err)
			}
			used[t.EmployeeID] = true
			rank++
		}
	}
	result := &succession.MeritResult{AgencyID: a.ID, Year: today.Year() - 1, Score: 301.5, Category: succession.CategoryBaik,
		Decree: fmt.Sprintf("B-%03d/KASN/12/%d (demo)", a.ID%1000, today.Year()-1), DecidedOn: merit.NewDate(today.Year()-1, 12, 10)}
	if err := db.SaveMeritResult(ctx, result); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
