package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"merit"
	"merit/i18n"
	"merit/importer"
	"merit/sqldb"
)

// importFile runs one `merit import KIND FILE --agency CODE`: the flags,
// opening the file and the database as the system, the progress bar, the
// report, --rejects, and a failing exit status when rows were rejected. run
// imports the file (size bytes; it may report progress through opts).
func importFile(ctx context.Context, env *Env, kind, whose string, args []string,
	run func(ctx context.Context, db *sqldb.DB, r io.Reader, size int64, opts importer.Options) (*importer.Report, error)) error {
	fs := flags(env, "import "+kind, "FILE.csv|FILE.xlsx")
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	agency := fs.String("agency", "", "code of the agency "+whose+" belong to (required)")
	dryRun := fs.Bool("dry-run", false, "validate and count everything, store nothing")
	skip := fs.Bool("skip-invalid", false, "store the valid rows even when some rows are rejected (default: store nothing then)")
	rejects := fs.String("rejects", "", "write the rejected rows' errors (row, column, value, reason) to this CSV file")
	files, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("import %s: give exactly one file", kind)
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
	st, err := f.Stat()
	if err != nil {
		return err
	}
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
	bar := newProgress(env, *lang)
	rep, err := run(ctx, db, f, st.Size(), importer.Options{
		AgencyID: a.ID, Format: format, DryRun: *dryRun, SkipInvalid: *skip, Progress: bar.update})
	bar.finish()
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
