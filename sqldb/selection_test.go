package sqldb_test

import (
	"context"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/selection"
	"merit/sqldb"
)

// selOrg is an agency with two vacant JPT pratama posts and the actors of
// an open selection: the secretariat (operator), a reader, the PPK and
// panel accounts.
type selOrg struct {
	agency       *merit.Agency
	unit         *merit.Unit
	posts        []*merit.Position
	secretariat  context.Context
	viewer       context.Context
	ppk          context.Context
	panelUserIDs []int64
}

func newSelOrg(t *testing.T, db *sqldb.DB, code string) *selOrg {
	t.Helper()
	ctx := testdb.System()
	a, root := testdb.Agency(t, db, code)
	o := &selOrg{agency: a, unit: root}
	for _, name := range []string{"Kepala Dinas Pendidikan", "Kepala Dinas Kesehatan"} {
		p := &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: name, Jenis: "JPT_PRATAMA"}
		if err := db.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		o.posts = append(o.posts, p)
	}
	as := func(id int64, role merit.Role, name string) context.Context {
		return merit.WithActor(context.Background(), &merit.Actor{UserID: id, Username: name, Grants: []merit.Grant{{AgencyID: a.ID, Role: role}}})
	}
	o.secretariat = as(9001, merit.RoleOperator, "bkpsdm")
	o.viewer = as(9002, merit.RoleViewer, "viewer")
	o.ppk = as(9003, merit.RolePPK, "walikota")
	o.panelUserIDs = []int64{9101, 9102, 9103}
	return o
}

// panel returns the context of the panel account with the given index.
func (o *selOrg) panel(i int) context.Context {
	return merit.WithActor(context.Background(), &merit.Actor{UserID: o.panelUserIDs[i], Username: "pansel" + string(rune('1'+i)),
		Grants: []merit.Grant{{AgencyID: o.agency.ID, Role: merit.RolePanel}}})
}

// draft returns a valid draft selection of both posts with the default
// plan and the optional stages asked for.
func (o *selOrg) draft(optional ...selection.StageKind) *selection.Selection {
	s := selection.New(o.agency.ID, selection.Pratama, "Seleksi Terbuka JPT Pratama 2026", optional...)
	s.LegalBasis = "Keputusan Wali Kota Nomor 800/1/2026"
	s.RegistrationOpen, s.RegistrationClose = merit.MustDate("2026-03-02"), merit.MustDate("2026-03-16")
	s.Panel = selection.PanelRule{Min: 3, Max: 9, Odd: true, MaxInternalPercent: 45}
	for _, p := range o.posts {
		s.Posts = append(s.Posts, selection.Post{PositionID: p.ID})
	}
	return &s
}

func TestSelectionCreateUpdateAnnounce(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		o := newSelOrg(t, db, "kota-seleksi")
		a := o.agency.ID
		s := o.draft()
		if err := db.CreateSelection(o.viewer, s); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer creates: %v", err)
		}
		bad := o.draft()
		bad.Stages[1].Weight += 5_00
		if err := db.CreateSelection(o.secretariat, bad); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("weights 105: %v", err)
		}
		if err := db.CreateSelection(o.secretariat, s); err != nil {
			t.Fatal(err)
		}
		got, err := db.Selection(o.viewer, a, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Posts) != 2 || got.Posts[0].PositionName != "Kepala Dinas Pendidikan" || len(got.Stages) != 5 ||
			got.Stages[2].Kind != selection.Asesmen || len(got.Stages[2].Criteria) != 3 || got.Stages[2].Weight != 40_00 ||
			got.Status != selection.StatusDraft || got.Panel.Min != 3 {
			t.Fatalf("read back %+v", got)
		}
		// A draft changes freely: one post, weights moved.
		got.Posts = got.Posts[:1]
		got.Stages[2].Weight, got.Stages[4].Weight = 35_00, 35_00
		if err := db.UpdateSelection(o.secretariat, got); err != nil {
			t.Fatal(err)
		}
		if len(got.Posts) != 1 || got.Stages[4].Weight != 35_00 {
			t.Fatalf("after update %+v", got)
		}
		ann, err := db.AnnounceSelection(o.secretariat, a, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ann.Status != selection.StatusAnnounced || !ann.WeightsFrozen || ann.AnnouncedAt.IsZero() {
			t.Fatalf("announced %+v", ann)
		}
		if _, err := db.AnnounceSelection(o.secretariat, a, s.ID); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("announced twice: %v", err)
		}
		// Frozen: weights do not move, dates do.
		fr, _ := db.Selection(o.secretariat, a, s.ID)
		fr.Stages[2].Weight, fr.Stages[4].Weight = 40_00, 30_00
		if err := db.UpdateSelection(o.secretariat, fr); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("weights after announcement: %v", err)
		}
		fr, _ = db.Selection(o.secretariat, a, s.ID)
		fr.Stages[1].Start, fr.Stages[1].End = merit.MustDate("2026-03-20"), merit.MustDate("2026-03-25")
		if err := db.UpdateSelection(o.secretariat, fr); err != nil {
			t.Fatal(err)
		}
		fr, _ = db.Selection(o.viewer, a, s.ID)
		if fr.Stages[1].End != merit.MustDate("2026-03-25") || fr.Stages[2].Weight != 35_00 {
			t.Errorf("after dates %+v", fr.Stages[1])
		}
		list, err := db.Selections(o.viewer, a, sqldb.SelectionFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("list %v %v", list, err)
		}
		// A panel account not on this selection's panel: nothing there.
		if _, err := db.Selection(o.panel(0), a, s.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("pansel of no panel reads: %v", err)
		}
		if list, err := db.Selections(o.panel(0), a, sqldb.SelectionFilter{}); err != nil || len(list) != 0 {
			t.Errorf("pansel of no panel lists %v %v", list, err)
		}
		audit, err := db.FindAudit(testdb.System(), a, "selection", s.ID, 10)
		if err != nil || len(audit) != 4 {
			t.Errorf("audit entries = %d, %v; want create, update, announce, update", len(audit), err)
		}
		if err := db.DeleteSelection(o.secretariat, a, s.ID); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("delete an announced selection: %v", err)
		}
		gone := o.draft()
		if err := db.CreateSelection(o.secretariat, gone); err != nil {
			t.Fatal(err)
		}
		if err := db.AddSelectionMember(o.secretariat, a, &selection.Member{SelectionID: gone.ID, Code: "P1", Name: "Ketua",
			Kind: selection.External, Role: selection.Ketua}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteSelection(o.secretariat, a, gone.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Selection(o.viewer, a, gone.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("deleted draft: %v", err)
		}
	})
}

// running creates and announces a selection of o's first post (with the
// optional stages asked for) with a
// panel of three (P1 ketua internal on account panelUserIDs[0], P2
// external, P3 academic, each on their account), who accept the code of
// ethics, and three internal candidates (NIP sequence 1–3) registered for
// the post. It returns the selection and the panel.
func (o *selOrg) running(t *testing.T, db *sqldb.DB, optional ...selection.StageKind) (*selection.Selection, []selection.Member, []selection.Candidate) {
	t.Helper()
	a := o.agency.ID
	s := o.draft(optional...)
	s.Posts = s.Posts[:1]
	if err := db.CreateSelection(o.secretariat, s); err != nil {
		t.Fatal(err)
	}
	var members []selection.Member
	for i, m := range []selection.Member{
		{Code: "P1", Name: "Drs. Sekretaris Daerah", Kind: selection.Internal, Role: selection.Ketua, Affiliation: "Pemerintah Kota"},
		{Code: "P2", Name: "Ir. Kepala BKD Provinsi", Kind: selection.External, Role: selection.Anggota, Affiliation: "Pemerintah Provinsi"},
		{Code: "P3", Name: "Prof. Guru Besar", Kind: selection.Academic, Role: selection.Anggota, Affiliation: "Universitas Tidar"},
	} {
		m.SelectionID, m.UserID = s.ID, o.panelUserIDs[i]
		if err := db.AddSelectionMember(o.secretariat, a, &m); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptSelectionEthics(o.panel(i), a, s.ID, 0); err != nil {
			t.Fatal(err)
		}
		members = append(members, m)
	}
	if _, err := db.AnnounceSelection(o.secretariat, a, s.ID); err != nil {
		t.Fatal(err)
	}
	var cands []selection.Candidate
	for seq := 1; seq <= 3; seq++ {
		e := testdb.Employee(a, seq)
		if err := db.CreateEmployee(testdb.System(), e); err != nil {
			t.Fatal(err)
		}
		c, err := db.RegisterInternalCandidate(o.secretariat, a, s.ID, s.Posts[0].ID, e.NIP)
		if err != nil {
			t.Fatal(err)
		}
		cands = append(cands, *c)
	}
	return s, members, cands
}

func TestSelectionPanelCandidatesAndScores(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		o := newSelOrg(t, db, "kota-pansel")
		a := o.agency.ID
		s, members, cands := o.running(t, db)
		if cands[0].EmployeeID == 0 || cands[0].Golongan != "III/c" || !cands[0].IsVerified("nip") || cands[0].RegNo != "JPT-2026-"+itoa(s.ID)+"-001" {
			t.Errorf("internal candidate %+v", cands[0])
		}
		if _, err := db.RegisterInternalCandidate(o.secretariat, a, s.ID, s.Posts[0].ID, cands[0].NIP); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("same NIP twice: %v", err)
		}
		if _, err := db.RegisterInternalCandidate(o.secretariat, a, s.ID, s.Posts[0].ID, "199001012015011999"); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unknown NIP: %v", err)
		}
		checks, err := db.CheckSelectionEligibility(o.secretariat, a, s.ID, cands[0].ID)
		if err != nil || len(checks) != 6 || checks[3].Requirement != "age" || checks[3].Outcome != selection.Met ||
			checks[5].Requirement != "predikat" || checks[5].Outcome != selection.Unknown {
			t.Errorf("eligibility %+v %v", checks, err)
		}
		if stored, err := db.SelectionEligibility(o.panel(0), a, s.ID, cands[0].ID); err != nil || len(stored) != 6 || stored[3].Reason != checks[3].Reason {
			t.Errorf("stored eligibility %+v %v", stored, err)
		}
		panel, err := db.SelectionPanel(o.panel(1), a, s.ID)
		if err != nil || len(panel.Members) != 3 || len(panel.Problems) != 0 || !panel.Members[0].EthicsAccepted() {
			t.Fatalf("panel %+v %v", panel, err)
		}
		// Member P2 declares a conflict with the third candidate; he cannot
		// declare one for P3.
		if err := db.DeclareSelectionConflict(o.panel(1), a, &selection.Conflict{SelectionID: s.ID, MemberID: members[2].ID,
			CandidateID: cands[2].ID, Reason: "ipar"}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("conflict for another member: %v", err)
		}
		if err := db.DeclareSelectionConflict(o.panel(1), a, &selection.Conflict{SelectionID: s.ID, MemberID: members[1].ID,
			CandidateID: cands[2].ID, Reason: "ipar"}); err != nil {
			t.Fatal(err)
		}
		// A second selection with its own panel: its panel account sees
		// nothing of the first.
		other := o.draft()
		other.Posts = other.Posts[1:]
		if err := db.CreateSelection(o.secretariat, other); err != nil {
			t.Fatal(err)
		}
		stranger := merit.WithActor(context.Background(), &merit.Actor{UserID: 9200, Username: "asesor",
			Grants: []merit.Grant{{AgencyID: a, Role: merit.RoleAssessor}}})
		if err := db.AddSelectionMember(o.secretariat, a, &selection.Member{SelectionID: other.ID, Code: "P1", Name: "Asesor",
			Kind: selection.External, Role: selection.Ketua, UserID: 9200}); err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"read":  func() error { _, err := db.Selection(stranger, a, s.ID); return err }(),
			"panel": func() error { _, err := db.SelectionPanel(stranger, a, s.ID); return err }(),
			"cands": func() error { _, err := db.SelectionCandidates(stranger, a, s.ID); return err }(),
			"score": db.SetSelectionScores(stranger, a, s.ID, []selection.Score{{StageID: s.Stages[1].ID, CandidateID: cands[0].ID, Criterion: "integritas", Value: 80_00}}),
		} {
			if merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("other panel's %s: %v", name, err)
			}
		}
		if list, _ := db.Selections(stranger, a, sqldb.SelectionFilter{}); len(list) != 1 || list[0].ID != other.ID {
			t.Errorf("asesor lists %v", list)
		}

		// No scoring before administrasi closes.
		rj := s.Stages[1]
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, rj.ID, selection.StageOpen); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("rekam jejak opens before administrasi: %v", err)
		}
		admin := s.Stages[0]
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, c.ID, selection.CandidateQualified, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, cands[0].ID, selection.CandidateUnqualified, ""); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unqualified without a note: %v", err)
		}
		for _, to := range []selection.StageStatus{selection.StageClosed} {
			if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, to); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, rj.ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		// The conflict blocks P2 on the third candidate, in storage.
		if err := db.SetSelectionScores(o.panel(1), a, s.ID, []selection.Score{{StageID: rj.ID, CandidateID: cands[2].ID,
			Criterion: "integritas", Value: 90_00}}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("conflicted score: %v", err)
		}
		if err := db.SetSelectionScores(o.panel(1), a, s.ID, []selection.Score{{StageID: rj.ID, CandidateID: cands[0].ID,
			MemberID: members[0].ID, Criterion: "integritas", Value: 90_00}}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("score as another member: %v", err)
		}
		if err := db.SetSelectionScores(o.panel(1), a, s.ID, []selection.Score{
			{StageID: rj.ID, CandidateID: cands[0].ID, Criterion: "integritas", Value: 90_00},
			{StageID: rj.ID, CandidateID: cands[0].ID, Criterion: "kinerja", Value: 85_50},
		}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetSelectionScores(o.secretariat, a, s.ID, []selection.Score{{StageID: rj.ID, CandidateID: cands[0].ID,
			Criterion: "integritas", Value: 90_00}}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("secretariat's score without a member: %v", err)
		}
		mine, err := db.StageScores(o.panel(1), a, s.ID, rj.ID)
		if err != nil || len(mine) != 2 || mine[1].Value != 85_50 || mine[0].MemberID != members[1].ID {
			t.Errorf("own scores %+v %v", mine, err)
		}
		if others, _ := db.StageScores(o.panel(0), a, s.ID, rj.ID); len(others) != 0 {
			t.Errorf("P1 sees P2's scores: %+v", others)
		}
		if _, err := db.SelectionRankings(o.panel(0), a, s.ID); err != nil {
			t.Errorf("panel member's rankings: %v", err)
		}
		if _, err := db.SelectionRankings(stranger, a, s.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other panel's rankings: %v", err)
		}
		missing, err := db.StageProgress(o.secretariat, a, s.ID, rj.ID)
		// 3 candidates x 3 members x 2 criteria, less P2 on the third (2), less the two entered.
		if err != nil || len(missing) != 18-2-2 {
			t.Errorf("missing %d, %v", len(missing), err)
		}
	})
}

func TestSelectionPublicComments(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		o := newSelOrg(t, db, "kota-ujipublik")
		a := o.agency.ID
		s, _, cands := o.running(t, db, selection.UjiPublik)
		public := context.Background()
		comment := &selection.Comment{SelectionID: s.ID, CandidateID: cands[0].ID, Name: "Warga", Text: "Beliau dikenal jujur."}
		if err := db.SubmitSelectionComment(public, a, comment); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("comment before uji publik: %v", err)
		}
		admin := s.Stages[0]
		for _, to := range []selection.StageStatus{selection.StageOpen} {
			if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, admin.ID, to); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cands {
			status, note := selection.CandidateQualified, ""
			if i == 2 {
				status, note = selection.CandidateUnqualified, "usia melebihi batas"
			}
			if _, err := db.DecideSelectionCandidate(o.secretariat, a, s.ID, c.ID, status, note); err != nil {
				t.Fatal(err)
			}
		}
		uji, ok := s.Stage(selection.UjiPublik)
		if !ok {
			t.Fatal("no uji publik stage")
		}
		if _, err := db.AdvanceSelectionStage(o.secretariat, a, s.ID, uji.ID, selection.StageOpen); err != nil {
			t.Fatal(err)
		}
		short, err := db.PublicShortlist(public, a, s.ID)
		if err != nil || len(short) != 2 || short[0].RegNo != cands[0].RegNo {
			t.Fatalf("shortlist %+v %v", short, err)
		}
		if err := db.SubmitSelectionComment(public, a, &selection.Comment{SelectionID: s.ID, CandidateID: cands[2].ID, Name: "Warga",
			Text: "x"}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("comment on an unqualified candidate: %v", err)
		}
		if err := db.SubmitSelectionComment(public, a, &selection.Comment{SelectionID: s.ID, CandidateID: cands[0].ID}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("empty comment: %v", err)
		}
		if err := db.SubmitSelectionComment(public, a, comment); err != nil {
			t.Fatal(err)
		}
		spam := &selection.Comment{SelectionID: s.ID, CandidateID: cands[1].ID, Name: "Anonim", Text: "iklan"}
		if err := db.SubmitSelectionComment(public, a, spam); err != nil {
			t.Fatal(err)
		}
		if seen, _ := db.SelectionComments(o.panel(0), a, s.ID); len(seen) != 0 {
			t.Errorf("panel sees unmoderated comments: %+v", seen)
		}
		if _, err := db.ModerateSelectionComment(o.panel(0), a, s.ID, comment.ID, selection.CommentApproved); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("panel moderates: %v", err)
		}
		if _, err := db.ModerateSelectionComment(o.secretariat, a, s.ID, comment.ID, selection.CommentApproved); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ModerateSelectionComment(o.secretariat, a, s.ID, spam.ID, selection.CommentRejected); err != nil {
			t.Fatal(err)
		}
		seen, err := db.SelectionComments(o.panel(0), a, s.ID)
		if err != nil || len(seen) != 1 || seen[0].Text != comment.Text {
			t.Errorf("panel sees %+v %v", seen, err)
		}
		if all, _ := db.SelectionComments(o.secretariat, a, s.ID); len(all) != 2 {
			t.Errorf("secretariat sees %d", len(all))
		}
	})
}

// TestSelectionEligibilityFromRegistry checks the facts the store reads
// for an internal candidate: posts of the riwayat jabatan and the current
// one, a sedang sanction within five years, and the annual predikat.
func TestSelectionEligibilityFromRegistry(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		o := newSelOrg(t, db, "kota-syarat")
		a := o.agency.ID
		s := o.draft()
		s.Posts = s.Posts[:1]
		if err := db.CreateSelection(o.secretariat, s); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnnounceSelection(o.secretariat, a, s.ID); err != nil {
			t.Fatal(err)
		}
		kabid := &merit.Position{AgencyID: a, UnitID: o.unit.ID, Name: "Kepala Bidang Mutasi", Jenis: "ADMINISTRATOR"}
		if err := db.CreatePosition(sys, kabid); err != nil {
			t.Fatal(err)
		}
		e := testdb.Employee(a, 7)
		e.Education, e.PositionID, e.TMTJabatan = "S2", kabid.ID, merit.MustDate("2021-01-04")
		if err := db.CreateEmployee(sys, e); err != nil {
			t.Fatal(err)
		}
		for _, h := range []merit.HistoryEntry{
			{Kind: merit.HistJabatan, Ref: "PELAKSANA", Title: "Analis Kepegawaian", Start: merit.MustDate("2012-01-02"), End: merit.MustDate("2021-01-04")},
			{Kind: merit.HistHukdis, Ref: "POTONG_TUKIN_6", Start: merit.MustDate("2023-05-02"), DocNumber: "800/12/2023"},
		} {
			h.AgencyID, h.EmployeeID = a, e.ID
			if err := db.CreateHistory(sys, &h); err != nil {
				t.Fatal(err)
			}
		}
		for year, p := range map[int]performance.Rating{2024: performance.AsExp, 2025: performance.Above} {
			if err := db.SaveSKP(sys, &performance.SKP{AgencyID: a, EmployeeID: e.ID, Year: year, HasilKerja: p, Perilaku: p}); err != nil {
				t.Fatal(err)
			}
		}
		c, err := db.RegisterInternalCandidate(o.secretariat, a, s.ID, s.Posts[0].ID, e.NIP)
		if err != nil {
			t.Fatal(err)
		}
		if c.CurrentPosition != "Kepala Bidang Mutasi" || c.Education != "S2" {
			t.Errorf("pre-filled %+v", c)
		}
		checks, err := db.CheckSelectionEligibility(o.secretariat, a, s.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]selection.Outcome{}
		for _, ch := range checks {
			got[ch.Requirement] = ch.Outcome
		}
		want := map[string]selection.Outcome{"education": selection.Met, "experience": selection.Met, "position": selection.Met,
			"age": selection.Met, "discipline": selection.NotMet, "predikat": selection.Met}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s, want %s (%+v)", k, got[k], v, checks)
			}
		}
	})
}
