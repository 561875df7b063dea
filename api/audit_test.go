package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The audit endpoint gives agency admins their trail, filtered and paged;
// operators are refused, other agencies find nothing, bad dates are named.
func TestAuditList(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.addUser("admin-a", f.a.ID, merit.RoleAdmin)
		op := f.signIn("op-a")
		e := f.createEmployee(op, "kota-a", employeeBody(1))
		f.createEmployee(op, "kota-a", employeeBody(2))
		e.Name = "Nama Baru"
		op.call("PUT", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID), e, http.StatusOK, nil)

		admin := f.signIn("admin-a")
		var all auditPage
		admin.call("GET", "/api/v1/agencies/kota-a/audit", nil, http.StatusOK, &all)
		if all.Total != 5 || len(all.Items) != 5 || all.Items[0].Action != merit.AuditUpdate || all.Items[0].Actor != "op-a" {
			t.Fatalf("all: %d of %d, newest %+v", len(all.Items), all.Total, all.Items[0])
		}
		var got auditPage
		admin.call("GET", "/api/v1/agencies/kota-a/audit?entity=employee&action=create&actor=op-a&perPage=1&page=2", nil, http.StatusOK, &got)
		if got.Total != 2 || len(got.Items) != 1 || got.Items[0].EntityID != e.ID || got.Page != 2 || got.PerPage != 1 {
			t.Errorf("filtered second page: %+v", got)
		}
		admin.call("GET", "/api/v1/agencies/kota-a/audit?from=2000-01-01&to=2000-01-31", nil, http.StatusOK, &got)
		if got.Total != 0 || got.Items == nil {
			t.Errorf("an empty range gives %+v", got)
		}
		admin.fail("GET", "/api/v1/agencies/kota-a/audit?from=31-01-2000", nil, http.StatusUnprocessableEntity)
		if p := op.fail("GET", "/api/v1/agencies/kota-a/audit", nil, http.StatusForbidden); p.Code != "err.forbidden" {
			t.Errorf("operator: %q", p.Code)
		}
		f.signIn("op-b").fail("GET", "/api/v1/agencies/kota-a/audit", nil, http.StatusNotFound)
		f.anon().fail("GET", "/api/v1/agencies/kota-a/audit", nil, http.StatusUnauthorized)
	})
}
