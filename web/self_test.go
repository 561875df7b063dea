package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An employee signs in with their NIP and lands on /saya: their own data
// utama and riwayat, read-only, with only "Data saya" in the navigation.
// Every other record, the list, the dashboard and the units are closed.
func TestEmployeeOwnPage(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 20)
		me, siti := signInEmployee(t, a)
		ctx := testdb.System()
		others, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.agency.ID, Limit: 2, Sort: "nip"})
		if err != nil {
			t.Fatal(err)
		}
		other := others[0]
		if other.ID == siti.ID {
			other = others[1]
		}

		p := me.get("/").want(http.StatusOK)
		if p.path != "/saya" {
			t.Fatalf("landed on %s, want /saya", p.path)
		}
		if text := p.text(); !strings.Contains(text, "Siti Aminah") || !strings.Contains(text, "0812-2700-1234") ||
			!strings.Contains(text, "Pelatihan Kepemimpinan Pengawas") {
			t.Errorf("own page lacks the record or its riwayat:\n%s", text)
		}
		if links := p.all("nav.nav a"); len(links) != 2 || attr(links[0], "href") != "/saya" || attr(links[1], "href") != "/saya/survei" {
			t.Errorf("navigation: %d links, want only /saya and /saya/survei", len(links))
		}
		if len(p.all("#perubahan")) != 0 || len(p.all("a[href$=/ubah]")) != 0 || strings.Contains(p.body, "/pegawai?unit=") {
			t.Error("own page shows the change history, edit links or list links")
		}
		base := "/a/" + a.agency.Code
		me.get(base + "/pegawai/" + strconv.FormatInt(other.ID, 10)).want(http.StatusNotFound)
		// The operators' profile of the own record includes the audit trail: closed too.
		own := base + "/pegawai/" + strconv.FormatInt(siti.ID, 10)
		for _, path := range []string{base, base + "/pegawai", base + "/unit", own, own + "/ubah", base + "/audit"} {
			if p := me.get(path); p.status != http.StatusForbidden && p.status != http.StatusNotFound {
				t.Errorf("%s: status %d, want 403 or 404", path, p.status)
			}
		}
		a.signIn("operator").get("/saya").want(http.StatusNotFound)
	})
}
