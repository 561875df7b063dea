// Package testdb opens real, migrated databases for tests: a SQLite file in
// the test's temporary directory, and a fresh database on the PostgreSQL
// server named by MERIT_TEST_POSTGRES (scripts/test.sh starts one).
//
// Under CI (CI=true) a missing PostgreSQL fails the test instead of skipping
// it, so a green run always means both engines were tested.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"merit"
	"merit/sqldb"
)

// Engines lists the engines every store test runs on.
var Engines = []string{sqldb.SQLite, sqldb.Postgres}

// DSN returns a DSN for a new, empty database of the engine, dropped when the
// test ends.
func DSN(tb testing.TB, engine string) string {
	tb.Helper()
	switch engine {
	case sqldb.SQLite:
		return "sqlite:" + filepath.Join(tb.TempDir(), "merit.db")
	case sqldb.Postgres:
		admin := os.Getenv("MERIT_TEST_POSTGRES")
		if admin == "" {
			if os.Getenv("CI") == "true" {
				tb.Fatal("MERIT_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
			}
			tb.Skip("MERIT_TEST_POSTGRES not set; scripts/test.sh starts a PostgreSQL server for these tests")
		}
		return createDatabase(tb, admin)
	}
	tb.Fatalf("unknown engine %q", engine)
	return ""
}

func createDatabase(tb testing.TB, admin string) string {
	tb.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := adm.Exec("CREATE DATABASE " + name); err != nil {
		adm.Close()
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		adm.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		adm.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated database of the engine, closed when the test ends.
func Open(tb testing.TB, engine string) *sqldb.DB {
	tb.Helper()
	return OpenDSN(tb, DSN(tb, engine))
}

// OpenDSN returns the migrated database of a DSN from DSN, closed when the
// test ends.
func OpenDSN(tb testing.TB, dsn string) *sqldb.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

// Raw opens a plain database/sql connection to the database of a DSN from
// DSN, closed when the test ends: for tests that must change rows behind
// sqldb's back, such as the audit trail's tamper tests.
func Raw(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	driver, name := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, name = "sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// Run runs f as a subtest once per engine.
func Run(t *testing.T, f func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, engine := range Engines {
		t.Run(engine, func(t *testing.T) { f(t, Open(t, engine)) })
	}
}

// System returns a context acting as the system (the CLI).
func System() context.Context {
	return merit.WithActor(context.Background(), merit.SystemActor)
}

// Agency creates an agency with a root unit and returns both.
func Agency(tb testing.TB, db *sqldb.DB, code string) (*merit.Agency, *merit.Unit) {
	tb.Helper()
	ctx := System()
	a := &merit.Agency{Code: code, Name: "Pemerintah Kota " + code, Kind: "KOTA"}
	if err := db.CreateAgency(ctx, a); err != nil {
		tb.Fatal(err)
	}
	u := &merit.Unit{AgencyID: a.ID, Name: "Badan Kepegawaian dan Pengembangan SDM"}
	if err := db.CreateUnit(ctx, u); err != nil {
		tb.Fatal(err)
	}
	return a, u
}

// Employee returns a valid PNS employee of the agency with the given NIP
// sequence number (1..999), born 10 March 1985, CPNS January 2010, male.
func Employee(agencyID int64, seq int) *merit.Employee {
	nip := fmt.Sprintf("198503102010011%03d", seq)
	return &merit.Employee{
		AgencyID: agencyID, NIP: nip, Name: fmt.Sprintf("Budi Santoso %03d", seq), GelarBelakang: "S.E.",
		BirthPlace: "Magelang", BirthDate: merit.MustDate("1985-03-10"), Sex: merit.SexMale, Religion: "ISLAM",
		Status: "PNS", TMTCPNS: merit.MustDate("2010-01-01"), Golongan: "III/c", TMTGolongan: merit.MustDate("2018-04-01"),
		Education: "S1",
	}
}
