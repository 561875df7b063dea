package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"merit"
	"merit/evaluation"
	"merit/i18n"
	"merit/sqldb"
)

func init() {
	register("evaluation", "merit-system evaluation: export or import an instrument or JPT-index file (platform level), show an agency's score of a year", runEvaluation)
}

const evaluationHelp = `Actions:
  instrument list
      The stored instrument versions (national: the same for every agency), then the versions of the
      JPT index (kasn-jpt), the last of which a new year's JPT index is computed with.
  instrument export --framework kasn-2018 --version 2019.1 FILE|-
      Writes an instrument version as the JSON file the import reads. With --framework kasn-jpt it
      writes a version of the Indeks Kualitas Pengisian JPT (without --version: the current one).
  instrument import FILE|-
      Stores an instrument or JPT-index version from a file, by the file's "framework" (a new version,
      or a correction of one no submitted assessment or computed JPT index uses yet); the file is
      validated and every problem named by its JSON path.
  score --agency CODE --year YYYY
      The agency's assessment of the year: status, the official score and category (verified levels
      only, once verified) and the total of the self levels for comparison.`

func runEvaluation(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	sub := ""
	if action == "instrument" {
		sub, args = splitAction(args)
	}
	fs := flags(env, "evaluation "+action+" "+sub, "[FILE]")
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprintln(env.Stderr, "\n"+evaluationHelp) }
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	framework := fs.String("framework", evaluation.InstrumentKASN2018, "instrument export: the framework (kasn-2018, permenpanrb-19-2025, or kasn-jpt for the JPT index)")
	version := fs.String("version", "", "instrument export: the version (kasn-jpt: the current one when empty)")
	code := fs.String("agency", "", "score: agency code")
	year := fs.Int("year", merit.Today().Year()-1, "score: the year assessed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case action == "instrument" && (sub == "list" || sub == "export" || sub == "import"), action == "score":
	default:
		fs.Usage()
		return fmt.Errorf("evaluation: unknown action %q", action+" "+sub)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	switch {
	case action == "score":
		return evaluationScore(ctx, env, db, *lang, *code, *year)
	case sub == "list":
		return instrumentList(ctx, env, db, *lang)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("evaluation instrument %s: give one FILE (- for standard input or output)", sub)
	}
	if sub == "export" {
		return instrumentExport(ctx, env, db, evaluation.Framework(*framework), *version, fs.Arg(0))
	}
	return instrumentImport(ctx, env, db, *lang, fs.Arg(0))
}

// instrumentList prints the instrument versions, then the JPT index's.
func instrumentList(ctx context.Context, env *Env, db *sqldb.DB, lang string) error {
	list, err := db.EvaluationInstruments(ctx)
	if err != nil {
		return err
	}
	jpt, err := db.JPTIndexVersions(ctx)
	if err != nil {
		return err
	}
	for _, in := range append(list, jpt...) {
		flag := ""
		if in.Unverified {
			flag = " (" + i18n.T(lang, "evaluation.cli.unverified") + ")"
		}
		fmt.Fprintf(env.Stdout, "%s %s\t%s%s\n", in.Framework, in.Version, in.Name, flag)
	}
	return nil
}

// instrumentExport writes a stored version as its file; the JPT index's
// current version when no version is given.
func instrumentExport(ctx context.Context, env *Env, db *sqldb.DB, framework evaluation.Framework, version, file string) error {
	var write func(io.Writer) error
	if framework == evaluation.InstrumentJPT {
		if version == "" {
			list, err := db.JPTIndexVersions(ctx)
			if err != nil {
				return err
			}
			if len(list) > 0 {
				version = list[len(list)-1].Version
			}
		}
		x, err := db.JPTIndexVersion(ctx, version)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return evaluation.WriteJPTIndex(w, x) }
	} else {
		in, err := db.EvaluationInstrument(ctx, evaluation.InstrumentRef{Framework: framework, Version: version})
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return evaluation.WriteInstrument(w, in) }
	}
	if file == "-" {
		return write(env.Stdout)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// instrumentImport stores the version a file holds, an instrument or the
// JPT index by its "framework".
func instrumentImport(ctx context.Context, env *Env, db *sqldb.DB, lang, file string) error {
	var r io.Reader = env.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if evaluation.FrameworkOf(b) == evaluation.InstrumentJPT {
		x, err := evaluation.ReadJPTIndex(bytes.NewReader(b))
		if err != nil {
			return err
		}
		if err := db.SaveJPTIndex(ctx, x); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.imported", x.Ref().String(), x.Indicators()))
		return nil
	}
	in, err := evaluation.ReadInstrument(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if err := db.SaveEvaluationInstrument(ctx, in); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.imported", in.Ref().String(), len(in.Indicators())))
	return nil
}

// evaluationScore prints the agency's assessment of a year.
func evaluationScore(ctx context.Context, env *Env, db *sqldb.DB, lang, code string, year int) error {
	if code == "" {
		return fmt.Errorf("evaluation score: give --agency CODE")
	}
	a, err := agencyByCode(ctx, db, code)
	if err != nil {
		return err
	}
	list, err := db.MeritAssessments(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, head := range list {
		if head.Year != year {
			continue
		}
		full, err := db.MeritAssessment(ctx, a.ID, head.ID)
		if err != nil {
			return err
		}
		in, err := db.EvaluationInstrument(ctx, full.Instrument)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.assessment", a.Code, year, full.Instrument.String(), string(full.Status)))
		if self, err := in.Total(full.SelfLevels()); err == nil {
			fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.self", self.String()))
		}
		if full.Category == "" { // computed from verified levels when the verification is complete
			fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.no_official"))
			return nil
		}
		fmt.Fprintln(env.Stdout, i18n.T(lang, "evaluation.cli.official", full.Score.String(), full.CategoryLabel))
		return nil
	}
	return merit.Errorf(merit.KindNotFound, "evaluation score", "err.not_found")
}
