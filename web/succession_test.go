package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
)

// TestSuccessionPages walks the succession flow: the operator flags a JPT
// critical with reasons (none is refused), puts Siti (box 9) and a box-8
// colleague on its plan and sees JPM and boxes; the plan says why the post
// cannot be filled through talent management (no merit result) until the
// admin records a Baik result, and then the PPK fills it; a viewer reads
// but cannot write; the dashboard shows bench strength; the PDF report
// holds the plan.
func TestSuccessionPages(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			a := newApp(t, db, 20)
			ctx := testdb.System()
			code := a.agency.Code
			base := "/a/" + code + "/suksesi"
			ppk := &merit.User{Username: "ppk", Name: "Wali Kota", Grants: []merit.Grant{{AgencyID: a.agency.ID, Role: merit.RolePPK}}}
			hash, err := auth.HashPassword(password, auth.Cheap)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateUser(ctx, ppk, hash); err != nil {
				t.Fatal(err)
			}
			siti := a.siti()
			positions, err := db.FindPositions(ctx, a.agency.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			var kaban int64
			for _, p := range positions {
				if p.Name == "Kepala Badan" {
					kaban = p.ID
				}
			}
			others, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.agency.ID, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			var colleague *merit.Employee
			for _, e := range others {
				if e.ID != siti.ID && e.PositionID != kaban {
					colleague = e
				}
			}
			// Placements of a talent review (written directly: the review's
			// own tests cover how they are computed).
			raw := testdb.Raw(t, dsn)
			if _, err := raw.Exec(`INSERT INTO talent_review (agency_id, id, year, performance_year, name, rule_version, scheme, reviewed_on, created_by, created_at)
				VALUES ($1, 1, 2026, 2025, 'Review', 0, 'permenpanrb', '2026-03-01', 'test', '2026-03-01 00:00:00')`, a.agency.ID); err != nil {
				t.Fatal(err)
			}
			for id, box := range map[int64]int{siti.ID: 9, colleague.ID: 8} {
				if _, err := raw.Exec(`INSERT INTO talent_placement (agency_id, review_id, employee_id, mapped, performance, potential, box,
					performance_score, potential_score, points, final_performance, final_potential, final_box) VALUES ($1, 1, $2, TRUE, 0, 0, $3, 0, 0, '[]', 0, 0, $3)`,
					a.agency.ID, id, box); err != nil {
					t.Fatal(err)
				}
			}

			op := a.signIn("operator")
			if p := op.get(base).want(200); !strings.Contains(p.text(), "Belum ada jabatan kritikal") {
				t.Errorf("overview:\n%s", p.text())
			}
			pos := strconv.FormatInt(kaban, 10)
			op.post(base+"/kritikal", url.Values{"positionId": {pos}}).want(422)
			plan := op.post(base+"/kritikal", url.Values{"positionId": {pos}, "reasons": {"strategic", "scarce"}, "note": {"Memimpin BKPSDM"}}).want(200)
			if plan.path != base+"/jabatan/"+pos || !strings.Contains(plan.text(), "Kompetensi langka") {
				t.Fatalf("after flagging at %s:\n%s", plan.path, plan.text())
			}
			op.post(base+"/jabatan/"+pos+"/kandidat", url.Values{"employeeId": {strconv.FormatInt(colleague.ID, 10)}, "rank": {"1"}, "readiness": {"1-2y"}}).want(200)
			plan = op.post(base+"/jabatan/"+pos+"/kandidat", url.Values{"employeeId": {strconv.FormatInt(siti.ID, 10)}, "rank": {"1"},
				"readiness": {"now"}, "development": {"Kepemimpinan strategis"}}).want(200)
			rows := plan.texts("table.candidates tbody tr")
			if len(rows) != 2 || !strings.Contains(rows[0], "Siti Aminah") || !strings.Contains(rows[0], "Siap sekarang") {
				t.Fatalf("candidates %q", rows)
			}
			// A talent outside the pool is refused with the reason.
			p := op.post(base+"/jabatan/"+pos+"/kandidat", url.Values{"employeeId": {strconv.FormatInt(others[0].ID, 10)}, "rank": {"1"}, "readiness": {"now"}})
			if others[0].ID != siti.ID && others[0].ID != colleague.ID {
				p.want(422)
				if !strings.Contains(p.text(), "tidak berada di kelompok rencana suksesi") {
					t.Errorf("refusal:\n%s", p.text())
				}
			}
			if !strings.Contains(plan.text(), "hasil penilaian sistem merit instansi belum dicatat") {
				t.Errorf("plan does not say why the JPT cannot be filled:\n%s", plan.text())
			}

			viewer := a.signIn("viewer")
			viewer.get(base + "/jabatan/" + pos).want(200)
			viewer.post(base+"/jabatan/"+pos+"/kandidat", url.Values{"employeeId": {"1"}}).want(403)
			op.post(base+"/merit", url.Values{"year": {"2025"}}).want(403)

			admin := a.signIn("admin")
			admin.post(base+"/merit", url.Values{"year": {"2025"}, "score": {"263,5"}, "category": {"baik"}, "decree": {"B-100/KASN/12/2025"},
				"decidedOn": {"2025-12-10"}}).want(200)
			boss := a.signIn("ppk")
			plan = boss.get(base + "/jabatan/" + pos).want(200)
			if !strings.Contains(plan.text(), "Dapat diisi melalui manajemen talenta oleh Siti Aminah") {
				t.Fatalf("fill allowed not shown:\n%s", plan.text())
			}
			plan = boss.post(base+"/jabatan/"+pos+"/isi", nil).want(200)
			if !strings.Contains(plan.text(), "Penetapan pengisian") {
				t.Errorf("fill not recorded:\n%s", plan.text())
			}
			admin.post(base+"/jabatan/"+pos+"/isi", nil).want(403)

			dash := op.get("/a/" + code).want(200)
			if !strings.Contains(dash.text(), "Kekuatan bangku cadangan") || !strings.Contains(dash.text(), "100,00 %") {
				t.Errorf("dashboard:\n%s", dash.text())
			}

			pdf := op.get(base + "/laporan.pdf").want(200)
			if ct := pdf.header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(pdf.body, "%PDF-") {
				t.Fatalf("report: %s %q", ct, pdf.body[:min(20, len(pdf.body))])
			}
			cmd := exec.Command("pdftotext", "-layout", "-", "-")
			cmd.Stdin = strings.NewReader(pdf.body)
			var out bytes.Buffer
			cmd.Stdout = &out
			if err := cmd.Run(); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			for _, want := range []string{"Laporan Manajemen Talenta", "Pemerintah Kota Magelang", "Kekuatan bangku cadangan", "Kepala Badan",
				"Dampak strategis", "Siti Aminah", "Siap sekarang", "Kepemimpinan strategis", "Baik", "B-100/KASN/12/2025"} {
				if !strings.Contains(text, want) {
					t.Errorf("report lacks %q:\n%s", want, text)
				}
			}

			// Unflagging removes the plan.
			op.post(base+"/jabatan/"+pos+"/hapus", nil).want(200)
			op.get(base + "/jabatan/" + pos).want(http.StatusNotFound)
		})
	}
}
