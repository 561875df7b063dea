package demo

import (
	"context"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The demo agency has a self-service account: its username is the NIP of
// a PNS, it signs in with the demo password and reads only that record.
func TestGenerateEmployeeAccount(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		res, err := Generate(ctx, db, Options{Seed: 3, Employees: 50, Today: merit.Today()})
		if err != nil {
			t.Fatal(err)
		}
		ar := res.Agencies[0]
		if ar.Employee.Role != merit.RoleEmployee || len(ar.Employee.Username) != 18 {
			t.Fatalf("employee sign-in: %+v", ar.Employee)
		}
		u, err := auth.NewSessions(db, auth.Cheap).Authenticate(context.Background(), ar.Employee.Username, Password, "192.0.2.1:5000")
		if err != nil {
			t.Fatal(err)
		}
		g := u.Grants[0]
		me := merit.WithActor(context.Background(), u.Actor())
		e, err := db.FindEmployeeByID(me, ar.Agency.ID, g.EmployeeID)
		if err != nil || e.NIP != u.Username || e.Status != "PNS" {
			t.Fatalf("own record: %+v %v", e, err)
		}
		if _, _, err := db.FindEmployees(me, merit.EmployeeFilter{AgencyID: ar.Agency.ID}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("list: %v, want forbidden", err)
		}
	})
}
