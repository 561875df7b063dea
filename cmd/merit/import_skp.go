package main

import (
	"context"
	"io"

	"merit/importer"
	"merit/sqldb"
)

// importSKP is `merit import skp FILE --agency CODE`: SKP results in SIASN
// rw-skp22 style columns (see importer.SKP), with the same report and
// all-or-nothing rule as the employee import.
func importSKP(ctx context.Context, env *Env, args []string) error {
	return importFile(ctx, env, "skp", "the rated employees", args,
		func(ctx context.Context, db *sqldb.DB, r io.Reader, _ int64, opts importer.Options) (*importer.Report, error) {
			return importer.SKP(ctx, db, r, opts)
		})
}
