package sqldb_test

import (
	"slices"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// competencyFixture makes an agency with two positions and three employees:
// one assessed twice (the newer result is current), one never assessed, one
// without a position.
func competencyFixture(t *testing.T, db *sqldb.DB) (agency *merit.Agency, pos [2]*merit.Position, emps [3]*merit.Employee) {
	t.Helper()
	ctx := testdb.System()
	a, root := testdb.Agency(t, db, "kota-kompetensi")
	for i, name := range []string{"Kepala Bidang Mutasi", "Analis SDM Aparatur Ahli Muda"} {
		p := &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: name, Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA"}
		if i == 0 {
			p.Jenis, p.Jenjang = "ADMINISTRATOR", ""
		}
		if err := db.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		pos[i] = p
	}
	for i := range emps {
		e := testdb.Employee(a.ID, i+1)
		if i < 2 {
			e.PositionID = pos[0].ID
		}
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		emps[i] = e
	}
	return a, pos, emps
}

// reqs and lvls build requirements and levels from (competency ID, level) pairs.
func reqs(pairs ...int64) []competency.Requirement {
	var out []competency.Requirement
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, competency.Requirement{CompetencyID: pairs[i], Level: uint8(pairs[i+1])})
	}
	return out
}

func lvls(pairs ...int64) []competency.Level {
	var out []competency.Level
	for _, r := range reqs(pairs...) {
		out = append(out, competency.Level(r))
	}
	return out
}

func TestCompetencyStore(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, pos, emps := competencyFixture(t, db)

		dict, err := db.Competencies(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(dict) != 9 || dict[0].Name != "Integritas" || dict[8].Kind != competency.KindSosialKultural || len(dict[3].Levels) != 5 {
			t.Fatalf("national dictionary: got %d entries, first %+v", len(dict), dict[0])
		}
		tech := &competency.Competency{AgencyID: a.ID, Code: "manajemen-asn", Name: "Manajemen ASN", Levels: []string{"Dasar", "", "", "", "Ahli"}}
		if err := db.SaveTechnicalCompetency(ctx, tech); err != nil {
			t.Fatal(err)
		}
		if tech.ID <= competency.NationalMaxID {
			t.Errorf("technical competency ID %d is in the national range", tech.ID)
		}

		// Standard: four managerial competencies at 3 and the technical one at 4.
		std := &competency.Standard{AgencyID: a.ID, PositionID: pos[0].ID, Requirements: reqs(tech.ID, 4, 1, 3, 2, 3, 3, 3, 4, 3)}
		if err := db.SaveStandard(ctx, std); err != nil {
			t.Fatal(err)
		}
		got, err := db.Standard(ctx, a.ID, pos[0].ID)
		if err != nil || len(got.Requirements) != 5 || got.Requirements[0].CompetencyID != 1 || got.Requirements[4].CompetencyID != tech.ID {
			t.Fatalf("Standard: got %+v, %v", got, err)
		}
		bad := &competency.Standard{AgencyID: a.ID, PositionID: pos[0].ID, Requirements: reqs(1, 6, 12345, 2)}
		if err := db.SaveStandard(ctx, bad); merit.KindOf(err) != merit.KindInvalid || len(merit.FieldsOf(err)) != 2 {
			t.Errorf("bad standard: got %v, want two field errors", err)
		}

		// Two assessments of employee 0; the newer one is current.
		old := &competency.Assessment{AgencyID: a.ID, EmployeeID: emps[0].ID, Date: merit.MustDate("2022-05-10"), Body: "UPT Penilaian Kompetensi",
			Potential: 61.5, Levels: lvls(1, 2, 2, 2, 3, 2, 4, 2, tech.ID, 2)}
		recent := &competency.Assessment{AgencyID: a.ID, EmployeeID: emps[0].ID, Date: merit.MustDate("2024-08-01"), Body: "Pusat Penilaian Kompetensi ASN BKN",
			Potential: 74.256, Levels: lvls(tech.ID, 3, 1, 4, 2, 3, 3, 2, 9, 3), Recommendation: "Dapat dipromosikan"}
		for _, as := range []*competency.Assessment{recent, old} {
			if err := db.CreateAssessment(ctx, as); err != nil {
				t.Fatal(err)
			}
		}
		if recent.Potential != 74.26 {
			t.Errorf("potential rounded: got %v, want 74.26", recent.Potential)
		}
		list, total, err := db.FindAssessments(ctx, a.ID, sqldb.AssessmentFilter{EmployeeID: emps[0].ID})
		if err != nil || total != 2 || list[0].ID != recent.ID || len(list[0].Levels) != 5 || list[0].EmployeeNIP != emps[0].NIP {
			t.Fatalf("FindAssessments: got %d %+v, %v", total, list, err)
		}

		profiles := map[int64]sqldb.CompetencyProfile{}
		err = db.EachCompetencyProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			c := *p
			c.Required, c.Actual = slices.Clone(p.Required), slices.Clone(p.Actual)
			profiles[p.EmployeeID] = c
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(profiles) != 3 {
			t.Fatalf("profiles: got %d, want 3", len(profiles))
		}
		// Required in competency ID order: 1, 2, 3, 4, tech; actual from the recent result (4 not assessed there).
		p0 := profiles[emps[0].ID]
		if !p0.Assessed || !slices.Equal(p0.Required, []uint8{3, 3, 3, 3, 4}) || !slices.Equal(p0.Actual, []uint8{4, 3, 2, 0, 3}) {
			t.Errorf("employee 0 profile: got %+v", p0)
		}
		// min: 3+3+2+0+3 = 11 of 16 = 68.75 %.
		if m := competency.DefaultRule.Match(p0.Required, p0.Actual); m.Percent != 6875 || m.Category != competency.Kurang {
			t.Errorf("JPM employee 0: got %+v", m)
		}
		if p1 := profiles[emps[1].ID]; p1.Assessed || !slices.Equal(p1.Actual, []uint8{0, 0, 0, 0, 0}) {
			t.Errorf("unassessed employee: got %+v", p1)
		}
		if p2 := profiles[emps[2].ID]; p2.PositionID != 0 || len(p2.Required) != 0 {
			t.Errorf("employee without position: got %+v", p2)
		}

		// Deleting the recent result makes the old one current again.
		if err := db.DeleteAssessment(ctx, a.ID, recent.ID); err != nil {
			t.Fatal(err)
		}
		db.EachCompetencyProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			if p.EmployeeID == emps[0].ID && !slices.Equal(p.Actual, []uint8{2, 2, 2, 2, 2}) {
				t.Errorf("after delete: got %v, want the old result's levels", p.Actual)
			}
			return nil
		})

		// The JPM rule is versioned; the default is version 0 and unverified.
		if r, err := db.JPMRule(ctx, a.ID); err != nil || r.Version != 0 || !r.Unverified || r.MeetsMin != 9000 {
			t.Errorf("default rule: got %+v, %v", r, err)
		}
		nr := &competency.Rule{MeetsMin: 8500, StillMeetsMin: 7000, Basis: "Keputusan Kepala BKPSDM 2025"}
		if err := db.SetJPMRule(ctx, a.ID, nr); err != nil || nr.Version != 1 {
			t.Fatalf("SetJPMRule: version %d, %v", nr.Version, err)
		}
		if rules, err := db.JPMRules(ctx, a.ID); err != nil || len(rules) != 2 || rules[0].MeetsMin != 8500 || rules[1].Version != 0 {
			t.Errorf("JPMRules: got %+v, %v", rules, err)
		}
		if err := db.SetJPMRule(ctx, a.ID, &competency.Rule{MeetsMin: 7000, StillMeetsMin: 8000}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("rule out of order: got %v, want invalid", err)
		}
	})
}

func TestCompetencyAccessAndDevelopment(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _, emps := competencyFixture(t, db)
		as := &competency.Assessment{AgencyID: a.ID, EmployeeID: emps[0].ID, Date: merit.MustDate("2024-01-10"), Body: "BKN", Potential: 70,
			Levels: lvls(1, 3)}
		if err := db.CreateAssessment(sys, as); err != nil {
			t.Fatal(err)
		}
		own := merit.WithActor(sys, &merit.Actor{Username: "pegawai", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: emps[0].ID}}})
		other := merit.WithActor(sys, &merit.Actor{Username: "lain", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: emps[1].ID}}})
		viewer := merit.WithActor(sys, &merit.Actor{Username: "viewer", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})
		if _, n, err := db.FindAssessments(own, a.ID, sqldb.AssessmentFilter{EmployeeID: emps[0].ID}); err != nil || n != 1 {
			t.Errorf("own results: got %d, %v", n, err)
		}
		if _, err := db.FindAssessment(other, a.ID, as.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("another employee's result: got %v, want not found", err)
		}
		if _, _, err := db.FindAssessments(own, a.ID, sqldb.AssessmentFilter{}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency list as employee: got %v, want forbidden", err)
		}
		if err := db.CreateAssessment(viewer, as); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer writes: got %v, want forbidden", err)
		}

		// An operator limited to another unit neither sees nor enters results
		// of employees outside it.
		sub := &merit.Unit{AgencyID: a.ID, ParentID: emps[0].UnitID, Name: "Bidang Lain"}
		if err := db.CreateUnit(sys, sub); err != nil {
			t.Fatal(err)
		}
		limited := merit.WithActor(sys, &merit.Actor{Username: "op-bidang", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator, UnitIDs: []int64{sub.ID}}}})
		if list, n, err := db.FindAssessments(limited, a.ID, sqldb.AssessmentFilter{}); err != nil || n != 0 || len(list) != 0 {
			t.Errorf("unit-limited list: got %d, %v; want none", n, err)
		}
		if _, err := db.FindAssessment(limited, a.ID, as.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("unit-limited read: got %v, want not found", err)
		}
		again := *as
		again.ID, again.Date = 0, merit.MustDate("2024-02-01")
		if err := db.CreateAssessment(limited, &again); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("unit-limited write: got %v, want not found", err)
		}
		n := 0
		db.EachCompetencyProfile(limited, a.ID, func(*sqldb.CompetencyProfile) error { n++; return nil })
		if n != 0 {
			t.Errorf("unit-limited stream: %d profiles, want 0", n)
		}

		// Development: a diklat of 8 JP, a coaching of 4 JP and a plan with a
		// done seminar (6 JP), a done diklat (counted through riwayat only)
		// and an open course make 18 JP in 2025, short of 20.
		if err := db.CreateHistory(sys, &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: emps[0].ID, Kind: merit.HistDiklat, Ref: "TEKNIS",
			Title: "Pelatihan Analisis Jabatan", Start: merit.MustDate("2025-03-03"), End: merit.MustDate("2025-03-04"), Hours: 8}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateCoachingSession(sys, &competency.CoachingSession{AgencyID: a.ID, EmployeeID: emps[0].ID, Kind: competency.Coaching,
			Date: merit.MustDate("2025-04-01"), Coach: "Kepala Bidang", Topic: "Penyusunan SKP", Hours: 4}); err != nil {
			t.Fatal(err)
		}
		plan := &competency.Plan{AgencyID: a.ID, EmployeeID: emps[0].ID, Year: 2025, Goal: "Menutup gap Komunikasi", Activities: []competency.Activity{
			{Kind: "seminar", Name: "Seminar komunikasi publik", Hours: 6, Done: true},
			{Kind: "diklat", Name: "Pelatihan Analisis Jabatan", Hours: 8, Done: true},
			{Kind: "kursus", Name: "Kursus menulis", Hours: 10}}}
		if err := db.SavePlan(sys, plan); err != nil {
			t.Fatal(err)
		}
		plan.Goal = "Menutup gap Komunikasi dan Kerjasama"
		if err := db.SavePlan(sys, plan); err != nil {
			t.Fatal(err)
		}
		d, err := db.EmployeeDevelopment(own, a.ID, emps[0].ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		want := competency.JPProgress{Year: 2025, Diklat: 8, Sessions: 4, Plan: 6, Total: 18, Target: 20}
		if d.Progress != want || len(d.Plans) != 1 || d.Plans[0].Goal != plan.Goal {
			t.Errorf("development: got %+v plans %d, want %+v", d.Progress, len(d.Plans), want)
		}
		if _, err := db.EmployeeDevelopment(other, a.ID, emps[0].ID, 2025); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("another employee's development: got %v, want not found", err)
		}
		if err := db.SavePlan(sys, &competency.Plan{AgencyID: a.ID, EmployeeID: emps[0].ID, Year: 2025}); len(merit.FieldsOf(err)) != 2 {
			t.Errorf("empty plan: got %v, want goal and activities required", err)
		}
	})
}
