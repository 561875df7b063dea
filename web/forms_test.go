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

// fieldError returns the message shown at a form field, "" for none.
func (p *page) fieldError(name string) string {
	ns := p.all("#f-" + name + "-error")
	if len(ns) == 0 {
		return ""
	}
	return strings.TrimPrefix(textOf(ns[0]), "Kesalahan: ")
}

// newEmployeeForm is a valid form for a new PNS employee.
func newEmployeeForm() url.Values {
	return url.Values{
		"nip": {"199203142019032005"}, "name": {"Maya Kartika"}, "gelarBelakang": {"S.T."}, "birthPlace": {"Muntilan"},
		"birthDate": {"14-03-1992"}, "sex": {"F"}, "religion": {"KATOLIK"}, "status": {"PNS"}, "tmtCpns": {"2019-03-01"},
		"golongan": {"III/a"}, "tmtGolongan": {"2019-03-01"}, "education": {"S1"}, "email": {"maya@example.go.id"},
	}
}

func TestEmployeeForms(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		u := a.signIn("operator")
		create := "/a/kota-magelang/pegawai/baru"

		p := u.get(create).want(http.StatusOK)
		for _, f := range []string{"nip", "name", "birthDate", "sex", "religion", "status", "golongan", "education", "unitId", "positionId"} {
			p.one("form[action=" + create + "] #f-" + f)
		}
		if n := len(p.all("select#f-golongan optgroup")); n != 2 {
			t.Errorf("golongan select has %d groups, want PNS and PPPK", n)
		}
		if n := len(p.all("select#f-positionId option")); n < 10 {
			t.Errorf("position select has %d options", n)
		}

		// Bad input: the form again, each message at its field, values kept.
		bad := newEmployeeForm()
		bad.Set("nip", "19920314")
		bad.Set("name", "")
		bad.Set("birthDate", "31-02-1992")
		bad.Set("email", "maya@")
		p = u.post(create, bad).want(http.StatusUnprocessableEntity)
		for field, want := range map[string]string{
			"nip":       "NIP harus 18 digit, bukan 8",
			"name":      "wajib diisi",
			"birthDate": "bukan tanggal (gunakan 2006-01-31 atau 31-01-2006)",
			"email":     "alamat email tidak valid",
		} {
			if got := p.fieldError(field); got != want {
				t.Errorf("message at %s: %q, want %q", field, got, want)
			}
			if attr(p.one("#f-"+field), "aria-invalid") != "true" {
				t.Errorf("%s not marked invalid", field)
			}
		}
		if got := p.fieldError("golongan"); got != "" {
			t.Errorf("a valid field has a message: %q", got)
		}
		if n := len(p.all(".error-summary li a")); n != 4 {
			t.Errorf("error summary lists %d fields, want 4", n)
		}
		if got := attr(p.one("#f-nip"), "value"); got != "19920314" {
			t.Errorf("NIP not kept: %q", got)
		}
		if got := attr(p.one("#f-religion option[selected]"), "value"); got != "KATOLIK" {
			t.Errorf("religion not kept: %q", got)
		}

		// A NIP that disagrees with the birth date says which part differs.
		bad = newEmployeeForm()
		bad.Set("birthDate", "1992-03-15")
		p = u.post(create, bad).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("nip"); got != "tanggal lahir dalam NIP (1992-03-14) berbeda dengan tanggal lahir (1992-03-15)" {
			t.Errorf("NIP mismatch message %q", got)
		}

		// A NIP already in the agency is shown on the NIP field.
		dup := newEmployeeForm()
		dup.Set("nip", sitiNIP)
		dup.Set("birthDate", "1988-07-15")
		dup.Set("tmtCpns", "2012-03-01")
		p = u.post(create, dup).want(http.StatusConflict)
		if got := p.fieldError("nip"); got != "NIP sudah terdaftar di instansi ini" {
			t.Errorf("conflict message %q", got)
		}

		// Success: to the new profile, with a message.
		p = u.post(create, newEmployeeForm()).want(http.StatusOK)
		maya, err := db.FindEmployeeByNIP(testdb.System(), a.agency.ID, "199203142019032005")
		if err != nil {
			t.Fatal(err)
		}
		if p.path != a.profileURL(maya) {
			t.Errorf("after create at %s", p.path)
		}
		if got := textOf(p.one(".flash")); got != "Pegawai Maya Kartika, S.T. telah ditambahkan." {
			t.Errorf("flash %q", got)
		}
		if maya.BirthDate != merit.MustDate("1992-03-14") || maya.Religion != "KATOLIK" {
			t.Errorf("stored %+v", maya)
		}
		// The message shows once.
		if n := len(u.get(a.profileURL(maya)).all(".flash")); n != 0 {
			t.Errorf("flash shown again")
		}

		// Edit: the form is filled; a new golongan is stored and enters the history.
		edit := a.profileURL(maya) + "/ubah"
		p = u.get(edit).want(http.StatusOK)
		if got := attr(p.one("#f-birthDate"), "value"); got != "1992-03-14" {
			t.Errorf("edit form birth date %q", got)
		}
		if got := attr(p.one("#f-golongan option[selected]"), "value"); got != "III/a" {
			t.Errorf("edit form golongan %q", got)
		}
		form := newEmployeeForm()
		form.Set("golongan", "III/b")
		form.Set("tmtGolongan", "2023-04-01")
		p = u.post(edit, form).want(http.StatusOK)
		if p.path != a.profileURL(maya) || textOf(p.one(".flash")) != "Data Maya Kartika, S.T. telah disimpan." {
			t.Errorf("after edit at %s with %q", p.path, p.texts(".flash"))
		}
		hist := (&page{t: t, doc: p.one("section#riwayat-golongan")}).texts("tbody td")
		if len(hist) < 6 || hist[0] != "III/b" || hist[5] != "III/a" {
			t.Errorf("golongan history %q, want III/b after the replaced III/a", hist)
		}
		// An invalid edit keeps the employee's values as typed.
		form.Set("tmtGolongan", "2001-01-01")
		p = u.post(edit, form).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("tmtGolongan"); got != "TMT golongan sebelum TMT CPNS" {
			t.Errorf("tmt message %q", got)
		}

		// Delete asks first, then deletes.
		del := a.profileURL(maya) + "/hapus"
		p = u.get(del).want(http.StatusOK)
		if !strings.Contains(p.text(), "Hapus Maya Kartika, S.T. (199203142019032005) beserta seluruh riwayatnya?") {
			t.Errorf("confirmation text: %s", p.text())
		}
		p.one("form[action=" + del + "] button")
		p = u.post(del, nil).want(http.StatusOK)
		if p.path != "/a/kota-magelang/pegawai" || textOf(p.one(".flash")) != "Pegawai Maya Kartika, S.T. telah dihapus." {
			t.Errorf("after delete at %s with %q", p.path, p.texts(".flash"))
		}
		u.get(a.profileURL(maya)).want(http.StatusNotFound)
	})
}

func TestHistoryForms(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 1)
		u := a.signIn("operator")
		siti := a.siti()
		base := a.profileURL(siti) + "/riwayat/diklat"

		p := u.get(base + "/baru").want(http.StatusOK)
		if got := textOf(p.one("h1")); got != "Riwayat diklat: tambah entri" {
			t.Errorf("heading %q", got)
		}
		for _, f := range merit.HistoryFields[merit.HistDiklat] {
			p.one("#f-" + f.Name)
		}
		u.get(a.profileURL(siti) + "/riwayat/gaji/baru").want(http.StatusNotFound)

		form := url.Values{"ref": {"TEKNIS"}, "title": {"Bimtek SIASN"}, "place": {"BKN Regional I"},
			"start": {"2024-02-05"}, "end": {"2024-02-07"}, "hours": {"tiga puluh"}}
		p = u.post(base+"/baru", form).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("hours"); got != "bukan angka" {
			t.Errorf("hours message %q", got)
		}
		form.Set("hours", "30")
		form.Set("end", "2024-02-01")
		p = u.post(base+"/baru", form).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("end"); got != "tanggal selesai sebelum tanggal mulai" {
			t.Errorf("end message %q", got)
		}
		form.Set("end", "2024-02-07")
		p = u.post(base+"/baru", form).want(http.StatusOK)
		if p.path != a.profileURL(siti) || textOf(p.one(".flash")) != "Riwayat telah disimpan." {
			t.Errorf("after create at %s", p.path)
		}
		entries, err := db.FindHistory(testdb.System(), a.agency.ID, siti.ID, merit.HistDiklat)
		if err != nil || len(entries) != 2 {
			t.Fatalf("%d diklat entries, %v", len(entries), err)
		}
		var bimtek *merit.HistoryEntry
		for _, e := range entries {
			if e.Title == "Bimtek SIASN" {
				bimtek = e
			}
		}
		if bimtek == nil || bimtek.Hours != 30 || bimtek.Ref != "TEKNIS" {
			t.Fatalf("stored %+v", bimtek)
		}

		entry := fmt.Sprintf("%s/%d", base, bimtek.ID)
		p = u.get(entry + "/ubah").want(http.StatusOK)
		if got := attr(p.one("#f-hours"), "value"); got != "30" {
			t.Errorf("edit form hours %q", got)
		}
		form.Set("hours", "32")
		u.post(entry+"/ubah", form).want(http.StatusOK)
		// The same entry under another kind's path does not exist.
		u.get(fmt.Sprintf("%s/riwayat/golongan/%d/ubah", a.profileURL(siti), bimtek.ID)).want(http.StatusNotFound)
		u.post(fmt.Sprintf("%s/riwayat/golongan/%d/hapus", a.profileURL(siti), bimtek.ID), nil).want(http.StatusNotFound)

		p = u.get(entry + "/hapus").want(http.StatusOK)
		if !strings.Contains(p.text(), "Riwayat diklat · Teknis · Bimtek SIASN") {
			t.Errorf("confirmation: %s", p.text())
		}
		p = u.post(entry+"/hapus", nil).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Entri riwayat telah dihapus." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		if entries, _ := db.FindHistory(testdb.System(), a.agency.ID, siti.ID, merit.HistDiklat); len(entries) != 1 {
			t.Errorf("%d diklat entries after delete", len(entries))
		}
	})
}

func TestUnits(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 20)
		u := a.signIn("admin")
		unitsPath := "/a/kota-magelang/unit"

		p := u.get(unitsPath).want(http.StatusOK)
		rows := p.all("table.tree tbody tr")
		if len(rows) != 6 {
			t.Fatalf("%d units, want 6", len(rows))
		}
		// Roots first with their totals, children indented below them.
		first := childElements(rows[0], "td")
		if textOf(first[0]) != "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" || attr(rows[0], "class") != "depth-0" {
			t.Errorf("first row %q (%s)", textOf(first[0]), attr(rows[0], "class"))
		}
		if attr(rows[1], "class") != "depth-1" {
			t.Errorf("second row is not indented")
		}
		units, _ := db.FindUnits(testdb.System(), a.agency.ID)
		if got, want := textOf(first[2]), fmt.Sprint(units[0].Total); got != want {
			t.Errorf("total %s, want %s", got, want)
		}
		link := (&page{t: t, doc: first[0]}).one("a")
		if attr(link, "href") != fmt.Sprintf("/a/kota-magelang/pegawai?unit=%d", units[0].ID) {
			t.Errorf("unit links to %q", attr(link, "href"))
		}

		// Adding: an empty name is refused at the field, the form stays open.
		p = u.post(unitsPath, url.Values{"name": {"  "}, "parentId": {fmt.Sprint(units[0].ID)}}).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("name"); got != "wajib diisi" {
			t.Errorf("name message %q", got)
		}
		if _, open := attrOK(p.one("details.add-unit"), "open"); !open {
			t.Errorf("the add form is closed after an error")
		}
		p = u.post(unitsPath, url.Values{"name": {"Bidang Penilaian Kinerja"}, "parentId": {fmt.Sprint(units[0].ID)}}).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Unit Bidang Penilaian Kinerja telah ditambahkan." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		var added *merit.Unit
		units, _ = db.FindUnits(testdb.System(), a.agency.ID)
		for _, un := range units {
			if un.Name == "Bidang Penilaian Kinerja" {
				added = un
			}
		}
		if added == nil || added.ParentID != units[0].ID {
			t.Fatalf("unit not added below the first OPD: %+v", added)
		}

		// Renaming; moving a unit below its own child is refused.
		edit := fmt.Sprintf("%s/%d/ubah", unitsPath, units[0].ID)
		p = u.get(edit).want(http.StatusOK)
		for _, o := range p.all("#f-parentId option") {
			if attr(o, "value") == fmt.Sprint(added.ID) || attr(o, "value") == fmt.Sprint(units[0].ID) {
				t.Errorf("the unit or its child is offered as its parent")
			}
		}
		p = u.post(edit, url.Values{"name": {units[0].Name}, "parentId": {fmt.Sprint(added.ID)}}).want(http.StatusUnprocessableEntity)
		if got := p.fieldError("parentId"); got != "unit induk berada di bawah unit ini" {
			t.Errorf("cycle message %q", got)
		}
		p = u.post(fmt.Sprintf("%s/%d/ubah", unitsPath, added.ID), url.Values{"name": {"Bidang Penilaian Kinerja ASN"}, "parentId": {fmt.Sprint(units[0].ID)}}).want(http.StatusOK)
		if textOf(p.one(".flash")) != "Unit Bidang Penilaian Kinerja ASN telah disimpan." {
			t.Errorf("flash %q", p.texts(".flash"))
		}
		u.get(unitsPath + "/999999/ubah").want(http.StatusNotFound)
	})
}
