package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The job-fit page: an operator picks the target JPT posts, sees the
// recommendation per post with every holder's reason without keeping it,
// then keeps the run and lands on it; a viewer computes but is offered no
// keep button and is refused the post.
func TestJobFitPage(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 2)
		ctx := testdb.System()
		units, err := db.FindUnits(ctx, a.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		pos := func(name string) *merit.Position {
			p := &merit.Position{AgencyID: a.agency.ID, UnitID: units[0].ID, Name: name, Jenis: "JPT_PRATAMA"}
			if err := db.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		target, held, other := pos("Kepala Dinas Pendidikan"), pos("Kepala Dinas Sosial"), pos("Kepala Dinas Perhubungan")
		if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: a.agency.ID, PositionID: target.ID,
			Requirements: []competency.Requirement{{CompetencyID: 1, Level: 3}, {CompetencyID: 2, Level: 3}}}); err != nil {
			t.Fatal(err)
		}
		for i, tmt := range []string{"2023-03-01", "2025-03-01"} {
			e := testdb.Employee(a.agency.ID, 50+i)
			e.Name = []string{"Hadi Prasetyo", "Rina Wulandari"}[i]
			e.UnitID, e.PositionID, e.TMTJabatan = units[0].ID, []int64{held.ID, other.ID}[i], merit.MustDate(tmt)
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: a.agency.ID, EmployeeID: e.ID, Date: merit.MustDate("2025-06-01"),
				Body: "BKN", Potential: 70, Levels: []competency.Level{{CompetencyID: 1, Level: 3}, {CompetencyID: 2, Level: 3}}}); err != nil {
				t.Fatal(err)
			}
		}
		op := a.signIn("operator")
		p := op.get("/a/kota-magelang/jobfit").want(http.StatusOK)
		for _, id := range []int64{target.ID, held.ID, other.ID} {
			if len(p.all(fmt.Sprintf("input[name=posts][value=%d]", id))) != 1 {
				t.Errorf("the form does not offer JPT post %d", id)
			}
		}
		p = op.get(fmt.Sprintf("/a/kota-magelang/jobfit?posts=%d&on=2026-03-01", target.ID)).want(http.StatusOK)
		outcome := textOf(p.one(".jobfit-post .jobfit-outcome"))
		if !strings.Contains(outcome, "Hadi Prasetyo") {
			t.Errorf("recommendation %q, want Hadi Prasetyo (three years in post, 100 %%)", outcome)
		}
		if body := p.text(); !strings.Contains(body, "Baru 1 tahun di jabatan; genap 2 tahun pada") || !strings.Contains(body, "belum disimpan") {
			t.Errorf("Rina's reason or the preview note is missing:\n%s", body)
		}
		p = op.post("/a/kota-magelang/jobfit", url.Values{"posts": {fmt.Sprint(target.ID), fmt.Sprint(other.ID)}, "on": {"2026-03-01"}, "note": {"Rotasi Maret"}}).want(http.StatusOK)
		if !strings.HasPrefix(p.path, "/a/kota-magelang/jobfit/") || !strings.Contains(p.text(), "1 dari 2 jabatan mendapat rekomendasi") {
			t.Errorf("after keeping: %s\n%s", p.path, p.text())
		}
		if n := len(p.all(".jobfit-post")); n != 2 || !strings.Contains(p.text(), "Seleksi terbuka") {
			t.Errorf("the run shows %d posts, want 2 with one going to open selection", n)
		}
		// The post nobody fits starts an open selection, the post checked.
		start := p.all(".jobfit-outcome a")
		if len(start) != 1 || !strings.HasPrefix(attr(start[0], "href"), "/a/kota-magelang/seleksi?posts=") {
			t.Fatalf("%d links to start an open selection, want 1", len(start))
		}
		p = op.get(attr(start[0], "href")).want(http.StatusOK)
		if len(p.all(fmt.Sprintf("#baru input[name=posts][value=%d][checked]", other.ID))) != 1 {
			t.Errorf("the create form does not check the post")
		}
		op.post("/a/kota-magelang/jobfit", url.Values{"posts": {"x"}}).want(http.StatusUnprocessableEntity)

		v := a.signIn("viewer")
		p = v.get(fmt.Sprintf("/a/kota-magelang/jobfit?posts=%d", target.ID)).want(http.StatusOK)
		if n := len(p.all("button[formmethod=post]")); n != 0 {
			t.Errorf("the viewer is offered to keep a run")
		}
		if n := len(p.all("table.table tbody tr")); n < 1 {
			t.Errorf("the viewer sees no kept run")
		}
		v.post("/a/kota-magelang/jobfit", url.Values{"posts": {fmt.Sprint(target.ID)}}).want(http.StatusForbidden)
		a.signIn("lain").get("/a/kota-magelang/jobfit").want(http.StatusNotFound)
	})
}
