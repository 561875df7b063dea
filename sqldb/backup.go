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
	if _, err := db.read.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("sqldb.Backup: %w", err)
	}
	return nil
}
