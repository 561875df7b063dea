package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"merit/internal/testdb"
	"merit/sqldb"
)

// TestBrowserSelfService drives Chromium through an usulan perubahan data:
// the employee signs in with their NIP, sees only their own record, proposes
// a new phone number with a PNG; an operator opens the queue and accepts;
// the employee sees the proposal accepted and the new number on the profile.
func TestBrowserSelfService(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	a := &app{t: t, db: db}
	a.agency, a.other = seed(t, db, 10)
	createEmployeeAccount(t, a)
	b := startBrowser(t, db)
	png := filepath.Join(t.TempDir(), "bukti-hp.png")
	if err := os.WriteFile(png, onePixelPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	signIn := func(username string) {
		t.Helper()
		if b.count(`form[action="/keluar"] button`) > 0 {
			b.do("sign out", chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)), chromedp.WaitVisible(chromedp.ID("username")))
		}
		b.do("sign in as "+username, chromedp.Navigate(b.base+"/masuk"), chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), username), chromedp.SendKeys(chromedp.ID("password"), password),
			chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS(".user-name")))
	}

	signIn(sitiNIP)
	b.do("own page", chromedp.WaitVisible(chromedp.ID("data-utama")))
	if got := b.text("h1"); got != "Siti Aminah, S.Psi., M.M." {
		t.Errorf("own page heading %q", got)
	}
	if n := b.count("nav.nav a"); n != 2 || b.text("nav.nav") != "Data saya Survei" { // the own record and the employee survey
		t.Errorf("navigation: %d links (%q)", n, b.text("nav.nav"))
	}
	if n := b.count(`a[href*="/pegawai"]`); n != 0 {
		t.Errorf("%d links to the registry on the own page", n)
	}

	b.do("open the form", chromedp.Click(chromedp.CSS(`a[href="/saya/usulan"]`)), chromedp.WaitVisible(chromedp.ID("f-attachment")))
	b.do("propose", chromedp.Clear(chromedp.ID("f-phone")), chromedp.SendKeys(chromedp.ID("f-phone"), "0813-5555-7777"),
		chromedp.SendKeys(chromedp.ID("f-reason"), "Nomor HP lama hilang"),
		chromedp.SetUploadFiles(chromedp.ID("f-attachment"), []string{png}), chromedp.Submit(chromedp.ID("f-reason")),
		chromedp.WaitVisible(chromedp.ID("usulan")))
	if got := b.text("#usulan td.proposal-status"); got != "Menunggu" {
		t.Errorf("status after proposing %q", got)
	}
	if got := b.text("#usulan tbody"); !strings.Contains(got, "0813-5555-7777") || !strings.Contains(got, "bukti-hp.png") {
		t.Errorf("own proposal %q", got)
	}

	signIn("operator")
	b.do("open the queue", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/usulan"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.proposals")))
	b.do("open the proposal", chromedp.Click(chromedp.CSS("table.proposals tbody a")),
		chromedp.WaitVisible(chromedp.ID("f-decisionReason")))
	if got := b.text("table.changes tbody"); !strings.Contains(got, "0812-2700-1234") || !strings.Contains(got, "0813-5555-7777") {
		t.Errorf("proposal changes %q", got)
	}
	b.do("accept", chromedp.Click(chromedp.CSS(`form[action$="/terima"] button`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if got := b.text(".flash"); !strings.Contains(got, "diterima") {
		t.Errorf("flash after accept %q", got)
	}

	signIn(sitiNIP)
	b.do("own page again", chromedp.WaitVisible(chromedp.ID("usulan")))
	if got := b.text("#usulan td.proposal-status"); got != "Diterima" {
		t.Errorf("status after accept %q", got)
	}
	if got := b.text("#data-utama"); !strings.Contains(got, "0813-5555-7777") {
		t.Errorf("profile after accept %q", got)
	}
}
