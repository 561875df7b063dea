package demo

import (
	"context"
	"fmt"

	"merit"
	"merit/auth"
	"merit/performance"
	"merit/selection"
	"merit/sqldb"
)

// SelectionResult names the demo's open selections of an agency.
type SelectionResult struct {
	Finished int64 // announced, every stage published and sealed, the PPK's choice recorded
	Scoring  int64 // administrasi published, the track-record stage open for the panel's scores
	Open     int64 // announced, registration open
}

// panelDemo is the demo panel: five members (one internal: 20 %, under the
// 45 % rule), the first three with a sign-in.
var panelDemo = []selection.Member{
	{Code: "P1", Name: "Drs. Bambang Sutrisno, M.Si.", Kind: selection.Internal, Role: selection.Ketua, Affiliation: "Sekretariat Daerah"},
	{Code: "P2", Name: "Dr. Endang Lestari, M.AP.", Kind: selection.External, Role: selection.Sekretaris, Affiliation: "BKD Provinsi Jawa Tengah"},
	{Code: "P3", Name: "Prof. Dr. Hartono Wibisono", Kind: selection.Academic, Role: selection.Anggota, Affiliation: "Universitas Tidar"},
	{Code: "P4", Name: "Ir. Sri Wahyuni, M.T.", Kind: selection.External, Role: selection.Anggota, Affiliation: "Kementerian Dalam Negeri"},
	{Code: "P5", Name: "Dr. Agus Salim, M.Psi.", Kind: selection.Academic, Role: selection.Anggota, Affiliation: "Universitas Diponegoro"},
}

// PanelSignIns are the demo panel members' usernames in an agency: the
// pansel demo user sits as P1, two more (pansel.dua, pansel.tiga) as P2 and
// P3; each names its role first, as every demo user does.
func PanelSignIns(short string) []string {
	role := string(merit.RolePanel) + "."
	return []string{role + short, role + "dua." + short, role + "tiga." + short}
}

// selectionUsers makes sure the panel's sign-ins exist (pansel.<short> is
// one of the demo roles; pansel.dua and pansel.tiga are added) and returns their
// user IDs, and the new sign-ins for the printed list.
func selectionUsers(ctx context.Context, db *sqldb.DB, a *merit.Agency, tpl Template) ([]int64, []SignIn, error) {
	hash, err := auth.HashPassword(Password, auth.Cheap)
	if err != nil {
		return nil, nil, err
	}
	users, err := db.FindUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	var ids []int64
	var added []SignIn
	for i, name := range PanelSignIns(tpl.Short) {
		var id int64
		for _, u := range users {
			if u.Username == name {
				id = u.ID
			}
		}
		if id == 0 {
			u := &merit.User{Username: name, Name: panelDemo[i].Name, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RolePanel}}}
			if err := db.CreateUser(ctx, u, hash); err != nil {
				return nil, nil, err
			}
			id = u.ID
		}
		if i > 0 {
			added = append(added, SignIn{Username: name, Role: merit.RolePanel})
		}
		ids = append(ids, id)
	}
	return ids, added, nil
}

// SelectionDemo builds an agency's demo open selections through the store,
// so every check runs and every seal is real: one finished a few months
// before today (all stages published and sealed, an amendment, a conflict
// of interest declared, the PPK's choice), one in its track-record stage
// with the panel's scorecards open, and one open for registration. The
// posts are the agency's first three JPT posts, the candidates its
// employees with the highest golongan, the panel five members of whom the
// first len(panelUsers) sign in. ctx must carry the system actor; the
// store's clock (db.Now) should be today.
func SelectionDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, today merit.Date, panelUsers []int64) (*SelectionResult, error) {
	const op = "demo.SelectionDemo"
	posts, err := db.JobFitPosts(ctx, a.ID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if len(posts) < 3 {
		return nil, fmt.Errorf("%s: %d JPT posts, want 3", op, len(posts))
	}
	nips, err := candidateNIPs(ctx, db, a.ID, 8)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	res := &SelectionResult{}
	day := func(n int) merit.Date { return merit.DateOf(today.Time().AddDate(0, 0, n)) }
	year := today.Year()

	// The finished selection: registration four months ago.
	done, err := demoSelection(ctx, db, a, fmt.Sprintf("Seleksi Terbuka JPT Pratama %s Tahun %d", a.Name, year), posts[0].ID, day(-120), day(-106), panelUsers, nips[:4])
	if err != nil {
		return nil, fmt.Errorf("%s: finished: %w", op, err)
	}
	res.Finished = done.s.ID
	// P3 declared a conflict of interest with the second candidate.
	if err := db.DeclareSelectionConflict(ctx, a.ID, &selection.Conflict{SelectionID: done.s.ID, MemberID: done.members[2].ID,
		CandidateID: done.cands[1].ID, Reason: "Pernah menjadi rekan usaha"}); err != nil {
		return nil, fmt.Errorf("%s: conflict: %w", op, err)
	}
	if err := done.administrasi(ctx, db, a.ID, true); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	for _, st := range done.s.Stages[1:] {
		if err := done.scoreAndPublish(ctx, db, a.ID, st); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", op, st.Kind, err)
		}
	}
	if _, _, err := db.AmendSelectionStage(ctx, a.ID, done.s.ID, done.s.Stages[4].ID, []selection.Score{{CandidateID: done.cands[0].ID,
		MemberID: done.members[1].ID, Criterion: "visi", Value: 78_50}}, "Salah ketik pada lembar nilai P2 (78,50, bukan 75,50)"); err != nil {
		return nil, fmt.Errorf("%s: amendment: %w", op, err)
	}
	rk, err := db.SelectionRankings(ctx, a.ID, done.s.ID)
	if err != nil || len(rk) == 0 || len(rk[0].Rows) < 2 {
		return nil, fmt.Errorf("%s: ranking: %v", op, err)
	}
	// The PPK chooses the second of the three, with the reason recorded.
	if err := db.DecideSelection(ctx, a.ID, &selection.Decision{SelectionID: done.s.ID, PostID: rk[0].PostID, CandidateID: rk[0].Rows[1].CandidateID,
		Reason: "Pengalaman memimpin perangkat daerah sejenis dan rekam jejak inovasi pelayanan"}); err != nil {
		return nil, fmt.Errorf("%s: decision: %w", op, err)
	}

	// The selection in its track-record stage: registration closed last month.
	scoring, err := demoSelection(ctx, db, a, fmt.Sprintf("Seleksi Terbuka JPT Pratama %s Tahun %d (Tahap II)", a.Name, year), posts[1].ID, day(-40), day(-26), panelUsers, nips[4:7])
	if err != nil {
		return nil, fmt.Errorf("%s: scoring: %w", op, err)
	}
	res.Scoring = scoring.s.ID
	if err := scoring.administrasi(ctx, db, a.ID, false); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if _, err := db.AdvanceSelectionStage(ctx, a.ID, scoring.s.ID, scoring.s.Stages[1].ID, selection.StageOpen); err != nil {
		return nil, fmt.Errorf("%s: open rekam jejak: %w", op, err)
	}

	// The selection open for registration: opened two days ago, for two weeks.
	open, err := demoSelection(ctx, db, a, fmt.Sprintf("Seleksi Terbuka JPT Pratama %s Tahun %d (Tahap III)", a.Name, year), posts[2].ID, day(-2), day(12), panelUsers, nips[7:8])
	if err != nil {
		return nil, fmt.Errorf("%s: open: %w", op, err)
	}
	res.Open = open.s.ID
	return res, nil
}

// candidateNIPs returns the NIPs of the n employees of the agency with the
// highest golongan (the JPT pratama pool).
func candidateNIPs(ctx context.Context, db *sqldb.DB, agencyID int64, n int) ([]string, error) {
	list, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: agencyID, Sort: "golongan", Desc: true, Limit: n})
	if err != nil {
		return nil, err
	}
	if len(list) < n {
		return nil, fmt.Errorf("demo.candidateNIPs: %d employees, want %d", len(list), n)
	}
	out := make([]string, n)
	for i, e := range list {
		out[i] = e.NIP
	}
	return out, nil
}

// builtSelection is a demo selection as it was stored.
type builtSelection struct {
	s       *selection.Selection
	members []selection.Member
	cands   []selection.Candidate
}

// demoSelection creates, staffs and announces a selection for one post with
// the registration window given, its stages spread after it, and registers
// the employees with the NIPs as candidates.
func demoSelection(ctx context.Context, db *sqldb.DB, a *merit.Agency, title string, positionID int64, open, close merit.Date,
	panelUsers []int64, nips []string) (*builtSelection, error) {
	s := selection.New(a.ID, selection.Pratama, title)
	s.LegalBasis = fmt.Sprintf("Keputusan Wali Kota Nomor 800.1.3/%d/%d; rekomendasi BKN", positionID%97+1, open.Year())
	s.RegistrationOpen, s.RegistrationClose = open, close
	s.Posts = []selection.Post{{PositionID: positionID}}
	s.Extras = []selection.ExtraRequirement{{Code: "lhkpn", Name: "Telah menyampaikan LHKPN tahun terakhir", Slot: selection.SlotLHKPN}}
	start := close
	for i := range s.Stages {
		s.Stages[i].Start = merit.DateOf(start.Time().AddDate(0, 0, 3))
		s.Stages[i].End = merit.DateOf(start.Time().AddDate(0, 0, 9))
		start = s.Stages[i].End
	}
	if err := db.CreateSelection(ctx, &s); err != nil {
		return nil, err
	}
	b := &builtSelection{s: &s}
	for i, m := range panelDemo {
		m.SelectionID = s.ID
		if i < len(panelUsers) {
			m.UserID = panelUsers[i]
		}
		if err := db.AddSelectionMember(ctx, a.ID, &m); err != nil {
			return nil, err
		}
		if _, err := db.AcceptSelectionEthics(ctx, a.ID, s.ID, m.ID); err != nil {
			return nil, err
		}
		b.members = append(b.members, m)
	}
	if _, err := db.AnnounceSelection(ctx, a.ID, s.ID); err != nil {
		return nil, err
	}
	for _, nip := range nips {
		c, err := db.RegisterInternalCandidate(ctx, a.ID, s.ID, s.Posts[0].ID, nip)
		if err != nil {
			return nil, err
		}
		b.cands = append(b.cands, *c)
	}
	return b, nil
}

// administrasi runs the administrative stage: every candidate qualifies
// except, when some fail, the last (with the reason); the stage is closed
// and published.
func (b *builtSelection) administrasi(ctx context.Context, db *sqldb.DB, agencyID int64, oneFails bool) error {
	st := b.s.Stages[0]
	if _, err := db.AdvanceSelectionStage(ctx, agencyID, b.s.ID, st.ID, selection.StageOpen); err != nil {
		return err
	}
	for i, c := range b.cands {
		status, note := selection.CandidateQualified, ""
		if oneFails && i == len(b.cands)-1 {
			status, note = selection.CandidateUnqualified, "Belum dua tahun menduduki jabatan administrator pada tanggal penutupan"
		}
		if _, err := db.DecideSelectionCandidate(ctx, agencyID, b.s.ID, c.ID, status, note); err != nil {
			return err
		}
		b.cands[i].Status = status
	}
	for _, to := range []selection.StageStatus{selection.StageClosed, selection.StagePublished} {
		if _, err := db.AdvanceSelectionStage(ctx, agencyID, b.s.ID, st.ID, to); err != nil {
			return err
		}
	}
	return nil
}

// scoreAndPublish opens a scored stage, enters every member's scorecard
// (deterministic scores: the candidate's base, the member's leniency, the
// criterion's order; a conflicted member skips the candidate), closes and
// publishes it, which seals it.
func (b *builtSelection) scoreAndPublish(ctx context.Context, db *sqldb.DB, agencyID int64, st selection.Stage) error {
	if _, err := db.AdvanceSelectionStage(ctx, agencyID, b.s.ID, st.ID, selection.StageOpen); err != nil {
		return err
	}
	panel, err := db.SelectionPanel(ctx, agencyID, b.s.ID)
	if err != nil {
		return err
	}
	for mi, m := range b.members {
		var card []selection.Score
		for ci, c := range b.cands {
			if !c.Eligible() || selection.Conflicted(panel.Conflicts, m.ID, c.ID) {
				continue
			}
			for k, cr := range st.Criteria {
				v := 70_00 + performance.Hundredths((ci*7+mi*3+k*2+int(st.Order)*5)%25)*100 + performance.Hundredths(mi*25)
				card = append(card, selection.Score{StageID: st.ID, CandidateID: c.ID, MemberID: m.ID, Criterion: cr.Code, Value: min(v, cr.Max)})
			}
		}
		if err := db.SetSelectionScores(ctx, agencyID, b.s.ID, card); err != nil {
			return err
		}
	}
	if _, err := db.AdvanceSelectionStage(ctx, agencyID, b.s.ID, st.ID, selection.StageClosed); err != nil {
		return err
	}
	_, _, err = db.PublishSelectionStage(ctx, agencyID, b.s.ID, st.ID)
	return err
}
