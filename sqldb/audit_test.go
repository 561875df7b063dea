package sqldb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// lastAudit returns the newest audit entry of the agency's chain.
func lastAudit(t *testing.T, db *sqldb.DB, agencyID int64) *merit.AuditEntry {
	t.Helper()
	es, err := db.FindAudit(testdb.System(), agencyID, "", 0, 1)
	if err != nil || len(es) != 1 {
		t.Fatalf("FindAudit: %v, %d entries", err, len(es))
	}
	return es[0]
}

// wantAudit checks the newest entry of the chain: its action, entity and
// actor, and that its before and after JSON contain the given texts ("-"
// for an empty side).
func wantAudit(t *testing.T, db *sqldb.DB, agencyID int64, actor, action, entity string, entityID int64, before, after string) *merit.AuditEntry {
	t.Helper()
	e := lastAudit(t, db, agencyID)
	if e.Actor != actor || e.Action != action || e.Entity != entity || (entityID >= 0 && e.EntityID != entityID) {
		t.Errorf("entry %d = %s %s %s#%d, want %s %s %s#%d", e.Seq, e.Actor, e.Action, e.Entity, e.EntityID, actor, action, entity, entityID)
	}
	for _, c := range []struct{ got, want, side string }{{e.Before, before, "before"}, {e.After, after, "after"}} {
		if c.want == "-" && c.got != "" || c.want != "-" && !strings.Contains(c.got, c.want) {
			t.Errorf("entry %d (%s %s) %s = %q, want it to contain %q", e.Seq, e.Action, e.Entity, c.side, c.got, c.want)
		}
	}
	return e
}

func TestAuditEveryWrite(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		a, root := testdb.Agency(t, db, "kota-audit")
		wantAudit(t, db, a.ID, "system", "create", "unit", root.ID, "-", root.Name)
		if es, _ := db.FindAudit(sys, a.ID, "agency", a.ID, 10); len(es) != 1 || es[0].Seq != 1 || !strings.Contains(es[0].After, "kota-audit") {
			t.Errorf("agency entry: %+v", es)
		}

		op := &merit.Actor{UserID: 41, Username: "operator.satu", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator}}}
		ctx := merit.WithClient(merit.WithActor(context.Background(), op), "203.0.113.7", "Mozilla/5.0 (X11) Firefox/140.0")

		sub := &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: "Bidang Mutasi"}
		if err := db.CreateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		e := wantAudit(t, db, a.ID, "operator.satu", "create", "unit", sub.ID, "-", "Bidang Mutasi")
		if e.ActorID != 41 || e.IP != "203.0.113.7" || e.UserAgent != "Mozilla/5.0 (X11) Firefox/140.0" {
			t.Errorf("who/where: %d %q %q", e.ActorID, e.IP, e.UserAgent)
		}
		sub.Name = "Bidang Mutasi dan Promosi"
		if err := db.UpdateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "update", "unit", sub.ID, `"Bidang Mutasi"`, "Bidang Mutasi dan Promosi")
		pos := &merit.Position{AgencyID: a.ID, UnitID: sub.ID, Name: "Analis SDM Aparatur Ahli Muda", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA", KelasJabatan: 9}
		if err := db.CreatePosition(ctx, pos); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "create", "position", pos.ID, "-", "Analis SDM Aparatur Ahli Muda")

		emp := testdb.Employee(a.ID, 1)
		if err := db.CreateEmployee(ctx, emp); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "create", "employee", emp.ID, "-", emp.NIP)
		emp.Name = "Budi Santoso Wibowo"
		if err := db.UpdateEmployee(ctx, emp); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "update", "employee", emp.ID, "Budi Santoso 001", "Budi Santoso Wibowo")

		h := &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: emp.ID, Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya", Start: merit.MustDate("2020-08-17")}
		if err := db.CreateHistory(ctx, h); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "create", "history", h.ID, "-", "Satyalancana Karya Satya")
		h.Title = "Satyalancana Karya Satya X Tahun"
		if err := db.UpdateHistory(ctx, h); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "update", "history", h.ID, `"Satyalancana Karya Satya"`, "X Tahun")
		if err := db.DeleteHistory(ctx, a.ID, emp.ID, h.ID); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "delete", "history", h.ID, "X Tahun", "-")

		// A bulk write: one new employee (no entry of its own), one changed
		// (an update entry with before and after), one unchanged, then
		// the import entry with the counts.
		before := lastAudit(t, db, a.ID).Seq
		err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
			changed := *emp
			changed.Golongan, changed.TMTGolongan = "III/d", merit.MustDate("2022-04-01")
			for _, x := range []*merit.Employee{testdb.Employee(a.ID, 2), &changed} {
				if _, err := b.Upsert(ctx, x); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "import", "employee", 0, "-", `{"inserted":1,"updated":1,"unchanged":0,"units":0,"positions":0}`)
		es, err := db.FindAudit(ctx, a.ID, "employee", emp.ID, 10)
		if err != nil || len(es) != 3 || es[0].Seq != before+1 || !strings.Contains(es[0].Before, `"III/c"`) || !strings.Contains(es[0].After, `"III/d"`) {
			t.Fatalf("bulk update entry: %v %+v", err, es)
		}
		if es, _ := db.FindAudit(ctx, a.ID, "", 0, 100); es[0].Seq != before+2 {
			t.Errorf("bulk wrote %d entries, want 2", es[0].Seq-before)
		}
		if err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
			_, err := b.Upsert(ctx, testdb.Employee(a.ID, 2))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "import", "employee", 0, "-", `"unchanged":1`)
		if err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error { return sqldb.ErrRollback }); err != nil {
			t.Fatal(err)
		}
		if e := lastAudit(t, db, a.ID); e.Seq != before+3 {
			t.Errorf("a rolled-back bulk left entry %d", e.Seq)
		}

		if err := db.DeleteEmployee(ctx, a.ID, emp.ID); err != nil {
			t.Fatal(err)
		}
		wantAudit(t, db, a.ID, "operator.satu", "delete", "employee", emp.ID, "Budi Santoso Wibowo", "-")

		// Accounts are in the global chain (agency 0), without password hashes.
		u := &merit.User{Username: "admin.kota", Name: "Admin Kota", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleAdmin}}}
		if err := db.CreateUser(sys, u, "$argon2id$v=19$secret-hash"); err != nil {
			t.Fatal(err)
		}
		e = wantAudit(t, db, 0, "system", "create", "user", u.ID, "-", "admin.kota")
		if err := db.SetPassword(sys, u.ID, "$argon2id$v=19$other-hash"); err != nil {
			t.Fatal(err)
		}
		e2 := wantAudit(t, db, 0, "system", "update", "user", u.ID, "-", "passwordChanged")
		if strings.Contains(e.After+e2.After, "argon2id") || e.IP != "" || e2.Seq != 2 || e2.PrevHash != e.Hash {
			t.Errorf("user entries: %+v %+v", e, e2)
		}

		// Only members read a chain.
		other := merit.WithActor(context.Background(), &merit.Actor{UserID: 9, Username: "lain", Grants: []merit.Grant{{AgencyID: a.ID + 1, Role: merit.RoleAdmin}}})
		if _, err := db.FindAudit(other, a.ID, "", 0, 10); merit.KindOf(err) != merit.KindNotFound && merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("FindAudit by a stranger: %v", err)
		}
		if _, _, err := db.VerifyAudit(ctx); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("VerifyAudit by an operator: %v", err)
		}

		p, n, err := db.VerifyAudit(sys)
		if err != nil || p != nil || n != int(before)+4+2 {
			t.Errorf("VerifyAudit = %+v, %d, %v; want nil, %d", p, n, err, before+4+2)
		}
	})
}

func TestAuditTamper(t *testing.T) {
	cases := []struct {
		name string
		sql  []string // run with $1 = the agency
		seq  int64
		kind string
	}{
		{"changed", []string{`UPDATE audit_log SET after_json = '{"name":"Bidang Palsu"}' WHERE agency_id = $1 AND seq = 3`}, 3, merit.AuditChanged},
		{"removed", []string{`DELETE FROM audit_log WHERE agency_id = $1 AND seq = 3`}, 3, merit.AuditRemoved},
		{"removed and renumbered", []string{`DELETE FROM audit_log WHERE agency_id = $1 AND seq = 3`,
			`UPDATE audit_log SET seq = seq - 1 WHERE agency_id = $1 AND seq > 3`}, 3, merit.AuditRemoved},
		{"reordered", []string{`UPDATE audit_log SET seq = -1 WHERE agency_id = $1 AND seq = 2`,
			`UPDATE audit_log SET seq = 2 WHERE agency_id = $1 AND seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE agency_id = $1 AND seq = -1`}, 2, merit.AuditReordered},
		{"tail removed", []string{`DELETE FROM audit_log WHERE agency_id = $1 AND seq = 5`}, 5, merit.AuditTruncated},
	}
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					dsn := testdb.DSN(t, engine)
					db := testdb.OpenDSN(t, dsn)
					a, root := testdb.Agency(t, db, "kota-audit") // entries 1 and 2
					for _, name := range []string{"Bidang Mutasi", "Bidang Diklat", "Bidang Data"} {
						if err := db.CreateUnit(testdb.System(), &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: name}); err != nil {
							t.Fatal(err)
						}
					}
					sys := testdb.System()
					if p, n, err := db.VerifyAudit(sys); p != nil || n != 5 || err != nil {
						t.Fatalf("before tampering: %+v %d %v", p, n, err)
					}
					raw := testdb.Raw(t, dsn)
					for _, q := range c.sql {
						if _, err := raw.Exec(q, a.ID); err != nil {
							t.Fatalf("%s: %v", q, err)
						}
					}
					p, _, err := db.VerifyAudit(sys)
					if err != nil || p == nil || p.AgencyID != a.ID || p.Seq != c.seq || p.Kind != c.kind {
						t.Errorf("VerifyAudit = %+v, %v; want agency %d seq %d %s", p, err, a.ID, c.seq, c.kind)
					}
				})
			}
		})
	}
}

// TestAuditHashIsDocumented recomputes an entry's hash from its row by the
// encoding that merit.AuditEntry.ComputeHash documents.
func TestAuditHashIsDocumented(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-audit")
		e := lastAudit(t, db, a.ID)
		var b strings.Builder
		for _, f := range []string{e.PrevHash, itoa(e.AgencyID), itoa(e.Seq), e.At.UTC().Format("2006-01-02T15:04:05.000000Z"),
			itoa(e.ActorID), e.Actor, e.Action, e.Entity, itoa(e.EntityID), e.Before, e.After, e.IP, e.UserAgent} {
			b.WriteString(itoa(int64(len(f))) + ":" + f)
		}
		if got := sha256Hex(b.String()); got != e.Hash || e.Seq != 2 || e.PrevHash == "" {
			t.Errorf("recomputed %s, stored %s (seq %d)", got, e.Hash, e.Seq)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
