package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/auth"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The merit evaluation through the API: an operator fills in and submits,
// uploads evidence served only as a download; the operator cannot verify;
// the agency's evaluator verifies and sets it with the published total;
// another agency's evaluator sees none of it; an employee answers the
// survey once and never reads its results.
func TestMeritEvaluationAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("ev-a", f.a.ID, merit.RoleEvaluator)
		f.addUser("ev-b", f.b.ID, merit.RoleEvaluator)
		e := testdb.Employee(f.a.ID, 7)
		if err := db.CreateEmployee(testdb.System(), e); err != nil {
			t.Fatal(err)
		}
		hash, _ := auth.HashPassword(password, auth.Cheap)
		if err := db.CreateUser(testdb.System(), &merit.User{Username: "emp-a", Name: "Pegawai",
			Grants: []merit.Grant{{AgencyID: f.a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}, hash); err != nil {
			t.Fatal(err)
		}
		op, ev, evB, emp := f.signIn("op-a"), f.signIn("ev-a"), f.signIn("ev-b"), f.signIn("emp-a")

		var instruments items[sqldb.InstrumentInfo]
		emp.call("GET", "/api/v1/evaluation/instruments", nil, http.StatusOK, &instruments)
		if len(instruments.Items) == 0 {
			t.Fatal("no instruments")
		}
		var kasn evaluation.Instrument
		op.call("GET", "/api/v1/evaluation/instruments/kasn-2018/2019.1", nil, http.StatusOK, &kasn)
		op.fail("PUT", "/api/v1/evaluation/instruments/kasn-2018/2019.1", kasn, http.StatusForbidden)

		var a sqldb.MeritAssessment
		op.call("POST", "/api/v1/agencies/kota-a/merit-assessments", map[string]any{"year": 2023, "framework": "kasn-2018", "version": "2019.1"},
			http.StatusCreated, &a)
		base := fmt.Sprintf("/api/v1/agencies/kota-a/merit-assessments/%d", a.ID)
		op.call("PUT", base+"/team", map[string]any{"team": []evaluation.TeamMember{{Name: "Sekda", Role: "ketua"}}}, http.StatusOK, nil)
		for _, ind := range kasn.Indicators() {
			op.call("PUT", base+"/entries/"+ind.Code, map[string]any{"level": 4, "narrative": "Lengkap"}, http.StatusOK, nil)
		}

		pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
		resp, data := op.postForm(base+"/entries/1.1/evidence", "SK Tim \"Merit\".pdf", pdf, nil)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d %s", resp.StatusCode, data)
		}
		if resp, data := op.postForm(base+"/entries/1.1/evidence", "x.html", []byte("<html><script>1</script>"), nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("html upload: %d %s", resp.StatusCode, data)
		}
		var full sqldb.MeritAssessment
		op.call("GET", base, nil, http.StatusOK, &full)
		ev0 := full.Entries[0].Evidence
		sum := sha256.Sum256(pdf)
		if len(ev0) != 1 || ev0[0].SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("evidence %+v", ev0)
		}
		file := fmt.Sprintf("%s/evidence/%d", base, ev0[0].ID)
		resp, body := ev.send("GET", file, nil)
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, pdf) || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
			resp.Header.Get("Content-Disposition") != `attachment; filename="SK Tim \"Merit\".pdf"` || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download: %d %q %q %q", resp.StatusCode, resp.Header.Get("Content-Disposition"), resp.Header.Get("X-Content-Type-Options"),
				resp.Header.Get("Content-Type"))
		}
		evB.fail("GET", file, nil, http.StatusNotFound)
		evB.fail("GET", base, nil, http.StatusNotFound)

		op.call("POST", base+"/submit", nil, http.StatusOK, nil)
		op.fail("PUT", base+"/entries/1.1/verification", map[string]any{"level": 3}, http.StatusForbidden)
		op.fail("POST", base+"/verify", nil, http.StatusForbidden)
		var queue items[*sqldb.MeritAssessment]
		ev.call("GET", "/api/v1/evaluation/queue", nil, http.StatusOK, &queue)
		if len(queue.Items) != 1 {
			t.Errorf("queue %d", len(queue.Items))
		}
		var pub evaluation.Published
		for _, p := range evaluation.PublishedResults() {
			if p.AgencyCode == "kota-magelang" && p.Year == 2023 {
				pub = p
			}
		}
		for code, l := range pub.Levels {
			ev.call("PUT", base+"/entries/"+code+"/verification", map[string]any{"level": l, "note": "Bukti diperiksa"}, http.StatusOK, nil)
		}
		ev.call("POST", base+"/verify", map[string]any{}, http.StatusOK, &a)
		if a.Score.String() != "337.5" || a.Category != "sangat-baik" {
			t.Errorf("verified %s %s", a.Score, a.Category)
		}
		ev.call("POST", base+"/set", map[string]any{"decree": "B-1/KASN/12/2023"}, http.StatusOK, &a)
		if a.Status != evaluation.Ditetapkan {
			t.Errorf("status %s", a.Status)
		}
		var w evaluation.WhatIf
		ev.call("GET", base+"/what-if", nil, http.StatusOK, &w)
		if w.Current.Total.String() != "337.5" || len(w.Steps) == 0 {
			t.Errorf("what-if %+v", w.Current)
		}
		var ranking sqldb.MeritRanking
		ev.call("GET", "/api/v1/evaluation/ranking?year=2023", nil, http.StatusOK, &ranking)
		evB.call("GET", "/api/v1/evaluation/assessments", nil, http.StatusOK, &queue)
		if len(ranking.Ranked) != 1 || len(ranking.Awarded) != 1 || len(queue.Items) != 0 {
			t.Errorf("ranking %d awarded %d, other evaluator sees %d", len(ranking.Ranked), len(ranking.Awarded), len(queue.Items))
		}

		scores := map[string]string{}
		for _, d := range evaluation.SeedJPT().Dimensions {
			for _, ind := range d.Indicators {
				scores[ind.Code] = "0"
				if d.Sign > 0 {
					scores[ind.Code] = ind.Max.String()
				}
			}
		}
		op.fail("PUT", "/api/v1/agencies/kota-a/jpt-index/2023", map[string]any{"evaluator": scores}, http.StatusForbidden)
		var jpt sqldb.JPTIndexRecord
		ev.call("PUT", "/api/v1/agencies/kota-a/jpt-index/2023", map[string]any{"evaluator": scores}, http.StatusOK, &jpt)
		op.call("GET", "/api/v1/agencies/kota-a/jpt-index/2023", nil, http.StatusOK, &jpt)
		if jpt.Result.Total.String() != "100" {
			t.Errorf("JPT index %s", jpt.Result.Total)
		}
		evB.fail("GET", "/api/v1/agencies/kota-a/jpt-index/2023", nil, http.StatusNotFound)

		var s sqldb.Survey
		op.call("POST", "/api/v1/agencies/kota-a/surveys", map[string]any{"year": 2026, "title": "Survei ASN", "minGroupSize": 2,
			"questions": []evaluation.Question{{Code: "K1", Text: "Saya puas", Dimension: "kepuasan"}}}, http.StatusCreated, &s)
		surveyPath := fmt.Sprintf("/api/v1/agencies/kota-a/surveys/%d", s.ID)
		op.call("POST", surveyPath+"/open", nil, http.StatusOK, nil)
		var mine items[*sqldb.Survey]
		emp.call("GET", "/api/v1/me/surveys", nil, http.StatusOK, &mine)
		if len(mine.Items) != 1 {
			t.Fatalf("employee's open surveys: %d", len(mine.Items))
		}
		answer := fmt.Sprintf("/api/v1/me/surveys/%d/responses", s.ID)
		op.fail("POST", answer, map[string]any{"answers": []int{5}}, http.StatusNotFound)
		emp.call("POST", answer, map[string]any{"answers": []int{5}}, http.StatusNoContent, nil)
		emp.fail("POST", answer, map[string]any{"answers": []int{1}}, http.StatusConflict)
		emp.fail("GET", surveyPath+"/results", nil, http.StatusForbidden)
		var res surveyResultsOut
		ev.call("GET", surveyPath+"/results", nil, http.StatusOK, &res)
		if res.Results.Responses != 1 || res.Results.Shown {
			t.Errorf("one response of a threshold of two shown: %+v", res.Results)
		}
	})
}

// The JPT index's versions through the API: read by anyone signed in, a new
// version stored only by the platform admin, a version in use kept as it is.
func TestJPTIndexVersionsAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("ev-a", f.a.ID, merit.RoleEvaluator)
		hash, _ := auth.HashPassword(password, auth.Cheap)
		if err := db.CreateUser(testdb.System(), &merit.User{Username: "platform", Name: "Platform", PlatformAdmin: true}, hash); err != nil {
			t.Fatal(err)
		}
		op, ev, plat := f.signIn("op-a"), f.signIn("ev-a"), f.signIn("platform")
		var versions items[sqldb.InstrumentInfo]
		op.call("GET", "/api/v1/evaluation/jpt-index-versions", nil, http.StatusOK, &versions)
		if len(versions.Items) != 1 || versions.Items[0].Version != "2021.1" {
			t.Fatalf("versions %+v", versions.Items)
		}
		var x evaluation.JPTIndex
		op.call("GET", "/api/v1/evaluation/jpt-index-versions/2021.1", nil, http.StatusOK, &x)
		if len(x.Dimensions) != 5 || x.Dimensions[4].Sign != -1 {
			t.Fatalf("index %+v", x)
		}
		op.fail("GET", "/api/v1/evaluation/jpt-index-versions/1999.1", nil, http.StatusNotFound)
		x.Version = "2022.1"
		op.fail("PUT", "/api/v1/evaluation/jpt-index-versions/2022.1", x, http.StatusForbidden)
		plat.fail("PUT", "/api/v1/evaluation/jpt-index-versions/2023.1", x, http.StatusUnprocessableEntity)
		bad := x
		bad.Bands = nil
		plat.fail("PUT", "/api/v1/evaluation/jpt-index-versions/2022.1", bad, http.StatusUnprocessableEntity)
		plat.call("PUT", "/api/v1/evaluation/jpt-index-versions/2022.1", x, http.StatusOK, nil)
		op.call("GET", "/api/v1/evaluation/jpt-index-versions", nil, http.StatusOK, &versions)
		if len(versions.Items) != 2 || versions.Items[1].Version != "2022.1" {
			t.Errorf("versions after the import %+v", versions.Items)
		}

		scores := map[string]string{}
		for _, d := range x.Dimensions {
			for _, ind := range d.Indicators {
				scores[ind.Code] = "0"
			}
		}
		var r sqldb.JPTIndexRecord
		ev.call("PUT", "/api/v1/agencies/kota-a/jpt-index/2023", map[string]any{"evaluator": scores}, http.StatusOK, &r)
		if r.Index.Version != "2022.1" {
			t.Errorf("2023 computed with %v", r.Index)
		}
		plat.fail("PUT", "/api/v1/evaluation/jpt-index-versions/2022.1", x, http.StatusConflict)
	})
}
