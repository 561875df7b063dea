package main

import (
	"context"
	"io"

	"merit/importer"
	"merit/sqldb"
)

// importAssessments is `merit import assessments FILE --agency CODE`: the
// assessment results file (see importer.Assessments), with the same report
// and all-or-nothing rule as the employee import.
func importAssessments(ctx context.Context, env *Env, args []string) error {
	return importFile(ctx, env, "assessments", "the assessed employees", args,
		func(ctx context.Context, db *sqldb.DB, r io.Reader, _ int64, opts importer.Options) (*importer.Report, error) {
			return importer.Assessments(ctx, db, r, opts)
		})
}
