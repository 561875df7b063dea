package web_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestCompetencyPages walks the competency flow as an operator: set the
// standard of Siti's position, enter her assessment, see JPM with its
// category and the spider chart on her competency tab, compare with a
// target position, change the JPM rule (a new version) and see the category
// move, record coaching and a plan and see JP progress; the viewer reads
// but cannot edit; Siti reads her own results on /saya.
func TestCompetencyPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 20)
		ctx := testdb.System()
		op := a.signIn("operator")
		siti, err := db.FindEmployeeByNIP(ctx, a.agency.ID, "198807152012032001")
		if err != nil {
			t.Fatal(err)
		}
		positions, err := db.FindPositions(ctx, a.agency.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		var kabid int64
		for _, p := range positions {
			if p.Name == "Kepala Bidang Mutasi dan Promosi" {
				kabid = p.ID
			}
		}
		code := a.agency.Code
		dict := op.get("/a/" + code + "/kompetensi").want(200)
		if !strings.Contains(dict.text(), "Pengambilan Keputusan") || !strings.Contains(dict.text(), "Perekat Bangsa") {
			t.Fatalf("dictionary lacks the national competencies:\n%s", dict.text())
		}
		// The standards list is searched by position name and paged.
		for i := range 52 {
			extra := &merit.Position{AgencyID: a.agency.ID, UnitID: siti.UnitID, Name: fmt.Sprintf("Pengelola Arsip %02d", i), Jenis: "PELAKSANA"}
			if err := db.CreatePosition(ctx, extra); err != nil {
				t.Fatal(err)
			}
		}
		found := op.get("/a/" + code + "/kompetensi?q=pengelola+arsip").want(200)
		if got := len(found.all("table.standards tbody tr")); got != 50 {
			t.Errorf("standards page 1 of 52 matches: %d rows, want 50", got)
		}
		if got := len(op.get(attr(found.one("nav.pager a[rel=next]"), "href")).all("table.standards tbody tr")); got != 2 {
			t.Errorf("standards page 2: %d rows, want 2", got)
		}

		// Standard of Siti's position: Integritas, Kerjasama, Komunikasi at 3.
		std := url.Values{"level-1": {"3"}, "level-2": {"3"}, "level-3": {"3"}}
		op.post("/a/"+code+"/kompetensi/jabatan/"+strconv.FormatInt(siti.PositionID, 10), std).want(200)
		// A level out of range is a 422 with the form shown again.
		op.post("/a/"+code+"/kompetensi/jabatan/"+strconv.FormatInt(siti.PositionID, 10), url.Values{"level-1": {"7"}}).want(422)
		// The target position asks for 4 in all three.
		op.post("/a/"+code+"/kompetensi/jabatan/"+strconv.FormatInt(kabid, 10), url.Values{"level-1": {"4"}, "level-2": {"4"}, "level-3": {"4"}}).want(200)

		// Her assessment: 3, 3, 2 → 8/9 = 88,89 % masih memenuhi syarat.
		p := op.post("/a/"+code+"/asesmen/baru?pegawai="+strconv.FormatInt(siti.ID, 10), url.Values{
			"date": {"2024-06-10"}, "body": {"UPT Penilaian Kompetensi BKN"}, "potential": {"74,5"},
			"level-1": {"3"}, "level-2": {"3"}, "level-3": {"2"}, "level-9": {"4"}}).want(200)
		if !strings.Contains(p.path, "/kompetensi") {
			t.Fatalf("after saving: at %s", p.path)
		}
		tab := p.text()
		for _, want := range []string{"88,89 %", "Masih memenuhi syarat", "UPT Penilaian Kompetensi BKN", "74.50"} {
			if !strings.Contains(tab, want) {
				t.Errorf("competency tab lacks %q:\n%s", want, tab)
			}
		}
		if len(p.all("svg.radar")) != 1 || len(p.all("svg.radar circle.point")) != 6 {
			t.Errorf("want one spider chart with 2×3 points, got %d charts, %d points", len(p.all("svg.radar")), len(p.all("svg.radar circle.point")))
		}
		// Against the target position: 3+3+2 of 12 = 66,67 % kurang memenuhi syarat.
		tp := op.get("/a/" + code + "/pegawai/" + strconv.FormatInt(siti.ID, 10) + "/kompetensi?target=" + strconv.FormatInt(kabid, 10)).want(200)
		if !strings.Contains(tp.text(), "66,67 %") || !strings.Contains(tp.text(), "Kurang memenuhi syarat") || len(tp.all("svg.radar")) != 2 {
			t.Errorf("target comparison missing:\n%s", tp.text())
		}

		// A new rule version (85/70) makes 88,89 % memenuhi syarat.
		op.post("/a/"+code+"/kompetensi/aturan", url.Values{"meetsMin": {"85"}, "stillMeetsMin": {"70"}, "basis": {"Keputusan Kepala BKPSDM"}}).want(200)
		op.post("/a/"+code+"/kompetensi/aturan", url.Values{"meetsMin": {"70"}, "stillMeetsMin": {"85"}, "basis": {"x"}}).want(422)
		if txt := op.get("/a/" + code + "/pegawai/" + strconv.FormatInt(siti.ID, 10) + "/kompetensi").want(200).text(); !strings.Contains(txt, "Memenuhi syarat") || strings.Contains(txt, "Masih memenuhi syarat") {
			t.Errorf("after the new rule, want memenuhi syarat:\n%s", txt)
		}

		// Development: 4 JP coaching + the 2019 diklat does not count in 2025.
		dev := "/a/" + code + "/pegawai/" + strconv.FormatInt(siti.ID, 10) + "/pengembangan"
		op.post(dev+"/sesi", url.Values{"kind": {"coaching"}, "date": {"2025-02-03"}, "coach": {"Kepala Bidang"}, "topic": {"Analisis jabatan"}, "hours": {"4"}}).want(200)
		op.post(dev+"/rencana?tahun=2025", url.Values{"year": {"2025"}, "goal": {"Menutup gap Komunikasi"},
			"activityKind": {"seminar", "kursus", "seminar"}, "activityName": {"Seminar komunikasi", "Kursus menulis", ""},
			"activityHours": {"6", "10", ""}, "activityDone0": {"1"}}).want(200)
		if txt := op.get(dev + "?tahun=2025").want(200).text(); !strings.Contains(txt, "10 dari 20 JP") {
			t.Errorf("JP progress: want 10 of 20:\n%s", txt)
		}

		// The viewer reads but gets no edit controls and cannot post.
		viewer := a.signIn("viewer")
		for _, f := range viewer.get("/a/" + code + "/kompetensi").want(200).all("form") {
			if strings.Contains(attr(f, "action"), "/kompetensi/") {
				t.Errorf("viewer sees the form %s", attr(f, "action"))
			}
		}
		viewer.post("/a/"+code+"/kompetensi/aturan", url.Values{"meetsMin": {"50"}, "stillMeetsMin": {"40"}, "basis": {"x"}}).want(403)

		// Assessment list and import.
		list := op.get("/a/" + code + "/asesmen").want(200)
		if !strings.Contains(list.text(), "Siti Aminah") {
			t.Errorf("assessment list lacks Siti:\n%s", list.text())
		}
		csv := "nipBaru,tanggalAsesmen,lembaga,nilaiPotensi,integritas\n198807152012032001,2025-01-20,BKN,80,4\n"
		imp := a.signIn("admin").postFile("/a/"+code+"/asesmen/impor", "asesmen.csv", []byte(csv), nil).want(200)
		if !strings.Contains(imp.text(), "1") || len(imp.all("section.import-report")) != 1 {
			t.Errorf("import report missing:\n%s", imp.text())
		}

		// Siti reads her own results and development on /saya.
		self, _ := signInEmployee(t, a)
		own := self.get("/saya/kompetensi").want(200)
		if !strings.Contains(own.text(), "Siti Aminah") || len(own.all("svg.radar")) != 1 {
			t.Errorf("own competency page:\n%s", own.text())
		}
		self.get("/saya/pengembangan").want(200)
		self.get("/a/" + code + "/kompetensi").want(403)
	})
}
