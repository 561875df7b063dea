package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"merit"
	"merit/i18n"
	"merit/importer"
	"merit/ipasn"
)

func init() {
	register("ipasn", "IP ASN: recompute (--agency CODE or --all), import official SIASN values", runIPASN)
}

const ipasnHelp = `Actions:
  recompute --agency CODE | --all [--on YYYY-MM-DD]
      Re-reads the inputs of the employees changed since the last recompute (every input on the
      first run, after an import or a new table version), scores every employee as of --on (default
      today) and stores the scores that changed. Run it nightly; the profile shows the value of the
      moment anyway.
  import --agency CODE [--year YYYY] [--dry-run] FILE.csv|FILE.xlsx
      Stores official IP ASN values from SIASN (columns nipBaru, tahun, kualifikasi, kompetensi,
      kinerja, disiplin, nilaiIpAsn), all or nothing, for the reconciliation.`

func runIPASN(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "ipasn "+action, "FILE")
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprintln(env.Stderr, "\n"+ipasnHelp) }
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	code := fs.String("agency", "", "agency code")
	all := fs.Bool("all", false, "recompute: every agency")
	onFlag := fs.String("on", "", "recompute: the measurement date, YYYY-MM-DD (default: today)")
	year := fs.Int("year", merit.Today().Year()-1, "import: the year of rows without a tahun column")
	dryRun := fs.Bool("dry-run", false, "import: check the file and store nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	switch action {
	case "recompute":
		on := merit.Today()
		if *onFlag != "" {
			if on, err = merit.ParseDate(*onFlag); err != nil {
				return fmt.Errorf("ipasn recompute: --on %q is not a date", *onFlag)
			}
		}
		var agencies []*merit.Agency
		switch {
		case *all && *code == "":
			if agencies, err = db.FindAgencies(ctx); err != nil {
				return err
			}
		case *code != "" && !*all:
			a, err := agencyByCode(ctx, db, *code)
			if err != nil {
				return err
			}
			agencies = []*merit.Agency{a}
		default:
			fs.Usage()
			return fmt.Errorf("ipasn recompute: give --agency CODE or --all")
		}
		for _, a := range agencies {
			started := time.Now()
			res, err := db.RecomputeIPASN(ctx, a.ID, ipasn.Current, on, stageProgress(env, *lang))
			if err != nil {
				return fmt.Errorf("%s: %w", a.Code, err)
			}
			fmt.Fprintln(env.Stdout, i18n.T(*lang, "ipasn.cli.done", a.Code, i18n.Number(*lang, res.Employees),
				i18n.Number(*lang, res.Refreshed), i18n.Number(*lang, res.Changed), time.Since(started).Round(10*time.Millisecond)))
		}
		return nil
	case "import":
		if *code == "" || fs.NArg() != 1 {
			fs.Usage()
			return fmt.Errorf("ipasn import: give --agency CODE and one file")
		}
		a, err := agencyByCode(ctx, db, *code)
		if err != nil {
			return err
		}
		format, err := importer.FormatOf(fs.Arg(0))
		if err != nil {
			return err
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		rep, err := importer.IPASNOfficial(ctx, db, f, *year, importer.Options{AgencyID: a.ID, Format: format, DryRun: *dryRun})
		if err != nil {
			return err
		}
		if len(rep.Errors) > 0 {
			fmt.Fprintln(env.Stderr, i18n.T(*lang, "ipasn.import_failed"))
			for _, e := range rep.Errors {
				fmt.Fprintln(env.Stderr, "  "+e.Text(*lang))
			}
			return merit.Errorf(merit.KindInvalid, "ipasn import", "err.invalid")
		}
		key := "ipasn.import_done"
		if !rep.Written {
			key = "ipasn.import_dry"
		}
		fmt.Fprintln(env.Stdout, i18n.T(*lang, key, i18n.Number(*lang, rep.Inserted)))
		return nil
	}
	fs.Usage()
	return fmt.Errorf("ipasn: unknown action %q (use recompute or import)", action)
}

// stageProgress shows a recompute's progress on stderr: a line per stage
// and, for long stages, every two seconds.
func stageProgress(env *Env, lang string) func(stage string, done, total int) {
	last, printed := "", time.Time{}
	return func(stage string, done, total int) {
		now := time.Now()
		if stage == last && now.Sub(printed) < plainEvery && done < total {
			return
		}
		last, printed = stage, now
		fmt.Fprintf(env.Stderr, "  %s: %s / %s\n", i18n.T(lang, "ipasn.cli.stage."+stage), i18n.Number(lang, done), i18n.Number(lang, total))
	}
}
