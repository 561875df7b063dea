package sqldb_test

import (
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An employee's API token acts as their self-service grant: it carries the
// record link, so it reads the own record (unmasked) and no other. A token
// with the employee role of a user who holds no employee grant links
// nothing and is refused.
func TestEmployeeTokenKeepsRecordLink(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-token")
		own, other := testdb.Employee(a.ID, 1), testdb.Employee(a.ID, 2)
		own.NIK = "3371031003850001"
		for _, e := range []*merit.Employee{own, other} {
			if err := db.CreateEmployee(sys, e); err != nil {
				t.Fatal(err)
			}
		}
		mint := func(u *merit.User) string {
			t.Helper()
			if err := db.CreateUser(sys, u, "hash"); err != nil {
				t.Fatal(err)
			}
			hash := "hash-" + u.Username
			tok := &sqldb.Token{UserID: u.ID, AgencyID: a.ID, Role: merit.RoleEmployee, Name: "t", TokenHash: hash,
				ExpiresAt: time.Now().Add(time.Hour)}
			if err := db.CreateToken(sys, tok); err != nil {
				t.Fatal(err)
			}
			return hash
		}
		self := mint(&merit.User{Username: own.NIP, Name: own.Name,
			Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: own.ID}}})
		actor, err := db.TokenActor(sys, self, time.Now())
		if err != nil || len(actor.Grants) != 1 || actor.Grants[0].EmployeeID != own.ID || actor.Grants[0].Role != merit.RoleEmployee {
			t.Fatalf("employee token actor: %+v %v", actor, err)
		}
		ctx := merit.WithActor(sys, actor)
		if e, err := db.FindEmployeeByID(ctx, a.ID, own.ID); err != nil || e.NIK != own.NIK || len(e.Masked) != 0 {
			t.Errorf("own record through the token: %+v %v", e, err)
		}
		if _, err := db.FindEmployeeByID(ctx, a.ID, other.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("another record through the token: %v", err)
		}

		// An admin holds no record link and not the employee's own acts
		// (survey.respond), so an employee-role token of an admin is refused.
		adminUser := &merit.User{Username: "admin.token", Name: "Admin", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleAdmin}}}
		if err := db.CreateUser(sys, adminUser, "hash"); err != nil {
			t.Fatal(err)
		}
		tok := &sqldb.Token{UserID: adminUser.ID, AgencyID: a.ID, Role: merit.RoleEmployee, Name: "t", TokenHash: "hash-admin",
			ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateToken(sys, tok); merit.CodeOf(err) != "token.role_exceeds" {
			t.Errorf("employee-role token of an admin: %v, want token.role_exceeds", err)
		}
	})
}
