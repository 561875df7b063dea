package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"merit"
	"merit/i18n"
	"merit/importer"
)

func init() {
	register("import", "import employees from a SIASN-style CSV or XLSX file (employees), or write the file template (template)", runImport)
}

// maxPrinted is how many row errors the import prints; --rejects writes all.
const maxPrinted = 100

func runImport(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "employees":
			return importEmployees(ctx, env, args[1:])
		case "template":
			return importTemplate(ctx, env, args[1:])
		case "assessments":
			return importAssessments(ctx, env, args[1:])
		case "skp":
			return importSKP(ctx, env, args[1:])
		}
	}
	fs := flags(env, "import", "employees|template ...")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Usage()
	return fmt.Errorf("import: name what to import: 'merit import employees --agency CODE FILE' or 'merit import template -o FILE'")
}

// parseAll parses flags that may also follow the positional arguments
// ("merit import employees data.csv --dry-run") and returns the positional
// ones.
func parseAll(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func importEmployees(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import employees", "FILE.csv|FILE.xlsx")
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	agency := fs.String("agency", "", "code of the agency the employees belong to (required)")
	dryRun := fs.Bool("dry-run", false, "validate and count everything, store nothing")
	skip := fs.Bool("skip-invalid", false, "store the valid rows even when some rows are rejected (default: store nothing then)")
	rejects := fs.String("rejects", "", "write the rejected rows' errors (row, column, value, reason) to this CSV file")
	files, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("import employees: give exactly one file")
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
	rep, err := importer.Employees(ctx, db, f, st.Size(), importer.Options{
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

// printReport prints the summary, the row errors and what was stored.
func printReport(env *Env, lang string, rep *importer.Report, dryRun bool) {
	n := func(v int) string { return i18n.Number(lang, v) }
	fmt.Fprintln(env.Stdout, i18n.T(lang, "import.summary", n(rep.Rows), n(rep.Inserted), n(rep.Updated), n(rep.Unchanged), n(rep.Rejected)))
	for i, e := range rep.Errors {
		if i == maxPrinted {
			fmt.Fprintln(env.Stdout, i18n.T(lang, "import.cli.more_errors", n(len(rep.Errors)-maxPrinted)))
			break
		}
		fmt.Fprintln(env.Stdout, e.Text(lang))
	}
	switch {
	case rep.Written:
		fmt.Fprintln(env.Stdout, i18n.T(lang, "import.written"))
	case dryRun:
		fmt.Fprintln(env.Stdout, i18n.T(lang, "import.dry_run"))
	default:
		fmt.Fprintln(env.Stdout, i18n.T(lang, "import.not_written"), i18n.T(lang, "import.cli.skip_hint"))
	}
}

func importTemplate(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import template", "-o FILE")
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	out := fs.String("o", "", "file to write, e.g. template-pegawai.xlsx (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := outputFormat(fs, *out, format); err != nil {
		return err
	}
	// The XLSX template's drop-downs list the reference codes in the database.
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ref, err := db.Reference(ctx)
	if err != nil {
		return err
	}
	if err := writeFile(*out, func(w *os.File) error { return importer.Template(w, *format, *lang, ref) }); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T(*lang, "import.cli.template_written", *out))
	return nil
}

// outputFormat checks -o and fills --format from its extension when empty.
func outputFormat(fs *flag.FlagSet, out string, format *string) error {
	if out == "" {
		fs.Usage()
		return fmt.Errorf("%s: -o FILE is required", fs.Name())
	}
	if *format == "" {
		f, err := importer.FormatOf(out)
		if err != nil {
			return err
		}
		*format = f
	}
	*format = strings.ToLower(*format)
	return nil
}

// writeFile writes a file through a temporary file in the same directory,
// renamed into place only when write succeeds, so a failed or interrupted
// export never leaves a half-written file under the requested name.
func writeFile(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
