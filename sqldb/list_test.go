package sqldb_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestEmployeeListMatchesOracle checks FindEmployees, by whichever path it
// answers (the in-memory name index, the unit plan, plain SQL), against the
// same filter applied in Go to the rows written: every page of name
// searches, unit subtrees, their combination, both directions.
func TestEmployeeListMatchesOracle(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, root := testdb.Agency(t, db, "kota-daftar")
		child := &merit.Unit{AgencyID: a.ID, ParentID: root.ID, Name: "Bidang Mutasi"}
		if err := db.CreateUnit(ctx, child); err != nil {
			t.Fatal(err)
		}
		grandchild := &merit.Unit{AgencyID: a.ID, ParentID: child.ID, Name: "Subbidang Promosi"}
		if err := db.CreateUnit(ctx, grandchild); err != nil {
			t.Fatal(err)
		}
		other := &merit.Unit{AgencyID: a.ID, Name: "Dinas Pendidikan"}
		if err := db.CreateUnit(ctx, other); err != nil {
			t.Fatal(err)
		}
		units := []*merit.Unit{root, child, grandchild, other}
		first := []string{"Siti", "Sri", "Budi", "Ani", "Dewi", "Wahyu", "Muhammad", "Retno", "Eko", "Yuni"}
		last := []string{"Rahayu", "Kurniawati", "Santoso", "Lestari", "Wulandari", "Prasetyo", "Sulistyaningsih", "Hidayat"}
		type row struct {
			id     int64
			name   string
			unitID int64
		}
		var rows []row
		for i := 1; i <= 90; i++ {
			e := testdb.Employee(a.ID, i)
			e.Name = first[i%len(first)] + " " + last[(i*7)%len(last)]
			e.UnitID = units[i%len(units)].ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			rows = append(rows, row{e.ID, e.Name, e.UnitID})
		}
		// A second agency with the same names must never show up.
		b, _ := testdb.Agency(t, db, "kota-lain")
		for i := 1; i <= 5; i++ {
			e := testdb.Employee(b.ID, i)
			e.Name = "Siti Rahayu"
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		below := map[int64][]int64{root.ID: {root.ID, child.ID, grandchild.ID}, child.ID: {child.ID, grandchild.ID},
			grandchild.ID: {grandchild.ID}, other.ID: {other.ID}}
		oracle := func(f merit.EmployeeFilter) []int64 {
			var match []row
			for _, r := range rows {
				if f.Query != "" && !strings.Contains(strings.ToLower(r.name), strings.ToLower(strings.TrimSpace(f.Query))) {
					continue
				}
				if f.UnitID != 0 && !slices.Contains(below[f.UnitID], r.unitID) {
					continue
				}
				match = append(match, r)
			}
			slices.SortFunc(match, func(x, y row) int {
				if c := strings.Compare(strings.ToLower(x.name), strings.ToLower(y.name)); c != 0 {
					return c
				}
				return int(x.id - y.id)
			})
			if f.Desc {
				slices.Reverse(match)
			}
			ids := make([]int64, len(match))
			for i, r := range match {
				ids[i] = r.id
			}
			return ids
		}
		check := func(t *testing.T, f merit.EmployeeFilter) {
			t.Helper()
			want := oracle(f)
			for f.Offset = 0; f.Offset == 0 || f.Offset < len(want); f.Offset += f.Limit {
				list, total, err := db.FindEmployees(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, e := range list {
					got = append(got, e.ID)
				}
				page := want[min(f.Offset, len(want)):min(f.Offset+f.Limit, len(want))]
				if total != len(want) || !slices.Equal(got, page) {
					t.Fatalf("%+v: got %v of %d, want %v of %d", f, got, total, page, len(want))
				}
			}
		}
		for _, q := range []string{"siti", "SRI", "ani", "wati", "ningsih", "a", "i r", " eko ", "zzz", "100%"} {
			for _, unit := range []int64{0, root.ID, child.ID, grandchild.ID, other.ID} {
				for _, desc := range []bool{false, true} {
					t.Run(fmt.Sprintf("q=%s/unit=%d/desc=%v", q, unit, desc), func(t *testing.T) {
						check(t, merit.EmployeeFilter{AgencyID: a.ID, Query: q, UnitID: unit, Desc: desc, Limit: 7})
					})
				}
			}
		}
		// A write through the DB shows in the next search at once.
		e, err := db.FindEmployeeByID(ctx, a.ID, rows[0].id)
		if err != nil {
			t.Fatal(err)
		}
		e.Name = "Zulaikha Nurhayati"
		if err := db.UpdateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		rows[0].name = e.Name
		check(t, merit.EmployeeFilter{AgencyID: a.ID, Query: "zulaikha", Limit: 7})
		check(t, merit.EmployeeFilter{AgencyID: a.ID, Query: "siti", Limit: 7})
		if err := db.DeleteEmployee(ctx, a.ID, rows[1].id); err != nil {
			t.Fatal(err)
		}
		rows = rows[2:]
		rows = append(rows, row{e.ID, e.Name, e.UnitID})
		check(t, merit.EmployeeFilter{AgencyID: a.ID, Query: "i", Limit: 7})
	})
}
