package sqldb_test

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestEachAssessedProfile compares the parallel stream of current
// assessments with the previous definition (EachCompetencyProfile, every
// employee in one join) over employees spread across the ranges: assessed
// once, twice (the newer is current), never, with levels the standard does
// not ask for, without a position, in a position without a standard.
func TestEachAssessedProfile(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, pos, emps := competencyFixture(t, db)
		if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: a.ID, PositionID: pos[0].ID, Requirements: reqs(1, 3, 2, 3, 3, 2, 9, 4)}); err != nil {
			t.Fatal(err)
		}
		ids := []int64{emps[0].ID, emps[1].ID, emps[2].ID}
		for i := range 37 {
			e := testdb.Employee(a.ID, 10+i)
			e.PositionID = pos[i%2].ID // pos[1] has no standard
			if i%5 == 0 {
				e.PositionID = 0
			}
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		for i, id := range ids {
			if i%4 == 1 {
				continue // never assessed
			}
			dates := []string{"2024-03-01"}
			if i%3 == 0 {
				dates = append(dates, "2021-06-01") // older, not current
			}
			for k, d := range dates {
				c := int64(i+k) % 9
				as := &competency.Assessment{AgencyID: a.ID, EmployeeID: id, Date: merit.MustDate(d), Body: "BKN", Potential: 70,
					Levels: lvls(1+c%9, 1+c%5, 1+(c+1)%9, 1+(c+2)%5, 1+(c+4)%9, 5, 1+(c+6)%9, 1+(c+3)%5)}
				if err := db.CreateAssessment(ctx, as); err != nil {
					t.Fatal(err)
				}
			}
		}

		key := func(p *sqldb.CompetencyProfile) string {
			return fmt.Sprintf("pos=%d req=%v act=%v jpm=%+v", p.PositionID, p.Required, p.Actual, competency.DefaultRule.Match(p.Required, p.Actual))
		}
		want := map[int64]string{}
		if err := db.EachCompetencyProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			if p.Assessed {
				want[p.EmployeeID] = key(p)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		got := map[int64]string{}
		if err := db.EachAssessedProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			mu.Lock()
			defer mu.Unlock()
			if !p.Assessed || p.AgencyID != a.ID {
				t.Errorf("employee %d: got %+v", p.EmployeeID, p)
			}
			if _, dup := got[p.EmployeeID]; dup {
				t.Errorf("employee %d streamed twice", p.EmployeeID)
			}
			got[p.EmployeeID] = key(p)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(want) != 30 || !maps.Equal(got, want) {
			t.Errorf("assessed profiles differ from EachCompetencyProfile (%d assessed):\n got %v\nwant %v", len(want), got, want)
		}
		positioned := 0
		for _, k := range want {
			if !strings.HasPrefix(k, "pos=0 ") {
				positioned++
			}
		}
		if positioned == 0 {
			t.Error("no assessed employee has a position: the comparison proves nothing")
		}

		// A unit-limited reader outside the employees' unit sees none; an
		// error from fn stops the stream and is returned.
		sub := &merit.Unit{AgencyID: a.ID, ParentID: emps[0].UnitID, Name: "Bidang Lain"}
		if err := db.CreateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		limited := merit.WithActor(ctx, &merit.Actor{Username: "op-bidang", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator, UnitIDs: []int64{sub.ID}}}})
		if err := db.EachAssessedProfile(limited, a.ID, func(p *sqldb.CompetencyProfile) error {
			t.Errorf("unit-limited stream: got employee %d", p.EmployeeID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		stop := fmt.Errorf("stop")
		if err := db.EachAssessedProfile(ctx, a.ID, func(*sqldb.CompetencyProfile) error { return stop }); err == nil {
			t.Error("an error from fn was not returned")
		}
	})
}
