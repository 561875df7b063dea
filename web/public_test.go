package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/auth"
	"merit/demo"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// demoSelections builds the demo's three open selections in the test
// agency (kota-magelang) with three panel members who sign in as pansel1,
// pansel2 and pansel3.
func demoSelections(t *testing.T, a *app) *demo.SelectionResult {
	t.Helper()
	ctx := testdb.System()
	hash, err := auth.HashPassword(password, auth.Cheap)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := 1; i <= 3; i++ {
		u := &merit.User{Username: fmt.Sprintf("pansel%d", i), Name: fmt.Sprintf("Anggota Pansel %d", i),
			Grants: []merit.Grant{{AgencyID: a.agency.ID, AgencyCode: a.agency.Code, Role: merit.RolePanel}}}
		if err := a.db.CreateUser(ctx, u, hash); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	res, err := demo.SelectionDemo(ctx, a.db, a.agency, merit.DateOf(a.db.Now()), ids)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The public portal without sign-in: the list, a finished selection with
// its seals and the PPK's choice, a published stage whose downloaded file
// hashes to the seal shown, registration of an external applicant with a
// document and a later upload with the access code, and uji publik
// answering that it is closed.
func TestPublicPortal(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		res := demoSelections(t, a)
		anon := a.anonymous()
		p := anon.get("/seleksi-terbuka").want(http.StatusOK)
		if n := len(p.all(".public-selections li")); n != 3 {
			t.Errorf("the portal lists %d selections, want 3", n)
		}
		base := fmt.Sprintf("/seleksi-terbuka/kota-magelang/%d", res.Finished)
		p = anon.get(base).want(http.StatusOK)
		if n := len(p.all("code.seal-hash")); n != 4 {
			t.Errorf("%d seals on the timeline, want the four scored stages", n)
		}
		if !strings.Contains(textOf(p.one("#keputusan")), "JPT-") {
			t.Errorf("the PPK's choice is not shown: %q", textOf(p.one("#keputusan")))
		}
		var stage string
		for _, l := range p.all("#jadwal a") {
			stage = attr(l, "href") // the last published stage: wawancara, amended
		}
		p = anon.get(stage).want(http.StatusOK)
		hash := textOf(p.one("#seal-hash"))
		file := anon.get(attr(p.one("#segel a[download]"), "href")).want(http.StatusOK)
		sum := sha256.Sum256([]byte(file.body))
		if hex.EncodeToString(sum[:]) != hash || !strings.HasPrefix(file.body, "selection,stage,previous_seal,") {
			t.Errorf("the file's SHA-256 %x is not the seal %s", sum, hash)
		}
		if !strings.Contains(p.text(), "sha256sum") || len(p.all("#segel li")) < 2 {
			t.Errorf("no verification steps or seal history:\n%s", p.text())
		}
		anon.get(fmt.Sprintf("/seleksi-terbuka/kota-magelang/%d/tahap/999999", res.Finished)).want(http.StatusNotFound)
		anon.get(fmt.Sprintf("/seleksi-terbuka/kab-semarang/%d", res.Finished)).want(http.StatusNotFound)

		// Registration on the open selection.
		open := fmt.Sprintf("/seleksi-terbuka/kota-magelang/%d", res.Open)
		p = anon.get(open).want(http.StatusOK)
		if len(p.all("a[href="+open+"/daftar]")) != 1 {
			t.Fatalf("the open selection offers no registration")
		}
		p = anon.get(open + "/daftar").want(http.StatusOK)
		post := attr(p.one("select[name=postId] option"), "value")
		fields := map[string]string{"postId": post, "name": "Dr. Rina Wulandari", "nip": "197805122003122004", "birthPlace": "Semarang",
			"birthDate": "1978-05-12", "email": "rina@example.org", "phone": "081234567890", "education": "S2", "golongan": "IV/b",
			"currentPosition": "Kepala Bidang Pendidikan Dasar", "tmtJabatan": "2019-01-02", "agencyName": "Pemerintah Kabupaten Semarang"}
		p = anon.postMultipart(open+"/daftar", fields, "doc_surat_lamaran", "lamaran.pdf", []byte("%PDF-1.4\n%%EOF\n")).want(http.StatusCreated)
		if reg := textOf(p.one("#reg-no")); !strings.HasPrefix(reg, "JPT-") || textOf(p.one("#access-code")) == "" {
			t.Errorf("registration: %q", p.text())
		}
		// With the access code the applicant adds a document; a wrong code finds nothing.
		code, correction := textOf(p.one("#access-code")), attr(p.one("#correction-link"), "href")
		anon.get(correction).want(http.StatusOK)
		p = anon.postMultipart(correction, map[string]string{"code": code, "slot": "ktp"}, "file", "ktp.pdf", []byte("%PDF-1.4\n%%EOF\n")).want(http.StatusOK)
		if !strings.Contains(textOf(p.one(".flash")), "ktp.pdf") {
			t.Errorf("the upload is not confirmed: %q", p.text())
		}
		anon.postMultipart(correction, map[string]string{"code": "salah", "slot": "ktp"}, "file", "ktp.pdf", []byte("%PDF-1.4\n%%EOF\n")).want(http.StatusNotFound)
		p = anon.postMultipart(open+"/daftar", fields, "doc_ktp", "ktp.exe", []byte("MZ not a document")).want(http.StatusUnprocessableEntity)
		if !strings.Contains(textOf(p.one(".error-summary")), "PDF, JPEG atau PNG") {
			t.Errorf("the bad document is not named:\n%s", p.text())
		}
		delete(fields, "email")
		fields["nip"] = "197805122003122005"
		p = anon.postMultipart(open+"/daftar", fields, "doc_ktp", "ktp.pdf", []byte("%PDF-1.4\n%%EOF\n")).want(http.StatusUnprocessableEntity)
		if !strings.Contains(textOf(p.one(".error-summary")), "Email") || attr(p.one("input[name=name]"), "value") != "Dr. Rina Wulandari" {
			t.Errorf("the missing e-mail is not named, or the form lost its values:\n%s", p.text())
		}
		// No uji publik stage is open.
		anon.get(open + "/uji-publik").want(http.StatusConflict)
	})
}

// postMultipart posts a multipart form with the fields and one file.
func (u *user) postMultipart(path string, fields map[string]string, fileField, name string, content []byte) *page {
	u.app.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile(fileField, name)
	_, _ = io.Copy(fw, bytes.NewReader(content))
	_ = w.Close()
	req, _ := http.NewRequest("POST", u.app.url+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return u.do(req)
}

// Uji publik: while the stage is open the public sees the shortlisted
// candidates and comments (a comment without text comes back with its
// field); the secretariat approves it on the selection's page, and only
// then does the panel read it.
func TestPublicTest(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		ctx := testdb.System()
		res := demoSelections(t, a) // its panel (with pansel1's account) sits on this one too
		done, err := db.Selection(ctx, a.agency.ID, res.Finished)
		if err != nil {
			t.Fatal(err)
		}
		panel, err := db.SelectionPanel(ctx, a.agency.ID, done.ID)
		if err != nil {
			t.Fatal(err)
		}
		// A selection with uji publik, its administrative check published.
		s := selection.New(a.agency.ID, selection.Pratama, "Seleksi Terbuka Sekretaris Daerah", selection.UjiPublik)
		today := merit.DateOf(db.Now())
		s.RegistrationOpen, s.RegistrationClose = merit.DateOf(today.Time().AddDate(0, 0, -30)), merit.DateOf(today.Time().AddDate(0, 0, -16))
		s.Posts = []selection.Post{{PositionID: done.Posts[0].PositionID}}
		if err := db.CreateSelection(ctx, &s); err != nil {
			t.Fatal(err)
		}
		for _, m := range panel.Members {
			m.ID, m.SelectionID, m.EthicsAcceptedAt = 0, s.ID, time.Time{}
			if err := db.AddSelectionMember(ctx, a.agency.ID, &m); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.AnnounceSelection(ctx, a.agency.ID, s.ID); err != nil {
			t.Fatal(err)
		}
		list, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.agency.ID, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			c, err := db.RegisterInternalCandidate(ctx, a.agency.ID, s.ID, s.Posts[0].ID, e.NIP)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.DecideSelectionCandidate(ctx, a.agency.ID, s.ID, c.ID, selection.CandidateQualified, ""); err != nil {
				t.Fatal(err)
			}
		}
		stages, _ := db.Selection(ctx, a.agency.ID, s.ID)
		for _, st := range []struct {
			id int64
			to []selection.StageStatus
		}{{stages.Stages[0].ID, []selection.StageStatus{selection.StageOpen, selection.StageClosed, selection.StagePublished}},
			{stages.Stages[len(stages.Stages)-1].ID, []selection.StageStatus{selection.StageOpen}}} {
			for _, to := range st.to {
				if _, err := db.AdvanceSelectionStage(ctx, a.agency.ID, s.ID, st.id, to); err != nil {
					t.Fatalf("%s: %v", to, err)
				}
			}
		}

		anon := a.anonymous()
		base := fmt.Sprintf("/seleksi-terbuka/kota-magelang/%d", s.ID)
		p := anon.get(base).want(http.StatusOK)
		if len(p.all("a[href="+base+"/uji-publik]")) != 1 {
			t.Fatalf("the selection page offers no uji publik")
		}
		p = anon.get(base + "/uji-publik").want(http.StatusOK)
		cand := p.all("select[name=candidateId] option")
		if len(cand) != 2 {
			t.Fatalf("%d shortlisted candidates, want 2", len(cand))
		}
		form := url.Values{"candidateId": {attr(cand[0], "value")}, "name": {"Warga Magelang"}}
		p = anon.post(base+"/uji-publik", form).want(http.StatusUnprocessableEntity)
		if attr(p.one("input[name=name]"), "value") != "Warga Magelang" {
			t.Errorf("the form lost the name")
		}
		form.Set("text", "Beliau dikenal tanggap melayani warga.")
		p = anon.post(base+"/uji-publik", form).want(http.StatusOK)
		if !strings.Contains(textOf(p.one(".flash")), "menunggu moderasi") {
			t.Errorf("after commenting: %q", p.text())
		}

		staff := fmt.Sprintf("/a/kota-magelang/seleksi/%d", s.ID)
		p1 := a.signIn("pansel1")
		if n := len(p1.get(staff).want(http.StatusOK).all("#uji-publik li")); n != 0 {
			t.Errorf("the panel reads %d comments before moderation", n)
		}
		op := a.signIn("operator")
		p = op.get(staff).want(http.StatusOK)
		action := attr(p.one("#uji-publik form"), "action")
		op.post(action, url.Values{"status": {"approved"}}).want(http.StatusOK)
		if got := textOf(p1.get(staff).want(http.StatusOK).one("#uji-publik li")); !strings.Contains(got, "tanggap melayani") {
			t.Errorf("the panel reads %q", got)
		}
	})
}
