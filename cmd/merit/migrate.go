package main

import (
	"context"
	"fmt"

	"merit/sqldb"
)

func init() {
	register("migrate", "apply database migrations (up), list them (status) or undo the last (down)", runMigrate)
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "migrate", "[up|status|down]")
	dsn := dbFlag(env, fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch fs.Arg(0) {
	case "", "up":
		n, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: %d migration(s) applied; schema is up to date\n", db, n)
	case "status":
		st, err := db.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		for _, m := range st {
			state := "pending"
			if m.Applied {
				state = "applied"
			}
			fmt.Fprintf(env.Stdout, "%05d  %-8s %s\n", m.Version, state, m.Source)
		}
	case "down":
		if err := db.MigrateDown(ctx); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "rolled back the latest migration")
	default:
		return fmt.Errorf("migrate: unknown action %q (use up, status or down)", fs.Arg(0))
	}
	return nil
}
