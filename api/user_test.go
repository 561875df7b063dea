package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The accounts API: an agency admin adds a user with a generated password
// (returned once), limits an operator to a unit, resets a password (the
// user's sessions end) and disables an account; an operator and another
// agency's admin are refused; a platform admin adds an agency and manages
// its accounts.
func TestUsersAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("admin-a", f.a.ID, merit.RoleAdmin)
		f.addUser("admin-b", f.b.ID, merit.RoleAdmin)
		hash, _ := auth.HashPassword(password, auth.Cheap)
		if err := db.CreateUser(testdb.System(), &merit.User{Username: "platform", Name: "Platform", PlatformAdmin: true}, hash); err != nil {
			t.Fatal(err)
		}
		admin := f.signIn("admin-a")

		var made newUser
		admin.call("POST", "/api/v1/agencies/kota-a/users", map[string]any{"username": "Staf.Baru", "name": "Staf Baru",
			"grants": []map[string]any{{"role": "operator", "unitIds": []int64{f.unitA.ID}}}}, http.StatusCreated, &made)
		if made.User == nil || made.User.Username != "staf.baru" || len(made.Password) != 16 || len(made.User.Grants[0].UnitIDs) != 1 {
			t.Fatalf("created %+v", made)
		}
		staf := f.anon()
		staf.call("POST", "/api/v1/session", map[string]string{"username": "staf.baru", "password": made.Password}, http.StatusOK, nil)
		staf.call("GET", "/api/v1/me", nil, http.StatusOK, nil)
		if p := admin.fail("POST", "/api/v1/agencies/kota-a/users", map[string]any{"username": "x.y", "name": "X", "password": "pendek",
			"grants": []map[string]any{{"role": "viewer"}}}, http.StatusUnprocessableEntity); !p.hasField("password", "user.password_short") {
			t.Errorf("short password: %+v", p)
		}

		var list items[merit.User]
		admin.call("GET", "/api/v1/agencies/kota-a/users", nil, http.StatusOK, &list)
		if len(list.Items) != 4 { // op-a, view-a, admin-a, staf.baru
			t.Errorf("users of A: %d", len(list.Items))
		}
		path := fmt.Sprintf("/api/v1/agencies/kota-a/users/%d", made.User.ID)
		var u merit.User
		admin.call("PUT", path+"/grants", map[string]any{"grants": []map[string]any{{"role": "viewer"}}}, http.StatusOK, &u)
		if len(u.Grants) != 1 || u.Grants[0].Role != merit.RoleViewer {
			t.Errorf("after the role change: %+v", u.Grants)
		}

		// Reset: a generated password, the old session ends.
		var reset newPassword
		admin.call("POST", path+"/password", map[string]any{}, http.StatusOK, &reset)
		if len(reset.Password) != 16 || reset.Password == made.Password {
			t.Errorf("reset password %q", reset.Password)
		}
		staf.fail("GET", "/api/v1/me", nil, http.StatusUnauthorized)
		var given newPassword
		admin.call("POST", path+"/password", map[string]any{"password": "sandi-pilihan-admin"}, http.StatusOK, &given)
		if given.Password != "" {
			t.Errorf("a given password is echoed: %q", given.Password)
		}
		staf.call("POST", "/api/v1/session", map[string]string{"username": "staf.baru", "password": "sandi-pilihan-admin"}, http.StatusOK, nil)

		admin.call("PUT", path+"/disabled", map[string]any{"disabled": true}, http.StatusOK, &u)
		if !u.Disabled {
			t.Error("not disabled")
		}
		staf.fail("GET", "/api/v1/me", nil, http.StatusUnauthorized)

		// Others.
		f.signIn("op-a").fail("GET", "/api/v1/agencies/kota-a/users", nil, http.StatusForbidden)
		f.signIn("op-a").fail("POST", path+"/password", map[string]any{}, http.StatusForbidden)
		f.signIn("admin-b").fail("GET", path, nil, http.StatusNotFound)
		f.signIn("admin-b").fail("POST", path+"/password", map[string]any{}, http.StatusNotFound)
		admin.fail("POST", "/api/v1/agencies", map[string]any{"code": "kota-c", "name": "Kota C", "kind": "KOTA"}, http.StatusForbidden)

		// The platform admin: a new agency, its first admin, any agency's users.
		plat := f.signIn("platform")
		plat.call("POST", "/api/v1/agencies", map[string]any{"code": "kota-c", "name": "Pemerintah Kota C", "kind": "KOTA"}, http.StatusCreated, nil)
		plat.call("GET", "/api/v1/agencies/kota-c", nil, http.StatusOK, nil)
		plat.call("POST", "/api/v1/agencies/kota-c/users", map[string]any{"username": "admin-c", "name": "Admin C", "password": "sandi-admin-c-123",
			"grants": []map[string]any{{"role": "admin"}}}, http.StatusCreated, &made)
		var agencies items[merit.Agency]
		plat.call("GET", "/api/v1/agencies", nil, http.StatusOK, &agencies)
		if len(agencies.Items) != 3 {
			t.Errorf("platform admin sees %d agencies", len(agencies.Items))
		}
		plat.call("GET", "/api/v1/agencies/kota-b/users", nil, http.StatusOK, &list)
		plat.fail("GET", "/api/v1/agencies/kota-b/employees", nil, http.StatusNotFound) // reads no registry
	})
}
