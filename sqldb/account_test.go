package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// addUser creates an account and returns it as signed in (its actor's context).
func addUser(t *testing.T, db *sqldb.DB, u *merit.User) (*merit.User, context.Context) {
	t.Helper()
	if err := db.CreateUser(testdb.System(), u, "hash-"+u.Username); err != nil {
		t.Fatal(err)
	}
	signed, _, err := db.UserForSignIn(testdb.System(), u.Username)
	if err != nil {
		t.Fatal(err)
	}
	return signed, merit.WithActor(context.Background(), signed.Actor())
}

// A platform admin creates agencies and manages the accounts of every
// agency, but reads no registry; an agency admin manages only the accounts
// of their own agency, and never a platform admin.
func TestPlatformAdmin(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		x, _ := testdb.Agency(t, db, "kota-x")
		y, _ := testdb.Agency(t, db, "kota-y")
		e := testdb.Employee(x.ID, 1)
		if err := db.CreateEmployee(testdb.System(), e); err != nil {
			t.Fatal(err)
		}
		_, plat := addUser(t, db, &merit.User{Username: "platform", Name: "Admin Platform", PlatformAdmin: true})
		_, adminX := addUser(t, db, &merit.User{Username: "admin.x", Name: "Admin X", Grants: []merit.Grant{{AgencyID: x.ID, Role: merit.RoleAdmin}}})

		z := &merit.Agency{Code: "kab-z", Name: "Pemerintah Kabupaten Z", Kind: "KABUPATEN"}
		if err := db.CreateAgency(plat, z); err != nil {
			t.Fatalf("platform admin creates an agency: %v", err)
		}
		if err := db.CreateAgency(adminX, &merit.Agency{Code: "kab-w", Name: "W", Kind: "KABUPATEN"}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency admin creates an agency: %v", err)
		}
		if as, err := db.FindAgencies(plat); err != nil || len(as) != 3 {
			t.Errorf("platform admin sees %d agencies (%v), want all 3", len(as), err)
		}
		if _, err := db.FindAgencyByCode(plat, "kota-y"); err != nil {
			t.Errorf("platform admin finds an agency: %v", err)
		}
		if _, _, err := db.FindEmployees(plat, merit.EmployeeFilter{AgencyID: x.ID}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("platform admin lists a registry: %v, want forbidden", err)
		}
		if _, err := db.FindEmployeeByID(plat, x.ID, e.ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("platform admin reads an employee: %v, want forbidden", err)
		}

		// Accounts: the platform admin in any agency, the agency admin in theirs.
		opY := &merit.User{Username: "operator.y", Name: "Operator Y", Grants: []merit.Grant{{AgencyID: y.ID, Role: merit.RoleOperator}}}
		if err := db.CreateUser(adminX, opY, "h"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("admin of X adds a user to Y: %v", err)
		}
		if err := db.CreateUser(plat, opY, "h"); err != nil {
			t.Errorf("platform admin adds a user to Y: %v", err)
		}
		if err := db.CreateUser(adminX, &merit.User{Username: "platform2", Name: "P", PlatformAdmin: true,
			Grants: []merit.Grant{{AgencyID: x.ID, Role: merit.RoleViewer}}}, "h"); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency admin creates a platform admin: %v", err)
		}
		if us, err := db.FindAgencyUsers(plat, y.ID); err != nil || len(us) != 1 || us[0].Username != "operator.y" {
			t.Errorf("platform admin lists Y's users: %v %v", us, err)
		}
		if _, err := db.FindAgencyUsers(adminX, y.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("admin of X lists Y's users: %v", err)
		}
		if us, err := db.FindUsers(plat); err != nil || len(us) != 3 {
			t.Errorf("platform admin lists every account: %d %v", len(us), err)
		}
		if _, err := db.FindUsers(adminX); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency admin lists every account: %v", err)
		}
	})
}

// An agency admin changes roles and units, disables and resets the password
// of the users of their agency: each change audited on the agency's chain,
// a reset ends every session and never records the password; users who
// also hold roles elsewhere, platform admins and the admin's own account
// are refused.
func TestAgencyAccounts(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		x, rootX := testdb.Agency(t, db, "kota-x")
		y, _ := testdb.Agency(t, db, "kota-y")
		admin, adminX := addUser(t, db, &merit.User{Username: "admin.x", Name: "Admin X", Grants: []merit.Grant{{AgencyID: x.ID, Role: merit.RoleAdmin}}})
		op, _ := addUser(t, db, &merit.User{Username: "operator.x", Name: "Operator X", Grants: []merit.Grant{{AgencyID: x.ID, Role: merit.RoleOperator}}})
		ev, _ := addUser(t, db, &merit.User{Username: "evaluator", Name: "Evaluator", Grants: []merit.Grant{
			{AgencyID: x.ID, Role: merit.RoleEvaluator}, {AgencyID: y.ID, Role: merit.RoleEvaluator}}})
		plat, platCtx := addUser(t, db, &merit.User{Username: "platform", Name: "P", PlatformAdmin: true})
		if err := db.SetGrants(adminX, x.ID, plat.ID, []merit.Grant{{Role: merit.RoleViewer}}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("agency admin grants a role to a user outside the agency: %v", err)
		}

		us, err := db.FindAgencyUsers(adminX, x.ID)
		if err != nil || len(us) != 3 {
			t.Fatalf("users of X: %d %v", len(us), err)
		}
		for _, u := range us {
			if u.Username == "evaluator" && len(u.Grants) != 1 {
				t.Errorf("the evaluator's roles elsewhere are shown: %+v", u.Grants)
			}
		}

		// Roles and units.
		grants := []merit.Grant{{Role: merit.RoleOperator, UnitIDs: []int64{rootX.ID}}, {Role: merit.RoleViewer}}
		if err := db.SetGrants(adminX, x.ID, op.ID, grants); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindAgencyUser(adminX, x.ID, op.ID)
		if err != nil || len(got.Grants) != 2 || len(got.Grants[0].UnitIDs)+len(got.Grants[1].UnitIDs) != 1 {
			t.Errorf("roles after the change: %+v %v", got, err)
		}
		wantAudit(t, db, x.ID, "admin.x", "update", "user", op.ID, `"role":"operator"`, `"unitIds":[`)
		if err := db.SetGrants(adminX, x.ID, op.ID, []merit.Grant{{Role: merit.RoleOperator, UnitIDs: []int64{999999}}}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("a unit of no agency: %v", err)
		}
		if err := db.SetGrants(adminX, x.ID, op.ID, nil); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("no role at all: %v", err)
		}
		if err := db.SetGrants(adminX, x.ID, admin.ID, []merit.Grant{{Role: merit.RoleViewer}}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("own roles: %v", err)
		}

		// Password reset: sessions end, the hash is stored, not audited.
		now := time.Now()
		if err := db.CreateSession(context.Background(), &sqldb.Session{TokenHash: "s-op", UserID: op.ID, CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := db.ResetPassword(adminX, x.ID, op.ID, "hash-baru-rahasia"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionUser(context.Background(), "s-op", now); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("session after the reset: %v", err)
		}
		if _, hash, _ := db.UserForSignIn(testdb.System(), "operator.x"); hash != "hash-baru-rahasia" {
			t.Errorf("hash after the reset: %q", hash)
		}
		e := wantAudit(t, db, x.ID, "admin.x", "update", "user", op.ID, "-", `"passwordReset":true`)
		if strings.Contains(e.After, "hash-baru") {
			t.Errorf("the audit records the password: %s", e.After)
		}
		if err := db.ResetPassword(adminX, x.ID, ev.ID, "h"); merit.KindOf(err) != merit.KindForbidden || merit.CodeOf(err) != "user.other_agencies" {
			t.Errorf("reset of a user who also reads Y: %v", err)
		}
		if err := db.ResetPassword(platCtx, x.ID, ev.ID, "h"); err != nil {
			t.Errorf("platform admin resets the evaluator: %v", err)
		}

		// Disable: no more sessions, no sign-in; the admin's own account is refused.
		if err := db.CreateSession(context.Background(), &sqldb.Session{TokenHash: "s-op2", UserID: op.ID, CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetDisabled(adminX, x.ID, op.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionUser(context.Background(), "s-op2", now); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("session after disabling: %v", err)
		}
		wantAudit(t, db, x.ID, "admin.x", "update", "user", op.ID, `"disabled":false`, `"disabled":true`)
		if err := db.SetDisabled(adminX, x.ID, admin.ID, true); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("disable oneself: %v", err)
		}
		// A platform admin holding a viewer role in X is out of X's admin's reach.
		if err := db.CreateUser(platCtx, &merit.User{Username: "platform.x", Name: "P X", PlatformAdmin: true,
			Grants: []merit.Grant{{AgencyID: x.ID, Role: merit.RoleViewer}}}, "h"); err != nil {
			t.Fatal(err)
		}
		px, _, _ := db.UserForSignIn(testdb.System(), "platform.x")
		if err := db.SetDisabled(adminX, x.ID, px.ID, true); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency admin disables a platform admin: %v", err)
		}
		if err := db.SetGrants(platCtx, y.ID, op.ID, []merit.Grant{{Role: merit.RoleViewer}}); err != nil {
			t.Errorf("platform admin grants a first role in Y: %v", err)
		}
	})
}
