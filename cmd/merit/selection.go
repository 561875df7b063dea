package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"merit"
	"merit/selection/report"
	"merit/sqldb"
	"merit/web"
)

func init() {
	register("selection", "open selections of JPT posts: list, verify the published seals, write the report (pdf, xlsx)", runSelection)
}

const selectionHelp = `Actions:
  list --agency CODE
      The agency's selections: id, status, title.
  verify --agency CODE --selection ID [--stage STAGE]
      Recomputes every seal of the selection (or of one stage, by id or kind): each stored canonical
      file against its published hash and chain, and the latest seal of each stage against the
      scores stored now. Prints one line per seal; exits non-zero when any does not hold (a score
      edited in the database without an amendment shows as "scores").
  report --agency CODE --selection ID --format pdf|xlsx [--out FILE] [--lang id|en]
      The report for the supervisor (BKN): plan, panel, candidates, results and ranks per post,
      top three, the PPK's decision, seals and amendments. Written to FILE or standard output.`

// sealProblems says in words what each problem of a seal means.
var sealProblems = map[string]string{
	"file":   "MISMATCH: the stored canonical file does not give the published hash",
	"scores": "MISMATCH: the stored scores no longer give the published hash (changed without an amendment)",
	"chain":  "MISMATCH: the seal does not name its predecessor's hash",
}

func runSelection(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "selection "+action, "")
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprintln(env.Stderr, "\n"+selectionHelp) }
	dsn := dbFlag(env, fs)
	lang := langFlag(env, fs)
	code := fs.String("agency", "", "agency code")
	id := fs.Int64("selection", 0, "selection id (see list)")
	stage := fs.String("stage", "", "verify: only this stage, by id or kind (e.g. asesmen)")
	format := fs.String("format", "pdf", "report: pdf or xlsx")
	out := fs.String("out", "", "report: the file to write (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if action != "list" && action != "verify" && action != "report" {
		fs.Usage()
		return fmt.Errorf("selection: unknown action %q (use list, verify or report)", action)
	}
	if action != "list" && *id == 0 {
		return merit.Invalid("selection", merit.FieldError{Field: "selection", Code: "field.required"})
	}
	if action == "report" && *format != "pdf" && *format != "xlsx" {
		return merit.Invalid("selection", merit.FieldError{Field: "format", Code: "field.unknown_ref", Value: *format})
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	a, err := agencyByCode(ctx, db, *code)
	if err != nil {
		return err
	}
	switch action {
	case "list":
		list, err := db.Selections(ctx, a.ID, sqldb.SelectionFilter{})
		if err != nil {
			return err
		}
		for _, s := range list {
			fmt.Fprintf(env.Stdout, "%6d %-10s %s\n", s.ID, s.Status, s.Title)
		}
		return nil
	case "verify":
		return verifySeals(ctx, env, db, a.ID, *id, *stage)
	}
	rec, err := db.SelectionRecord(ctx, a.ID, *id)
	if err != nil {
		return err
	}
	rep, err := report.New(a.Name, rec, db.Now())
	if err != nil {
		return err
	}
	var w io.Writer = env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if *format == "xlsx" {
		return rep.XLSX(w, *lang)
	}
	regular, bold := web.PDFFonts()
	return rep.PDF(w, *lang, report.Fonts{Regular: regular, Bold: bold})
}

// verifySeals prints one line per seal of the selection (or of the stage
// named by id or kind) and returns a KindConflict error when any does not
// hold.
func verifySeals(ctx context.Context, env *Env, db *sqldb.DB, agencyID, selectionID int64, stage string) error {
	var stageID int64
	if stage != "" {
		s, err := db.Selection(ctx, agencyID, selectionID)
		if err != nil {
			return err
		}
		for _, st := range s.Stages {
			if string(st.Kind) == stage || fmt.Sprint(st.ID) == stage {
				stageID = st.ID
			}
		}
		if stageID == 0 {
			return merit.Invalid("selection verify", merit.FieldError{Field: "stage", Code: "field.unknown_ref", Value: stage})
		}
	}
	checks, err := db.VerifySelectionSeals(ctx, agencyID, selectionID, stageID)
	if err != nil {
		return err
	}
	var bad []string
	for _, c := range checks {
		verdict := "ok"
		if c.Problem != "" {
			verdict = sealProblems[c.Problem]
			bad = append(bad, fmt.Sprintf("%s #%d", c.Kind, c.Seq))
		}
		fmt.Fprintf(env.Stdout, "%-12s seal #%d %s: %s\n", c.Kind, c.Seq, c.Hash, verdict)
	}
	if len(bad) > 0 {
		return merit.Errorf(merit.KindConflict, "selection verify: seals that do not hold: "+strings.Join(bad, ", "), "selection.err.seal_mismatch")
	}
	fmt.Fprintf(env.Stdout, "%d seals hold\n", len(checks))
	return nil
}
