package main

import (
	"context"

	"merit/sqldb"
)

// loadDemoIfEmpty is replaced by the demo generator (placeholder being built).
func loadDemoIfEmpty(ctx context.Context, env *Env, db *sqldb.DB) error { return nil }
