// Package sqldb is Merit's one storage layer: hand-written SQL over
// database/sql that runs unchanged on SQLite (modernc.org/sqlite, the embedded
// default) and PostgreSQL (pgx). Both drivers number placeholders $1..$n the
// same way, so every query has a single text.
//
// Every method that touches an agency's rows first asks merit.Authorize with
// the context's actor, so tenant isolation does not depend on callers.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"merit"
)

// Connection pool sizes: SQLite's read pool (its one writer is apart) and
// PostgreSQL's one pool.
const (
	sqliteReaders = 8
	postgresConns = 16
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open Merit database.
type DB struct {
	engine string
	dsn    string // the DSN as given, with any password masked
	path   string // SQLite file path
	write  *sql.DB
	read   *sql.DB // SQLite: a second pool with deferred transactions; PostgreSQL: same as write

	// Now returns the current time; tests replace it.
	Now func() time.Time

	refMu sync.Mutex
	ref   *merit.Reference

	counts countCache
	stmts  stmtCache
	names  nameIndex
	reads  readCache // small lists pages read on every request (list_cache.go)
	rows   rowCache  // employee rows of the list pages (list_rows.go)
	gate   readGate  // first come, first served access to the read pool (gate.go)
}

// Open connects to the database named by dsn: "sqlite:PATH" (the directory is
// created) or "postgres://...". It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		err = db.openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		err = db.openPostgres(dsn)
	default:
		return nil, fmt.Errorf("sqldb.Open: unknown database %q: use sqlite:PATH or postgres://...", dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb.Open: %w", err)
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqldb.Open: %w", err)
	}
	return db, nil
}

// sqlitePragmas are set on every pooled connection through the DSN.
// busy_timeout comes first so that setting WAL mode itself waits for a lock;
// foreign keys are off by default in SQLite and must be enabled per
// connection.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)" +
	"&_pragma=foreign_keys(1)&_time_format=sqlite"

// The writer keeps a 16 MiB page cache, so a bulk import into the employee
// table's indexes stays in memory; readers go through a memory map of the
// file (shared by all of them through the OS page cache) instead of a read
// system call per page. The writer does not map the file: mapped pages that
// a large import touches would count against the process's memory.
const (
	sqliteWritePragmas = "&_pragma=cache_size(-16384)&_txlock=immediate"
	sqliteReadPragmas  = "&_pragma=mmap_size(1073741824)&_pragma=cache_size(-8192)&_pragma=query_only(1)"
)

func (db *DB) openSQLite(path string) error {
	if path == "" {
		return errors.New("empty SQLite path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	db.engine, db.path, db.dsn = SQLite, path, "sqlite:"+path
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
	var err error
	// Writes: one connection and BEGIN IMMEDIATE, so a transaction that reads
	// then writes never fails with SQLITE_BUSY half-way; writers queue in Go.
	if db.write, err = sql.Open("sqlite", base+sqliteWritePragmas); err != nil {
		return err
	}
	db.write.SetMaxOpenConns(1)
	// Reads: many connections with deferred transactions; WAL lets them run
	// beside the writer on a consistent snapshot.
	if db.read, err = sql.Open("sqlite", base+sqliteReadPragmas); err != nil {
		return err
	}
	db.read.SetMaxOpenConns(sqliteReaders)
	db.read.SetMaxIdleConns(sqliteReaders)
	db.gate = newReadGate(sqliteReaders)
	db.read.SetConnMaxLifetime(time.Hour)
	return nil
}

func (db *DB) openPostgres(dsn string) error {
	db.engine = Postgres
	db.dsn = maskPassword(dsn)
	var err error
	if db.write, err = sql.Open("pgx", dsn); err != nil {
		return err
	}
	db.write.SetMaxOpenConns(postgresConns)
	db.write.SetMaxIdleConns(postgresConns)
	db.gate = newReadGate(postgresConns)
	db.write.SetConnMaxLifetime(time.Hour)
	db.read = db.write
	return nil
}

func maskPassword(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Engine returns SQLite or Postgres.
func (db *DB) Engine() string { return db.engine }

// String returns the DSN with any password masked.
func (db *DB) String() string { return db.dsn }

// Path returns the SQLite file path ("" for PostgreSQL).
func (db *DB) Path() string { return db.path }

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return err
	}
	if db.read != db.write {
		return db.read.PingContext(ctx)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var err error
	if db.read != nil && db.read != db.write {
		err = db.read.Close()
	}
	if db.write != nil {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// Tx is a write transaction with one timestamp for everything it does.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

// writeTx runs fn in a write transaction and commits it when fn returns nil.
// On SQLite the transaction is BEGIN IMMEDIATE (see openSQLite). Each call
// counts as a write for the read caches (counts.writes), which then read
// afresh.
func (db *DB) writeTx(ctx context.Context, fn func(*Tx) error) error {
	err := db.sessionTx(ctx, fn)
	db.counts.writes.Add(1)
	return err
}

// sessionTx is writeTx for the bookkeeping of sign-in sessions, which no
// cached read shows: every signed-in user's activity is recorded once a
// minute, and counting it as a write would empty the list and page caches
// that often for everyone.
func (db *DB) sessionTx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{Tx: sqlTx, db: db, now: db.Now().UTC().Truncate(time.Microsecond)}
	defer sqlTx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// nextIDs reserves n consecutive IDs of the named sequence and returns the
// first. The same UPDATE ... RETURNING runs on both engines. On PostgreSQL it
// runs outside tx, like a real sequence, so concurrent writers do not queue
// on the counter row until commit; gaps after a rollback are harmless. On
// SQLite there is only one writer, so it runs inside tx and rolls back with it.
func (tx *Tx) nextIDs(ctx context.Context, name string, n int) (int64, error) {
	const q = `UPDATE id_sequence SET next_id = next_id + $2 WHERE name = $1 RETURNING next_id`
	var run func(ctx context.Context, query string, args ...any) *sql.Row = tx.QueryRowContext
	var exec func(ctx context.Context, query string, args ...any) (sql.Result, error) = tx.ExecContext
	if tx.db.engine == Postgres {
		run, exec = tx.db.write.QueryRowContext, tx.db.write.ExecContext
	}
	var next int64
	err := run(ctx, q, name, n).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = exec(ctx, `INSERT INTO id_sequence (name, next_id) VALUES ($1, 1) ON CONFLICT (name) DO NOTHING`, name); err != nil {
			return 0, fmt.Errorf("nextIDs(%s): %w", name, err)
		}
		err = run(ctx, q, name, n).Scan(&next)
	}
	if err != nil {
		return 0, fmt.Errorf("nextIDs(%s): %w", name, err)
	}
	return next - int64(n), nil
}

// nextID reserves one ID of the named sequence.
func (tx *Tx) nextID(ctx context.Context, name string) (int64, error) {
	return tx.nextIDs(ctx, name, 1)
}

// translate turns driver errors into domain errors: a unique violation is a
// conflict, a foreign-key violation an invalid reference, and sql.ErrNoRows
// not-found. Other errors are wrapped with op and stay internal.
func translate(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*merit.Error](err); ok {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &merit.Error{Kind: merit.KindNotFound, Op: op, Code: "err.not_found", Err: err}
	}
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		switch pe.Code {
		case "23505":
			return &merit.Error{Kind: merit.KindConflict, Op: op, Code: "err.conflict", Err: err}
		case "23503":
			return &merit.Error{Kind: merit.KindInvalid, Op: op, Code: "err.bad_reference", Err: err}
		}
	}
	if se, ok := errors.AsType[*sqlite.Error](err); ok {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &merit.Error{Kind: merit.KindConflict, Op: op, Code: "err.conflict", Err: err}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &merit.Error{Kind: merit.KindInvalid, Op: op, Code: "err.bad_reference", Err: err}
		}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// likePattern escapes s for a LIKE ... ESCAPE '\' match and lower-cases it.
func likePattern(prefix, s, suffix string) string {
	s = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s))
	return prefix + s + suffix
}
