package sqldb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/succession"
)

// successionFixture is an agency with a critical JPT position held by an
// incumbent retiring within two years, and four employees placed on the
// 9-box by a review (rows written behind the store's back: the talent
// review's own tests cover how placements are computed).
type successionFixture struct {
	agency    *merit.Agency
	position  *merit.Position
	incumbent *merit.Employee
	talents   []*merit.Employee // boxes 9, 8, 7, 5
}

func newSuccessionFixture(t *testing.T, engine string) (*sqldb.DB, *successionFixture) {
	t.Helper()
	dsn := testdb.DSN(t, engine)
	db := testdb.OpenDSN(t, dsn)
	db.Now = func() time.Time { return time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC) }
	ctx := testdb.System()
	a, root := testdb.Agency(t, db, "kota-suksesi")
	f := &successionFixture{agency: a}
	f.position = &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: "Kepala Badan Kepegawaian", Jenis: "JPT_PRATAMA"}
	if err := db.CreatePosition(ctx, f.position); err != nil {
		t.Fatal(err)
	}
	f.incumbent = testdb.Employee(a.ID, 1)
	f.incumbent.BirthDate, f.incumbent.PositionID, f.incumbent.UnitID = merit.MustDate("1967-02-20"), f.position.ID, root.ID // BUP 60: TMT 2027-03-01
	f.incumbent.NIP, f.incumbent.TMTCPNS = "196702201990031001", merit.MustDate("1990-03-01")
	if err := db.CreateEmployee(ctx, f.incumbent); err != nil {
		t.Fatal(err)
	}
	for i := 2; i <= 5; i++ {
		e := testdb.Employee(a.ID, i)
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		f.talents = append(f.talents, e)
	}
	raw := testdb.Raw(t, dsn)
	if _, err := raw.Exec(`INSERT INTO talent_review (agency_id, id, year, performance_year, name, rule_version, scheme, reviewed_on, created_by, created_at)
		VALUES ($1, 1, 2026, 2025, 'Review 2026', 0, 'permenpanrb', '2026-03-01', 'test', '2026-03-01 00:00:00')`, a.ID); err != nil {
		t.Fatal(err)
	}
	for i, box := range []int{9, 8, 7, 5} {
		if _, err := raw.Exec(`INSERT INTO talent_placement (agency_id, review_id, employee_id, mapped, performance, potential, box,
			performance_score, potential_score, points, final_performance, final_potential, final_box) VALUES ($1, 1, $2, TRUE, 0, 0, $3, 0, 0, '[]', 0, 0, $3)`,
			a.ID, f.talents[i].ID, box); err != nil {
			t.Fatal(err)
		}
	}
	return db, f
}

func TestSuccessionPlan(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			db, f := newSuccessionFixture(t, engine)
			ctx := testdb.System()
			aid, pid := f.agency.ID, f.position.ID

			// Flagging needs a reason; a flagged position lists its reasons,
			// incumbent and retirement.
			if err := db.FlagCritical(ctx, &succession.Critical{AgencyID: aid, PositionID: pid}); merit.KindOf(err) != merit.KindInvalid {
				t.Fatalf("flag without reasons: %v", err)
			}
			if err := db.FlagCritical(ctx, &succession.Critical{AgencyID: aid, PositionID: 999999, Reasons: []succession.Reason{succession.ReasonScarce}}); merit.KindOf(err) != merit.KindInvalid {
				t.Fatalf("flag unknown position: %v", err)
			}
			crit := &succession.Critical{AgencyID: aid, PositionID: pid, Reasons: []succession.Reason{succession.ReasonVacancy, succession.ReasonStrategic}, Note: "Pensiun 2027"}
			if err := db.FlagCritical(ctx, crit); err != nil {
				t.Fatal(err)
			}
			cs, err := db.FindCriticalPositions(ctx, aid)
			if err != nil || len(cs) != 1 {
				t.Fatal(len(cs), err)
			}
			c := cs[0]
			if !slices.Equal(c.Critical.Reasons, []succession.Reason{succession.ReasonStrategic, succession.ReasonVacancy}) || c.Critical.Note != "Pensiun 2027" ||
				c.IncumbentID != f.incumbent.ID || c.RetirementAge != 60 || c.RetireOn.String() != "2027-03-01" || !c.Retiring {
				t.Errorf("critical position %+v", c)
			}

			// Candidates come from the pool (boxes 7, 8, 9), not the incumbent, once each.
			add := func(e *merit.Employee, rank int, r succession.Readiness) (*succession.Candidate, error) {
				cand := &succession.Candidate{AgencyID: aid, PositionID: pid, EmployeeID: e.ID, Rank: rank, Readiness: r}
				return cand, db.SaveCandidate(ctx, cand)
			}
			for name, e := range map[string]*merit.Employee{"box 5": f.talents[3], "incumbent": f.incumbent} {
				if _, err := add(e, 1, succession.ReadyNow); merit.KindOf(err) != merit.KindInvalid {
					t.Errorf("%s as candidate: %v", name, err)
				}
			}
			box8, err := add(f.talents[1], 1, succession.ReadyNow)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := add(f.talents[1], 2, succession.ReadyNow); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("same candidate twice: %v", err)
			}
			box7, err := add(f.talents[2], 5, succession.ReadyThreePlus)
			if err != nil || box7.Rank != 2 {
				t.Fatalf("rank 5 of two becomes 2: %d %v", box7.Rank, err)
			}

			// JPT filling refused: no merit result, rank 1 is in box 8.
			_, err = db.FillJPT(ctx, aid, pid)
			if got := fieldCodes(err); !slices.Equal(got, []string{"succession.fill.no_merit_result", "succession.fill.not_box9"}) {
				t.Errorf("fill refused with %v", got)
			}
			// The box-9 talent put first, with his IDP linked, and a Baik result.
			plan := &competency.Plan{AgencyID: aid, EmployeeID: f.talents[0].ID, Year: 2026, Goal: "Kepemimpinan strategis",
				Activities: []competency.Activity{{Kind: "diklat", Name: "PKN II", Hours: 40}}}
			if err := db.SavePlan(ctx, plan); err != nil {
				t.Fatal(err)
			}
			box9 := &succession.Candidate{AgencyID: aid, PositionID: pid, EmployeeID: f.talents[0].ID, Rank: 1, Readiness: succession.ReadyNow,
				PlanID: plan.ID, Development: "Manajemen perubahan"}
			if err := db.SaveCandidate(ctx, box9); err != nil {
				t.Fatal(err)
			}
			wrongPlan := *box8
			wrongPlan.PlanID = plan.ID
			if err := db.SaveCandidate(ctx, &wrongPlan); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("another's plan linked: %v", err)
			}
			if err := db.SaveMeritResult(ctx, &succession.MeritResult{AgencyID: aid, Year: 2025, Score: 263.5, Category: succession.CategoryBaik,
				Decree: "B-1/KASN/12/2025", DecidedOn: merit.MustDate("2025-12-10")}); err != nil {
				t.Fatal(err)
			}
			p, err := db.FindSuccessionPlan(ctx, aid, pid)
			if err != nil {
				t.Fatal(err)
			}
			var order []int64
			for _, x := range p.Candidates {
				order = append(order, x.EmployeeID)
			}
			if !slices.Equal(order, []int64{f.talents[0].ID, f.talents[1].ID, f.talents[2].ID}) || p.Candidates[0].Box != 9 ||
				p.Candidates[0].PlanGoal != "Kepemimpinan strategis" || p.Candidates[2].Rank != 3 {
				t.Errorf("plan order %v, first %+v", order, p.Candidates[0])
			}
			if p.FillErr != nil || p.Nominee == nil || p.Nominee.EmployeeID != f.talents[0].ID {
				t.Errorf("fill check: %v %v", p.Nominee, p.FillErr)
			}
			if len(p.Talents) != 0 {
				t.Errorf("talents left in the pool: %d", len(p.Talents))
			}
			fill, err := db.FillJPT(ctx, aid, pid)
			if err != nil || fill.EmployeeID != f.talents[0].ID {
				t.Fatal(fill, err)
			}

			// Bench strength: one critical position with a ready successor.
			bench, _, err := db.BenchStrength(ctx, aid)
			if err != nil || bench != (succession.Bench{Critical: 1, ReadyNow: 1, Percent: 10000}) {
				t.Errorf("bench %+v %v", bench, err)
			}

			// Removing the first moves the others up; the audit trail has every write.
			if err := db.RemoveCandidate(ctx, aid, pid, box9.ID); err != nil {
				t.Fatal(err)
			}
			p, err = db.FindSuccessionPlan(ctx, aid, pid)
			if err != nil || len(p.Candidates) != 2 || p.Candidates[0].EmployeeID != f.talents[1].ID || p.Candidates[0].Rank != 1 {
				t.Fatalf("after removal: %v", err)
			}
			if len(p.Talents) != 1 || p.Talents[0].Box != 9 {
				t.Errorf("pool talents %v", p.Talents)
			}
			entries, err := db.FindAudit(ctx, aid, "succession_candidate", 0, 100)
			if err != nil || len(entries) < 4 {
				t.Errorf("audit %d %v", len(entries), err)
			}

			// A pool of box 9 only drops box 8 from the choices; unflagging removes the plan.
			if err := db.SetPoolRule(ctx, &succession.Pool{AgencyID: aid, Boxes: []int{9}}); err != nil {
				t.Fatal(err)
			}
			if pool, err := db.PoolRule(ctx, aid); err != nil || !slices.Equal(pool.Boxes, []int{9}) {
				t.Errorf("pool %v %v", pool, err)
			}
			if err := db.UnflagCritical(ctx, aid, pid); err != nil {
				t.Fatal(err)
			}
			if cs, err := db.FindCriticalPositions(ctx, aid); err != nil || len(cs) != 0 {
				t.Errorf("still critical: %d %v", len(cs), err)
			}
			if _, err := db.FindSuccessionPlan(ctx, aid, pid); merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("plan of an unflagged position: %v", err)
			}
		})
	}
}

// Readers see plans but do not change them; only the PPK fills a JPT and
// only the admin enters the merit result.
func TestSuccessionAccess(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			db, f := newSuccessionFixture(t, engine)
			aid, pid := f.agency.ID, f.position.ID
			as := func(role merit.Role) context.Context {
				return merit.WithActor(context.Background(), &merit.Actor{Username: string(role), Grants: []merit.Grant{{AgencyID: aid, Role: role}}})
			}
			crit := &succession.Critical{AgencyID: aid, PositionID: pid, Reasons: []succession.Reason{succession.ReasonStrategic}}
			if err := db.FlagCritical(as(merit.RoleViewer), crit); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("viewer flags: %v", err)
			}
			if err := db.FlagCritical(as(merit.RoleOperator), crit); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindSuccessionPlan(as(merit.RoleViewer), aid, pid); err != nil {
				t.Errorf("viewer reads: %v", err)
			}
			if _, err := db.FillJPT(as(merit.RoleAdmin), aid, pid); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("admin fills: %v", err)
			}
			m := &succession.MeritResult{AgencyID: aid, Year: 2025, Score: 330.5, Category: succession.CategorySangatBaik, Decree: "x", DecidedOn: merit.MustDate("2025-12-10")}
			if err := db.SaveMeritResult(as(merit.RoleOperator), m); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("operator enters merit result: %v", err)
			}
			if _, err := db.FindSuccessionPlan(merit.WithActor(context.Background(), &merit.Actor{Username: "x"}), aid, pid); merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("stranger reads: %v", err)
			}
		})
	}
}

func fieldCodes(err error) []string {
	var out []string
	for _, f := range merit.FieldsOf(err) {
		out = append(out, f.Code)
	}
	return out
}
