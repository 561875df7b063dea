package web_test

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"merit"
	"merit/auth"
	"merit/competency"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
	"merit/tabular"
	"merit/talent"
)

// talentSeed rates every employee of the seeded agency for 2025 (Sangat
// Baik, Baik or Butuh Perbaikan in turn; Siti Sangat Baik), gives Siti an
// assessment and adds the PPK user "walikota".
func talentSeed(t *testing.T, db *sqldb.DB, a *merit.Agency) {
	t.Helper()
	ctx := testdb.System()
	emps, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ratings := [][2]performance.Rating{{performance.Above, performance.Above}, {performance.AsExp, performance.AsExp}, {performance.Below, performance.AsExp}}
	for i, e := range emps {
		r := ratings[i%3]
		if e.NIP == sitiNIP {
			r = ratings[0]
		}
		if err := db.SaveSKP(ctx, &performance.SKP{AgencyID: a.ID, EmployeeID: e.ID, Year: 2025, HasilKerja: r[0], Perilaku: r[1]}); err != nil {
			t.Fatal(err)
		}
	}
	siti, err := db.FindEmployeeByNIP(ctx, a.ID, sitiNIP)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: a.ID, EmployeeID: siti.ID, Date: merit.MustDate("2025-05-10"),
		Body: "UPT Penilaian Kompetensi", Potential: 82.5, Levels: []competency.Level{{CompetencyID: 1, Level: 3}}}); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password, auth.Cheap)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(ctx, &merit.User{Username: "walikota", Name: "Wali Kota", Grants: []merit.Grant{{AgencyID: a.ID, AgencyCode: a.Code, Role: merit.RolePPK}}}, hash); err != nil {
		t.Fatal(err)
	}
}

// TestTalentPages runs a review from the page, reads the grid, a box and a
// talent card, downloads the XLSX, and calibrates: a move needs a reason,
// the operator cannot lock, the PPK locks, and a locked session refuses.
func TestTalentPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 20)
		talentSeed(t, db, a.agency)
		code := "/a/" + a.agency.Code
		op, viewer, ppk := a.signIn("operator"), a.signIn("viewer"), a.signIn("walikota")

		if txt := op.get(code + "/talenta").want(200).text(); !strings.Contains(txt, "Belum ada talent review") {
			t.Fatalf("empty page:\n%s", txt)
		}
		viewer.post(code+"/talenta", url.Values{"year": {"2026"}}).want(403)
		op.post(code+"/talenta", url.Values{"year": {"tahun"}, "population": {"JPT_PRATAMA"}}).want(422)
		all := url.Values{"year": {"2026"}, "population": {"JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "JF_KEAHLIAN/AHLI_MUDA",
			"JF_KEAHLIAN/AHLI_PERTAMA", "JF_KETERAMPILAN", "PELAKSANA"}}
		grid := op.post(code+"/talenta", all).want(200)
		if !strings.Contains(grid.text(), "Talent review selesai: 21 dari 21 pegawai dipetakan.") || len(grid.all(".nb-box")) != 9 {
			t.Fatalf("after the run:\n%s", grid.text())
		}
		_, ps, err := db.TalentPlacements(testdb.System(), a.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		top := ps[0]
		box := strconv.Itoa(top.FinalBox)
		if got := textOf(grid.one("#box-" + box + " .nb-count")); got == "0" {
			t.Errorf("box %s count %s", box, got)
		}
		drill := viewer.get(code + "/talenta?kotak=" + box).want(200)
		if rows := drill.all("#talent-drill tbody tr"); len(rows) == 0 || !strings.Contains(textOf(rows[0]), top.Name) {
			t.Errorf("drill-down of box %s:\n%s", box, drill.text())
		}
		if n := len(viewer.get(code + "/talenta?jenis=JPT_PRATAMA&kotak=" + box).want(200).all("#talent-drill tbody tr")); n > 3 {
			t.Errorf("filtered by jenis: %d rows", n)
		}
		// The unit filter: every unit, escaped, the chosen one selected.
		odd := &merit.Unit{AgencyID: a.agency.ID, Name: `Bidang "R&D" <Uji>`}
		if err := db.CreateUnit(testdb.System(), odd); err != nil {
			t.Fatal(err)
		}
		oddID := strconv.FormatInt(odd.ID, 10)
		byUnit := viewer.get(code + "/talenta?unit=" + oddID).want(200)
		if sel := byUnit.one("select#f-unit option[selected]"); attr(sel, "value") != oddID || textOf(sel) != odd.Name ||
			!strings.Contains(byUnit.body, `<option value="`+oddID+`" selected>Bidang &#34;R&amp;D&#34; &lt;Uji&gt;</option>`) {
			t.Errorf("unit filter option: %q", textOf(sel))
		}
		if n := len(byUnit.all("select#f-unit option")); n < 5 {
			t.Errorf("unit filter lists %d options", n)
		}
		siti, _ := db.FindEmployeeByNIP(testdb.System(), a.agency.ID, sitiNIP)
		card := viewer.get(code + "/talenta/pegawai/" + strconv.FormatInt(siti.ID, 10)).want(200).text()
		for _, want := range []string{"Kartu talenta", "Predikat kinerja 2025: Sangat Baik", "Potensi hasil asesmen 82.50 × bobot 40%", "Pendidikan S2", "Riwayat kotak"} {
			if !strings.Contains(card, want) {
				t.Errorf("card lacks %q:\n%s", want, card)
			}
		}

		x := viewer.get(code + "/talenta/ekspor").want(200)
		rd, err := tabular.NewReader(bytes.NewReader([]byte(x.body)), tabular.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for {
			row, err := rd.Next()
			if err != nil || row == nil {
				break
			}
			rows = append(rows, []string{row.Cell(0), row.Cell(1), row.Cell(7)})
		}
		if len(rows) != 22 || rows[0][0] != "Peringkat" || rows[1][1] != top.NIP || rows[1][2] != box {
			t.Errorf("export rows %d, first %v %v", len(rows), rows[0], rows[1])
		}

		// Calibration.
		sess := op.post(code+"/talenta/sesi", url.Values{"name": {"Sidang Komite Talenta 2026"}, "heldOn": {"2026-01-20"},
			"participants": {"Sekretaris Daerah\nKepala BKPSDM\nInspektur"}}).want(200)
		if !strings.Contains(sess.path, "/talenta/sesi/") || !strings.Contains(sess.text(), "Inspektur") {
			t.Fatalf("session page:\n%s", sess.text())
		}
		base := sess.path
		op.post(base+"/pindah", url.Values{"nip": {sitiNIP}, "box": {"8"}}).want(422)
		moved := op.post(base+"/pindah", url.Values{"nip": {sitiNIP}, "box": {"8"}, "reason": {"Catatan komite: potensi belum teruji pada jabatan struktural"}}).want(200)
		if !strings.Contains(moved.text(), "Catatan komite") || !strings.Contains(moved.text(), "ke kotak 8") {
			t.Errorf("after the move:\n%s", moved.text())
		}
		op.post(base+"/tetapkan", url.Values{}).want(403)
		locked := ppk.post(base+"/tetapkan", url.Values{"decree": {"800/15/2026"}}).want(200)
		if !strings.Contains(locked.text(), "Ditetapkan PPK") || len(locked.all("#move-form")) != 0 {
			t.Errorf("locked page:\n%s", locked.text())
		}
		refused := op.post(base+"/pindah", url.Values{"nip": {sitiNIP}, "box": {"9"}, "reason": {"lagi"}}).want(409)
		if !strings.Contains(refused.text(), "sudah ditetapkan PPK") {
			t.Errorf("refusal:\n%s", refused.text())
		}
		if card := viewer.get(code + "/talenta/pegawai/" + strconv.FormatInt(siti.ID, 10)).want(200).text(); !strings.Contains(card, "dikalibrasi dari kotak") {
			t.Errorf("card after calibration:\n%s", card)
		}
	})
}

// TestTalentBrowser: in Chromium, a committee member (operator) moves a
// person with a reason in the open session; the PPK then locks it while the
// member has the form open, and the locked session refuses his next move.
func TestTalentBrowser(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	ag, _ := seed(t, db, 12)
	talentSeed(t, db, ag)
	ctx := testdb.System()
	rv := &talent.Review{AgencyID: ag.ID, Year: 2026}
	if err := db.RunTalentReview(ctx, rv); err != nil {
		t.Fatal(err)
	}
	s := &talent.Session{AgencyID: ag.ID, ReviewID: rv.ID, Name: "Sidang Komite Talenta", HeldOn: merit.Today(), Participants: []string{"Sekda", "Kepala BKPSDM"}}
	if err := db.CreateTalentSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, db)
	do, text, count := b.do, b.text, b.count
	do("sign in", chromedp.Navigate(b.base+"/masuk"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "operator"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS(".user-name")))
	sessionURL := b.base + "/a/" + ag.Code + "/talenta/sesi/" + strconv.FormatInt(s.ID, 10)
	do("open the session", chromedp.Navigate(sessionURL), chromedp.WaitVisible(chromedp.ID("move-form")))
	// Without a reason the move is refused with the reason's message.
	do("move without a reason", chromedp.SendKeys(chromedp.ID("f-nip"), sitiNIP), chromedp.SetValue(chromedp.ID("f-to"), "5"),
		chromedp.Click(chromedp.ID("move-submit")), chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	if got := text(".error-summary"); !strings.Contains(got, "alasan pemindahan wajib diisi") {
		t.Errorf("error summary %q", got)
	}
	do("move with a reason", chromedp.SetValue(chromedp.ID("f-to"), "5"),
		chromedp.SendKeys(chromedp.ID("f-reason"), "Komite menilai kinerja belum konsisten"),
		chromedp.Click(chromedp.ID("move-submit")), chromedp.WaitVisible(chromedp.ID("moves")))
	if got := text("#moves tbody"); !strings.Contains(got, "Siti Aminah") || !strings.Contains(got, "→ 5") || !strings.Contains(got, "Komite menilai kinerja belum konsisten") {
		t.Errorf("moves %q", got)
	}
	if got := text(`#distribution tr[data-box="5"] td:last-child`); got != "+1" {
		t.Errorf("distribution change of box 5 %q", got)
	}
	// The PPK sets the session while the member still has the form open.
	ppk := merit.WithActor(ctx, &merit.Actor{UserID: 99, Username: "walikota", Grants: []merit.Grant{{AgencyID: ag.ID, Role: merit.RolePPK}}})
	if err := db.LockTalentSession(ppk, ag.ID, s.ID, "800/1/2026"); err != nil {
		t.Fatal(err)
	}
	do("move again", chromedp.SetValue(chromedp.ID("f-nip"), sitiNIP), chromedp.SetValue(chromedp.ID("f-to"), "9"),
		chromedp.SendKeys(chromedp.ID("f-reason"), "Ubah lagi"), chromedp.Click(chromedp.ID("move-submit")),
		chromedp.WaitVisible(chromedp.ID("session-locked")))
	if got := text(".error-summary"); !strings.Contains(got, "sudah ditetapkan PPK dan dikunci") {
		t.Errorf("refusal %q", got)
	}
	if n := count("#move-form"); n != 0 {
		t.Errorf("a locked session shows the move form")
	}
	if n := count("#moves tbody tr"); n != 1 {
		t.Errorf("%d moves after the refusal, want 1", n)
	}
}
