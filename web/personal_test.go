package web_test

import (
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

// An operator enters NIK and alamat through the form and reads them whole;
// the employee reads them whole on /saya; a viewer and an evaluator read the
// profile with every personal field visibly masked, the change history
// included, and no unmasked value anywhere in the page.
func TestPersonalDataMaskedOnProfile(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 5)
		siti := createEmployeeAccount(t, a)
		ctx := testdb.System()
		hash, err := auth.HashPassword(password, auth.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		ev := &merit.User{Username: "bkn", Name: "Evaluator BKN", Grants: []merit.Grant{{AgencyID: a.agency.ID, Role: merit.RoleEvaluator}}}
		if err := db.CreateUser(ctx, ev, hash); err != nil {
			t.Fatal(err)
		}
		base := "/a/" + a.agency.Code + "/pegawai/" + strconv.FormatInt(siti.ID, 10)

		op := a.signIn("operator")
		form := url.Values{"nip": {siti.NIP}, "name": {siti.Name}, "gelarBelakang": {siti.GelarBelakang},
			"birthPlace": {siti.BirthPlace}, "birthDate": {"1988-07-15"}, "sex": {"F"}, "religion": {"ISLAM"},
			"status": {"PNS"}, "tmtCpns": {"2012-03-01"}, "golongan": {"III/d"}, "tmtGolongan": {"2022-04-01"},
			"education": {"S2"}, "unitId": {strconv.FormatInt(siti.UnitID, 10)}, "positionId": {strconv.FormatInt(siti.PositionID, 10)},
			"tmtJabatan": {"2021-01-04"}, "email": {siti.Email}, "phone": {siti.Phone},
			"nik": {"3371033207880001"}, "alamat": {"Jl. Tidar 7, Magelang"}}
		if p := op.post(base+"/ubah", form); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.text(), "DDMMYY") {
			t.Errorf("a NIK with day 32: status %d", p.status)
		}
		form.Set("nik", "3371035507880001")
		op.post(base+"/ubah", form).want(http.StatusOK)
		secret := []string{"3371035507880001", "Jl. Tidar 7", "0812-2700-1234", "siti.aminah@", "Islam", "15 Juli 1988", "1988-07-15"}
		whole := op.get(base).want(http.StatusOK).body
		for _, v := range []string{"3371035507880001", "Jl. Tidar 7", "0812-2700-1234", "siti.aminah@magelangkota.go.id", "Islam"} {
			if !strings.Contains(whole, v) {
				t.Errorf("operator does not see %q", v)
			}
		}
		if own := a.signIn(siti.NIP).get("/saya").want(http.StatusOK).body; !strings.Contains(own, "3371035507880001") || !strings.Contains(own, "Jl. Tidar 7") {
			t.Error("the employee does not see their own NIK and alamat")
		}

		for _, who := range []string{"viewer", "bkn"} {
			p := a.signIn(who).get(base).want(http.StatusOK)
			for _, v := range secret {
				if strings.Contains(p.body, v) {
					t.Errorf("%s sees %q", who, v)
				}
			}
			text := p.text()
			for _, v := range []string{"3371••••••••0001", "0812••••••••34", "s•••@magelangkota.go.id", "•• ••• 1988", "Data pribadi"} {
				if !strings.Contains(text, v) {
					t.Errorf("%s: page lacks the mask %q", who, v)
				}
			}
			if !strings.Contains(text, siti.NIP) || !strings.Contains(text, "Siti Aminah") {
				t.Errorf("%s: the rest of the record is missing", who)
			}
		}
	})
}
