// Command merit is the one binary of Merit: the web server, the JSON API and
// the administration commands (migrate, demo data, import, export, backup,
// users, audit trail).
//
//	merit serve                  serve the web UI and API (default sqlite:data/merit.db)
//	merit import employees ...   import a SIASN-style CSV or XLSX file
//	merit audit verify           check the audit trail's hash chains
//	merit help COMMAND           help for one command
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"merit"
	"merit/i18n"
	"merit/sqldb"
)

// command is one subcommand: its one-line summary and its function, which
// parses its own flags from args.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the table of subcommands.
var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, env *Env, args []string) error) {
	commands[name] = command{summary, run}
}

// Env is what every command shares: its output streams and the environment
// lookup (tests replace these).
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv}
	err := Run(ctx, env, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "merit:", describe(env, err))
		}
		os.Exit(exitCode(err))
	}
}

// Run runs the subcommand named by args[0].
func Run(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		usage(env.Stdout)
		return nil
	}
	name, rest := args[0], args[1:]
	if name == "help" {
		name, rest = args[1], []string{"--help"}
	}
	cmd, ok := commands[name]
	if !ok {
		usage(env.Stderr)
		return fmt.Errorf("unknown command %q", name)
	}
	return cmd.run(ctx, env, rest)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Merit: manajemen ASN berbasis sistem merit / merit-system management of Indonesian civil servants.")
	fmt.Fprintln(w, "\nUsage: merit COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'merit COMMAND --help' for a command's flags. Every flag has an environment fallback (MERIT_DB, MERIT_ADDR, ...).")
}

// flags returns a FlagSet for a command whose usage names the command, its
// arguments and its summary.
func flags(env *Env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: merit %s [flags] %s\n\n%s\n\nFlags:\n", name, args, commands[strings.Fields(name)[0]].summary)
		fs.PrintDefaults()
	}
	return fs
}

// dbFlag adds --db with its MERIT_DB fallback.
func dbFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("db", envOr(env, "MERIT_DB", "sqlite:data/merit.db"), "database: sqlite:PATH or postgres://... (env MERIT_DB)")
}

// langFlag adds --lang for messages printed by the command.
func langFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("lang", envOr(env, "MERIT_LANG", i18n.ID), "language of messages: id or en (env MERIT_LANG)")
}

func envOr(env *Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}

// openDB opens and migrates the database.
func openDB(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// system returns a context in which the command acts as the system.
func system(ctx context.Context) context.Context { return merit.WithActor(ctx, merit.SystemActor) }

// describe renders an error for the terminal: field errors translated.
func describe(env *Env, err error) string {
	if merit.KindOf(err) == merit.KindInternal {
		return err.Error()
	}
	return i18n.Error(envOr(env, "MERIT_LANG", i18n.ID), err)
}

// exitCode: 2 for bad usage or input, 1 for everything else.
func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindNotFound || k == merit.KindConflict {
		return 2
	}
	return 1
}

// agencyByCode finds an agency by its code as the system.
func agencyByCode(ctx context.Context, db *sqldb.DB, code string) (*merit.Agency, error) {
	if code == "" {
		return nil, merit.Invalid("agency", merit.FieldError{Field: "agency", Code: "field.required"})
	}
	return db.FindAgencyByCode(system(ctx), code)
}

// splitAction splits "add --flag x" into the action word and its flags.
func splitAction(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}
