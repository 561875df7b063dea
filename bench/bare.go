package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"merit"
	"merit/sqldb"
)

// bare serves GET /employees with a plain net/http handler over plain
// database/sql, running the SQL the product runs (sqldb.EmployeeListQuery:
// the page and the count, every time) and writing the same JSON shape. No
// session, no authorization, no middleware, no cache: the baseline.
func bare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bare", flag.ExitOnError)
	dsn := fs.String("db", "", "database DSN (sqlite:PATH or postgres://...)")
	code := fs.String("agency", "", "agency code")
	addr := fs.String("addr", "127.0.0.1:0", "listen address; the bound address is printed")
	fs.Parse(args)
	db, err := openPlain(*dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var agencyID int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM agency WHERE code = $1`, *code).Scan(&agencyID); err != nil {
		return fmt.Errorf("agency %q: %w", *code, err)
	}
	http.HandleFunc("GET /employees", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		unit, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
		f := merit.EmployeeFilter{AgencyID: agencyID, Query: q.Get("q"), Golongan: q.Get("golongan"), Status: q.Get("status"),
			UnitID: unit, Sort: q.Get("sort"), Desc: q.Get("desc") == "true", Limit: 50, Offset: (page - 1) * 50}
		if err := f.Normalize(); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		pageSQL, countSQL, args := sqldb.EmployeeListQuery(f)
		rows, err := db.QueryContext(r.Context(), pageSQL, args...)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		var items []*merit.Employee
		for rows.Next() {
			e, err := sqldb.ScanEmployee(rows)
			if err != nil {
				rows.Close()
				http.Error(w, err.Error(), 500)
				return
			}
			items = append(items, e)
		}
		rows.Close()
		var total int
		if err := db.QueryRowContext(r.Context(), countSQL, args[:len(args)-2]...).Scan(&total); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"items": items, "total": total, "page": page, "perPage": 50})
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

// openPlain opens a DSN of Merit's form (sqlite:PATH or postgres://...) with
// plain database/sql and a pool of 8, as the bare handlers use it: none of
// sqldb's statement cache, read gate or separate writer.
func openPlain(dsn string) (*sql.DB, error) {
	driver, source := "pgx", dsn
	if p, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, source = "sqlite", "file:"+p+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_time_format=sqlite"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return db, nil
}
