package main

import (
	"context"
	"fmt"
	"os"

	"merit/i18n"
	"merit/importer"
)

func init() {
	register("export", "export an agency's employees to a CSV or XLSX file that imports back unchanged (employees)", runExport)
}

func runExport(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "employees" {
		return exportEmployees(ctx, env, args[1:])
	}
	fs := flags(env, "export", "employees ...")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Usage()
	return fmt.Errorf("export: name what to export: 'merit export employees --agency CODE -o FILE'")
}

func exportEmployees(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "export employees", "-o FILE")
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	agency := fs.String("agency", "", "code of the agency to export (required)")
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	out := fs.String("o", "", "file to write, e.g. pegawai.xlsx (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := outputFormat(fs, *out, format); err != nil {
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
	if err := writeFile(*out, func(w *os.File) error { return importer.ExportEmployees(ctx, db, a.ID, w, *format) }); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T(*lang, "export.cli.written", *out))
	return nil
}
