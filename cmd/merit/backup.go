package main

import (
	"context"
	"fmt"

	"merit/sqldb"
)

func init() {
	register("backup", "write a consistent copy of a SQLite database, safe while the server runs", runBackup)
}

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "backup", "-o FILE")
	dsn := dbFlag(env, fs)
	out := fs.String("o", "", "file to write the copy to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return fmt.Errorf("backup: -o FILE is required")
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backup of %s written to %s\n", db, *out)
	return nil
}
