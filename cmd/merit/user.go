package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"merit"
	"merit/auth"
)

func init() {
	register("user", "manage accounts: add, passwd, list", runUser)
}

func runUser(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "user "+action, "")
	dsn := dbFlag(env, fs)
	username := fs.String("username", "", "username used to sign in")
	name := fs.String("name", "", "full name shown in the UI (add)")
	agency := fs.String("agency", "", "agency code the role applies to; several comma-separated, e.g. an evaluator's (add)")
	role := fs.String("role", string(merit.RoleOperator), "role in the agency: admin, operator, viewer, evaluator, ppk, pansel, asesor or employee (with --nip) (add)")
	password := fs.String("password", "", "password; when empty it is read from MERIT_PASSWORD or standard input")
	nipFlag := fs.String("nip", "", "NIP of the own record of an employee account (--role employee); it is also the default username (add)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	// newHash reads a new password (flag, MERIT_PASSWORD or standard input),
	// checks it and returns its hash.
	newHash := func() (string, error) {
		pw := *password
		if pw == "" {
			pw = env.Getenv("MERIT_PASSWORD")
		}
		if pw == "" {
			fmt.Fprint(env.Stderr, "password: ")
			line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
			pw = strings.TrimRight(line, "\r\n")
		}
		if err := auth.ValidatePassword(pw); err != nil {
			return "", err
		}
		return auth.HashPassword(pw, auth.Default)
	}
	switch action {
	case "add":
		u := &merit.User{Username: *username, Name: *name}
		var codes []string
		for _, code := range strings.Split(*agency, ",") {
			a, err := agencyByCode(ctx, db, strings.TrimSpace(code))
			if err != nil {
				return err
			}
			u.Grants = append(u.Grants, merit.Grant{AgencyID: a.ID, Role: merit.Role(*role)})
			codes = append(codes, a.Code)
		}
		hash, err := newHash()
		if err != nil {
			return err
		}
		if *nipFlag != "" {
			e, err := db.FindEmployeeByNIP(ctx, u.Grants[0].AgencyID, strings.TrimSpace(*nipFlag))
			if err != nil {
				return err
			}
			u.Grants[0].EmployeeID = e.ID
			if u.Username == "" {
				u.Username = e.NIP
			}
			if u.Name == "" {
				u.Name = e.Name
			}
		}
		if err := db.CreateUser(ctx, u, hash); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "user %s added as %s of %s\n", u.Username, *role, strings.Join(codes, ", "))
	case "passwd":
		u, _, err := db.UserForSignIn(ctx, strings.ToLower(*username))
		if err != nil {
			return err
		}
		hash, err := newHash()
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "password of %s changed; their sessions are ended\n", u.Username)
	case "list":
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			var grants []string
			for _, g := range u.Grants {
				grants = append(grants, string(g.Role)+"@"+g.AgencyCode)
			}
			fmt.Fprintf(env.Stdout, "%-24s %-32s %s\n", u.Username, u.Name, strings.Join(grants, ", "))
		}
	default:
		fs.Usage()
		return fmt.Errorf("user: unknown action %q (use add, passwd or list)", action)
	}
	return nil
}
