package demo

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The demo agency has this year's talent review with most of its
// population mapped, and a calibration session with three moves, each with
// a reason, locked by the demo PPK; the moved people's final boxes follow.
func TestTalentDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		today := merit.Today()
		res, err := Generate(ctx, db, Options{Seed: 5, Agencies: 1, Employees: 400, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		rv, ps, err := db.TalentPlacements(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rv.Year != today.Year() || rv.Employees < 20 || rv.Mapped*10 < rv.Employees*8 || len(ps) != rv.Employees {
			t.Errorf("review %+v with %d placements", rv, len(ps))
		}
		sessions, err := db.TalentSessions(ctx, a.ID, rv.ID)
		if err != nil || len(sessions) != 1 {
			t.Fatalf("sessions %v %v", sessions, err)
		}
		s, err := db.TalentSession(ctx, a.ID, sessions[0].ID)
		if err != nil || !s.Locked || s.LockedBy != "ppk.magelang" || len(s.Moves) != 3 {
			t.Fatalf("session %+v %v", s, err)
		}
		final := map[int64]sqldb.TalentPlacement{}
		for _, p := range ps {
			final[p.EmployeeID] = p
		}
		for _, m := range s.Moves {
			if p := final[m.EmployeeID]; !p.Calibrated || p.FinalBox != m.ToBox || m.Reason == "" {
				t.Errorf("move %+v, placement %+v", m, p)
			}
		}
	})
}
