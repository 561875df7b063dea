package sqldb_test

import (
	"strings"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/succession"
)

// Positions are listed with their unit and incumbents, filtered by unit,
// jenis and name; updated and deleted with an audit entry each; a position
// that employees hold, or that has a competency standard, is not deleted.
func TestPositionLifecycle(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, root := testdb.Agency(t, db, "kota-jabatan")
		sub := &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: "Bidang Mutasi"}
		if err := db.CreateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		pos := func(u *merit.Unit, name, jenis, jenjang string) *merit.Position {
			p := &merit.Position{AgencyID: a.ID, UnitID: u.ID, Name: name, Jenis: jenis, Jenjang: jenjang, KelasJabatan: 8}
			if err := db.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		analis := pos(sub, "Analis SDM Aparatur", "JF_KEAHLIAN", "AHLI_MUDA")
		kabid := pos(sub, "Kepala Bidang Mutasi", "ADMINISTRATOR", "")
		pengadministrasi := pos(root, "Pengadministrasi Umum", "PELAKSANA", "")
		e := testdb.Employee(a.ID, 1)
		e.UnitID, e.PositionID = sub.ID, kabid.ID
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}

		all, err := db.ListPositions(ctx, sqldb.PositionFilter{AgencyID: a.ID})
		if err != nil || len(all) != 3 {
			t.Fatalf("ListPositions: %d, %v", len(all), err)
		}
		// By unit name, then position name.
		if all[0].ID != pengadministrasi.ID || all[0].UnitName != root.Name || all[1].ID != analis.ID || all[2].ID != kabid.ID {
			t.Errorf("order: %s, %s, %s", all[0].Name, all[1].Name, all[2].Name)
		}
		if all[2].Incumbents != 1 || all[1].Incumbents != 0 {
			t.Errorf("incumbents: kabid %d, analis %d", all[2].Incumbents, all[1].Incumbents)
		}
		for _, c := range []struct {
			f    sqldb.PositionFilter
			want []int64
		}{
			{sqldb.PositionFilter{UnitID: sub.ID}, []int64{analis.ID, kabid.ID}},
			{sqldb.PositionFilter{UnitID: root.ID}, []int64{pengadministrasi.ID, analis.ID, kabid.ID}}, // and below
			{sqldb.PositionFilter{Jenis: "PELAKSANA"}, []int64{pengadministrasi.ID}},
			{sqldb.PositionFilter{Query: "BIDANG"}, []int64{kabid.ID}},
			{sqldb.PositionFilter{Query: "100%_"}, nil},
			{sqldb.PositionFilter{UnitID: sub.ID, Jenis: "JF_KEAHLIAN", Query: "analis"}, []int64{analis.ID}},
		} {
			c.f.AgencyID = a.ID
			got, err := db.ListPositions(ctx, c.f)
			var ids []int64
			for _, p := range got {
				ids = append(ids, p.ID)
			}
			if err != nil || len(ids) != len(c.want) || (len(ids) > 0 && ids[0] != c.want[0]) {
				t.Errorf("ListPositions(%+v) = %v, %v; want %v", c.f, ids, err, c.want)
			}
		}

		// Update: moved, renamed, critical; invalid input names its field.
		up := *analis
		up.UnitID, up.Name, up.Critical, up.KelasJabatan = root.ID, "Analis SDM Aparatur Ahli Muda", true, 9
		if err := db.UpdatePosition(ctx, &up); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindPosition(ctx, a.ID, analis.ID)
		if err != nil || got.UnitID != root.ID || got.Name != "Analis SDM Aparatur Ahli Muda" || !got.Critical || got.KelasJabatan != 9 || got.UnitName != root.Name {
			t.Fatalf("after update: %+v, %v", got, err)
		}
		bad := up
		bad.Jenis, bad.KelasJabatan = "RAJA", 18
		if err := db.UpdatePosition(ctx, &bad); merit.KindOf(err) != merit.KindInvalid || len(merit.FieldsOf(err)) != 2 {
			t.Errorf("invalid update: %v (fields %+v)", err, merit.FieldsOf(err))
		}
		noUnit := merit.Position{AgencyID: a.ID, Name: "Tanpa Unit", Jenis: "PELAKSANA"}
		if err := db.CreatePosition(ctx, &noUnit); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "unitId" {
			t.Errorf("position without a unit: %v", err)
		}
		dup := up
		dup.Name, dup.UnitID = "Pengadministrasi Umum", root.ID
		if err := db.UpdatePosition(ctx, &dup); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("update to a name taken in the unit: %v", err)
		}
		gone := up
		gone.ID = 99999
		if err := db.UpdatePosition(ctx, &gone); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("update of a missing position: %v", err)
		}

		// Delete: refused while held or while a standard is set.
		if err := db.DeletePosition(ctx, a.ID, kabid.ID); merit.KindOf(err) != merit.KindConflict || merit.CodeOf(err) != "position.in_use" {
			t.Errorf("delete of a held position: %v", err)
		}
		std := &competency.Standard{AgencyID: a.ID, PositionID: analis.ID, Requirements: []competency.Requirement{{CompetencyID: 1, Level: 3}}}
		if err := db.SaveStandard(ctx, std); err != nil {
			t.Fatal(err)
		}
		if err := db.DeletePosition(ctx, a.ID, analis.ID); merit.CodeOf(err) != "position.has_standard" {
			t.Errorf("delete of a position with a standard: %v", err)
		}
		if err := db.DeletePosition(ctx, a.ID, pengadministrasi.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindPosition(ctx, a.ID, pengadministrasi.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("deleted position still found: %v", err)
		}
		if err := db.DeletePosition(ctx, a.ID, pengadministrasi.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("second delete: %v", err)
		}

		entries, err := db.FindAudit(ctx, a.ID, "position", 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range entries {
			if en.EntityID == analis.ID || en.EntityID == pengadministrasi.ID {
				actions = append(actions, en.Action)
			}
		}
		if s := strings.Join(actions, ","); !strings.Contains(s, merit.AuditUpdate) || !strings.Contains(s, merit.AuditDelete) {
			t.Errorf("audit of position writes: %s", s)
		}

		// A critical position with reasons: unflagged only on the succession
		// page, deleted only after it.
		kepala := pos(root, "Kepala Badan", "JPT_PRATAMA", "")
		if err := db.FlagCritical(ctx, &succession.Critical{AgencyID: a.ID, PositionID: kepala.ID,
			Reasons: []succession.Reason{succession.ReasonStrategic}}); err != nil {
			t.Fatal(err)
		}
		unflag := *kepala
		if err := db.UpdatePosition(ctx, &unflag); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Code != "position.critical_has_plan" {
			t.Errorf("unflagging a position with reasons: %v", err)
		}
		if err := db.DeletePosition(ctx, a.ID, kepala.ID); merit.KindOf(err) != merit.KindConflict || merit.CodeOf(err) != "position.referenced" {
			t.Errorf("deleting a position with reasons: %v", err)
		}
		if err := db.UnflagCritical(ctx, a.ID, kepala.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeletePosition(ctx, a.ID, kepala.ID); err != nil {
			t.Errorf("deleting after unflagging: %v", err)
		}

		// A viewer may list but not change.
		viewer := merit.WithActor(ctx, &merit.Actor{UserID: 7, Username: "viewer", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})
		if _, err := db.ListPositions(viewer, sqldb.PositionFilter{AgencyID: a.ID}); err != nil {
			t.Errorf("viewer list: %v", err)
		}
		if err := db.UpdatePosition(viewer, &up); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer update: %v", err)
		}
		if err := db.DeletePosition(viewer, a.ID, analis.ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer delete: %v", err)
		}
	})
}

// An operator limited to a unit changes and deletes only the positions of
// his units, and moves them only within them.
func TestPositionUnitScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newScopeFixture(t, db)
		sys := testdb.System()
		pos := func(u *merit.Unit, name string) *merit.Position {
			p := &merit.Position{AgencyID: f.agency.ID, UnitID: u.ID, Name: name, Jenis: "PELAKSANA"}
			if err := db.CreatePosition(sys, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		inA1, inB := pos(f.a1, "Pengolah Data"), pos(f.b, "Pengelola Diklat")

		mine := *inA1
		mine.Name = "Pengolah Data Kepegawaian"
		if err := db.UpdatePosition(f.op, &mine); err != nil {
			t.Errorf("update inside the scope: %v", err)
		}
		out := mine
		out.UnitID = f.b.ID
		if err := db.UpdatePosition(f.op, &out); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "unitId" {
			t.Errorf("move out of the scope: %v", err)
		}
		theirs := *inB
		theirs.Name = "Diubah"
		if err := db.UpdatePosition(f.op, &theirs); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("update outside the scope: %v", err)
		}
		if err := db.DeletePosition(f.op, f.agency.ID, inB.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("delete outside the scope: %v", err)
		}
		if err := db.DeletePosition(f.op, f.agency.ID, inA1.ID); err != nil {
			t.Errorf("delete inside the scope: %v", err)
		}
	})
}
