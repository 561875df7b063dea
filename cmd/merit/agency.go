package main

import (
	"context"
	"fmt"
	"strings"

	"merit"
)

func init() {
	register("agency", "manage agencies (instansi): add, list", runAgency)
}

func runAgency(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "agency "+action, "")
	dsn := dbFlag(env, fs)
	code := fs.String("code", "", "short code used in URLs, e.g. kota-magelang (add)")
	name := fs.String("name", "", "full name, e.g. \"Pemerintah Kota Magelang\" (add)")
	kind := fs.String("kind", "KOTA", "PUSAT, PROVINSI, KABUPATEN or KOTA (add)")
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
	case "add":
		a := &merit.Agency{Code: *code, Name: *name, Kind: strings.ToUpper(*kind)}
		if err := db.CreateAgency(ctx, a); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "agency %s (%s) added\n", a.Code, a.Name)
	case "list":
		agencies, err := db.FindAgencies(ctx)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			fmt.Fprintf(env.Stdout, "%-28s %-10s %s\n", a.Code, a.Kind, a.Name)
		}
	default:
		fs.Usage()
		return fmt.Errorf("agency: unknown action %q (use add or list)", action)
	}
	return nil
}
