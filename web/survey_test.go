package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An employee answers the running survey once, anonymously; the staff see
// the response rate, and no results until the threshold is reached.
func TestSurveyPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		sys := testdb.System()
		siti := a.siti()
		createUser(t, db, "siti", merit.Grant{AgencyID: a.agency.ID, Role: merit.RoleEmployee, EmployeeID: siti.ID})
		emp := a.signIn("siti")
		p := emp.get("/saya/survei").want(http.StatusOK)
		if got := textOf(p.one("main .empty")); got != "Tidak ada survei yang sedang berjalan." {
			t.Errorf("no survey: %q", got)
		}
		s := &sqldb.Survey{Title: "Survei Kepuasan dan Keterlibatan", Survey: evaluation.Survey{AgencyID: a.agency.ID, Year: 2026, ScaleMax: 5,
			MinGroupSize: 2, Questions: []evaluation.Question{{Code: "K1", Text: "Saya puas dengan layanan kepegawaian.", Dimension: "kepuasan"},
				{Code: "E1", Text: "Saya bangga bekerja di instansi ini.", Dimension: "keterlibatan"}}}}
		if err := db.CreateSurvey(sys, s); err != nil {
			t.Fatal(err)
		}
		if _, err := db.OpenSurvey(sys, a.agency.ID, s.ID); err != nil {
			t.Fatal(err)
		}
		p = emp.get("/saya/survei").want(http.StatusOK)
		if n := len(p.all("form.survey-form fieldset")); n != 2 {
			t.Fatalf("%d questions shown, want 2", n)
		}
		emp.post("/saya/survei", url.Values{"q-K1": {"9"}}).want(http.StatusUnprocessableEntity)
		p = emp.post("/saya/survei", url.Values{"q-K1": {"4"}, "q-E1": {"5"}}).want(http.StatusOK)
		if got := textOf(p.one("#survey-done")); !strings.HasPrefix(got, "Terima kasih") {
			t.Errorf("after answering: %q", got)
		}
		emp.post("/saya/survei", url.Values{"q-K1": {"1"}, "q-E1": {"1"}}).want(http.StatusConflict)
		// The employee has no access to the results.
		emp.get("/a/kota-magelang/survei").want(http.StatusForbidden)

		op := a.signIn("operator")
		p = op.get("/a/kota-magelang/survei").want(http.StatusOK)
		if got := textOf(p.one(".responded")); got != "1 / 4" {
			t.Errorf("responded %q, want 1 / 4", got)
		}
		if got := textOf(p.one(".rate")); got != "25,00 %" {
			t.Errorf("rate %q", got)
		}
		if n := len(p.all(".survey-score")); n != 0 {
			t.Errorf("a result is shown with 1 response under a threshold of 2")
		}
	})
}
