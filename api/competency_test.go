package api

import (
	"fmt"
	"net/http"
	"testing"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The competency API: an operator sets a position's standard and enters an
// assessment, reads the employee's JPM with gaps against the current and a
// target position, and sets a new JPM rule version; a viewer reads but
// cannot write; another agency's operator finds nothing.
func TestCompetencyAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := testdb.System()
		var posIDs []int64
		for _, name := range []string{"Analis SDM Aparatur Ahli Muda", "Kepala Bidang Mutasi"} {
			p := &merit.Position{AgencyID: f.a.ID, UnitID: f.unitA.ID, Name: name, Jenis: "ADMINISTRATOR"}
			if err := db.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
			posIDs = append(posIDs, p.ID)
		}
		e := testdb.Employee(f.a.ID, 3)
		e.PositionID = posIDs[0]
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		op := f.signIn("op-a")
		var dict items[competency.Competency]
		op.call("GET", "/api/v1/agencies/kota-a/competencies", nil, http.StatusOK, &dict)
		if len(dict.Items) != 9 {
			t.Fatalf("dictionary: %d entries", len(dict.Items))
		}
		std := func(pos int64, level int) map[string]any {
			return map[string]any{"positionId": pos, "requirements": []map[string]any{
				{"competencyId": 1, "level": level}, {"competencyId": 2, "level": level}, {"competencyId": 3, "level": level}}}
		}
		op.call("PUT", "/api/v1/agencies/kota-a/standards", std(posIDs[0], 3), http.StatusOK, nil)
		op.call("PUT", "/api/v1/agencies/kota-a/standards", std(posIDs[1], 4), http.StatusOK, nil)
		if pr := op.fail("PUT", "/api/v1/agencies/kota-a/standards", std(posIDs[0], 9), http.StatusUnprocessableEntity); !pr.hasField("requirements[0]", "field.range") {
			t.Errorf("level 9: %+v", pr)
		}
		op.call("POST", "/api/v1/agencies/kota-a/assessments", map[string]any{"employeeId": e.ID, "date": "2024-06-10", "body": "BKN", "potential": 70,
			"levels": []map[string]any{{"competencyId": 1, "level": 3}, {"competencyId": 2, "level": 3}, {"competencyId": 3, "level": 2}}}, http.StatusCreated, nil)

		var got struct {
			Assessments []competency.Assessment `json:"assessments"`
			Current     struct {
				Percent  int    `json:"percent"`
				Category string `json:"category"`
				Gaps     []struct{ Gap int }
			} `json:"current"`
			Target struct {
				Percent  int    `json:"percent"`
				Category string `json:"category"`
			} `json:"target"`
		}
		op.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/competency?target=%d", e.ID, posIDs[1]), nil, http.StatusOK, &got)
		if got.Current.Percent != 8889 || got.Current.Category != "MMS" || len(got.Current.Gaps) != 3 || got.Current.Gaps[2].Gap != -1 {
			t.Errorf("current JPM: %+v", got.Current)
		}
		if got.Target.Percent != 6667 || got.Target.Category != "KMS" {
			t.Errorf("target JPM: %+v", got.Target)
		}

		var rule competency.Rule
		op.call("POST", "/api/v1/agencies/kota-a/jpm-rules", map[string]any{"meetsMin": 8500, "stillMeetsMin": 7000, "basis": "SK Kepala BKPSDM"}, http.StatusCreated, &rule)
		if rule.Version != 1 {
			t.Errorf("rule version %d", rule.Version)
		}
		op.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/competency", e.ID), nil, http.StatusOK, &got)
		if got.Current.Category != "MS" {
			t.Errorf("after the new rule: %+v", got.Current)
		}

		view := f.signIn("view-a")
		view.call("GET", "/api/v1/agencies/kota-a/assessments", nil, http.StatusOK, nil)
		view.fail("POST", "/api/v1/agencies/kota-a/jpm-rules", map[string]any{"meetsMin": 1, "stillMeetsMin": 1, "basis": "x"}, http.StatusForbidden)
		f.signIn("op-b").fail("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/competency", e.ID), nil, http.StatusNotFound)
		var dev struct {
			Progress competency.JPProgress `json:"progress"`
		}
		op.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/development?year=2025", e.ID), nil, http.StatusOK, &dev)
		if dev.Progress.Target != 20 || dev.Progress.Year != 2025 {
			t.Errorf("development: %+v", dev.Progress)
		}
	})
}
