package web_test

import (
	"net/http"
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
)

// The user menu's "sign out everywhere" ends the user's sessions in every
// browser, not another user's.
func TestSignOutEverywhere(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 1)
		laptop, phone, other := a.signIn("operator"), a.signIn("operator"), a.signIn("viewer")
		p := laptop.get("/a/kota-magelang").want(http.StatusOK)
		p.one("form[action=/keluar-semua] button")
		p = laptop.post("/keluar-semua", nil).want(http.StatusOK)
		if p.path != "/masuk" || textOf(p.one(".flash")) != "Semua sesi Anda telah diakhiri." {
			t.Errorf("after sign out everywhere at %s", p.path)
		}
		for name, u := range map[string]*user{"laptop": laptop, "phone": phone} {
			if p := u.get("/a/kota-magelang"); !strings.HasPrefix(p.path, "/masuk") {
				t.Errorf("%s still signed in: %s", name, p.path)
			}
		}
		if p := other.get("/a/kota-magelang").want(http.StatusOK); p.path != "/a/kota-magelang" {
			t.Errorf("another user's session ended: %s", p.path)
		}
	})
}
