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
	"merit/performance"
	"merit/sqldb"
)

// Self-service: the Kepala Bidang (Siti's head by position) rates Siti in
// /saya/kinerja; Siti reads her own SKP there and can rate nobody; the
// head cannot rate anyone outside his bidang.
func TestSKPSelfService(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		ctx := testdb.System()
		siti := a.siti()
		var head int64
		positions, err := db.FindPositions(ctx, a.agency.ID, siti.UnitID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range positions {
			if p.Jenis == "ADMINISTRATOR" {
				head = p.ID
			}
		}
		// Whoever the seed put in the head position is replaced by Pak Kabid.
		emps, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.agency.ID, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range emps {
			if e.PositionID == head {
				e.PositionID = 0
				if err := db.UpdateEmployee(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
		}
		kabid := testdb.Employee(a.agency.ID, 77)
		kabid.Name, kabid.UnitID, kabid.PositionID = "Kabid Mutasi", siti.UnitID, head
		if err := db.CreateEmployee(ctx, kabid); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(password, auth.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []*merit.Employee{kabid, siti} {
			u := &merit.User{Username: e.NIP, Name: e.Name, Grants: []merit.Grant{{AgencyID: a.agency.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
			if err := db.CreateUser(ctx, u, hash); err != nil {
				t.Fatal(err)
			}
		}
		year := strconv.Itoa(merit.Today().Year() - 1)
		q := "?tahun=" + year + "&periode=TAHUNAN"

		asHead := a.signIn(kabid.NIP)
		p := asHead.get("/saya/kinerja").want(http.StatusOK)
		row := fmt.Sprintf(`#ratees tr[data-employee=%d]`, siti.ID)
		if got := textOf(p.one(row + " .predikat")); got != "Belum dinilai" {
			t.Errorf("Siti in the head's list: %q", got)
		}
		form := "/saya/kinerja/nilai/" + strconv.FormatInt(siti.ID, 10) + q
		if n := len(asHead.get(form).want(http.StatusOK).all("select#f-raterId")); n != 0 {
			t.Error("a rater in self-service is offered another rater")
		}
		v := url.Values{"hasilKerja": {"DI_BAWAH"}, "raterId": {strconv.FormatInt(kabid.ID, 10)}}
		for _, val := range performance.Values {
			v.Set("berakhlak."+strings.ToLower(string(val)), "SESUAI")
		}
		p = asHead.post(form, v).want(http.StatusOK)
		if got := textOf(p.one(".flash")); !strings.Contains(got, "Butuh Perbaikan") {
			t.Errorf("flash %q", got)
		}
		if got := textOf(p.one(row + " .predikat")); got != "Butuh Perbaikan" {
			t.Errorf("Siti after rating: %q", got)
		}
		// Someone outside his bidang, and himself, are not his to rate.
		var outside int64
		for _, e := range emps {
			if e.UnitID != siti.UnitID {
				outside = e.ID
				break
			}
		}
		for _, id := range []int64{outside, kabid.ID} {
			asHead.post("/saya/kinerja/nilai/"+strconv.FormatInt(id, 10)+q, v).want(http.StatusNotFound)
		}

		// Siti reads her SKP, rated by her head; she rates nobody.
		me := a.signIn(siti.NIP)
		p = me.get("/saya/kinerja").want(http.StatusOK)
		sel := "#skp-history tr[data-year=" + year + "]"
		if got := textOf(p.one(sel)); !strings.Contains(got, "Butuh Perbaikan") || !strings.Contains(got, "Kabid Mutasi") {
			t.Errorf("own SKP row %q", got)
		}
		if len(p.all("#ratees")) != 0 || len(p.all("table.skp-history details")) != 0 {
			t.Error("Siti's page offers rating or deleting")
		}
		me.post("/saya/kinerja/nilai/"+strconv.FormatInt(siti.ID, 10)+q, v).want(http.StatusNotFound)
	})
}
