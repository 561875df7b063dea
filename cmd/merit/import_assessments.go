package main

import (
	"context"
	"fmt"
	"os"

	"merit"
	"merit/i18n"
	"merit/importer"
)

// importAssessments is `merit import assessments FILE --agency CODE`: the
// assessment results file (see importer.Assessments), with the same report
// and all-or-nothing rule as the employee import.
func importAssessments(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import assessments", "FILE.csv|FILE.xlsx")
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	agency := fs.String("agency", "", "code of the agency the assessed employees belong to (required)")
	dryRun := fs.Bool("dry-run", false, "validate and count everything, store nothing")
	skip := fs.Bool("skip-invalid", false, "store the valid rows even when some rows are rejected (default: store nothing then)")
	rejects := fs.String("rejects", "", "write the rejected rows' errors (row, column, value, reason) to this CSV file")
	files, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("import assessments: give exactly one file")
	}
	format, err := importer.FormatOf(files[0])
	if err != nil {
		return err
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	a, err := agencyByCode(ctx, db, *agency)
	if err != nil {
		return err
	}
	rep, err := importer.Assessments(ctx, db, f, importer.Options{AgencyID: a.ID, Format: format, DryRun: *dryRun, SkipInvalid: *skip})
	if err != nil {
		return err
	}
	printReport(env, *lang, rep, *dryRun)
	if *rejects != "" {
		if err := writeFile(*rejects, func(w *os.File) error { return importer.WriteRejects(w, rep, *lang) }); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, i18n.T(*lang, "import.cli.rejects_written", *rejects))
	}
	if len(rep.Errors) > 0 {
		return merit.Errorf(merit.KindInvalid, "import", "import.rows_rejected")
	}
	return nil
}
