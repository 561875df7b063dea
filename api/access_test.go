package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// A caller without access to a write gets 403 (a member without the
// permission) or 404 (another agency's user, or a non-employee on the
// self-service routes) even for a body huma would reject, so validation
// tells them nothing; with access, the same body is a 422.
func TestAccessBeforeValidation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		op := f.signIn("op-a")
		e := f.createEmployee(op, "kota-a", employeeBody(1))
		emp := fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID)
		writes := []struct{ method, path, body string }{
			{"POST", "/api/v1/agencies/kota-a/employees", `{"nip": 198503102010011001, "birthDate": "kemarin"}`},
			{"PUT", emp, `{"name": ["x"]}`},
			{"DELETE", "/api/v1/agencies/kota-a/employees/0", ""},
			{"POST", emp + "/history", `{"kind": 7}`},
			{"PUT", emp + "/history/0", `{"start": "nanti"}`},
			{"DELETE", emp + "/history/0", ""},
			{"POST", "/api/v1/agencies/kota-a/units", `{"name": false}`},
			{"PUT", "/api/v1/agencies/kota-a/units/0", `{"name": false}`},
			{"POST", "/api/v1/agencies/kota-a/positions", `{"kelasJabatan": "sembilan"}`},
			{"POST", "/api/v1/agencies/kota-a/proposals/0/accept", ""},
			{"POST", "/api/v1/agencies/kota-a/proposals/0/reject", `{"reason": 1}`},
			{"POST", "/api/v1/agencies/kota-a/imports?format=pdf&dryRun=maybe", "x"},
		}
		for _, who := range []struct {
			user   string
			status int
		}{{"view-a", http.StatusForbidden}, {"op-b", http.StatusNotFound}} {
			c := f.signIn(who.user)
			for _, w := range writes {
				if resp, body := c.send(w.method, w.path, w.body); resp.StatusCode != who.status {
					t.Errorf("%s %s as %s: status %d, want %d; %s", w.method, w.path, who.user, resp.StatusCode, who.status, body)
				}
			}
		}
		// With access, the same requests are rejected as invalid.
		for _, w := range writes[:2] {
			op.fail(w.method, w.path, w.body, http.StatusUnprocessableEntity)
		}
		// Self-service writes need an employee's grant.
		op.fail("POST", "/api/v1/me/proposals", `{"changes": 5}`, http.StatusNotFound)
		// Reads are closed to other agencies before their query is checked.
		f.signIn("op-b").fail("GET", "/api/v1/agencies/kota-a/employees?perPage=0", nil, http.StatusNotFound)
	})
}

// The API gives a viewer an employee's personal data visibly masked and
// lists the masked fields; the operator gets it whole.
func TestPersonalDataAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		body := employeeBody(1)
		body.NIK, body.Alamat, body.Phone = "3371031003850001", "Jl. Pemuda 12, Magelang", "081234567890"
		e := f.createEmployee(f.signIn("op-a"), "kota-a", body)
		if e.NIK != body.NIK || e.Alamat != body.Alamat || len(e.Masked) != 0 {
			t.Errorf("operator reads %+v", e)
		}
		bad := employeeBody(2)
		bad.NIK = "33710310038500"
		if p := f.signIn("op-a").fail("POST", "/api/v1/agencies/kota-a/employees", bad, http.StatusUnprocessableEntity); !p.hasField("nik", "nik.format") {
			t.Errorf("short NIK: %+v", p)
		}

		v := f.signIn("view-a")
		path := fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID)
		resp, raw := v.send("GET", path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("viewer: status %d", resp.StatusCode)
		}
		for _, secret := range []string{body.NIK, "Pemuda", body.Phone, "1985-03-10", "ISLAM"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("the viewer's answer holds %q: %s", secret, raw)
			}
		}
		var got merit.Employee
		v.call("GET", path, nil, http.StatusOK, &got)
		if got.NIK != "3371••••••••0001" || got.Phone != "0812••••••90" || got.BirthYear != 1985 || !got.BirthDate.IsZero() ||
			!slices.Equal(got.Masked, merit.PersonalFields[:len(got.Masked)]) || len(got.Masked) != 5 {
			t.Errorf("viewer reads %+v", got)
		}
		var page employeePage
		v.call("GET", "/api/v1/agencies/kota-a/employees", nil, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].NIK != got.NIK {
			t.Errorf("viewer's list: %+v", page.Items)
		}
	})
}
