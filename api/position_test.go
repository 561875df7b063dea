package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// A position is replaced with PUT and removed with DELETE; a held one is
// refused with 409, invalid input with field errors, a viewer with 403 and
// another agency's user with 404.
func TestPositionUpdateDelete(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		base := "/api/v1/agencies/kota-a/positions"

		var held, spare merit.Position
		c.call("POST", base, merit.Position{UnitID: f.unitA.ID, Name: "Analis Kepegawaian", Jenis: "PELAKSANA"}, http.StatusCreated, &held)
		c.call("POST", base, merit.Position{UnitID: f.unitA.ID, Name: "Pengolah Data", Jenis: "PELAKSANA"}, http.StatusCreated, &spare)
		in := employeeBody(1)
		in.UnitID, in.PositionID = f.unitA.ID, held.ID
		f.createEmployee(c, "kota-a", in)

		held.Name, held.KelasJabatan, held.Critical = "Analis SDM Aparatur", 8, true
		var got merit.Position
		c.call("PUT", fmt.Sprintf("%s/%d", base, held.ID), held, http.StatusOK, &got)
		if got.ID != held.ID || got.Name != "Analis SDM Aparatur" || got.KelasJabatan != 8 || !got.Critical {
			t.Errorf("updated: %+v", got)
		}
		bad := held
		bad.Jenis, bad.UnitID = "JF_KEAHLIAN", 0
		p := c.fail("PUT", fmt.Sprintf("%s/%d", base, held.ID), bad, http.StatusUnprocessableEntity)
		if !p.hasField("unitId", "field.required") || !p.hasField("jenjang", "position.jenjang_required") {
			t.Errorf("invalid update: %+v", p.Errors)
		}
		if p := c.fail("DELETE", fmt.Sprintf("%s/%d", base, held.ID), nil, http.StatusConflict); p.Code != "position.in_use" {
			t.Errorf("delete of a held position: %+v", p)
		}
		f.signIn("view-a").fail("DELETE", fmt.Sprintf("%s/%d", base, spare.ID), nil, http.StatusForbidden)
		f.signIn("op-b").fail("DELETE", fmt.Sprintf("%s/%d", base, spare.ID), nil, http.StatusNotFound)
		f.signIn("op-b").fail("PUT", fmt.Sprintf("/api/v1/agencies/kota-b/positions/%d", spare.ID), spare, http.StatusNotFound)
		c.call("DELETE", fmt.Sprintf("%s/%d", base, spare.ID), nil, http.StatusNoContent, nil)
		c.fail("DELETE", fmt.Sprintf("%s/%d", base, spare.ID), nil, http.StatusNotFound)
		var list items[merit.Position]
		c.call("GET", base, nil, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != held.ID {
			t.Errorf("positions after delete: %+v", list.Items)
		}
	})
}
