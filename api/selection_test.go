package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// putFile uploads a document as a browser form does (PUT, multipart).
func (c *client) putFile(path, filename string, content []byte, fields map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(content)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, err := http.NewRequest("PUT", c.url+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

// TestSelectionAPI runs a selection through the API: the secretariat
// creates and announces it with a panel of three accounts, registers two
// employees by NIP; an applicant registers on the public portal and uploads
// a document with the access code; the panel scores the one scored stage
// (an asesor of another selection finds nothing, a declared conflict
// blocks); the stage is published and sealed; the public downloads the
// canonical file whose SHA-256 is the published hash; the PPK chooses; the
// report for the supervisor downloads (checkSelectionReport).
func TestSelectionAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC) }
		f := newFixture(t, db)
		sys := testdb.System()
		a := f.a.ID
		post := &merit.Position{AgencyID: a, UnitID: f.unitA.ID, Name: "Kepala Dinas Pendidikan", Jenis: "JPT_PRATAMA"}
		if err := db.CreatePosition(sys, post); err != nil {
			t.Fatal(err)
		}
		user := func(name string, role merit.Role) int64 {
			hash, _ := auth.HashPassword(password, auth.Cheap)
			u := &merit.User{Username: name, Name: name, Grants: []merit.Grant{{AgencyID: a, Role: role}}}
			if err := db.CreateUser(sys, u, hash); err != nil {
				t.Fatal(err)
			}
			return u.ID
		}
		panel := []int64{user("pansel-1", merit.RolePanel), user("pansel-2", merit.RolePanel), user("pansel-3", merit.RoleAssessor)}
		user("asesor-lain", merit.RoleAssessor)
		user("walikota", merit.RolePPK)
		var nips []string
		for seq := 1; seq <= 2; seq++ {
			e := testdb.Employee(a, seq)
			if err := db.CreateEmployee(sys, e); err != nil {
				t.Fatal(err)
			}
			nips = append(nips, e.NIP)
		}

		op := f.signIn("op-a")
		base := "/api/v1/agencies/kota-a/selections"
		plan := []map[string]any{
			{"kind": "administrasi", "order": 1, "weight": 0},
			{"kind": "wawancara", "order": 2, "weight": 100, "criteria": []map[string]any{
				{"code": "visi", "name": "Visi", "max": 100}, {"code": "kepemimpinan", "name": "Kepemimpinan", "max": 100}}},
		}
		body := map[string]any{"title": "Seleksi Terbuka JPT Pratama 2026", "level": "jpt_pratama", "registrationOpen": "2026-03-02",
			"registrationClose": "2026-03-16", "posts": []map[string]any{{"positionId": post.ID}}, "stages": plan,
			"panel": map[string]any{"min": 3, "max": 9, "odd": true, "maxInternalPercent": 45}}
		f.signIn("view-a").fail("POST", base, body, http.StatusForbidden)
		bad := map[string]any{}
		for k, v := range body {
			bad[k] = v
		}
		bad["stages"] = []map[string]any{{"kind": "administrasi", "order": 1, "weight": 50}}
		if pr := op.fail("POST", base, bad, http.StatusUnprocessableEntity); !pr.hasField("stages.weight", "selection.err.weights_sum") {
			t.Errorf("weights: %+v", pr)
		}
		var s selection.Selection
		op.call("POST", base, body, http.StatusCreated, &s)
		one := fmt.Sprintf("%s/%d", base, s.ID)
		for i, m := range []map[string]any{
			{"code": "P1", "name": "Sekretaris Daerah", "kind": "internal", "role": "ketua"},
			{"code": "P2", "name": "Kepala BKD Provinsi", "kind": "external", "role": "anggota"},
			{"code": "P3", "name": "Guru Besar", "kind": "academic", "role": "anggota"},
		} {
			m["userId"] = panel[i]
			op.call("POST", one+"/panel", m, http.StatusCreated, nil)
			f.signIn(fmt.Sprintf("pansel-%d", i+1)).call("POST", one+"/ethics", nil, http.StatusOK, nil)
		}
		op.call("POST", one+"/announce", nil, http.StatusOK, &s)
		var cands []selection.Candidate
		for _, nip := range nips {
			var c selection.Candidate
			op.call("POST", one+"/candidates", map[string]any{"postId": s.Posts[0].ID, "nip": nip}, http.StatusCreated, &c)
			cands = append(cands, c)
		}

		// The public portal: the announcement, a registration, an upload
		// with the access code.
		pub := f.anon()
		pbase := fmt.Sprintf("/api/v1/public/agencies/kota-a/selections/%d", s.ID)
		var ann sqldb.PublicAnnouncement
		pub.call("GET", pbase, nil, http.StatusOK, &ann)
		if len(ann.Panel) != 3 || ann.Selection.Title != s.Title {
			t.Errorf("announcement %+v", ann)
		}
		var reg registrationOut
		pub.call("POST", pbase+"/registrations", map[string]any{"postId": s.Posts[0].ID, "name": "Rina Wulandari", "birthDate": "1978-05-12",
			"email": "rina@example.org", "phone": "081234567890", "education": "S2", "currentPosition": "Kepala Bidang",
			"agencyName": "Kabupaten Semarang"}, http.StatusCreated, &reg)
		doc := []byte("%PDF-1.4\n%%EOF\n")
		path := fmt.Sprintf("%s/candidates/%d/documents/ijazah", pbase, reg.Candidate.ID)
		if resp, _ := pub.putFile(path, "ijazah.pdf", doc, map[string]string{"code": "salah"}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("upload with a wrong code: %d", resp.StatusCode)
		}
		if resp, data := pub.putFile(path, "ijazah.pdf", doc, map[string]string{"code": reg.AccessCode}); resp.StatusCode != http.StatusOK {
			t.Fatalf("upload: %d %s", resp.StatusCode, data)
		}
		resp, data := op.send("GET", fmt.Sprintf("%s/candidates/%d/documents/ijazah", one, reg.Candidate.ID), nil)
		if resp.StatusCode != http.StatusOK || !bytes.Equal(data, doc) || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		cands = append(cands, *reg.Candidate)

		// Administrasi, then the panel scores wawancara.
		admin, ww := s.Stages[0].ID, s.Stages[1].ID
		op.call("POST", fmt.Sprintf("%s/stages/%d/advance", one, admin), map[string]any{"to": "open"}, http.StatusOK, nil)
		for _, c := range cands {
			op.call("POST", fmt.Sprintf("%s/candidates/%d/admin-check", one, c.ID), map[string]any{"status": "qualified"}, http.StatusOK, nil)
		}
		op.call("POST", fmt.Sprintf("%s/stages/%d/advance", one, admin), map[string]any{"to": "closed"}, http.StatusOK, nil)
		op.call("POST", fmt.Sprintf("%s/stages/%d/advance", one, ww), map[string]any{"to": "open"}, http.StatusOK, nil)
		p3 := f.signIn("pansel-3")
		p3.call("POST", one+"/conflicts", map[string]any{"candidateId": cands[2].ID, "reason": "ipar"}, http.StatusOK, nil)
		scores := func(c selection.Candidate, v float64) map[string]any {
			return map[string]any{"scores": []map[string]any{{"candidateId": c.ID, "criterion": "visi", "value": v},
				{"candidateId": c.ID, "criterion": "kepemimpinan", "value": v + 0.5}}}
		}
		scoresURL := fmt.Sprintf("%s/stages/%d/scores", one, ww)
		other := f.signIn("asesor-lain")
		other.fail("GET", one, nil, http.StatusNotFound)
		other.fail("PUT", scoresURL, scores(cands[0], 90), http.StatusNotFound)
		f.signIn("view-a").fail("PUT", scoresURL, scores(cands[0], 90), http.StatusForbidden)
		if pr := p3.fail("PUT", scoresURL, scores(cands[2], 90), http.StatusForbidden); pr.Code != "selection.err.conflict_of_interest" {
			t.Errorf("conflicted: %+v", pr)
		}
		for i := range panel {
			pc := f.signIn(fmt.Sprintf("pansel-%d", i+1))
			for j, c := range cands {
				if i == 2 && j == 2 {
					continue
				}
				pc.call("PUT", scoresURL, scores(c, float64(70+5*j+i)), http.StatusOK, nil)
			}
		}
		var mine items[selection.Score]
		p3.call("GET", scoresURL, nil, http.StatusOK, &mine)
		if len(mine.Items) != 4 || mine.Items[1].Criterion != "visi" || mine.Items[1].Value != 72_00 {
			t.Errorf("own scores %+v", mine.Items)
		}
		op.call("POST", fmt.Sprintf("%s/stages/%d/advance", one, ww), map[string]any{"to": "closed"}, http.StatusOK, nil)
		op.call("POST", fmt.Sprintf("%s/stages/%d/advance", one, ww), map[string]any{"to": "published"}, http.StatusOK, nil)

		// The public recomputes the seal.
		var ps sqldb.PublicStage
		pub.call("GET", fmt.Sprintf("%s/stages/%d/results", pbase, ww), nil, http.StatusOK, &ps)
		if len(ps.Results) != 3 || len(ps.Seals) != 1 || ps.Results[0].RegNo != reg.Candidate.RegNo {
			t.Fatalf("public results %+v", ps)
		}
		resp, file := pub.send("GET", fmt.Sprintf("%s/stages/%d/seals/0", pbase, ww), nil)
		sum := sha256.Sum256(file)
		if resp.StatusCode != http.StatusOK || hex.EncodeToString(sum[:]) != ps.Seals[0].Hash {
			t.Fatalf("seal file %d: sha256 %x, published %s", resp.StatusCode, sum, ps.Seals[0].Hash)
		}
		var checks items[sqldb.SealCheck]
		op.call("GET", one+"/seals", nil, http.StatusOK, &checks)
		if len(checks.Items) != 1 || checks.Items[0].Problem != "" {
			t.Errorf("verify %+v", checks.Items)
		}

		// The PPK chooses one of the top three.
		var rk items[selection.Ranking]
		f.signIn("walikota").call("GET", one+"/rankings", nil, http.StatusOK, &rk)
		if len(rk.Items) != 1 || rk.Items[0].Rows[0].CandidateID != reg.Candidate.ID {
			t.Fatalf("rankings %+v", rk.Items)
		}
		op.fail("POST", one+"/decisions", map[string]any{"postId": s.Posts[0].ID, "candidateId": cands[1].ID, "reason": "x"}, http.StatusForbidden)
		f.signIn("walikota").call("POST", one+"/decisions", map[string]any{"postId": s.Posts[0].ID, "candidateId": cands[1].ID,
			"reason": "pengalaman memimpin"}, http.StatusCreated, nil)
		pub.call("GET", pbase, nil, http.StatusOK, &ann)
		if len(ann.Decisions) != 1 || ann.Decisions[0].RegNo != cands[1].RegNo || ann.Selection.Status != selection.StatusDecided {
			out, _ := json.Marshal(ann)
			t.Errorf("public decision %s", out)
		}
		checkSelectionReport(t, f, one, s.Title)
	})
}

// TestSelectionPublicTestAPI: during uji publik the public reads the
// shortlist and comments without signing in; the secretariat moderates;
// the panel member reads only the approved comment.
func TestSelectionPublicTestAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC) }
		f := newFixture(t, db)
		sys := testdb.System()
		a := f.a.ID
		post := &merit.Position{AgencyID: a, UnitID: f.unitA.ID, Name: "Kepala Dinas Kesehatan", Jenis: "JPT_PRATAMA"}
		if err := db.CreatePosition(sys, post); err != nil {
			t.Fatal(err)
		}
		hash, _ := auth.HashPassword(password, auth.Cheap)
		u := &merit.User{Username: "pansel-uji", Name: "Pansel", Grants: []merit.Grant{{AgencyID: a, Role: merit.RolePanel}}}
		if err := db.CreateUser(sys, u, hash); err != nil {
			t.Fatal(err)
		}
		s := selection.New(a, selection.Pratama, "Seleksi dengan uji publik", selection.UjiPublik)
		s.RegistrationOpen, s.RegistrationClose = merit.MustDate("2026-03-02"), merit.MustDate("2026-03-16")
		s.Posts, s.Panel = []selection.Post{{PositionID: post.ID}}, selection.PanelRule{Min: 1, Max: 9, MaxInternalPercent: 45}
		if err := db.CreateSelection(sys, &s); err != nil {
			t.Fatal(err)
		}
		if err := db.AddSelectionMember(sys, a, &selection.Member{SelectionID: s.ID, Code: "P1", Name: "Ketua", Kind: selection.External,
			Role: selection.Ketua, UserID: u.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnnounceSelection(sys, a, s.ID); err != nil {
			t.Fatal(err)
		}
		e := testdb.Employee(a, 1)
		if err := db.CreateEmployee(sys, e); err != nil {
			t.Fatal(err)
		}
		c, err := db.RegisterInternalCandidate(sys, a, s.ID, s.Posts[0].ID, e.NIP)
		if err != nil {
			t.Fatal(err)
		}
		uji, _ := s.Stage(selection.UjiPublik)
		pub := f.anon()
		pbase := fmt.Sprintf("/api/v1/public/agencies/kota-a/selections/%d", s.ID)
		pub.fail("GET", pbase+"/shortlist", nil, http.StatusConflict)
		if _, err := db.AdvanceSelectionStage(sys, a, s.ID, s.Stages[0].ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideSelectionCandidate(sys, a, s.ID, c.ID, selection.CandidateQualified, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AdvanceSelectionStage(sys, a, s.ID, uji.ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		var short items[sqldb.ShortlistEntry]
		pub.call("GET", pbase+"/shortlist", nil, http.StatusOK, &short)
		if len(short.Items) != 1 || short.Items[0].RegNo != c.RegNo {
			t.Fatalf("shortlist %+v", short.Items)
		}
		var good, bad selection.Comment
		pub.call("POST", pbase+"/comments", map[string]any{"candidateId": c.ID, "name": "Warga", "text": "Tegas dan jujur."}, http.StatusCreated, &good)
		pub.call("POST", pbase+"/comments", map[string]any{"candidateId": c.ID, "name": "Iklan", "text": "beli sekarang"}, http.StatusCreated, &bad)
		pub.fail("POST", pbase+"/comments", map[string]any{"candidateId": c.ID + 100, "name": "Warga", "text": "?"}, http.StatusNotFound)
		op := f.signIn("op-a")
		one := fmt.Sprintf("/api/v1/agencies/kota-a/selections/%d", s.ID)
		op.call("POST", fmt.Sprintf("%s/comments/%d/moderate", one, good.ID), map[string]any{"status": "approved"}, http.StatusOK, nil)
		op.call("POST", fmt.Sprintf("%s/comments/%d/moderate", one, bad.ID), map[string]any{"status": "rejected"}, http.StatusOK, nil)
		var seen items[selection.Comment]
		f.signIn("pansel-uji").call("GET", one+"/comments", nil, http.StatusOK, &seen)
		if len(seen.Items) != 1 || seen.Items[0].ID != good.ID {
			t.Errorf("panel sees %+v", seen.Items)
		}
	})
}
