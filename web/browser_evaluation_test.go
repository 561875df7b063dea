package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestBrowserMeritEvaluation drives Chromium through the merit-system
// evaluation: the operator sets the self level of one indicator with a
// narrative and an evidence upload (every other indicator is already
// filled) and submits; the evaluator finds it in the verification queue,
// verifies that indicator (the others already verified), completes the
// verification, and the official score from verified levels shows.
func TestBrowserMeritEvaluation(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	magelang, _ := seed(t, db, 5)
	sys := testdb.System()
	createUser(t, db, "evaluator", merit.Grant{AgencyID: magelang.ID, Role: merit.RoleEvaluator})
	m, err := db.CreateMeritAssessment(sys, magelang.ID, 2024, evaluation.Seed(evaluation.InstrumentKASN2018).Ref())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeritTeam(sys, magelang.ID, m.ID, []evaluation.TeamMember{{Name: "Budi Santoso", Role: "ketua"}}); err != nil {
		t.Fatal(err)
	}
	const code = "1.3" // the indicator filled and verified in the browser
	for _, e := range m.Entries {
		if e.Indicator != code {
			if err := db.SetSelfLevel(sys, magelang.ID, m.ID, e.Indicator, 3, "Sudah berjalan."); err != nil {
				t.Fatal(err)
			}
		}
	}
	evidence := filepath.Join(t.TempDir(), "peta-jabatan.pdf")
	if err := os.WriteFile(evidence, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	b := startBrowser(t, db)
	do, text, count := b.do, b.text, b.count
	ind := `article[id="i-` + code + `"] `
	signIn := func(user string) {
		do("sign in as "+user, chromedp.Navigate(b.base+"/masuk"), chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), user), chromedp.SendKeys(chromedp.ID("password"), password),
			chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS(".user-name")))
	}

	// The operator opens the year from the agency's merit page.
	signIn("operator")
	do("open the merit page", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/sistem-merit"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.merit-years")))
	do("open 2024", chromedp.Click(chromedp.CSS(`table.merit-years a`)), chromedp.WaitVisible(chromedp.ID("self-total")))
	if got := text("#self-total"); got != "28 dari 29 indikator terisi" {
		t.Errorf("self total before %q", got)
	}
	// Self level and narrative, then the evidence.
	do("set the level", chromedp.Click(chromedp.CSS(ind+`input[name=level][value="4"]`)),
		chromedp.SendKeys(chromedp.CSS(ind+"textarea"), "Peta jabatan dan SKJ ditetapkan untuk semua jabatan."),
		chromedp.Click(chromedp.CSS(ind+`form.merit-self button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if got := text(".flash"); got != "Indikator 1.3 disimpan." {
		t.Errorf("flash %q", got)
	}
	if got := text(ind + ".self-level"); got != "4" {
		t.Errorf("self level shown %q", got)
	}
	do("upload the evidence", chromedp.SetUploadFiles(chromedp.CSS(ind+`input[type=file]`), []string{evidence}),
		chromedp.Click(chromedp.CSS(ind+`form.merit-evidence button`)), chromedp.WaitVisible(chromedp.CSS(ind+"ul.evidence")))
	if got := text(ind + "ul.evidence a"); got != "peta-jabatan.pdf" {
		t.Errorf("evidence listed %q", got)
	}
	// The self total shows, labelled as such; no official score yet.
	if got := text("#self-total"); got != "303 · Baik" {
		t.Errorf("self total %q, want 303 · Baik", got)
	}
	if got := text("#official-score"); got != "Belum diverifikasi" {
		t.Errorf("official score before verification %q", got)
	}
	do("submit", chromedp.Click(chromedp.ID("submit-assessment")), chromedp.WaitNotPresent(chromedp.ID("submit-assessment")))
	if got := text("#status"); got != "Dikirim" {
		t.Errorf("status after submitting %q", got)
	}
	if n := count("form.merit-self"); n != 0 {
		t.Errorf("%d self-level forms after submitting, want 0", n)
	}

	// The evaluator verifies: every indicator but one is verified already.
	for _, e := range m.Entries {
		if e.Indicator != code {
			if err := db.VerifyIndicator(sys, magelang.ID, m.ID, e.Indicator, 3, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	do("sign out", chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)), chromedp.WaitVisible(chromedp.ID("username")))
	signIn("evaluator")
	do("open the evaluator's view", chromedp.Navigate(b.base+"/evaluator"), chromedp.WaitVisible(chromedp.ID("queue")))
	if got := text("#queue tbody tr td"); got != "Pemerintah Kota Magelang" {
		t.Errorf("queue's first agency %q", got)
	}
	do("open the verification", chromedp.Click(chromedp.CSS("#queue tbody a")), chromedp.WaitVisible(chromedp.CSS(ind+"form.merit-verify")))
	if got := text(ind + ".self-level"); got != "4" {
		t.Errorf("self level the evaluator sees %q", got)
	}
	if got := text(ind + "ul.evidence a"); got != "peta-jabatan.pdf" {
		t.Errorf("evidence the evaluator sees %q", got)
	}
	do("verify the indicator", chromedp.Click(chromedp.CSS(ind+`input[name=level][value="2"]`)),
		chromedp.SendKeys(chromedp.CSS(ind+"textarea"), "SKJ baru untuk sebagian jabatan."),
		chromedp.Click(chromedp.CSS(ind+"form.merit-verify button")), chromedp.WaitVisible(chromedp.CSS(ind+".verified-level")))
	if got := text(ind + ".verified-level"); got != "2" {
		t.Errorf("verified level %q", got)
	}
	do("complete the verification", chromedp.Click(chromedp.ID("complete-verification")), chromedp.WaitNotPresent(chromedp.ID("complete-verification")))
	// 30 indicators verified at 3 (300 − 3 × 3 for 1.3's weight of 3) and
	// 1.3 at 2: 291 + 6 = 297, Baik; the self level 4 does not count.
	if got := text("#official-score"); got != "297 · Baik" {
		t.Errorf("official score %q, want 297 · Baik", got)
	}
	if got := text("#status"); got != "Terverifikasi" {
		t.Errorf("status %q", got)
	}
}
