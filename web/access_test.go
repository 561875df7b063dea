package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// A user of one agency finds nothing of another agency: every page answers
// 404 (not 403, which would confirm the record exists), and posts change
// nothing.
func TestAgencyIsolation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		siti := a.siti()
		other, _, err := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: a.other.ID})
		if err != nil || len(other) != 1 {
			t.Fatal(len(other), err)
		}
		lain := a.signIn("lain") // admin of kab-semarang only
		sitiURL := a.profileURL(siti)
		for _, path := range []string{
			"/a/kota-magelang", "/a/kota-magelang/pegawai", sitiURL, sitiURL + "/ubah", sitiURL + "/hapus",
			sitiURL + "/riwayat/diklat/baru", "/a/kota-magelang/unit", "/a/kota-magelang/impor",
			"/a/kota-magelang/pegawai/ekspor?format=csv", "/a/kota-magelang/impor/templat?format=csv",
			"/a/kota-magelang/pengguna", "/a/kota-magelang/pengguna/baru",
			"/a/kota-magelang/jabatan", "/a/kota-magelang/jabatan/baru", fmt.Sprintf("/a/kota-magelang/jabatan/%d/ubah", siti.PositionID),
			fmt.Sprintf("/a/kota-magelang/jabatan/%d/hapus", siti.PositionID), "/a/kota-magelang/talenta/aturan",
		} {
			p := lain.get(path).want(http.StatusNotFound)
			if got := textOf(p.one("h1")); got != "Halaman tidak ditemukan" {
				t.Errorf("%s: heading %q", path, got)
			}
			if strings.Contains(p.body, "Siti") || strings.Contains(p.body, "Kota Magelang") {
				t.Errorf("%s: the 404 page shows the other agency's data", path)
			}
		}
		for path, form := range map[string]url.Values{
			"/a/kota-magelang/pegawai/baru":                                   newEmployeeForm(),
			sitiURL + "/ubah":                                                 newEmployeeForm(),
			sitiURL + "/hapus":                                                nil,
			sitiURL + "/riwayat/penghargaan/baru":                             {"title": {"Palsu"}, "start": {"2020-01-01"}},
			"/a/kota-magelang/unit":                                           {"name": {"Unit Palsu"}},
			fmt.Sprintf("/a/kota-magelang/unit/%d/ubah", siti.UnitID):         {"name": {"Diganti"}},
			"/a/kota-magelang/jabatan/baru":                                   {"unitId": {fmt.Sprint(siti.UnitID)}, "name": {"Palsu"}, "jenis": {"PELAKSANA"}},
			fmt.Sprintf("/a/kota-magelang/jabatan/%d/ubah", siti.PositionID):  {"unitId": {fmt.Sprint(siti.UnitID)}, "name": {"Palsu"}, "jenis": {"PELAKSANA"}},
			fmt.Sprintf("/a/kota-magelang/jabatan/%d/hapus", siti.PositionID): nil,
			"/a/kota-magelang/talenta/aturan":                                 ruleForm("0"),
		} {
			lain.post(path, form).want(http.StatusNotFound)
		}
		lain.postFile("/a/kota-magelang/impor", "pegawai.csv", employeeCSV(goodRow), nil).want(http.StatusNotFound)
		if _, total, _ := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: a.agency.ID}); total != 4 {
			t.Errorf("kota-magelang has %d employees after the other agency's posts, want 4", total)
		}
		if got := a.siti(); got.Name != "Siti Aminah" {
			t.Errorf("Siti changed to %q", got.Name)
		}
		units, _ := db.FindUnits(testdb.System(), a.agency.ID)
		for _, u := range units {
			if u.Name == "Unit Palsu" || u.Name == "Diganti" {
				t.Errorf("unit %q written by another agency's user", u.Name)
			}
		}

		// An operator of kota-magelang cannot reach kab-semarang's employee,
		// neither under its own agency's path nor under the other's.
		op := a.signIn("operator")
		op.get(fmt.Sprintf("/a/kota-magelang/pegawai/%d", other[0].ID)).want(http.StatusNotFound)
		op.get(fmt.Sprintf("/a/kab-semarang/pegawai/%d", other[0].ID)).want(http.StatusNotFound)
		op.get("/a/kab-semarang").want(http.StatusNotFound)
		op.post(fmt.Sprintf("/a/kota-magelang/pegawai/%d/hapus", other[0].ID), nil).want(http.StatusNotFound)
		if _, err := db.FindEmployeeByID(testdb.System(), a.other.ID, other[0].ID); err != nil {
			t.Errorf("kab-semarang's employee is gone: %v", err)
		}
		// Unknown paths and agencies are plain 404 pages too.
		op.get("/a/tidak-ada").want(http.StatusNotFound)
		op.get("/tidak/ada").want(http.StatusNotFound)
	})
}

// A viewer sees no edit controls; the storage layer refuses a forged post
// with 403 whatever the page showed.
func TestViewerCannotWrite(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		siti := a.siti()
		v := a.signIn("viewer")

		p := v.get("/a/kota-magelang").want(http.StatusOK)
		if n := len(p.all("nav.nav a[href=/a/kota-magelang/impor]")) + len(p.all("nav.nav a[href=/a/kota-magelang/pengguna]")); n != 0 {
			t.Errorf("viewer's menu offers the import or the users")
		}
		if got := textOf(p.one(".user-role")); got != "Peninjau" {
			t.Errorf("role shown as %q", got)
		}
		p = v.get("/a/kota-magelang/pegawai").want(http.StatusOK)
		if n := len(p.all(".page-head .actions a")); n != 0 {
			t.Errorf("viewer's list offers %d actions (add, export)", n)
		}
		p = v.get("/a/kota-magelang/unit").want(http.StatusOK)
		if n := len(p.all("details.add-unit")) + len(p.all("td.row-actions")); n != 0 {
			t.Errorf("viewer's unit tree offers edits")
		}

		sitiURL := a.profileURL(siti)
		for _, path := range []string{"/a/kota-magelang/pegawai/baru", sitiURL + "/ubah", sitiURL + "/hapus",
			sitiURL + "/riwayat/diklat/baru", "/a/kota-magelang/impor", "/a/kota-magelang/pegawai/ekspor?format=csv",
			fmt.Sprintf("/a/kota-magelang/unit/%d/ubah", siti.UnitID), "/a/kota-magelang/pengguna", "/a/kota-magelang/pengguna/baru",
			"/a/kota-magelang/jabatan/baru", fmt.Sprintf("/a/kota-magelang/jabatan/%d/ubah", siti.PositionID)} {
			p := v.get(path).want(http.StatusForbidden)
			if got := textOf(p.one("h1")); got != "Akses ditolak" {
				t.Errorf("%s: heading %q", path, got)
			}
		}
		unreadable := newEmployeeForm()
		unreadable.Set("birthDate", "bukan tanggal")
		for path, form := range map[string]url.Values{
			"/a/kota-magelang/pegawai/baru":       newEmployeeForm(),
			"/a/kota-magelang/pegawai/baru#bad":   unreadable,
			sitiURL + "/ubah":                     newEmployeeForm(),
			sitiURL + "/hapus":                    nil,
			sitiURL + "/riwayat/penghargaan/baru": {"title": {"Palsu"}, "start": {"2020-01-01"}},
			"/a/kota-magelang/unit":               {"name": {"Unit Palsu"}},
			"/a/kota-magelang/jabatan/baru":       {"unitId": {fmt.Sprint(siti.UnitID)}, "name": {"Palsu"}, "jenis": {"PELAKSANA"}},
			"/a/kota-magelang/jabatan/baru#bad":   {"name": {"Palsu"}, "kelasJabatan": {"tujuh"}},
		} {
			v.post(strings.TrimSuffix(path, "#bad"), form).want(http.StatusForbidden)
		}
		p = v.postFile("/a/kota-magelang/impor", "pegawai.csv", []byte("nipBaru,nama\n"), nil).want(http.StatusForbidden)
		if _, total, _ := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: a.agency.ID}); total != 4 {
			t.Errorf("%d employees after the viewer's posts, want 4", total)
		}
		if got := a.siti(); got.Name != "Siti Aminah" {
			t.Errorf("Siti changed to %q", got.Name)
		}
	})
}
