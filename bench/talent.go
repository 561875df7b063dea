package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"merit"
	"merit/performance"
	"merit/sqldb"
	"merit/talent"
)

// talentMapBench measures mapping every employee of the IP ASN benchmark's
// generated agency (the same cached database and setup, ipasnSetup) onto
// the 9-box with the default rule set: reading the inputs from the
// database, then placing them with the explanation (all cores, and one),
// beside a plain in-memory loop over the same inputs that computes only the
// box (no explanation, no rule set as data).
func talentMapBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("talent-map", flag.ExitOnError)
	dir := fs.String("dir", "bench/.cache", "directory of the cached SQLite database and the ready markers")
	dsn := fs.String("db", "", "database (default: sqlite:DIR/ipasn-N.db, shared with bench ipasn)")
	n := fs.Int("n", 1_000_000, "employees")
	seed := fs.Int64("seed", 1, "generator seed")
	todayFlag := fs.String("today", "2026-11-01", "the generator's today and the review date")
	label := fs.String("label", "", "label of the output lines (default: the engine)")
	fs.Parse(args)
	today, err := merit.ParseDate(*todayFlag)
	if err != nil {
		return err
	}
	db, a, ctx, err := generatedAgency(ctx, *dir, *dsn, *n, *seed, today)
	if err != nil {
		return err
	}
	defer db.Close()
	if *label == "" {
		*label = db.Engine()
	}
	rules := talent.Default
	rv := &talent.Review{AgencyID: a.ID, Year: today.Year(), PerformanceYear: today.Year() - 1, ReviewedOn: today}
	started := time.Now()
	inputs, err := db.TalentInputs(ctx, rv, &rules)
	if err != nil {
		return err
	}
	fmt.Printf("%s\ttalent-load-inputs\tseconds=%.2f\temployees=%d\n", *label, time.Since(started).Seconds(), len(inputs))

	runtime.GC()
	started, cpu := time.Now(), cpuTime()
	placements := make([]talent.Placement, len(inputs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(inputs) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(inputs))
		if lo >= hi {
			break
		}
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				rules.PlaceInto(&placements[i], &inputs[i], rv.PerformanceYear, rv.ReviewedOn)
			}
		})
	}
	wg.Wait()
	var boxes [10]int
	for i := range placements {
		boxes[placements[i].Box]++
	}
	fmt.Printf("%s\ttalent-map-parallel\tseconds=%.2f\tcpu=%.2f\tworkers=%d\temployees=%d\tboxes=%v\tload=%s\n", *label,
		time.Since(started).Seconds(), (cpuTime() - cpu).Seconds(), workers, len(inputs), boxes, loadAverage())

	runtime.GC()
	started, cpu = time.Now(), cpuTime()
	var p talent.Placement
	points := 0
	for i := range inputs {
		rules.PlaceInto(&p, &inputs[i], rv.PerformanceYear, rv.ReviewedOn)
		points += len(p.Points)
	}
	fmt.Printf("%s\ttalent-map-one-goroutine\tseconds=%.2f\tcpu=%.2f\temployees=%d\tpoints=%d\tload=%s\n", *label,
		time.Since(started).Seconds(), (cpuTime() - cpu).Seconds(), len(inputs), points, loadAverage())

	runtime.GC()
	started, cpu = time.Now(), cpuTime()
	base := plainBoxes(inputs, rv.PerformanceYear, today)
	fmt.Printf("%s\tin-memory-loop\tseconds=%.2f\tcpu=%.2f\temployees=%d\tboxes=%v\tload=%s\n", *label,
		time.Since(started).Seconds(), (cpuTime() - cpu).Seconds(), len(inputs), base, loadAverage())
	return nil
}

// plainBoxes is the baseline: one goroutine, the default rules written as
// code (latest predikat, 40/40/20 weights, 60/80 thresholds, the
// PermenPANRB numbering), counting boxes without any explanation.
func plainBoxes(inputs []talent.Input, year int, on merit.Date) [10]int {
	numbering := [3][3]int{{1, 3, 6}, {2, 5, 8}, {4, 7, 9}}
	edu := map[string]int64{"S3": 10000, "S2": 9000, "S1": 8000, "D4": 8000, "D3": 6000, "D1": 4000, "D2": 4000, "SMA": 4000, "SD": 2000, "SMP": 2000}
	from := merit.NewDate(on.Year()-3, on.Month(), on.Day())
	level := func(s int64) int {
		switch {
		case s >= 8000:
			return 2
		case s >= 6000:
			return 1
		}
		return 0
	}
	var boxes [10]int
	for i := range inputs {
		in := &inputs[i]
		perf := -1
		for _, yp := range in.Predikat {
			if yp.Year == year {
				switch yp.Predikat {
				case performance.SangatBaik:
					perf = 2
				case performance.Baik:
					perf = 1
				default:
					perf = 0
				}
			}
		}
		if perf < 0 {
			boxes[0]++
			continue
		}
		hours := 0
		for _, t := range in.Training {
			if !t.Done.Before(from) && !on.Before(t.Done) {
				hours += t.Hours
			}
		}
		train := int64(0)
		switch {
		case hours >= 60:
			train = 10000
		case hours >= 40:
			train = 8000
		case hours >= 20:
			train = 6000
		case hours >= 1:
			train = 4000
		}
		years := 0
		if !in.TMTCPNS.IsZero() {
			years = in.TMTCPNS.AgeOn(on)
		}
		exp := int64(4000)
		switch {
		case years >= 20:
			exp = 10000
		case years >= 10:
			exp = 8000
		case years >= 5:
			exp = 6000
		}
		track := (edu[in.Education]*40 + train*30 + exp*30 + 50) / 100
		sum, w := track*20, int64(20)
		if in.Assessed {
			sum, w = sum+int64(in.Assessment)*40, w+40
		}
		if in.HasJPM {
			sum, w = sum+int64(in.JPM)*40, w+40
		}
		boxes[numbering[perf][level((sum+w/2)/w)]]++
	}
	return boxes
}

// talentBare serves GET /talenta with a plain net/http handler over plain
// database/sql, running the SQL the 9-box page runs for its grid
// (sqldb.TalentGridWhere and TalentGridSQL: the count per box, then the
// first eight people of each box) and writing a bare HTML grid. No session,
// authorization, templates or middleware: the baseline of the page.
func talentBare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("talent-bare", flag.ExitOnError)
	dsn := fs.String("db", "", "database DSN (sqlite:PATH or postgres://...)")
	code := fs.String("agency", "", "agency code")
	addr := fs.String("addr", "127.0.0.1:0", "listen address; the bound address is printed")
	fs.Parse(args)
	db, err := openPlain(*dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var agencyID, reviewID int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM agency WHERE code = $1`, *code).Scan(&agencyID); err != nil {
		return fmt.Errorf("agency %q: %w", *code, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT id FROM talent_review WHERE agency_id = $1 ORDER BY year DESC, id DESC LIMIT 1`, agencyID).Scan(&reviewID); err != nil {
		return fmt.Errorf("agency %q has no talent review: %w", *code, err)
	}
	var units []*merit.Unit
	rows, err := db.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0) FROM unit WHERE agency_id = $1`, agencyID)
	if err != nil {
		return err
	}
	for rows.Next() {
		u := &merit.Unit{}
		if err := rows.Scan(&u.ID, &u.ParentID); err != nil {
			return err
		}
		units = append(units, u)
	}
	rows.Close()
	http.HandleFunc("GET /talenta", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		unit, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
		where, args := sqldb.TalentGridWhere(units, agencyID, reviewID, sqldb.TalentFilter{UnitID: unit, Jenis: q.Get("jenis"), Golongan: q.Get("golongan")})
		countSQL, boxSQL := sqldb.TalentGridSQL(where, len(args), 8)
		var counts [10]int
		rows, err := db.QueryContext(r.Context(), countSQL, args...)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		for rows.Next() {
			var box, n int
			if err := rows.Scan(&box, &n); err != nil {
				rows.Close()
				http.Error(w, err.Error(), 500)
				return
			}
			counts[box] = n
		}
		rows.Close()
		var b strings.Builder
		b.WriteString("<!doctype html><title>9-box</title>")
		for box := 9; box >= 0; box-- {
			fmt.Fprintf(&b, "<section><h2>%d: %d</h2><ul>", box, counts[box])
			if counts[box] > 0 {
				rows, err := db.QueryContext(r.Context(), boxSQL, append(args, box)...)
				if err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				for rows.Next() {
					var (
						rid, eid, uid, pid, ps, qs int64
						name, nip, un, pn, j, g    string
						mapped, cal                bool
						pf, pt, bx, fpf, fpt, fbx  int
					)
					if err := rows.Scan(&rid, &eid, &name, &nip, &uid, &un, &pid, &pn, &j, &g, &mapped, &pf, &pt, &bx, &ps, &qs, &fpf, &fpt, &fbx, &cal); err != nil {
						rows.Close()
						http.Error(w, err.Error(), 500)
						return
					}
					fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(name))
				}
				rows.Close()
			}
			b.WriteString("</ul></section>")
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(b.String()))
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	srv := &http.Server{}
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}
