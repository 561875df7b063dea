package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The proposal API: an employee lists and creates their own proposals and
// cannot reach the queue or decide; an operator lists the queue, must give
// a reason to reject, and accepts, which changes the record.
func TestProposalAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := testdb.System()
		e := testdb.Employee(f.a.ID, 5)
		e.UnitID = f.unitA.ID
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(password, auth.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		u := &merit.User{Username: e.NIP, Name: e.Name, Grants: []merit.Grant{{AgencyID: f.a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
		if err := db.CreateUser(ctx, u, hash); err != nil {
			t.Fatal(err)
		}
		me := f.signIn(e.NIP)
		var p merit.Proposal
		me.call("POST", "/api/v1/me/proposals", map[string]any{"changes": map[string]string{"phone": "0813-0000-1111"}, "reason": "HP baru"}, http.StatusCreated, &p)
		if p.ID == 0 || p.Status != merit.ProposalSubmitted {
			t.Fatalf("created %+v", p)
		}
		if pr := me.fail("POST", "/api/v1/me/proposals", map[string]any{"changes": map[string]string{"nip": "1"}, "reason": "x"}, http.StatusUnprocessableEntity); !pr.hasField("nip", "proposal.field_not_proposable") {
			t.Errorf("NIP proposal: %+v", pr)
		}
		var mine items[merit.Proposal]
		me.call("GET", "/api/v1/me/proposals", nil, http.StatusOK, &mine)
		if len(mine.Items) != 1 {
			t.Errorf("own proposals: %+v", mine.Items)
		}
		me.fail("GET", "/api/v1/agencies/kota-a/proposals", nil, http.StatusForbidden)
		path := fmt.Sprintf("/api/v1/agencies/kota-a/proposals/%d", p.ID)
		me.fail("POST", path+"/accept", nil, http.StatusForbidden)

		op := f.signIn("op-a")
		op.fail("GET", "/api/v1/me/proposals", nil, http.StatusNotFound)
		var queue items[merit.Proposal]
		op.call("GET", "/api/v1/agencies/kota-a/proposals", nil, http.StatusOK, &queue)
		if len(queue.Items) != 1 || queue.Items[0].Changes["phone"] != "0813-0000-1111" {
			t.Fatalf("queue: %+v", queue.Items)
		}
		op.fail("POST", path+"/reject", map[string]string{}, http.StatusUnprocessableEntity)
		f.signIn("op-b").fail("POST", path+"/accept", nil, http.StatusNotFound)
		var done merit.Proposal
		op.call("POST", path+"/accept", nil, http.StatusOK, &done)
		if done.Status != merit.ProposalAccepted {
			t.Errorf("accepted: %+v", done)
		}
		op.fail("POST", path+"/reject", map[string]string{"reason": "x"}, http.StatusConflict)
		if got, _ := db.FindEmployeeByID(ctx, f.a.ID, e.ID); got.Phone != "0813-0000-1111" {
			t.Errorf("phone after accept %q", got.Phone)
		}
	})
}
