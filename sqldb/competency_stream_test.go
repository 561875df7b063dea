package sqldb_test

import (
	"database/sql"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"merit"
	"merit/competency"
	"merit/internal/testdb"
	"merit/sqldb"
)

// TestEachAssessedProfile compares the parallel stream of current
// assessments with the previous definition (EachCompetencyProfile, every
// employee in one join) over employees spread across the ranges: assessed
// once, twice (the newer is current), never, with levels the standard does
// not ask for, without a position, in a position without a standard.
func TestEachAssessedProfile(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, pos, emps := competencyFixture(t, db)
		if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: a.ID, PositionID: pos[0].ID, Requirements: reqs(1, 3, 2, 3, 3, 2, 9, 4)}); err != nil {
			t.Fatal(err)
		}
		ids := []int64{emps[0].ID, emps[1].ID, emps[2].ID}
		for i := range 37 {
			e := testdb.Employee(a.ID, 10+i)
			e.PositionID = pos[i%2].ID // pos[1] has no standard
			if i%5 == 0 {
				e.PositionID = 0
			}
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		for i, id := range ids {
			if i%4 == 1 {
				continue // never assessed
			}
			dates := []string{"2024-03-01"}
			if i%3 == 0 {
				dates = append(dates, "2021-06-01") // older, not current
			}
			for k, d := range dates {
				c := int64(i+k) % 9
				as := &competency.Assessment{AgencyID: a.ID, EmployeeID: id, Date: merit.MustDate(d), Body: "BKN", Potential: 70,
					Levels: lvls(1+c%9, 1+c%5, 1+(c+1)%9, 1+(c+2)%5, 1+(c+4)%9, 5, 1+(c+6)%9, 1+(c+3)%5)}
				if err := db.CreateAssessment(ctx, as); err != nil {
					t.Fatal(err)
				}
			}
		}

		key := func(p *sqldb.CompetencyProfile) string {
			return fmt.Sprintf("pos=%d req=%v act=%v jpm=%+v", p.PositionID, p.Required, p.Actual, competency.DefaultRule.Match(p.Required, p.Actual))
		}
		want := map[int64]string{}
		if err := db.EachCompetencyProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			if p.Assessed {
				want[p.EmployeeID] = key(p)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		got := map[int64]string{}
		if err := db.EachAssessedProfile(ctx, a.ID, func(p *sqldb.CompetencyProfile) error {
			mu.Lock()
			defer mu.Unlock()
			if !p.Assessed || p.AgencyID != a.ID {
				t.Errorf("employee %d: got %+v", p.EmployeeID, p)
			}
			if _, dup := got[p.EmployeeID]; dup {
				t.Errorf("employee %d streamed twice", p.EmployeeID)
			}
			got[p.EmployeeID] = key(p)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(want) != 30 || !maps.Equal(got, want) {
			t.Errorf("assessed profiles differ from EachCompetencyProfile (%d assessed):\n got %v\nwant %v", len(want), got, want)
		}
		positioned := 0
		for _, k := range want {
			if !strings.HasPrefix(k, "pos=0 ") {
				positioned++
			}
		}
		if positioned == 0 {
			t.Error("no assessed employee has a position: the comparison proves nothing")
		}

		// A unit-limited reader outside the employees' unit sees none; an
		// error from fn stops the stream and is returned.
		sub := &merit.Unit{AgencyID: a.ID, ParentID: emps[0].UnitID, Name: "Bidang Lain"}
		if err := db.CreateUnit(ctx, sub); err != nil {
			t.Fatal(err)
		}
		limited := merit.WithActor(ctx, &merit.Actor{Username: "op-bidang", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator, UnitIDs: []int64{sub.ID}}}})
		if err := db.EachAssessedProfile(limited, a.ID, func(p *sqldb.CompetencyProfile) error {
			t.Errorf("unit-limited stream: got employee %d", p.EmployeeID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		stop := fmt.Errorf("stop")
		if err := db.EachAssessedProfile(ctx, a.ID, func(*sqldb.CompetencyProfile) error { return stop }); err == nil {
			t.Error("an error from fn was not returned")
		}
	})
}

// wantPacked checks assessment.packed_levels of every assessment of the
// agency against its assessment_level rows (decimal competency_id*8 + level,
// by competency), and that assessment.current marks each employee's newest
// (by date, then ID) and no other; it returns how many assessments it read.
func wantPacked(t *testing.T, raw *sql.DB, agencyID int64) int {
	t.Helper()
	levels := map[int64][]string{}
	rows, err := raw.Query(`SELECT assessment_id, competency_id * 8 + level FROM assessment_level WHERE agency_id = $1 ORDER BY assessment_id, competency_id`, agencyID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		levels[id] = append(levels[id], strconv.FormatInt(v, 10))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	rows, err = raw.Query(`SELECT id, employee_id, packed_levels, current FROM assessment WHERE agency_id = $1
		ORDER BY employee_id, assessed_on DESC, id DESC`, agencyID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, prev := 0, int64(0)
	for rows.Next() {
		var id, emp int64
		var packed string
		var current bool
		if err := rows.Scan(&id, &emp, &packed, &current); err != nil {
			t.Fatal(err)
		}
		if want := strings.Join(levels[id], ","); packed != want {
			t.Errorf("assessment %d: packed_levels %q, want %q", id, packed, want)
		}
		if newest := emp != prev; current != newest {
			t.Errorf("assessment %d of employee %d: current %v, want %v", id, emp, current, newest)
		}
		n, prev = n+1, emp
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// streamed returns the actual levels EachAssessedProfile gives each
// employee.
func streamed(t *testing.T, db *sqldb.DB, agencyID int64) map[int64]string {
	t.Helper()
	var mu sync.Mutex
	got := map[int64]string{}
	if err := db.EachAssessedProfile(testdb.System(), agencyID, func(p *sqldb.CompetencyProfile) error {
		mu.Lock()
		defer mu.Unlock()
		got[p.EmployeeID] = fmt.Sprint(p.Actual)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestPackedLevels: every writer of an assessment keeps packed_levels equal
// to its levels and the current mark on the newest: create, update, delete
// of the newest (the previous becomes current again, and the stream gives
// its levels), and a competency batch large enough to write several
// statements of assessments, of levels and of current marks, which gives
// some employees two assessments at once and others one older or newer
// than the one they had.
func TestPackedLevels(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			ctx := testdb.System()
			dsn := testdb.DSN(t, engine)
			db, raw := testdb.OpenDSN(t, dsn), testdb.Raw(t, dsn)
			a, pos, emps := competencyFixture(t, db)
			if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: a.ID, PositionID: pos[0].ID, Requirements: reqs(1, 3, 2, 3, 9, 4)}); err != nil {
				t.Fatal(err)
			}
			emp := emps[0].ID
			old := &competency.Assessment{AgencyID: a.ID, EmployeeID: emp, Date: merit.MustDate("2021-06-01"), Body: "BKN", Potential: 60,
				Levels: lvls(9, 2, 1, 3, 2, 2)} // out of order: packed by competency
			newer := &competency.Assessment{AgencyID: a.ID, EmployeeID: emp, Date: merit.MustDate("2024-03-01"), Body: "BKN", Potential: 70,
				Levels: lvls(1, 4, 2, 5)}
			for _, x := range []*competency.Assessment{old, newer} {
				if err := db.CreateAssessment(ctx, x); err != nil {
					t.Fatal(err)
				}
			}
			wantPacked(t, raw, a.ID)
			var packed string
			if err := raw.QueryRow(`SELECT packed_levels FROM assessment WHERE agency_id = $1 AND id = $2`, a.ID, old.ID).Scan(&packed); err != nil || packed != "11,18,74" {
				t.Errorf("packed levels of %v: %q, %v; want 11,18,74", old.Levels, packed, err)
			}
			if got := streamed(t, db, a.ID)[emp]; got != "[4 5 0]" {
				t.Errorf("stream after create: %s, want [4 5 0]", got)
			}

			newer.Levels = lvls(9, 5, 1, 1)
			if err := db.UpdateAssessment(ctx, newer); err != nil {
				t.Fatal(err)
			}
			wantPacked(t, raw, a.ID)
			if got := streamed(t, db, a.ID)[emp]; got != "[1 0 5]" {
				t.Errorf("stream after update: %s, want [1 0 5]", got)
			}
			if err := db.DeleteAssessment(ctx, a.ID, newer.ID); err != nil {
				t.Fatal(err)
			}
			wantPacked(t, raw, a.ID)
			if got := streamed(t, db, a.ID)[emp]; got != "[3 2 2]" {
				t.Errorf("stream after deleting the newest: %s, want the previous [3 2 2]", got)
			}

			// 700 employees: one assessment each in the batch, every fifth a
			// second one (newer for some, older for others), every
			// seventh one assessed before the batch (newer or older than
			// the batch's).
			var ids []int64
			if err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
				for seq := 100; seq < 800; seq++ {
					e := testdb.Employee(a.ID, seq)
					e.UnitID, e.PositionID = emps[0].UnitID, pos[seq%2].ID
					if _, err := b.Upsert(ctx, e); err != nil {
						return err
					}
					ids = append(ids, e.ID)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for i, id := range ids {
				if i%7 != 0 {
					continue
				}
				d := []string{"2019-01-01", "2025-01-01"}[i%2]
				if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: a.ID, EmployeeID: id, Date: merit.MustDate(d), Body: "BKD", Potential: 50,
					Levels: lvls(1, 1, 2, 1)}); err != nil {
					t.Fatal(err)
				}
			}
			n := 0
			if err := db.CompetencyBatch(ctx, a.ID, func(b *sqldb.CompetencyBatch) error {
				for i, id := range ids {
					dates := []string{"2023-05-01"}
					if i%5 == 0 {
						dates = append(dates, []string{"2022-01-01", "2024-01-01"}[i%2])
					}
					for k, d := range dates {
						c := int64(i+k) % 5
						x := &competency.Assessment{EmployeeID: id, Date: merit.MustDate(d), Body: "UPT", Potential: 65,
							Levels: lvls(9, 1+c, 1, 1+(c+1)%5, 4, 1+(c+2)%5, 2, 5, 7, 1+(c+3)%5, 3, 2, 5, 3, 6, 4, 8, 1)}
						if err := b.Assessment(ctx, x); err != nil {
							return err
						}
						n++
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if got, want := wantPacked(t, raw, a.ID), n+1+100; got != want || n < 800 {
				t.Errorf("%d assessments stored, want %d (%d from the batch)", got, want, n)
			}
			var current int
			if err := raw.QueryRow(`SELECT count(*) FROM assessment WHERE agency_id = $1 AND current`, a.ID).Scan(&current); err != nil || current != 701 {
				t.Errorf("%d current assessments, %v; want 701", current, err)
			}
		})
	}
}

// TestPackedLevelsBackfill: migration 00020 fills packed_levels of the
// assessments written before it (levels in any order, none at all), and
// its Down removes the column and index. The later migrations go down and up
// with it.
func TestPackedLevelsBackfill(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			ctx := testdb.System()
			dsn := testdb.DSN(t, engine)
			db, raw := testdb.OpenDSN(t, dsn), testdb.Raw(t, dsn)
			a, _, emps := competencyFixture(t, db)
			for i, e := range emps {
				if err := db.CreateAssessment(ctx, &competency.Assessment{AgencyID: a.ID, EmployeeID: e.ID, Date: merit.MustDate("2024-03-01"),
					Body: "BKN", Potential: 70, Levels: lvls(9, 1+int64(i), 3, 2, 1, 5)}); err != nil {
					t.Fatal(err)
				}
			}
			// Down to the version before 00020, past the later migrations.
			down := 0
			for {
				if err := db.MigrateDown(ctx); err != nil {
					t.Fatal(err)
				}
				down++
				if _, err := raw.Exec(`SELECT packed_levels FROM assessment`); err != nil {
					break
				}
				if down == 5 {
					t.Fatal("packed_levels still there after five migrations down")
				}
			}
			// Written by a server before 00020: no packed_levels column; one
			// result without levels.
			if _, err := raw.Exec(`INSERT INTO assessment (agency_id, id, employee_id, assessed_on, body, potential, created_at)
				VALUES ($1, 999999, $2, '2020-01-01', 'BKN', 50, '2020-01-02 00:00:00')`, a.ID, emps[0].ID); err != nil {
				t.Fatal(err)
			}
			if n, err := db.Migrate(ctx); err != nil || n != down {
				t.Fatalf("Migrate = %d, %v; want %d (00020 and the later ones)", n, err, down)
			}
			if n := wantPacked(t, raw, a.ID); n != 4 {
				t.Errorf("%d assessments, want 4", n)
			}
			if got := streamed(t, db, a.ID); len(got) != 3 {
				t.Errorf("stream after the backfill: %v, want 3 employees", got)
			}
		})
	}
}

// BenchmarkAssessedProfile reads the current assessments of 5,000 of an
// agency's 20,000 employees (9 levels each) with their positions and units:
// "subquery" with the query EachAssessedProfile ran before migration 00020
// (the levels aggregated from assessment_level by a correlated subquery,
// kept here only as the baseline), "packed" with today's (packed_levels
// from the partial index), both in one goroutine over the whole agency and
// parsing the levels; "stream" is EachAssessedProfile itself (parallel
// ranges, the standards, the profiles). The setup logs how long the
// competency batch writing the assessments took, and the packed read's plan.
func BenchmarkAssessedProfile(b *testing.B) {
	for _, engine := range testdb.Engines {
		b.Run(engine, func(b *testing.B) {
			ctx := testdb.System()
			dsn := testdb.DSN(b, engine)
			db, raw := testdb.OpenDSN(b, dsn), testdb.Raw(b, dsn)
			a, root := testdb.Agency(b, db, "kota-jpm")
			var pos []int64
			for i, jenis := range []string{"ADMINISTRATOR", "PELAKSANA"} {
				p := &merit.Position{AgencyID: a.ID, UnitID: root.ID, Name: fmt.Sprint("Jabatan ", i), Jenis: jenis}
				if err := db.CreatePosition(ctx, p); err != nil {
					b.Fatal(err)
				}
				if err := db.SaveStandard(ctx, &competency.Standard{AgencyID: a.ID, PositionID: p.ID,
					Requirements: reqs(1, 3, 2, 3, 3, 3, 4, 2, 5, 2, 6, 3, 7, 3, 8, 2, 9, 3)}); err != nil {
					b.Fatal(err)
				}
				pos = append(pos, p.ID)
			}
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			const employees = 20000
			for i := range employees {
				if _, err := tx.Exec(`INSERT INTO employee (agency_id, id, nip, name, name_search, birth_date, sex, religion, status, golongan,
					unit_id, position_id, education, updated_at)
					VALUES ($1, $2, $3, $4, $4, '1985-03-10', 'M', 'ISLAM', 'PNS', 'III/c', $5, $6, 'S1', '2024-01-01 00:00:00')`,
					a.ID, 1_000_000+i, fmt.Sprintf("19850310201001%04d", i), fmt.Sprint("pegawai ", i), root.ID, pos[i%2]); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if err := db.CompetencyBatch(ctx, a.ID, func(cb *sqldb.CompetencyBatch) error {
				for i := 0; i < employees; i += 4 {
					x := &competency.Assessment{EmployeeID: 1_000_000 + int64(i), Date: merit.MustDate("2024-03-01"), Body: "UPT", Potential: 60}
					for id := int64(1); id <= 9; id++ {
						x.Levels = append(x.Levels, competency.Level{CompetencyID: id, Level: uint8(1 + (i+int(id))%5)})
					}
					if err := cb.Assessment(ctx, x); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			b.Logf("competency batch of %d assessments: %v", employees/4, time.Since(start).Round(time.Millisecond))
			if err := db.Optimize(ctx); err != nil {
				b.Fatal(err)
			}
			agg := "group_concat(l.competency_id * 8 + l.level)"
			if engine == sqldb.Postgres {
				agg = "string_agg(CAST(l.competency_id * 8 + l.level AS TEXT), ',')"
			}
			const query = `SELECT a.employee_id, COALESCE(e.position_id, 0), COALESCE(e.unit_id, 0), %s
				FROM assessment a JOIN employee e ON e.agency_id = a.agency_id AND e.id = a.employee_id
				WHERE a.agency_id = $1 AND a.current AND a.employee_id >= $2 AND a.employee_id < $3 ORDER BY a.employee_id`
			texts := map[string]string{
				"subquery": fmt.Sprintf(query, `COALESCE((SELECT `+agg+` FROM assessment_level l WHERE l.agency_id = a.agency_id AND l.assessment_id = a.id), '')`),
				"packed":   fmt.Sprintf(query, "a.packed_levels"),
			}
			explain := "EXPLAIN QUERY PLAN "
			if engine == sqldb.Postgres {
				explain = "EXPLAIN "
			}
			plan, err := raw.Query(explain+texts["packed"], a.ID, 0, 1<<62)
			if err != nil {
				b.Fatal(err)
			}
			var lines []string
			for plan.Next() {
				cols, _ := plan.Columns()
				vals := make([]any, len(cols))
				for i := range vals {
					vals[i] = new(any)
				}
				if err := plan.Scan(vals...); err != nil {
					b.Fatal(err)
				}
				lines = append(lines, fmt.Sprint(*vals[len(vals)-1].(*any)))
			}
			plan.Close()
			b.Logf("plan of the packed read:\n%s", strings.Join(lines, "\n"))
			for _, name := range []string{"subquery", "packed"} {
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						rows, err := raw.Query(texts[name], a.ID, 0, 1<<62)
						if err != nil {
							b.Fatal(err)
						}
						n, sum := 0, int64(0)
						for rows.Next() {
							var emp, position, unit int64
							var levels sql.RawBytes
							if err := rows.Scan(&emp, &position, &unit, &levels); err != nil {
								b.Fatal(err)
							}
							for f := range strings.SplitSeq(string(levels), ",") {
								v, err := strconv.ParseInt(f, 10, 64)
								if err != nil {
									b.Fatal(err)
								}
								sum += v
							}
							n++
						}
						if err := rows.Err(); err != nil || n != employees/4 || sum == 0 {
							b.Fatalf("%d assessments read, %v", n, err)
						}
						rows.Close()
					}
				})
			}
			b.Run("stream", func(b *testing.B) {
				for b.Loop() {
					var n atomic.Int64
					if err := db.EachAssessedProfile(ctx, a.ID, func(*sqldb.CompetencyProfile) error { n.Add(1); return nil }); err != nil || n.Load() != employees/4 {
						b.Fatalf("%d profiles, %v", n.Load(), err)
					}
				}
			})
		})
	}
}
