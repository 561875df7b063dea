package sqldb_test

import (
	"errors"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An export of personal data is itself on the audit trail, with how many
// records left the system, also when the reader stops part way; a refused
// export writes nothing.
func TestExportAudited(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, _ := testdb.Agency(t, db, "kota-ekspor")
		for i := 1; i <= 3; i++ {
			if err := db.CreateEmployee(sys, testdb.Employee(a.ID, i)); err != nil {
				t.Fatal(err)
			}
		}
		exports := func() []*merit.AuditEntry {
			t.Helper()
			entries, _, err := db.SearchAudit(sys, a.ID, sqldb.AuditFilter{Entity: "employee", Action: "export"})
			if err != nil {
				t.Fatal(err)
			}
			return entries
		}
		n := 0
		if err := db.EachEmployee(sys, a.ID, func(*merit.Employee) error { n++; return nil }); err != nil || n != 3 {
			t.Fatalf("export: %d employees, %v", n, err)
		}
		stop := errors.New("client went away")
		if err := db.EachEmployee(sys, a.ID, func(*merit.Employee) error { return stop }); !errors.Is(err, stop) {
			t.Fatalf("stopped export: %v", err)
		}
		viewer := merit.WithActor(t.Context(), &merit.Actor{UserID: 99, Username: "viewer",
			Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})
		if err := db.EachEmployee(viewer, a.ID, func(*merit.Employee) error { return nil }); merit.KindOf(err) != merit.KindForbidden {
			t.Fatalf("viewer export: %v", err)
		}
		got := exports()
		if len(got) != 2 || got[0].After != `{"count":1}` || got[1].After != `{"count":3}` || got[1].Actor != "system" {
			for _, e := range got {
				t.Logf("%+v", e)
			}
			t.Fatalf("export entries: %d", len(got))
		}
	})
}
