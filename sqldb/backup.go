package sqldb

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of a SQLite database to path with VACUUM
// INTO, which reads one snapshot while other connections keep writing (WAL),
// and produces a compact file that opens as an ordinary database. PostgreSQL
// is backed up with pg_dump (see README).
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return errors.New("sqldb.Backup: for PostgreSQL use pg_dump (see README, \"Backup\")")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("sqldb.Backup: %s already exists", path)
	}
	// A reader connection, so writers are not held up; query_only is lifted
	// for this one statement because VACUUM INTO writes the new file.
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqldb.Backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return fmt.Errorf("sqldb.Backup: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`)
	if _, err := conn.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("sqldb.Backup: %w", err)
	}
	return nil
}
