package sqldb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/succession"
)

// roleIn is a context acting as a user holding role in each agency.
func roleIn(role merit.Role, agencyIDs ...int64) context.Context {
	a := &merit.Actor{UserID: 42, Username: "eval." + string(role), Name: string(role)}
	for _, id := range agencyIDs {
		a.Grants = append(a.Grants, merit.Grant{AgencyID: id, Role: role})
	}
	return merit.WithActor(context.Background(), a)
}

// kasnRef is the shipped KASN instrument.
var kasnRef = evaluation.Seed(evaluation.InstrumentKASN2018).Ref()

// published returns the published result of an agency and year.
func published(t *testing.T, code string, year int) evaluation.Published {
	t.Helper()
	for _, p := range evaluation.PublishedResults() {
		if p.AgencyCode == code && p.Year == year {
			return p
		}
	}
	t.Fatalf("no published result %s %d", code, year)
	return evaluation.Published{}
}

// runAssessment takes a new assessment of the agency from draft to
// verified: every self level at 4 (what the agency claims), the verified
// levels those given (what the evaluator found).
func runAssessment(t *testing.T, db *sqldb.DB, agencyID int64, year int, verified evaluation.Levels) *sqldb.MeritAssessment {
	t.Helper()
	op, ev := roleIn(merit.RoleOperator, agencyID), roleIn(merit.RoleEvaluator, agencyID)
	a, err := db.CreateMeritAssessment(op, agencyID, year, kasnRef)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeritTeam(op, agencyID, a.ID, []evaluation.TeamMember{{Name: "Sekretaris Daerah", Role: "ketua"}}); err != nil {
		t.Fatal(err)
	}
	for code := range verified {
		if err := db.SetSelfLevel(op, agencyID, a.ID, code, 4, "Sudah lengkap"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SubmitMeritAssessment(op, agencyID, a.ID); err != nil {
		t.Fatal(err)
	}
	for code, l := range verified {
		if err := db.VerifyIndicator(ev, agencyID, a.ID, code, l, "Dicek"); err != nil {
			t.Fatal(err)
		}
	}
	a, err = db.CompleteVerification(ev, agencyID, a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The instruments are seeded at migration, national, and changed only by
// the platform; a version in use past draft is not changed.
func TestEvaluationInstruments(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ag, _ := testdb.Agency(t, db, "kota-instrumen")
		viewer := roleIn(merit.RoleViewer, ag.ID)
		list, err := db.EvaluationInstruments(viewer)
		if err != nil || len(list) != len(evaluation.Seeds()) {
			t.Fatalf("seeded instruments %v %v", list, err)
		}
		if _, err := db.Migrate(context.Background()); err != nil { // a second migration seeds nothing twice
			t.Fatal(err)
		}
		if l2, _ := db.EvaluationInstruments(viewer); len(l2) != len(list) {
			t.Errorf("after a second migration %d instruments", len(l2))
		}
		if _, err := db.EvaluationInstruments(context.Background()); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("anonymous list: %v", err)
		}
		in, err := db.EvaluationInstrument(viewer, kasnRef)
		if err != nil || !in.Unverified || len(in.Indicators()) == 0 {
			t.Fatalf("kasn instrument %v", err)
		}
		in.Name = "Instrumen KASN (dikoreksi)"
		for _, role := range []merit.Role{merit.RoleAdmin, merit.RoleEvaluator} {
			if err := db.SaveEvaluationInstrument(roleIn(role, ag.ID), in); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("%s edits an instrument: %v", role, err)
			}
		}
		platform := merit.WithActor(context.Background(), &merit.Actor{UserID: 1, Username: "platform", PlatformAdmin: true})
		if err := db.SaveEvaluationInstrument(platform, in); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.EvaluationInstrument(viewer, kasnRef); got.Name != in.Name {
			t.Errorf("edited name %q", got.Name)
		}
		bad := *in
		bad.Aspects = nil
		if err := db.SaveEvaluationInstrument(platform, &bad); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("instrument without aspects: %v", err)
		}
		// Once an assessment was submitted on it, the version stays as it was.
		p := published(t, "kota-magelang", 2022)
		runAssessment(t, db, ag.ID, 2022, p.Levels)
		if err := db.SaveEvaluationInstrument(platform, in); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("edit of a used version: %v", err)
		}
		v2 := *in
		v2.Version = "2019.2"
		if err := db.SaveEvaluationInstrument(platform, &v2); err != nil {
			t.Errorf("new version: %v", err)
		}
		entries, err := db.FindAudit(testdb.System(), 0, "evaluation_instrument", 0, 10)
		if err != nil || len(entries) != 2 { // the edit and the new version; seeding is not audited
			t.Errorf("instrument audit %d %v", len(entries), err)
		}
	})
}

// The flow draft → submitted → verified → ditetapkan: the official score
// comes from the verified levels only (the self levels, all 4, would give
// 400), the published totals come out exactly, and setting it records the
// agency's merit result.
func TestMeritAssessmentFlow(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC) }
		ag, _ := testdb.Agency(t, db, "kota-magelang")
		id := ag.ID
		op, ev := roleIn(merit.RoleOperator, id), roleIn(merit.RoleEvaluator, id)
		p := published(t, "kota-magelang", 2023)

		if _, err := db.CreateMeritAssessment(ev, id, 2023, kasnRef); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("evaluator creates: %v", err)
		}
		if _, err := db.CreateMeritAssessment(op, id, 2023, evaluation.InstrumentRef{Framework: "kasn-2018", Version: "9"}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unknown instrument: %v", err)
		}
		if _, err := db.CreateMeritAssessment(op, id, 2018, kasnRef); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("a year the instrument was not in force: %v", err)
		}
		a, err := db.CreateMeritAssessment(op, id, 2023, kasnRef)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateMeritAssessment(op, id, 2023, kasnRef); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("second assessment of a year: %v", err)
		}
		if len(a.Entries) != len(p.Levels) || a.Status != evaluation.Draft {
			t.Fatalf("new assessment: %d entries, %s", len(a.Entries), a.Status)
		}
		team := []evaluation.TeamMember{{Name: "Sekda", Role: "ketua"}, {Name: "Kepala BKPSDM", Role: "anggota"}}
		if err := db.SetMeritTeam(op, id, a.ID, team); err != nil {
			t.Fatal(err)
		}
		if err := db.SetMeritTeam(op, id, a.ID, []evaluation.TeamMember{{Name: ""}}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("team member without a name: %v", err)
		}
		if err := db.SetSelfLevel(op, id, a.ID, "9.9", 3, ""); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unknown indicator: %v", err)
		}
		if err := db.SetSelfLevel(op, id, a.ID, "1.1", 5, ""); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("level 5: %v", err)
		}
		if err := db.SetSelfLevel(op, id, a.ID, "1.1", 4, "Rencana lima tahun ditetapkan"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitMeritAssessment(op, id, a.ID); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("submit with missing self levels: %v", err)
		}
		for code := range p.Levels {
			if err := db.SetSelfLevel(op, id, a.ID, code, 4, "Lengkap"); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.VerifyIndicator(ev, id, a.ID, "1.1", 3, ""); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("verify a draft: %v", err)
		}
		a, err = db.SubmitMeritAssessment(op, id, a.ID)
		if err != nil || a.Status != evaluation.Submitted || a.Score != 0 {
			t.Fatalf("submitted %v %v %v", a.Status, a.Score, err)
		}
		if err := db.SetSelfLevel(op, id, a.ID, "1.1", 3, ""); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("self level after submission: %v", err)
		}
		if err := db.VerifyIndicator(op, id, a.ID, "1.1", 3, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator verifies: %v", err)
		}
		q, err := db.VerificationQueue(ev)
		if err != nil || len(q) != 1 || q[0].ID != a.ID {
			t.Errorf("queue %v %v", q, err)
		}
		first := true
		for code, l := range p.Levels {
			if err := db.VerifyIndicator(ev, id, a.ID, code, l, "Bukti dicek"); err != nil {
				t.Fatal(err)
			}
			if first { // one indicator left unverified: no result yet
				first = false
				if _, err := db.CompleteVerification(ev, id, a.ID, 0); merit.KindOf(err) != merit.KindInvalid {
					t.Errorf("complete with unverified indicators: %v", err)
				}
			}
		}
		a, err = db.CompleteVerification(ev, id, a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != evaluation.Verified || a.Score != p.Total || a.Category != "sangat-baik" {
			t.Errorf("verified: %s %s %s, want %s sangat-baik", a.Status, a.Score, a.Category, p.Total)
		}
		if self, _ := evaluation.Seed(evaluation.InstrumentKASN2018).Total(a.SelfLevels()); self != evaluation.Points(400) || a.Score == self {
			t.Errorf("self total %s leaked into the score %s", self, a.Score)
		}
		if _, err := db.SetMeritAssessment(op, id, a.ID, "X"); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator sets: %v", err)
		}
		if _, err := db.SetMeritAssessment(ev, id, a.ID, " "); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("set without a decree: %v", err)
		}
		a, err = db.SetMeritAssessment(ev, id, a.ID, "B-123/KASN/12/2023")
		if err != nil || a.Status != evaluation.Ditetapkan || a.SetBy != "eval.evaluator" {
			t.Fatalf("set %v %v", a, err)
		}
		results, err := db.FindMeritResults(testdb.System(), id)
		if err != nil || len(results) != 1 {
			t.Fatal(results, err)
		}
		if r := results[0]; r.Year != 2023 || r.Score != 337.5 || r.Category != succession.CategorySangatBaik ||
			r.Source != succession.SourceEvaluation || r.Decree != "B-123/KASN/12/2023" {
			t.Errorf("merit result %+v", r)
		}
		if _, err := db.SetMeritAssessment(ev, id, a.ID, "again"); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("set twice: %v", err)
		}
		full, err := db.MeritAssessment(roleIn(merit.RoleViewer, id), id, a.ID)
		if err != nil || len(full.Team) != 2 || full.Entries[0].VerifierNote != "Bukti dicek" || full.Entries[0].SelfLevel != 4 {
			t.Errorf("read back %+v %v", full, err)
		}
		entries, err := db.FindAudit(testdb.System(), id, "evaluation_assessment", a.ID, 20)
		if err != nil || len(entries) != 4 { // create, submit, verified, set (team and entries are entities of their own)
			t.Errorf("assessment audit: %d %v", len(entries), err)
		}
	})
}

// The other published results come out exactly, and an evaluator sees the
// agencies it is granted in one list, ranked, counted and awarded, and
// nothing of any other agency.
func TestMeritEvaluatorScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC) }
		pont, _ := testdb.Agency(t, db, "kota-pontianak")
		mgl, _ := testdb.Agency(t, db, "kota-magelang")
		other, _ := testdb.Agency(t, db, "kota-lain")
		a1 := runAssessment(t, db, pont.ID, 2023, published(t, "kota-pontianak", 2023).Levels)
		runAssessment(t, db, mgl.ID, 2023, published(t, "kota-magelang", 2023).Levels)
		hidden := runAssessment(t, db, other.ID, 2023, published(t, "kota-magelang", 2022).Levels)
		if a1.Score.String() != "331.5" || a1.Category != "sangat-baik" || hidden.Score.String() != "273" || hidden.Category != "baik" {
			t.Errorf("published totals: %s %s, %s %s", a1.Score, a1.Category, hidden.Score, hidden.Category)
		}
		ev := roleIn(merit.RoleEvaluator, pont.ID, mgl.ID)
		all, err := db.MeritAssessmentsOf(ev, 2023)
		if err != nil || len(all) != 2 {
			t.Fatalf("evaluator's assessments %d %v", len(all), err)
		}
		for _, a := range all {
			if a.AgencyID == other.ID {
				t.Errorf("another agency's assessment listed")
			}
		}
		r, err := db.MeritRankingOf(ev, 2023)
		if err != nil || len(r.Ranked) != 2 || r.Ranked[0].AgencyCode != "kota-magelang" || len(r.Awarded) != 2 {
			t.Fatalf("ranking %+v %v", r, err)
		}
		for _, c := range r.Counts {
			if want := map[string]int{"sangat-baik": 2}[c.Category]; c.N != want {
				t.Errorf("count %s = %d, want %d", c.Category, c.N, want)
			}
		}
		year, err := db.YearAssessments(ev, 2023)
		if err != nil || len(year) != 2 {
			t.Fatalf("year's assessments %d %v", len(year), err)
		}
		rescored, err := evaluation.Rank(evaluation.Seed(evaluation.InstrumentKASN2018), 2023, year)
		if err != nil || len(rescored.Rows) != 2 || rescored.Rows[0].Total.String() != "337.5" || rescored.Rows[1].Total.String() != "331.5" {
			t.Errorf("rescored %+v %v", rescored, err)
		}
		if none, err := db.YearAssessments(roleIn(merit.RoleEmployee, pont.ID), 2023); err != nil || len(none) != 0 {
			t.Errorf("employee's year %d %v", len(none), err)
		}
		if _, err := db.MeritAssessment(ev, other.ID, hidden.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other agency's assessment: %v", err)
		}
		if err := db.VerifyIndicator(ev, other.ID, hidden.ID, "1.1", 1, ""); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("verify in another agency: %v", err)
		}
		if none, err := db.MeritAssessmentsOf(roleIn(merit.RoleEmployee, pont.ID), 0); err != nil || len(none) != 0 {
			t.Errorf("an employee sees %d assessments (%v)", len(none), err)
		}
		sys, err := db.MeritAssessmentsOf(testdb.System(), 0)
		if err != nil || len(sys) != 3 {
			t.Errorf("system sees %d (%v)", len(sys), err)
		}
	})
}

// Evidence: size and type limits by content, the SHA-256 kept, bytes read
// back as uploaded, only while a draft and only by readers of the agency.
func TestMeritEvidence(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ag, _ := testdb.Agency(t, db, "kota-bukti")
		op := roleIn(merit.RoleOperator, ag.ID)
		a, err := db.CreateMeritAssessment(op, ag.ID, 2024, kasnRef)
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		f, err := db.AddEvidence(op, ag.ID, a.ID, "1.1", `C:\dokumen\SK Tim.pdf`, pdf)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(pdf)
		if f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(pdf)) || f.ContentType != "application/pdf" || f.FileName != "SK Tim.pdf" {
			t.Errorf("evidence %+v", f.Evidence)
		}
		x := excelize.NewFile()
		x.SetCellValue("Sheet1", "A1", "Peta jabatan")
		var xb bytes.Buffer
		if err := x.Write(&xb); err != nil {
			t.Fatal(err)
		}
		xf, err := db.AddEvidence(op, ag.ID, a.ID, "1.3", "peta.xlsx", xb.Bytes())
		if err != nil || !strings.Contains(xf.ContentType, "spreadsheetml") {
			t.Fatalf("xlsx evidence %v %v", xf, err)
		}
		for name, data := range map[string][]byte{
			"page.html":  []byte("<html><script>alert(1)</script></html>"),
			"tool.exe":   append([]byte("MZ\x90\x00"), make([]byte, 100)...),
			"empty.pdf":  {},
			"big.pdf":    append(slices.Clone(pdf), make([]byte, evaluation.MaxEvidenceSize)...),
			"fake.xlsx":  []byte("PK\x03\x04 not really a zip"),
			"script.pdf": []byte("#!/bin/sh\nrm -rf /\n"),
		} {
			if _, err := db.AddEvidence(op, ag.ID, a.ID, "1.1", name, data); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("%s accepted: %v", name, err)
			}
		}
		if _, err := db.AddEvidence(op, ag.ID, a.ID, "9.9", "x.pdf", pdf); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("evidence of an unknown indicator: %v", err)
		}
		if _, err := db.AddEvidence(roleIn(merit.RoleEvaluator, ag.ID), ag.ID, a.ID, "1.1", "x.pdf", pdf); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("evaluator uploads: %v", err)
		}
		got, err := db.FindEvidence(roleIn(merit.RoleEvaluator, ag.ID), ag.ID, a.ID, f.ID)
		if err != nil || !bytes.Equal(got.Data, pdf) || got.SHA256 != f.SHA256 {
			t.Fatalf("download %v", err)
		}
		if _, err := db.FindEvidence(roleIn(merit.RoleEvaluator, ag.ID+1000), ag.ID, a.ID, f.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("download by another agency's evaluator: %v", err)
		}
		full, _ := db.MeritAssessment(op, ag.ID, a.ID)
		if len(full.Entries[0].Evidence) != 1 || full.Entries[0].Evidence[0].SHA256 != f.SHA256 {
			t.Errorf("evidence listed on its indicator: %+v", full.Entries[0].Evidence)
		}
		if err := db.DeleteEvidence(op, ag.ID, a.ID, xf.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindEvidence(op, ag.ID, a.ID, xf.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("deleted evidence: %v", err)
		}
	})
}

// Setting an evaluated Baik result makes the JPT filling through talent
// management possible (issue 5's rule reads the evaluated category).
func TestMeritResultFeedsSuccession(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			db, f := newSuccessionFixture(t, engine)
			ctx := testdb.System()
			aid, pid := f.agency.ID, f.position.ID
			if err := db.FlagCritical(ctx, &succession.Critical{AgencyID: aid, PositionID: pid, Reasons: []succession.Reason{succession.ReasonVacancy}}); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveCandidate(ctx, &succession.Candidate{AgencyID: aid, PositionID: pid, EmployeeID: f.talents[0].ID, Rank: 1,
				Readiness: succession.ReadyNow}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FillJPT(ctx, aid, pid); merit.KindOf(err) != merit.KindInvalid {
				t.Fatalf("fill without a merit result: %v", err)
			}
			a := runAssessment(t, db, aid, 2025, published(t, "kota-magelang", 2022).Levels) // 273, Baik
			if _, err := db.SetMeritAssessment(roleIn(merit.RoleEvaluator, aid), aid, a.ID, "B-7/BKN/2026"); err != nil {
				t.Fatal(err)
			}
			fill, err := db.FillJPT(ctx, aid, pid)
			if err != nil || fill.EmployeeID != f.talents[0].ID {
				t.Fatalf("fill after the evaluated Baik: %v %v", fill, err)
			}
			rs, _ := db.FindMeritResults(ctx, aid)
			if len(rs) != 1 || rs[0].ID != fill.MeritResultID || rs[0].Category != succession.CategoryBaik || rs[0].Score != 273 {
				t.Errorf("merit result %+v, fill %+v", rs, fill)
			}
		})
	}
}

// The survey: one answer per employee (a second is KindConflict), stored
// with nothing that leads back to the employee, results only for groups of
// at least the threshold, and never to an employee.
func TestSurveyAnonymity(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			sys := testdb.System()
			ag, root := testdb.Agency(t, db, "kota-survei")
			units := map[string]*merit.Unit{}
			for _, name := range []string{"Dinas Pendidikan", "Dinas Kesehatan"} {
				u := &merit.Unit{AgencyID: ag.ID, ParentID: root.ID, Name: name}
				if err := db.CreateUnit(sys, u); err != nil {
					t.Fatal(err)
				}
				units[name] = u
			}
			var employees []context.Context
			for i := 1; i <= 5; i++ {
				e := testdb.Employee(ag.ID, i)
				e.UnitID = units["Dinas Pendidikan"].ID
				if i == 5 {
					e.UnitID = units["Dinas Kesehatan"].ID
				}
				if err := db.CreateEmployee(sys, e); err != nil {
					t.Fatal(err)
				}
				employees = append(employees, merit.WithActor(context.Background(), &merit.Actor{UserID: int64(100 + i), Username: e.NIP,
					Grants: []merit.Grant{{AgencyID: ag.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}))
			}
			op := roleIn(merit.RoleOperator, ag.ID)
			s := &sqldb.Survey{Title: "Survei Kepuasan dan Keterlibatan ASN 2026"}
			s.AgencyID, s.Year, s.MinGroupSize = ag.ID, 2026, 3
			s.Questions = []evaluation.Question{{Code: "K1", Text: "Saya puas dengan layanan kepegawaian", Dimension: "kepuasan"},
				{Code: "E1", Text: "Saya bangga bekerja di instansi ini", Dimension: "keterlibatan"}}
			if err := db.CreateSurvey(employees[0], s); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("employee creates a survey: %v", err)
			}
			if err := db.CreateSurvey(op, s); err != nil {
				t.Fatal(err)
			}
			if err := db.RespondSurvey(employees[0], ag.ID, s.ID, []int{4, 4}); merit.KindOf(err) != merit.KindConflict {
				t.Errorf("answer to a draft: %v", err)
			}
			if _, err := db.FindSurvey(employees[0], ag.ID, s.ID); merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("employee reads a draft: %v", err)
			}
			opened, err := db.OpenSurvey(op, ag.ID, s.ID)
			if err != nil || opened.Invited != 5 || opened.Status != sqldb.SurveyOpen {
				t.Fatalf("open %+v %v", opened, err)
			}
			if got, err := db.FindSurvey(employees[0], ag.ID, s.ID); err != nil || len(got.Questions) != 2 {
				t.Errorf("employee reads the open survey: %v", err)
			}
			if err := db.RespondSurvey(employees[0], ag.ID, s.ID, []int{4}); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("one answer of two: %v", err)
			}
			if err := db.RespondSurvey(employees[0], ag.ID, s.ID, []int{9, 1}); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("answer off the scale: %v", err)
			}
			if err := db.RespondSurvey(op, ag.ID, s.ID, []int{4, 4}); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("operator answers: %v", err)
			}
			for i, ctx := range employees[:4] {
				if err := db.RespondSurvey(ctx, ag.ID, s.ID, []int{4, 3 + i%2}); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.RespondSurvey(employees[0], ag.ID, s.ID, []int{1, 1}); merit.KindOf(err) != merit.KindConflict {
				t.Errorf("second answer: %v", err)
			}
			if err := db.RespondSurvey(employees[4], ag.ID, s.ID, []int{2, 0}); err != nil {
				t.Fatal(err)
			}

			// The response table holds no employee and no time finer than the day.
			raw := testdb.Raw(t, dsn)
			rows, err := raw.Query(`SELECT * FROM survey_response`)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if !slices.Equal(cols, []string{"agency_id", "survey_id", "id", "group_key", "answered_on", "answers"}) || n != 5 {
				t.Errorf("response columns %v, %d rows", cols, n)
			}
			var participations int
			raw.QueryRow(`SELECT COUNT(*) FROM survey_participation WHERE agency_id = $1`, ag.ID).Scan(&participations)
			if participations != 5 {
				t.Errorf("%d participations", participations)
			}
			entries, _ := db.FindAudit(sys, ag.ID, "survey_participation", 0, 20)
			for _, e := range entries {
				if strings.Contains(e.After, "answers") || strings.Contains(e.After, "[") {
					t.Errorf("audit names the answers: %s", e.After)
				}
			}

			if _, _, err := db.SurveyResults(employees[0], ag.ID, s.ID); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("employee reads results: %v", err)
			}
			_, r, err := db.SurveyResults(roleIn(merit.RoleEvaluator, ag.ID), ag.ID, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Shown || r.Responses != 5 || r.ResponseRate != evaluation.One {
				t.Errorf("result %+v", r)
			}
			for _, g := range r.Groups {
				if g.Responses < 3 || g.Group == "Dinas Kesehatan" {
					t.Errorf("group below the threshold shown: %+v", g)
				}
			}
			if !slices.Contains(r.Hidden, "Dinas Kesehatan") {
				t.Errorf("hidden groups %v", r.Hidden)
			}
			if _, err := db.CloseSurvey(op, ag.ID, s.ID); err != nil {
				t.Fatal(err)
			}
			if err := db.RespondSurvey(employees[4], ag.ID, s.ID, []int{1, 1}); merit.KindOf(err) != merit.KindConflict {
				t.Errorf("answer to a closed survey: %v", err)
			}
			if list, err := db.OpenSurveys(employees[0], ag.ID); err != nil || len(list) != 0 {
				t.Errorf("employee lists closed surveys: %d %v", len(list), err)
			}
			if _, err := db.Surveys(employees[0], ag.ID); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("employee lists every survey: %v", err)
			}
			if list, err := db.Surveys(op, ag.ID); err != nil || len(list) != 1 || list[0].Responded != 5 {
				t.Errorf("operator's list: %v", err)
			}
		})
	}
}

// The fairness monitor flags a group placed in the favourable boxes at
// under four fifths of the best group's rate.
func TestFairnessMonitor(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			sys := testdb.System()
			ag, _ := testdb.Agency(t, db, "kota-adil")
			raw := testdb.Raw(t, dsn)
			if _, err := raw.Exec(`INSERT INTO talent_review (agency_id, id, year, performance_year, name, rule_version, scheme, reviewed_on, created_by, created_at)
				VALUES ($1, 1, 2026, 2025, 'Review 2026', 0, 'permenpanrb', '2026-03-01', 'test', '2026-03-01 00:00:00')`, ag.ID); err != nil {
				t.Fatal(err)
			}
			// Six men, five in boxes 7-9; six women, two in box 7.
			for i := 1; i <= 12; i++ {
				e := testdb.Employee(ag.ID, i)
				box := []int{9, 8, 7, 7, 8, 5}[(i-1)%6]
				if i > 6 {
					e.Sex, e.NIP, box = merit.SexFemale, strings.Replace(e.NIP, "2010011", "2010012", 1), []int{7, 7, 5, 4, 5, 6}[i-7]
				}
				if err := db.CreateEmployee(sys, e); err != nil {
					t.Fatal(err)
				}
				if _, err := raw.Exec(`INSERT INTO talent_placement (agency_id, review_id, employee_id, mapped, performance, potential, box,
					performance_score, potential_score, points, final_performance, final_potential, final_box) VALUES ($1, 1, $2, TRUE, 0, 0, $3, 0, 0, '[]', 0, 0, $3)`,
					ag.ID, e.ID, box); err != nil {
					t.Fatal(err)
				}
			}
			checks, err := db.Fairness(roleIn(merit.RoleEvaluator, ag.ID), ag.ID)
			if err != nil || len(checks) != 3 || checks[0].Point != "talent" || checks[0].Attribute != "sex" {
				t.Fatalf("checks %+v %v", checks, err)
			}
			sex := checks[0].Report
			if sex.Flagged != 1 || len(sex.Groups) != 2 || sex.Groups[0].Group != merit.SexFemale || sex.Groups[0].Verdict != evaluation.FairFlagged ||
				sex.Groups[1].Verdict != evaluation.FairOK {
				t.Errorf("by sex %+v", sex)
			}
			if _, err := db.Fairness(roleIn(merit.RoleEvaluator, ag.ID+99), ag.ID); merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("another agency's evaluator: %v", err)
			}
			if _, err := db.Fairness(roleIn(merit.RoleEmployee, ag.ID), ag.ID); merit.KindOf(err) != merit.KindForbidden {
				t.Errorf("employee: %v", err)
			}
		})
	}
}

// The JPT index is computed by the evaluator from the selection records and
// its own scores, stored per year and read back; without records every
// measured indicator needs the evaluator's score.
func TestJPTIndex(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ag, _ := testdb.Agency(t, db, "kota-jpt")
		ev := roleIn(merit.RoleEvaluator, ag.ID)
		if sels, err := db.JPTSelections(ev, ag.ID, 2023); err != nil || len(sels) != 0 {
			t.Fatalf("selections %v %v", sels, err)
		}
		if _, err := db.ComputeJPTIndex(roleIn(merit.RoleOperator, ag.ID), ag.ID, 2023, nil); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator computes: %v", err)
		}
		if _, err := db.ComputeJPTIndex(ev, ag.ID, 2023, nil); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("no records, no scores: %v", err)
		}
		if _, err := db.ComputeJPTIndex(ev, ag.ID, 0, nil); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "year" {
			t.Errorf("year 0: %v, want a field error at year", err)
		}
		scores := map[string]evaluation.Score{}
		for _, d := range evaluation.SeedJPT().Dimensions {
			for _, ind := range d.Indicators {
				scores[ind.Code] = ind.Max
				if d.Sign < 0 {
					scores[ind.Code] = 0
				}
			}
		}
		r, err := db.ComputeJPTIndex(ev, ag.ID, 2023, scores)
		if err != nil || r.Result.Total != evaluation.Points(100) {
			t.Fatalf("index %+v %v", r, err)
		}
		if r, err = db.ComputeJPTIndex(ev, ag.ID, 2023, scores); err != nil {
			t.Fatal(err)
		}
		got, err := db.JPTIndexOf(roleIn(merit.RoleViewer, ag.ID), ag.ID, 2023)
		if err != nil || got.ID != r.ID || got.Result.Total != r.Result.Total || got.Result.Band.Code != r.Result.Band.Code || len(got.Inputs.Evaluator) != len(scores) {
			t.Errorf("read back %+v %v", got, err)
		}
		if list, _ := db.EvaluationInstruments(ev); slices.ContainsFunc(list, func(i sqldb.InstrumentInfo) bool { return i.Framework == evaluation.InstrumentJPT }) {
			t.Errorf("the JPT index listed among the instruments")
		}
	})
}
