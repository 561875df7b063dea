package sqldb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/selection"
	"merit/sqldb"
)

// pdf is a minimal file that http.DetectContentType names a PDF.
var pdf = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

// TestSelectionFlow runs an open selection from the announcement to the
// PPK's choice on each engine: internal candidates registered by NIP and
// one external applicant registering on the public portal with documents,
// the administrative check with a correction loop, three panel members
// scoring every stage, each stage published and sealed, the public reading
// it, an amendment re-sealing a stage, the top three and the PPK's choice.
// Then a score edited directly in the database is found by the seal
// verification, naming its stage.
func TestSelectionFlow(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			db := testdb.OpenDSN(t, dsn)
			flow(t, db, dsn)
		})
	}
}

func flow(t *testing.T, db *sqldb.DB, dsn string) {
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	o := newSelOrg(t, db, "kota-flow")
	a := o.agency.ID
	s, members, cands := o.running(t, db)
	post := s.Posts[0].ID
	public := context.Background()

	// The public portal shows the announcement, not the drafts.
	if list, err := db.PublicSelections(public, a); err != nil || len(list) != 1 {
		t.Fatalf("public list %v %v", list, err)
	}
	ann, err := db.PublicSelection(public, a, s.ID)
	if err != nil || len(ann.Panel) != 3 || ann.Panel[0].UserID != 0 || ann.Requirements.MaxAge != 56 {
		t.Fatalf("announcement %+v %v", ann, err)
	}

	// An external applicant registers with two documents; a file that is
	// not a PDF, JPEG or PNG is refused naming its slot.
	reg := &sqldb.Registration{Candidate: selection.Candidate{PostID: post, Name: "Dr. Rina Wulandari", NIP: "197805122003122004",
		BirthPlace: "Semarang", BirthDate: merit.MustDate("1978-05-12"), Email: "rina@example.org", Phone: "081234567890",
		Education: "S2", Golongan: "IV/b", CurrentPosition: "Kepala Bidang Pendidikan Dasar", Eselon: "III.a",
		TMTJabatan: merit.MustDate("2019-01-02"), AgencyName: "Pemerintah Kabupaten Semarang"},
		Documents: []sqldb.Upload{{Slot: selection.SlotSuratLamaran, FileName: "lamaran.pdf", Data: pdf},
			{Slot: selection.SlotIjazah, FileName: "ijazah.exe", Data: []byte("MZ\x90\x00 not a document")}}}
	if _, _, err := db.RegisterExternalCandidate(public, a, s.ID, reg); merit.KindOf(err) != merit.KindInvalid ||
		merit.FieldsOf(err)[0].Field != "documents.ijazah" {
		t.Errorf("bad upload: %v", err)
	}
	reg.Documents[1] = sqldb.Upload{Slot: selection.SlotIjazah, FileName: "ijazah.pdf", Data: pdf}
	ext, code, err := db.RegisterExternalCandidate(public, a, s.ID, reg)
	if err != nil {
		t.Fatal(err)
	}
	if ext.RegNo == "" || code == "" || ext.EmployeeID != 0 || ext.Status != selection.CandidateSubmitted {
		t.Fatalf("external %+v %q", ext, code)
	}
	_, docs, err := db.SelectionCandidate(o.viewer, a, s.ID, ext.ID)
	sum := sha256.Sum256(pdf)
	if err != nil || len(docs) != 2 || docs[0].Slot != selection.SlotSuratLamaran || docs[1].SHA256 != hex.EncodeToString(sum[:]) ||
		docs[1].ContentType != "application/pdf" || docs[1].Size != int64(len(pdf)) {
		t.Fatalf("documents %+v %v", docs, err)
	}
	cands = append(cands, *ext)

	// Registration closes; the administrative check asks the applicant to
	// correct the ijazah by a deadline; the corrected upload needs the
	// access code.
	now = time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC)
	if _, _, err := db.RegisterExternalCandidate(public, a, s.ID, reg); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("registration after closing: %v", err)
	}
	admin := s.Stages[0]
	if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, selection.StageOpen); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CheckSelectionDocument(o.secretariat, a, s.ID, ext.ID, selection.SlotIjazah, selection.DocCorrection,
		"legalisir tidak terbaca", merit.MustDate("2026-03-20")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, ext.ID, selection.CandidateCorrection, "ijazah perlu diperbaiki"); err != nil {
		t.Fatal(err)
	}
	fixed := sqldb.Upload{Slot: selection.SlotIjazah, FileName: "ijazah-legalisir.pdf", Data: append(bytes.Clone(pdf), "% legalisir\n"...)}
	if _, err := db.UploadSelectionDocument(public, a, s.ID, ext.ID, "wrong-code", fixed); merit.KindOf(err) != merit.KindNotFound {
		t.Errorf("upload with a wrong code: %v", err)
	}
	if _, err := db.UploadSelectionDocument(public, a, s.ID, ext.ID, code, sqldb.Upload{Slot: selection.SlotKTP, FileName: "ktp.pdf",
		Data: pdf}); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("upload of a slot not asked for after closing: %v", err)
	}
	d, err := db.UploadSelectionDocument(public, a, s.ID, ext.ID, code, fixed)
	if err != nil || d.Status != selection.DocUploaded || d.FileName != "ijazah-legalisir.pdf" {
		t.Fatalf("corrected upload %+v %v", d, err)
	}
	if _, err := db.CheckSelectionDocument(o.secretariat, a, s.ID, ext.ID, selection.SlotIjazah, selection.DocVerified, "", merit.Date{}); err != nil {
		t.Fatal(err)
	}
	if c, err := db.VerifySelectionFields(o.secretariat, a, s.ID, ext.ID, []string{"education", "tmtJabatan"}); err != nil || !c.IsVerified("education") {
		t.Fatalf("verify fields %+v %v", c, err)
	}
	for _, c := range cands {
		if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, c.ID, selection.CandidateQualified, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, selection.StageClosed); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, ext.ID, selection.CandidateUnqualified, "terlambat"); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("administrative check after administrasi closed: %v", err)
	}
	if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, selection.StagePublished); err != nil {
		t.Fatal(err)
	}
	if ps, err := db.PublicStageResults(public, a, s.ID, admin.ID); err != nil || len(ps.Results) != 4 || len(ps.Seals) != 0 {
		t.Fatalf("published administrasi %+v %v", ps, err)
	}

	// Member P3 declares a conflict with the external applicant; each
	// member scores every candidate he may on every criterion of every
	// scored stage, candidate i getting 60 + 10·i from P1 and a little less
	// from the others.
	if err := db.DeclareSelectionConflict(o.panel(2), a, &selection.Conflict{SelectionID: s.ID, CandidateID: ext.ID, Reason: "rekan bisnis"}); err != nil {
		t.Fatal(err)
	}
	for _, st := range s.Stages[1:] {
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, st.ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.PublishSelectionStage(o.secretariat, a, s.ID, st.ID); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("%s published without scores: %v", st.Kind, err)
		}
		for m := range members {
			var card []selection.Score
			for i, c := range cands {
				if m == 2 && c.ID == ext.ID {
					continue
				}
				for _, cr := range st.Criteria {
					card = append(card, selection.Score{StageID: st.ID, CandidateID: c.ID, Criterion: cr.Code,
						Value: performance.Hundredths((60 + 10*i - 2*m) * 100)})
				}
			}
			if err := db.SetSelectionScores(o.panel(m), a, s.ID, card); err != nil {
				t.Fatalf("%s scores of P%d: %v", st.Kind, m+1, err)
			}
		}
		if m, err := db.StageProgress(o.secretariat, a, s.ID, st.ID); err != nil || len(m) != 0 {
			t.Fatalf("%s missing %d %v", st.Kind, len(m), err)
		}
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, st.ID, selection.StageClosed); err != nil {
			t.Fatal(err)
		}
		pub, seal, err := db.PublishSelectionStage(o.secretariat, a, s.ID, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Status != selection.StagePublished || seal == nil || seal.Seq != 1 || seal.Previous != "" {
			t.Fatalf("%s published %+v %+v", st.Kind, pub, seal)
		}
		// Anyone recomputes the seal from the published file.
		ps, err := db.PublicStageResults(public, a, s.ID, st.ID)
		if err != nil || len(ps.Results) != 4 || ps.Results[0].RegNo != ext.RegNo || len(ps.Seals) != 1 {
			t.Fatalf("%s public %+v %v", st.Kind, ps, err)
		}
		pseal, file, err := db.PublicSealFile(public, a, s.ID, st.ID, 0)
		if err != nil || selection.Hash(file) != seal.Hash || pseal.Hash != seal.Hash || selection.VerifyFile(*seal, file) != nil {
			t.Fatalf("%s seal file: %v", st.Kind, err)
		}
	}

	// An amendment with a reason re-seals wawancara, chained to its first seal.
	wawancara := s.Stages[4]
	if _, _, err := db.AmendSelectionStage(o.secretariat, a, s.ID, wawancara.ID, []selection.Score{{CandidateID: cands[0].ID,
		MemberID: members[1].ID, Criterion: "visi", Value: 61_00}}, ""); merit.KindOf(err) != merit.KindInvalid {
		t.Errorf("amendment without a reason: %v", err)
	}
	am, seal2, err := db.AmendSelectionStage(o.secretariat, a, s.ID, wawancara.ID, []selection.Score{{CandidateID: cands[0].ID,
		MemberID: members[1].ID, Criterion: "visi", Value: 61_00}}, "salah ketik pada lembar nilai P2")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := db.PublicSealFile(public, a, s.ID, wawancara.ID, 1)
	if seal2.Seq != 2 || seal2.Previous != first.Hash || am.SealHash != seal2.Hash || am.Before == am.After {
		t.Fatalf("amendment %+v seal %+v first %+v", am, seal2, first)
	}
	checks, err := db.VerifySelectionSeals(o.viewer, a, s.ID, 0)
	if err != nil || len(checks) != 5 {
		t.Fatalf("verify %+v %v", checks, err)
	}
	for _, c := range checks {
		if c.Problem != "" {
			t.Errorf("seal %s #%d: %s", c.Kind, c.Seq, c.Problem)
		}
	}

	// Ranking: the external applicant first (his scores are highest), then
	// the internal ones in reverse order; the PPK chooses from the top three.
	rk, err := db.SelectionRankings(o.ppk, a, s.ID)
	if err != nil || len(rk) != 1 || len(rk[0].TopThree()) != 3 || rk[0].Rows[0].CandidateID != ext.ID || rk[0].Rows[3].CandidateID != cands[0].ID {
		t.Fatalf("rankings %+v %v", rk, err)
	}
	if err := db.DecideSelection(o.secretariat, a, &selection.Decision{SelectionID: s.ID, PostID: post, CandidateID: ext.ID,
		Reason: "x"}); merit.KindOf(err) != merit.KindForbidden {
		t.Errorf("secretariat decides: %v", err)
	}
	if err := db.DecideSelection(o.ppk, a, &selection.Decision{SelectionID: s.ID, PostID: post, CandidateID: cands[0].ID,
		Reason: "peringkat keempat"}); merit.KindOf(err) != merit.KindInvalid {
		t.Errorf("PPK chooses outside the top three: %v", err)
	}
	choice := &selection.Decision{SelectionID: s.ID, PostID: post, CandidateID: cands[2].ID,
		Reason: "pengalaman memimpin perangkat daerah sejenis"}
	if err := db.DecideSelection(o.ppk, a, choice); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Selection(o.viewer, a, s.ID); got.Status != selection.StatusDecided {
		t.Errorf("status after the choice: %s", got.Status)
	}
	if ann, _ := db.PublicSelection(public, a, s.ID); len(ann.Decisions) != 1 || ann.Decisions[0].RegNo != cands[2].RegNo {
		t.Errorf("public decision %+v", ann.Decisions)
	}

	// A score edited directly in the database breaks asesmen's seal.
	asesmen := s.Stages[2]
	raw := testdb.Raw(t, dsn)
	if _, err := raw.Exec(`UPDATE selection_score SET value = value + 500 WHERE agency_id = $1 AND stage_id = $2 AND candidate_id = $3
		AND member_id = $4 AND criterion = 'teknis'`, a, asesmen.ID, cands[1].ID, members[0].ID); err != nil {
		t.Fatal(err)
	}
	checks, err = db.VerifySelectionSeals(o.viewer, a, s.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, c := range checks {
		if c.Problem != "" {
			bad = append(bad, string(c.Kind)+":"+c.Problem)
		}
	}
	if len(bad) != 1 || bad[0] != "asesmen:scores" {
		t.Errorf("after the edit, problems %v; want asesmen:scores", bad)
	}
	// Every write above is in the audit trail, chained.
	if p, n, err := db.VerifyAudit(testdb.System()); err != nil || p != nil || n == 0 {
		t.Errorf("audit chain %+v %d %v", p, n, err)
	}
}
