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

// The positions page lists every position with its unit, jenis, jenjang,
// kelas jabatan, critical flag and incumbents, filters by unit and jenis
// and searches by name; writers add and edit positions with field errors,
// and delete one no employee holds (a held one is refused with a clear
// message); a viewer sees no edit controls and is refused the forms.
func TestPositions(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 30)
		sys := testdb.System()
		base := "/a/kota-magelang/jabatan"
		u := a.signIn("operator")

		p := u.get(base).want(http.StatusOK)
		rows := p.all("table#positions tbody tr")
		all, _ := db.ListPositions(sys, sqldb.PositionFilter{AgencyID: a.agency.ID})
		if len(rows) != len(all) || len(rows) != 12 {
			t.Fatalf("%d rows, %d positions, want 12", len(rows), len(all))
		}
		if nav := p.all(`nav a[aria-current=page]`); len(nav) != 1 || attr(nav[0], "href") != base {
			t.Errorf("navigation does not mark the positions page")
		}
		siti := a.siti()
		for _, r := range rows {
			if attr(r, "data-position") == fmt.Sprint(siti.PositionID) {
				cells := childElements(r, "td")
				if textOf(cells[0]) != "Analis SDM Aparatur Ahli Muda" || textOf(cells[1]) != "Bidang Mutasi dan Promosi" ||
					textOf(cells[3]) != "Ahli Muda" || textOf(cells[6]) == "0" {
					t.Errorf("Siti's position row: %q", textOf(r))
				}
			}
		}
		if got := len(u.get(base + "?q=guru").all("table#positions tbody tr")); got != 2 {
			t.Errorf("search guru: %d rows, want 2", got)
		}
		if got := len(u.get(base + "?jenis=JPT_PRATAMA").all("table#positions tbody tr")); got != 3 {
			t.Errorf("filter JPT pratama: %d rows, want 3", got)
		}
		units, _ := db.FindUnits(sys, a.agency.ID)
		// The first OPD and its bidang: 2 + 3 positions.
		if got := len(u.get(fmt.Sprintf("%s?unit=%d", base, units[0].ID)).all("table#positions tbody tr")); got != 5 {
			t.Errorf("filter by the first OPD: %d rows, want 5", got)
		}
		// A long list is paged: the page shows pageSize positions, the
		// summary counts them all, and the next page holds the rest.
		const pageSize = 50 // web's list page
		for i := range pageSize + 3 {
			extra := &merit.Position{AgencyID: a.agency.ID, UnitID: units[0].ID, Name: fmt.Sprintf("Pengadministrasi Umum %02d", i), Jenis: "PELAKSANA"}
			if err := db.CreatePosition(sys, extra); err != nil {
				t.Fatal(err)
			}
		}
		p = u.get(base + "?q=pengadministrasi+umum").want(http.StatusOK)
		if got := len(p.all("table#positions tbody tr")); got != pageSize || !strings.Contains(p.text(), fmt.Sprint(pageSize+3)+" jabatan") {
			t.Errorf("first page: %d rows, summary %q", got, textOf(p.one("p.muted")))
		}
		next := p.one(`nav.pager a[rel=next]`)
		if got := len(u.get(attr(next, "href")).all("table#positions tbody tr")); got != 3 {
			t.Errorf("page 2 of %d matches: %d rows, want 3", pageSize+3, got)
		}
		p = u.get(base + "?q=tidak-ada").want(http.StatusOK)
		if len(p.all("table#positions")) != 0 || !strings.Contains(p.text(), "Tidak ada jabatan yang cocok") {
			t.Errorf("empty search: %q", p.text())
		}

		// Adding: every broken rule is named at its field.
		p = u.post(base+"/baru", url.Values{"name": {" "}, "jenis": {"JF_KEAHLIAN"}, "kelasJabatan": {"delapan"}}).want(http.StatusUnprocessableEntity)
		for field, want := range map[string]string{"name": "wajib diisi", "unitId": "wajib diisi", "kelasJabatan": "bukan angka"} {
			if got := p.fieldError(field); !strings.Contains(got, want) {
				t.Errorf("field %s: message %q, want %q", field, got, want)
			}
		}
		if p.fieldError("jenjang") == "" {
			t.Errorf("no message for the missing jenjang of a functional position")
		}
		form := url.Values{"unitId": {fmt.Sprint(siti.UnitID)}, "name": {"Pranata Komputer Ahli Pertama"}, "jenis": {"JF_KEAHLIAN"},
			"jenjang": {"AHLI_PERTAMA"}, "kelasJabatan": {"8"}, "critical": {"1"}}
		p = u.post(base+"/baru", form).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Jabatan Pranata Komputer Ahli Pertama ditambahkan." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		// The same name in the same unit is a conflict shown at the form.
		p = u.post(base+"/baru", form)
		if p.status != http.StatusConflict && p.status != http.StatusUnprocessableEntity {
			t.Errorf("duplicate: status %d", p.status)
		}
		list, _ := db.ListPositions(sys, sqldb.PositionFilter{AgencyID: a.agency.ID, Query: "Pranata Komputer"})
		if len(list) != 1 || !list[0].Critical || list[0].KelasJabatan != 8 || list[0].Jenjang != "AHLI_PERTAMA" {
			t.Fatalf("added position: %+v", list)
		}
		added := list[0]

		// Editing: the form shows the stored values; a change is saved.
		edit := fmt.Sprintf("%s/%d/ubah", base, added.ID)
		p = u.get(edit).want(http.StatusOK)
		if attr(p.one("#f-name"), "value") != added.Name || attr(p.one("#f-kelasJabatan"), "value") != "8" {
			t.Errorf("edit form values: name %q", attr(p.one("#f-name"), "value"))
		}
		form.Set("critical", "")
		form.Set("kelasJabatan", "9")
		p = u.post(edit, form).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Jabatan Pranata Komputer Ahli Pertama disimpan." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		if got, _ := db.FindPosition(sys, a.agency.ID, added.ID); got.Critical || got.KelasJabatan != 9 {
			t.Errorf("after edit: %+v", got)
		}
		form.Set("kelasJabatan", "18")
		p = u.post(edit, form).want(http.StatusUnprocessableEntity)
		if p.fieldError("kelasJabatan") == "" {
			t.Errorf("no message for kelas jabatan 18")
		}

		// Deleting: refused while held, with the reason; allowed otherwise.
		held := fmt.Sprintf("%s/%d/hapus", base, siti.PositionID)
		p = u.get(held).want(http.StatusOK)
		if len(p.all("#delete-refused")) != 1 || len(p.all("button.btn-danger")) != 0 {
			t.Errorf("the held position offers deletion: %q", p.text())
		}
		p = u.post(held, nil).want(http.StatusConflict)
		if !strings.Contains(textOf(p.one("#delete-refused")), "masih dipangku pegawai") {
			t.Errorf("refusal: %q", p.text())
		}
		p = u.get(fmt.Sprintf("%s/%d/hapus", base, added.ID)).want(http.StatusOK)
		p.one("button.btn-danger")
		p = u.post(fmt.Sprintf("%s/%d/hapus", base, added.ID), nil).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Jabatan Pranata Komputer Ahli Pertama dihapus." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		if _, err := db.FindPosition(sys, a.agency.ID, added.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("deleted position: %v", err)
		}

		// A viewer reads the list without controls and is refused the rest.
		v := a.signIn("viewer")
		p = v.get(base).want(http.StatusOK)
		if len(p.all("td.row-actions")) != 0 || len(p.all(`a[href=`+base+`/baru]`)) != 0 {
			t.Errorf("viewer's list offers edits")
		}
		v.get(base + "/baru").want(http.StatusForbidden)
		v.get(fmt.Sprintf("%s/%d/ubah", base, siti.PositionID)).want(http.StatusForbidden)
		v.post(fmt.Sprintf("%s/%d/ubah", base, siti.PositionID), form).want(http.StatusForbidden)
		v.post(fmt.Sprintf("%s/%d/hapus", base, siti.PositionID), nil).want(http.StatusForbidden)
		// Another agency's user finds none of it.
		a.signIn("lain").get(base).want(http.StatusNotFound)
		a.signIn("lain").post(fmt.Sprintf("%s/%d/hapus", base, siti.PositionID), nil).want(http.StatusNotFound)
	})
}
