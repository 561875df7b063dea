package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"merit"
	"merit/competency"
	"merit/demo"
	"merit/ipasn"
	"merit/performance"
	"merit/sqldb"
)

// benchAgency is the code of the agency the IP ASN benchmark fills.
const benchAgency = "bench-ipasn"

// ipasnBench measures recomputing IP ASN and JPM for every employee of a
// generated agency, reading from the database included, beside a plain
// in-memory loop over the same rows. The agency (n people of the demo
// generator with their riwayat, the annual SKP of the year before, standards
// and assessments) is written once and reused while the marker file says it
// is complete.
func ipasnBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ipasn", flag.ExitOnError)
	dir := fs.String("dir", "bench/.cache", "directory of the cached SQLite database and the ready markers")
	dsn := fs.String("db", "", "database (default: sqlite:DIR/ipasn-N.db)")
	n := fs.Int("n", 1_000_000, "employees")
	seed := fs.Int64("seed", 1, "generator seed")
	todayFlag := fs.String("today", "2026-11-01", "the generator's today and the measurement date")
	changes := fs.Int("changes", 1000, "employees given a new seminar before the incremental run")
	label := fs.String("label", "", "label of the output lines (default: the engine)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the steady-state recomputes to this file")
	server := fs.Int("serverpid", 0, "PID of the database server's main process (PostgreSQL's postmaster): its CPU time and its children's is printed beside each figure; use a server no one else uses")
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
	line := func(what string, d, cpu, serverCPU time.Duration, r *sqldb.IPASNRecompute, jpm int) {
		srv := ""
		if *server != 0 {
			srv = fmt.Sprintf("\tserver_cpu=%.2f", serverCPU.Seconds())
		}
		fmt.Printf("%s\t%s\tseconds=%.2f\tcpu=%.2f%s\temployees=%d\trefreshed=%d\tfull=%t\tchanged=%d\tjpm=%d\trefresh=%.2f\tscore=%.2f\twrite=%.2f\tload=%s\n",
			*label, what, d.Seconds(), cpu.Seconds(), srv, r.Employees, r.Refreshed, r.Full, r.Changed, jpm, r.Refresh.Seconds(), r.Score.Seconds(),
			r.Write.Seconds(), loadAverage())
	}
	run := func(what string, on merit.Date) error {
		started, cpu, srv := time.Now(), cpuTime(), processTreeCPU(*server)
		r, jpm, err := recomputeBoth(ctx, db, a.ID, on)
		if err != nil {
			return err
		}
		line(what, time.Since(started), cpuTime()-cpu, processTreeCPU(*server)-srv, r, jpm)
		return nil
	}
	// The first run after the setup re-reads every input and writes every
	// score; then the steady state; then after a few registry changes.
	if err := run("recompute-first", today); err != nil {
		return err
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
	}
	for i := range 3 {
		if err := run(fmt.Sprintf("recompute-%d", i+1), today); err != nil {
			return err
		}
	}
	pprof.StopCPUProfile()
	if err := addSeminars(ctx, db, a.ID, *changes, *n, today); err != nil {
		return err
	}
	if err := run(fmt.Sprintf("recompute-after-%d-changes", *changes), today); err != nil {
		return err
	}
	return baseline(ctx, db, a.ID, today, *label)
}

// markerName names the database in the marker file: the SQLite file's base
// name or the PostgreSQL database.
func markerName(db *sqldb.DB) string {
	if db.Path() != "" {
		return "sqlite"
	}
	s := db.String()
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	s, _, _ = strings.Cut(s, "?")
	return "postgres-" + s
}

// recomputeBoth recomputes IP ASN (stored where changed) and JPM (computed
// against the current position, counted by category, not stored: JPM is
// computed when read) at the same time, as the recompute command would.
func recomputeBoth(ctx context.Context, db *sqldb.DB, agencyID int64, on merit.Date) (*sqldb.IPASNRecompute, int, error) {
	type jpmDone struct {
		n   int
		err error
	}
	ch := make(chan jpmDone, 1)
	go func() {
		n, err := recomputeJPM(ctx, db, agencyID)
		ch <- jpmDone{n, err}
	}()
	r, err := db.RecomputeIPASN(ctx, agencyID, ipasn.Current, on, nil)
	j := <-ch
	if err == nil {
		err = j.err
	}
	return r, j.n, err
}

// recomputeJPM matches every assessed employee against the standard of his
// position with the agency's rule and returns how many have a JPM (the
// never assessed have none).
func recomputeJPM(ctx context.Context, db *sqldb.DB, agencyID int64) (int, error) {
	rule, err := db.JPMRule(ctx, agencyID)
	if err != nil {
		return 0, err
	}
	var n atomic.Int64
	err = db.EachAssessedProfile(ctx, agencyID, func(p *sqldb.CompetencyProfile) error {
		if rule.Match(p.Required, p.Actual).Percent >= 0 {
			n.Add(1)
		}
		return nil
	})
	return int(n.Load()), err
}

// baseline loads the same rows into memory (not timed) and times a plain
// single-goroutine loop computing IP ASN (with the fingerprint compare) and
// JPM over them.
func baseline(ctx context.Context, db *sqldb.DB, agencyID int64, on merit.Date, label string) error {
	type row struct {
		id   int64
		in   ipasn.Input
		hash int64
	}
	var rows []row
	err := db.EachIPASNInput(ctx, agencyID, func(id int64, in *ipasn.Input, hash int64) error {
		c := *in
		c.Diklat, c.Hukdis, c.SKP = slices.Clone(in.Diklat), slices.Clone(in.Hukdis), slices.Clone(in.SKP)
		rows = append(rows, row{id, c, hash})
		return nil
	})
	if err != nil {
		return err
	}
	type profile struct{ required, actual []uint8 }
	var profiles []profile
	var mu sync.Mutex
	err = db.EachAssessedProfile(ctx, agencyID, func(p *sqldb.CompetencyProfile) error {
		mu.Lock()
		profiles = append(profiles, profile{p.Required, append([]uint8(nil), p.Actual...)})
		mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	rule, err := db.JPMRule(ctx, agencyID)
	if err != nil {
		return err
	}
	runtime.GC()
	started, cpu := time.Now(), cpuTime()
	changed, matched := 0, 0
	var r ipasn.Result
	for i := range rows {
		ipasn.Current.ComputeInto(&r, &rows[i].in, on)
		if r.Fingerprint() != rows[i].hash {
			changed++
		}
	}
	for _, p := range profiles {
		if rule.Match(p.required, p.actual).Percent > 0 {
			matched++
		}
	}
	fmt.Printf("%s\tin-memory-loop\tseconds=%.2f\tcpu=%.2f\temployees=%d\tchanged=%d\tjpm=%d\tload=%s\n", label,
		time.Since(started).Seconds(), (cpuTime() - cpu).Seconds(), len(rows), changed, len(profiles), loadAverage())
	return nil
}

// hash01 is a deterministic number in [0, 1) from a key, so the benchmark
// data does not depend on map order or time.
func hash01(key string) float64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return float64(h.Sum64()>>11) / (1 << 53)
}

// benchPerson is what the setup keeps of each person written.
type benchPerson struct {
	id         int64
	nip, jenis string
	posID      int64
}

// ipasnSetup writes the benchmark agency: n people of the demo generator
// with their riwayat through the bulk writer, the annual SKP of the year
// before today for each through the SKP batch, a standard for every
// position and an assessment for a quarter of the employees.
func ipasnSetup(ctx context.Context, db *sqldb.DB, n int, seed int64, today merit.Date) (*merit.Agency, error) {
	if _, err := db.FindAgencyByCode(ctx, benchAgency); err == nil {
		return nil, fmt.Errorf("agency %s exists but is incomplete (no ready marker): use an empty database", benchAgency)
	}
	started := time.Now()
	a := &merit.Agency{Code: benchAgency, Name: "Benchmark IP ASN", Kind: "KOTA"}
	if err := db.CreateAgency(ctx, a); err != nil {
		return nil, err
	}
	var people []benchPerson
	err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
		// The riwayat of a thousand employees go in one AddHistories call
		// (about 16,000 rows, INSERTs of 500 rows each).
		var hist []merit.HistoryEntry
		i := 0
		for p := range demo.Employees(seed, n, today) {
			e := p.Employee
			var err error
			if e.UnitID, err = b.Unit(ctx, p.ParentUnit, p.UnitName); err != nil {
				return err
			}
			pos := &merit.Position{UnitID: e.UnitID, Name: p.PositionName, Jenis: p.Jenis, Jenjang: p.Jenjang,
				KelasJabatan: p.KelasJabatan, Critical: p.Critical}
			if e.PositionID, err = b.Position(ctx, pos); err != nil {
				return err
			}
			if _, err := b.Upsert(ctx, &e); err != nil {
				return err
			}
			for j := range p.History {
				p.History[j].EmployeeID = e.ID
			}
			hist = append(hist, p.History...)
			people = append(people, benchPerson{e.ID, e.NIP, p.Jenis, e.PositionID})
			if i++; i%1000 == 0 {
				if err := b.AddHistories(ctx, hist); err != nil {
					return err
				}
				hist = hist[:0]
			}
			if i%100000 == 0 {
				fmt.Fprintf(os.Stderr, "setup: %d employees written (%.0f s)\n", i, time.Since(started).Seconds())
			}
		}
		return b.AddHistories(ctx, hist)
	})
	if err != nil {
		return nil, err
	}
	predikats := []performance.Rating{performance.Above, performance.AsExp, performance.AsExp, performance.AsExp, performance.Below}
	err = db.SKPBatch(ctx, a.ID, func(b *sqldb.SKPBatch) error {
		for i, p := range people {
			h, v := predikats[int(hash01(p.nip+"h")*5)], predikats[int(hash01(p.nip+"p")*5)]
			s := &performance.SKP{AgencyID: a.ID, EmployeeID: p.id, Year: today.Year() - 1, HasilKerja: h, Perilaku: v,
				Source: performance.SourceDemo}
			if _, err := b.Save(ctx, s); err != nil {
				return err
			}
			if (i+1)%100000 == 0 {
				fmt.Fprintf(os.Stderr, "setup: %d SKP written (%.0f s)\n", i+1, time.Since(started).Seconds())
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, benchCompetency(ctx, db, a.ID, people, today)
}

// benchCompetency gives every position held a standard in the national
// managerial and socio-cultural competencies (IDs 1–9) and a quarter of the
// employees an assessment, in one competency batch.
func benchCompetency(ctx context.Context, db *sqldb.DB, agencyID int64, people []benchPerson, today merit.Date) error {
	standards, assessments := 0, 0
	err := db.CompetencyBatch(ctx, agencyID, func(b *sqldb.CompetencyBatch) error {
		seen := map[int64]bool{}
		for _, p := range people {
			if seen[p.posID] {
				continue
			}
			seen[p.posID] = true
			level := uint8(2)
			if ipasn.GroupOf(p.jenis) == ipasn.Managerial {
				level = 3
			}
			s := &competency.Standard{PositionID: p.posID}
			for id := int64(1); id <= 9; id++ {
				s.Requirements = append(s.Requirements, competency.Requirement{CompetencyID: id, Level: level})
			}
			if err := b.Standard(ctx, s); err != nil {
				return err
			}
			standards++
		}
		for _, p := range people {
			if hash01(p.nip+"a") >= 0.25 {
				continue
			}
			x := &competency.Assessment{EmployeeID: p.id, Date: merit.NewDate(today.Year()-1, 3, 1),
				Body: "UPT Penilaian Kompetensi BKD Provinsi Jawa Tengah", Potential: 60}
			for id := int64(1); id <= 9; id++ {
				x.Levels = append(x.Levels, competency.Level{CompetencyID: id, Level: uint8(1 + hash01(fmt.Sprint(p.nip, id))*4)})
			}
			if err := b.Assessment(ctx, x); err != nil {
				return err
			}
			assessments++
		}
		return nil
	})
	fmt.Fprintf(os.Stderr, "setup: %d standards and %d assessments written\n", standards, assessments)
	return err
}

// addSeminars gives k employees a new seminar through the registry's
// ordinary write (one transaction each, audited), so the next recompute
// re-reads exactly those inputs. Each run picks other employees (by the
// clock), since a second seminar on the same day changes no one's score.
func addSeminars(ctx context.Context, db *sqldb.DB, agencyID int64, k, n int, today merit.Date) error {
	offset := int(time.Now().UnixNano()/1e6*7919) % max(n-k, 1)
	list, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: agencyID, Limit: k, Offset: offset})
	if err != nil {
		return err
	}
	for _, e := range list {
		h := &merit.HistoryEntry{AgencyID: agencyID, EmployeeID: e.ID, Kind: merit.HistDiklat, Ref: "SEMINAR",
			Title: "Seminar Benchmark", Hours: 4, Start: today, End: today}
		if err := db.CreateHistory(ctx, h); err != nil {
			return err
		}
	}
	return nil
}

// cpuTime is the process's user and system CPU time so far: on a machine
// shared with other work the wall time says little, the CPU time what the
// recompute costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// processTreeCPU is the user and system CPU time of process pid, of its
// children that ended (as the kernel adds them to it) and of its living
// children: a PostgreSQL server's postmaster and its backends, whose work a
// recompute causes but the client's CPU time does not show. 0 for pid 0.
func processTreeCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	const tick = time.Second / 100 // USER_HZ
	var total int64
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// After the command in parentheses: state, ppid, ... utime (14th
		// field), stime, cutime, cstime.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) < 15 {
			continue
		}
		n := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
		switch {
		case d.Name() == strconv.Itoa(pid):
			total += n(11) + n(12) + n(13) + n(14)
		case f[1] == strconv.Itoa(pid):
			total += n(11) + n(12)
		}
	}
	return time.Duration(total) * tick
}

// loadAverage is the one-minute load average, printed beside each figure.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

// generatedAgency opens the database of the IP ASN benchmark's generated
// agency of n employees (by default the SQLite file in dir), migrates it, and
// writes the agency once (ipasnSetup); a marker file in dir says it is
// complete, so later runs of any benchmark that shares it reuse it. The
// context it returns acts as the system.
func generatedAgency(ctx context.Context, dir, dsn string, n int, seed int64, today merit.Date) (*sqldb.DB, *merit.Agency, context.Context, error) {
	if dsn == "" {
		dsn = fmt.Sprintf("sqlite:%s/ipasn-%d.db", dir, n)
	}
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx = merit.WithActor(ctx, merit.SystemActor)
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	marker := filepath.Join(dir, fmt.Sprintf("ipasn-%d-%s.ready", n, markerName(db)))
	a, err := db.FindAgencyByCode(ctx, benchAgency)
	if _, statErr := os.Stat(marker); err == nil && statErr == nil {
		return db, a, ctx, nil
	}
	started := time.Now()
	if a, err = ipasnSetup(ctx, db, n, seed, today); err != nil {
		db.Close()
		return nil, nil, nil, fmt.Errorf("setup: %w", err)
	}
	fmt.Printf("%s\tsetup\temployees=%d\tseconds=%.1f\n", db.Engine(), n, time.Since(started).Seconds())
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(marker, []byte(db.String()+"\n"), 0o644)
	}
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, a, ctx, nil
}
