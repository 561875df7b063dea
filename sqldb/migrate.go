package sqldb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

func (db *DB) provider() (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if db.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	// Out-of-order: a database that ran a later migration before an earlier
	// one was added (parallel branches of work) applies the earlier one
	// instead of refusing to start; each migration creates its own tables.
	return goose.NewProvider(dialect, db.write, sub, goose.WithAllowOutofOrder(true))
}

// Migrate applies every pending migration, each in its own transaction, and
// returns how many it applied. The same files serve both engines.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	p, err := db.provider()
	if err != nil {
		return 0, fmt.Errorf("sqldb.Migrate: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("sqldb.Migrate: %w", err)
	}
	db.refMu.Lock()
	db.ref = nil // reference data may have changed
	db.refMu.Unlock()
	if err := db.seedInstruments(ctx); err != nil {
		return len(res), fmt.Errorf("sqldb.Migrate: %w", err)
	}
	return len(res), db.Optimize(ctx)
}

// MigrationStatus is one migration and whether it is applied.
type MigrationStatus struct {
	Version int64
	Source  string
	Applied bool
}

// MigrationStatus lists every migration with its state.
func (db *DB) MigrationStatus(ctx context.Context) ([]MigrationStatus, error) {
	p, err := db.provider()
	if err != nil {
		return nil, fmt.Errorf("sqldb.MigrationStatus: %w", err)
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqldb.MigrationStatus: %w", err)
	}
	out := make([]MigrationStatus, len(st))
	for i, s := range st {
		out[i] = MigrationStatus{Version: s.Source.Version, Source: s.Source.Path, Applied: s.State == goose.StateApplied}
	}
	return out, nil
}

// MigrateDown rolls back the latest migration.
func (db *DB) MigrateDown(ctx context.Context) error {
	p, err := db.provider()
	if err != nil {
		return fmt.Errorf("sqldb.MigrateDown: %w", err)
	}
	if _, err := p.Down(ctx); err != nil {
		return fmt.Errorf("sqldb.MigrateDown: %w", err)
	}
	return nil
}

// UpToDate reports whether every migration is applied; the server refuses to
// start on an old schema.
func (db *DB) UpToDate(ctx context.Context) (bool, error) {
	p, err := db.provider()
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	return !pending, err
}

// Optimize refreshes the query planner's statistics. Without them the
// planner takes the tables for empty and reads a list page by joining in the
// wrong order (measured: 2.4 ms instead of 0.4 ms per page on 20,000
// employees). It runs after migrations at start-up and after large bulk
// writes: on SQLite PRAGMA optimize with a bounded analysis, on PostgreSQL
// ANALYZE of the tables bulk writes fill.
func (db *DB) Optimize(ctx context.Context) error {
	var err error
	if db.engine == SQLite {
		_, err = db.write.ExecContext(ctx, `PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002`)
	} else {
		_, err = db.write.ExecContext(ctx, `ANALYZE unit, position, employee, employee_history`)
	}
	if err != nil {
		return fmt.Errorf("sqldb.Optimize: %w", err)
	}
	return nil
}
