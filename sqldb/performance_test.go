package sqldb_test

import (
	"context"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/performance"
	"merit/sqldb"
)

// skpOrg is a small agency for performance tests: a Kepala Badan (JPT
// Pratama) in the root unit, a Kepala Bidang (Administrator) in a bidang
// below it, and staff in the bidang, the first an Ahli Madya.
type skpOrg struct {
	agency        *merit.Agency
	root, bidang  *merit.Unit
	kepala, kabid *merit.Employee
	staff         []*merit.Employee
}

func newSKPOrg(t *testing.T, db *sqldb.DB, code string, staff int) *skpOrg {
	t.Helper()
	ctx := testdb.System()
	o := &skpOrg{}
	o.agency, o.root = testdb.Agency(t, db, code)
	o.bidang = &merit.Unit{AgencyID: o.agency.ID, ParentID: o.root.ID, Name: "Bidang Pengembangan"}
	if err := db.CreateUnit(ctx, o.bidang); err != nil {
		t.Fatal(err)
	}
	pos := func(unit *merit.Unit, name, jenis, jenjang string) int64 {
		p := &merit.Position{AgencyID: o.agency.ID, UnitID: unit.ID, Name: name, Jenis: jenis, Jenjang: jenjang}
		if err := db.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	emp := func(seq int, unit *merit.Unit, position int64) *merit.Employee {
		e := testdb.Employee(o.agency.ID, seq)
		e.UnitID, e.PositionID = unit.ID, position
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	o.kepala = emp(1, o.root, pos(o.root, "Kepala Badan", "JPT_PRATAMA", ""))
	o.kabid = emp(2, o.bidang, pos(o.bidang, "Kepala Bidang", "ADMINISTRATOR", ""))
	madya := pos(o.bidang, "Analis SDM Aparatur Ahli Madya", "JF_KEAHLIAN", "AHLI_MADYA")
	pelaksana := pos(o.bidang, "Pengadministrasi Umum", "PELAKSANA", "")
	for i := 0; i < staff; i++ {
		p := pelaksana
		if i == 0 {
			p = madya
		}
		o.staff = append(o.staff, emp(10+i, o.bidang, p))
	}
	return o
}

func allValues(r performance.Rating) (b performance.Behaviour) {
	for i := range b {
		b[i] = r
	}
	return b
}

// Saving an SKP: validated, predikat by the matrix, the default rater from
// the unit tree, one row per employee/year/period, audited, unchanged
// saves record nothing; read back through AnnualPredikat.
func TestSKPSaveAndAnnualPredikat(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-skp", 2)
		operator := merit.WithActor(ctx, &merit.Actor{UserID: 90, Username: "operator", Grants: []merit.Grant{{AgencyID: o.agency.ID, Role: merit.RoleOperator}}})
		viewer := merit.WithActor(ctx, &merit.Actor{UserID: 91, Username: "viewer", Grants: []merit.Grant{{AgencyID: o.agency.ID, Role: merit.RoleViewer}}})

		s := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[0].ID, Year: 2024, HasilKerja: performance.Above,
			Behaviour: allValues(performance.Above), Jenjang: "AHLI_MADYA", Source: performance.SourceForm}
		if err := db.SaveSKP(viewer, s); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer saves: %v, want forbidden", err)
		}
		if err := db.SaveSKP(operator, s); err != nil {
			t.Fatal(err)
		}
		if s.Predikat != performance.SangatBaik || s.RaterID != o.kabid.ID || s.RaterNIP != o.kabid.NIP || s.RatedBy != "operator" {
			t.Errorf("saved: %+v", s)
		}
		// The Kepala Bidang is rated by the Kepala Badan; the Kepala Badan by nobody here.
		kabid := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.kabid.ID, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.Below}
		if err := db.SaveSKP(operator, kabid); err != nil || kabid.RaterID != o.kepala.ID || kabid.Predikat != performance.Kurang {
			t.Errorf("kabid: %+v %v", kabid, err)
		}
		kepala := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.kepala.ID, Year: 2020, LegacyScore: 9150}
		if err := db.SaveSKP(operator, kepala); err != nil || kepala.RaterID != 0 || kepala.Predikat != performance.Baik {
			t.Errorf("kepala legacy: %+v %v", kepala, err)
		}
		// Overriding the rater; the rater cannot be the employee himself or unknown.
		over := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[1].ID, Year: 2024, Period: performance.Quarter(1),
			HasilKerja: performance.Below, Perilaku: performance.AsExp, RaterOverride: true, RaterID: o.kepala.ID}
		if err := db.SaveSKP(operator, over); err != nil || over.RaterName != o.kepala.Name || over.Predikat != performance.ButuhPerbaikan {
			t.Errorf("override: %+v %v", over, err)
		}
		for _, bad := range []*performance.SKP{
			{AgencyID: o.agency.ID, EmployeeID: o.staff[1].ID, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.AsExp, RaterOverride: true, RaterID: o.staff[1].ID},
			{AgencyID: o.agency.ID, EmployeeID: o.staff[1].ID, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.AsExp, RaterOverride: true, RaterID: 987654},
			{AgencyID: o.agency.ID, EmployeeID: o.staff[1].ID, Year: 2024, HasilKerja: "X", Perilaku: performance.AsExp},
		} {
			if err := db.SaveSKP(operator, bad); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("bad %+v: %v, want invalid", bad, err)
			}
		}
		if err := db.SaveSKP(operator, &performance.SKP{AgencyID: o.agency.ID, EmployeeID: 987654, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.AsExp}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("unknown employee: %v, want not found", err)
		}

		// Re-rating replaces the row; saving the same again records nothing.
		audit := func() int {
			es, err := db.FindAudit(ctx, o.agency.ID, "skp", s.ID, 100)
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		id := s.ID
		s2 := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[0].ID, Year: 2024, HasilKerja: performance.Below,
			Behaviour: allValues(performance.AsExp), Jenjang: "AHLI_MADYA"}
		if err := db.SaveSKP(operator, s2); err != nil || s2.ID != id || s2.Predikat != performance.ButuhPerbaikan {
			t.Fatalf("re-rate: %+v %v", s2, err)
		}
		if n := audit(); n != 2 {
			t.Errorf("%d audit entries after create and update, want 2", n)
		}
		s3 := *s2
		s3.ID, s3.UpdatedAt = 0, s3.UpdatedAt.Add(1)
		if err := db.SaveSKP(operator, &s3); err != nil || audit() != 2 {
			t.Errorf("unchanged save: %v, %d entries", err, audit())
		}

		got, err := db.AnnualPredikat(viewer, o.agency.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[o.staff[0].ID].Predikat != performance.ButuhPerbaikan || got[o.kabid.ID].Predikat != performance.Kurang {
			t.Errorf("annual 2024: %+v (the quarterly SKP must not count)", got)
		}
		old, err := db.AnnualPredikat(viewer, o.agency.ID, 2020)
		if err != nil || old[o.kepala.ID].LegacyScore != 9150 || old[o.kepala.ID].Scheme != performance.SchemeLegacy {
			t.Errorf("annual 2020: %+v %v", old, err)
		}
		other := merit.WithActor(ctx, &merit.Actor{UserID: 92, Username: "x", Grants: []merit.Grant{{AgencyID: o.agency.ID + 1, Role: merit.RoleAdmin}}})
		if _, err := db.AnnualPredikat(other, o.agency.ID, 2024); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other agency: %v, want not found", err)
		}

		in, err := db.Instruments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ak, ok := in.AngkaKredit(s2); !ok || ak.String() != "28.13" {
			t.Errorf("angka kredit of Ahli Madya BP: %s %v, want 28.13", ak, ok)
		}
		if len(in.Curve) != 25 {
			t.Errorf("%d curve bands, want 25", len(in.Curve))
		}
	})
}

// The SKP page's rows, an employee's history, deletion, the organisation
// predikat with its curve warning, and the batch writer.
func TestSKPListsUnitsAndBatch(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-skp2", 11)
		// A batch: ten staff Sangat Baik, one Baik, and a legacy year.
		err := db.SKPBatch(ctx, o.agency.ID, func(b *sqldb.SKPBatch) error {
			for i, e := range o.staff {
				found, ok := b.Employee(e.NIP)
				if !ok || found.ID != e.ID {
					t.Fatalf("batch employee %s: %+v %v", e.NIP, found, ok)
				}
				h := performance.Above
				if i == 10 {
					h = performance.AsExp
				}
				if _, err := b.Save(ctx, &performance.SKP{EmployeeID: e.ID, Year: 2024, HasilKerja: h, Perilaku: performance.Above, Jenjang: found.Jenjang}); err != nil {
					return err
				}
			}
			if _, err := b.Save(ctx, &performance.SKP{EmployeeID: o.staff[0].ID, Year: 2021, LegacyScore: 9500}); err != nil {
				return err
			}
			// A bad row is reported and leaves the batch usable.
			if _, err := b.Save(ctx, &performance.SKP{EmployeeID: o.staff[0].ID, Year: 2024, HasilKerja: "X", Perilaku: performance.AsExp}); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("bad row: %v", err)
			}
			if c := b.Counts(); c.Inserted != 12 {
				t.Errorf("counts %+v", c)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Dry run: nothing stays.
		err = db.SKPBatch(ctx, o.agency.ID, func(b *sqldb.SKPBatch) error {
			if _, err := b.Save(ctx, &performance.SKP{EmployeeID: o.kabid.ID, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.AsExp}); err != nil {
				return err
			}
			return sqldb.ErrRollback
		})
		if err != nil {
			t.Fatal(err)
		}

		rows, total, err := db.FindSKPRows(ctx, sqldb.SKPFilter{AgencyID: o.agency.ID, Year: 2024, Period: performance.Annual})
		if err != nil || total != 13 || len(rows) != 13 {
			t.Fatalf("all rows: %d of %d, %v", len(rows), total, err)
		}
		rated := 0
		for _, r := range rows {
			if r.SKP != nil {
				rated++
				if r.SKP.EmployeeID != r.EmployeeID {
					t.Errorf("row %d carries SKP of %d", r.EmployeeID, r.SKP.EmployeeID)
				}
			}
		}
		if rated != 11 {
			t.Errorf("%d rated rows, want 11 (the dry run must not count)", rated)
		}
		for _, c := range []struct {
			f    sqldb.SKPFilter
			want int
		}{
			{sqldb.SKPFilter{Rated: sqldb.SKPUnrated}, 2},
			{sqldb.SKPFilter{Predikat: performance.Baik}, 1},
			{sqldb.SKPFilter{UnitID: o.root.ID}, 13},
			{sqldb.SKPFilter{UnitID: o.bidang.ID, Rated: sqldb.SKPRated}, 11},
			{sqldb.SKPFilter{Query: "santoso 001"}, 1},
			{sqldb.SKPFilter{Query: o.staff[0].NIP[:17]}, 10},
		} {
			c.f.AgencyID, c.f.Year, c.f.Period = o.agency.ID, 2024, performance.Annual
			if _, n, err := db.FindSKPRows(ctx, c.f); err != nil || n != c.want {
				t.Errorf("%+v: %d, %v; want %d", c.f, n, err, c.want)
			}
		}

		hist, err := db.EmployeeSKPs(ctx, o.agency.ID, o.staff[0].ID)
		if err != nil || len(hist) != 2 || hist[0].Year != 2024 || hist[1].Predikat != performance.Baik || hist[1].Scheme != performance.SchemeLegacy {
			t.Fatalf("history: %+v %v", hist, err)
		}

		// The organisation predikat: Baik, with 10 of 11 Sangat Baik: a warning, not a refusal.
		if err := db.SetUnitPredikat(ctx, &performance.UnitPredikat{AgencyID: o.agency.ID, UnitID: o.bidang.ID, Year: 2024, Predikat: "HEBAT"}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unknown organisation predikat: %v", err)
		}
		if err := db.SetUnitPredikat(ctx, &performance.UnitPredikat{AgencyID: o.agency.ID, UnitID: o.bidang.ID, Year: 2024, Predikat: performance.OrgBaik}); err != nil {
			t.Fatal(err)
		}
		ups, err := db.UnitPerformances(ctx, o.agency.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		var bidang *sqldb.UnitPerformance
		for _, up := range ups {
			if up.Unit.ID == o.bidang.ID {
				bidang = up
			}
		}
		if bidang == nil || bidang.Predikat != performance.OrgBaik || bidang.Rated != 11 || bidang.Counts[performance.SangatBaik] != 10 ||
			len(bidang.Departures) != 2 || bidang.Departures[0].Predikat != performance.SangatBaik {
			t.Errorf("bidang: %+v", bidang)
		}
		if ups[0].Unit.ID != o.root.ID || ups[0].Rated != 11 || ups[0].Predikat != "" || ups[0].Departures != nil {
			t.Errorf("root rolls up its units: %+v", ups[0])
		}

		if err := db.DeleteSKP(ctx, o.agency.ID, hist[1].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindSKP(ctx, o.agency.ID, hist[1].ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("deleted SKP: %v", err)
		}
	})
}

// An employee account reads its own SKP; a rater's account lists and rates
// those it rates and no one else; it cannot choose another rater.
func TestSKPSelfServiceAndRater(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-skp3", 2)
		as := func(e *merit.Employee) context.Context {
			return merit.WithActor(ctx, &merit.Actor{UserID: e.ID + 1000, Username: e.NIP,
				Grants: []merit.Grant{{AgencyID: o.agency.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}})
		}
		kabid, staff := as(o.kabid), as(o.staff[0])

		ratees, err := db.Ratees(kabid, o.agency.ID, o.kabid.ID, 2024, performance.Annual)
		if err != nil || len(ratees) != 2 {
			t.Fatalf("ratees of the kepala bidang: %+v %v", ratees, err)
		}
		if _, err := db.Ratees(staff, o.agency.ID, o.kabid.ID, 2024, performance.Annual); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("staff lists the kabid's ratees: %v", err)
		}
		s := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[0].ID, Year: 2024, HasilKerja: performance.AsExp,
			Behaviour: allValues(performance.AsExp), RaterOverride: true, RaterID: o.kepala.ID}
		if err := db.SaveSKP(kabid, s); err != nil {
			t.Fatal(err)
		}
		if s.RaterID != o.kabid.ID || s.RaterOverride || s.Predikat != performance.Baik || s.RatedBy != o.kabid.NIP {
			t.Errorf("rated by the kabid: %+v", s)
		}
		// Staff cannot rate himself or his colleague, nor the kabid his own head.
		for who, target := range map[string]struct {
			ctx context.Context
			emp int64
		}{"self": {staff, o.staff[0].ID}, "colleague": {staff, o.staff[1].ID}, "own head": {kabid, o.kepala.ID}, "himself": {kabid, o.kabid.ID}} {
			err := db.SaveSKP(target.ctx, &performance.SKP{AgencyID: o.agency.ID, EmployeeID: target.emp, Year: 2024, HasilKerja: performance.Above, Perilaku: performance.Above})
			if merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("%s: %v, want not found", who, err)
			}
		}
		own, err := db.EmployeeSKPs(staff, o.agency.ID, o.staff[0].ID)
		if err != nil || len(own) != 1 {
			t.Errorf("own SKPs: %+v %v", own, err)
		}
		if _, err := db.EmployeeSKPs(staff, o.agency.ID, o.staff[1].ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("colleague's SKPs: %v", err)
		}
		if _, err := db.FindSKP(kabid, o.agency.ID, s.ID); err != nil {
			t.Errorf("rater reads the SKP he gave: %v", err)
		}
		if _, _, err := db.FindSKPRows(staff, sqldb.SKPFilter{AgencyID: o.agency.ID, Year: 2024, Period: performance.Annual}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("employee lists the agency: %v", err)
		}
	})
}

// An operator limited to the root unit's other branch sees and rates no
// SKP of the bidang: lists leave it out, its records are not found.
func TestSKPUnitScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		o := newSKPOrg(t, db, "kota-skp-scope", 2)
		other := &merit.Unit{AgencyID: o.agency.ID, ParentID: o.root.ID, Name: "Bidang Lain"}
		if err := db.CreateUnit(ctx, other); err != nil {
			t.Fatal(err)
		}
		s := &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[0].ID, Year: 2024, HasilKerja: performance.AsExp, Perilaku: performance.AsExp}
		if err := db.SaveSKP(ctx, s); err != nil {
			t.Fatal(err)
		}
		limited := merit.WithActor(ctx, &merit.Actor{UserID: 93, Username: "op.lain",
			Grants: []merit.Grant{{AgencyID: o.agency.ID, Role: merit.RoleOperator, UnitIDs: []int64{other.ID}}}})
		if _, n, err := db.FindSKPRows(limited, sqldb.SKPFilter{AgencyID: o.agency.ID, Year: 2024, Period: performance.Annual}); err != nil || n != 0 {
			t.Errorf("limited list: %d rows, %v", n, err)
		}
		for name, err := range map[string]error{
			"history": func() error { _, err := db.EmployeeSKPs(limited, o.agency.ID, o.staff[0].ID); return err }(),
			"find":    func() error { _, err := db.FindSKP(limited, o.agency.ID, s.ID); return err }(),
			"save": db.SaveSKP(limited, &performance.SKP{AgencyID: o.agency.ID, EmployeeID: o.staff[1].ID, Year: 2024,
				HasilKerja: performance.AsExp, Perilaku: performance.AsExp}),
			"delete": db.DeleteSKP(limited, o.agency.ID, s.ID),
			"org":    db.SetUnitPredikat(limited, &performance.UnitPredikat{AgencyID: o.agency.ID, UnitID: o.bidang.ID, Year: 2024, Predikat: performance.OrgBaik}),
		} {
			if merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("%s outside the scope: %v, want not found", name, err)
			}
		}
		ups, err := db.UnitPerformances(limited, o.agency.ID, 2024)
		if err != nil || len(ups) != 1 || ups[0].Unit.ID != other.ID {
			t.Errorf("limited unit list: %+v %v", ups, err)
		}
	})
}
