package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/tabular"
)

// meritApp is the test app with an evaluator of kota-magelang and a draft
// assessment of 2024 on the KASN instrument, every indicator but skip
// filled at level 3.
func meritApp(t *testing.T, db *sqldb.DB, skip string) (*app, *sqldb.MeritAssessment) {
	t.Helper()
	a := newApp(t, db, 3)
	sys := testdb.System()
	createUser(t, db, "evaluator", merit.Grant{AgencyID: a.agency.ID, Role: merit.RoleEvaluator})
	m, err := db.CreateMeritAssessment(sys, a.agency.ID, 2024, evaluation.Seed(evaluation.InstrumentKASN2018).Ref())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Entries {
		if e.Indicator != skip {
			if err := db.SetSelfLevel(sys, a.agency.ID, m.ID, e.Indicator, 3, "Sudah berjalan."); err != nil {
				t.Fatal(err)
			}
		}
	}
	return a, m
}

// pdfToText extracts a PDF's text with poppler's pdftotext.
func pdfToText(t *testing.T, pdf string) string {
	t.Helper()
	if !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = strings.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// createUser adds a user with the test password and the grants.
func createUser(t *testing.T, db *sqldb.DB, name string, grants ...merit.Grant) *merit.User {
	t.Helper()
	hash, err := auth.HashPassword(password, auth.Cheap)
	if err != nil {
		t.Fatal(err)
	}
	u := &merit.User{Username: name, Name: "Pengguna " + name, Grants: grants}
	if err := db.CreateUser(testdb.System(), u, hash); err != nil {
		t.Fatal(err)
	}
	return u
}

// The operator's flow on the pages: a missing level stops the submission
// with its indicator named; a level, evidence (checked by content) and the
// submission; the official score stays empty until verified.
func TestMeritAssessmentPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, m := meritApp(t, db, "1.3")
		op := a.signIn("operator")
		base := "/a/kota-magelang/sistem-merit/" + strconv.FormatInt(m.ID, 10)
		p := op.get("/a/kota-magelang/sistem-merit").want(http.StatusOK)
		if got := p.texts("table.merit-years tbody td"); len(got) < 3 || got[0] != "2024" || got[2] != "Draf" {
			t.Errorf("years row %q", got)
		}
		p = op.post(base+"/kirim", nil).want(http.StatusUnprocessableEntity)
		if got := textOf(p.one(".error-summary")); !strings.Contains(got, "Indikator 1.3: ") || !strings.Contains(got, "Tim penilai mandiri: wajib diisi") {
			t.Errorf("errors %q do not name indicator 1.3 and the team", got)
		}
		op.post(base+"/tim", url.Values{"team": {"Budi Santoso; ketua\nSiti Aminah\n"}}).want(http.StatusOK)
		p = op.post(base+"/indikator/1.3", url.Values{"level": {"4"}, "narrative": {"SKJ lengkap."}}).want(http.StatusOK)
		if got := textOf(p.one(`#self-total`)); got != "303 · Baik" { // 28 at 3, 1.3 (weight 3) at 4
			t.Errorf("self total %q", got)
		}
		p = op.postFile(base+"/indikator/1.3/bukti", "skrip.exe", []byte("MZ\x90\x00"), nil).want(http.StatusUnprocessableEntity)
		p = op.postFile(base+"/indikator/1.3/bukti", "peta.pdf", []byte("%PDF-1.4\n%%EOF\n"), nil).want(http.StatusOK)
		links := p.all(`article[id=i-1.3] ul.evidence a`)
		if len(links) != 1 {
			t.Fatalf("%d evidence links", len(links))
		}
		f := op.get(attr(links[0], "href")).want(http.StatusOK)
		if f.body != "%PDF-1.4\n%%EOF\n" || f.header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(f.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download: %q %v", f.body, f.header)
		}
		// Suggestions from the agency's data: no talent review on record
		// suggests level 1 on 3.6; accepting takes it, and it stays shown.
		p = op.post(base+"/saran", nil).want(http.StatusOK)
		if got := textOf(p.one(`p[id=s-3.6]`)); !strings.Contains(got, "Saran dari data: tingkat 1.") || !strings.Contains(got, "Belum ada review talenta") {
			t.Errorf("suggestion on 3.6: %q", got)
		}
		p = op.post(base+"/indikator/3.6", url.Values{"level": {"1"}, "narrative": {"Belum ada review talenta."}}).want(http.StatusOK)
		if got := textOf(p.one(`p[id=s-3.6] .tag`)); got != "diterima" {
			t.Errorf("suggestion use %q, want diterima", got)
		}
		p = op.post(base+"/kirim", nil).want(http.StatusOK)
		if got := textOf(p.one("#status")); got != "Dikirim" {
			t.Errorf("status %q", got)
		}
		if got := textOf(p.one("#official-score")); got != "Belum diverifikasi" {
			t.Errorf("official score before verification %q", got)
		}
		op.post(base+"/indikator/1.3", url.Values{"level": {"1"}}).want(http.StatusConflict)
		pdf := op.get(base + "/laporan.pdf").want(http.StatusOK)
		text := pdfToText(t, pdf.body)
		sum := sha256.Sum256([]byte("%PDF-1.4\n%%EOF\n"))
		for _, want := range []string{"Penilaian Sistem Merit 2024", "Pemerintah Kota Magelang", "Belum diverifikasi", "Indeks bukti dukung",
			"peta.pdf", hex.EncodeToString(sum[:])[:24], "Belum ada review talenta"} {
			if !strings.Contains(strings.Join(strings.Fields(text), ""), strings.Join(strings.Fields(want), "")) {
				t.Errorf("report lacks %q:\n%s", want, text)
			}
		}
	})
}

// The evaluator's flow on the pages: the queue across agencies, the
// verification page with the self level, evidence and the data's
// suggestion, verified levels (self levels never count), the official
// score, penetapan, the ranking with counts and the exports.
func TestMeritVerificationPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, m := meritApp(t, db, "")
		sys := testdb.System()
		if err := db.SetMeritTeam(sys, a.agency.ID, m.ID, []evaluation.TeamMember{{Name: "Budi Santoso", Role: "ketua"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitMeritAssessment(sys, a.agency.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		base := "/a/kota-magelang/sistem-merit/" + strconv.FormatInt(m.ID, 10)
		ev := a.signIn("evaluator")
		p := ev.get("/evaluator").want(http.StatusOK)
		if got := p.texts("#queue tbody tr td"); len(got) < 2 || got[0] != "Pemerintah Kota Magelang" || got[1] != "2024" {
			t.Errorf("queue %q", got)
		}
		// The operator cannot verify; the evaluator cannot fill self levels.
		op := a.signIn("operator")
		op.get(base + "/verifikasi").want(http.StatusForbidden)
		op.post(base+"/verifikasi/1.1", url.Values{"level": {"4"}}).want(http.StatusForbidden)
		op.get("/evaluator").want(http.StatusForbidden)
		ev.post(base+"/indikator/1.1", url.Values{"level": {"4"}}).want(http.StatusForbidden)

		p = ev.get(base + "/verifikasi").want(http.StatusOK)
		if n := len(p.all("form.merit-verify")); n != 29 {
			t.Errorf("%d verification forms, want 29", n)
		}
		// Completing with levels missing names them.
		p = ev.post(base+"/verifikasi", nil).want(http.StatusUnprocessableEntity)
		if got := textOf(p.one(".error-summary")); !strings.Contains(got, "Indikator 1.1: ") {
			t.Errorf("errors %q", got)
		}
		for _, e := range m.Entries {
			level := "2" // every verified level below the self level of 3
			ev.post(base+"/verifikasi/"+e.Indicator, url.Values{"level": {level}, "note": {"Bukti sebagian."}}).want(http.StatusOK)
		}
		p = ev.post(base+"/verifikasi", nil).want(http.StatusOK)
		if got := textOf(p.one("#official-score")); got != "200 · Kurang" {
			t.Errorf("official score %q, want 200 · Kurang (verified levels only)", got)
		}
		p = ev.post(base+"/tetapkan", url.Values{"decree": {""}}).want(http.StatusUnprocessableEntity)
		p = ev.post(base+"/tetapkan", url.Values{"decree": {"B-123/KASN/2024"}}).want(http.StatusOK)
		if got := textOf(p.one("#status")); got != "Ditetapkan" {
			t.Errorf("status %q", got)
		}
		p = ev.get("/a/kota-magelang/sistem-merit").want(http.StatusOK)
		if got := p.texts("table.merit-years tbody td"); len(got) < 5 || got[3] != "200" || got[4] != "Kurang" {
			t.Errorf("years row %q", got)
		}
		if got := textOf(p.one("#next-due")); got != "Penilaian berikutnya jatuh pada tahun 2025 (Sangat Baik setiap dua tahun, kategori lain setiap tahun)." {
			t.Errorf("next due %q", got)
		}
		if len(p.all("#chart svg")) != 1 || len(p.all("#fairness")) != 1 || len(p.all("#jpt")) != 1 {
			t.Errorf("the chart, fairness or JPT panel is missing")
		}
		// The JPT index: without selections every indicator needs the
		// evaluator's score; with them all, the index is computed.
		op.post("/a/kota-magelang/sistem-merit/jpt", url.Values{"year": {"2024"}}).want(http.StatusForbidden)
		ev.post("/a/kota-magelang/sistem-merit/jpt", url.Values{"year": {"2024"}}).want(http.StatusUnprocessableEntity)
		scores := url.Values{"year": {"2024"}}
		for _, d := range evaluation.SeedJPT().Dimensions {
			for _, ind := range d.Indicators {
				v := ind.Max
				if d.Sign < 0 {
					v = 0 // no violation
				}
				scores.Set("s-"+ind.Code, v.String())
			}
		}
		// A computed index outside the award bands is counted, and the
		// page says none is awarded (not that none is computed).
		zeros := url.Values{"year": {"2024"}}
		for k := range scores {
			if k != "year" {
				zeros.Set(k, "0")
			}
		}
		ev.post("/a/kota-magelang/sistem-merit/jpt", zeros).want(http.StatusOK)
		if got := textOf(ev.get("/evaluator?year=2024").want(http.StatusOK).one("#jpt .empty")); !strings.Contains(got, "1 instansi sudah dihitung") {
			t.Errorf("JPT panel with one index outside the award bands: %q", got)
		}
		p = ev.post("/a/kota-magelang/sistem-merit/jpt", scores).want(http.StatusOK)
		if got := textOf(p.one(".jpt-total")) + " " + textOf(p.one(".jpt-band")); got != "100 Sangat Baik" {
			t.Errorf("JPT index %q, want 100 Sangat Baik", got)
		}
		p = ev.get("/evaluator?year=2024").want(http.StatusOK)
		if got := p.texts("table.ranking tbody td"); len(got) < 5 || got[1] != "Pemerintah Kota Magelang" || got[3] != "200" || got[4] != "Kurang" {
			t.Errorf("ranking %q", got)
		}
		if got := textOf(p.one(".count-kurang")); got != "1" {
			t.Errorf("count Kurang %q", got)
		}
		if got := textOf(p.one(".jpt-count-sangat-baik")) + " " + textOf(p.one(".jpt-count-baik")) + " " + textOf(p.one(".jpt-awards")); got != "1 0 Pemerintah Kota Magelang · 100 · Sangat Baik" {
			t.Errorf("JPT counts and awards %q", got)
		}
		x := ev.get("/evaluator/ekspor?year=2024&format=xlsx").want(http.StatusOK)
		xr, err := tabular.NewReader(strings.NewReader(x.body), tabular.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for {
			row, err := xr.Next()
			if err != nil {
				break
			}
			rows = append(rows, []string{row.Cell(0), row.Cell(1), row.Cell(5), row.Cell(6)})
		}
		if len(rows) != 2 || strings.Join(rows[1], "|") != "1|Pemerintah Kota Magelang|200|Kurang" {
			t.Errorf("XLSX rows %q", rows)
		}
		x = ev.get("/evaluator/ekspor?year=2024&format=pdf").want(http.StatusOK)
		if text := pdfToText(t, x.body); !strings.Contains(text, "Pemerintah Kota Magelang") || !strings.Contains(text, "Kurang") ||
			!strings.Contains(text, "Indeks Kualitas Pengisian JPT 2024") {
			t.Errorf("PDF export:\n%s", text)
		}
		ev.get("/evaluator/ekspor?year=2024&format=doc").want(http.StatusUnprocessableEntity)

		// An evaluator of several agencies finds the view on the chooser.
		createUser(t, db, "evaluator2", merit.Grant{AgencyID: a.agency.ID, Role: merit.RoleEvaluator},
			merit.Grant{AgencyID: a.other.ID, Role: merit.RoleEvaluator})
		p = a.signIn("evaluator2").get("/").want(http.StatusOK)
		if got := attr(p.one("#evaluator-link"), "href"); got != "/evaluator" {
			t.Errorf("chooser's evaluator link %q", got)
		}
		if n := len(a.signIn("ganda").get("/").want(http.StatusOK).all("#evaluator-link")); n != 0 {
			t.Errorf("a non-evaluator's chooser links the evaluator's view")
		}
	})
}
