package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"merit"
	"merit/demo"
	"merit/i18n"
	"merit/sqldb"
)

func init() {
	register("demo", "create demo agencies with realistic employees and demo users (for trying Merit and benchmarks)", runDemo)
}

const demoHelp = `Creates M agencies (the first a Pemkot modelled on Kota Magelang, then other kota and kabupaten of
Central Java) of N employees each, with units, positions, histories and three users per agency:
admin.<name>, operator.<name> and viewer.<name>, password ` + demo.Password + `.
The same --seed and --today always give the same data. An agency code that already has employees is
skipped, never changed; an empty one (left by an interrupted run) is filled. Each agency is written
in one transaction. Never run it against a production database: the demo password is public.`

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "demo", "")
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprintln(env.Stderr, "\n"+demoHelp) }
	dsn := dbFlag(env, fs)
	seed := fs.Int64("seed", 1, "random seed; the same seed and --today give the same data")
	agencies := fs.Int("agencies", 1, "number of agencies to create")
	employees := fs.Int("employees", demo.DefaultEmployees, "employees per agency")
	todayFlag := fs.String("today", "", "date ages and dates are generated against, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *agencies < 1 || *employees < 1 {
		return fmt.Errorf("demo: --agencies and --employees must be at least 1")
	}
	today := merit.Today()
	if *todayFlag != "" {
		d, err := merit.ParseDate(*todayFlag)
		if err != nil || d.After(today) {
			return fmt.Errorf("demo: --today %q is not a date up to today", *todayFlag)
		}
		today = d
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	lang := envOr(env, "MERIT_LANG", i18n.ID)
	res, err := demo.Generate(system(ctx), db, demo.Options{Seed: *seed, Agencies: *agencies, Employees: *employees, Today: today,
		Progress: func(ar demo.AgencyResult) {
			if ar.Skipped {
				fmt.Fprintf(env.Stdout, "%-22s %s: skipped, it already has employees\n", ar.Agency.Code, ar.Agency.Name)
				return
			}
			fmt.Fprintf(env.Stdout, "%-22s %s: %s employees in %s\n", ar.Agency.Code, ar.Agency.Name,
				i18n.Number(lang, ar.Employees), ar.Elapsed.Round(10*time.Millisecond))
		}})
	if err != nil {
		return err
	}
	printSignIns(env.Stdout, "http://"+displayAddr(envOr(env, "MERIT_ADDR", ":8080")), res)
	return nil
}

// loadDemoIfEmpty loads the default demo agencies when the database has none
// (merit serve --demo, which make run uses) and prints its sign-ins. On later
// starts it reminds of the demo sign-in while the demo admin exists.
func loadDemoIfEmpty(ctx context.Context, env *Env, db *sqldb.DB, addr string) error {
	ctx = system(ctx)
	url := "http://" + displayAddr(addr)
	pending, err := demo.Pending(ctx, db)
	if err != nil {
		return err
	}
	if !pending {
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		admin := string(merit.RoleAdmin) + "." + demo.Templates()[0].Short
		for _, u := range users {
			if u.Username == admin {
				fmt.Fprintf(env.Stdout, "Demo: masuk / sign in at %s as %s, password %s (unless changed)\n", url, admin, demo.Password)
			}
		}
		return nil
	}
	fmt.Fprintln(env.Stdout, "Database kosong: membuat data demo / empty database: creating demo data ...")
	res, err := demo.Generate(ctx, db, demo.Options{Seed: 1, Agencies: demo.ServeAgencies})
	if err != nil {
		return err
	}
	printSignIns(env.Stdout, url, res)
	return nil
}

// printSignIns prints the demo users of the agencies just created in a box.
func printSignIns(w io.Writer, url string, res *demo.Result) {
	var lines []string
	for _, ar := range res.Agencies {
		if ar.Skipped || len(ar.SignIns) == 0 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s (%s)", ar.Agency.Name, ar.Agency.Code))
		signIns := ar.SignIns
		if ar.Employee.Username != "" {
			signIns = append(signIns[:len(signIns):len(signIns)], ar.Employee)
		}
		for _, si := range signIns {
			lines = append(lines, fmt.Sprintf("  user: %-24s password: %s   (%s)", si.Username, res.Password, si.Role))
		}
	}
	if ev := res.Evaluator; ev != nil {
		lines = append(lines, "Evaluator", fmt.Sprintf("  user: %-24s password: %s   (%s)", ev.Username, res.Password, ev.Role))
	}
	if len(lines) == 0 {
		return
	}
	lines = append([]string{"Masuk / Sign in: " + url, ""}, lines...)
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	bar := strings.Repeat("─", width+2)
	fmt.Fprintln(w, "┌"+bar+"┐")
	for _, l := range lines {
		fmt.Fprintf(w, "│ %s%s │\n", l, strings.Repeat(" ", width-utf8.RuneCountInString(l)))
	}
	fmt.Fprintln(w, "└"+bar+"┘")
}
