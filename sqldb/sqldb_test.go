package sqldb_test

import (
	"context"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

func TestMigrateIsIdempotentAndComplete(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		n, err := db.Migrate(ctx)
		if err != nil || n != 0 {
			t.Fatalf("second Migrate: applied %d, err %v; want 0, nil", n, err)
		}
		ok, err := db.UpToDate(ctx)
		if err != nil || !ok {
			t.Fatalf("UpToDate = %v, %v", ok, err)
		}
		ref, err := db.Reference(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ref.Golongan.Items); got != 34 {
			t.Errorf("golongan rows = %d, want 17 PNS + 17 PPPK", got)
		}
		if g, ok := ref.Golongan.Lookup("iii-a"); !ok || g.Code != "III/a" || g.Extra != "Penata Muda" {
			t.Errorf("Lookup(iii-a) = %+v, %v", g, ok)
		}
	})
}

func TestEmployeeLifecycle(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, root := testdb.Agency(t, db, "kota-uji")
		sub := &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: "Bidang Mutasi"}
		if err := db.CreateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		pos := &merit.Position{AgencyID: a.ID, UnitID: sub.ID, Name: "Analis SDM Aparatur Ahli Muda", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA", KelasJabatan: 9}
		if err := db.CreatePosition(ctx, pos); err != nil {
			t.Fatal(err)
		}
		e := testdb.Employee(a.ID, 1)
		e.PositionID = pos.ID
		e.TMTJabatan = merit.MustDate("2021-01-04")
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.UnitID != sub.ID {
			t.Errorf("unit from position = %d, want %d", e.UnitID, sub.ID)
		}
		got, err := db.FindEmployeeByNIP(ctx, a.ID, e.NIP)
		if err != nil {
			t.Fatal(err)
		}
		if got.BirthDate != e.BirthDate || got.PositionName != pos.Name || got.UnitName != sub.Name || got.Jenis != "JF_KEAHLIAN" {
			t.Errorf("read back %+v", got)
		}
		// A duplicate NIP is a conflict naming the field.
		dup := testdb.Employee(a.ID, 1)
		if err := db.CreateEmployee(ctx, dup); merit.KindOf(err) != merit.KindConflict {
			t.Fatalf("duplicate NIP: %v, want conflict", err)
		}
		// A promotion is recorded in the golongan history.
		got.Golongan, got.TMTGolongan = "III/d", merit.MustDate("2022-04-01")
		if err := db.UpdateEmployee(ctx, got); err != nil {
			t.Fatal(err)
		}
		hist, err := db.FindHistory(ctx, a.ID, e.ID, merit.HistGolongan)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Ref != "III/d" || hist[1].Ref != "III/c" {
			t.Fatalf("golongan history = %+v", hist)
		}
		// A move to another position records the old and the new post.
		pos2 := &merit.Position{AgencyID: a.ID, UnitID: sub.ID, Name: "Kepala Bidang Mutasi", Jenis: "ADMINISTRATOR", KelasJabatan: 11}
		if err := db.CreatePosition(ctx, pos2); err != nil {
			t.Fatal(err)
		}
		got.PositionID, got.TMTJabatan = pos2.ID, merit.MustDate("2024-02-01")
		if err := db.UpdateEmployee(ctx, got); err != nil {
			t.Fatal(err)
		}
		jab, _ := db.FindHistory(ctx, a.ID, e.ID, merit.HistJabatan)
		if len(jab) != 2 || jab[0].Title != pos2.Name || jab[0].Ref != "ADMINISTRATOR" || jab[1].Title != pos.Name ||
			jab[1].Place != sub.Name || jab[1].End != merit.MustDate("2024-02-01") {
			t.Fatalf("jabatan history = %+v %+v", jab[0], jab[1])
		}
		// Unit headcounts roll up the tree.
		units, err := db.FindUnits(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 2 || units[0].ID != root.ID || units[0].Total != 1 || units[1].Headcount != 1 || units[1].Depth != 1 {
			t.Errorf("units = %+v %+v", units[0], units[1])
		}
		// Filtering by the root unit finds the employee of the sub-unit.
		list, total, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, UnitID: root.ID, Query: "budi"})
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("FindEmployees = %d %d %v", len(list), total, err)
		}
		list, total, _ = db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Query: "19850310"})
		if total != 1 {
			t.Errorf("NIP prefix search total = %d", total)
		}
		list, total, _ = db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Query: "100%_"})
		if total != 0 || len(list) != 0 {
			t.Errorf("LIKE wildcards must be literal: total %d", total)
		}
		st, err := db.Stats(ctx, a.ID)
		if err != nil || st.Total != 1 || len(st.ByGolongan) != 1 || st.ByGolongan[0].Key != "III/d" {
			t.Fatalf("Stats = %+v, %v", st, err)
		}
		if err := db.DeleteEmployee(ctx, a.ID, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindEmployeeByID(ctx, a.ID, e.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Fatalf("after delete: %v", err)
		}
	})
}

func TestAgencyIsolation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-a")
		b, _ := testdb.Agency(t, db, "kota-b")
		eb := testdb.Employee(b.ID, 7)
		if err := db.CreateEmployee(sys, eb); err != nil {
			t.Fatal(err)
		}
		userA := merit.WithActor(context.Background(), &merit.Actor{UserID: 1, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleAdmin}}})
		if _, err := db.FindEmployeeByID(userA, b.ID, eb.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("read across agencies: %v, want not found", err)
		}
		if _, _, err := db.FindEmployees(userA, merit.EmployeeFilter{AgencyID: b.ID}); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("list across agencies: %v", err)
		}
		eb.Name = "Diubah"
		if err := db.UpdateEmployee(userA, eb); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("update across agencies: %v", err)
		}
		// A forged agency ID on the record with another agency's employee ID changes nothing.
		forged := *eb
		forged.AgencyID = a.ID
		if err := db.UpdateEmployee(userA, &forged); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("forged agency id: %v", err)
		}
		if _, err := db.FindAgencyByCode(userA, "kota-b"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other agency by code: %v", err)
		}
		viewer := merit.WithActor(context.Background(), &merit.Actor{UserID: 2, Grants: []merit.Grant{{AgencyID: b.ID, Role: merit.RoleViewer}}})
		if err := db.DeleteEmployee(viewer, b.ID, eb.ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer delete: %v, want forbidden", err)
		}
		got, err := db.FindEmployeeByID(viewer, b.ID, eb.ID)
		if err != nil || got.Name == "Diubah" {
			t.Errorf("viewer read: %+v %v", got, err)
		}
	})
}

// TestMigrateOutOfOrder: a database that ran later migrations before an
// earlier one landed (00009 after 00013 did) applies the earlier one.
func TestMigrateOutOfOrder(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := testdb.DSN(t, engine)
			testdb.OpenDSN(t, dsn) // every migration applied
			raw := testdb.Raw(t, dsn)
			for _, q := range []string{`DROP INDEX assessment_level_covering`,
				`DELETE FROM goose_db_version WHERE version_id = 15`} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			// Pretend 00015 had not landed yet while a later one ran: a
			// fake later version applied.
			if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
				t.Fatal(err)
			}
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			n, err := db.Migrate(ctx)
			if err != nil || n != 1 {
				t.Fatalf("Migrate after a later version = %d, %v; want 1 (00015), nil", n, err)
			}
		})
	}
}
