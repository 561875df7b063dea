package main

import (
	"context"

	"merit/importer"
)

// importAssessments is `merit import assessments FILE --agency CODE`: the
// assessment results file (see importer.Assessments), with the same report
// and all-or-nothing rule as the employee import.
func importAssessments(ctx context.Context, env *Env, args []string) error {
	return importFile(ctx, env, "assessments", "the assessed employees", args, importer.Assessments)
}
