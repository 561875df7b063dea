package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
)

// TestBrowserSKP drives Chromium as an operator who finds an employee on the
// SKP page, rates last year's annual SKP (hasil kerja at expectation, four
// of the seven BerAKHLAK values above it) and sees the predikat Baik on the
// employee's SKP tab, reached from the profile's tabs, with its angka kredit.
func TestBrowserSKP(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	a, _ := seed(t, db, 5)
	siti, err := db.FindEmployeeByNIP(testdb.System(), a.ID, sitiNIP)
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, db)
	year := strconv.Itoa(merit.Today().Year() - 1)
	signInBrowser(b, "operator")

	// The SKP page for last year: Siti is not rated yet.
	b.do("open the SKP page", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/kinerja"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.skp-list")))
	row := `table.skp-list tr[data-employee="` + strconv.FormatInt(siti.ID, 10) + `"]`
	if got := b.text(row + " .predikat"); got != "Belum dinilai" {
		t.Errorf("Siti before rating: %q", got)
	}
	b.do("open the rating form", chromedp.Click(chromedp.CSS(row+" .row-actions a")), chromedp.WaitVisible(chromedp.ID("f-hasilKerja")))
	values := make([]performance.Rating, len(performance.Values))
	for i := range values {
		values[i] = performance.AsExp
		if i < 4 {
			values[i] = performance.Above
		}
	}
	rateInBrowser(b, performance.AsExp, values)
	if got := b.text(".flash"); !strings.Contains(got, "predikat Baik") {
		t.Errorf("flash after rating %q, want predikat Baik", got)
	}

	// The profile's Kinerja tab shows it, with 25 × 100 % angka kredit of an Ahli Muda.
	b.do("open the profile", chromedp.Navigate(b.base+"/a/kota-magelang/pegawai/"+strconv.FormatInt(siti.ID, 10)),
		chromedp.WaitVisible(chromedp.ID("data-utama")))
	b.do("open the SKP tab", chromedp.Click(chromedp.CSS(`nav.profile-tabs a[href$="/kinerja"]`)), chromedp.WaitVisible(chromedp.ID("skp-history")))
	sel := `#skp-history tr[data-year="` + year + `"][data-period="TAHUNAN"]`
	if got := b.text(sel + " .predikat"); got != "Baik" {
		t.Errorf("predikat on the SKP tab %q, want Baik", got)
	}
	if got := b.text(sel); !strings.Contains(got, "Sesuai ekspektasi Di atas ekspektasi") || !strings.Contains(got, "25.00") {
		t.Errorf("SKP row %q: want hasil kerja as expected, perilaku above (median of the seven), 25.00 angka kredit", got)
	}
}

// signInBrowser signs the browser in as a seeded user.
func signInBrowser(b *browserSession, username string) {
	b.do("open", chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.ID("username")))
	b.do("sign in", chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")))
}

// rateInBrowser fills the open SKP rating form with the hasil kerja and the
// seven BerAKHLAK values (in the order of performance.Values), submits it
// and waits for the SKP tab it leads to.
func rateInBrowser(b *browserSession, hasil performance.Rating, values []performance.Rating) {
	actions := []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.ID("f-hasilKerja"), string(hasil))}
	for i, v := range performance.Values {
		sel := `select[name="berakhlak.` + strings.ToLower(string(v)) + `"]`
		actions = append(actions, chromedp.SetValue(chromedp.CSS(sel), string(values[i])))
	}
	actions = append(actions, chromedp.Submit(chromedp.ID("f-hasilKerja")), chromedp.WaitVisible(chromedp.ID("skp-history")))
	b.do("rate", actions...)
}
