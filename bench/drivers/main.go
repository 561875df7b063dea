// Command drivers measures the three maintained Go SQLite drivers on Merit's
// own workload, so the choice of driver rests on our figures: the raw insert
// of the benchmark CSV into the employee table (one prepared INSERT, one
// transaction) and the employee list query of package sqldb (page + count)
// on one agency, with 8 readers. It is a separate module so the product
// does not depend on the drivers it is compared with (mattn needs cgo).
//
//	go run . -csv /tmp/employees.csv -schema ../../sqldb/migrations/00001_registry.sql
package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"merit"
	"merit/sqldb"
)

// driver is the one driver this binary measures, chosen by a build tag
// (modernc, mattn or ncruces): two of them register the same driver name, so
// they cannot share a binary. scripts/bench.sh builds all three.
var driver struct{ name, driver, dsn string }

func main() {
	csvPath := flag.String("csv", "", "CSV written by bench gen-csv")
	schema := flag.String("schema", "../../sqldb/migrations/00001_registry.sql", "migration whose Up part creates the tables")
	rows := flag.Int("rows", 0, "insert at most this many rows (0 = all)")
	flag.Parse()
	up, err := upSQL(*schema)
	if err != nil {
		fail(err)
	}
	dir, _ := os.MkdirTemp("", "merit-drivers")
	defer os.RemoveAll(dir)
	d := driver
	{
		path := filepath.Join(dir, "drivers.db")
		db, err := sql.Open(d.driver, fmt.Sprintf(d.dsn, path))
		if err != nil {
			fail(err)
		}
		db.SetMaxOpenConns(8)
		if _, err := db.Exec(up); err != nil {
			fail(fmt.Errorf("%s schema: %w", d.name, err))
		}
		db.Exec(`INSERT INTO agency (id, code, name, kind, created_at) VALUES (1, 'x', 'x', 'KOTA', '2026-01-01 00:00:00')`)
		n, secs, err := insert(db, *csvPath, *rows)
		if err != nil {
			fail(fmt.Errorf("%s insert: %w", d.name, err))
		}
		qps, err := list(db)
		if err != nil {
			fail(fmt.Errorf("%s list: %w", d.name, err))
		}
		fmt.Printf("%s\tinsert rows=%d\trows/s=%.0f\tlist queries/s=%.0f\n", d.name, n, float64(n)/secs, qps)
		db.Close()
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "drivers:", err)
	os.Exit(1)
}

// upSQL returns the statements between "-- +goose Up" and "-- +goose Down".
func upSQL(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := string(b)
	i, j := strings.Index(s, "-- +goose Up"), strings.Index(s, "-- +goose Down")
	if i < 0 || j < i {
		return "", fmt.Errorf("%s: no goose Up/Down markers", path)
	}
	return s[i:j], nil
}

func insert(db *sql.DB, path string, limit int) (int, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return 0, 0, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	start := time.Now()
	tx, err := db.Begin()
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(sqldb.InsertEmployeeSQL)
	if err != nil {
		return 0, 0, err
	}
	n := 0
	for limit == 0 || n < limit {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, 0, err
		}
		n++
		get := func(c string) any {
			if s := rec[col[c]]; s != "" {
				return s
			}
			return nil
		}
		if _, err := stmt.Exec(1, n, get("nipBaru"), get("nama"), strings.ToLower(rec[col["nama"]]), "", "", get("tempatLahir"),
			get("tglLahir"), get("jenisKelamin"), get("agama"), get("statusPegawai"), get("tmtCpns"), get("golRuangAkhir"),
			get("tmtGolAkhir"), nil, nil, get("tmtJabatan"), get("pendidikanTerakhir"), "", "", "2026-01-01 00:00:00", "", ""); err != nil {
			return n, 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return n, 0, err
	}
	return n, time.Since(start).Seconds(), nil
}

// list runs the product's list query mix (page + count) for 5 seconds on 8
// goroutines and returns queries per second.
func list(db *sql.DB) (float64, error) {
	queries := []merit.EmployeeFilter{{}, {Query: "budi"}, {Query: "santoso"}, {Query: "1985"}, {Golongan: "III/a"}, {Sort: "birthDate"}, {Offset: 500}}
	var done, failed int64
	var mu sync.Mutex
	var firstErr error
	deadline := time.Now().Add(5 * time.Second)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var n int64
			for i := g; time.Now().Before(deadline); i++ {
				f := queries[i%len(queries)]
				f.AgencyID = 1
				f.Normalize()
				page, count, args := sqldb.EmployeeListQuery(f)
				rows, err := db.QueryContext(context.Background(), page, args...)
				if err == nil {
					for rows.Next() {
					}
					err = rows.Err()
					rows.Close()
				}
				var total int
				if err == nil {
					err = db.QueryRow(count, args[:len(args)-2]...).Scan(&total)
				}
				if err != nil {
					mu.Lock()
					failed++
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				n++
			}
			mu.Lock()
			done += n
			mu.Unlock()
		}(g)
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	return float64(done) / 5, nil
}
