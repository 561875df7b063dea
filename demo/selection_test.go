package demo

import (
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/selection"
	"merit/sqldb"
)

// The demo agency holds a finished selection (every stage published, the
// seals recomputing, an amendment, the PPK's choice public), one with the
// panel's scorecards open and one open for registration, each with five
// panel members of whom three sign in; the panel sign-ins are printed.
func TestSelectionDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		res, err := Generate(ctx, db, Options{Seed: 5, Agencies: 1, Employees: 400, Today: merit.DateOf(db.Now())}) // the store's date: merit.Today (WIB) runs ahead of it after 17:00 UTC
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		list, err := db.PublicSelections(ctx, a.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("public selections: %d, %v", len(list), err)
		}
		byStatus := map[selection.Status]int{}
		for _, s := range list {
			byStatus[s.Status]++
		}
		if byStatus[selection.StatusDecided] != 1 || byStatus[selection.StatusAnnounced] != 2 {
			t.Errorf("statuses %v", byStatus)
		}
		var finished *selection.Selection
		for _, s := range list {
			if s.Status == selection.StatusDecided {
				finished = s
			}
		}
		checks, err := db.VerifySelectionSeals(ctx, a.ID, finished.ID, 0)
		if err != nil || len(checks) != 5 { // four stages, wawancara sealed twice
			t.Fatalf("seals %+v %v", checks, err)
		}
		for _, c := range checks {
			if c.Problem != "" {
				t.Errorf("seal %s #%d: %s", c.Kind, c.Seq, c.Problem)
			}
		}
		ann, err := db.PublicSelection(ctx, a.ID, finished.ID)
		if err != nil || len(ann.Decisions) != 1 || len(ann.Panel) != 5 {
			t.Fatalf("announcement %+v %v", ann, err)
		}
		signIns := map[string]bool{}
		for _, si := range res.Agencies[0].SignIns {
			signIns[si.Username] = true
		}
		for _, name := range PanelSignIns("magelang") {
			if !signIns[name] {
				t.Errorf("panel sign-in %s is not printed", name)
			}
		}
	})
}
