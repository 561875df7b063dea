package sqldb_test

import (
	"fmt"
	"strings"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
	"merit/talent"
)

// TestTalentReviewAndCalibration runs a review over a population, checks the
// placements against the pure rules, then calibrates: a move needs a
// reason, is audited with before and after, the operator cannot lock, the
// PPK locks, the locked session refuses moves and the final places follow
// the moves.
func TestTalentReviewAndCalibration(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-talenta", 3)
		a := o.agency.ID
		as := func(role merit.Role, name string) *merit.Actor {
			return &merit.Actor{UserID: int64(len(name)), Username: name, Grants: []merit.Grant{{AgencyID: a, Role: role}}}
		}
		operator := merit.WithActor(ctx, as(merit.RoleOperator, "operator"))
		ppk := merit.WithActor(ctx, as(merit.RolePPK, "walikota"))
		viewer := merit.WithActor(ctx, as(merit.RoleViewer, "viewer"))

		annual := func(e *merit.Employee, year int, hk, pr performance.Rating) {
			s := &performance.SKP{AgencyID: a, EmployeeID: e.ID, Year: year, HasilKerja: hk, Perilaku: pr}
			if err := db.SaveSKP(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		annual(o.kepala, 2025, performance.Above, performance.Above) // Sangat Baik
		annual(o.kabid, 2025, performance.AsExp, performance.AsExp)  // Baik
		annual(o.staff[0], 2023, performance.Above, performance.Above)
		annual(o.staff[1], 2025, performance.Above, performance.Above) // pelaksana: outside the population
		if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: a, EmployeeID: o.kepala.ID, Date: merit.MustDate("2025-06-01"),
			Body: "UPT Penilaian Kompetensi", Potential: 85, Levels: lvls(1, 3)}); err != nil {
			t.Fatal(err)
		}

		if _, _, err := db.TalentPlacements(ctx, a); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("no review yet: %v", err)
		}
		rv := &talent.Review{AgencyID: a, Year: 2026, Population: talent.ParsePopulation("JPT_PRATAMA,ADMINISTRATOR,JF_KEAHLIAN/AHLI_MADYA")}
		if err := db.RunTalentReview(viewer, rv); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer runs a review: %v", err)
		}
		bad := &talent.Review{AgencyID: a, Year: 2026, Population: talent.Population{"JPT_X"}}
		if err := db.RunTalentReview(operator, bad); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "population" {
			t.Errorf("bad population: %v", err)
		}
		if err := db.RunTalentReview(operator, rv); err != nil {
			t.Fatal(err)
		}
		if rv.Employees != 3 || rv.Mapped != 2 || rv.PerformanceYear != 2025 || rv.Scheme != talent.SchemePermenPANRB {
			t.Fatalf("review %+v", rv)
		}
		got, ps, err := db.TalentPlacements(viewer, a)
		if err != nil || got.ID != rv.ID || len(ps) != 3 {
			t.Fatalf("placements %v %d", err, len(ps))
		}
		// The Kepala Badan: Sangat Baik, assessed 85, no standard for JPM.
		want := talent.Default.Place(&talent.Input{EmployeeID: o.kepala.ID, Predikat: []talent.YearPredikat{{Year: 2025, Predikat: performance.SangatBaik}},
			Assessed: true, Assessment: 8500, Education: "S1", TMTCPNS: merit.MustDate("2010-01-01")}, 2025, rv.ReviewedOn)
		if ps[0].EmployeeID != o.kepala.ID || ps[0].FinalBox != want.Box || ps[0].Computed.PotentialScore != want.PotentialScore || ps[0].Jenis != "JPT_PRATAMA" {
			t.Errorf("first %+v, want box %d potential %s", ps[0], want.Box, want.PotentialScore)
		}
		if ps[2].EmployeeID != o.staff[0].ID || ps[2].Computed.Mapped || ps[2].FinalBox != 0 {
			t.Errorf("no predikat in 2025: %+v", ps[2])
		}
		grid, err := db.TalentGrid(viewer, a, 0, sqldb.TalentFilter{Jenis: "ADMINISTRATOR"}, 5)
		if err != nil || grid.Counts.Total() != 1 || len(grid.People[ps[1].FinalBox]) != 1 {
			t.Errorf("grid %+v %v", grid, err)
		}
		card, err := db.EmployeeTalent(viewer, a, o.kepala.ID)
		if err != nil || len(card.History) != 1 || len(card.History[0].Placement.Computed.Points) != len(want.Points) || card.Predikat[0].Predikat != performance.SangatBaik {
			t.Fatalf("card %+v %v", card, err)
		}

		// Calibration.
		s := &talent.Session{AgencyID: a, ReviewID: rv.ID, Name: "Sidang Komite Talenta I", HeldOn: merit.MustDate("2026-01-15"),
			Participants: []string{"Sekda", " ", "Kepala BKPSDM"}}
		if err := db.CreateTalentSession(operator, s); err != nil || len(s.Participants) != 2 {
			t.Fatal(err, s.Participants)
		}
		if err := db.CreateTalentSession(operator, &talent.Session{AgencyID: a, ReviewID: rv.ID, Name: "Dua", HeldOn: s.HeldOn, Participants: []string{"Sekda"}}); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("second open session: %v", err)
		}
		kabid := ps[1]
		to := talent.Cell{Performance: talent.High, Potential: kabid.Final.Potential}
		if err := db.MoveTalent(operator, a, s.ID, &talent.Move{EmployeeID: kabid.EmployeeID, To: to}); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Code != "talent.err.reason" {
			t.Errorf("move without a reason: %v", err)
		}
		if err := db.MoveTalent(operator, a, s.ID, &talent.Move{EmployeeID: o.staff[0].ID, To: to, Reason: "x"}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("move of an unmapped person: %v", err)
		}
		m := &talent.Move{EmployeeID: kabid.EmployeeID, To: to, Reason: "Kinerja 2026 berjalan melampaui target (catatan komite)"}
		if err := db.MoveTalent(operator, a, s.ID, m); err != nil {
			t.Fatal(err)
		}
		if m.FromBox != kabid.FinalBox || m.ToBox != talent.SchemePermenPANRB.Box(to) || m.MovedBy != "operator" {
			t.Errorf("move %+v", m)
		}
		open, err := db.TalentSession(viewer, a, s.ID)
		if err != nil || len(open.Moves) != 1 || open.Before[m.FromBox] != 1 || open.After[m.FromBox] != 0 || open.After[m.ToBox] != open.Before[m.ToBox]+1 {
			t.Errorf("open session %+v %v", open, err)
		}
		if _, ps, _ := db.TalentPlacements(viewer, a); ps[1].Calibrated || ps[1].FinalBox != kabid.FinalBox {
			t.Error("an open session does not change the final place")
		}
		if err := db.LockTalentSession(operator, a, s.ID, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator locks: %v", err)
		}
		if ss, err := db.TalentSessions(viewer, a, rv.ID); err != nil || len(ss) != 1 || ss[0].Locked {
			t.Errorf("sessions before the lock %v %v", ss, err)
		}
		if err := db.LockTalentSession(ppk, a, s.ID, "800/12/2026"); err != nil {
			t.Fatal(err)
		}
		// What was read before the lock (kept in the DB's read cache) is not
		// reused after it.
		if ss, err := db.TalentSessions(viewer, a, rv.ID); err != nil || len(ss) != 1 || !ss[0].Locked {
			t.Errorf("sessions after the lock %v %v", ss, err)
		}
		grid, err = db.TalentGrid(viewer, a, 0, sqldb.TalentFilter{Jenis: "ADMINISTRATOR"}, 5)
		if err != nil || len(grid.People[m.ToBox]) != 1 || grid.People[m.ToBox][0].EmployeeID != kabid.EmployeeID || !grid.People[m.ToBox][0].Calibrated {
			t.Errorf("grid after the lock %+v %v", grid, err)
		}
		if err := db.MoveTalent(operator, a, s.ID, &talent.Move{EmployeeID: kabid.EmployeeID, To: kabid.Final, Reason: "kembali"}); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("move in a locked session: %v", err)
		}
		locked, err := db.TalentSession(viewer, a, s.ID)
		if err != nil || !locked.Locked || locked.LockedBy != "walikota" || locked.After != open.After || locked.Before != open.Before {
			t.Errorf("locked %+v %v", locked, err)
		}
		_, ps, _ = db.TalentPlacements(viewer, a)
		var moved sqldb.TalentPlacement
		for _, p := range ps {
			if p.EmployeeID == kabid.EmployeeID {
				moved = p
			}
		}
		if !moved.Calibrated || moved.FinalBox != m.ToBox || moved.Computed.Box != kabid.Computed.Box {
			t.Errorf("after lock %+v", moved)
		}
		entries, err := db.FindAudit(ctx, a, "talent_move", 0, 10)
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Before, fmt.Sprintf(`"box":%d`, m.FromBox)) ||
			!strings.Contains(entries[0].After, fmt.Sprintf(`"box":%d`, m.ToBox)) || !strings.Contains(entries[0].After, "melampaui") {
			t.Errorf("move audit %+v %v", entries, err)
		}
	})
}
