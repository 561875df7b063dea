package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
)

// An operator rates Siti (an Ahli Muda) on the SKP page: the form gives the
// predikat by the matrix, the SKP tab shows it with its angka kredit, the
// list filters by it; a bad form is answered with its fields; the
// organisation predikat shows a soft warning; a viewer reads and cannot
// rate; the results import reports rows and stores all or nothing.
func TestSKPPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		siti := a.siti()
		op := a.signIn("operator")
		year := merit.Today().Year() - 1
		q := "?tahun=" + strconv.Itoa(year) + "&periode=TAHUNAN"
		base := fmt.Sprintf("/a/kota-magelang/pegawai/%d/kinerja", siti.ID)

		list := op.get("/a/kota-magelang/kinerja").want(http.StatusOK)
		if n := len(list.all("table.skp-list tbody tr")); n != 13 {
			t.Errorf("SKP page lists %d employees, want 13", n)
		}
		form := op.get(base + "/nilai" + q).want(http.StatusOK)
		if got := attr(form.one("select#f-jenjang option[selected]"), "value"); got != "AHLI_MUDA" {
			t.Errorf("jenjang pre-filled %q, want AHLI_MUDA", got)
		}
		bad := op.post(base+"/nilai"+q, url.Values{"hasilKerja": {"DI_ATAS"}}).want(http.StatusUnprocessableEntity)
		if n := len(bad.all(".error-summary li")); n != 7 {
			t.Errorf("%d errors for a form without the seven values, want 7", n)
		}
		v := url.Values{"hasilKerja": {"DI_ATAS"}, "jenjang": {"AHLI_MUDA"}}
		for i, val := range performance.Values {
			r := "DI_ATAS"
			if i >= 4 {
				r = "SESUAI"
			}
			v.Set("berakhlak."+strings.ToLower(string(val)), r)
		}
		tab := op.post(base+"/nilai"+q, v).want(http.StatusOK)
		if got := textOf(tab.one(".flash")); !strings.Contains(got, "Sangat Baik") {
			t.Errorf("flash %q, want the predikat Sangat Baik", got)
		}
		row := tab.one("table.skp-history tbody tr")
		if got := textOf(row); !strings.Contains(got, "Sangat Baik") || !strings.Contains(got, "37.50") {
			t.Errorf("SKP tab row %q, want Sangat Baik and 37.50 angka kredit (Ahli Muda 25 × 150%%)", got)
		}
		rated := op.get("/a/kota-magelang/kinerja" + q + "&predikat=SANGAT_BAIK").want(http.StatusOK)
		if got := rated.texts("table.skp-list tbody tr td.cell-name a"); len(got) != 1 || got[0] != "Siti Aminah" {
			t.Errorf("filter by predikat: %v", got)
		}

		// Organisation predikat: a warning when the unit departs from its curve.
		units, _ := db.FindUnits(testdb.System(), a.agency.ID)
		op.post("/a/kota-magelang/kinerja/unit", url.Values{"unit": {fmt.Sprint(units[0].ID)}, "tahun": {strconv.Itoa(year)}, "predikat": {"HEBAT"}}).want(http.StatusUnprocessableEntity)
		op.post("/a/kota-magelang/kinerja/unit", url.Values{"unit": {fmt.Sprint(siti.UnitID)}, "tahun": {strconv.Itoa(year)}, "predikat": {"BAIK"}}).want(http.StatusOK)
		up := op.get("/a/kota-magelang/kinerja/unit?tahun=" + strconv.Itoa(year)).want(http.StatusOK)
		if got := attr(up.one(fmt.Sprintf("select#org-%d option[selected]", siti.UnitID)), "value"); got != "BAIK" {
			t.Errorf("organisation predikat shown %q", got)
		}

		// A viewer reads the tab and the list, but gets no rating form.
		viewer := a.signIn("viewer")
		if n := len(viewer.get(base).want(http.StatusOK).all("table.skp-history details")); n != 0 {
			t.Errorf("viewer is offered deletion")
		}
		viewer.get(base + "/nilai" + q).want(http.StatusForbidden)
		viewer.post(base+"/nilai"+q, v).want(http.StatusForbidden)

		// Import: one bad row keeps the whole file out; fixed, it is stored.
		csv := "nipBaru;tahun;hasilKinerjaNilai;perilakuKerjaNilai;kuadranKinerjaNilai\n" +
			siti.NIP + ";" + strconv.Itoa(year-1) + ";Sesuai Ekspektasi;Di Bawah Ekspektasi;Kurang/Misconduct\n" +
			"199901012020011999;" + strconv.Itoa(year-1) + ";Sesuai Ekspektasi;Sesuai Ekspektasi;\n"
		imp := op.postFile("/a/kota-magelang/kinerja/impor", "skp.csv", []byte(csv), nil).want(http.StatusUnprocessableEntity)
		if got := imp.texts(".import-errors li"); len(got) != 1 || !strings.Contains(got[0], "baris 3") {
			t.Errorf("import errors %q", got)
		}
		csv = csv[:strings.LastIndex(strings.TrimSuffix(csv, "\n"), "\n")+1]
		op.postFile("/a/kota-magelang/kinerja/impor", "skp.csv", []byte(csv), nil).want(http.StatusOK)
		hist, err := db.EmployeeSKPs(testdb.System(), a.agency.ID, siti.ID)
		if err != nil || len(hist) != 2 || hist[1].Predikat != performance.Kurang || hist[1].Source != performance.SourceImport {
			t.Errorf("after import: %+v %v", hist, err)
		}
	})
}
