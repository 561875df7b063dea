package main

import (
	"context"

	"merit/importer"
)

// importSKP is `merit import skp FILE --agency CODE`: SKP results in SIASN
// rw-skp22 style columns (see importer.SKP), with the same report and
// all-or-nothing rule as the employee import.
func importSKP(ctx context.Context, env *Env, args []string) error {
	return importFile(ctx, env, "skp", "the rated employees", args, importer.SKP)
}
