package main

import (
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
	register("evaluation", "merit-system evaluation: export or import an instrument file (platform level), show an agency's score of a year", runEvaluation)
}

const evaluationHelp = `Actions:
  instrument list
      The stored instrument versions (national: the same for every agency).
  instrument export --framework kasn-2018 --version 2019.1 FILE|-
      Writes an instrument version as the JSON file the import reads.
  instrument import FILE|-
      Stores an instrument version from a file (a new version, or a correction of one no submitted
      assessment uses yet); the file is validated and every problem named by its JSON path.
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
	framework := fs.String("framework", evaluation.InstrumentKASN2018, "instrument export: the framework")
	version := fs.String("version", "", "instrument export: the version")
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
		list, err := db.EvaluationInstruments(ctx)
		if err != nil {
			return err
		}
		for _, in := range list {
			flag := ""
			if in.Unverified {
				flag = " (" + i18n.T(*lang, "evaluation.cli.unverified") + ")"
			}
			fmt.Fprintf(env.Stdout, "%s %s\t%s%s\n", in.Framework, in.Version, in.Name, flag)
		}
		return nil
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("evaluation instrument %s: give one FILE (- for standard input or output)", sub)
	}
	file := fs.Arg(0)
	if sub == "export" {
		in, err := db.EvaluationInstrument(ctx, evaluation.InstrumentRef{Framework: evaluation.Framework(*framework), Version: *version})
		if err != nil {
			return err
		}
		w := env.Stdout
		if file != "-" {
			f, err := os.Create(file)
			if err != nil {
				return err
			}
			defer f.Close()
			w = f
		}
		if err := evaluation.WriteInstrument(w, in); err != nil {
			return err
		}
		if f, ok := w.(*os.File); ok {
			return f.Close()
		}
		return nil
	}
	var r io.Reader = env.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	in, err := evaluation.ReadInstrument(r)
	if err != nil {
		return err
	}
	if err := db.SaveEvaluationInstrument(ctx, in); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T(*lang, "evaluation.cli.imported", in.Ref().String(), len(in.Indicators())))
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
