package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The audit search filters by entity, action, actor and WIB date, pages
// newest first, is for admins only, and an export leaves its own entry.
func TestSearchAudit(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-cari")
		admin := merit.WithActor(context.Background(), &merit.Actor{UserID: 7, Username: "admin.satu",
			Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleAdmin}}})
		for i := range 3 {
			e := testdb.Employee(a.ID, i+1)
			if err := db.CreateEmployee(admin, e); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				e.Name = "Diganti"
				if err := db.UpdateEmployee(admin, e); err != nil {
					t.Fatal(err)
				}
			}
		}
		all, total, err := db.SearchAudit(admin, a.ID, sqldb.AuditFilter{})
		if err != nil || total != 6 || len(all) != 6 || all[0].Seq != 6 {
			t.Fatalf("all: %d of %d, %v", len(all), total, err) // agency, root unit, 3 creates, 1 update
		}
		today := merit.DateOf(time.Now().In(time.FixedZone("WIB", 7*3600)))
		for _, c := range []struct {
			f    sqldb.AuditFilter
			want int
		}{
			{sqldb.AuditFilter{Entity: "employee"}, 4},
			{sqldb.AuditFilter{Entity: "employee", Action: merit.AuditUpdate}, 1},
			{sqldb.AuditFilter{Actor: "admin.satu"}, 4},
			{sqldb.AuditFilter{Actor: "system"}, 2},
			{sqldb.AuditFilter{From: today, To: today}, 6},
			{sqldb.AuditFilter{To: merit.DateOf(today.Time().AddDate(0, 0, -1))}, 0},
			{sqldb.AuditFilter{From: merit.DateOf(today.Time().AddDate(0, 0, 1))}, 0},
		} {
			if _, n, err := db.SearchAudit(admin, a.ID, c.f); err != nil || n != c.want {
				t.Errorf("%+v: %d entries, want %d (%v)", c.f, n, c.want, err)
			}
		}
		page, total, err := db.SearchAudit(admin, a.ID, sqldb.AuditFilter{Limit: 4, Offset: 4})
		if err != nil || total != 6 || len(page) != 2 || page[0].Seq != 2 {
			t.Errorf("second page: %d entries of %d, %v", len(page), total, err)
		}

		op := merit.WithActor(context.Background(), &merit.Actor{UserID: 8, Username: "op",
			Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator}}})
		if _, _, err := db.SearchAudit(op, a.ID, sqldb.AuditFilter{}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator searches: %v", err)
		}
		if err := db.RecordAuditExport(op, a.ID, sqldb.AuditFilter{}, 6); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator exports: %v", err)
		}
		if err := db.RecordAuditExport(admin, a.ID, sqldb.AuditFilter{Entity: "employee", From: today}, 4); err != nil {
			t.Fatal(err)
		}
		e := wantAudit(t, db, a.ID, "admin.satu", "export", "audit_log", 0, "-", `"entity":"employee"`)
		if !strings.Contains(e.After, `"count":4`) || !strings.Contains(e.After, `"from":"`+today.String()+`"`) {
			t.Errorf("export entry %s", e.After)
		}
		if p, _, err := db.VerifyAudit(sys); p != nil || err != nil {
			t.Errorf("chain after export: %+v %v", p, err)
		}
	})
}
