package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// A panel member sees only the selections he sits on, declares a conflict
// of interest, and scores on his scorecard, where the conflicted candidate
// is blocked (a forged score for him is refused) and a score over the
// maximum comes back with its error; a panel account of no selection finds
// nothing; the secretariat sees every candidate, checks one against the
// registry, cannot publish a stage with scores missing; the PPK's choice shows
// on the finished selection with every seal holding and its report; an
// amendment needs a reason and adds a seal; a viewer cannot announce.
func TestSelectionPanelAndStaffPages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		res := demoSelections(t, a)
		base := fmt.Sprintf("/a/kota-magelang/seleksi/%d", res.Scoring)

		p1 := a.signIn("pansel1")
		p := p1.get("/a/kota-magelang/seleksi").want(http.StatusOK)
		if n := len(p.all("table.selections tbody tr a")); n != 3 {
			t.Errorf("pansel1 sees %d selections, want the 3 he sits on", n)
		}
		if nav := p.all("nav.nav a"); len(nav) != 1 || attr(nav[0], "href") != "/a/kota-magelang/seleksi" {
			t.Errorf("a panel member's menu has %d links, want only the selections", len(nav))
		}
		p = p1.get(base).want(http.StatusOK)
		if !strings.Contains(textOf(p.one("#anggota")), "Kode etik diterima") {
			t.Errorf("membership card: %q", textOf(p.one("#anggota")))
		}
		cands := p.all("select[name=candidateId] option")
		if len(cands) < 3 {
			t.Fatalf("%d candidates in the conflict form", len(cands))
		}
		blocked, scored := attr(cands[1], "value"), attr(cands[0], "value")
		p1.post(base+"/konflik", url.Values{"candidateId": {blocked}, "reason": {"Saudara ipar"}}).want(http.StatusOK)

		var stageURL string
		for _, l := range p1.get(base).all("#tahapan a") {
			stageURL = attr(l, "href")
		}
		p = p1.get(stageURL).want(http.StatusOK)
		if n := len(p.all("tr.blocked")); n != 1 || !strings.Contains(textOf(p.one("tr.blocked")), "Saudara ipar") {
			t.Errorf("%d blocked rows, want the conflicted candidate", n)
		}
		p = p1.post(stageURL, url.Values{"s." + scored + ".integritas": {"85,5"}, "s." + scored + ".kinerja": {"90"}}).want(http.StatusOK)
		if got := attr(p.one("input[name=s."+scored+".integritas]"), "value"); got != "85.50" {
			t.Errorf("saved score shows %q, want 85.50", got)
		}
		p = p1.post(stageURL, url.Values{"s." + scored + ".kinerja": {"130"}}).want(http.StatusUnprocessableEntity)
		if attr(p.one("input[name=s."+scored+".kinerja]"), "value") != "130" {
			t.Errorf("the refused value is not kept on the scorecard")
		}
		p1.post(stageURL, url.Values{"s." + blocked + ".kinerja": {"80"}}).want(http.StatusForbidden)

		// A panel account that sits on no panel finds nothing.
		hash, _ := auth.HashPassword(password, auth.Cheap)
		other := &merit.User{Username: "pansel-lain", Name: "Pansel Lain", Grants: []merit.Grant{{AgencyID: a.agency.ID, AgencyCode: a.agency.Code, Role: merit.RolePanel}}}
		if err := db.CreateUser(testdb.System(), other, hash); err != nil {
			t.Fatal(err)
		}
		lain := a.signIn("pansel-lain")
		if n := len(lain.get("/a/kota-magelang/seleksi").want(http.StatusOK).all("table.selections tbody tr a")); n != 0 {
			t.Errorf("a member of no panel sees %d selections", n)
		}
		lain.get(base).want(http.StatusNotFound)
		lain.get(stageURL).want(http.StatusNotFound)
		lain.post(stageURL, url.Values{"s." + scored + ".kinerja": {"80"}}).want(http.StatusNotFound)
		// Another agency's admin finds nothing of this agency's selections.
		other2 := a.signIn("lain")
		for _, path := range []string{"/a/kota-magelang/seleksi", base, stageURL, base + "/laporan.pdf", "/a/kota-magelang/jobfit"} {
			other2.get(path).want(http.StatusNotFound)
		}
		// The admin puts that account on the panel: the selection is his to see.
		admin := a.signIn("admin")
		p = admin.get(base).want(http.StatusOK)
		if len(p.all(fmt.Sprintf("select[name=userId] option[value=%d]", other.ID))) != 1 {
			t.Fatalf("the admin is not offered the panel account")
		}
		admin.post(base+"/pansel", url.Values{"code": {"P6"}, "name": {"Dr. Pansel Lain"}, "kind": {"external"}, "role": {"anggota"},
			"affiliation": {"Universitas Negeri Semarang"}, "userId": {fmt.Sprint(other.ID)}}).want(http.StatusOK)
		if !strings.Contains(textOf(lain.get(base).want(http.StatusOK).one("#anggota")), "P6") {
			t.Errorf("the linked member does not see his membership")
		}
		// A member without a sign-in: the secretariat records his signed
		// code of ethics and his paper scorecard.
		admin.post(base+"/pansel", url.Values{"code": {"P7"}, "name": {"Ir. Tanpa Akun"}, "kind": {"academic"}, "role": {"anggota"}}).want(http.StatusOK)
		var p7 string
		for _, f := range admin.get(base).want(http.StatusOK).all("#pansel form[action=" + base + "/etika] input[name=memberId]") {
			p7 = attr(f, "value")
		}
		if p7 == "" {
			t.Fatal("no way to record the paper member's code of ethics")
		}
		admin.post(base+"/etika", url.Values{"memberId": {p7}}).want(http.StatusOK)
		p = admin.post(stageURL, url.Values{"memberId": {p7}, "s." + scored + ".integritas": {"77"}}).want(http.StatusOK)
		if got := attr(p.one("input[name=s."+scored+".integritas]"), "value"); got != "77.00" || !strings.Contains(p.path, "anggota="+p7) {
			t.Errorf("the paper scorecard shows %q at %s", got, p.path)
		}

		// The secretariat.
		op := a.signIn("operator")
		p = op.get(base).want(http.StatusOK)
		links := p.all("#peserta tbody a")
		if len(links) < 3 {
			t.Fatalf("the operator sees %d candidates", len(links))
		}
		p = op.post(attr(links[0], "href")+"/syarat", nil).want(http.StatusOK)
		if n := len(p.all("ul.checks li")); n < 6 {
			t.Errorf("%d requirement checks with reasons, want at least 6:\n%s", n, p.text())
		}
		stageID := stageURL[strings.LastIndex(stageURL, "/")+1:]
		op.post(base+"/tahap/"+stageID, url.Values{"to": {string(selection.StageClosed)}}).want(http.StatusOK)
		p = op.post(base+"/tahap/"+stageID, url.Values{"to": {string(selection.StagePublished)}}).want(http.StatusConflict)
		if !strings.Contains(textOf(p.one(".error-summary")), "nilai belum diisi") {
			t.Errorf("closing with scores missing: %q", textOf(p.one(".error-summary")))
		}
		a.signIn("viewer").post(base+"/umumkan", nil).want(http.StatusForbidden)
		// After the announcement the dates still change, the weights do not.
		form := url.Values{"title": {"Seleksi Terbuka JPT Pratama (Tahap II, diperpanjang)"}, "legalBasis": {"Keputusan Wali Kota 800/9/2026"},
			"registrationOpen": {attr(p.one("#f-registrationOpen"), "value")}, "registrationClose": {attr(p.one("#f-registrationClose"), "value")}}
		if got := textOf(op.post(base+"/rencana", form).want(http.StatusOK).one("h1")); got != "Seleksi Terbuka JPT Pratama (Tahap II, diperpanjang)" {
			t.Errorf("after editing: %q", got)
		}
		form.Set("weight.asesmen", "50")
		op.post(base+"/rencana", form).want(http.StatusConflict)

		// The finished selection: ranking with the top three and the PPK's choice.
		viewer := a.signIn("viewer")
		done := fmt.Sprintf("/a/kota-magelang/seleksi/%d", res.Finished)
		p = viewer.get(done).want(http.StatusOK)
		if n := len(p.all("section.ranking tr.top-three")); n != 3 || len(p.all("section.ranking p.decision")) != 1 {
			t.Errorf("ranking: %d top-three rows, decision shown %d", n, len(p.all("section.ranking p.decision")))
		}
		if n, broken := len(p.all("#segel li")), len(p.all("#segel .seal-broken")); n != 5 || broken != 0 {
			t.Errorf("seal check: %d seals, %d broken; want 5 holding", n, broken)
		}
		if pdf := viewer.get(done + "/laporan.pdf").want(http.StatusOK); !strings.HasPrefix(pdf.body, "%PDF-") {
			t.Errorf("the PDF report is not a PDF")
		}
		if x := viewer.get(done + "/laporan.xlsx").want(http.StatusOK); !strings.HasPrefix(x.body, "PK") {
			t.Errorf("the XLSX report is not a zip")
		}
		p1.get(done + "/laporan.pdf").want(http.StatusForbidden)

		// An amendment of a published stage needs a reason and re-seals it.
		links = op.get(done).want(http.StatusOK).all("#tahapan a")
		asesmen := attr(links[1], "href")
		p = op.get(asesmen).want(http.StatusOK)
		form = url.Values{"candidateId": {attr(p.all("#f-am-candidate option")[0], "value")}, "memberId": {attr(p.all("#f-am-member option")[0], "value")},
			"criterion": {attr(p.all("#f-am-criterion option")[0], "value")}, "value": {"88"}}
		op.post(asesmen+"/amandemen", form).want(http.StatusUnprocessableEntity)
		form.Set("reason", "Salah rekap nilai asesor")
		p = op.post(asesmen+"/amandemen", form).want(http.StatusOK)
		if got := textOf(p.one(".flash")); !strings.Contains(got, "disegel ulang") {
			t.Errorf("after the amendment: %q", got)
		}
		p = op.get(done).want(http.StatusOK)
		if n, broken := len(p.all("#segel li")), len(p.all("#segel .seal-broken")); n != 6 || broken != 0 {
			t.Errorf("after the amendment: %d seals, %d broken; want 6 holding", n, broken)
		}
	})
}

// planForm is what a browser posts from a selection's plan form: the inputs
// inside it and those tied to it by form="plan-form", leaving out disabled
// inputs and unchecked boxes.
func planForm(p *page) url.Values {
	f := url.Values{}
	for _, in := range append(p.all("#plan-form input"), p.all("input[form=plan-form]")...) {
		if _, disabled := attrOK(in, "disabled"); disabled {
			continue
		}
		if _, checked := attrOK(in, "checked"); attr(in, "type") == "checkbox" && !checked {
			continue
		}
		f.Add(attr(in, "name"), attr(in, "value"))
	}
	return f
}

// The secretariat edits a stage's scorecard on the selection's page: adds a
// row ("add row" keeps what was typed and saves nothing), renames one,
// removes one, re-weights one; the criteria are stored. A bad maximum comes
// back at its row's input (a word, or zero through the domain's rule on
// the code it names). Once a stage has started its scorecard shows without
// inputs and says why, and a forged post changing it is refused; a viewer sees the criteria
// without inputs.
func TestSelectionCriteriaForm(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		res := demoSelections(t, a)
		op := a.signIn("operator")
		base := fmt.Sprintf("/a/kota-magelang/seleksi/%d", res.Open)
		const field = "stages.makalah.criteria"

		p := op.get(base).want(http.StatusOK)
		if n := len(p.all("#kriteria-administrasi")); n != 0 {
			t.Errorf("administrasi, a gate, shows a scorecard")
		}
		form := planForm(p)
		if form.Get(field+".0.code") != "substansi" || form.Get(field+".2.code") != "" || form.Get(field+".rows") != "3" {
			t.Fatalf("makalah's scorecard on the form: %v", form)
		}
		form.Set(field+".2.code", "orisinalitas")
		form.Set(field+".2.name", "Orisinalitas gagasan")
		form.Set(field+".2.max", "50")
		form.Set("addRow", "makalah")
		p = op.post(base+"/rencana", form).want(http.StatusOK)
		if got := attr(p.one("input[name="+field+".2.code]"), "value"); got != "orisinalitas" {
			t.Errorf("after adding a row the typed criterion shows %q", got)
		}
		if n := len(p.all("#kriteria-makalah tbody tr")); n != 5 {
			t.Errorf("after adding a row: %d rows, want 3 criteria and 2 blank", n)
		}
		if s, _ := db.Selection(testdb.System(), a.agency.ID, res.Open); len(s.Stages[3].Criteria) != 2 {
			t.Errorf("adding a row saved the scorecard: %v", s.Stages[3].Criteria)
		}

		form = planForm(p)
		form.Set(field+".1.name", "Sistematika dan bahasa")
		form.Set(field+".0.max", "80")
		form.Set(field+".0.remove", "1")
		form.Set(field+".3.code", "rujukan")
		form.Set(field+".3.name", "Rujukan")
		form.Set(field+".3.max", "20,5")
		op.post(base+"/rencana", form).want(http.StatusOK)
		s, err := db.Selection(testdb.System(), a.agency.ID, res.Open)
		if err != nil {
			t.Fatal(err)
		}
		want := []selection.Criterion{{Code: "sistematika", Name: "Sistematika dan bahasa", Max: 100_00},
			{Code: "orisinalitas", Name: "Orisinalitas gagasan", Max: 50_00}, {Code: "rujukan", Name: "Rujukan", Max: 20_50}}
		if got := s.Stages[3].Criteria; s.Stages[3].Kind != selection.Makalah || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("stored makalah criteria %v, want %v", got, want)
		}

		// A bad maximum: a word, then zero.
		p = op.get(base).want(http.StatusOK)
		form = planForm(p)
		form.Set(field+".1.max", "banyak")
		p = op.post(base+"/rencana", form).want(http.StatusUnprocessableEntity)
		td := p.one("#kriteria-makalah td.has-error")
		if in := p.one("input[name=" + field + ".1.max]"); attr(in, "value") != "banyak" || attr(in, "aria-invalid") != "true" ||
			!strings.Contains(textOf(td), "angka") {
			t.Errorf("a word as the maximum: %q at %q", attr(in, "value"), textOf(td))
		}
		form.Set(field+".1.max", "0")
		p = op.post(base+"/rencana", form).want(http.StatusUnprocessableEntity)
		if got := textOf(p.one("#kriteria-makalah td.has-error")); !strings.Contains(got, "nilai maksimal 0.00 untuk kriteria orisinalitas harus lebih dari 0") {
			t.Errorf("zero as the maximum: %q", got)
		}
		form.Set(field+".1.max", "50")
		form.Set(field+".2.code", "sistematika")
		p = op.post(base+"/rencana", form).want(http.StatusUnprocessableEntity)
		if n := len(p.all("#kriteria-makalah td.has-error")); n != 2 {
			t.Errorf("a code twice marks %d inputs, want both rows' codes", n)
		}

		// A started stage's scorecard is frozen.
		scoring := fmt.Sprintf("/a/kota-magelang/seleksi/%d", res.Scoring)
		p = op.get(scoring).want(http.StatusOK)
		if in := p.all("#kriteria-rekam_jejak input"); len(in) != 0 || len(p.all("#kriteria-rekam_jejak tbody tr")) != 2 ||
			!strings.Contains(textOf(p.one("#kriteria-rekam_jejak")), "sudah dimulai") {
			t.Errorf("the started stage's scorecard is not shown frozen: %d inputs, %q", len(in), textOf(p.one("#kriteria-rekam_jejak")))
		}
		form = planForm(p)
		if form.Has("stages.rekam_jejak.criteria.rows") || !form.Has("stages.asesmen.criteria.rows") {
			t.Errorf("the form carries the started stage's scorecard or not a planned one's: %v", form)
		}
		op.post(scoring+"/rencana", form).want(http.StatusOK)
		form.Set("stages.rekam_jejak.criteria.rows", "1")
		form.Set("stages.rekam_jejak.criteria.0.code", "integritas")
		form.Set("stages.rekam_jejak.criteria.0.max", "100")
		p = op.post(scoring+"/rencana", form).want(http.StatusConflict)
		if !strings.Contains(textOf(p.one(".error-summary")), "sudah berjalan") {
			t.Errorf("changing a started stage's criteria: %q", textOf(p.one(".error-summary")))
		}
		if s, _ := db.Selection(testdb.System(), a.agency.ID, res.Scoring); len(s.Stages[1].Criteria) != 2 {
			t.Errorf("the started stage's criteria changed: %v", s.Stages[1].Criteria)
		}

		// A viewer reads the criteria, with no inputs.
		p = a.signIn("viewer").get(base).want(http.StatusOK)
		if n, in := len(p.all("#kriteria-makalah tbody tr")), len(p.all("#kriteria-makalah input")); n != 3 || in != 0 {
			t.Errorf("a viewer sees %d criteria rows and %d inputs", n, in)
		}
	})
}
