package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

// importEmployees is `merit import employees FILE --agency CODE`: the
// SIASN-style employee file (see importer.Employees) with a progress bar.
func importEmployees(ctx context.Context, env *Env, args []string) error {
	return importFile(ctx, env, "employees", "the employees", args, importer.Employees)
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
