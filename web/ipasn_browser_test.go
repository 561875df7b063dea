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

// TestBrowserIPASN drives Chromium as an operator who rates an employee's
// SKP: the form gives the predikat, and the IP ASN panel of the profile
// moves from no SKP (kinerja 0) to Sangat Baik (kinerja 30), the total and
// the category with it; the agency page recomputes and shows the average.
func TestBrowserIPASN(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	a, _ := seed(t, db, 5)
	siti, err := db.FindEmployeeByNIP(testdb.System(), a.ID, sitiNIP)
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, db)
	base, do, text := b.base, b.do, b.text
	profile := base + "/a/kota-magelang/pegawai/" + strconv.FormatInt(siti.ID, 10)
	year := strconv.Itoa(merit.Today().Year() - 1)

	do("open", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("username")))
	do("sign in", chromedp.SendKeys(chromedp.ID("username"), "operator"),
		chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")))

	// Before: S-2 (20), a JF without functional or technical training (0),
	// no SKP last year (0), a teguran lisan more than five years ago (5).
	do("open the profile", chromedp.Navigate(profile), chromedp.WaitVisible(chromedp.ID("ip-asn")))
	if got := text("#ip-asn .ipasn-total"); got != "25" {
		t.Errorf("IP ASN before rating %q, want 25", got)
	}
	if got := text(`#ip-asn tr[data-dim="kinerja"]`); !strings.Contains(got, "0 dari 30") || !strings.Contains(got, "Belum ada SKP tahunan "+year) {
		t.Errorf("kinerja before rating %q", got)
	}

	// Rate last year's annual SKP: results and every BerAKHLAK value above
	// expectation give Sangat Baik.
	do("open the rating form", chromedp.Navigate(profile+"/kinerja/nilai?tahun="+year+"&periode=TAHUNAN"),
		chromedp.WaitVisible(chromedp.ID("f-hasilKerja")))
	actions := []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.ID("f-hasilKerja"), string(performance.Above))}
	for _, v := range performance.Values {
		sel := `select[name="berakhlak.` + strings.ToLower(string(v)) + `"]`
		actions = append(actions, chromedp.SetValue(chromedp.CSS(sel), string(performance.Above)))
	}
	actions = append(actions, chromedp.Submit(chromedp.ID("f-hasilKerja")), chromedp.WaitVisible(chromedp.ID("skp-history")))
	do("rate", actions...)
	if got := text(".flash"); !strings.Contains(got, "Sangat Baik") {
		t.Errorf("flash after rating %q, want the predikat Sangat Baik", got)
	}
	if got := text(`#skp-history tr[data-year="` + year + `"] .predikat`); got != "Sangat Baik" {
		t.Errorf("predikat in the history %q", got)
	}

	// After: kinerja 30, total 55 (Sangat Rendah still, ≤ 60).
	do("back to the profile", chromedp.Navigate(profile), chromedp.WaitVisible(chromedp.ID("ip-asn")))
	if got := text("#ip-asn .ipasn-total"); got != "55" {
		t.Errorf("IP ASN after rating %q, want 55", got)
	}
	if got := text(`#ip-asn tr[data-dim="kinerja"]`); !strings.Contains(got, "30 dari 30") || !strings.Contains(got, "Predikat kinerja "+year+": Sangat Baik") {
		t.Errorf("kinerja after rating %q", got)
	}

	// The agency page: recompute, then the average and the distribution.
	do("open the agency page", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/ipasn"]`)),
		chromedp.WaitVisible(chromedp.ID("ipasn-never")))
	do("recompute", chromedp.Click(chromedp.CSS(`form[action$="/ipasn/hitung"] button`)), chromedp.WaitVisible(chromedp.ID("ipasn-summary")))
	if got := text(".flash"); !strings.Contains(got, "IP ASN dihitung ulang: 6 pegawai") {
		t.Errorf("flash after recompute %q", got)
	}
	if got := text("#ipasn-categories tbody"); !strings.Contains(got, "Sangat Rendah") {
		t.Errorf("categories %q", got)
	}
}
