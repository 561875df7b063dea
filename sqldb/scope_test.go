package sqldb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// scopeFixture is an agency with the tree root > {A > A1, B}, one employee
// in each of A, A1, B and the root, and an operator limited to A.
type scopeFixture struct {
	agency               *merit.Agency
	root, a, a1, b       *merit.Unit
	inA, inA1, inB, atop *merit.Employee
	op                   context.Context // the limited operator, as signed in
	opUser               *merit.User
}

func newScopeFixture(t *testing.T, db *sqldb.DB) *scopeFixture {
	t.Helper()
	sys := testdb.System()
	f := &scopeFixture{}
	f.agency, f.root = testdb.Agency(t, db, "kota-bidang")
	unit := func(parent *merit.Unit, name string) *merit.Unit {
		u := &merit.Unit{AgencyID: f.agency.ID, ParentID: parent.ID, Name: name}
		if err := db.CreateUnit(sys, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.a = unit(f.root, "Bidang Mutasi")
	f.a1 = unit(f.a, "Subbidang Kepangkatan")
	f.b = unit(f.root, "Bidang Diklat")
	emp := func(seq int, u *merit.Unit) *merit.Employee {
		e := testdb.Employee(f.agency.ID, seq)
		e.UnitID = u.ID
		if err := db.CreateEmployee(sys, e); err != nil {
			t.Fatal(err)
		}
		h := &merit.HistoryEntry{AgencyID: f.agency.ID, EmployeeID: e.ID, Kind: merit.HistPenghargaan, Title: "Satyalancana", Start: merit.MustDate("2020-08-17")}
		if err := db.CreateHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		return e
	}
	f.inA, f.inA1, f.inB, f.atop = emp(1, f.a), emp(2, f.a1), emp(3, f.b), emp(4, f.root)
	u := &merit.User{Username: "operator.mutasi", Name: "Operator Mutasi",
		Grants: []merit.Grant{{AgencyID: f.agency.ID, Role: merit.RoleOperator, UnitIDs: []int64{f.a.ID}}}}
	if err := db.CreateUser(sys, u, "hash"); err != nil {
		t.Fatal(err)
	}
	signed, _, err := db.UserForSignIn(sys, "operator.mutasi")
	if err != nil || len(signed.Grants) != 1 || !slices.Equal(signed.Grants[0].UnitIDs, []int64{f.a.ID}) {
		t.Fatalf("signed-in operator: %+v %v", signed, err)
	}
	f.opUser, f.op = signed, merit.WithActor(context.Background(), signed.Actor())
	return f
}

// An operator limited to a unit reads and writes only the employees of that
// unit and the units below it: others are 404 on every read and write, the
// list and the export leave them out, and nothing moves out of the scope.
func TestUnitScopedOperator(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newScopeFixture(t, db)
		ag, op := f.agency.ID, f.op

		list, total, err := db.FindEmployees(op, merit.EmployeeFilter{AgencyID: ag})
		if err != nil || total != 2 || len(list) != 2 {
			t.Fatalf("list: %d of %d, %v; want A and A1", len(list), total, err)
		}
		for _, e := range list {
			if e.ID != f.inA.ID && e.ID != f.inA1.ID {
				t.Errorf("list shows %s of unit %d", e.Name, e.UnitID)
			}
		}
		if _, total, _ := db.FindEmployees(op, merit.EmployeeFilter{AgencyID: ag, UnitID: f.b.ID}); total != 0 {
			t.Errorf("filter on another unit shows %d", total)
		}
		for _, e := range []*merit.Employee{f.inA, f.inA1} {
			if _, err := db.FindEmployeeByID(op, ag, e.ID); err != nil {
				t.Errorf("own unit's %s: %v", e.Name, err)
			}
			if hs, err := db.FindHistory(op, ag, e.ID, ""); err != nil || len(hs) != 1 {
				t.Errorf("own unit's history: %d %v", len(hs), err)
			}
		}
		notFound := func(what string, err error) {
			t.Helper()
			if merit.KindOf(err) != merit.KindNotFound {
				t.Errorf("%s: %v, want not found", what, err)
			}
		}
		for _, e := range []*merit.Employee{f.inB, f.atop} {
			_, err := db.FindEmployeeByID(op, ag, e.ID)
			notFound("show", err)
			_, err = db.FindEmployeeByNIP(op, ag, e.NIP)
			notFound("by NIP", err)
			_, err = db.FindHistory(op, ag, e.ID, "")
			notFound("history", err)
			changed := *e
			changed.Name = "Diubah"
			notFound("update", db.UpdateEmployee(op, &changed))
			notFound("delete", db.DeleteEmployee(op, ag, e.ID))
			notFound("add history", db.CreateHistory(op, &merit.HistoryEntry{AgencyID: ag, EmployeeID: e.ID, Kind: merit.HistPenghargaan, Title: "X", Start: merit.MustDate("2021-01-01")}))
		}
		// Writing inside works; moving out or creating outside is a field error.
		moved := *f.inA
		moved.UnitID = f.b.ID
		if err := db.UpdateEmployee(op, &moved); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "unitId" {
			t.Errorf("move out of scope: %v", err)
		}
		renamed := *f.inA1
		renamed.Name = "Dewi Lestari"
		if err := db.UpdateEmployee(op, &renamed); err != nil {
			t.Errorf("update inside: %v", err)
		}
		outside := testdb.Employee(ag, 10)
		outside.UnitID = f.b.ID
		if err := db.CreateEmployee(op, outside); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("create in another unit: %v", err)
		}
		inside := testdb.Employee(ag, 11)
		inside.UnitID = f.a1.ID
		if err := db.CreateEmployee(op, inside); err != nil {
			t.Errorf("create inside: %v", err)
		}
		// Units: only inside the scope.
		if err := db.CreateUnit(op, &merit.Unit{AgencyID: ag, ParentID: f.root.ID, Name: "Bidang Baru"}); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("unit under the root: %v", err)
		}
		if err := db.CreateUnit(op, &merit.Unit{AgencyID: ag, ParentID: f.a.ID, Name: "Subbidang Baru"}); err != nil {
			t.Errorf("unit inside: %v", err)
		}
		notFound("rename another unit", db.UpdateUnit(op, &merit.Unit{AgencyID: ag, ID: f.b.ID, ParentID: f.root.ID, Name: "Diganti"}))
		if err := db.UpdateUnit(op, &merit.Unit{AgencyID: ag, ID: f.a.ID, ParentID: f.root.ID, Name: "Bidang Mutasi dan Promosi"}); err != nil {
			t.Errorf("rename own unit: %v", err)
		}

		// Export: only the scope's employees (A, A1 renamed, the new one).
		var exported []string
		if err := db.EachEmployee(op, ag, func(e *merit.Employee) error { exported = append(exported, e.NIP); return nil }); err != nil || len(exported) != 3 {
			t.Errorf("export: %v %v", exported, err)
		}

		// Import: a known NIP of another unit and a row for another unit are
		// refused with field errors; a row inside is written.
		err = db.Bulk(op, ag, merit.PermImport, func(b *sqldb.Bulk) error {
			other := *f.inB
			other.Name = "Ditimpa"
			if _, err := b.Upsert(context.Background(), &other); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "nip" {
				t.Errorf("upsert of another unit's NIP: %v", err)
			}
			e := testdb.Employee(ag, 12)
			e.UnitID = f.b.ID
			if _, err := b.Upsert(context.Background(), e); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Field != "unit" {
				t.Errorf("upsert into another unit: %v", err)
			}
			if _, err := b.Unit(context.Background(), "", "Bidang Lain"); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("new top-level unit: %v", err)
			}
			id, err := b.Unit(context.Background(), "Bidang Mutasi dan Promosi", "Seksi Baru")
			if err != nil {
				t.Fatal(err)
			}
			e = testdb.Employee(ag, 13)
			e.UnitID = id
			if out, err := b.Upsert(context.Background(), e); err != nil || out != sqldb.Inserted {
				t.Errorf("upsert inside: %v %v", out, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindEmployeeByID(testdb.System(), ag, f.inB.ID); got.Name != f.inB.Name {
			t.Errorf("another unit's employee changed to %q", got.Name)
		}

		// An API token of the operator carries the same limit.
		tok := &sqldb.Token{UserID: f.opUser.ID, AgencyID: ag, Role: merit.RoleViewer, Name: "skrip", TokenHash: "h-scope",
			ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateToken(testdb.System(), tok); err != nil {
			t.Fatal(err)
		}
		ta, err := db.TokenActor(context.Background(), "h-scope", time.Now())
		if err != nil || !slices.Equal(ta.Grants[0].UnitIDs, []int64{f.a.ID}) {
			t.Fatalf("token actor: %+v %v", ta, err)
		}
		if _, err := db.FindEmployeeByID(merit.WithActor(context.Background(), ta), ag, f.inB.ID); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("token reads another unit: %v", err)
		}
	})
}

// The limit is per grant: an unlimited grant holding the same permission
// lifts it, a grant without the permission does not count.
func TestUnitScopeOfActor(t *testing.T) {
	a := &merit.Actor{Grants: []merit.Grant{
		{AgencyID: 1, Role: merit.RoleOperator, UnitIDs: []int64{7}},
		{AgencyID: 1, Role: merit.RoleViewer},
		{AgencyID: 2, Role: merit.RoleOperator, UnitIDs: []int64{8, 9}},
	}}
	if s := a.UnitScope(merit.PermWrite, 1); !slices.Equal(s, []int64{7}) {
		t.Errorf("write in 1: %v", s)
	}
	if s := a.UnitScope(merit.PermRead, 1); s != nil {
		t.Errorf("read in 1: %v, want no limit (the viewer grant)", s)
	}
	if s := a.UnitScope(merit.PermRead, 2); !slices.Equal(s, []int64{8, 9}) {
		t.Errorf("read in 2: %v", s)
	}
	if s := merit.SystemActor.UnitScope(merit.PermWrite, 1); s != nil {
		t.Errorf("system: %v", s)
	}
}

// The usulan queue of an operator limited to a unit holds only the
// proposals of that unit's employees; another unit's proposal is 404 and
// cannot be decided.
func TestUnitScopedProposals(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newScopeFixture(t, db)
		var ids []int64
		for _, e := range []*merit.Employee{f.inA1, f.inB} {
			u := &merit.User{Username: e.NIP, Name: e.Name, Grants: []merit.Grant{{AgencyID: f.agency.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
			_, me := addUser(t, db, u)
			p := &merit.Proposal{AgencyID: f.agency.ID, EmployeeID: e.ID, Changes: map[string]string{"phone": "0812-0000-0000"}, Reason: "HP baru"}
			if err := db.CreateProposal(me, p); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		queue, err := db.FindProposals(f.op, f.agency.ID, 0, merit.ProposalSubmitted)
		if err != nil || len(queue) != 1 || queue[0].ID != ids[0] {
			t.Fatalf("queue: %+v %v", queue, err)
		}
		if _, err := db.FindProposal(f.op, f.agency.ID, ids[1]); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("another unit's proposal: %v", err)
		}
		if _, err := db.DecideProposal(f.op, f.agency.ID, ids[1], true, ""); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("accept another unit's proposal: %v", err)
		}
		if _, err := db.DecideProposal(f.op, f.agency.ID, ids[1], false, "bukan wewenang"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("reject another unit's proposal: %v", err)
		}
		if all, _ := db.FindProposals(testdb.System(), f.agency.ID, 0, merit.ProposalSubmitted); len(all) != 2 {
			t.Errorf("the unlimited queue has %d", len(all))
		}
	})
}
