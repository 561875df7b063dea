package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An agency admin manages the agency's accounts on the users page: adds an
// operator limited to one bidang with a generated password shown once (the
// operator then sees only that bidang's employees), changes the roles,
// resets the password (the user's session ends) and disables the account.
// An operator gets 403, another agency's admin 404.
func TestUsersPage(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 20)
		admin := a.signIn("admin")
		p := admin.get("/a/kota-magelang/pengguna").want(http.StatusOK)
		if got := p.texts("table.users tbody tr"); len(got) != 4 {
			t.Errorf("users: %v", got)
		}
		if len(p.all("nav.nav a[href=/a/kota-magelang/pengguna]")) != 1 {
			t.Error("the admin's menu has no users link")
		}
		var bidang *merit.Unit
		units, _ := db.FindUnits(testdb.System(), a.agency.ID)
		for _, u := range units {
			if u.Name == "Bidang Mutasi dan Promosi" {
				bidang = u
			}
		}
		unit := strconv.FormatInt(bidang.ID, 10)
		admin.get("/a/kota-magelang/pengguna/baru").want(http.StatusOK)
		bad := admin.post("/a/kota-magelang/pengguna/baru", url.Values{"username": {"x"}, "name": {""}, "password": {"pendek"}, "role": {"operator"}})
		bad.want(http.StatusUnprocessableEntity)
		if len(bad.all(".error-summary li")) < 2 {
			t.Errorf("errors: %v", bad.texts(".error-summary li"))
		}
		p = admin.post("/a/kota-magelang/pengguna/baru", url.Values{"username": {"staf.mutasi"}, "name": {"Staf Mutasi"},
			"role": {"operator"}, "unit": {unit}}).want(http.StatusOK)
		generated := textOf(p.one("code.generated-password"))
		if len(generated) != 16 {
			t.Fatalf("generated password %q", generated)
		}
		staf := a.anonymous()
		staf.post("/masuk", url.Values{"username": {"staf.mutasi"}, "password": {generated}}).want(http.StatusOK)
		_, inUnit, _ := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: a.agency.ID, UnitID: bidang.ID})
		list := staf.get("/a/kota-magelang/pegawai?limit=1000").want(http.StatusOK)
		if n := len(list.all("table.employees tbody tr")); n != inUnit || n == 0 {
			t.Errorf("the limited operator lists %d employees, want the bidang's %d", n, inUnit)
		}
		siti := a.siti() // in Bidang Mutasi dan Promosi
		staf.get(a.profileURL(siti)).want(http.StatusOK)
		outside, _, _ := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: a.agency.ID, Query: "Budi"})
		for _, e := range outside {
			if e.UnitID != bidang.ID {
				staf.get(fmt.Sprintf("/a/kota-magelang/pegawai/%d", e.ID)).want(http.StatusNotFound)
				break
			}
		}

		u, _, _ := db.UserForSignIn(testdb.System(), "staf.mutasi")
		path := fmt.Sprintf("/a/kota-magelang/pengguna/%d", u.ID)
		p = admin.get(path).want(http.StatusOK)
		if len(p.all("input[name=role][checked]")) != 1 || len(p.all("input[name=unit][checked]")) != 1 {
			t.Errorf("edit form: roles %d, units %d checked", len(p.all("input[name=role][checked]")), len(p.all("input[name=unit][checked]")))
		}
		admin.post(path, url.Values{"role": {"viewer", "operator"}}).want(http.StatusOK)
		if u, _, _ = db.UserForSignIn(testdb.System(), "staf.mutasi"); len(u.Grants) != 2 || len(u.Grants[0].UnitIDs)+len(u.Grants[1].UnitIDs) != 0 {
			t.Errorf("grants after the change: %+v", u.Grants)
		}
		admin.post(path, url.Values{}).want(http.StatusUnprocessableEntity)

		// Reset: the staff member's session ends.
		p = admin.post(path+"/sandi", url.Values{"password": {""}}).want(http.StatusOK)
		if again := textOf(p.one("code.generated-password")); len(again) != 16 || again == generated {
			t.Errorf("reset password %q", again)
		}
		if p := staf.get("/a/kota-magelang/pegawai"); !strings.HasPrefix(p.path, "/masuk") {
			t.Errorf("after the reset the old session reaches %s", p.path)
		}
		admin.post(path+"/sandi", url.Values{"password": {"sandi-baru-dari-admin"}}).want(http.StatusOK)
		staf.post("/masuk", url.Values{"username": {"staf.mutasi"}, "password": {"sandi-baru-dari-admin"}}).want(http.StatusOK)
		admin.post(path+"/nonaktif", url.Values{"disabled": {"1"}}).want(http.StatusOK)
		if p := staf.get("/a/kota-magelang/pegawai"); !strings.HasPrefix(p.path, "/masuk") {
			t.Errorf("after disabling the session reaches %s", p.path)
		}

		a.signIn("operator").get("/a/kota-magelang/pengguna").want(http.StatusForbidden)
		a.signIn("operator").post(path+"/sandi", url.Values{"password": {""}}).want(http.StatusForbidden)
		a.signIn("lain").get(path).want(http.StatusNotFound)
		a.signIn("lain").post(path+"/sandi", url.Values{"password": {""}}).want(http.StatusNotFound)
	})
}

// A platform admin lands on the agencies page, adds an agency and its first
// admin, and reads no agency's registry.
func TestPlatformAgenciesPage(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		hash, _ := auth.HashPassword(password, auth.Cheap)
		if err := db.CreateUser(testdb.System(), &merit.User{Username: "platform", Name: "Admin Platform", PlatformAdmin: true}, hash); err != nil {
			t.Fatal(err)
		}
		plat := a.signIn("platform")
		p := plat.get("/").want(http.StatusOK)
		if p.path != "/instansi" || len(p.all("table.agencies tbody tr")) != 2 {
			t.Fatalf("landing %s with %d agencies", p.path, len(p.all("table.agencies tbody tr")))
		}
		plat.post("/instansi", url.Values{"code": {"Kota Salah!"}, "name": {"X"}, "kind": {"KOTA"}}).want(http.StatusUnprocessableEntity)
		p = plat.post("/instansi", url.Values{"code": {"kota-salatiga"}, "name": {"Pemerintah Kota Salatiga"}, "kind": {"KOTA"}}).want(http.StatusOK)
		if p.path != "/a/kota-salatiga/pengguna" {
			t.Fatalf("after adding an agency: %s", p.path)
		}
		plat.post("/a/kota-salatiga/pengguna/baru", url.Values{"username": {"admin.salatiga"}, "name": {"Admin Salatiga"},
			"password": {"sandi-admin-salatiga"}, "role": {"admin"}}).want(http.StatusOK)
		a.anonymous().post("/masuk", url.Values{"username": {"admin.salatiga"}, "password": {"sandi-admin-salatiga"}}).want(http.StatusOK)
		plat.get("/a/kota-magelang/pengguna").want(http.StatusOK)
		plat.get("/a/kota-magelang/pegawai").want(http.StatusForbidden)
		a.signIn("admin").get("/instansi").want(http.StatusForbidden)
	})
}
